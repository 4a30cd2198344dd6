/* test_instances.c: two `komek serve` processes on one PostgreSQL database, as behind a load
 * balancer. A web session and an API token made on one are good on the other, and ended on
 * one are ended on both; a person registered on one is read on the other; the same edit of a
 * person sent to both at once is taken once (200) and refused once (409), and the record is
 * the winner's; a web form gone stale because of an edit on the other instance gets the
 * conflict page with the input kept.
 *
 * PostgreSQL only (KOMEK_TEST_HTTP_PG=1 and KOMEK_TEST_PG: `make test-pg`); on SQLite every
 * test is skipped with a message. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define RACE_ROUNDS 20

static struct server a, b; /* b runs on a's database */
static bool pg;
static int64_t person_id; /* registered on A by the API, read and edited on both */

static int group_setup(void **state)
{
	(void)state;
	pg = harness_pg();
	if (!pg)
		return 0;
	if (server_new(&a, true) || server_start(&a) || server_new_shared(&b, &a) ||
	    server_start(&b))
		return -1; /* the harness frees them at exit */
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	if (!pg)
		return 0;
	bool ok = server_stop_graceful(&b);
	ok = server_stop_graceful(&a) && ok;
	server_free(&b); /* first: the database is a's */
	server_free(&a);
	return ok ? 0 : -1;
}

#define NEED_PG()                                                                                  \
	do {                                                                                       \
		if (!pg) {                                                                         \
			printf("skipped: two instances share a PostgreSQL database; run with "     \
			       "KOMEK_TEST_HTTP_PG=1 and KOMEK_TEST_PG (make test-pg)\n");         \
			fflush(stdout);                                                            \
			skip();                                                                    \
		}                                                                                  \
	} while (0)

static json_t *get_json(struct client *c, const char *path)
{
	struct resp *r = http_get(c, "%s", path);
	EXPECT_STATUS(r, 200);
	json_t *j = resp_json(r);
	assert_non_null(j);
	return j;
}

/* "/api/v1/persons/ID" of the test's person. */
static const char *api_person(void)
{
	static char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	return path;
}

/* The value of the form's hidden "version" input. */
static int64_t form_version(const struct resp *r)
{
	char v[32];
	assert_true(extract_input_value(r->body, "version", v, sizeof(v)));
	return strtoll(v, NULL, 10);
}

static void test_two_servers_share_one_database(void **state)
{
	(void)state;
	NEED_PG();
	assert_string_equal(a.db, b.db);
	assert_int_not_equal(a.port, b.port);
	assert_true(a.pid > 0 && b.pid > 0 && a.pid != b.pid);
	struct client *ca = client_new(&a), *cb = client_new(&b);
	assert_int_equal(api_login(ca, "worker", DEMO_PASSWORD), 201);
	assert_int_equal(api_login(cb, "worker", DEMO_PASSWORD), 201);
	json_t *ja = get_json(ca, "/api/v1/persons?limit=1");
	json_t *jb = get_json(cb, "/api/v1/persons?limit=1");
	assert_true(json_int_of(ja, "total", -1) > 0);
	assert_int_equal(json_int_of(ja, "total", -1), json_int_of(jb, "total", -2));
	json_decref(ja);
	json_decref(jb);
	client_free(ca);
	client_free(cb);
}

