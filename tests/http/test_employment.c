/* test_employment.c: labour over HTTP (issue 8, parts 1 and 2). The working-condition alerts
 * on boundary wages (equal to the minimum, one tiyn below; part-time pro rata), on hours
 * above the legal week and on documents held by the employer, and on dates across a change of
 * the minimum an administrator keeps; an alert corrected by a change of the record and one
 * resolved by hand; employers, vacancies and matching; who may do what; a restricted person's
 * alerts left out for a reader who may not see them; refused input naming the field with
 * nothing stored; erasure. The pure rules are in tests/unit/test_labour.c. */
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
static struct client *worker, *admin, *analyst, *psychologist, *lawyer, *ngo, *supervisor;
static int64_t person_id, karimova, employer_id;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int64_t made(struct resp *r)
{
	json_t *j = resp_json(r);
	int64_t id = r->status == 201 ? json_int_of(j, "id", 0) : 0;
	json_decref(j);
	return id;
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &admin, &analyst,   &psychologist,
				  &lawyer, &ngo,   &supervisor };
	const char *logins[] = { "worker", "admin",      "analyst",   "psychologist",
				 "lawyer", "ngo-worker", "supervisor" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	person_id = made(http_post_json(worker, "/api/v1/persons",
					"{\"family_name\":\"Жұмысшы\",\"given_name\":\"Ерлан\","
					"\"sex\":\"male\",\"birth_date\":\"1990-03-03\",\"region\":"
					"\"KZ-75\",\"lang_kk\":\"native\",\"confirm_new\":true}"));
	employer_id = made(http_post_json(
	    worker, "/api/v1/employers", "{\"name\":\"ЖШС Құрылыс (test)\",\"region\":\"KZ-75\"}"));
	karimova = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	if (person_id <= 0 || employer_id <= 0 || karimova <= 0)
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

/* An employment of the person by the worker: its id (0 when refused). */
static int64_t employ(int64_t person, const char *wage, int hours, const char *started,
		      const char *documents)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"employer_id\":%lld,\"job_title\":\"Сылақшы\",\"wage\":%s,"
		 "\"hours_per_week\":%d,\"started_on\":\"%s\",\"contract\":\"written\","
		 "\"documents_held_by\":\"%s\"}",
		 (long long)person, (long long)employer_id, wage, hours, started, documents);
	return made(http_post_json(worker, "/api/v1/employments", body));
}

/* The open alerts of kind on an employment. */
static int64_t open_alerts(int64_t employment, const char *kind)
{
	return db_int(&srv,
		      "SELECT COUNT(*) FROM labour_alerts WHERE employment_id = ?1 AND kind = ?2"
		      " AND resolved_on IS NULL",
		      i64s(employment), kind, (const char *)NULL);
}

/* 85,000 KZT is 8500000 tiyn; the legal week 40 hours. */
static void test_boundary_wages(void **state)
{
	(void)state;
	static const struct {
		const char *wage;
		int hours;
		const char *documents;
		int below, hours_alert, documents_alert;
	} cases[] = {
		{ "8500000", 40, "worker", 0, 0, 0 },   /* equal to the minimum */
		{ "8499999", 40, "worker", 1, 0, 0 },   /* one tiyn below */
		{ "4250000", 20, "worker", 0, 0, 0 },   /* half time, half the minimum */
		{ "4249999", 20, "worker", 1, 0, 0 },   /* one tiyn below that */
		{ "8500000", 41, "worker", 0, 1, 0 },   /* an hour above the legal week */
		{ "8499999", 60, "worker", 1, 1, 0 },   /* overtime does not raise the minimum */
		{ "9000000", 40, "employer", 0, 0, 1 }, /* the employer holds the passport */
		{ "9000000", 40, "agency", 0, 0, 1 },
		{ "0", 40, "worker", 1, 0, 0 }, /* unpaid work */
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t e = employ(person_id, cases[i].wage, cases[i].hours, "2026-03-01",
				   cases[i].documents);
		assert_true(e > 0);
		if (open_alerts(e, "below_minimum_wage") != cases[i].below ||
		    open_alerts(e, "excessive_hours") != cases[i].hours_alert ||
		    open_alerts(e, "documents_held") != cases[i].documents_alert)
			fail_msg("case %zu: wage %s, %d hours, documents with %s", i, cases[i].wage,
				 cases[i].hours, cases[i].documents);
	}
	/* The alert is on the supervisor's list, with the figures it rests on. */
	json_t *j = json_of(
	    http_get(supervisor, "/api/v1/labour-alerts?person_id=%lld", (long long)person_id),
	    200);
	size_t i;
	json_t *x;
	bool seen = false;
	json_array_foreach (json_object_get(j, "items"), i, x) {
		json_t *fig = json_object_get(x, "figures");
		if (strcmp(json_str_of(x, "kind"), "below_minimum_wage") == 0 &&
		    json_int_of(fig, "wage", 0) == 8499999)
			seen = json_int_of(fig, "threshold", 0) == 8500000;
	}
	assert_true(seen);
	json_decref(j);
	/* No wage ever reaches the audit. */
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE detail LIKE ?1", "%8499999%"), 0);
}

