/* test_auth.c: logging in and out on the web and through the API, session cookies, session
 * fixation, CSRF, login throttling, bearer tokens, and the security headers of every answer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv)) {
		server_free(&srv);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	bool ok = server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

static int64_t user_id(const char *login)
{
	return db_int(&srv, "SELECT id FROM users WHERE login = ?1", login, (const char *)NULL);
}

/* Audit rows of writes (views are written in batches, a little later: see
 * src/store/audit_writer.h). */
static int64_t write_audits(void)
{
	return db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action <> 'person.view'",
		      (const char *)NULL);
}

static int64_t person_count(void)
{
	return db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
}

/* A valid registration form, with the CSRF token given (NULL: none). */
static void person_form(struct sbuf *b, const char *csrf)
{
	if (csrf)
		sb_form(b, "_csrf", csrf);
	sb_form(b, "family_name", "Сапарова");
	sb_form(b, "given_name", "Әсел");
	sb_form(b, "sex", "female");
	sb_form(b, "birth_date", "1990-05-05");
	sb_form(b, "child_status", "none");
}

static void test_login_sets_strict_httponly_cookie_and_logout_ends_it(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	struct resp *r = http_get(c, "/login");
	EXPECT_STATUS(r, 200);
	char csrf[128];
	assert_true(extract_csrf(r->body, csrf, sizeof(csrf)));
	const char *pre = resp_set_cookie(r, "komek_csrf");
	assert_non_null(pre);
	assert_non_null(strstr(pre, "HttpOnly"));
	assert_non_null(strstr(pre, "SameSite=Strict"));

	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", csrf);
	sb_form(&b, "login", "worker");
	sb_form(&b, "password", DEMO_PASSWORD);
	r = http_post_form(c, "/login", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/");
	const char *sc = resp_set_cookie(r, "komek_session");
	assert_non_null(sc);
	assert_non_null(strstr(sc, "HttpOnly"));
	assert_non_null(strstr(sc, "SameSite=Strict"));
	assert_non_null(strstr(sc, "Path=/"));

	char old[128];
	assert_true(client_cookie(c, "komek_session", old, sizeof(old)));
	assert_int_equal(strlen(old), 43);
	r = http_get(c, "/persons");
	EXPECT_STATUS(r, 200);
	assert_true(web_refresh_csrf(c));
	/* A copy of the cookie in another jar works while the session lives (this also shows
	 * that a planted cookie is sent, so the refusals below mean something). */
	struct client *thief = client_new(&srv);
	client_set_cookie(thief, "komek_session", old);
	r = http_get(thief, "/persons");
	EXPECT_STATUS(r, 200);

	int64_t logouts = db_int(&srv,
				 "SELECT COUNT(*) FROM audit WHERE action = 'logout'"
				 " AND user_id = ?1",
				 i64s(user_id("worker")), (const char *)NULL);
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", c->csrf);
	r = http_post_form(c, "/logout", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	sc = resp_set_cookie(r, "komek_session");
	assert_non_null(sc);
	assert_non_null(strstr(sc, "Max-Age=0"));
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM audit WHERE action = 'logout'"
				" AND user_id = ?1",
				i64s(user_id("worker")), (const char *)NULL),
			 logouts + 1);

	r = http_get(c, "/persons");
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");

	/* Someone who kept a copy of the cookie gets nothing with it now. */
	r = http_get(thief, "/persons");
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	r = http_get(thief, "/persons/new");
	EXPECT_STATUS(r, 303);
	client_free(thief);
	client_free(c);
}

