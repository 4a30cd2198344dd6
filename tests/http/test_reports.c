/* test_reports.c: reports over HTTP (issue 9). People, cases, services, referrals, events and
 * group sessions are recorded through the API and pages, as workers record them, and every
 * figure of a report is checked against a count made here in SQL over the records, not over
 * the facts the reports read; after edits that move figures (a region, a category, a case's
 * status, a merge, an erasure, a programme) the facts the writes kept are the facts derived
 * again from nothing (`komek reports rebuild`). Small cells are withheld for analysts and
 * administrators, in the API, the page and the files; refused parameters name the field; the
 * pure rules are in tests/unit/test_report.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *worker, *supervisor, *analyst, *admin;
static char year_from[11], today[11];

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &supervisor, &analyst, &admin };
	const char *logins[] = { "worker", "supervisor", "analyst", "admin" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	today_iso(today);
	snprintf(year_from, sizeof(year_from), "%.4s-01-01", today);
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

/* ---- recording ---- */

static int64_t new_person(const char *given, const char *sex, const char *born, const char *region,
			  const char *cats)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"Есеп\",\"given_name\":\"%s\",\"sex\":\"%s\","
		 "\"birth_date\":\"%s\",\"region\":\"%s\",\"categories\":[%s],"
		 "\"confirm_new\":true}",
		 given, sex, born, region, cats);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	return id;
}