/* Dates across a change of the minimum: the one in force on the day the work began. */
static void test_dates_across_a_change(void **state)
{
	(void)state;
	/* 2022: 60,000 KZT; 2023: 70,000. */
	int64_t e = employ(person_id, "6500000", 40, "2022-12-31", "worker");
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 0);
	e = employ(person_id, "6500000", 40, "2023-01-01", "worker");
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 1);
	/* An administrator adds a minimum from a day: work begun on that day is measured
	 * against it, and the day before against the old one; the organisation's records are
	 * decided again at once. */
	int64_t before = employ(person_id, "8600000", 40, "2026-05-31", "worker");
	int64_t on = employ(person_id, "8600000", 40, "2026-06-01", "worker");
	assert_int_equal(open_alerts(on, "below_minimum_wage"), 0);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/minimum-wages",
				     "{\"valid_from\":\"2026-06-01\",\"amount\":9000000}"),
		      403);
	json_t *j = json_of(http_post_json(admin, "/api/v1/minimum-wages",
					   "{\"valid_from\":\"2026-06-01\",\"amount\":9000000}"),
			    200);
	assert_true(json_int_of(j, "alerts_changed", 0) >= 1);
	json_decref(j);
	assert_int_equal(open_alerts(before, "below_minimum_wage"), 0);
	assert_int_equal(open_alerts(on, "below_minimum_wage"), 1);
	/* Taken back (the same day, the old amount): the alert is corrected. */
	json_decref(json_of(http_post_json(admin, "/api/v1/minimum-wages",
					   "{\"valid_from\":\"2026-06-01\",\"amount\":8500000}"),
			    200));
	assert_int_equal(open_alerts(on, "below_minimum_wage"), 0);
	assert_int_equal(q("SELECT COUNT(*) FROM labour_alerts WHERE employment_id = ?1 AND"
			   " resolution = 'corrected'",
			   i64s(on)),
			 1);
	EXPECT_STATUS(http_post_json(admin, "/api/v1/minimum-wages",
				     "{\"valid_from\":\"not a day\",\"amount\":0}"),
		      422);
}

/* A change of the record corrects an alert; a worker resolves another by hand, once. */
static void test_corrected_and_resolved(void **state)
{
	(void)state;
	int64_t e = employ(person_id, "8000000", 45, "2026-02-01", "employer");
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 1);
	char path[96], body[256];
	snprintf(path, sizeof(path), "/api/v1/employments/%lld", (long long)e);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"wage\":9000000}"), 422); /* no version */
	snprintf(body, sizeof(body), "{\"version\":1,\"wage\":9000000}");
	json_t *j = json_of(http_patch_json(worker, path, body), 200);
	assert_int_equal(json_int_of(j, "open_alerts", -1), 2);
	json_decref(j);
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 0);
	EXPECT_STATUS(http_patch_json(worker, path, body), 409); /* the old version */
	int64_t alert = db_int(&srv,
			       "SELECT id FROM labour_alerts WHERE employment_id = ?1 AND kind ="
			       " 'documents_held' AND resolved_on IS NULL",
			       i64s(e), (const char *)NULL);
	snprintf(path, sizeof(path), "/api/v1/labour-alerts/%lld/resolve", (long long)alert);
	assert_string_equal(error_field(http_post_json(worker, path, "{}")), "resolution");
	EXPECT_STATUS(http_post_json(analyst, path, "{\"resolution\":\"x\"}"), 403);
	EXPECT_STATUS(http_post_json(ngo, path, "{\"resolution\":\"x\"}"), 404);
	j = json_of(
	    http_post_json(worker, path,
			   "{\"resolution\":\"Паспорт иесіне қайтарылды, полиция хабардар\"}"),
	    200);
	assert_non_null(json_str_of(j, "resolved_on"));
	json_decref(j);
	EXPECT_STATUS(http_post_json(worker, path, "{\"resolution\":\"again\"}"), 409);
}

