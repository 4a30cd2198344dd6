/* fuzz_proxy.c: the --trusted-proxy list and the X-Forwarded-For walk (http/proxy.c).
 *
 * The input is "LIST\nHEADER": LIST goes to proxies_parse (any bytes), HEADER to
 * proxies_client behind the list (or 127.0.0.1 when the list is refused) from a trusted and
 * from an untrusted peer. Properties: nothing crashes; whatever the header holds, the
 * address is a canonical address (inet_ntop of what inet_pton reads back), never the
 * client's bytes; from an untrusted peer it is the peer's; and from a trusted peer it is
 * the peer's or one of the header's entries. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/proxy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void canonical(const char *got)
{
	unsigned char a[16];
	char back[PROXY_ADDR_LEN];
	int family = strchr(got, ':') ? AF_INET6 : AF_INET;
	if (inet_pton(family, got, a) != 1 || !inet_ntop(family, a, back, sizeof(back)) ||
	    strcmp(back, got) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	char *nl = strchr(s, '\n');
	const char *xff = NULL;
	if (nl) {
		*nl = '\0';
		xff = nl + 1;
	}
	struct proxies p;
	if (proxies_parse(s, &p) && proxies_parse("127.0.0.1", &p))
		__builtin_trap();
	if (p.n == 0 || p.n > PROXY_NETS_MAX)
		__builtin_trap();

	struct sockaddr_in peer = { .sin_family = AF_INET };
	char got[PROXY_ADDR_LEN];
	/* An untrusted peer: its own address, whatever the header says. */
	inet_pton(AF_INET, "192.0.2.1", &peer.sin_addr);
	proxies_client(&p, (const struct sockaddr *)&peer, xff, got);
	if (!proxies_trust(&p, AF_INET, &peer.sin_addr) && strcmp(got, "192.0.2.1") != 0)
		__builtin_trap();
	canonical(got);
	/* A trusted peer: the first address of the list's first network. */
	if (p.net[0].family == AF_INET) {
		memcpy(&peer.sin_addr, p.net[0].addr, 4);
		proxies_client(&p, (const struct sockaddr *)&peer, xff, got);
	} else {
		struct sockaddr_in6 peer6 = { .sin6_family = AF_INET6 };
		memcpy(&peer6.sin6_addr, p.net[0].addr, 16);
		proxies_client(&p, (const struct sockaddr *)&peer6, xff, got);
	}
	canonical(got);
	free(s);
	return 0;
}
