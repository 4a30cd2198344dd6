/* login.c: the login page, logging out, the language switch and the home redirect. */
#include <string.h>

#include "auth/auth.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define SESSION_COOKIE "komek_session"

static int login_form(struct req *r, const char *login, const char *error_msgid)
{
	const char *csrf = layout_csrf(r);
	struct html h;
	layout_begin(r, &h, N_("Log in"), NULL);
	html(&h, "<section class=\"narrow\"><h1>%t</h1>", N_("Log in"));
	if (error_msgid)
		html(&h, "<p class=\"error\" role=\"alert\" id=\"login-error\">%t</p>",
		     error_msgid);
	html(&h,
	     "<form method=\"post\" action=\"/login\">"
	     "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
	     "<div class=\"field\"><label for=\"f-login\">%t</label>"
	     "<input id=\"f-login\" name=\"login\" autocomplete=\"username\" required "
	     "value=\"%s\"></div>"
	     "<div class=\"field\"><label for=\"f-password\">%t</label>"
	     "<input id=\"f-password\" name=\"password\" type=\"password\""
	     " autocomplete=\"current-password\" required></div>"
	     "<button class=\"primary\">%t</button></form></section>",
	     csrf, N_("Login"), login, N_("Password"), N_("Log in"));
	layout_end(r, &h);
	return 0;
}

int page_login_get(struct req *r)
{
	if (r->who)
		return req_redirect(r, "/");
	return login_form(r, NULL, NULL);
}

int page_login_post(struct req *r)
{
	const char *login = req_form(r, "login");
	const char *password = req_form(r, "password");
	char token[AUTH_TOKEN_LEN + 1];
	struct actor who;
	int rc = auth_login(req_db(r), &r->arena, login, password, req_addr(r), "web", token, &who);
	if (rc == K_EAUTH || rc == K_ETHROTTLED) {
		r->status = rc == K_EAUTH ? 401 : 429;
		return login_form(r, login,
				  rc == K_EAUTH ? N_("Wrong login or password.")
						: N_("Too many failed attempts. Wait 15 minutes "
						     "and try again."));
	}
	if (rc)
		return rc;
	/* A new token on every login: a session id planted before login is worthless. */
	req_cookie_set(r, SESSION_COOKIE, arena_strdup(&r->arena, token), AUTH_WEB_TTL);
	req_cookie_set(r, PRELOGIN_COOKIE, "", 0);
	return req_redirect(r, "/");
}

int page_logout_post(struct req *r)
{
	int rc = auth_logout(req_db(r), r->who, r->token);
	if (rc)
		return rc;
	req_cookie_set(r, SESSION_COOKIE, "", 0);
	return req_redirect(r, "/login");
}

/* A path of this site that is safe to redirect to: "/" then letters, digits and / - _ .
 * only, never "//" (a browser reads "//host" as another site, and drops tabs and newlines
 * first, so nothing else may pass). Declared in pages.h for the fuzzer. */
bool local_path(const char *p)
{
	if (!p || p[0] != '/' || strlen(p) > 200 || strstr(p, "//"))
		return false;
	for (; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || strchr("/-_.", *p)))
			return false;
	return true;
}

int page_lang_post(struct req *r)
{
	const char *lang = i18n_lang(req_form(r, "to"));
	if (!lang)
		return K_EINVAL;
	req_cookie_set(r, "lang", lang, 365 * 24 * 3600);
	if (r->who) {
		int rc = store_user_set_lang(req_db(r), r->who->user_id, lang);
		if (rc)
			return rc;
	}
	/* Back to the page the switch was on, if it is one of ours. */
	const char *back = req_form(r, "back");
	return req_redirect(r, local_path(back) ? back : "/");
}

int page_home_get(struct req *r)
{
	/* Those who work with people start from their caseload; analysts, who see aggregates
	 * only, from their dashboard. */
	return req_redirect(r, access_may_read_persons(r->who) ? "/cases" : "/dashboard");
}
