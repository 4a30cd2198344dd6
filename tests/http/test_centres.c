/* test_centres.c: centres, rooms and beds over HTTP (issue 7, part 5). The demo's centre as
 * each role sees it (the protected person on a bed named only to those who may see her);
 * a centre made through the API with rooms; placing, the bed that cannot be given twice
 * (one placement at a time, and many racing requests for one bed: exactly one wins); the
 * person who cannot be on two beds; check-out one by one and together; the presence list;
 * the waiting list; refusals that name their field and write nothing; the web forms; the
 * audit of the people shown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <pthread.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *worker, *sup, *psy, *analyst, *ngo;
static struct client *wweb, *sweb;
static int64_t demo_centre, karimova, worker_id;
static char today[11];

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	today_iso(today);
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &sup, &psy, &analyst, &ngo };
	const char *logins[] = { "worker", "supervisor", "psychologist", "analyst", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	sweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(sweb, "supervisor", DEMO_PASSWORD) != 303)
		goto fail;
	demo_centre = q("SELECT MIN(id) FROM centres WHERE kind = ?1", "temporary_accommodation");
	karimova = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	worker_id = q("SELECT id FROM users WHERE login = ?1", "worker");
	if (demo_centre <= 0 || karimova <= 0)
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

/* A new person registered by the worker: their id. */
static int64_t new_person(const char *family, const char *given)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"sex\":\"male\","
		 "\"birth_date\":\"1990-01-01\",\"confirm_new\":true}",
		 family, given);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* A centre made by the supervisor with one room of `beds` beds: its id; the beds' ids in
 * bed[0..beds). */
static int64_t new_centre(const char *name, int beds, int64_t *bed)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"kind\":\"adaptation_centre\",\"name\":\"%s\",\"region\":\"KZ-75\"}", name);
	json_t *j = json_of(http_post_json(sup, "/api/v1/centres", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"name\":\"R\",\"beds\":%d}", beds);
	j = json_of(post(sup, body, "/api/v1/centres/%lld/rooms", id), 201);
	json_t *b = json_object_get(j, "beds");
	assert_int_equal(json_array_size(b), (size_t)beds);
	for (int i = 0; i < beds; i++)
		bed[i] = json_int_of(json_array_get(b, (size_t)i), "id", 0);
	assert_int_equal(json_int_of(j, "beds_free", -1), beds);
	json_decref(j);
	return id;
}

static long place(struct client *c, int64_t centre, int64_t person, int64_t bed, int64_t *stay)
{
	char body[128];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld}", (long long)person,
		 (long long)bed);
	struct resp *r = post(c, body, "/api/v1/centres/%lld/placements", centre);
	if (stay) {
		json_t *j = resp_json(r);
		*stay = json_int_of(j, "id", 0);
		json_decref(j);
	}
	return r->status;
}

static int64_t open_stays(int64_t centre)
{
	return q("SELECT COUNT(*) FROM placements WHERE centre_id = ?1 AND checked_out IS NULL",
		 i64s(centre));
}

/* ---- the tests ---- */

