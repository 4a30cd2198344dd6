/* test_events.c: community events and publications over HTTP (issue 7, part 2). The demo's
 * round table as each role sees it; an event and a publication made through the API with
 * their codes by default; the audience counted and named; a protected participant named only
 * to those who may see her; refusals that name their field and write nothing; the web forms;
 * a person's events. */
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
static struct client *worker, *psy, *analyst, *ngo, *wweb;
static int64_t round_table, karimova;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &psy, &analyst, &ngo };
	const char *logins[] = { "worker", "psychologist", "analyst", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303)
		goto fail;
	round_table = q("SELECT MIN(id) FROM events WHERE kind = ?1", "round_table");
	karimova = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	if (round_table <= 0 || karimova <= 0)
		goto fail;
	return 0;
fail:
	server_dump_log(&srv);
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	bool ok = server_stop_graceful(&srv);
	server_free(&srv);
	return ok ? 0 : -1;
}

static struct resp *post(struct client *c, const char *body, const char *fmt, int64_t id)
{
	char path[128];
	snprintf(path, sizeof(path), fmt, (long long)id);
	return http_post_json(c, path, body);
}

static void test_the_demo_round_table(void **state)
{
	(void)state;
	json_t *j = json_of(http_get(worker, "/api/v1/events/%lld", (long long)round_table), 200);
	assert_string_equal(json_str_of(j, "form"), "public_state");
	assert_string_equal(json_str_of(j, "means"), "policy");
	assert_int_equal(json_int_of(j, "named", 0), 2);
	assert_int_equal(json_array_size(json_object_get(j, "participants")), 2);
	json_decref(j);
	/* The worker names the protected person; the psychologist then sees her nameless. */
	char body[96];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"performer\"}",
		 (long long)karimova);
	json_decref(
	    json_of(post(worker, body, "/api/v1/events/%lld/participants", round_table), 201));
	struct resp *r = http_get(psy, "/api/v1/events/%lld", (long long)round_table);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	j = resp_json(r);
	size_t i, nameless = 0;
	json_t *x;
	json_array_foreach (json_object_get(j, "participants"), i, x)
		nameless += json_is_null(json_object_get(x, "person"));
	assert_int_equal(nameless, 1);
	json_decref(j);
	/* …nor may she be named or removed by the psychologist. */
	assert_string_equal(
	    error_field(post(psy, body, "/api/v1/events/%lld/participants", round_table)),
	    "person_id");
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/events/%lld/participants/%lld",
		 (long long)round_table, (long long)karimova);
	EXPECT_STATUS(http_delete(psy, path), 404);
	EXPECT_STATUS(http_get(psy, "/api/v1/persons/%lld/events", (long long)karimova), 404);
	j = json_of(http_get(worker, "/api/v1/persons/%lld/events", (long long)karimova), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	json_decref(json_of(http_delete(worker, path), 200));
	EXPECT_STATUS(http_delete(worker, path), 404);
	/* Analysts see none; another organisation finds none. */
	EXPECT_STATUS(http_get(analyst, "/api/v1/events"), 403);
	EXPECT_STATUS(http_get(ngo, "/api/v1/events/%lld", (long long)round_table), 404);
	snprintf(path, sizeof(path), "/api/v1/events/%lld", (long long)round_table);
	EXPECT_STATUS(http_patch_json(ngo, path, "{\"version\":1,\"title\":\"x\"}"), 404);
	r = http_get(ngo, "/api/v1/events");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "(demo)"));
}

