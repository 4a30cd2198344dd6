/* test_lifecycle.c: the server as a process: language negotiation, unknown routes and wrong
 * methods, the body limit, many requests at once, a graceful stop and restart with the data
 * intact, a SIGKILL during writes, and migrating databases made by older schemas. */
#include <dirent.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "harness.h"

#include "base/banned.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct server srv;
static struct client *api; /* worker */

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	api = client_new(&srv);
	if (api_login(api, "worker", DEMO_PASSWORD) != 201)
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(api);
	bool ok = !srv.pid || server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static char *html_lang(const struct resp *r, char *out, size_t cap)
{
	const char *p = r->body ? strstr(r->body, "<html lang=\"") : NULL;
	out[0] = '\0';
	if (p) {
		p += strlen("<html lang=\"");
		const char *q = strchr(p, '"');
		snprintf(out, cap, "%.*s", q ? (int)(q - p) : 0, p);
	}
	return out;
}

/* ---- language ---- */

static void test_language_from_accept_language_and_the_switch(void **state)
{
	(void)state;
	char lang[16];
	struct client *c = client_new(&srv);
	static const char *const cases[][2] = {
		{ "ru", "ru" },
		{ "ru-RU,ru;q=0.9,en;q=0.8", "ru" },
		{ "en-GB,en;q=0.9", "en" },
		{ "kk-KZ", "kk" },
		{ "fr, de", "kk" },
		{ "", "kk" },
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		snprintf(c->accept_lang, sizeof(c->accept_lang), "%s", cases[i][0]);
		struct resp *r = http_get(c, "/login");
		EXPECT_STATUS(r, 200);
		if (strcmp(html_lang(r, lang, sizeof(lang)), cases[i][1]) != 0)
			fail_msg("Accept-Language: %s gives <html lang=\"%s\">, want %s",
				 cases[i][0], lang, cases[i][1]);
		assert_string_equal(resp_header(r, "Content-Language"), cases[i][1]);
	}

	/* The switch: a cookie that beats the header, and a safe way back. */
	snprintf(c->accept_lang, sizeof(c->accept_lang), "ru");
	struct resp *r = http_get(c, "/login");
	char csrf[128];
	assert_true(extract_csrf(r->body, csrf, sizeof(csrf)));
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", csrf);
	sb_form(&b, "to", "en");
	sb_form(&b, "back", "/login");
	r = http_post_form(c, "/lang", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	char v[16];
	assert_true(client_cookie(c, "lang", v, sizeof(v)));
	assert_string_equal(v, "en");
	r = http_get(c, "/login");
	assert_string_equal(html_lang(r, lang, sizeof(lang)), "en");

	static const char *const evil[] = { "//evil.example/", "https://evil.example/",
					    "/\\evil.example", "/x\r\nSet-Cookie: a=b",
					    /* Browsers drop tabs and newlines: "//evil". */
					    "/\t/evil.example", "/\n/evil.example",
					    "/persons/..//evil.example" };
	for (size_t i = 0; i < COUNT(evil); i++) {
		b = (struct sbuf){ 0 };
		sb_form(&b, "_csrf", csrf);
		sb_form(&b, "to", "kk");
		sb_form(&b, "back", evil[i]);
		r = http_post_form(c, "/lang", sb_str(&b));
		sb_free(&b);
		EXPECT_STATUS(r, 303);
		assert_string_equal(resp_header(r, "Location"), "/");
	}
	/* Not a language; no token. */
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", csrf);
	sb_form(&b, "to", "xx");
	r = http_post_form(c, "/lang", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 422);
	r = http_post_form(c, "/lang", "to=ru");
	EXPECT_STATUS(r, 403);
	client_free(c);

	/* A user's choice is kept with the account. */
	struct client *u = client_new(&srv);
	assert_int_equal(web_login(u, "lawyer", DEMO_PASSWORD), 303);
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", u->csrf);
	sb_form(&b, "to", "ru");
	sb_form(&b, "back", "/persons");
	r = http_post_form(u, "/lang", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	char dbl[8];
	assert_true(db_text(&srv, dbl, sizeof(dbl), "SELECT lang FROM users WHERE login = 'lawyer'",
			    (const char *)NULL));
	assert_string_equal(dbl, "ru");
	r = http_get(u, "/persons");
	assert_string_equal(html_lang(r, lang, sizeof(lang)), "ru");
	client_free(u);
	/* Another browser, no lang cookie, another Accept-Language ... */
	struct client *u3 = client_new(&srv);
	snprintf(u3->accept_lang, sizeof(u3->accept_lang), "en");
	assert_int_equal(web_login(u3, "lawyer", DEMO_PASSWORD), 303);
	r = http_get(u3, "/persons");
	EXPECT_STATUS(r, 200);
	/* ... the account's language wins over the browser's. */
	assert_string_equal(html_lang(r, lang, sizeof(lang)), "ru");
	client_free(u3);
}

/* The switch marks the page's language as the current one: aria-current="true". */
static void test_the_language_switch_marks_the_current_language(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	snprintf(c->accept_lang, sizeof(c->accept_lang), "ru");
	struct resp *r = http_get(c, "/login");
	EXPECT_STATUS(r, 200);
	const char *btn = strstr(r->body, "name=\"to\" value=\"ru\"");
	assert_non_null(btn);
	const char *end = strchr(btn, '>');
	char tag[256];
	snprintf(tag, sizeof(tag), "%.*s", (int)(end - btn), btn);
	if (!strstr(tag, "aria-current=\"true\""))
		fail_msg("the current language's button is <button %s>", tag);
	client_free(c);
}

/* ---- unknown routes, wrong methods ---- */

static void test_unknown_routes_are_404_and_wrong_methods_405(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	assert_int_equal(web_login(c, "worker", DEMO_PASSWORD), 303);
	static const char *const nowhere[] = { "/nope", "/persons/abc", "/persons/0", "/persons/-1",
					       "/persons/99999999999999999999", "/persons/1/nope",
					       "/static/../k.db", "/static/nope.css", "/persons//1",
					       "/persons/1/",
					       /* An encoded NUL must not cut the path short. */
					       "/persons/1%00", "/persons/1%00/edit" };
	char lang[16];
	for (size_t i = 0; i < COUNT(nowhere); i++) {
		struct resp *r = http_get(c, "%s", nowhere[i]);
		if (r->status != 404)
			fail_msg("GET %s: %ld, want 404", nowhere[i], r->status);
		assert_non_null(strstr(resp_header(r, "Content-Type"), "text/html"));
		assert_true(html_lang(r, lang, sizeof(lang))[0] != '\0');
	}
	struct resp *r = http_get(api, "/api/v1/nope");
	EXPECT_STATUS(r, 404);
	json_t *j = resp_json(r);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "code"), "not_found");
	json_decref(j);

	static const char *const wrong[][2] = {
		{ "DELETE", "/persons" },      { "PUT", "/persons/1" }, { "PATCH", "/login" },
		{ "POST", "/static/app.css" }, { "GET", "/logout" },
	};
	for (size_t i = 0; i < COUNT(wrong); i++) {
		r = http_do(c, wrong[i][0], wrong[i][1], NULL, NULL, 0);
		if (r->status != 405)
			fail_msg("%s %s: %ld, want 405", wrong[i][0], wrong[i][1], r->status);
	}
	r = http_do(api, "PUT", "/api/v1/persons", "application/json", "{}", 2);
	EXPECT_STATUS(r, 405);
	j = resp_json(r);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "code"), "method_not_allowed");
	json_decref(j);
	r = http_do(api, "DELETE", "/api/v1/persons/1", NULL, NULL, 0);
	EXPECT_STATUS(r, 405);

	/* HEAD is GET without the body. */
	r = http_do(c, "HEAD", "/persons", NULL, NULL, 0);
	EXPECT_STATUS(r, 200);
	assert_int_equal(r->len, 0);
	client_free(c);
}