static int64_t open_case(int64_t person, const char *opened_on)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"person_id\":%lld,\"opening_reason\":\"Есеп\",\"opened_on\":\"%s\"}",
		 (long long)person, opened_on);
	json_t *j = json_of(http_post_json(worker, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	return id;
}

static void serve(int64_t case_id, const char *label, const char *form, const char *function,
		  const char *means, const char *on)
{
	int64_t type = db_int(&srv, "SELECT id FROM service_types WHERE label_en = ?1", label,
			      (const char *)NULL);
	char path[64], body[512];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services", (long long)case_id);
	snprintf(body, sizeof(body),
		 "{\"type_id\":%lld,\"form\":\"%s\",\"function\":\"%s\",\"means\":\"%s\","
		 "\"delivered_on\":\"%s\",\"minutes\":30}",
		 (long long)type, form, function, means, on);
	json_decref(json_of(http_post_json(worker, path, body), 201));
}

/* The dates of this year the tests record on: months 1 to the current one. */
static const char *day_of_month(int month, int day)
{
	static char buf[8][16];
	static int next;
	char *b = buf[next++ % 8];
	int m = (today[5] - '0') * 10 + (today[6] - '0');
	int d = (today[8] - '0') * 10 + (today[9] - '0');
	if (month > m)
		month = m;
	if (month == m && day > d)
		day = d;
	snprintf(b, 16, "%.4s-%02d-%02d", today, month % 100, day % 100);
	return b;
}

static bool seeded;
static int64_t people[12], cases[12];

/* Twelve people of the worker's organisation in two regions no demo person lives in, with
 * their cases and services on several days of this year. */
static void seed(void)
{
	if (seeded)
		return;
	seeded = true;
	static const struct {
		const char *sex, *born, *region, *cats;
	} who[12] = {
		{ "female", "1990-02-03", "KZ-59", "\"kandas\"" },
		{ "male", "1985-07-01", "KZ-59", "\"kandas\",\"labour_migrant\"" },
		{ "female", "2015-05-05", "KZ-59", "\"kandas\"" },
		{ "male", "1950-01-01", "KZ-59", "\"refugee\"" },
		{ "female", "2000-12-12", "KZ-59", "\"labour_migrant\"" },
		{ "male", "1999-03-03", "KZ-59", "\"kandas\"" },
		{ "female", "2010-10-10", "KZ-61", "\"internal_migrant\"" },
		{ "male", "1980-08-08", "KZ-61", "\"kandas\"" },
		{ "female", "1970-07-07", "KZ-61", "\"kandas\"" },
		{ "male", "2021-01-01", "KZ-61", "\"asylum_seeker\"" },
		{ "female", "1960-06-06", "KZ-61", "\"kandas\",\"refugee\"" },
		{ "male", "1995-09-09", "KZ-61", "\"labour_migrant\"" },
	};
	for (int i = 0; i < 12; i++) {
		char given[16];
		snprintf(given, sizeof(given), "Адам%d", i);
		people[i] = new_person(given, who[i].sex, who[i].born, who[i].region, who[i].cats);
		cases[i] = open_case(people[i], day_of_month(1, 2 + i));
	}
	static const char *const labels[] = { "legal consultation", "language lesson",
					      "individual session", "job placement",
					      "counselling" };
	static const char *const forms[] = { "individual", "collective", "diagnostics" };
	static const char *const functions[] = { "adaptation", "integration", "capacity" };
	static const char *const means[] = { "individual", "collective" };
	for (int i = 0; i < 12; i++)
		for (int k = 0; k <= i % 4; k++)
			serve(cases[i], labels[(i + k) % 5], forms[(i + 2 * k) % 3],
			      functions[(i + k) % 3], means[k % 2],
			      day_of_month(2 + k * 3, 10 + i));
	/* A case's status changes, another's closure waits. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld", (long long)cases[3]);
	json_decref(
	    json_of(http_patch_json(worker, path, "{\"status\":\"active\",\"version\":1}"), 200));
}

/* ---- checking ---- */

/* The API's report as the supervisor (no figure withheld) or another reader. */
static json_t *report(struct client *c, const char *query)
{
	return json_of(http_get(c, "/api/v1/reports?%s", query), 200);
}

/* Every cell of j is what sql counts for its row's code (?1) and column's code (?2); the sum of
 * sql over every value the records hold (sql_all, without the two) is the grand total, so
 * that no value of the records is missing from the report. NULL codes are compared with IS. */
static void check(json_t *j, const char *sql, const char *sql_all)
{
	json_t *rows = json_object_get(j, "row_values"), *cols = json_object_get(j, "col_values");
	json_t *cells = json_object_get(j, "cells");
	assert_int_equal(json_array_size(cells), json_array_size(rows));
	for (size_t r = 0; r < json_array_size(rows); r++) {
		const char *rc = json_str_of(json_array_get(rows, r), "code");
		json_t *line = json_array_get(cells, r);
		assert_int_equal(json_array_size(line), json_array_size(cols));
		for (size_t c = 0; c < json_array_size(cols); c++) {
			const char *cc = json_str_of(json_array_get(cols, c), "code");
			int64_t want = db_int(&srv, sql, rc ? rc : "", cc ? cc : "", year_from,
					      today, (const char *)NULL);
			int64_t got = json_integer_value(json_array_get(line, c));
			if (got != want)
				fail_msg("%s × %s: the report says %lld, the records %lld", rc, cc,
					 (long long)got, (long long)want);
		}
	}
	int64_t all = db_int(&srv, sql_all, year_from, today, (const char *)NULL);
	if (json_int_of(j, "total", -1) != all)
		fail_msg("total: the report says %lld, the records %lld",
			 (long long)json_int_of(j, "total", -1), (long long)all);
}

/* The supervisor's organisation, this year: ?1 and ?2 are codes, '' for not stated. */
#define ORG " c.org_id = (SELECT org_id FROM users WHERE login = 'supervisor')"
/* This year up to today: ?3 and ?4 in a cell's count (after its two codes), ?1 and ?2 in the
 * total's. */
#define YEAR " BETWEEN ?3 AND ?4"
#define YEAR_ALL " BETWEEN ?1 AND ?2"

static void test_services_by_kind_and_sex(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=services&rows=service_kind&cols=sex");
	check(j,
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id JOIN persons p ON"
	      " p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND s.service_kind = ?1 AND COALESCE(p.sex, '') = ?2",
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR_ALL);
	assert_true(json_int_of(j, "total", 0) >= 30);
	assert_false(json_is_true(json_object_get(j, "suppressed")));
	json_decref(j);
}

static void test_persons_by_region_and_function(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=persons&rows=region&cols=function");
	check(j,
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id JOIN persons p ON p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND COALESCE(p.region, '') = ?1 AND s.function = ?2",
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
}

/* A person of two categories counts in both rows, once in the total. */
static void test_persons_by_category_and_month(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=persons&rows=category&cols=month");
	check(j,
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND (EXISTS (SELECT 1 FROM person_categories pc WHERE pc.person_id = s.person_id"
	      " AND pc.category = ?1) OR (?1 = '' AND NOT EXISTS (SELECT 1 FROM"
	      " person_categories pc WHERE pc.person_id = s.person_id)))"
	      " AND substr(s.delivered_on, 1, 7) = ?2",
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
}

static void test_cases_by_status_and_quarter(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=cases&rows=case_status&cols=quarter");
	check(j,
	      "SELECT COUNT(*) FROM cases c WHERE" ORG " AND c.opened_on" YEAR
	      " AND c.status = ?1 AND substr(c.opened_on, 1, 4) || '-Q' || ((CAST(substr("
	      "c.opened_on, 6, 2) AS INTEGER) + 2) / 3) = ?2",
	      "SELECT COUNT(*) FROM cases c WHERE" ORG " AND c.opened_on" YEAR_ALL);
	json_decref(j);
}

/* Age on the day of the service: the bands' edges in SQL, apart from the program's. */
static void test_services_by_age_band_and_form(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=services&rows=age_band&cols=form");
#define AGE                                                                                        \
	"(CAST(substr(s.delivered_on, 1, 4) AS INTEGER) - CAST(substr(p.birth_date, 1, 4) AS"      \
	" INTEGER) - CASE WHEN substr(s.delivered_on, 6, 5) < substr(p.birth_date, 6, 5) THEN 1"   \
	" ELSE 0 END)"
/* The band of that age, '' for no full birth date. */
#define AGE_BAND                                                                                   \
	" CASE WHEN length(p.birth_date) = 10 THEN CASE WHEN " AGE " < 5 THEN '0-4' WHEN " AGE     \
	" < 12 THEN '5-11' WHEN " AGE " < 18 THEN '12-17' WHEN " AGE " < 60 THEN '18-59' ELSE"     \
	" '60+' END ELSE '' END"
	check(j,
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id JOIN persons p ON"
	      " p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR " AND" AGE_BAND
	      " = ?1 AND s.form = ?2",
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
}

/* The age band with the month (on PostgreSQL both travel in one value with who is counted,
 * the band's as whole years: the fact's born comes back from its day) and with the
 * categories. */
static void test_services_by_month_and_age_band(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=services&rows=month&cols=age_band");
	check(j,
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id JOIN persons p ON"
	      " p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND substr(s.delivered_on, 1, 7) = ?1 AND" AGE_BAND " = ?2",
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
	j = report(supervisor, "measure=persons&rows=category&cols=age_band");
	check(j,
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id JOIN persons p ON p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND (EXISTS (SELECT 1 FROM person_categories pc WHERE pc.person_id = s.person_id"
	      " AND pc.category = ?1) OR (?1 = '' AND NOT EXISTS (SELECT 1 FROM"
	      " person_categories pc WHERE pc.person_id = s.person_id))) AND" AGE_BAND " = ?2",
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
}

/* Regions, organisations and programmes with the month and the quarter. On PostgreSQL a
 * scan sends each row as one value, the two axes and who is counted packed, the day as its
 * distance from the period's first. A programme numbered 40000, past the 15 bits a packed
 * row gives it, makes PostgreSQL read the report again as plain values, and say so in its
 * log. */
static void test_services_by_place_programme_and_month(void **state)
{
	(void)state;
	seed();
	json_t *j = report(supervisor, "measure=services&rows=region&cols=month");
	check(j,
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id JOIN persons p ON"
	      " p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND COALESCE(p.region, '') = ?1 AND substr(s.delivered_on, 1, 7) = ?2",
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
	j = report(supervisor, "measure=persons&rows=organisation&cols=quarter");
	check(j,
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR " AND CAST(c.org_id AS TEXT) = ?1"
	      " AND substr(s.delivered_on, 1, 4) || '-Q' || ((CAST(substr(s.delivered_on, 6, 2)"
	      " AS INTEGER) + 2) / 3) = ?2",
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
	if (server_is_pg(&srv))
		assert_int_equal(db_int(&srv,
					"SELECT setval(pg_get_serial_sequence('programmes',"
					" 'id'), 39999)",
					(const char *)NULL),
				 39999);
	j = json_of(http_post_json(admin, "/api/v1/programmes",
				   "{\"name\":\"Қырық мың\",\"kind\":\"social_support\","
				   "\"active\":true}"),
		    201);
	int64_t programme = json_int_of(j, "id", 0);
	json_decref(j);
	if (server_is_pg(&srv))
		assert_int_equal(programme, 40000);
	char path[96], body[128];
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments", (long long)programme);
	for (int i = 0; i < 3; i++) {
		snprintf(body, sizeof(body),
			 "{\"person_id\":%lld,\"family_size\":1,\"region\":\"KZ-59\"}",
			 (long long)people[i]);
		EXPECT_STATUS(http_post_json(supervisor, path, body), 201);
	}
	j = report(supervisor, "measure=services&rows=programme&cols=month");
	check(j,
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR " AND COALESCE(CAST((SELECT MAX(e.programme_id) FROM"
	      " enrolments e WHERE e.person_id = s.person_id AND e.status = 'enrolled') AS TEXT),"
	      " '') = ?1 AND substr(s.delivered_on, 1, 7) = ?2",
	      "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE" ORG
	      " AND s.delivered_on" YEAR_ALL);
	bool found = false;
	json_t *v;
	size_t i;
	json_array_foreach (json_object_get(j, "row_values"), i, v)
		found |= json_str_of(v, "code") && atoll(json_str_of(v, "code")) == programme;
	assert_true(found);
	if (server_is_pg(&srv))
		assert_true(server_log_has(&srv, "such reports are read as plain values"));
	/* Asked again, it is read plain at once, with the same figures. */
	json_t *again = report(supervisor, "measure=services&rows=programme&cols=month");
	assert_true(json_equal(json_object_get(again, "cells"), json_object_get(j, "cells")));
	json_decref(again);
	json_decref(j);
}

static void test_collective_and_public_measures(void **state)
{
	(void)state;
	seed();
	/* The demo's referrals, events and group sessions of the organisation. */
	json_t *j = report(supervisor, "measure=referrals&rows=service_kind&cols=region");
	check(j,
	      "SELECT COUNT(*) FROM referrals r JOIN persons p ON p.id = r.person_id WHERE"
	      " r.from_org_id = (SELECT org_id FROM users WHERE login = 'supervisor') AND"
	      " r.sent_on" YEAR " AND r.service_kind = ?1 AND COALESCE(p.region, '') = ?2",
	      "SELECT COUNT(*) FROM referrals r WHERE r.from_org_id = (SELECT org_id FROM users"
	      " WHERE login = 'supervisor') AND r.sent_on" YEAR_ALL);
	json_decref(j);
	j = report(supervisor, "measure=event_participants&rows=form&cols=sex");
	check(j,
	      "SELECT COUNT(*) FROM event_participants ep JOIN events e ON e.id = ep.event_id"
	      " JOIN persons p ON p.id = ep.person_id WHERE e.org_id = (SELECT org_id FROM users"
	      " WHERE login = 'supervisor') AND e.held_on" YEAR " AND e.form = ?1 AND"
	      " COALESCE(p.sex, '') = ?2",
	      "SELECT COUNT(*) FROM event_participants ep JOIN events e ON e.id = ep.event_id"
	      " WHERE e.org_id = (SELECT org_id FROM users WHERE login = 'supervisor') AND"
	      " e.held_on" YEAR_ALL);
	json_decref(j);
	j = report(supervisor, "measure=group_sessions&rows=form&cols=month");
	check(j,
	      "SELECT COUNT(*) FROM group_sessions gs JOIN work_groups g ON g.id = gs.group_id"
	      " WHERE g.org_id = (SELECT org_id FROM users WHERE login = 'supervisor') AND"
	      " gs.held_on" YEAR " AND g.form = ?1 AND substr(gs.held_on, 1, 7) = ?2",
	      "SELECT COUNT(*) FROM group_sessions gs JOIN work_groups g ON g.id = gs.group_id"
	      " WHERE g.org_id = (SELECT org_id FROM users WHERE login = 'supervisor') AND"
	      " gs.held_on" YEAR_ALL);
	assert_true(json_int_of(j, "total", 0) >= 1);
	json_decref(j);
	/* A group session names no person: an analyst's figures of sessions are not withheld
	 * (five sessions more, and the total shown). */
	int64_t group = db_int(&srv,
			       "SELECT MIN(id) FROM work_groups WHERE org_id = (SELECT org_id FROM"
			       " users WHERE login = 'supervisor')",
			       (const char *)NULL);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions", (long long)group);
	for (int i = 0; i < 5; i++) {
		char body[128];
		snprintf(body, sizeof(body), "{\"held_on\":\"%s\",\"topic\":\"Есеп %d\"}", today,
			 i);
		EXPECT_STATUS(http_post_json(supervisor, path, body), 201);
	}
	j = report(analyst, "measure=group_sessions");
	json_t *total = json_object_get(j, "total");
	assert_true(json_is_integer(total) && json_integer_value(total) >= 5);
	json_decref(j);
}

/* ---- the facts follow the records ---- */

static char *dump(const char *query)
{
	json_t *j = report(supervisor, query);
	char *s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	return s;
}

static const char *const follow[] = {
	"measure=persons&rows=region&cols=category",
	"measure=services&rows=case_status&cols=age_band",
	"measure=cases&rows=programme&cols=sex",
	"measure=event_participants&rows=region&cols=month",
};

/* Edits that move figures: the facts the writes kept equal the facts derived again from
 * nothing by `komek reports rebuild`. */
static void test_facts_follow_the_records(void **state)
{
	(void)state;
	seed();
	/* Another region and category for a person (the person's form through the API). */
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)people[0]);
	json_t *p = json_of(http_get(worker, "%s", path), 200);
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"region\":\"KZ-61\",\"categories\":[\"refugee\"],\"version\":%lld}",
		 (long long)json_int_of(p, "version", 0));
	json_decref(p);
	json_decref(json_of(http_patch_json(worker, path, body), 200));
	/* A case's status. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld", (long long)cases[5]);
	json_decref(
	    json_of(http_patch_json(worker, path, "{\"status\":\"on_hold\",\"version\":1}"), 200));
	/* A programme: an enrolment. */
	int64_t programme =
	    db_int(&srv, "SELECT MIN(id) FROM programmes WHERE code = 'kazakh_language'",
		   (const char *)NULL);
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments", (long long)programme);
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"family_size\":1,\"region\":\"KZ-61\"}",
		 (long long)people[7]);
	struct resp *r = http_post_json(supervisor, path, body);
	if (r->status != 201)
		fail_msg("enrolment: %ld %s", r->status, r->body);
	/* A person erased by a supervisor's form (the figures stay, the birth date is a year). */
	struct client *sup = client_new(&srv);
	assert_int_equal(web_login(sup, "supervisor", DEMO_PASSWORD), 303);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", sup->csrf);
	sb_form(&f, "reason", "person_request");
	sb_form(&f, "confirm", "1");
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)people[2]);
	EXPECT_STATUS(http_post_form(sup, path, sb_str(&f)), 303);
	sb_free(&f);
	client_free(sup);
	/* Named at an event. */
	int64_t event = db_int(&srv,
			       "SELECT MIN(e.id) FROM events e, users u WHERE u.login = 'worker'"
			       " AND e.org_id = u.org_id AND e.kind <> 'publication'",
			       (const char *)NULL);
	snprintf(path, sizeof(path), "/api/v1/events/%lld/participants", (long long)event);
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"role\":\"participant\"}",
		 (long long)people[9]);
	r = http_post_json(worker, path, body);
	if (r->status != 201)
		fail_msg("participant: %ld %s", r->status, r->body);

	char *before[4];
	for (size_t i = 0; i < 4; i++)
		before[i] = dump(follow[i]);
	char out[4096];
	int rc = komek_run(srv.db, out, sizeof(out), "reports", "rebuild", (const char *)NULL);
	if (rc)
		fail_msg("komek reports rebuild: %d %s", rc, out);
	for (size_t i = 0; i < 4; i++) {
		char *after = dump(follow[i]);
		if (strcmp(before[i], after) != 0)
			fail_msg("%s: kept\n%s\nderived again\n%s", follow[i], before[i], after);
		free(after);
		free(before[i]);
	}
	/* And the figures moved: the person now counts in KZ-61 as a refugee. */
	json_t *j = report(supervisor, "measure=persons&rows=region&cols=category");
	check(j,
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id JOIN persons p ON p.id = s.person_id WHERE" ORG " AND s.delivered_on" YEAR
	      " AND COALESCE(p.region, '') = ?1 AND (EXISTS (SELECT 1"
	      " FROM person_categories pc WHERE pc.person_id = s.person_id AND pc.category = ?2)"
	      " OR (?2 = '' AND NOT EXISTS (SELECT 1 FROM person_categories pc WHERE"
	      " pc.person_id = s.person_id)))",
	      "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
	      " s.case_id WHERE" ORG " AND s.delivered_on" YEAR_ALL);
	json_decref(j);
}

/* ---- small cells ---- */

/* No figure of 1 to 4 people reaches an analyst or an administrator, and no row or column
 * holds exactly one withheld figure; the supervisor sees them all. */
static void test_small_cells(void **state)
{
	(void)state;
	seed();
	const char *q = "measure=services&rows=region&cols=service_kind";
	json_t *full = report(supervisor, q);
	struct client *readers[] = { analyst, admin };
	for (size_t k = 0; k < 2; k++) {
		json_t *j = report(readers[k], q);
		assert_true(json_is_true(json_object_get(j, "suppressed")));
		json_t *cells = json_object_get(j, "cells");
		size_t withheld = 0;
		for (size_t r = 0; r < json_array_size(cells); r++) {
			json_t *line = json_array_get(cells, r);
			const char *rc = json_str_of(
			    json_array_get(json_object_get(j, "row_values"), r), "code");
			size_t in_row =
			    json_is_null(json_array_get(json_object_get(j, "row_totals"), r));
			for (size_t c = 0; c < json_array_size(line); c++) {
				const char *cc = json_str_of(
				    json_array_get(json_object_get(j, "col_values"), c), "code");
				/* The people of the cell, from the records. */
				int64_t people_in = db_int(
				    &srv,
				    "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases "
				    "c"
				    " ON c.id = s.case_id JOIN persons p ON p.id = s.person_id "
				    "WHERE"
				    " s.delivered_on" YEAR " AND COALESCE(p.region, '') = ?1 AND"
				    " s.service_kind = ?2 AND c.org_id IN (SELECT id FROM orgs)",
				    rc ? rc : "", cc, year_from, today, (const char *)NULL);
				json_t *x = json_array_get(line, c);
				if (people_in > 0 && people_in < 5 && !json_is_null(x))
					fail_msg("%s × %s: %lld people shown to %zu", rc, cc,
						 (long long)people_in, k);
				in_row += json_is_null(x);
				withheld += json_is_null(x);
			}
			if (in_row == 1)
				fail_msg("row %s holds one withheld figure", rc);
		}
		assert_true(withheld > 0);
		json_decref(j);
	}
	/* The supervisor's: every figure. */
	json_t *cells = json_object_get(full, "cells");
	for (size_t r = 0; r < json_array_size(cells); r++)
		for (size_t c = 0; c < json_array_size(json_array_get(cells, r)); c++)
			assert_true(json_is_integer(json_array_get(json_array_get(cells, r), c)));
	json_decref(full);
	/* The files and the page withhold the same. */
	struct resp *csv = http_get(analyst, "/api/v1/reports?%s&format=csv", q);
	EXPECT_STATUS(csv, 200);
	/* The note under the table, in the analyst's language. */
	assert_true(resp_has(csv, "Бос ұяшықтар") || resp_has(csv, "Пустые ячейки") ||
		    resp_has(csv, "Empty cells"));
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "analyst", DEMO_PASSWORD), 303);
	struct resp *page = http_get(web, "/reports?%s", q);
	EXPECT_STATUS(page, 200);
	assert_true(resp_has(page, "class=\"num withheld\""));
	struct resp *file = http_get(web, "/reports/export?format=xlsx&%s", q);
	EXPECT_STATUS(file, 200);
	assert_true(file->len > 4 && memcmp(file->body, "PK", 2) == 0);
	/* The PDF: "–" where the page and the API withhold, and the note that says so. */
	struct resp *pdf = http_get(web, "/reports/export?format=pdf&%s", q);
	EXPECT_STATUS(pdf, 200);
	assert_non_null(resp_header(pdf, "Content-Type"));
	assert_string_equal(resp_header(pdf, "Content-Type"), "application/pdf");
	char *text = resp_pdf_text(pdf);
	assert_non_null(text);
	assert_non_null(strstr(text, "(–)"));
	free(text);
	client_free(web);
}

/* The builder's PDF holds the table: its axes' labels, every figure and the totals. */
static void test_pdf(void **state)
{
	(void)state;
	seed();
	const char *q = "measure=services&rows=service_kind&cols=sex";
	json_t *j = report(supervisor, q);
	struct resp *pdf = http_get(supervisor, "/api/v1/reports?%s&format=pdf", q);
	EXPECT_STATUS(pdf, 200);
	assert_non_null(strstr(resp_header(pdf, "Content-Disposition"), ".pdf"));
	char *text = resp_pdf_text(pdf);
	assert_non_null(text);
	json_t *rows = json_object_get(j, "row_values");
	for (size_t i = 0; i < json_array_size(rows); i++) {
		const char *label = json_str_of(json_array_get(rows, i), "label");
		/* pdftotext may wrap a long label: its first word is on the row. */
		char word[64];
		snprintf(word, sizeof word, "%.*s", (int)strcspn(label, " "), label);
		if (!strstr(text, word))
			fail_msg("the PDF lacks the row %s:\n%s", label, text);
	}
	char total[32];
	snprintf(total, sizeof total, "%lld",
		 (long long)json_integer_value(json_object_get(j, "total")));
	assert_non_null(strstr(text, total));
	free(text);
	json_decref(j);
}

/* ---- refused, and who ---- */

static void test_refused_and_who(void **state)
{
	(void)state;
	static const struct {
		const char *query, *field;
	} refused[] = {
		{ "measure=nope", "measure" },
		{ "measure=group_sessions&rows=sex", "rows" },
		{ "rows=sex&cols=sex", "cols" },
		{ "from=2026-02-30", "from" },
		{ "from=2026-05-01&to=2026-04-30", "to" },
		{ "from=2000-01-01&to=2010-01-01", "to" },
		{ "format=odt", "format" },
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		const char *f =
		    error_field(http_get(supervisor, "/api/v1/reports?%s", refused[i].query));
		if (strcmp(f, refused[i].field) != 0)
			fail_msg("%s: field %s, not %s", refused[i].query, f, refused[i].field);
	}
	EXPECT_STATUS(http_get(worker, "/api/v1/reports"), 403);
	/* The page keeps the choices and names the field. */
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "supervisor", DEMO_PASSWORD), 303);
	struct resp *r = http_get(web, "/reports?measure=cases&rows=sex&cols=sex&from=2026-01-01");
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "aria-invalid=\"true\" aria-describedby=\"e-cols\""));
	assert_true(resp_has(r, "<option value=\"cases\" selected>"));
	r = http_get(web, "/reports?measure=cases&rows=region&cols=sex");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "role=\"img\""));
	assert_true(resp_has(r, "href=\"/reports\""));
	client_free(web);
	struct client *w = client_new(&srv);
	assert_int_equal(web_login(w, "worker", DEMO_PASSWORD), 303);
	EXPECT_STATUS(http_get(w, "/reports"), 403);
	assert_false(resp_has(http_get(w, "/"), "href=\"/reports\""));
	client_free(w);
	/* Running a report is audited with its parameters (by the writer, within a moment). */
	int64_t runs = 0;
	for (int i = 0; i < 50 && runs < 1; i++) {
		runs = db_int(&srv,
			      "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'report.run' AND"
			      " detail LIKE 'measure=cases rows=region cols=sex%'",
			      (const char *)NULL);
		if (runs < 1)
			nanosleep(&(struct timespec){ 0, 100 * 1000000L }, NULL);
	}
	assert_true(runs >= 1);
}