static void test_events_and_publications(void **state)
{
	(void)state;
	/* A publication: its medium and copies; its codes by default. */
	json_t *j = json_of(http_post_json(worker, "/api/v1/events",
					   "{\"kind\":\"publication\",\"title\":\"Газет\","
					   "\"held_on\":\"2026-03-01\",\"medium\":\"newspaper\","
					   "\"circulation\":1200}"),
			    201);
	int64_t pub = json_int_of(j, "id", 0);
	assert_string_equal(json_str_of(j, "form"), "public_state");
	assert_string_equal(json_str_of(j, "function"), "integration");
	assert_int_equal(json_int_of(j, "circulation", 0), 1200);
	json_decref(j);
	/* Refusals name their field; nothing is written. */
	int64_t before = q("SELECT COUNT(*) FROM events", NULL);
	const struct {
		const char *body, *field;
	} bad[] = {
		{ "{\"kind\":\"fundraising\",\"title\":\"x\",\"held_on\":\"2026-01-01\"}", "kind" },
		{ "{\"kind\":\"forum\",\"title\":\"x\"}", "held_on" },
		{ "{\"kind\":\"forum\",\"held_on\":\"2026-01-01\"}", "title" },
		{ "{\"kind\":\"forum\",\"title\":\"x\",\"held_on\":\"2026-01-05\","
		  "\"ends_on\":\"2026-01-04\"}",
		  "ends_on" },
		{ "{\"kind\":\"forum\",\"title\":\"x\",\"held_on\":\"2026-01-01\",\"migrants\":-1}",
		  "migrants" },
		{ "{\"kind\":\"forum\",\"title\":\"x\",\"held_on\":\"2026-01-01\",\"hosts\":"
		  "2000000}",
		  "hosts" },
		{ "{\"kind\":\"forum\",\"title\":\"x\",\"held_on\":\"2026-01-01\",\"medium\":"
		  "\"newspaper\"}",
		  "medium" },
		{ "{\"kind\":\"publication\",\"title\":\"x\",\"held_on\":\"2026-01-01\"}",
		  "medium" },
		{ "{\"kind\":\"forum\",\"title\":\"x\",\"held_on\":\"2026-01-01\",\"means\":"
		  "\"magic\"}",
		  "means" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_string_equal(
		    error_field(http_post_json(worker, "/api/v1/events", bad[i].body)),
		    bad[i].field);
	assert_int_equal(q("SELECT COUNT(*) FROM events", NULL), before);
	EXPECT_STATUS(http_post_json(analyst, "/api/v1/events", bad[0].body), 403);
	/* A stale edit is told. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/events/%lld", (long long)pub);
	json_decref(json_of(
	    http_patch_json(worker, path, "{\"version\":1,\"results\":\"Оқырмандар хаттары\"}"),
	    200));
	EXPECT_STATUS(http_patch_json(worker, path, "{\"version\":1,\"title\":\"Ескі\"}"), 409);
	/* The list filters by kind. */
	j = json_of(http_get(worker, "/api/v1/events?kind=publication"), 200);
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(j, "items"), i, x)
		assert_string_equal(json_str_of(x, "kind"), "publication");
	json_decref(j);
	EXPECT_STATUS(http_get(worker, "/api/v1/events?kind=lobbying"), 422);
	/* A person named once; another organisation's person not at all. */
	int64_t own = q("SELECT MIN(id) FROM persons WHERE restricted = 0 AND org_id = (SELECT"
			" org_id FROM users WHERE login = ?1)",
			"worker");
	int64_t foreign = q("SELECT MIN(id) FROM persons WHERE org_id <> (SELECT org_id FROM users"
			    " WHERE login = ?1)",
			    "worker");
	char body[96];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"author\"}", (long long)own);
	json_decref(json_of(post(worker, body, "/api/v1/events/%lld/participants", pub), 201));
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/events/%lld/participants", pub)), "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)foreign);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/events/%lld/participants", pub)), "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"chief\"}", (long long)own);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/events/%lld/participants", pub)), "role");
	assert_int_equal(
	    q("SELECT COUNT(*) FROM event_participants WHERE event_id = ?1", i64s(pub)), 1);
	/* The person's page lists the event. */
	struct resp *r = http_get(wweb, "/persons/%lld", (long long)own);
	EXPECT_STATUS(r, 200);
	char href[64];
	snprintf(href, sizeof(href), "href=\"/events/%lld\"", (long long)pub);
	assert_true(resp_has(r, href));
}

static void test_the_web_forms(void **state)
{
	(void)state;
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "kind", "excursion");
	sb_form(&f, "title", "Түркістанға <саяхат>");
	sb_form(&f, "held_on", "2026-04-01");
	sb_form(&f, "migrants", "many");
	struct resp *r = http_post_form(wweb, "/events", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Түркістанға &lt;саяхат&gt;"));
	assert_true(resp_has(r, "aria-describedby=\"e-migrants\""));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "kind", "excursion");
	sb_form(&f, "title", "Түркістанға саяхат");
	sb_form(&f, "held_on", "2026-04-01");
	sb_form(&f, "migrants", "25");
	sb_form(&f, "hosts", "3");
	EXPECT_STATUS(http_post_form(wweb, "/events", sb_str(&f)), 303);
	sb_free(&f);
	int64_t e = q("SELECT id FROM events WHERE title = ?1", "Түркістанға саяхат");
	assert_true(e > 0);
	char path[96];
	snprintf(path, sizeof(path), "/events/%lld/participants", (long long)e);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", "999999");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"999999\""));
	int64_t own = q("SELECT MIN(id) FROM persons WHERE restricted = 0 AND org_id = (SELECT"
			" org_id FROM users WHERE login = ?1)",
			"worker");
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(own));
	sb_form(&f, "role", "participant");
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	r = http_get(wweb, "/events/%lld", (long long)e);
	EXPECT_STATUS(r, 200);
	/* 25 unnamed and 1 named migrants, 3 of the host community: 29 in all. */
	assert_true(resp_has(r, ": 26 "));
	assert_true(resp_has(r, ": 29<"));
	snprintf(path, sizeof(path), "/events/%lld/participants/%lld/remove", (long long)e,
		 (long long)own);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	assert_int_equal(q("SELECT COUNT(*) FROM event_participants WHERE event_id = ?1", i64s(e)),
			 0);
	struct client *aweb = client_new(&srv);
	assert_int_equal(web_login(aweb, "analyst", DEMO_PASSWORD), 303);
	EXPECT_STATUS(http_get(aweb, "/events"), 403);
	EXPECT_STATUS(http_get(aweb, "/events/%lld", (long long)e), 403);
	client_free(aweb);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_demo_round_table),
		cmocka_unit_test(test_events_and_publications),
		cmocka_unit_test(test_the_web_forms),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
