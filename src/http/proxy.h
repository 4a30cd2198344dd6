/* proxy.h: the client's address behind trusted reverse proxies.
 *
 * Behind nginx every connection comes from the proxy, so the login throttle, the audit and
 * the access log would see one address for everyone. `komek serve --trusted-proxy LIST`
 * names the proxies (addresses or networks, "127.0.0.1,10.0.0.0/8,::1"); a request whose
 * connection comes from one of them is taken to be from the rightmost address in
 * X-Forwarded-For that is not itself a trusted proxy. Nothing a client writes into the
 * header can move the address past the last proxy it reached through, and a request from
 * anywhere else keeps its socket's address: the header is ignored. */
#ifndef KOMEK_HTTP_PROXY_H
#define KOMEK_HTTP_PROXY_H

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

#define PROXY_NETS_MAX 32
#define PROXY_ADDR_LEN INET6_ADDRSTRLEN

struct proxy_net {
	int family; /* AF_INET or AF_INET6 */
	unsigned char addr[16];
	int prefix; /* bits */
};

struct proxies {
	struct proxy_net net[PROXY_NETS_MAX];
	size_t n;
};

/* Parses a comma-separated list of addresses and networks (ADDR or ADDR/BITS, IPv4 or
 * IPv6); 0, or K_EINVAL naming nothing: the caller says which option was wrong. */
int proxies_parse(const char *spec, struct proxies *out);

/* Whether the address (a struct in_addr or in6_addr of family) is one of the proxies. An
 * IPv4-mapped IPv6 address is compared as IPv4. */
bool proxies_trust(const struct proxies *p, int family, const void *addr);

/* The client's address into out: the peer's, or, when the peer is a trusted proxy, the
 * rightmost entry of xff (the X-Forwarded-For values, joined by commas; may be NULL) that
 * is not a trusted proxy. An entry that is not an address ends the walk: the address is
 * then the last trusted hop's, never a client-written string. */
void proxies_client(const struct proxies *p, const struct sockaddr *peer, const char *xff,
		    char out[PROXY_ADDR_LEN]);

#endif
