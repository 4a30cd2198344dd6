/* router.c: matching a request to a route, authentication, language, body parsing, CSRF,
 * and turning an error code into a page or a JSON error envelope. */
#include "http/router.h"

#include <jansson.h>
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "auth/auth.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "web/pages.h"

#define SESSION_COOKIE "komek_session"
#define PRELOGIN_COOKIE "komek_csrf"

/* Matches pattern against path, filling r->param; true on a match. */
static bool match(const char *pattern, const char *path, struct req *r)
{
	size_t np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (strncmp(p, "{name}", 6) == 0) {
			size_t n = 0;
			while ((s[n] >= 'a' && s[n] <= 'z') || s[n] == '_')
				n++;
			if (!n || n > 40)
				return false;
			r->sparam = arena_strndup(&r->arena, s, n);
			s += n;
			p += 6;
			continue;
		}
		if (*p == '{') {
			const char *close = strchr(p, '}');
			int64_t v = 0;
			size_t digits = 0;
			while (*s >= '0' && *s <= '9' && digits < 18)
				v = v * 10 + (*s++ - '0'), digits++;
			if (!digits || v <= 0 || (*s >= '0' && *s <= '9') ||
			    np >= HTTP_PATH_PARAMS_MAX)
				return false;
			r->param[np++] = v;
			p = close + 1;
			continue;
		}
		if (*p != *s)
			return false;
		p++, s++;
	}
	return *p == '\0' && *s == '\0';
}

/* The error page or JSON envelope for an HTTP status; the envelope's code follows it. */
static void answer_error(struct req *r, int status, const char *field, const char *message)
{
	r->status = status;
	if (r->status == 500)
		message =
		    N_("Something went wrong on our side. Nothing was saved; please try again.");
	else if (r->status == 503 && !message) /* K_EFULL */
		message =
		    N_("The server has run out of storage space, so nothing was saved. Please "
		       "tell your administrator and try again later.");
	if (!message) {
		switch (r->status) {
		case 404: message = N_("Not found."); break;
		case 403: message = N_("You are not allowed to do this."); break;
		case 401: message = N_("Please log in."); break;
		case 409:
			message = N_("Someone else changed this record. Reload it and try again.");
			break;
		case 413: message = N_("The request is too large."); break;
		case 429: message = N_("Too many attempts. Try again later."); break;
		case 405: message = N_("This method is not allowed here."); break;
		default: message = N_("The request is not valid."); break;
		}
	}
	buf_reset(&r->out);
	r->nheaders = 0;
	if (r->api) {
		api_error(r, r->status, field, message);
		return;
	}
	page_error(r, r->status, message);
}

void router_error(struct req *r, int rc, const char *field, const char *message)
{
	if (rc == K_EBUSY && !message)
		message =
		    N_("The registry is busy with a long task, such as an import. Nothing was "
		       "saved; try again in a minute.");
	answer_error(r, http_status_for(rc), field, message);
}

/* The session of a web request (cookie) or an API request (bearer token). */
/* 0 with r->who set or not (no token, an unknown, expired or revoked one); an error of
 * the database otherwise, which must not pass for "not logged in" (a 401 would send a user
 * to the login page because a connection dropped). */
static int authenticate(struct req *r)
{
	const char *token = NULL;
	if (r->api) {
		const char *h = req_header(r, "Authorization");
		if (h && strncmp(h, "Bearer ", 7) == 0)
			token = h + 7;
	} else {
		token = req_cookie(r, SESSION_COOKIE);
	}
	if (!token)
		return 0;
	struct actor *who = arena_alloc(&r->arena, sizeof(*who));
	int rc = auth_session(req_db(r), &r->arena, token, r->api ? "api" : "web", who);
	if (rc == 0) {
		who->addr = req_addr(r);
		r->who = who;
		r->token = arena_strdup(&r->arena, token);
	}
	return rc == K_ENOTFOUND ? 0 : rc;
}

static const char *choose_lang(struct req *r)
{
	/* An API client says what it wants per request; a person picks once, in their profile. */
	const char *l = r->api ? i18n_accept(req_header(r, "Accept-Language")) : NULL;
	if (!l && r->who)
		l = i18n_lang(r->who->lang);
	if (!l)
		l = i18n_lang(req_cookie(r, "lang"));
	if (!l)
		l = i18n_accept(req_header(r, "Accept-Language"));
	return l ? l : I18N_DEFAULT;
}