static void test_the_demo_centre_as_each_role_sees_it(void **state)
{
	(void)state;
	/* The worker assigned to the protected person sees her on her bed. */
	struct resp *r = http_get(wweb, "/centres/%lld", (long long)demo_centre);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Karimova"));
	assert_true(resp_has(r, "Жақсылықов"));
	assert_true(resp_has(r, "Батболд")); /* waiting */
	/* The psychologist, not assigned: the bed is occupied, nameless, in every route. */
	json_t *j = json_of(http_get(psy, "/api/v1/centres/%lld", (long long)demo_centre), 200);
	char *dump = json_dumps(j, 0);
	assert_null(strstr(dump, "Karimova"));
	assert_non_null(strstr(dump, "Жақсылықов"));
	free(dump);
	size_t i;
	json_t *b;
	int nameless = 0;
	json_array_foreach (json_object_get(j, "beds"), i, b)
		if (json_is_true(json_object_get(b, "occupied")) &&
		    json_is_null(json_object_get(b, "placement")))
			nameless++;
	assert_int_equal(nameless, 1);
	assert_int_equal(json_int_of(j, "occupied", 0), 2);
	json_decref(j);
	EXPECT_STATUS(http_get(psy, "/api/v1/persons/%lld/placements", (long long)karimova), 404);
	r = http_get(psy, "/api/v1/centres/%lld/presence", (long long)demo_centre);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	/* Another organisation's worker: no such centre; an analyst: no centres at all. */
	EXPECT_STATUS(http_get(ngo, "/api/v1/centres/%lld", (long long)demo_centre), 404);
	EXPECT_STATUS(http_get(analyst, "/api/v1/centres"), 403);
	j = json_of(http_get(ngo, "/api/v1/centres"), 200);
	json_array_foreach (json_object_get(j, "items"), i, b)
		assert_int_not_equal(json_int_of(b, "id", 0), demo_centre);
	json_decref(j);
	/* The worker's views of the protected person were audited, on disk. */
	assert_true(db_int(&srv,
			   "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'centre.view'"
			   " AND entity_id = ?1 AND user_id = ?2",
			   i64s(karimova), i64s(worker_id), (const char *)NULL) > 0);
	/* Her stay cannot be checked out or marked by someone who may not see her. */
	int64_t stay = q("SELECT id FROM placements WHERE person_id = ?1", i64s(karimova));
	char body[96];
	snprintf(body, sizeof(body), "{\"placements\":[%lld]}", (long long)stay);
	EXPECT_STATUS(post(psy, body, "/api/v1/centres/%lld/checkout", demo_centre), 404);
	EXPECT_STATUS(post(psy, body, "/api/v1/centres/%lld/presence", demo_centre), 404);
	EXPECT_STATUS(post(ngo, body, "/api/v1/centres/%lld/checkout", demo_centre), 404);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM placements WHERE id = ?1 AND checked_out IS NULL", i64s(stay)),
	    1);
}

static void test_a_bed_is_given_once_and_a_person_takes_one(void **state)
{
	(void)state;
	int64_t bed[2];
	int64_t centre = new_centre("Once", 2, bed);
	int64_t a = new_person("Бірінші", "Төсек"), b = new_person("Екінші", "Төсек");
	int64_t stay = 0;
	assert_int_equal(place(worker, centre, a, bed[0], &stay), 201);
	assert_true(stay > 0);
	/* The same bed for another: taken. The same person on another bed: refused. */
	assert_int_equal(place(worker, centre, b, bed[0], NULL), 422);
	char body[128];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld}", (long long)b,
		 (long long)bed[0]);
	struct resp *r = post(worker, body, "/api/v1/centres/%lld/placements", centre);
	assert_string_equal(error_field(r), "bed_id");
	r = post(worker, "{\"person_id\":0,\"bed_id\":1}", "/api/v1/centres/%lld/placements",
		 centre);
	assert_string_equal(error_field(r), "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld}", (long long)a,
		 (long long)bed[1]);
	r = post(worker, body, "/api/v1/centres/%lld/placements", centre);
	assert_string_equal(error_field(r), "person_id");
	/* A bed of another centre is no bed of this one. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld}", (long long)b,
		 (long long)q("SELECT MIN(id) FROM beds WHERE centre_id = ?1", i64s(demo_centre)));
	r = post(worker, body, "/api/v1/centres/%lld/placements", centre);
	assert_string_equal(error_field(r), "bed_id");
	assert_int_equal(open_stays(centre), 1);
	/* Checked out, the bed takes the next person, but not from before the check-out. */
	snprintf(body, sizeof(body), "{\"placements\":[%lld],\"date\":\"2001-01-01\"}",
		 (long long)stay);
	r = post(worker, body, "/api/v1/centres/%lld/checkout", centre);
	assert_string_equal(error_field(r), "date");
	snprintf(body, sizeof(body), "{\"placements\":[%lld]}", (long long)stay);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/checkout", centre), 200));
	EXPECT_STATUS(post(worker, body, "/api/v1/centres/%lld/checkout", centre), 409);
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"bed_id\":%lld,\"check_in\":\"2020-01-01\"}", (long long)b,
		 (long long)bed[0]);
	r = post(worker, body, "/api/v1/centres/%lld/placements", centre);
	assert_string_equal(error_field(r), "bed_id");
	assert_int_equal(place(worker, centre, b, bed[0], NULL), 201);
	/* The person's stays, newest first. */
	json_t *j = json_of(http_get(worker, "/api/v1/persons/%lld/placements", (long long)a), 200);
	json_t *first = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_str_of(first, "checked_out"), today);
	json_decref(j);
	/* And on the person's page; one never placed has no such box. */
	char href[64];
	snprintf(href, sizeof(href), "href=\"/centres/%lld\"", (long long)centre);
	r = http_get(wweb, "/persons/%lld", (long long)a);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, href));
	assert_true(resp_has(r, "id=\"stays\""));
	r = http_get(wweb, "/persons/%lld", (long long)new_person("Жоқ", "Орынсыз"));
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "id=\"stays\""));
}

