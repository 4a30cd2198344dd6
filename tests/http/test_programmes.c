/* test_programmes.c: programmes over HTTP (issue 7, part 6). The quota tables and the rates of
 * instruments.md §4 as shipped; a family's entitlements for a year; eligibility over the
 * person's data; enrolment against a region's quota (the last places, also when many race for
 * them), withdrawal giving places back; support checked against the entitlements; who may do
 * what; the web pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *admin, *worker, *analyst, *ngo_sup, *wweb;
static int64_t kandas, resettlers, employment;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &admin, &worker, &analyst, &ngo_sup };
	const char *logins[] = { "admin", "worker", "analyst", "ngo-supervisor" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303)
		goto fail;
	kandas = q("SELECT id FROM programmes WHERE code = ?1", "kandas_resettlement");
	resettlers = q("SELECT id FROM programmes WHERE code = ?1", "resettler_resettlement");
	employment = q("SELECT id FROM programmes WHERE code = ?1", "employment_support");
	if (kandas <= 0 || resettlers <= 0 || employment <= 0)
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

static struct resp *post2(struct client *c, const char *body, const char *fmt, int64_t a, int64_t b)
{
	char path[160];
	snprintf(path, sizeof(path), fmt, (long long)a, (long long)b);
	return http_post_json(c, path, body);
}

static int64_t person(const char *family, const char *given)
{
	return db_int(&srv, "SELECT id FROM persons WHERE family_name = ?1 AND given_name = ?2",
		      family, given, (const char *)NULL);
}

/* A new person of the worker's organisation: their id. */
static int64_t new_person(const char *family, const char *given, const char *extra)
{
	char body[384];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"sex\":\"male\","
		 "\"birth_date\":\"1980-05-05\",\"confirm_new\":true%s}",
		 family, given, extra);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int64_t kandas_person(const char *given)
{
	return new_person("Қандас", given,
			  ",\"legal_status\":\"kandas\",\"categories\":[\"kandas\"]");
}

/* The sum of a programme's quotas in a year, from the API. */
static int64_t quota_total(int64_t programme, int64_t year)
{
	json_t *j = json_of(http_get(worker, "/api/v1/programmes/%lld?year=%lld",
				     (long long)programme, (long long)year),
			    200);
	int64_t total = 0;
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(j, "quotas"), i, x)
		total += json_int_of(x, "quota", 0);
	json_decref(j);
	return total;
}

static void test_the_shipped_tables(void **state)
{
	(void)state;
	/* instruments.md §4: the regional quotas of 2025 and 2026, in people. */
	assert_int_equal(quota_total(kandas, 2025), 2309);
	assert_int_equal(quota_total(kandas, 2026), 2281);
	assert_int_equal(quota_total(resettlers, 2025), 7344);
	assert_int_equal(quota_total(resettlers, 2026), 5997);
	json_t *j =
	    json_of(http_get(worker, "/api/v1/programmes/%lld?year=2026", (long long)kandas), 200);
	size_t i;
	json_t *x;
	int64_t pavlodar = -1;
	json_array_foreach (json_object_get(j, "quotas"), i, x)
		if (strcmp(json_str_of(x, "region"), "KZ-55") == 0)
			pavlodar = json_int_of(x, "quota", 0);
	assert_int_equal(pavlodar, 977);
	assert_true(json_is_true(json_object_get(j, "national")));
	json_decref(j);
	EXPECT_STATUS(http_get(worker, "/api/v1/programmes/%lld?year=1999", (long long)kandas),
		      422);
}

