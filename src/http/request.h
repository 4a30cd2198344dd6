/* request.h: a request as the handlers see it, and what they answer with.
 *
 * The request owns an arena (everything a handler allocates), the collected body, and the
 * response being built; it is freed once, when libmicrohttpd reports it complete. The
 * database connection is taken from the pool when first asked for and given back at the
 * end. Handlers never include microhttpd.h: they use these accessors. */
#ifndef KOMEK_HTTP_REQUEST_H
#define KOMEK_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/buf.h"
#include "domain/access.h"
#include "store/db.h"

#define HTTP_BODY_MAX (1u << 20)    /* forms and JSON */
#define HTTP_UPLOAD_MAX (16u << 20) /* a route that takes a file (RT_UPLOAD) */
#define HTTP_OUT_MAX (32u << 20)    /* one response */
#define HTTP_FORM_FIELDS_MAX 256
#define HTTP_PATH_PARAMS_MAX 4
#define HTTP_HEADERS_MAX 8

struct audit_writer;
struct proxies;

struct app {
	struct db *db;
	struct audit_writer *audit;    /* batched audit of reads */
	bool secure_cookies;           /* behind TLS: cookies get the Secure flag */
	const struct proxies *proxies; /* trusted reverse proxies (http/proxy.h), or NULL */
	int threads;
};

struct form_field {
	const char *name, *value;
};

struct form {
	struct form_field *f;
	size_t n;
};

struct req_conn; /* the libmicrohttpd side, private to http/ */

struct req {
	const struct app *app;
	struct req_conn *conn;
	struct arena arena;
	const char *method, *path;
	struct buf body;
	bool body_too_big;
	int64_t t0;

	/* Filled by the router before the handler runs. */
	struct actor *who; /* NULL when not logged in */
	const char *token; /* the session or bearer token of this request */
	const char *lang;  /* "kk", "ru" or "en" */
	const char *today; /* YYYY-MM-DD */
	bool api;
	int64_t param[HTTP_PATH_PARAMS_MAX];
	const char *sparam; /* a {name} segment: [a-z_]{1,40} */
	struct form form;   /* a parsed urlencoded body, or a multipart body's fields */
	struct {
		const char *filename; /* as the browser named it, without folders */
		struct buf data;
		bool present;
	} upload;             /* the file of a multipart body (RT_UPLOAD) */
	const char *csrf_pre; /* the CSRF token of a visitor not logged in, once made */

	/* The answer. */
	int status;
	const char *ctype;
	struct buf out;
	struct {
		const char *name, *value;
	} headers[HTTP_HEADERS_MAX];
	size_t nheaders;

	struct dbconn *dbc; /* taken lazily by req_db */
	bool read_tx;       /* dbc holds this GET's read transaction */
};

/* The request's database connection (taken from the pool on first use). A GET or HEAD
 * reads in one transaction, so that all it shows comes from one snapshot: its handler
 * never writes on this connection (the audit of a view goes through the audit writer). */
struct dbconn *req_db(struct req *r);

/* Values from the URL query, headers and cookies: NULL when absent or not valid UTF-8. */
const char *req_query(struct req *r, const char *name);
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
const char *req_addr(struct req *r);

/* The first value of a form field, NULL when absent or empty. */
const char *req_form(struct req *r, const char *name);
/* Every value of a repeated field (checkboxes); returns the count, at most max. */
size_t req_form_all(struct req *r, const char *name, const char **out, size_t max);

void req_header_add(struct req *r, const char *name, const char *value);
void req_cookie_set(struct req *r, const char *name, const char *value, int64_t max_age);
/* 303 See Other to a local path (a path from the application, never from input as is). */
int req_redirect(struct req *r, const char *path);

/* Parses an application/x-www-form-urlencoded body: K_EINVAL on a malformed escape,
 * invalid UTF-8 or more than HTTP_FORM_FIELDS_MAX fields. Exposed for tests and fuzzing. */
int form_parse(struct arena *a, const char *data, size_t len, struct form *out);
/* Parses a multipart/form-data body (libmicrohttpd's post processor) into r->form and, for
 * the one part with a file name, r->upload: K_EINVAL when malformed, a field is not valid
 * UTF-8 text, or there are too many fields or files. */
int req_parse_multipart(struct req *r);
/* Decodes one URL-encoded component ('+' is a space); NULL if malformed. */
char *url_decode(struct arena *a, const char *s, size_t n);

/* The HTTP status for an internal error code. */
int http_status_for(int rc);

#endif
