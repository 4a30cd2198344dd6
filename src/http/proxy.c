/* proxy.c: the client's address behind trusted reverse proxies (see proxy.h). */
#include "http/proxy.h"

#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"

/* An address of len bytes at s (spaces around it allowed) into family and addr; an
 * IPv4-mapped IPv6 address becomes IPv4. */
static bool parse_addr(const char *s, size_t len, int *family, unsigned char addr[16])
{
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	char buf[PROXY_ADDR_LEN];
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, addr) == 1) {
		*family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, buf, addr) != 1)
		return false;
	*family = AF_INET6;
	if (IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)(const void *)addr)) {
		memmove(addr, addr + 12, 4);
		*family = AF_INET;
	}
	return true;
}

int proxies_parse(const char *spec, struct proxies *out)
{
	memset(out, 0, sizeof(*out));
	for (const char *p = spec; p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		const char *slash = memchr(p, '/', len);
		if (out->n == PROXY_NETS_MAX)
			return K_EINVAL;
		struct proxy_net *n = &out->net[out->n++];
		if (!parse_addr(p, slash ? (size_t)(slash - p) : len, &n->family, n->addr))
			return K_EINVAL;
		int max = n->family == AF_INET ? 32 : 128;
		n->prefix = max;
		if (slash) {
			char bits[8];
			size_t blen = len - (size_t)(slash - p) - 1;
			int64_t v;
			if (!blen || blen >= sizeof(bits))
				return K_EINVAL;
			memcpy(bits, slash + 1, blen);
			bits[blen] = '\0';
			if (parse_i64(bits, 0, max, &v))
				return K_EINVAL;
			n->prefix = (int)v;
		}
		p = end ? end + 1 : NULL;
	}
	return out->n ? 0 : K_EINVAL;
}

static bool in_net(const struct proxy_net *n, int family, const unsigned char *a)
{
	if (n->family != family)
		return false;
	int full = n->prefix / 8, rest = n->prefix % 8;
	if (memcmp(n->addr, a, (size_t)full) != 0)
		return false;
	if (!rest)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (n->addr[full] & mask) == (a[full] & mask);
}

bool proxies_trust(const struct proxies *p, int family, const void *addr)
{
	unsigned char a[16];
	memcpy(a, addr, family == AF_INET ? 4 : 16);
	if (family == AF_INET6 && IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)addr)) {
		memmove(a, a + 12, 4);
		family = AF_INET;
	}
	for (size_t i = 0; p && i < p->n; i++)
		if (in_net(&p->net[i], family, a))
			return true;
	return false;
}

void proxies_client(const struct proxies *p, const struct sockaddr *peer, const char *xff,
		    char out[PROXY_ADDR_LEN])
{
	snprintf(out, PROXY_ADDR_LEN, "?");
	int family;
	unsigned char addr[16];
	if (peer && peer->sa_family == AF_INET) {
		family = AF_INET;
		memcpy(addr, &((const struct sockaddr_in *)(const void *)peer)->sin_addr, 4);
	} else if (peer && peer->sa_family == AF_INET6) {
		family = AF_INET6;
		memcpy(addr, &((const struct sockaddr_in6 *)(const void *)peer)->sin6_addr, 16);
	} else {
		return;
	}
	inet_ntop(family, addr, out, PROXY_ADDR_LEN);
	if (!p || !p->n || !proxies_trust(p, family, addr) || !xff)
		return;
	/* From the right: each entry was written by the hop after it; stop at the first
	 * that is not a trusted proxy. */
	size_t end = strlen(xff);
	while (end) {
		size_t start = end;
		while (start && xff[start - 1] != ',')
			start--;
		if (!parse_addr(xff + start, end - start, &family, addr))
			return;
		inet_ntop(family, addr, out, PROXY_ADDR_LEN);
		if (!proxies_trust(p, family, addr))
			return;
		end = start ? start - 1 : 0;
	}
}
