/* server.c: libmicrohttpd setup, the per-request lifecycle, accessors and the access log.
 *
 * Lifecycle: the first call of the access handler only creates the request (answering on
 * the first call makes libmicrohttpd 0.9.75 close keep-alive connections); later calls
 * collect the body up to HTTP_BODY_MAX; the last call dispatches and queues the response.
 * The completion callback writes the access-log line (access_log.h), gives the database connection
 * back and frees the request's arena. */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/banned.h"
#include "base/util.h"
#include "http/access_log.h"
#include "http/proxy.h"
#include "http/router.h"
#include "http/url.h"

struct req_conn {
	struct MHD_Connection *mhd;
};

static atomic_int inflight;

struct dbconn *req_db(struct req *r)
{
	if (!r->dbc) {
		r->dbc = db_acquire(r->app->db);
		r->read_tx = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
		if (r->read_tx && db_begin_read(r->dbc))
			r->read_tx = false;
	}
	return r->dbc;
}

/* Gives the connection back to the pool, ending a GET's read transaction. */
static void req_db_release(struct req *r)
{
	if (!r->dbc)
		return;
	if (r->read_tx)
		db_end_read(r->dbc);
	db_release(r->app->db, r->dbc);
	r->dbc = NULL;
}

static const char *valid_or_null(const char *v)
{
	return v && utf8_valid_text(v, strlen(v)) ? v : NULL;
}

const char *req_query(struct req *r, const char *name)
{
	return valid_or_null(
	    MHD_lookup_connection_value(r->conn->mhd, MHD_GET_ARGUMENT_KIND, name));
}

const char *req_header(struct req *r, const char *name)
{
	return valid_or_null(MHD_lookup_connection_value(r->conn->mhd, MHD_HEADER_KIND, name));
}

const char *req_cookie(struct req *r, const char *name)
{
	return valid_or_null(MHD_lookup_connection_value(r->conn->mhd, MHD_COOKIE_KIND, name));
}

/* Joins every X-Forwarded-For header, in the order received, with commas. */
static enum MHD_Result join_xff(void *cls, enum MHD_ValueKind kind, const char *key,
				const char *value)
{
	(void)kind;
	struct buf *b = cls;
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
		buf_printf(b, "%s%s", b->len ? "," : "", value);
	return MHD_YES;
}

const char *req_addr(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn->mhd, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *peer = ci ? ci->client_addr : NULL;
	const struct proxies *p = r->app->proxies;
	char out[PROXY_ADDR_LEN];
	struct buf xff;
	buf_init(&xff, 64 * 1024); /* more than libmicrohttpd lets a request's headers take */
	if (p && p->n)
		MHD_get_connection_values(r->conn->mhd, MHD_HEADER_KIND, join_xff, &xff);
	/* A header cut short would lose its rightmost entries: then none is believed. */
	proxies_client(p, peer, xff.len && !xff.overflow ? xff.data : NULL, out);
	buf_release(&xff);
	return arena_strdup(&r->arena, out);
}

const char *req_form(struct req *r, const char *name)
{
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.f[i].name, name) == 0)
			return *r->form.f[i].value ? r->form.f[i].value : NULL;
	return NULL;
}

size_t req_form_all(struct req *r, const char *name, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->form.n && n < max; i++)
		if (strcmp(r->form.f[i].name, name) == 0 && *r->form.f[i].value)
			out[n++] = r->form.f[i].value;
	return n;
}

void req_header_add(struct req *r, const char *name, const char *value)
{
	if (r->nheaders < HTTP_HEADERS_MAX) {
		r->headers[r->nheaders].name = name;
		r->headers[r->nheaders].value = value;
		r->nheaders++;
	}
}

void req_cookie_set(struct req *r, const char *name, const char *value, int64_t max_age)
{
	req_header_add(r, "Set-Cookie",
		       arena_printf(&r->arena,
				    "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
				    name, value, (long long)max_age,
				    r->app->secure_cookies ? "; Secure" : ""));
}

int req_redirect(struct req *r, const char *path)
{
	r->status = 303;
	req_header_add(r, "Location", path);
	r->ctype = "text/plain; charset=utf-8";
	return 0;
}

int http_status_for(int rc)
{
	switch (rc) {
	case K_OK: return 200;
	case K_ENOTFOUND: return 404;
	case K_EINVAL: return 422;
	case K_ECONFLICT: return 409;
	case K_EFORBIDDEN: return 403;
	case K_EAUTH: return 401;
	case K_ETHROTTLED: return 429;
	case K_ETOOBIG: return 413;
	case K_EFULL: return 503;
	case K_EBUSY: return 503;
	default: return 500;
	}
}