/* Refused input names the field; nothing is stored. */
static void test_refused(void **state)
{
	(void)state;
	static const struct {
		const char *body, *field;
	} cases[] = {
		{ "{\"employer_name\":\"X\",\"job_title\":\"J\",\"hours_per_week\":40,\"started_"
		  "on\":"
		  "\"2026-01-01\",\"contract\":\"written\",\"documents_held_by\":\"worker\"}",
		  "wage" },
		{ "{\"employer_name\":\"X\",\"job_title\":\"J\",\"wage\":1,\"hours_per_week\":169,"
		  "\"started_on\":\"2026-01-01\",\"contract\":\"written\",\"documents_held_by\":"
		  "\"worker\"}",
		  "hours_per_week" },
		{ "{\"employer_name\":\"X\",\"job_title\":\"J\",\"wage\":1,\"hours_per_week\":40,"
		  "\"started_on\":\"2999-01-01\",\"contract\":\"written\",\"documents_held_by\":"
		  "\"worker\"}",
		  "started_on" },
		{ "{\"employer_name\":\"X\",\"job_title\":\"J\",\"wage\":1,\"hours_per_week\":40,"
		  "\"started_on\":\"2026-01-01\",\"contract\":\"handshake\",\"documents_held_by\":"
		  "\"worker\"}",
		  "contract" },
		{ "{\"job_title\":\"J\",\"wage\":1,\"hours_per_week\":40,\"started_on\":\"2026-01-"
		  "01\","
		  "\"contract\":\"written\",\"documents_held_by\":\"worker\"}",
		  "employer_id" },
		{ "{\"employer_name\":\"X\",\"job_title\":\"J\",\"wage\":-5,\"hours_per_week\":40,"
		  "\"started_on\":\"2026-01-01\",\"contract\":\"written\",\"documents_held_by\":"
		  "\"worker\"}",
		  "wage" },
	};
	int64_t before =
	    q("SELECT COUNT(*) FROM employments WHERE person_id = ?1", i64s(person_id));
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char body[512];
		snprintf(body, sizeof(body), "{\"person_id\":%lld,%s", (long long)person_id,
			 cases[i].body + 1);
		const char *f = error_field(http_post_json(worker, "/api/v1/employments", body));
		if (strcmp(f, cases[i].field) != 0)
			fail_msg("case %zu: field %s, not %s", i, f, cases[i].field);
	}
	assert_int_equal(
	    q("SELECT COUNT(*) FROM employments WHERE person_id = ?1", i64s(person_id)), before);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/employers",
						       "{\"name\":\"Y\",\"bin\":\"123\"}")),
			    "bin");
	char body[256];
	snprintf(
	    body, sizeof(body),
	    "{\"employer_id\":%lld,\"title\":\"T\",\"occupation\":\"00\",\"region\":\"KZ-75\"}",
	    (long long)employer_id);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/vacancies", body)),
			    "occupation");
}

/* Who may: analysts nothing; psychologists and administrators read; another organisation's
 * employer and a person not seen are not found; a restricted person's alerts are left out
 * for a reader who may not see them. */
static void test_access(void **state)
{
	(void)state;
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/employers/%lld", (long long)employer_id);
	EXPECT_STATUS(http_get(analyst, "%s", path), 403);
	EXPECT_STATUS(http_get(psychologist, "%s", path), 200);
	EXPECT_STATUS(http_get(ngo, "%s", path), 404);
	EXPECT_STATUS(http_post_json(psychologist, "/api/v1/employers", "{\"name\":\"Z\"}"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/labour-alerts"), 403);
	/* An alert on the restricted person, raised by the supervisor. */
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"employer_name\":\"Белгісіз цех\",\"job_title\":\"Тігінші\","
		 "\"wage\":2000000,\"hours_per_week\":70,\"started_on\":\"2026-01-10\","
		 "\"contract\":\"none\",\"documents_held_by\":\"employer\"}",
		 (long long)karimova);
	int64_t e = made(http_post_json(supervisor, "/api/v1/employments", body));
	assert_true(e > 0);
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 1);
	bool lawyer_sees =
	    http_get(lawyer, "/api/v1/persons/%lld", (long long)karimova)->status == 200;
	struct resp *r = http_get(lawyer, "/api/v1/labour-alerts");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Karimova") == lawyer_sees);
	assert_true(resp_has(r, "Тігінші") == lawyer_sees);
	r = http_get(supervisor, "/api/v1/labour-alerts");
	assert_true(resp_has(r, "Karimova"));
	snprintf(path, sizeof(path), "/api/v1/employments/%lld", (long long)e);
	EXPECT_STATUS(http_get(lawyer, "%s", path), lawyer_sees ? 200 : 404);
	EXPECT_STATUS(http_get(ngo, "%s", path), 404);
	/* The supervisor's reading of it is a view of the restricted person, on disk. */
	EXPECT_STATUS(http_get(supervisor, "%s", path), 200);
	assert_true(q("SELECT COUNT(*) FROM viewlog.audit WHERE action = 'labour.view' AND"
		      " entity_id = ?1",
		      i64s(karimova)) >= 1);
}