static void test_a_session_and_a_token_made_on_A_work_on_B(void **state)
{
	(void)state;
	NEED_PG();
	/* The web session: its cookie and the CSRF token of its pages. */
	struct client *wa = client_new(&a), *wb = client_new(&b);
	assert_int_equal(web_login(wa, "worker", DEMO_PASSWORD), 303);
	char cookie[128];
	assert_true(client_cookie(wa, "komek_session", cookie, sizeof(cookie)));
	struct resp *r = http_get(wb, "/persons");
	EXPECT_STATUS(r, 303); /* B does not know this browser yet */
	client_set_cookie(wb, "komek_session", cookie);
	r = http_get(wb, "/persons");
	EXPECT_STATUS(r, 200);
	int64_t before = db_int(&a, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wa->csrf); /* from a page of A */
	sb_form(&f, "family_name", "Екіжақ");
	sb_form(&f, "given_name", "Сессия");
	sb_form(&f, "sex", "male");
	sb_form(&f, "birth_date", "1991-02-03");
	sb_form(&f, "child_status", "none");
	r = http_post_form(wb, "/persons", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	assert_int_equal(db_int(&a, "SELECT COUNT(*) FROM persons", (const char *)NULL),
			 before + 1);

	/* The API token. */
	struct client *ta = client_new(&a), *tb = client_new(&b);
	assert_int_equal(api_login(ta, "worker", DEMO_PASSWORD), 201);
	snprintf(tb->bearer, sizeof(tb->bearer), "%s", ta->bearer);
	r = http_get(tb, "/api/v1/persons");
	EXPECT_STATUS(r, 200);
	client_free(wa);
	client_free(wb);
	client_free(ta);
	client_free(tb);
}

static void test_a_person_registered_on_A_is_read_on_B(void **state)
{
	(void)state;
	NEED_PG();
	struct client *ca = client_new(&a), *cb = client_new(&b);
	assert_int_equal(api_login(ca, "worker", DEMO_PASSWORD), 201);
	snprintf(cb->bearer, sizeof(cb->bearer), "%s", ca->bearer);
	struct resp *r = http_post_json(
	    ca, "/api/v1/persons",
	    "{\"family_name\":\"Қосжанова\",\"given_name\":\"Инстанция\",\"sex\":\"female\","
	    "\"birth_date\":\"1990-01-02\",\"phone\":\"+7 701 555 00 01\","
	    "\"categories\":[\"labour_migrant\"],"
	    "\"documents\":[{\"type\":\"passport\",\"number\":\"IN0000001\"}]}");
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	person_id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(person_id > 0);

	j = get_json(cb, api_person());
	assert_string_equal(json_str_of(j, "family_name"), "Қосжанова");
	assert_string_equal(json_str_of(j, "given_name"), "Инстанция");
	assert_string_equal(json_str_of(j, "phone"), "+7 701 555 00 01");
	assert_int_equal(json_int_of(j, "version", 0), 1);
	assert_int_equal(json_array_size(json_object_get(j, "documents")), 1);
	json_decref(j);
	/* Found by B's search, and on B's pages. */
	j = get_json(cb, "/api/v1/persons?q=IN0000001");
	assert_int_equal(json_int_of(j, "total", -1), 1);
	json_decref(j);
	struct client *wb = client_new(&b);
	assert_int_equal(web_login(wb, "worker", DEMO_PASSWORD), 303);
	r = http_get(wb, "/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Қосжанова"));
	client_free(wb);
	client_free(ca);
	client_free(cb);
}

/* One side of a race: a PATCH of the person, sent when both sides are ready. */
struct racer {
	const struct server *s;
	const char *token;
	pthread_barrier_t *go;
	int64_t version;
	char family[32];
	long status;
	char code[32];
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct client *c = client_new_unlisted(x->s);
	snprintf(c->bearer, sizeof(c->bearer), "%s", x->token);
	char path[64], body[128];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	snprintf(body, sizeof(body), "{\"version\":%lld,\"family_name\":\"%s\"}",
		 (long long)x->version, x->family);
	http_get(c, "%s", path); /* the connection is open before the start */
	pthread_barrier_wait(x->go);
	struct resp *r = http_patch_json(c, path, body);
	x->status = r->status;
	json_t *j = resp_json(r);
	const char *code = json_str_of(json_object_get(j, "error"), "code");
	snprintf(x->code, sizeof(x->code), "%s", code ? code : "");
	json_decref(j);
	client_free(c);
	return NULL;
}