/* A multipart body being parsed: the field being read, gathered until the next begins. */
struct multipart {
	struct req *r;
	struct buf value;
	const char *key; /* of the field in value, or NULL */
	bool file;       /* the part being read is the file */
	bool bad;
	size_t cap;
};

static void multipart_flush(struct multipart *m)
{
	struct req *r = m->r;
	if (!m->key)
		return;
	const char *v = m->value.data ? m->value.data : "";
	if (r->form.n == HTTP_FORM_FIELDS_MAX || !utf8_valid_text(v, m->value.len) ||
	    memchr(v, '\0', m->value.len)) {
		m->bad = true;
	} else {
		m->cap = r->form.n + 1;
		struct form_field *f = arena_alloc(&r->arena, m->cap * sizeof(*f));
		if (r->form.n)
			memcpy(f, r->form.f, r->form.n * sizeof(*f));
		f[r->form.n].name = m->key;
		f[r->form.n].value = arena_strndup(&r->arena, v, m->value.len);
		r->form.f = f;
		r->form.n++;
	}
	m->key = NULL;
	buf_reset(&m->value);
}

static enum MHD_Result multipart_part(void *cls, enum MHD_ValueKind kind, const char *key,
				      const char *filename, const char *ctype, const char *encoding,
				      const char *data, uint64_t off, size_t size)
{
	(void)kind;
	(void)ctype;
	(void)encoding;
	struct multipart *m = cls;
	struct req *r = m->r;
	if (off == 0) {
		multipart_flush(m);
		m->file = filename != NULL;
		if (m->file) {
			/* One file, named as text, without the folders some browsers send. */
			const char *base = strrchr(filename, '/');
			base = base ? base + 1 : filename;
			const char *win = strrchr(base, '\\');
			base = win ? win + 1 : base;
			if (r->upload.present || !utf8_valid_text(base, strlen(base)) ||
			    strlen(base) > 255)
				return m->bad = true, MHD_NO;
			r->upload.present = true;
			r->upload.filename = arena_strdup(&r->arena, base);
		} else {
			if (!key || !utf8_valid_text(key, strlen(key)) || strlen(key) > 64)
				return m->bad = true, MHD_NO;
			m->key = arena_strdup(&r->arena, key);
		}
	}
	struct buf *to = m->file ? &r->upload.data : &m->value;
	if (size && buf_append(to, data, size))
		return m->bad = true, MHD_NO;
	return MHD_YES;
}

int req_parse_multipart(struct req *r)
{
	struct multipart m = { .r = r };
	buf_init(&m.value, HTTP_BODY_MAX);
	r->form.f = NULL;
	r->form.n = 0;
	struct MHD_PostProcessor *pp =
	    MHD_create_post_processor(r->conn->mhd, 65536, multipart_part, &m);
	if (!pp) {
		buf_release(&m.value);
		return K_EINVAL;
	}
	bool ok = !r->body.len || MHD_post_process(pp, r->body.data, r->body.len) == MHD_YES;
	ok = MHD_destroy_post_processor(pp) == MHD_YES && ok;
	multipart_flush(&m);
	buf_release(&m.value);
	return ok && !m.bad ? 0 : K_EINVAL;
}

static void req_free(struct req *r)
{
	req_db_release(r);
	buf_release(&r->body);
	buf_release(&r->upload.data);
	buf_release(&r->out);
	struct arena a = r->arena;
	arena_release(&a);
}

/* Security headers on every answer; the CSP allows no inline script or style at all. */
static void add_common_headers(struct MHD_Response *resp, const struct req *r)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'none'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; font-src 'self'; connect-src 'self'; "
				"form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=()");
	if (strncmp(r->path, "/static/", 8) != 0)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->lang)
		MHD_add_response_header(resp, "Content-Language", r->lang);
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct req *r)
{
	if (r->out.overflow) {
		log_error("http: response to %s %s too large", r->method, r->path);
		buf_reset(&r->out);
		r->out.overflow = false;
		r->status = 500;
		r->ctype = "text/plain; charset=utf-8";
		buf_puts(&r->out, "response too large\n");
		r->nheaders = 0;
	}
	size_t len;
	char *body = buf_detach(&r->out, &len);
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer_with_free_callback(len, body, free);
	if (!resp) {
		free(body);
		return MHD_NO;
	}
	r->out.len = len; /* remembered for the access log */
	MHD_add_response_header(resp, "Content-Type",
				r->ctype ? r->ctype : "text/html; charset=utf-8");
	add_common_headers(resp, r);
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)(r->status ? r->status : 200), resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	(void)version;
	const struct app *app = cls;
	struct req *r = *con_cls;
	if (!r) {
		struct arena a;
		arena_init(&a);
		r = arena_alloc(&a, sizeof(*r));
		r->arena = a;
		r->app = app;
		r->conn = arena_alloc(&r->arena, sizeof(*r->conn));
		r->conn->mhd = c;
		r->method = arena_strdup(&r->arena, method);
		r->path = arena_strdup(&r->arena, url);
		r->t0 = clock_us();
		buf_init(&r->body, router_body_max(method, url));
		buf_init(&r->upload.data, HTTP_UPLOAD_MAX);
		buf_init(&r->out, HTTP_OUT_MAX);
		atomic_fetch_add(&inflight, 1);
		*con_cls = r;
		return MHD_YES;
	}
	if (*upload_size) {
		/* Past the limit the rest is read and dropped, then answered with 413. */
		if (!r->body_too_big && buf_append(&r->body, upload_data, *upload_size))
			r->body_too_big = true;
		*upload_size = 0;
		return MHD_YES;
	}
	router_dispatch(r);
	/* The connection goes back to the pool before the bytes go out. */
	req_db_release(r);
	return send_response(c, r);
}

