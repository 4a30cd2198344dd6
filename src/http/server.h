/* server.h: the HTTP server: libmicrohttpd with a thread pool over epoll, its limits, and
 * a graceful stop. */
#ifndef KOMEK_HTTP_SERVER_H
#define KOMEK_HTTP_SERVER_H

#include "http/request.h"

struct server_opts {
	const char *listen; /* "127.0.0.1:8080" or "[::1]:8080"; port 0 picks a free one */
	int threads;
	int max_connections;
	int idle_timeout; /* seconds */
};

/* Serves until SIGINT or SIGTERM, then lets in-flight requests finish (up to 10 s) and
 * returns. Prints "listening on http://ADDR:PORT/" on stdout once ready. */
int server_run(struct app *app, const struct server_opts *opts);

#endif