/* ---- the fixed reports ---- */

static json_t *fixed(struct client *c, const char *query)
{
	return json_of(http_get(c, "/api/v1/reports/%s", query), 200);
}

/* Figure col of row `row` of a fixed report's section i (NULL: withheld). */
static json_t *figure_at(json_t *doc, size_t i, size_t row, size_t col)
{
	json_t *s = json_array_get(json_object_get(doc, "sections"), i);
	return json_array_get(json_array_get(json_object_get(s, "rows"), row), col);
}

static size_t rows_of(json_t *doc, size_t i)
{
	return json_array_size(
	    json_object_get(json_array_get(json_object_get(doc, "sections"), i), "rows"));
}

static void expect_422(struct client *c, const char *query, const char *field)
{
	struct resp *r = http_get(c, "/api/v1/reports/%s", query);
	EXPECT_STATUS(r, 422);
	json_t *j = resp_json(r);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "field"), field);
	json_decref(j);
}

/* The monthly report of the month the tests served most in: its figures against counts made
 * here over the records; the same as PDF and CSV; refusals; the audit. */
static void test_fixed_monthly(void **state)
{
	(void)state;
	seed();
	char month[8], from[11], to[11], q[64];
	snprintf(month, sizeof month, "%.7s", day_of_month(2, 10));
	snprintf(from, sizeof from, "%s-01", month);
	snprintf(to, sizeof to, "%s-31", month);
	snprintf(q, sizeof q, "monthly?month=%s", month);
	json_t *j = fixed(supervisor, q);
	assert_string_equal(json_str_of(j, "report"), "monthly");
	const char *org = "(SELECT org_id FROM users WHERE login = 'supervisor')";
	char sql[512];
	/* The month in figures: people served, cases opened, services, referrals sent. */
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(DISTINCT s.person_id) FROM services s JOIN cases c ON c.id ="
		 " s.case_id WHERE c.org_id = %s AND s.delivered_on BETWEEN ?1 AND ?2",
		 org);
	assert_int_equal(json_integer_value(figure_at(j, 0, 0, 1)),
			 db_int(&srv, sql, from, to, (const char *)NULL));
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM cases WHERE org_id = %s AND opened_on BETWEEN ?1 AND ?2",
		 org);
	assert_int_equal(json_integer_value(figure_at(j, 0, 1, 1)),
			 db_int(&srv, sql, from, to, (const char *)NULL));
	snprintf(sql, sizeof sql,
		 "SELECT COUNT(*) FROM services s JOIN cases c ON c.id = s.case_id WHERE c.org_id ="
		 " %s AND s.delivered_on BETWEEN ?1 AND ?2",
		 org);
	int64_t services = db_int(&srv, sql, from, to, (const char *)NULL);
	assert_true(services > 0);
	assert_int_equal(json_integer_value(figure_at(j, 0, 2, 1)), services);
	snprintf(
	    sql, sizeof sql,
	    "SELECT COUNT(*) FROM referrals WHERE from_org_id = %s AND sent_on BETWEEN ?1 AND ?2",
	    org);
	assert_int_equal(json_integer_value(figure_at(j, 0, 3, 1)),
			 db_int(&srv, sql, from, to, (const char *)NULL));
	/* Services by kind and form: the grand total, bottom right. */
	size_t n = rows_of(j, 1);
	json_t *last = json_array_get(
	    json_object_get(json_array_get(json_object_get(j, "sections"), 1), "rows"), n - 1);
	assert_int_equal(json_integer_value(json_array_get(last, json_array_size(last) - 1)),
			 services);
	/* The period under the title. */
	char period[32];
	snprintf(period, sizeof period, "%s – %.8s", from, to);
	assert_non_null(
	    strstr(json_string_value(json_array_get(json_object_get(j, "lines"), 1)), period));
	/* The PDF and the CSV say the same. */
	char count[32];
	snprintf(count, sizeof count, "%lld", (long long)services);
	struct resp *pdf = http_get(supervisor, "/api/v1/reports/%s&format=pdf", q);
	EXPECT_STATUS(pdf, 200);
	assert_string_equal(resp_header(pdf, "Content-Type"), "application/pdf");
	char *text = resp_pdf_text(pdf);
	assert_non_null(text);
	assert_non_null(strstr(text, json_str_of(j, "title")));
	assert_non_null(strstr(text, count));
	free(text);
	struct resp *csv = http_get(supervisor, "/api/v1/reports/%s&format=csv", q);
	EXPECT_STATUS(csv, 200);
	assert_true(resp_has(csv, json_str_of(j, "title")));
	json_decref(j);
	/* The page: the same tables, and the links to the files. */
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "supervisor", DEMO_PASSWORD), 303);
	struct resp *page = http_get(web, "/reports/%s", q);
	EXPECT_STATUS(page, 200);
	assert_true(resp_has(page, "<table class=\"list report\">"));
	assert_true(resp_has(page, "format=pdf&amp;month="));
	EXPECT_STATUS(http_get(web, "/reports/monthly?month=2001-13"), 422);
	client_free(web);
	/* Refusals name the field; a worker reads no report. */
	expect_422(supervisor, "monthly?month=2001-13", "month");
	expect_422(supervisor, "monthly?month=9999-01", "month");
	expect_422(supervisor, "monthly?month=x", "month");
	expect_422(supervisor, "monthly?format=odt", "format");
	EXPECT_STATUS(http_get(worker, "/api/v1/reports/monthly"), 403);
	/* Audited once, with the month. */
	char like[64];
	snprintf(like, sizeof like, "report=monthly month=%s", month);
	int64_t runs = 0;
	for (int i = 0; i < 50 && runs < 1; i++) {
		runs = db_int(&srv,
			      "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'report.fixed' AND"
			      " detail = ?1",
			      like, (const char *)NULL);
		if (runs < 1)
			nanosleep(&(struct timespec){ 0, 100 * 1000000L }, NULL);
	}
	assert_true(runs >= 1);
}