/* RFC 9110 (15.5.6): a 405 answer lists the methods the resource has in Allow. */
static void test_405_lists_the_allowed_methods(void **state)
{
	(void)state;
	struct client *c = client_new(&srv);
	struct resp *r = http_do(c, "DELETE", "/login", NULL, NULL, 0);
	EXPECT_STATUS(r, 405);
	const char *allow = resp_header(r, "Allow");
	if (!allow)
		fail_msg("DELETE /login: 405 without an Allow header");
	assert_non_null(strstr(allow, "GET"));
	assert_non_null(strstr(allow, "POST"));
	client_free(c);
}

/* ---- the body limit ---- */

static void test_body_over_one_mib_is_413(void **state)
{
	(void)state;
	size_t big = (1u << 20) + 1;
	char *body = malloc(big + 1);
	assert_non_null(body);
	/* A JSON object padded with spaces, valid but for its size. */
	memset(body, ' ', big);
	body[0] = '{';
	body[big - 1] = '}';
	body[big] = '\0';
	int64_t persons = db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	struct resp *r = http_do(api, "POST", "/api/v1/persons", "application/json", body, big);
	EXPECT_STATUS(r, 413);
	json_t *j = resp_json(r);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "code"), "too_large");
	json_decref(j);

	/* A form, logged in and not. */
	struct client *c = client_new(&srv);
	assert_int_equal(web_login(c, "worker", DEMO_PASSWORD), 303);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", c->csrf);
	sb_form(&b, "family_name", "Big");
	sb_form(&b, "given_name", "Body");
	sb_form(&b, "sex", "male");
	sb_raw(&b, "&locality=");
	while (b.n < big + 4096)
		sb_raw(
		    &b,
		    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	r = http_post_form(c, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 413);
	struct client *anon = client_new(&srv);
	r = http_post_form(anon, "/login", sb_str(&b));
	EXPECT_STATUS(r, 413);
	sb_free(&b);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL), persons);

	/* Just under the limit is read and judged on its content. */
	size_t under = (1u << 20) - 64;
	memset(body, ' ', under);
	static const char person[] = "{\"family_name\":\"Under\",\"given_name\":\"Limit\","
				     "\"sex\":\"male\"";
	memcpy(body, person, strlen(person));
	body[under - 1] = '}';
	r = http_do(api, "POST", "/api/v1/persons", "application/json", body, under);
	EXPECT_STATUS(r, 201);
	free(body);

	/* The server is fine afterwards, on the same connection and on new ones. */
	r = http_get(api, "/api/v1/persons?limit=1");
	EXPECT_STATUS(r, 200);
	r = http_get(anon, "/login");
	EXPECT_STATUS(r, 200);
	client_free(anon);
	client_free(c);
}