/* One of the racers: places its person on the bed when all are ready. */
struct racer {
	const char *token;
	pthread_barrier_t *go;
	int64_t centre, person, bed;
	long status;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct client *c = client_new_unlisted(&srv);
	snprintf(c->bearer, sizeof(c->bearer), "%s", x->token);
	http_get(c, "/api/v1/centres/%lld", (long long)x->centre); /* connected before the start */
	pthread_barrier_wait(x->go);
	x->status = place(c, x->centre, x->person, x->bed, NULL);
	client_free(c);
	return NULL;
}

static void test_many_racing_for_one_bed_exactly_one_wins(void **state)
{
	(void)state;
	enum { N = 8 };
	int64_t bed[1];
	int64_t centre = new_centre("Race", 1, bed);
	struct racer x[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		char given[16];
		snprintf(given, sizeof(given), "Жарыс%d", i);
		x[i] = (struct racer){ .token = worker->bearer,
				       .go = &go,
				       .centre = centre,
				       .person = new_person("Жарысушы", given),
				       .bed = bed[0] };
	}
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	/* The losers are told the bed is taken: 422 when the winner had committed before they
	 * looked (SQLite's writers take turns), 409 when the database's index refused them. */
	int won = 0, taken = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		won += x[i].status == 201;
		taken += x[i].status == 409 || x[i].status == 422;
	}
	pthread_barrier_destroy(&go);
	assert_int_equal(won, 1);
	assert_int_equal(taken, N - 1);
	assert_int_equal(open_stays(centre), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM placements WHERE bed_id = ?1", i64s(bed[0])), 1);
}