/* Skills, a vacancy, and the match both ways. */
static void test_matching(void **state)
{
	(void)state;
	char path[96], body[256];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/skills", (long long)person_id);
	int64_t skill =
	    made(http_post_json(worker, path,
				"{\"kind\":\"work\",\"occupation\":\"71\",\"title\":"
				"\"Сылақшы\",\"place\":\"Ташкент\",\"from_year\":2015}"));
	assert_true(skill > 0);
	assert_string_equal(error_field(http_post_json(worker, path,
						       "{\"kind\":\"education\",\"title\":\"X\","
						       "\"level\":\"12\"}")),
			    "level");
	snprintf(body, sizeof(body),
		 "{\"employer_id\":%lld,\"title\":\"Сылақшы\",\"occupation\":\"71\",\"region\":"
		 "\"KZ-75\",\"wage\":30000000,\"hours_per_week\":40,\"languages\":[\"kk\"]}",
		 (long long)employer_id);
	int64_t vacancy = made(http_post_json(worker, "/api/v1/vacancies", body));
	assert_true(vacancy > 0);
	json_t *j =
	    json_of(http_get(worker, "/api/v1/persons/%lld/vacancies", (long long)person_id), 200);
	json_t *first = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(json_int_of(first, "id", 0), vacancy);
	assert_int_equal(json_int_of(first, "score", 0), 100);
	json_decref(j);
	j = json_of(http_get(worker, "/api/v1/vacancies/%lld/candidates", (long long)vacancy), 200);
	first = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(json_int_of(first, "id", 0), person_id);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/skills/%lld", (long long)person_id,
		 (long long)skill);
	EXPECT_STATUS(http_delete(worker, path), 200);
	EXPECT_STATUS(http_delete(worker, path), 404);
}

/* An erasure empties what was written about the person's work; the figures stay. */
static void test_erasure(void **state)
{
	(void)state;
	int64_t p =
	    made(http_post_json(worker, "/api/v1/persons",
				"{\"family_name\":\"Өшірілетін\",\"given_name\":\"Жұмысшы\","
				"\"sex\":\"male\",\"birth_date\":\"1985-01-01\","
				"\"confirm_new\":true}"));
	assert_true(p > 0);
	int64_t e = employ(p, "100", 40, "2026-01-01", "worker");
	assert_true(e > 0);
	struct client *sup = client_new(&srv);
	assert_int_equal(web_login(sup, "supervisor", DEMO_PASSWORD), 303);
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)p);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sup->csrf);
	sb_form(&b, "reason", "person_request");
	sb_form(&b, "confirm", "1");
	EXPECT_STATUS(http_post_form(sup, path, sb_str(&b)), 303);
	sb_free(&b);
	client_free(sup);
	assert_int_equal(q("SELECT COUNT(*) FROM employments WHERE id = ?1 AND job_title = '' AND"
			   " wage = 100",
			   i64s(e)),
			 1);
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"employer_name\":\"X\",\"job_title\":\"J\",\"wage\":1,"
		 "\"hours_per_week\":40,\"started_on\":\"2026-01-01\",\"contract\":\"written\","
		 "\"documents_held_by\":\"worker\"}",
		 (long long)p);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/employments", body), 403);
}

static struct resp *post_form(struct client *c, const char *path, const char *const *kv)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", c->csrf);
	for (size_t i = 0; kv[i]; i += 2)
		sb_form(&b, kv[i], kv[i + 1]);
	struct resp *r = http_post_form(c, path, sb_str(&b));
	sb_free(&b);
	return r;
}

/* The pages: an employment recorded through the form with a wage one tiyn below the minimum
 * (typed in KZT), its alert on its page and on the case of the person, resolved through the
 * form; a refused form keeps what was typed; the labour page, a vacancy, the administrator's
 * minimum-wage table. */
