/* router.h: the route table and dispatch: which handler answers a method and path, and
 * what it needs first (a web session, an API token, a form with a valid CSRF token). */
#ifndef KOMEK_HTTP_ROUTER_H
#define KOMEK_HTTP_ROUTER_H

#include "http/request.h"

enum {
	RT_PUBLIC = 1u << 0, /* no login needed */
	RT_API = 1u << 1,    /* JSON; a bearer token (or 401) instead of a session cookie */
	RT_FORM = 1u << 2,   /* urlencoded body with a CSRF token */
	RT_JSON = 1u << 3,   /* JSON body */
	/* A file of up to HTTP_UPLOAD_MAX bytes: on the web, a multipart/form-data body with
	 * a CSRF token (req_parse_multipart); in the API, the file itself as the body. */
	RT_UPLOAD = 1u << 4,
};

struct route {
	const char *method;
	const char *pattern; /* "/persons/{id}": {id} matches a positive integer,
			      * {name} a word of [a-z_] */
	int (*handler)(struct req *r);
	unsigned flags;
};

/* NULL-terminated; in http/routes.c. */
extern const struct route routes[];

/* How many bytes of body the route of method and path takes. */
size_t router_body_max(const char *method, const char *path);

/* Runs the request through the table; the response is in r afterwards. */
void router_dispatch(struct req *r);

/* Answers with the error page or JSON envelope for rc (used when a handler fails). */
void router_error(struct req *r, int rc, const char *field, const char *message);

#endif