static void test_session_id_planted_before_login_is_replaced(void **state)
{
	(void)state;
	static const char planted[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; /* 43 */
	struct client *c = client_new(&srv);
	client_set_cookie(c, "komek_session", planted);
	struct resp *r = http_get(c, "/persons");
	EXPECT_STATUS(r, 303);
	assert_int_equal(web_login(c, "worker", DEMO_PASSWORD), 303);
	char now[128];
	assert_true(client_cookie(c, "komek_session", now, sizeof(now)));
	assert_string_not_equal(now, planted);
	r = http_get(c, "/persons");
	EXPECT_STATUS(r, 200);

	/* The planted value itself opened nothing. */
	struct client *attacker = client_new(&srv);
	client_set_cookie(attacker, "komek_session", planted);
	r = http_get(attacker, "/persons");
	EXPECT_STATUS(r, 303);
	client_free(attacker);
	client_free(c);
}

static void test_login_without_or_with_wrong_csrf_is_refused(void **state)
{
	(void)state;
	int64_t logins =
	    db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action = 'login'", (const char *)NULL);
	struct client *c = client_new(&srv);
	struct resp *r = http_get(c, "/login");
	EXPECT_STATUS(r, 200);
	char csrf[128];
	assert_true(extract_csrf(r->body, csrf, sizeof(csrf)));

	struct sbuf b = { 0 };
	sb_form(&b, "login", "supervisor");
	sb_form(&b, "password", DEMO_PASSWORD);
	r = http_post_form(c, "/login", sb_str(&b));
	EXPECT_STATUS(r, 403);
	assert_null(resp_set_cookie(r, "komek_session"));

	struct sbuf w = { 0 };
	sb_form(&w, "_csrf", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
	sb_raw(&w, "&");
	sb_raw(&w, sb_str(&b));
	r = http_post_form(c, "/login", sb_str(&w));
	sb_free(&w);
	EXPECT_STATUS(r, 403);
	assert_null(resp_set_cookie(r, "komek_session"));

	/* A token from another visitor's page does not fit this visitor's cookie. */
	struct client *other = client_new(&srv);
	r = http_get(other, "/login");
	char other_csrf[128];
	assert_true(extract_csrf(r->body, other_csrf, sizeof(other_csrf)));
	w = (struct sbuf){ 0 };
	sb_form(&w, "_csrf", other_csrf);
	sb_raw(&w, "&");
	sb_raw(&w, sb_str(&b));
	r = http_post_form(c, "/login", sb_str(&w));
	sb_free(&w);
	EXPECT_STATUS(r, 403);
	client_free(other);

	/* No CSRF cookie at all, token in the form only. */
	struct client *bare = client_new(&srv);
	w = (struct sbuf){ 0 };
	sb_form(&w, "_csrf", csrf);
	sb_raw(&w, "&");
	sb_raw(&w, sb_str(&b));
	r = http_post_form(bare, "/login", sb_str(&w));
	sb_free(&w);
	EXPECT_STATUS(r, 403);
	client_free(bare);

	assert_int_equal(
	    db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action = 'login'", (const char *)NULL),
	    logins);
	/* The right token works: the refusals above were the CSRF check. */
	w = (struct sbuf){ 0 };
	sb_form(&w, "_csrf", csrf);
	sb_raw(&w, "&");
	sb_raw(&w, sb_str(&b));
	r = http_post_form(c, "/login", sb_str(&w));
	sb_free(&w);
	EXPECT_STATUS(r, 303);
	sb_free(&b);
	client_free(c);
}

static void test_form_post_without_csrf_is_refused_and_writes_nothing(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	assert_int_equal(web_login(c, "worker", DEMO_PASSWORD), 303);
	int64_t before = person_count();
	int64_t audit_before = write_audits();

	struct sbuf b = { 0 };
	person_form(&b, NULL);
	struct resp *r = http_post_form(c, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 403);
	sb_free(&b);

	person_form(&b, "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
	r = http_post_form(c, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 403);
	sb_free(&b);

	/* The pre-login token of the same browser is not the session's. */
	char pre[128] = "";
	struct client *anon = client_new(&srv);
	r = http_get(anon, "/login");
	assert_true(extract_csrf(r->body, pre, sizeof(pre)));
	client_free(anon);
	person_form(&b, pre);
	r = http_post_form(c, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 403);
	sb_free(&b);

	/* Logging out needs the token too. */
	r = http_post_form(c, "/logout", "");
	EXPECT_STATUS(r, 403);
	r = http_get(c, "/persons");
	EXPECT_STATUS(r, 200);

	assert_int_equal(person_count(), before);
	assert_int_equal(write_audits(), audit_before);

	/* With the token, the same form is accepted. */
	person_form(&b, c->csrf);
	r = http_post_form(c, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 303);
	sb_free(&b);
	assert_int_equal(person_count(), before + 1);
	client_free(c);
}

/* The login form shows the login typed back after a failure: as text. */
static void test_a_failed_login_echoes_the_login_as_text(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	struct resp *r = http_get(c, "/login");
	char csrf[128];
	assert_true(extract_csrf(r->body, csrf, sizeof(csrf)));
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", csrf);
	sb_form(&b, "login", "\"><script>alert(1)</script>");
	sb_form(&b, "password", "whatever-it-is");
	r = http_post_form(c, "/login", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 401);
	assert_false(resp_has(r, "<script>"));
	assert_true(resp_has(r, "&quot;&gt;&lt;script&gt;"));
	client_free(c);
}

static int64_t failed_logins(const char *login)
{
	return db_int(&srv,
		      "SELECT COUNT(*) FROM audit WHERE action = 'login.failed'"
		      " AND detail = ?1",
		      login, (const char *)NULL);
}

static void test_five_wrong_passwords_lock_the_account(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	int64_t before = failed_logins("lawyer");
	for (int i = 0; i < 5; i++) {
		long st = web_login(c, "lawyer", "wrong-password-123");
		assert_int_equal(st, 401);
		assert_int_equal(failed_logins("lawyer"), before + i + 1);
	}
	/* The sixth attempt is refused even with the right password. */
	assert_int_equal(web_login(c, "lawyer", DEMO_PASSWORD), 429);
	assert_false(client_cookie(c, "komek_session", (char[128]){ 0 }, 128));
	assert_int_equal(failed_logins("lawyer"), before + 6);
	/* ... and through the API too. */
	struct client *api = client_new(&srv);
	assert_int_equal(api_login(api, "lawyer", DEMO_PASSWORD), 429);
	json_t *j = resp_json(&api->r);
	assert_non_null(j);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "code"), "throttled");
	json_decref(j);
	assert_int_equal(failed_logins("lawyer"), before + 7);
	/* No session was opened for the locked account. */
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM sessions WHERE user_id = ?1",
				i64s(user_id("lawyer")), (const char *)NULL),
			 0);
	/* Another account is not locked by it. */
	assert_int_equal(web_login(c, "psychologist", DEMO_PASSWORD), 303);
	client_free(api);
	client_free(c);
}