/* ---- many requests ---- */

#define LOAD_THREADS 8
#define LOAD_PER_THREAD 250

struct load {
	const struct server *s;
	char token[128];
	int64_t person;
	int n, ok, failed;
	long first_bad;
	char first_what[160];
};

static void *load_thread(void *arg)
{
	struct load *l = arg;
	struct client *c = client_new_unlisted(l->s);
	snprintf(c->bearer, sizeof(c->bearer), "%s", l->token);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)l->person);
	for (int i = 0; i < l->n; i++) {
		struct resp *r;
		switch (i % 4) {
		case 0: r = http_do(c, "GET", "/static/app.css", NULL, NULL, 0); break;
		case 1: r = http_do(c, "GET", "/login", NULL, NULL, 0); break;
		case 2: r = http_do(c, "GET", "/api/v1/persons?limit=20&q=a", NULL, NULL, 0); break;
		default: r = http_do(c, "GET", path, NULL, NULL, 0); break;
		}
		if (r->status == 200) {
			l->ok++;
		} else {
			if (!l->failed++) {
				l->first_bad = r->status;
				snprintf(l->first_what, sizeof(l->first_what), "%s", r->what);
			}
		}
	}
	client_free(c);
	return NULL;
}

static void test_two_thousand_requests_at_once(void **state)
{
	(void)state;
	struct load loads[LOAD_THREADS];
	pthread_t th[LOAD_THREADS];
	int64_t person = db_int(&srv,
				"SELECT MIN(id) FROM persons WHERE restricted = 0 AND"
				" org_id = (SELECT org_id FROM users WHERE login = 'worker')",
				(const char *)NULL);
	for (int i = 0; i < LOAD_THREADS; i++) {
		loads[i] = (struct load){ .s = &srv, .person = person, .n = LOAD_PER_THREAD };
		snprintf(loads[i].token, sizeof(loads[i].token), "%s", api->bearer);
		assert_int_equal(pthread_create(&th[i], NULL, load_thread, &loads[i]), 0);
	}
	int ok = 0, failed = 0;
	for (int i = 0; i < LOAD_THREADS; i++) {
		pthread_join(th[i], NULL);
		ok += loads[i].ok;
		failed += loads[i].failed;
		if (loads[i].failed)
			fprintf(stderr, "LOAD thread %d: %d failed, first %s: %ld\n", i,
				loads[i].failed, loads[i].first_what, loads[i].first_bad);
	}
	assert_int_equal(failed, 0);
	assert_int_equal(ok, LOAD_THREADS * LOAD_PER_THREAD);
	/* Still alive and well. */
	struct resp *r = http_get(api, "/api/v1/persons?limit=1");
	EXPECT_STATUS(r, 200);
	assert_false(server_log_has_sanitizer_report(&srv));
}