static void test_web(void **state)
{
	(void)state;
	struct client *w = client_new(&srv), *adm = client_new(&srv);
	assert_int_equal(web_login(w, "worker", DEMO_PASSWORD), 303);
	assert_int_equal(web_login(adm, "admin", DEMO_PASSWORD), 303);
	char path[96], employer[32];
	snprintf(employer, sizeof(employer), "%lld", (long long)employer_id);
	snprintf(path, sizeof(path), "/persons/%lld/employments", (long long)person_id);
	const char *refused[] = { "employer_id",       employer,   "job_title",
				  "Тігінші",           "wage",     "84999.99",
				  "hours_per_week",    "200",      "started_on",
				  "2026-04-01",        "contract", "oral",
				  "documents_held_by", "worker",   NULL };
	struct resp *r = post_form(w, path, refused);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"84999.99\""));
	assert_true(resp_has(r, "value=\"200\""));
	const char *ok[] = { "employer_id",       employer,   "job_title",
			     "Тігінші",           "wage",     "84999.99",
			     "hours_per_week",    "40",       "started_on",
			     "2026-04-01",        "contract", "oral",
			     "documents_held_by", "worker",   NULL };
	r = post_form(w, path, ok);
	EXPECT_STATUS(r, 303);
	char page[96];
	snprintf(page, sizeof(page), "%s", resp_header(r, "Location"));
	int64_t e =
	    db_int(&srv, "SELECT MAX(id) FROM employments WHERE person_id = ?1 AND wage = 8499999",
		   i64s(person_id), (const char *)NULL);
	assert_true(e > 0);
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 1);
	r = http_get(w, "%s", page);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "/labour/alerts/"));
	/* The person's page lists it with its alert; a case of theirs shows the alert. */
	r = http_get(w, "/persons/%lld", (long long)person_id);
	assert_true(resp_has(r, "id=\"work-h\""));
	snprintf(path, sizeof(path), "{\"person_id\":%lld,\"opening_reason\":\"Work\"}",
		 (long long)person_id);
	int64_t k = made(http_post_json(worker, "/api/v1/cases", path));
	assert_true(k > 0);
	r = http_get(w, "/cases/%lld", (long long)k);
	assert_true(resp_has(r, "id=\"labour-alerts-h\""));
	/* Resolved by hand through the form. */
	int64_t alert = db_int(&srv,
			       "SELECT id FROM labour_alerts WHERE employment_id = ?1 AND"
			       " resolved_on IS NULL",
			       i64s(e), (const char *)NULL);
	snprintf(path, sizeof(path), "/labour/alerts/%lld/resolve", (long long)alert);
	const char *empty[] = { NULL };
	EXPECT_STATUS(post_form(w, path, empty), 422);
	const char *resolve[] = { "resolution", "Жалақы келесі айдан көтерілді", NULL };
	EXPECT_STATUS(post_form(w, path, resolve), 303);
	assert_int_equal(open_alerts(e, "below_minimum_wage"), 0);
	EXPECT_STATUS(post_form(w, path, resolve), 409);
	/* The labour page, a vacancy through its form, the alerts list. */
	EXPECT_STATUS(http_get(w, "/labour"), 200);
	const char *vacancy[] = {
		"employer_id", employer, "title",  "Аспаз",  "occupation",     "51",
		"region",      "KZ-75",  "wage",   "150000", "hours_per_week", "40",
		"languages",   "kk, ru", "places", "2",      "housing",        "1",
		NULL
	};
	r = post_form(w, "/vacancies", vacancy);
	EXPECT_STATUS(r, 303);
	r = http_get(w, "%s", resp_header(r, "Location"));
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "kk ru"));
	EXPECT_STATUS(http_get(w, "/labour/alerts?open=0"), 200);
	/* The minimum wage: an administrator's form; a worker reads the table. */
	EXPECT_STATUS(http_get(w, "/minimum-wages"), 200);
	const char *bad[] = { "valid_from", "2099-13-01", "amount", "nine", NULL };
	EXPECT_STATUS(post_form(adm, "/minimum-wages", bad), 422);
	const char *wage[] = { "valid_from", "2099-01-01", "amount", "100000", NULL };
	EXPECT_STATUS(post_form(w, "/minimum-wages", wage), 403);
	EXPECT_STATUS(post_form(adm, "/minimum-wages", wage), 303);
	assert_int_equal(q("SELECT amount FROM minimum_wages WHERE valid_from = ?1", "2099-01-01"),
			 10000000);
	client_free(w);
	client_free(adm);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary_wages),
		cmocka_unit_test(test_dates_across_a_change),
		cmocka_unit_test(test_corrected_and_resolved),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_erasure),
		cmocka_unit_test(test_web),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