static void check_envelope(struct resp *r, const char *code)
{
	const char *ct = resp_header(r, "Content-Type");
	assert_non_null(ct);
	assert_non_null(strstr(ct, "application/json"));
	json_t *j = resp_json(r);
	assert_non_null(j);
	json_t *e = json_object_get(j, "error");
	assert_true(json_is_object(e));
	assert_string_equal(json_str_of(e, "code"), code);
	assert_true(json_is_string(json_object_get(e, "message")));
	assert_true(strlen(json_str_of(e, "message")) > 0);
	assert_non_null(json_object_get(e, "field")); /* present, null or a name */
	json_decref(j);
}

static void test_api_session_tokens(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	assert_int_equal(api_login(c, "worker", DEMO_PASSWORD), 201);
	json_t *j = resp_json(&c->r);
	assert_non_null(j);
	assert_int_equal(strlen(json_str_of(j, "token")), 43);
	assert_string_equal(json_str_of(j, "token_type"), "Bearer");
	assert_string_equal(json_str_of(json_object_get(j, "user"), "role"), "social_worker");
	json_decref(j);

	struct resp *r = http_get(c, "/api/v1/persons");
	EXPECT_STATUS(r, 200);

	struct client *bad = client_new(&srv);
	assert_int_equal(api_login(bad, "worker", "not-the-password"), 401);
	check_envelope(&bad->r, "unauthorized");
	assert_int_equal(api_login(bad, "nobody-at-all", "not-the-password"), 401);
	check_envelope(&bad->r, "unauthorized");
	r = http_post_json(bad, "/api/v1/session", "{\"login\":\"worker\"}");
	EXPECT_STATUS(r, 422);
	check_envelope(r, "validation_failed");
	r = http_post_json(bad, "/api/v1/session", "{not json");
	EXPECT_STATUS(r, 400);
	check_envelope(r, "bad_request");
	r = http_do(bad, "POST", "/api/v1/session", "text/plain",
		    "{\"login\":\"worker\",\"password\":\"komek-demo-2026\"}", 46);
	EXPECT_STATUS(r, 415);

	/* No token: 401 (the challenge header has a test of its own). */
	r = http_get(bad, "/api/v1/persons");
	EXPECT_STATUS(r, 401);
	check_envelope(r, "unauthorized");

	/* Garbage tokens. */
	snprintf(bad->bearer, sizeof(bad->bearer), "garbage");
	r = http_get(bad, "/api/v1/persons");
	EXPECT_STATUS(r, 401);
	check_envelope(r, "unauthorized");
	snprintf(bad->bearer, sizeof(bad->bearer), "%s",
		 "DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD");
	r = http_get(bad, "/api/v1/persons");
	EXPECT_STATUS(r, 401);

	/* A web session's cookie value is not an API token, nor the other way round. */
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "worker", DEMO_PASSWORD), 303);
	char cookie[128];
	assert_true(client_cookie(web, "komek_session", cookie, sizeof(cookie)));
	snprintf(bad->bearer, sizeof(bad->bearer), "%s", cookie);
	r = http_get(bad, "/api/v1/persons");
	EXPECT_STATUS(r, 401);
	bad->bearer[0] = '\0';
	client_set_cookie(bad, "komek_session", c->bearer);
	r = http_get(bad, "/persons");
	EXPECT_STATUS(r, 303);
	client_free(web);

	/* Revoked: DELETE /api/v1/session, then the token is dead. */
	char token[128];
	snprintf(token, sizeof(token), "%s", c->bearer);
	r = http_delete(c, "/api/v1/session");
	EXPECT_STATUS(r, 204);
	r = http_get(c, "/api/v1/persons");
	EXPECT_STATUS(r, 401);
	check_envelope(r, "unauthorized");
	r = http_delete(c, "/api/v1/session");
	EXPECT_STATUS(r, 401);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM sessions WHERE revoked_at IS NOT NULL"
				" AND kind = 'api' AND user_id = ?1",
				i64s(user_id("worker")), (const char *)NULL),
			 1);
	client_free(bad);
	client_free(c);
}