/* ---- stop, restart, kill ---- */

static void test_graceful_stop_and_restart_keep_the_data(void **state)
{
	(void)state;
	struct resp *r = http_post_json(api, "/api/v1/persons",
					"{\"family_name\":\"Restart\",\"given_name\":\"Survivor\","
					"\"sex\":\"female\",\"birth_date\":\"1990\"}");
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "worker", DEMO_PASSWORD), 303);
	/* A view, so that the audit writer has something queued at the stop. */
	r = http_get(web, "/persons/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	/* The access log is written in blocks, at least every 200 ms while the server runs. */
	char line[96];
	snprintf(line, sizeof(line), "GET /persons/%lld 200 ", (long long)id);
	bool logged = false;
	for (int i = 0; i < 100 && !logged; i++) {
		logged = server_log_has(&srv, line);
		if (!logged)
			sleep_ms(20);
	}
	assert_true(logged);
	/* And everything is written by a graceful stop: this search's line too, without the
	 * name searched for. */
	r = http_get(web, "/persons?q=Survivor");
	EXPECT_STATUS(r, 200);
	/* A line break in the path cannot forge a log line: it is written encoded. */
	r = http_get(web, "/persons/%%0AGET%%20/forged%%20200");
	EXPECT_STATUS(r, 404);
	assert_true(server_stop_graceful(&srv));
	assert_true(server_log_has(&srv, "GET /persons/%0AGET%20/forged%20200 404 "));
	assert_true(server_log_has(&srv, "GET /persons 200 "));
	assert_false(server_log_has(&srv, "Survivor"));
	/* Every view answered before the stop is on disk after it. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM viewlog.audit WHERE action = 'person.view'"
				" AND entity_id = ?1",
				i64s(id), (const char *)NULL),
			 1);
	assert_int_equal(server_start(&srv), 0);

	/* The API token and the web session survive the restart, and so does the person. */
	r = http_get(api, "/api/v1/persons/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	j = resp_json(r);
	assert_string_equal(json_str_of(j, "family_name"), "Restart");
	assert_string_equal(json_str_of(j, "given_name"), "Survivor");
	json_decref(j);
	r = http_get(web, "/persons/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Survivor"));
	client_free(web);
}