/* A programme's report: the quota as the state set it, the organisation's enrolments as the
 * records hold them; small rows withheld from an analyst; refusals. */
static void test_fixed_programme(void **state)
{
	(void)state;
	seed();
	int64_t id = db_int(&srv, "SELECT id FROM programmes WHERE code = 'kandas_resettlement'",
			    (const char *)NULL);
	char path[96], body[128], q[96], year[8];
	snprintf(year, sizeof year, "%.4s", today);
	snprintf(path, sizeof path, "/api/v1/programmes/%lld/enrolments", (long long)id);
	int64_t who[3];
	for (size_t i = 0; i < 3; i++) {
		char given[16];
		snprintf(given, sizeof given, "Квота%zu", i);
		who[i] = new_person(given, "female", "1990-01-01", "KZ-59", "\"kandas\"");
		snprintf(body, sizeof body,
			 "{\"person_id\":%lld,\"family_size\":%zu,\"region\":\"KZ-59\"}",
			 (long long)who[i], i + 1);
		struct resp *r = http_post_json(supervisor, path, body);
		if (r->status != 201)
			fail_msg("enrolment: %ld %s", r->status, r->body);
	}
	snprintf(q, sizeof q, "programme?programme=%lld&year=%s", (long long)id, year);
	json_t *j = fixed(supervisor, q);
	/* The quota: the state's, in full. */
	char ids[24];
	snprintf(ids, sizeof ids, "%lld", (long long)id);
	size_t nq = rows_of(j, 0);
	assert_true(nq > 1);
	assert_int_equal(
	    json_integer_value(figure_at(j, 0, nq - 1, 1)),
	    db_int(&srv,
		   "SELECT SUM(quota) FROM programme_quotas WHERE programme_id = ?1 AND"
		   " year = ?2",
		   ids, year, (const char *)NULL));
	/* The enrolments: the total row against the records. */
	size_t ne = rows_of(j, 1);
	const char *mine = "FROM enrolments WHERE programme_id = ?1 AND year = ?2 AND org_id ="
			   " (SELECT org_id FROM users WHERE login = 'supervisor') AND status ="
			   " 'enrolled'";
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(DISTINCT person_id) %s", mine);
	assert_int_equal(json_integer_value(figure_at(j, 1, ne - 1, 1)),
			 db_int(&srv, sql, ids, year, (const char *)NULL));
	snprintf(sql, sizeof sql, "SELECT SUM(family_size) %s", mine);
	assert_int_equal(json_integer_value(figure_at(j, 1, ne - 1, 3)),
			 db_int(&srv, sql, ids, year, (const char *)NULL));
	/* The PDF names the programme. */
	struct resp *pdf = http_get(supervisor, "/api/v1/reports/%s&format=pdf", q);
	EXPECT_STATUS(pdf, 200);
	char *text = resp_pdf_text(pdf);
	assert_non_null(text);
	const char *name = json_string_value(json_array_get(json_object_get(j, "lines"), 0));
	char word[64];
	snprintf(word, sizeof word, "%.*s", (int)strcspn(name, " "), name);
	assert_non_null(strstr(text, word));
	free(text);
	json_decref(j);
	/* An analyst: every organisation's enrolments, no row of 1 to 4 people shown. */
	j = fixed(analyst, q);
	ne = rows_of(j, 1);
	for (size_t r = 0; r < ne; r++) {
		json_t *e = figure_at(j, 1, r, 1), *w = figure_at(j, 1, r, 2);
		if (json_is_integer(e) && json_integer_value(e) + json_integer_value(w) > 0 &&
		    json_integer_value(e) + json_integer_value(w) < 5)
			fail_msg("row %zu of the enrolments shows %lld people to an analyst", r,
				 (long long)(json_integer_value(e) + json_integer_value(w)));
	}
	json_decref(j);
	/* The page waits for a programme; refusals; a programme nobody has. */
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "supervisor", DEMO_PASSWORD), 303);
	struct resp *page = http_get(web, "/reports/programme");
	EXPECT_STATUS(page, 200);
	assert_false(resp_has(page, "<table"));
	client_free(web);
	expect_422(supervisor, "programme", "programme");
	expect_422(supervisor, "programme?programme=x", "programme");
	snprintf(q, sizeof q, "programme?programme=%lld&year=1800", (long long)id);
	expect_422(supervisor, q, "year");
	EXPECT_STATUS(http_get(supervisor, "/api/v1/reports/programme?programme=987654321"), 404);
	EXPECT_STATUS(http_get(worker, "/api/v1/reports/programme?programme=1"), 403);
}