/* RFC 9110 (11.6.1): a 401 carries a WWW-Authenticate challenge. */
static void test_api_401_carries_a_bearer_challenge(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	struct resp *r = http_get(c, "/api/v1/persons");
	EXPECT_STATUS(r, 401);
	const char *h = resp_header(r, "WWW-Authenticate");
	if (!h)
		fail_msg("GET /api/v1/persons without a token: 401 without WWW-Authenticate");
	assert_non_null(strstr(h, "Bearer"));
	client_free(c);
}

static void check_security_headers(const struct resp *r)
{
	if (r->status == 0)
		fail_msg("%s: no answer", r->what);
	const char *csp = resp_header(r, "Content-Security-Policy");
	if (!csp)
		fail_msg("%s: no Content-Security-Policy", r->what);
	if (strstr(csp, "unsafe-inline") || strstr(csp, "unsafe-eval"))
		fail_msg("%s: CSP allows unsafe code: %s", r->what, csp);
	if (!strstr(csp, "frame-ancestors 'none'"))
		fail_msg("%s: CSP without frame-ancestors 'none': %s", r->what, csp);
	if (!strstr(csp, "default-src"))
		fail_msg("%s: CSP without default-src: %s", r->what, csp);
	const char *xcto = resp_header(r, "X-Content-Type-Options");
	if (!xcto || strcmp(xcto, "nosniff") != 0)
		fail_msg("%s: X-Content-Type-Options is %s", r->what, xcto ? xcto : "missing");
	const char *rp = resp_header(r, "Referrer-Policy");
	if (!rp || (strcmp(rp, "no-referrer") != 0 && strcmp(rp, "same-origin") != 0 &&
		    strcmp(rp, "strict-origin") != 0))
		fail_msg("%s: Referrer-Policy is %s", r->what, rp ? rp : "missing");
}

static void test_security_headers_on_every_answer(void **state)
{
	(void)state;
	struct client *anon = client_new(&srv);
	struct client *web = client_new(&srv);
	struct client *api = client_new(&srv);
	assert_int_equal(web_login(web, "admin", DEMO_PASSWORD), 303);
	assert_int_equal(api_login(api, "admin", DEMO_PASSWORD), 201);
	check_security_headers(&api->r); /* the 201 of the login */

	check_security_headers(http_get(anon, "/login"));
	check_security_headers(http_get(anon, "/static/app.css"));
	check_security_headers(http_get(anon, "/no/such/page"));
	check_security_headers(http_get(anon, "/persons"));
	check_security_headers(http_post_form(anon, "/login", "login=x&password=y"));
	check_security_headers(http_get(anon, "/api/v1/persons"));
	check_security_headers(http_get(anon, "/api/v1/openapi.json"));
	check_security_headers(http_do(anon, "DELETE", "/persons", NULL, NULL, 0));
	check_security_headers(http_do(anon, "HEAD", "/login", NULL, NULL, 0));
	check_security_headers(http_get(web, "/persons"));
	check_security_headers(http_get(web, "/audit"));
	check_security_headers(http_get(web, "/persons/99999999"));
	check_security_headers(http_get(web, "/"));
	check_security_headers(http_get(api, "/api/v1/persons"));
	check_security_headers(http_get(api, "/api/v1/persons/99999999"));
	check_security_headers(http_get(api, "/api/v1/reference/categories"));
	check_security_headers(http_post_json(api, "/api/v1/persons", "{}"));
	client_free(anon);
	client_free(web);
	client_free(api);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_sets_strict_httponly_cookie_and_logout_ends_it),
		cmocka_unit_test(test_session_id_planted_before_login_is_replaced),
		cmocka_unit_test(test_login_without_or_with_wrong_csrf_is_refused),
		cmocka_unit_test(test_form_post_without_csrf_is_refused_and_writes_nothing),
		cmocka_unit_test(test_a_failed_login_echoes_the_login_as_text),
		cmocka_unit_test(test_five_wrong_passwords_lock_the_account),
		cmocka_unit_test(test_api_session_tokens),
		cmocka_unit_test(test_api_401_carries_a_bearer_challenge),
		cmocka_unit_test(test_security_headers_on_every_answer),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