#define WRITES_MAX 4000

struct writer {
	const struct server *s;
	char token[128];
	int64_t acked[WRITES_MAX];
	int nacked;
	volatile int stop;
};

static void *write_thread(void *arg)
{
	struct writer *w = arg;
	struct client *c = client_new_unlisted(w->s);
	snprintf(c->bearer, sizeof(c->bearer), "%s", w->token);
	for (int i = 0; i < WRITES_MAX && !w->stop; i++) {
		char body[256];
		snprintf(
		    body, sizeof(body),
		    "{\"family_name\":\"Killtest\",\"given_name\":\"N%d\",\"sex\":\"male\","
		    "\"categories\":[\"labour_migrant\"],\"documents\":[{\"type\":\"passport\","
		    "\"number\":\"KT%07d\"}]}",
		    i, i);
		struct resp *r = http_post_json(c, "/api/v1/persons", body);
		if (r->status != 201)
			break; /* the server is gone */
		json_t *j = resp_json(r);
		w->acked[w->nacked++] = json_int_of(j, "id", 0);
		json_decref(j);
	}
	client_free(c);
	return NULL;
}

static void test_sigkill_during_writes_then_restart(void **state)
{
	(void)state;
	static struct writer w;
	memset(&w, 0, sizeof(w));
	w.s = &srv;
	snprintf(w.token, sizeof(w.token), "%s", api->bearer);
	pthread_t th;
	assert_int_equal(pthread_create(&th, NULL, write_thread, &w), 0);
	/* Kill it while writes are going on. */
	for (int i = 0; i < 300 && w.nacked < 20; i++)
		sleep_ms(10);
	int st = 0;
	assert_int_equal(server_signal_wait(&srv, SIGKILL, 10, &st), 0);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	w.stop = 1;
	pthread_join(th, NULL);
	fprintf(stderr, "sigkill: %d writes acknowledged before the kill\n", w.nacked);
	assert_true(w.nacked > 0);

	char out[1024];
	int rc = komek_run(srv.db, out, sizeof(out), "check", (const char *)NULL);
	if (rc != 0)
		fail_msg("komek check after SIGKILL: %d: %s", rc, out);
	assert_non_null(strstr(out, "ok"));

	assert_int_equal(server_start(&srv), 0);
	/* Every acknowledged write is there, whole: person, category and document. */
	for (int i = 0; i < w.nacked; i++) {
		const char *id = i64s(w.acked[i]);
		if (db_int(&srv, "SELECT COUNT(*) FROM persons WHERE id = ?1", id,
			   (const char *)NULL) != 1 ||
		    db_int(&srv, "SELECT COUNT(*) FROM documents WHERE person_id = ?1", id,
			   (const char *)NULL) != 1 ||
		    db_int(&srv, "SELECT COUNT(*) FROM person_categories WHERE person_id = ?1", id,
			   (const char *)NULL) != 1 ||
		    db_int(&srv,
			   "SELECT COUNT(*) FROM audit WHERE action = 'person.create' AND"
			   " entity_id = ?1",
			   id, (const char *)NULL) != 1)
			fail_msg("acknowledged person %s is not whole after the kill", id);
	}
	/* No half-written person either. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM persons p WHERE family_name = 'Killtest'"
				" AND NOT EXISTS (SELECT 1 FROM documents d WHERE"
				" d.person_id = p.id)",
				(const char *)NULL),
			 0);
	struct resp *r = http_get(api, "/api/v1/persons/%lld", (long long)w.acked[w.nacked - 1]);
	EXPECT_STATUS(r, 200);
}

/* ---- migrations ---- */

/* Runs sql on db with its view log attached as the server does ("x.db" → "x.viewlog.db"). */
static int exec_sql(const char *db, const char *sql)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open(db, &h);
	char *err = NULL;
	char attach[700];
	size_t n = strlen(db);
	snprintf(attach, sizeof(attach), "ATTACH '%.*s.viewlog.db' AS viewlog",
		 (int)(n > 3 ? n - 3 : n), db);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, attach, NULL, NULL, &err);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "exec_sql %s: %s\n", db, err ? err : sqlite3_errmsg(h));
	sqlite3_free(err);
	sqlite3_close(h);
	return rc;
}