/* s with every byte outside printable ASCII, and '%' itself, as %XX (arena-owned). */
static const char *log_safe(struct req *r, const char *s)
{
	size_t n = strlen(s);
	char *out = arena_alloc(&r->arena, 3 * n + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p > 0x20 && *p < 0x7f && *p != '%') {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = "0123456789ABCDEF"[*p >> 4];
			*o++ = "0123456789ABCDEF"[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static void on_complete(void *cls, struct MHD_Connection *c, void **con_cls,
			enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	struct req *r = *con_cls;
	if (!r)
		return;
	/* The path only: a query string may carry a name someone searched for. The path and
	 * method are percent-encoded past printable ASCII, so that a request cannot write a
	 * line of its own into the log ("%0A" decodes to a line break). */
	int64_t us = clock_us() - r->t0;
	access_log_line("%s %s %d %zu %lld.%03lldms%s", log_safe(r, r->method),
			log_safe(r, r->path), r->status ? r->status : 200, r->out.len,
			(long long)(us / 1000), (long long)(us % 1000),
			toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (aborted)");
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&inflight, 1);
}

/* The unescape callback for the path and the query: url.h says why it differs from
 * libmicrohttpd's own. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return url_unescape(s);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char line[512];
	vsnprintf(line, sizeof(line), fmt, ap);
	size_t n = strlen(line);
	while (n && line[n - 1] == '\n')
		line[--n] = '\0';
	log_info("http: %s", line);
}

static int parse_listen(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	char host[64];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return K_EINVAL;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	int64_t port;
	if (parse_i64(colon + 1, 0, 65535, &port))
		return K_EINVAL;
	if (host[0] == '[') {
		size_t hl = strlen(host);
		if (hl < 3 || host[hl - 1] != ']')
			return K_EINVAL;
		host[hl - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) != 1)
			return K_EINVAL;
		*len = sizeof(*a6);
		return 0;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host,
		      &a4->sin_addr) != 1)
		return K_EINVAL;
	*len = sizeof(*a4);
	return 0;
}

int server_run(struct app *app, const struct server_opts *opts)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	if (parse_listen(opts->listen, &ss, &sslen)) {
		log_error("serve: cannot use listen address %s (want HOST:PORT)", opts->listen);
		return K_EINVAL;
	}
	/* Signals are taken by this thread with sigwait; every other thread blocks them. */
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	unsigned flags =
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_request, app, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
	    (unsigned)opts->threads, MHD_OPTION_CONNECTION_LIMIT, (unsigned)opts->max_connections,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)opts->max_connections,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)opts->idle_timeout,
	    /* Bounds the request line and headers (and the read buffer). */
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024), MHD_OPTION_UNESCAPE_CALLBACK,
	    unescape, NULL, MHD_OPTION_NOTIFY_COMPLETED, on_complete, NULL, MHD_OPTION_END);
	if (!d) {
		log_error("serve: cannot listen on %s", opts->listen);
		return K_EINVAL;
	}
	if (access_log_start())
		log_error("serve: the access log is written line by line");
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char host[64];
	const char *colon = strrchr(opts->listen, ':');
	snprintf(host, sizeof(host), "%.*s", (int)(colon - opts->listen), opts->listen);
	printf("listening on http://%s:%u/\n", host, di ? di->port : 0);
	fflush(stdout);

	int sig = 0;
	sigwait(&sigs, &sig);
	log_info("serve: signal %d: finishing in-flight requests", sig);
	MHD_quiesce_daemon(d);
	for (int i = 0; i < 1000 && atomic_load(&inflight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(d);
	access_log_stop();
	log_info("serve: stopped");
	return 0;
}