static void test_check_out_together_and_the_presence_list(void **state)
{
	(void)state;
	int64_t bed[3], stay[3], who[3];
	int64_t centre = new_centre("Together", 3, bed);
	for (int i = 0; i < 3; i++) {
		char given[16];
		snprintf(given, sizeof(given), "Бірге%d", i);
		who[i] = new_person("Біргеұлы", given);
		assert_int_equal(place(worker, centre, who[i], bed[i], &stay[i]), 201);
	}
	/* Two seen today: the list says so, and who was not seen yet. */
	char body[160];
	snprintf(body, sizeof(body), "{\"placements\":[%lld,%lld]}", (long long)stay[0],
		 (long long)stay[1]);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/presence", centre), 200));
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/presence", centre), 200));
	json_t *j =
	    json_of(http_get(worker, "/api/v1/centres/%lld/presence", (long long)centre), 200);
	size_t i;
	json_t *it;
	int seen = 0;
	json_array_foreach (json_object_get(j, "items"), i, it)
		seen += json_is_true(json_object_get(it, "seen_today"));
	assert_int_equal(seen, 2);
	json_decref(j);
	struct resp *r = http_get(wweb, "/centres/%lld/presence", (long long)centre);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Бірге2"));
	/* All three out at once; with one of them out already, none. */
	snprintf(body, sizeof(body), "{\"placements\":[%lld,%lld,%lld]}", (long long)stay[0],
		 (long long)stay[1], (long long)stay[2]);
	char one[64];
	snprintf(one, sizeof(one), "{\"placements\":[%lld]}", (long long)stay[2]);
	json_decref(json_of(post(worker, one, "/api/v1/centres/%lld/checkout", centre), 200));
	EXPECT_STATUS(post(worker, body, "/api/v1/centres/%lld/checkout", centre), 409);
	assert_int_equal(open_stays(centre), 2);
	snprintf(body, sizeof(body), "{\"placements\":[%lld,%lld]}", (long long)stay[0],
		 (long long)stay[1]);
	j = json_of(post(worker, body, "/api/v1/centres/%lld/checkout", centre), 200);
	assert_int_equal(json_int_of(j, "checked_out", 0), 2);
	json_decref(j);
	assert_int_equal(open_stays(centre), 0);
	/* The web's form, with nobody chosen: refused, nothing changed. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "date", today);
	char path[64];
	snprintf(path, sizeof(path), "/centres/%lld/checkout", (long long)centre);
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "role=\"alert\""));
}

static void test_the_waiting_list(void **state)
{
	(void)state;
	int64_t bed[1];
	int64_t centre = new_centre("Queue", 1, bed);
	int64_t a = new_person("Кезек", "Бірінші"), b = new_person("Кезек", "Екінші");
	char body[128];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"note\":\"a family of four\"}",
		 (long long)a);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/waiting", centre), 201));
	assert_string_equal(error_field(post(worker, body, "/api/v1/centres/%lld/waiting", centre)),
			    "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"since\":\"2999-01-01\"}", (long long)b);
	assert_string_equal(error_field(post(worker, body, "/api/v1/centres/%lld/waiting", centre)),
			    "since");
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)b);
	json_t *j = json_of(post(worker, body, "/api/v1/centres/%lld/waiting", centre), 201);
	assert_int_equal(json_int_of(j, "waiting", 0), 2);
	json_decref(j);
	/* Placing the first takes them off the list; the second is withdrawn. */
	assert_int_equal(place(worker, centre, a, bed[0], NULL), 201);
	char status[16] = "";
	db_text(&srv, status, sizeof(status),
		"SELECT status FROM centre_waiting WHERE person_id = ?1", i64s(a),
		(const char *)NULL);
	assert_string_equal(status, "placed");
	int64_t wid = q("SELECT id FROM centre_waiting WHERE person_id = ?1", i64s(b));
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/centres/%lld/waiting/%lld/withdraw",
		 (long long)centre, (long long)wid);
	j = json_of(http_do(worker, "POST", path, NULL, NULL, 0), 200);
	assert_int_equal(json_int_of(j, "waiting", -1), 0);
	json_decref(j);
	EXPECT_STATUS(http_do(worker, "POST", path, NULL, NULL, 0), 409);
	/* Another organisation's worker cannot touch it. */
	EXPECT_STATUS(http_do(ngo, "POST", path, NULL, NULL, 0), 404);
}