static bool csrf_ok(struct req *r)
{
	const char *sent = req_form(r, "_csrf");
	const char *want = r->who ? r->who->csrf : req_cookie(r, PRELOGIN_COOKIE);
	return sent && want && auth_token_equal(sent, want);
}

/* True if the request's Content-Type is the media type want (any case, parameters such as
 * a charset allowed after it). */
static bool content_type_is(struct req *r, const char *want)
{
	const char *ct = req_header(r, "Content-Type");
	size_t n = strlen(want);
	if (!ct || strncasecmp(ct, want, n) != 0)
		return false;
	return ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ';
}

size_t router_body_max(const char *method, const char *path)
{
	/* match() fills path parameters: into a scratch request. */
	struct req scratch = { 0 };
	size_t max = HTTP_BODY_MAX;
	arena_init(&scratch.arena);
	for (const struct route *x = routes; x->pattern; x++)
		if ((x->flags & RT_UPLOAD) && strcmp(x->method, method) == 0 &&
		    match(x->pattern, path, &scratch)) {
			max = HTTP_UPLOAD_MAX;
			break;
		}
	arena_release(&scratch.arena);
	return max;
}

void router_dispatch(struct req *r)
{
	char today[11];
	date_today(today);
	r->today = arena_strdup(&r->arena, today);
	r->api = strncmp(r->path, "/api/", 5) == 0;
	const char *method = strcmp(r->method, "HEAD") == 0 ? "GET" : r->method;

	const struct route *rt = NULL;
	const char *allow = NULL; /* the methods of a known path, for a 405 */
	for (const struct route *x = routes; x->pattern; x++) {
		if (!match(x->pattern, r->path, r))
			continue;
		allow = arena_printf(&r->arena, "%s%s%s", allow ? allow : "", allow ? ", " : "",
				     x->method);
		if (strcmp(x->method, method) == 0) {
			rt = x;
			break;
		}
	}
	/* Public routes learn the session too (the language switch and the login page use
	 * it); static files need none. */
	int auth_rc = strncmp(r->path, "/static/", 8) != 0 ? authenticate(r) : 0;
	r->lang = choose_lang(r);
	if (auth_rc) {
		router_error(r, auth_rc, NULL, NULL);
		return;
	}
	if (!rt) {
		answer_error(r, allow ? 405 : 404, NULL,
			     allow ? N_("This method is not allowed here.") : NULL);
		if (allow)
			req_header_add(r, "Allow", allow);
		return;
	}
	if (!(rt->flags & RT_PUBLIC) && !r->who) {
		if (r->api) {
			router_error(r, K_EAUTH, NULL, NULL);
			req_header_add(r, "WWW-Authenticate", "Bearer");
		} else {
			req_redirect(r, "/login");
		}
		return;
	}
	if (r->body_too_big) {
		router_error(r, K_ETOOBIG, NULL, NULL);
		return;
	}
	if (rt->flags & RT_FORM) {
		if (!content_type_is(r, "application/x-www-form-urlencoded") ||
		    form_parse(&r->arena, r->body.data ? r->body.data : "", r->body.len,
			       &r->form)) {
			answer_error(r, 400, NULL, NULL);
			return;
		}
		if (!csrf_ok(r)) {
			router_error(r, K_EFORBIDDEN, NULL,
				     N_("The form has expired. Reload the page and try again."));
			return;
		}
	}
	if ((rt->flags & RT_UPLOAD) && !r->api) {
		if (!content_type_is(r, "multipart/form-data") || req_parse_multipart(r)) {
			answer_error(r, 400, NULL, NULL);
			return;
		}
		if (!csrf_ok(r)) {
			router_error(r, K_EFORBIDDEN, NULL,
				     N_("The form has expired. Reload the page and try again."));
			return;
		}
	}
	if ((rt->flags & RT_JSON) && !content_type_is(r, "application/json")) {
		answer_error(r, 415, NULL, N_("Send the body as application/json."));
		return;
	}
	int rc = rt->handler(r);
	if (rc && !r->status)
		router_error(r, rc, NULL, NULL);
	if (!r->status)
		r->status = 200;
}