static void test_entitlements_for_a_year(void **state)
{
	(void)state;
	/* 2026: MRP 4,325 KZT. A family of four. */
	json_t *j = json_of(http_get(worker, "/api/v1/entitlements?family_size=4&year=2026"), 200);
	assert_int_equal(json_int_of(j, "mrp", 0), 432500);
	assert_int_equal(json_int_of(j, "relocation_subsidy", 0), 4 * 70 * 432500LL);
	json_t *rent = json_object_get(j, "rent_support");
	assert_int_equal(json_int_of(rent, "month_min", 0), 15 * 432500LL);
	assert_int_equal(json_int_of(rent, "month_max", 0), 30 * 432500LL);
	assert_int_equal(json_int_of(rent, "months", 0), 12);
	assert_int_equal(json_int_of(rent, "total_max", 0), 12 * 30 * 432500LL);
	assert_int_equal(json_int_of(j, "housing_certificate_max", 0), 1625 * 432500LL);
	json_decref(j);
	/* 2025: MRP 3,932 KZT, and the certificate's ceiling was 1,160 MRP. */
	j = json_of(http_get(worker, "/api/v1/entitlements?family_size=1&on=2025-12-31"), 200);
	assert_int_equal(json_int_of(j, "relocation_subsidy", 0), 70 * 393200LL);
	assert_int_equal(json_int_of(j, "housing_certificate_max", 0), 1160 * 393200LL);
	json_decref(j);
	/* A year Komek has no rates for says so. */
	j = json_of(http_get(worker, "/api/v1/entitlements?year=2031"), 200);
	assert_true(json_is_false(json_object_get(j, "known")));
	json_decref(j);
	EXPECT_STATUS(http_get(worker, "/api/v1/entitlements?family_size=0"), 422);
	EXPECT_STATUS(http_get(analyst, "/api/v1/entitlements"), 403);
}

static void test_eligibility(void **state)
{
	(void)state;
	char body[192];
	/* A labour migrant is not served by the kandas programme. */
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"region\":\"KZ-55\",\"year\":2026,\"enrolled_on\":"
		 "\"2026-03-01\"}",
		 (long long)person("Abdullaev", "Rustam"));
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/programmes/%lld/enrolments", kandas)),
	    "person_id");
	/* A child is too young for the employment programme. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)person("Ма", "Нұрбол"));
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/programmes/%lld/enrolments", employment)),
	    "person_id");
	/* A region without a quota, and a quota region left out. */
	int64_t k = kandas_person("Бірінші");
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"region\":\"KZ-75\",\"year\":2026,\"enrolled_on\":"
		 "\"2026-03-01\"}",
		 (long long)k);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/programmes/%lld/enrolments", kandas)),
	    "region");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"enrolled_on\":\"2026-03-01\"}",
		 (long long)k);
	assert_string_equal(
	    error_field(post(worker, body, "/api/v1/programmes/%lld/enrolments", kandas)),
	    "region");
	assert_int_equal(q("SELECT COUNT(*) FROM enrolments WHERE person_id = ?1", i64s(k)), 0);
}

/* An organisation's own programme with quotas, made by the administrator: its id. */
static int64_t own_programme(const char *name, const char *region, int64_t quota)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"kind\":\"resettlement\",\"name\":\"%s\",\"has_quota\":true,\"mrp_support\":"
		 "true,\"categories\":[\"kandas\"]}",
		 name);
	json_t *j = json_of(http_post_json(admin, "/api/v1/programmes", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"region\":\"%s\",\"year\":2026,\"quota\":%lld}", region,
		 (long long)quota);
	json_decref(json_of(post(admin, body, "/api/v1/programmes/%lld/quotas", id), 200));
	return id;
}

static int64_t used(int64_t programme, const char *region)
{
	return db_int(&srv,
		      "SELECT used FROM programme_quotas WHERE programme_id = ?1 AND region = ?2"
		      " AND year = 2026",
		      i64s(programme), region, (const char *)NULL);
}

static long enrol(struct client *c, int64_t programme, int64_t who, const char *region,
		  int64_t family, int64_t *id)
{
	char body[192];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"region\":\"%s\",\"year\":2026,\"family_size\":%lld,"
		 "\"enrolled_on\":\"2026-02-01\"}",
		 (long long)who, region, (long long)family);
	struct resp *r = post(c, body, "/api/v1/programmes/%lld/enrolments", programme);
	if (id) {
		json_t *j = resp_json(r);
		*id = json_int_of(j, "id", 0);
		json_decref(j);
	}
	return r->status;
}