static void test_dates_agree_and_erasure_frees_the_bed(void **state)
{
	(void)state;
	int64_t bed[2];
	int64_t centre = new_centre("Dates", 2, bed);
	int64_t a = new_person("Күн", "Белгі");
	int64_t stay = 0;
	char body[192];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"bed_id\":%lld,\"check_in\":\"2026-01-10\"}", (long long)a,
		 (long long)bed[0]);
	json_t *j = json_of(post(worker, body, "/api/v1/centres/%lld/placements", centre), 201);
	stay = json_int_of(j, "id", 0);
	json_decref(j);
	/* Seen today: a check-out dated before today is refused. */
	snprintf(body, sizeof(body), "{\"placements\":[%lld]}", (long long)stay);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/presence", centre), 200));
	snprintf(body, sizeof(body), "{\"placements\":[%lld],\"date\":\"2026-01-11\"}",
		 (long long)stay);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/checkout", centre)), "date");
	snprintf(body, sizeof(body), "{\"placements\":[%lld]}", (long long)stay);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/checkout", centre), 200));
	/* A stay recorded after the fact cannot overlap the person's earlier one. */
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"bed_id\":%lld,\"check_in\":\"2026-01-12\"}", (long long)a,
		 (long long)bed[1]);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/placements", centre)), "check_in");
	/* A person's stays are a view of them, audited. */
	int64_t views = q("SELECT COUNT(*) FROM viewlog.audit WHERE action = 'centre.view' AND"
			  " entity_id = ?1",
			  i64s(a));
	json_decref(
	    json_of(http_get(worker, "/api/v1/persons/%lld/placements", (long long)a), 200));
	/* (An ordinary person's view is written by the audit's batching writer, soon after.) */
	int64_t now = views;
	for (int i = 0; i < 500 && now <= views; i++) {
		nanosleep(&(struct timespec){ 0, 10 * 1000000L }, NULL);
		now = q("SELECT COUNT(*) FROM viewlog.audit WHERE action = 'centre.view' AND"
			" entity_id = ?1",
			i64s(a));
	}
	assert_int_equal(now, views + 1);
	/* Erased on request, the person leaves the bed and the waiting list. */
	int64_t e = new_person("Өшірілетін", "Адам");
	assert_int_equal(place(worker, centre, e, bed[1], NULL), 201);
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)e);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/waiting", demo_centre), 201));
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "reason", "person_request");
	sb_form(&f, "confirm", "1");
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)e);
	struct resp *r = http_post_form(sweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	assert_int_equal(q("SELECT COUNT(*) FROM placements WHERE person_id = ?1 AND checked_out"
			   " IS NULL",
			   i64s(e)),
			 0);
	assert_int_equal(q("SELECT COUNT(*) FROM centre_waiting WHERE person_id = ?1 AND status ="
			   " 'waiting'",
			   i64s(e)),
			 0);
	assert_int_equal(place(worker, centre, a, bed[1], NULL), 201);
}

/* Records linked as the same person: the stay and the place on the list follow the record
 * kept, and come back with an unlink. */
static void test_a_stay_follows_the_record_kept(void **state)
{
	(void)state;
	int64_t bed[1];
	int64_t centre = new_centre("Linked", 1, bed);
	/* Two records of one person, the second registered with another birth year (so that
	 * registration does not decide the pair) and then corrected; the scan finds them. */
	int64_t kept = new_person("Байланыс", "Сынақ");
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons",
					   "{\"family_name\":\"Байланыс\",\"given_name\":\"Сынақ\","
					   "\"sex\":\"male\",\"birth_date\":\"1970-01-01\"}"),
			    201);
	int64_t merged = json_int_of(j, "id", 0);
	json_decref(j);
	char path[96], body[96];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)merged);
	json_decref(json_of(
	    http_patch_json(worker, path, "{\"version\":1,\"birth_date\":\"1990-01-01\"}"), 200));
	json_decref(json_of(http_post_json(sup, "/api/v1/duplicates/scan", "{}"), 200));
	int64_t stay = 0;
	assert_int_equal(place(worker, centre, merged, bed[0], &stay), 201);
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)merged);
	json_decref(json_of(post(worker, body, "/api/v1/centres/%lld/waiting", demo_centre), 201));
	int64_t pair = q("SELECT MIN(id) FROM duplicate_pairs WHERE (first_id = ?1 OR second_id ="
			 " ?1)",
			 i64s(merged));
	assert_true(pair > 0);
	snprintf(body, sizeof(body), "{\"keep\":%lld}", (long long)kept);
	j = json_of(post(worker, body, "/api/v1/duplicates/%lld/link", pair), 200);
	int64_t link = json_int_of(j, "link_id", 0);
	json_decref(j);
	assert_int_equal(q("SELECT person_id FROM placements WHERE id = ?1", i64s(stay)), kept);
	assert_int_equal(q("SELECT COUNT(*) FROM centre_waiting WHERE person_id = ?1", i64s(kept)),
			 1);
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/links/%lld", (long long)kept,
		 (long long)link);
	EXPECT_STATUS(http_delete(worker, path), 204);
	assert_int_equal(q("SELECT person_id FROM placements WHERE id = ?1", i64s(stay)), merged);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM centre_waiting WHERE person_id = ?1", i64s(merged)), 1);
}