static int64_t db_int_at(const char *db, const char *sql)
{
	struct server tmp = { 0 };
	if (strlen(db) >= sizeof(tmp.db))
		return -1;
	memcpy(tmp.db, db, strlen(db) + 1);
	return db_int(&tmp, sql, (const char *)NULL);
}

/* The migrations of the source tree, sorted; 0 if the sources are not there. */
static size_t migration_files(char names[][128], size_t max, char *dir, size_t cap)
{
	const char *routes = harness_routes_source(); /* .../src/http/routes.c */
	if (!routes)
		return 0;
	snprintf(dir, cap, "%.*sstore/migrations", (int)(strstr(routes, "http/routes.c") - routes),
		 routes);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name);
		if (l > 9 && l < 128 && strcmp(e->d_name + l - 4, ".sql") == 0)
			memcpy(names[n++], e->d_name, l + 1);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && strcmp(names[k - 1], names[k]) > 0; k--) {
			char t[128];
			memcpy(t, names[k], 128);
			memcpy(names[k], names[k - 1], 128);
			memcpy(names[k - 1], t, 128);
		}
	return n;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		s = NULL;
	}
	if (s)
		s[n] = '\0';
	fclose(f);
	return s;
}

static int migrate_version(const char *db)
{
	char out[8192]; /* every migration logs a line; the version comes last */
	int rc = komek_run(db, out, sizeof(out), "migrate", (const char *)NULL);
	if (rc != 0) {
		fprintf(stderr, "komek migrate %s: %d: %s\n", db, rc, out);
		return -1;
	}
	const char *p = strstr(out, "schema version ");
	return p ? (int)strtol(p + strlen("schema version "), NULL, 10) : -1;
}

static const char schema_migrations[] =
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
    " applied_at INTEGER NOT NULL) STRICT;";