static void test_the_quota_holds(void **state)
{
	(void)state;
	int64_t p = own_programme("Абай өңіріне", "KZ-10", 5);
	int64_t a = kandas_person("Үш"), b = kandas_person("Төрт"), e1 = 0;
	assert_int_equal(enrol(worker, p, a, "KZ-10", 3, &e1), 201);
	assert_int_equal(used(p, "KZ-10"), 3);
	/* Three more do not fit in the two places left; two do. */
	struct resp *r;
	char body[192];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"region\":\"KZ-10\",\"year\":2026,\"family_size\":3,"
		 "\"enrolled_on\":\"2026-02-01\"}",
		 (long long)b);
	r = post(worker, body, "/api/v1/programmes/%lld/enrolments", p);
	assert_string_equal(error_field(r), "family_size");
	assert_int_equal(used(p, "KZ-10"), 3);
	/* Once only; the quota cannot drop below the places used. */
	assert_int_equal(enrol(worker, p, a, "KZ-10", 1, NULL), 422);
	assert_string_equal(
	    error_field(post(admin, "{\"region\":\"KZ-10\",\"year\":2026,\"quota\":2}",
			     "/api/v1/programmes/%lld/quotas", p)),
	    "quota");
	/* Withdrawing gives the places back, once. */
	json_decref(json_of(post2(worker, "{\"date\":\"2026-03-01\"}",
				  "/api/v1/programmes/%lld/enrolments/%lld/withdraw", p, e1),
			    200));
	assert_int_equal(used(p, "KZ-10"), 0);
	EXPECT_STATUS(
	    post2(worker, "{}", "/api/v1/programmes/%lld/enrolments/%lld/withdraw", p, e1), 409);
	assert_int_equal(used(p, "KZ-10"), 0);
	assert_int_equal(enrol(worker, p, b, "KZ-10", 3, NULL), 201);
	/* Who may do what: the state's quotas are not the organisation's to change; workers set
	 * none; another organisation sees the national programmes, not this one. */
	EXPECT_STATUS(post(admin, "{\"region\":\"KZ-55\",\"year\":2026,\"quota\":1}",
			   "/api/v1/programmes/%lld/quotas", kandas),
		      403);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld", (long long)kandas);
	EXPECT_STATUS(http_patch_json(admin, path, "{\"version\":1,\"name\":\"x\"}"), 403);
	EXPECT_STATUS(post(worker, "{\"region\":\"KZ-10\",\"year\":2026,\"quota\":9}",
			   "/api/v1/programmes/%lld/quotas", p),
		      403);
	EXPECT_STATUS(http_get(ngo_sup, "/api/v1/programmes/%lld", (long long)p), 404);
	EXPECT_STATUS(http_get(ngo_sup, "/api/v1/programmes/%lld", (long long)kandas), 200);
	EXPECT_STATUS(http_get(analyst, "/api/v1/programmes"), 403);
	/* Another organisation's enrolments are not listed, though the quota use is shared. */
	json_t *j =
	    json_of(http_get(ngo_sup, "/api/v1/programmes/%lld?year=2026", (long long)kandas), 200);
	assert_int_equal(json_array_size(json_object_get(j, "enrolments")), 0);
	json_decref(j);
}

struct racer {
	const char *token;
	pthread_barrier_t *go;
	int64_t programme, person;
	long status;
};

static void *race(void *arg)
{
	struct racer *x = arg;
	struct client *c = client_new_unlisted(&srv);
	snprintf(c->bearer, sizeof(c->bearer), "%s", x->token);
	http_get(c, "/api/v1/programmes/%lld", (long long)x->programme); /* connected first */
	pthread_barrier_wait(x->go);
	x->status = enrol(c, x->programme, x->person, "KZ-39", 2, NULL);
	client_free(c);
	return NULL;
}