static void test_refusals_name_their_field_and_write_nothing(void **state)
{
	(void)state;
	int64_t centres = q("SELECT COUNT(*) FROM centres", NULL);
	struct {
		const char *body, *field;
	} bad[] = {
		{ "{\"kind\":\"hotel\",\"name\":\"X\"}", "kind" },
		{ "{\"kind\":\"adaptation_centre\",\"name\":\"\"}", "name" },
		{ "{\"kind\":\"adaptation_centre\",\"name\":\"X\",\"region\":\"KZ-00\"}",
		  "region" },
		{ "{\"kind\":\"adaptation_centre\",\"name\":\"X\",\"phone\":\"<b>\"}", "phone" },
		{ "{\"kind\":\"adaptation_centre\",\"name\":\"X\",\"beds\":3}", "beds" },
		{ "{\"kind\":1,\"name\":\"X\"}", "kind" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_string_equal(
		    error_field(http_post_json(sup, "/api/v1/centres", bad[i].body)), bad[i].field);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/centres",
				     "{\"kind\":\"adaptation_centre\",\"name\":\"X\"}"),
		      403);
	assert_int_equal(q("SELECT COUNT(*) FROM centres", NULL), centres);
	int64_t beds = q("SELECT COUNT(*) FROM beds", NULL);
	assert_string_equal(error_field(post(sup, "{\"name\":\"R2\",\"beds\":0}",
					     "/api/v1/centres/%lld/rooms", demo_centre)),
			    "beds");
	assert_string_equal(error_field(post(sup, "{\"name\":\"R2\",\"beds\":51}",
					     "/api/v1/centres/%lld/rooms", demo_centre)),
			    "beds");
	assert_string_equal(error_field(post(sup, "{\"name\":\"1\",\"beds\":2}",
					     "/api/v1/centres/%lld/rooms", demo_centre)),
			    "name");
	EXPECT_STATUS(
	    post(worker, "{\"name\":\"R3\",\"beds\":2}", "/api/v1/centres/%lld/rooms", demo_centre),
	    403);
	assert_int_equal(q("SELECT COUNT(*) FROM beds", NULL), beds);
	int64_t stays = q("SELECT COUNT(*) FROM placements", NULL);
	int64_t free_bed =
	    q("SELECT MIN(b.id) FROM beds b WHERE b.centre_id = ?1 AND NOT EXISTS (SELECT 1 FROM"
	      " placements p WHERE p.bed_id = b.id AND p.checked_out IS NULL)",
	      i64s(demo_centre));
	int64_t someone = new_person("Қате", "Күн");
	char body[200];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"bed_id\":%lld,\"check_in\":\"2999-01-01\"}",
		 (long long)someone, (long long)free_bed);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/placements", demo_centre)),
	    "check_in");
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"bed_id\":%lld,\"check_in\":\"%s\","
		 "\"planned_out\":\"2000-01-01\"}",
		 (long long)someone, (long long)free_bed, today);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/placements", demo_centre)),
	    "planned_out");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld,\"colour\":\"red\"}",
		 (long long)someone, (long long)free_bed);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/placements", demo_centre)),
	    "colour");
	/* Another organisation's person is nobody to place. */
	int64_t foreign = q("SELECT id FROM persons WHERE family_name = ?1", "Иванова");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"bed_id\":%lld}", (long long)foreign,
		 (long long)free_bed);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/centres/%lld/placements", demo_centre)),
	    "person_id");
	EXPECT_STATUS(post(analyst, body, "/api/v1/centres/%lld/placements", demo_centre), 403);
	assert_int_equal(q("SELECT COUNT(*) FROM placements", NULL), stays);
}