/* The cohort's report holds the cohort's figures, for everyone. */
static void test_fixed_cohort(void **state)
{
	(void)state;
	seed();
	json_t *j = fixed(worker, "cohort?region=KZ-59");
	json_t *c = json_of(http_get(worker, "/api/v1/integration/cohort?region=KZ-59"), 200);
	assert_int_equal(rows_of(j, 0), json_array_size(json_object_get(c, "domains")));
	for (size_t i = 0; i < rows_of(j, 0); i++) {
		json_t *d = json_array_get(json_object_get(c, "domains"), i);
		json_t *x = figure_at(j, 0, i, 1);
		if (json_is_true(json_object_get(d, "suppressed")))
			assert_true(json_is_null(x));
		else
			assert_int_equal(json_integer_value(x),
					 json_integer_value(json_object_get(d, "people")));
	}
	json_decref(c);
	json_decref(j);
	expect_422(worker, "cohort?region=nowhere", "region");
	expect_422(worker, "cohort?arrival_year=x", "arrival_year");
}

/* A programme's name, as an administrator typed it, is text on the report's page and in its
 * files. */
static void test_names_are_text(void **state)
{
	(void)state;
	seed();
	json_t *j = json_of(http_post_json(admin, "/api/v1/programmes",
					   "{\"name\":\"<script>alert(1)</script>\",\"kind\":"
					   "\"social_support\",\"active\":true}"),
			    201);
	int64_t programme = json_int_of(j, "id", 0);
	json_decref(j);
	char path[96], body[128];
	snprintf(path, sizeof(path), "/api/v1/programmes/%lld/enrolments", (long long)programme);
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"family_size\":1,\"region\":\"KZ-61\"}",
		 (long long)people[8]);
	EXPECT_STATUS(http_post_json(supervisor, path, body), 201);
	struct client *web = client_new(&srv);
	assert_int_equal(web_login(web, "supervisor", DEMO_PASSWORD), 303);
	struct resp *r = http_get(web, "/reports?measure=cases&rows=programme&cols=sex");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_false(resp_has(r, "<script>alert"));
	client_free(web);
	j = report(supervisor, "measure=cases&rows=programme");
	bool found = false;
	json_t *v;
	size_t i;
	json_array_foreach (json_object_get(j, "row_values"), i, v)
		found |= strcmp(json_str_of(v, "label"), "<script>alert(1)</script>") == 0;
	assert_true(found);
	json_decref(j);
	/* An analyst's organisations by their names, each its own. */
	j = report(analyst, "measure=cases&rows=organisation");
	size_t named = 0;
	json_array_foreach (json_object_get(j, "row_values"), i, v) {
		const char *code = json_str_of(v, "code");
		if (!code)
			continue;
		char name[256];
		assert_true(db_text(&srv, name, sizeof name, "SELECT name FROM orgs WHERE id = ?1",
				    code, (const char *)NULL));
		assert_string_equal(json_str_of(v, "label"), name);
		named++;
	}
	assert_true(named > 0);
	json_decref(j);
}