static void test_many_racing_for_the_last_places(void **state)
{
	(void)state;
	enum { N = 8 };
	int64_t p = own_programme("Қостанайға", "KZ-39", 7);
	struct racer x[N];
	pthread_t t[N];
	pthread_barrier_t go;
	pthread_barrier_init(&go, NULL, N);
	for (int i = 0; i < N; i++) {
		char given[16];
		snprintf(given, sizeof(given), "Жарыс%d", i);
		x[i] = (struct racer){ .token = worker->bearer,
				       .go = &go,
				       .programme = p,
				       .person = kandas_person(given) };
	}
	for (int i = 0; i < N; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	int in = 0, out = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		in += x[i].status == 201;
		out += x[i].status == 422;
	}
	pthread_barrier_destroy(&go);
	/* Seven places, families of two: three enrolled, whatever the order. */
	assert_int_equal(in, 3);
	assert_int_equal(out, N - 3);
	assert_int_equal(used(p, "KZ-39"), 6);
	assert_int_equal(db_int(&srv,
				"SELECT SUM(family_size) FROM enrolments WHERE programme_id = ?1"
				" AND status = 'enrolled'",
				i64s(p), (const char *)NULL),
			 6);
}

static void test_support_within_the_entitlements(void **state)
{
	(void)state;
	int64_t a = kandas_person("Қолдау"), e = 0;
	assert_int_equal(enrol(worker, kandas, a, "KZ-59", 2, &e), 201);
	int64_t relocation = 2 * 70 * 432500LL;
	char body[192];
	const struct {
		const char *kind;
		int64_t amount;
		const char *field;
	} bad[] = {
		{ "relocation_subsidy", 2 * 70 * 432500LL + 1, "amount" },
		{ "rent_support", 15 * 432500LL - 1, "amount" },
		{ "rent_support", 30 * 432500LL + 1, "amount" },
		{ "housing_certificate", 1625 * 432500LL + 1, "amount" },
		{ "pension", 100, "kind" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body),
			 "{\"kind\":\"%s\",\"amount\":%lld,\"given_on\":\"2026-03-01\"}",
			 bad[i].kind, (long long)bad[i].amount);
		assert_string_equal(error_field(post2(worker, body,
						      "/api/v1/programmes/%lld/enrolments/%lld/"
						      "support",
						      kandas, e)),
				    bad[i].field);
	}
	assert_int_equal(
	    q("SELECT COUNT(*) FROM programme_support WHERE enrolment_id = ?1", i64s(e)), 0);
	snprintf(body, sizeof(body),
		 "{\"kind\":\"relocation_subsidy\",\"amount\":%lld,\"given_on\":\"2026-03-01\"}",
		 (long long)relocation);
	json_t *j = json_of(
	    post2(worker, body, "/api/v1/programmes/%lld/enrolments/%lld/support", kandas, e), 201);
	assert_int_equal(json_int_of(j, "support_total", 0), relocation);
	json_decref(j);
	/* Once only. */
	assert_string_equal(
	    error_field(
		post2(worker, body, "/api/v1/programmes/%lld/enrolments/%lld/support", kandas, e)),
	    "kind");
	/* Twelve months of rent at most. */
	snprintf(body, sizeof(body),
		 "{\"kind\":\"rent_support\",\"amount\":%lld,\"given_on\":\"2026-03-02\"}",
		 (long long)(20 * 432500LL));
	for (int m = 1; m <= 13; m++)
		EXPECT_STATUS(post2(worker, body, "/api/v1/programmes/%lld/enrolments/%lld/support",
				    kandas, e),
			      m <= 12 ? 201 : 422);
	snprintf(body, sizeof(body),
		 "{\"kind\":\"rent_support\",\"amount\":%lld,\"given_on\":\"2026-01-15\"}",
		 (long long)(20 * 432500LL));
	assert_string_equal(
	    error_field(
		post2(worker, body, "/api/v1/programmes/%lld/enrolments/%lld/support", kandas, e)),
	    "given_on");
	/* A programme without money support gives none of these. */
	int64_t lang = q("SELECT id FROM programmes WHERE code = ?1", "kazakh_language");
	int64_t b = kandas_person("Тіл"), eb = 0;
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"enrolled_on\":\"2026-02-01\"}",
		 (long long)b);
	j = json_of(post(worker, body, "/api/v1/programmes/%lld/enrolments", lang), 201);
	eb = json_int_of(j, "id", 0);
	json_decref(j);
	assert_string_equal(
	    error_field(post2(worker, "{\"kind\":\"rent_support\",\"amount\":6487500}",
			      "/api/v1/programmes/%lld/enrolments/%lld/support", lang, eb)),
	    "kind");
	/* The person's enrolments, and a person the reader may not see has none to show. */
	j = json_of(http_get(worker, "/api/v1/persons/%lld/enrolments", (long long)a), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	EXPECT_STATUS(http_get(ngo_sup, "/api/v1/persons/%lld/enrolments", (long long)a), 404);
	EXPECT_STATUS(http_get(ngo_sup, "/api/v1/programmes/%lld/enrolments/%lld",
			       (long long)kandas, (long long)e),
		      404);
}