static void test_migrate_brings_old_databases_to_the_current_schema(void **state)
{
	(void)state;
	SKIP_ON_PG(&srv, "the databases of older schemas are SQLite files built with the"
			 " migrations' own SQLite text");
	char path[600];
	/* A new file: the current version. */
	snprintf(path, sizeof(path), "%s/fresh.db", srv.dir);
	int current = migrate_version(path);
	assert_true(current >= 1);
	assert_int_equal(db_int_at(path, "SELECT MAX(version) FROM schema_migrations"), current);
	assert_int_equal(
	    db_int_at(path, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'persons'"), 1);
	/* Running it again changes nothing. */
	int64_t applied = db_int_at(path, "SELECT COUNT(*) FROM schema_migrations");
	assert_int_equal(migrate_version(path), current);
	assert_int_equal(db_int_at(path, "SELECT COUNT(*) FROM schema_migrations"), applied);

	/* An empty file. */
	snprintf(path, sizeof(path), "%s/empty.db", srv.dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(migrate_version(path), current);
	assert_int_equal(db_int_at(path, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'audit'"),
			 1);

	/* Version 0: the bookkeeping table with no row, and rows of the operator's own. */
	snprintf(path, sizeof(path), "%s/v0.db", srv.dir);
	assert_int_equal(exec_sql(path, schema_migrations), SQLITE_OK);
	assert_int_equal(exec_sql(path,
				  "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT);"
				  "INSERT INTO notes (t) VALUES ('один'), ('екі'), ('three');"),
			 SQLITE_OK);
	assert_int_equal(migrate_version(path), current);
	assert_int_equal(db_int_at(path, "SELECT COUNT(*) FROM notes"), 3);
	assert_int_equal(db_int_at(path, "SELECT COUNT(*) FROM notes WHERE t = 'екі'"), 1);

	/* Every older version that the source tree can rebuild: migrations 1..k applied as the
	 * server would have, with data in them, then brought up to date. */
	static char names[64][128];
	char dir[512];
	size_t n = migration_files(names, 64, dir, sizeof(dir));
	if (!n)
		return; /* no sources next to the tests */
	assert_int_equal((int)n, current);
	for (size_t k = 1; k < n; k++) {
		snprintf(path, sizeof(path), "%s/v%zu.db", srv.dir, k);
		assert_int_equal(exec_sql(path, schema_migrations), SQLITE_OK);
		for (size_t m = 0; m < k; m++) {
			char file[700], rec[512];
			snprintf(file, sizeof(file), "%s/%s", dir, names[m]);
			char *sql = read_file(file);
			assert_non_null(sql);
			assert_int_equal(exec_sql(path, sql), SQLITE_OK);
			free(sql);
			snprintf(rec, sizeof(rec),
				 "INSERT INTO schema_migrations VALUES (%d, 'migrations/%s', 0)",
				 (int)strtol(names[m], NULL, 10), names[m]);
			assert_int_equal(exec_sql(path, rec), SQLITE_OK);
		}
		assert_int_equal(exec_sql(path, "INSERT INTO orgs (name, created_at) VALUES"
						" ('Old organisation', 1700000000)"),
				 SQLITE_OK);
		assert_int_equal(migrate_version(path), current);
		assert_int_equal(db_int_at(path, "SELECT COUNT(*) FROM orgs WHERE name ="
						 " 'Old organisation' AND created_at = 1700000000"),
				 1);
	}
}

static void test_migrate_keeps_a_database_of_the_current_version(void **state)
{
	(void)state;
	/* A new database: the current version; running it again changes nothing. */
	static struct server fresh;
	assert_int_equal(server_new(&fresh, false), 0);
	int current = migrate_version(fresh.db);
	assert_true(current >= 1);
	assert_int_equal(
	    db_int(&fresh, "SELECT MAX(version) FROM schema_migrations", (const char *)NULL),
	    current);
	int64_t applied =
	    db_int(&fresh, "SELECT COUNT(*) FROM schema_migrations", (const char *)NULL);
	assert_int_equal(migrate_version(fresh.db), current);
	assert_int_equal(
	    db_int(&fresh, "SELECT COUNT(*) FROM schema_migrations", (const char *)NULL), applied);
	assert_int_equal(db_int(&fresh, "SELECT COUNT(*) FROM persons", (const char *)NULL), 0);
	server_free(&fresh);

	/* A database of the current version with the demo data keeps every row. */
	int64_t persons = db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	assert_int_equal(server_stop_graceful(&srv), true);
	assert_int_equal(migrate_version(srv.db), current);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL), persons);
	assert_int_equal(server_start(&srv), 0);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_language_from_accept_language_and_the_switch),
		cmocka_unit_test(test_the_language_switch_marks_the_current_language),
		cmocka_unit_test(test_unknown_routes_are_404_and_wrong_methods_405),
		cmocka_unit_test(test_405_lists_the_allowed_methods),
		cmocka_unit_test(test_body_over_one_mib_is_413),
		cmocka_unit_test(test_two_thousand_requests_at_once),
		cmocka_unit_test(test_graceful_stop_and_restart_keep_the_data),
		cmocka_unit_test(test_sigkill_during_writes_then_restart),
		cmocka_unit_test(test_migrate_brings_old_databases_to_the_current_schema),
		cmocka_unit_test(test_migrate_keeps_a_database_of_the_current_version),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