/* ---- dashboards ---- */

/* Each role's dashboard: a worker's own figures, counted here over the records; the same row
 * in the supervisor's team; the organisation's, of the records the reader may see; the twelve
 * months for those who read reports, an analyst's with nothing else. */
static void test_dashboards(void **state)
{
	(void)state;
	seed();
	char month[11];
	snprintf(month, sizeof(month), "%.8s01", today);
	int64_t uid =
	    db_int(&srv, "SELECT id FROM users WHERE login = 'worker'", (const char *)NULL);
	json_t *j = json_of(http_get(worker, "/api/v1/dashboard"), 200);
	json_t *me = json_object_get(j, "me");
	assert_int_equal(json_int_of(me, "user_id", 0), uid);
	assert_int_equal(json_int_of(me, "open_cases", -1),
			 db_int(&srv,
				"SELECT COUNT(*) FROM cases WHERE worker_id = ?1 AND status <>"
				" 'closed'",
				i64s(uid), (const char *)NULL));
	assert_int_equal(json_int_of(me, "services_this_month", -1),
			 db_int(&srv,
				"SELECT COUNT(*) FROM services WHERE provider_id = ?1 AND"
				" delivered_on >= ?2",
				i64s(uid), month, (const char *)NULL));
	assert_int_equal(json_int_of(me, "overdue_tasks", -1),
			 db_int(&srv,
				"SELECT COUNT(*) FROM plan_tasks WHERE responsible_id = ?1 AND"
				" status = 'todo' AND due_on < ?2",
				i64s(uid), today, (const char *)NULL));
	assert_true(json_is_null(json_object_get(j, "team")));
	assert_true(json_is_null(json_object_get(j, "months")));
	/* The worker's alerts count the people they see (a restricted person is not theirs
	 * unless assigned). */
	json_t *org = json_object_get(j, "organisation");
	assert_int_equal(
	    json_int_of(org, "labour_alerts", -1),
	    db_int(&srv,
		   "SELECT COUNT(*) FROM labour_alerts la JOIN persons p ON p.id ="
		   " la.person_id WHERE la.org_id = p.org_id AND p.org_id = (SELECT org_id"
		   " FROM users WHERE id = ?1) AND la.resolved_on IS NULL AND"
		   " (p.restricted = 0 OR EXISTS (SELECT 1 FROM person_workers w WHERE"
		   " w.person_id = p.id AND w.user_id = ?1))",
		   i64s(uid), (const char *)NULL));
	char *mine = json_dumps(me, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	/* The supervisor's team holds the same row. */
	j = json_of(http_get(supervisor, "/api/v1/dashboard"), 200);
	bool found = false;
	size_t i;
	json_t *row;
	json_array_foreach (json_object_get(j, "team"), i, row) {
		if (json_int_of(row, "user_id", 0) != uid)
			continue;
		char *theirs = json_dumps(row, JSON_SORT_KEYS | JSON_COMPACT);
		assert_string_equal(theirs, mine);
		free(theirs);
		found = true;
	}
	assert_true(found);
	assert_int_equal(json_array_size(json_object_get(j, "months")), 12);
	assert_false(json_is_true(json_object_get(j, "suppressed")));
	json_decref(j);
	free(mine);
	/* An analyst: the months only, withheld when small. */
	j = json_of(http_get(analyst, "/api/v1/dashboard"), 200);
	assert_true(json_is_null(json_object_get(j, "me")));
	assert_true(json_is_null(json_object_get(j, "organisation")));
	assert_int_equal(json_array_size(json_object_get(j, "months")), 12);
	assert_true(json_is_true(json_object_get(j, "suppressed")));
	json_decref(j);
	/* The pages. */
	static const char *const logins[] = { "worker", "supervisor", "analyst", "admin" };
	for (size_t k = 0; k < 4; k++) {
		struct client *web = client_new(&srv);
		assert_int_equal(web_login(web, logins[k], DEMO_PASSWORD), 303);
		struct resp *r = http_get(web, "/dashboard");
		EXPECT_STATUS(r, 200);
		assert_true(resp_has(r, "href=\"/dashboard\""));
		assert_int_equal(resp_has(r, "id=\"team-h\""), k == 1);
		assert_int_equal(resp_has(r, "id=\"trend-h\""), k >= 1);
		client_free(web);
	}
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services_by_kind_and_sex),
		cmocka_unit_test(test_persons_by_region_and_function),
		cmocka_unit_test(test_persons_by_category_and_month),
		cmocka_unit_test(test_cases_by_status_and_quarter),
		cmocka_unit_test(test_services_by_age_band_and_form),
		cmocka_unit_test(test_services_by_month_and_age_band),
		cmocka_unit_test(test_services_by_place_programme_and_month),
		cmocka_unit_test(test_collective_and_public_measures),
		cmocka_unit_test(test_small_cells),
		cmocka_unit_test(test_facts_follow_the_records),
		cmocka_unit_test(test_refused_and_who),
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_fixed_monthly),
		cmocka_unit_test(test_fixed_programme),
		cmocka_unit_test(test_fixed_cohort),
		cmocka_unit_test(test_names_are_text),
		cmocka_unit_test(test_dashboards),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