static void test_the_pages(void **state)
{
	(void)state;
	struct resp *r = http_get(wweb, "/programmes/%lld?year=2026", (long long)kandas);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "<meter"));
	assert_true(resp_has(r, ">977<"));
	/* A refused enrolment keeps its input. */
	int64_t a = kandas_person("Бет");
	char path[96];
	snprintf(path, sizeof(path), "/programmes/%lld/enrolments", (long long)kandas);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(a));
	sb_form(&f, "family_size", "40");
	sb_form(&f, "region", "KZ-55");
	sb_form(&f, "year", "2026");
	sb_form(&f, "enrolled_on", "2026-02-01");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"40\""));
	assert_true(resp_has(r, "aria-describedby=\"e-e-family_size\""));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(a));
	sb_form(&f, "family_size", "4");
	sb_form(&f, "region", "KZ-55");
	sb_form(&f, "year", "2026");
	sb_form(&f, "enrolled_on", "2026-02-01");
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	int64_t e = db_int(&srv, "SELECT id FROM enrolments WHERE person_id = ?1", i64s(a),
			   (const char *)NULL);
	r = http_get(wweb, "/programmes/%lld/enrolments/%lld", (long long)kandas, (long long)e);
	EXPECT_STATUS(r, 200);
	/* 4 × 70 MRP of today's year, written "1 211 000.00" or the like: its digits appear. */
	snprintf(path, sizeof(path), "/programmes/%lld/enrolments/%lld/support", (long long)kandas,
		 (long long)e);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "kind", "housing_certificate");
	sb_form(&f, "amount", "99 999 999");
	sb_form(&f, "given_on", "2026-03-01");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"99 999 999\""));
	r = http_get(wweb, "/persons/%lld", (long long)a);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "id=\"programmes-h\""));
	r = http_get(wweb, "/programmes/%lld?year=2026", (long long)employment);
	EXPECT_STATUS(r, 200);
	struct client *aweb = client_new(&srv);
	assert_int_equal(web_login(aweb, "analyst", DEMO_PASSWORD), 303);
	EXPECT_STATUS(http_get(aweb, "/programmes"), 403);
	client_free(aweb);
	EXPECT_STATUS(http_get(wweb, "/programmes/new"), 403);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_shipped_tables),
		cmocka_unit_test(test_entitlements_for_a_year),
		cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_the_quota_holds),
		cmocka_unit_test(test_many_racing_for_the_last_places),
		cmocka_unit_test(test_support_within_the_entitlements),
		cmocka_unit_test(test_the_pages),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