static void test_the_same_edit_on_both_at_once_is_taken_once(void **state)
{
	(void)state;
	NEED_PG();
	assert_true(person_id > 0);
	struct client *ca = client_new(&a), *cb = client_new(&b);
	assert_int_equal(api_login(ca, "worker", DEMO_PASSWORD), 201);
	snprintf(cb->bearer, sizeof(cb->bearer), "%s", ca->bearer);
	int wins[2] = { 0, 0 };
	for (int round = 0; round < RACE_ROUNDS; round++) {
		json_t *j = get_json(ca, api_person());
		int64_t v = json_int_of(j, "version", 0);
		json_decref(j);
		pthread_barrier_t go;
		pthread_barrier_init(&go, NULL, 2);
		struct racer x[2] = {
			{ .s = &a, .token = ca->bearer, .go = &go, .version = v },
			{ .s = &b, .token = ca->bearer, .go = &go, .version = v },
		};
		snprintf(x[0].family, sizeof(x[0].family), "Race%dOnA", round);
		snprintf(x[1].family, sizeof(x[1].family), "Race%dOnB", round);
		pthread_t th[2];
		for (int i = 0; i < 2; i++)
			assert_int_equal(pthread_create(&th[i], NULL, race, &x[i]), 0);
		for (int i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		pthread_barrier_destroy(&go);

		/* Exactly one 200 and one 409. */
		if (!((x[0].status == 200 && x[1].status == 409) ||
		      (x[0].status == 409 && x[1].status == 200)))
			fail_msg(
			    "round %d: A answered %ld, B answered %ld; want one 200 and one 409",
			    round, x[0].status, x[1].status);
		const struct racer *won = x[0].status == 200 ? &x[0] : &x[1];
		const struct racer *lost = won == &x[0] ? &x[1] : &x[0];
		wins[won == &x[1]]++;
		assert_string_equal(lost->code, "conflict");
		/* The record is the winner's, at the next version, on both servers. */
		char fam[64];
		assert_true(db_text(&a, fam, sizeof(fam),
				    "SELECT family_name FROM persons WHERE id = ?1",
				    i64s(person_id), (const char *)NULL));
		assert_string_equal(fam, won->family);
		assert_int_equal(db_int(&a, "SELECT version FROM persons WHERE id = ?1",
					i64s(person_id), (const char *)NULL),
				 v + 1);
		/* One history row for that version: the winner's. */
		assert_int_equal(db_int(&a,
					"SELECT COUNT(*) FROM person_changes WHERE person_id = ?1"
					" AND version = ?2 AND field = 'family_name'",
					i64s(person_id), i64s(v + 1), (const char *)NULL),
				 1);
		assert_int_equal(
		    db_int(&a,
			   "SELECT COUNT(*) FROM person_changes WHERE person_id = ?1"
			   " AND version = ?2 AND field = 'family_name' AND new_value = ?3",
			   i64s(person_id), i64s(v + 1), won->family, (const char *)NULL),
		    1);
		struct client *both[2] = { ca, cb };
		for (int i = 0; i < 2; i++) {
			j = get_json(both[i], api_person());
			assert_string_equal(json_str_of(j, "family_name"), won->family);
			assert_int_equal(json_int_of(j, "version", 0), v + 1);
			json_decref(j);
		}
	}
	printf("instances: %d races: A won %d, B won %d\n", RACE_ROUNDS, wins[0], wins[1]);
	fflush(stdout);
	client_free(ca);
	client_free(cb);
}

static void test_a_stale_form_on_B_gets_the_conflict_page_with_the_input(void **state)
{
	(void)state;
	NEED_PG();
	assert_true(person_id > 0);
	struct client *wb = client_new(&b), *ta = client_new(&a);
	assert_int_equal(web_login(wb, "worker", DEMO_PASSWORD), 303);
	assert_int_equal(api_login(ta, "worker", DEMO_PASSWORD), 201);
	/* B shows the edit form... */
	struct resp *r = http_get(wb, "/persons/%lld/edit", (long long)person_id);
	EXPECT_STATUS(r, 200);
	int64_t v = form_version(r);
	char fam[64];
	assert_true(extract_input_value(r->body, "family_name", fam, sizeof(fam)));
	/* ...then someone saves on A... */
	char path[64], body[128];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	snprintf(body, sizeof(body), "{\"version\":%lld,\"phone\":\"+7 702 000 11 22\"}",
		 (long long)v);
	EXPECT_STATUS(http_patch_json(ta, path, body), 200);
	/* ...and the form read before is sent to B. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wb->csrf);
	sb_form(&f, "version", i64s(v));
	sb_form(&f, "family_name", fam);
	sb_form(&f, "given_name", "Инстанция");
	sb_form(&f, "sex", "female");
	sb_form(&f, "birth_date", "1990-01-02");
	sb_form(&f, "child_status", "none");
	sb_form(&f, "categories", "labour_migrant");
	sb_form(&f, "documents[0].type", "passport");
	sb_form(&f, "documents[0].number", "IN0000001");
	sb_form(&f, "phone", "+7 777 999 88 77");
	sb_form(&f, "locality", "Ақсу");
	snprintf(path, sizeof(path), "/persons/%lld", (long long)person_id);
	r = http_post_form(wb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 409);
	/* The input is kept, the form now names A's version, and nothing was written. */
	assert_true(resp_has(r, "value=\"+7 777 999 88 77\""));
	assert_true(resp_has(r, "value=\"Ақсу\""));
	int64_t now = form_version(r);
	assert_int_equal(now, v + 1);
	char phone[64];
	assert_true(db_text(&a, phone, sizeof(phone), "SELECT phone FROM persons WHERE id = ?1",
			    i64s(person_id), (const char *)NULL));
	assert_string_equal(phone, "+7 702 000 11 22");
	assert_int_equal(db_int(&a, "SELECT version FROM persons WHERE id = ?1", i64s(person_id),
				(const char *)NULL),
			 v + 1);

	/* Sent again from the conflict page, it is saved; A reads it. */
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wb->csrf);
	sb_form(&f, "version", i64s(now));
	sb_form(&f, "family_name", fam);
	sb_form(&f, "given_name", "Инстанция");
	sb_form(&f, "sex", "female");
	sb_form(&f, "birth_date", "1990-01-02");
	sb_form(&f, "child_status", "none");
	sb_form(&f, "categories", "labour_migrant");
	sb_form(&f, "documents[0].type", "passport");
	sb_form(&f, "documents[0].number", "IN0000001");
	sb_form(&f, "phone", "+7 777 999 88 77");
	sb_form(&f, "locality", "Ақсу");
	r = http_post_form(wb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	json_t *j = get_json(ta, api_person());
	assert_string_equal(json_str_of(j, "phone"), "+7 777 999 88 77");
	assert_string_equal(json_str_of(j, "locality"), "Ақсу");
	assert_int_equal(json_int_of(j, "version", 0), v + 2);
	json_decref(j);
	client_free(wb);
	client_free(ta);
}

/* The database ends every session of the servers (a restart, a failover): a request that
 * meets a dropped connection is told the server failed, not that the user is logged out
 * (401), and the connection is made again for the next one. */
static void test_a_dropped_connection_is_not_a_logout(void **state)
{
	(void)state;
	NEED_PG();
	struct client *ca = client_new(&a);
	assert_int_equal(api_login(ca, "worker", DEMO_PASSWORD), 201);
	EXPECT_STATUS(http_get(ca, "/api/v1/persons?limit=1"), 200);
	assert_true(db_int(&a,
			   "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE"
			   " datname = current_database() AND pid <> pg_backend_pid()",
			   (const char *)NULL) > 0);
	/* Each connection of the pool may meet its end once; none answers 401. */
	int ok = 0;
	for (int i = 0; i < 8; i++) {
		struct resp *r = http_get(ca, "/api/v1/persons?limit=1");
		if (r->status == 401)
			fail_msg("a dropped connection answered 401");
		assert_true(r->status == 200 || r->status == 500 || r->status == 503);
		ok += r->status == 200;
	}
	assert_true(ok > 0);
	EXPECT_STATUS(http_get(ca, "/api/v1/persons?limit=1"), 200);
	/* The audit writer's connection was dropped too: a view is still written, through
	 * the connection made again when its first batch failed. */
#define VIEWS "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'person.view'"
	int64_t before = db_int(&a, VIEWS, (const char *)NULL);
	EXPECT_STATUS(http_get(ca, "%s", api_person()), 200);
	int64_t after = before;
	for (int i = 0; i < 100 && after == before; i++) {
		usleep(100000);
		after = db_int(&a, VIEWS, (const char *)NULL);
	}
	assert_int_equal(after, before + 1);
#undef VIEWS
	client_free(ca);
}

static void test_logging_out_on_A_ends_the_session_on_B(void **state)
{
	(void)state;
	NEED_PG();
	/* The web session. */
	struct client *wa = client_new(&a), *wb = client_new(&b);
	assert_int_equal(web_login(wa, "worker", DEMO_PASSWORD), 303);
	char cookie[128];
	assert_true(client_cookie(wa, "komek_session", cookie, sizeof(cookie)));
	client_set_cookie(wb, "komek_session", cookie);
	EXPECT_STATUS(http_get(wb, "/persons"), 200);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wa->csrf);
	struct resp *r = http_post_form(wa, "/logout", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	EXPECT_STATUS(http_get(wa, "/persons"), 303);
	r = http_get(wb, "/persons");
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/login");
	r = http_get(wb, "/api/v1/persons/%lld", (long long)person_id);
	assert_int_not_equal(r->status, 200);

	/* The API token, revoked on A. */
	struct client *ta = client_new(&a), *tb = client_new(&b);
	assert_int_equal(api_login(ta, "worker", DEMO_PASSWORD), 201);
	snprintf(tb->bearer, sizeof(tb->bearer), "%s", ta->bearer);
	EXPECT_STATUS(http_get(tb, "/api/v1/persons"), 200);
	EXPECT_STATUS(http_delete(ta, "/api/v1/session"), 204);
	EXPECT_STATUS(http_get(tb, "/api/v1/persons"), 401);
	EXPECT_STATUS(http_get(ta, "/api/v1/persons"), 401);
	client_free(wa);
	client_free(wb);
	client_free(ta);
	client_free(tb);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_servers_share_one_database),
		cmocka_unit_test(test_a_session_and_a_token_made_on_A_work_on_B),
		cmocka_unit_test(test_a_person_registered_on_A_is_read_on_B),
		cmocka_unit_test(test_the_same_edit_on_both_at_once_is_taken_once),
		cmocka_unit_test(test_a_stale_form_on_B_gets_the_conflict_page_with_the_input),
		cmocka_unit_test(test_logging_out_on_A_ends_the_session_on_B),
		/* Last: it ends the database sessions of both servers. */
		cmocka_unit_test(test_a_dropped_connection_is_not_a_logout),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