static void test_the_web_forms(void **state)
{
	(void)state;
	/* The supervisor makes a centre and a room through the pages. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "kind", "temporary_accommodation");
	sb_form(&f, "name", "");
	sb_form(&f, "address", "Астана, Мәңгілік Ел 1");
	sb_form(&f, "active", "1");
	struct resp *r = http_post_form(sweb, "/centres", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Мәңгілік Ел 1")); /* the input kept */
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "kind", "temporary_accommodation");
	sb_form(&f, "name", "Web centre");
	sb_form(&f, "region", "KZ-71");
	sb_form(&f, "active", "1");
	r = http_post_form(sweb, "/centres", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	int64_t centre = q("SELECT id FROM centres WHERE name = ?1", "Web centre");
	assert_true(centre > 0);
	char path[96];
	snprintf(path, sizeof(path), "/centres/%lld/rooms", (long long)centre);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "name", "Family room");
	sb_form(&f, "beds", "4");
	r = http_post_form(sweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	assert_int_equal(q("SELECT COUNT(*) FROM beds WHERE centre_id = ?1", i64s(centre)), 4);
	/* The worker places someone through the page; a refused form keeps its input. */
	int64_t who = new_person("Веб", "Орналасу");
	int64_t bed = q("SELECT MIN(id) FROM beds WHERE centre_id = ?1", i64s(centre));
	snprintf(path, sizeof(path), "/centres/%lld/placements", (long long)centre);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(who));
	sb_form(&f, "bed_id", i64s(bed));
	sb_form(&f, "planned_out", "1999-12-31");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "1999-12-31"));
	assert_true(resp_has(r, "aria-invalid"));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(who));
	sb_form(&f, "bed_id", i64s(bed));
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	r = http_get(wweb, "/centres/%lld", (long long)centre);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Веб"));
	/* The page's own markup is markup, never text (a header cell once came out escaped). */
	assert_false(resp_has(r, "&lt;th"));
	assert_true(resp_has(r, "<th scope=\"col\">"));
	r = http_get(wweb, "/persons/%lld", (long long)who);
	assert_true(resp_has(r, "Web centre"));
	/* The worker may not change the centre. */
	snprintf(path, sizeof(path), "/centres/%lld/edit", (long long)centre);
	EXPECT_STATUS(http_get(wweb, "%s", path), 403);
	EXPECT_STATUS(http_get(sweb, "%s", path), 200);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_demo_centre_as_each_role_sees_it),
		cmocka_unit_test(test_a_bed_is_given_once_and_a_person_takes_one),
		cmocka_unit_test(test_many_racing_for_one_bed_exactly_one_wins),
		cmocka_unit_test(test_check_out_together_and_the_presence_list),
		cmocka_unit_test(test_the_waiting_list),
		cmocka_unit_test(test_dates_agree_and_erasure_frees_the_bed),
		cmocka_unit_test(test_a_stay_follows_the_record_kept),
		cmocka_unit_test(test_refusals_name_their_field_and_write_nothing),
		cmocka_unit_test(test_the_web_forms),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
