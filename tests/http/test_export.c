/* test_export.c: the registry exported as CSV and XLSX (issue 6): the header rows (the
 * user's language, then HXL), what a worker's export holds and what an analyst's or a
 * de-identified one never does, filters, the access rule, a formula kept as text, the audit,
 * and refusals that name the parameter. */
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
static struct client *worker, *lawyer, *analyst, *ngo, *wweb;
static int64_t restricted_id;
static char restricted_doc[64], restricted_family[128];

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		return -1;
	struct client **api[] = { &worker, &lawyer, &analyst, &ngo };
	const char *logins[] = { "worker", "lawyer", "analyst", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			return -1;
	}
	wweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303)
		return -1;
	/* The demo's trafficking victim: restricted, the worker assigned, the lawyer not. */
	restricted_id = db_int(&srv,
			       "SELECT MIN(p.id) FROM persons p JOIN person_categories c"
			       " ON c.person_id = p.id WHERE c.category = ?1",
			       "trafficking_victim", (const char *)NULL);
	if (restricted_id <= 0 ||
	    !db_text(&srv, restricted_doc, sizeof(restricted_doc),
		     "SELECT number FROM documents WHERE person_id = ?1", i64s(restricted_id),
		     (const char *)NULL) ||
	    !db_text(&srv, restricted_family, sizeof(restricted_family),
		     "SELECT family_name FROM persons WHERE id = ?1", i64s(restricted_id),
		     (const char *)NULL))
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(worker);
	client_free(lawyer);
	client_free(analyst);
	client_free(ngo);
	client_free(wweb);
	bool clean = !server_log_has_sanitizer_report(&srv);
	server_free(&srv);
	return clean ? 0 : -1;
}

/* The lines of a CSV answer (the body kept in the resp). */
static int lines(const struct resp *r)
{
	int n = 0;
	for (const char *p = r->body; p && (p = strstr(p, "\r\n")); p += 2)
		n++;
	return n;
}

static int64_t exports_audited(const char *login)
{
	return db_int(&srv,
		      "SELECT COUNT(*) FROM viewlog.audit a JOIN users u ON u.id = a.user_id"
		      " WHERE a.action = 'persons.export' AND u.login = ?1",
		      login, (const char *)NULL);
}

static void test_a_workers_export(void **state)
{
	(void)state;
	int64_t audited = exports_audited("worker");
	int64_t views = db_int(&srv,
			       "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'person.view' AND"
			       " entity_id = ?1 AND detail = 'export'",
			       i64s(restricted_id), (const char *)NULL);
	struct resp *r = http_get(worker, "/api/v1/persons/export?format=csv&hxl=1");
	EXPECT_STATUS(r, 200);
	assert_string_equal(resp_header(r, "Content-Type"), "text/csv; charset=utf-8");
	assert_non_null(strstr(resp_header(r, "Content-Disposition"), ".csv\""));
	/* The byte-order mark, the header in the worker's Kazakh, then HXL. */
	assert_memory_equal(r->body, "\xEF\xBB\xBFId,Тегі,", strlen("\xEF\xBB\xBFId,Тегі,"));
	assert_true(resp_has(r, "\r\n#beneficiary +id,#beneficiary +name +family,"));
	assert_true(resp_has(r, "#adm1 +code") && resp_has(r, "#org +name"));
	/* Every person the worker sees, the restricted one with their document. */
	int64_t visible =
	    db_int(&srv,
		   "SELECT COUNT(*) FROM persons p WHERE p.org_id = 1 AND"
		   " p.erased_at IS NULL AND p.linked_to IS NULL AND (p.restricted = 0"
		   " OR EXISTS (SELECT 1 FROM person_workers w JOIN users u ON u.id ="
		   " w.user_id WHERE w.person_id = p.id AND u.login = ?1))",
		   "worker", (const char *)NULL);
	assert_int_equal(lines(r), visible + 2);
	assert_true(resp_has(r, restricted_doc));
	assert_int_equal(exports_audited("worker"), audited + 1);
	/* The restricted person's record left in it: a view of them, on disk already. */
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'person.view' AND"
		   " entity_id = ?1 AND detail = 'export'",
		   i64s(restricted_id), (const char *)NULL),
	    views + 1);
	/* The lawyer, not assigned, gets no line of them. */
	r = http_get(lawyer, "/api/v1/persons/export");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, restricted_doc));
	/* Another organisation gets none of these people. */
	r = http_get(ngo, "/api/v1/persons/export");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, restricted_family));
	assert_false(resp_has(r, "Тұрсынбаев"));
}

static void test_deidentified_and_the_analysts(void **state)
{
	(void)state;
	static const char *const paths[] = { "/api/v1/persons/export?hxl=1",
					     "/api/v1/persons/export?deidentified=1" };
	struct client *who[] = { analyst, worker };
	for (size_t i = 0; i < 2; i++) {
		struct resp *r = http_get(who[i], "%s", paths[i]);
		EXPECT_STATUS(r, 200);
		/* No name, document or restricted person of the demo's organisation. */
		assert_false(resp_has(r, "Тұрсынбаев"));
		assert_false(resp_has(r, restricted_doc));
		assert_false(resp_has(r, "#beneficiary +name"));
		int64_t open = db_int(&srv,
				      "SELECT COUNT(*) FROM persons WHERE org_id = 1 AND"
				      " restricted = 0 AND erased_at IS NULL AND linked_to IS NULL",
				      (const char *)NULL);
		assert_int_equal(lines(r), open + (i == 0 ? 2 : 1));
		/* Birth years, never dates. */
		assert_false(resp_has(r, "1979-03-14"));
	}
	assert_true(exports_audited("analyst") >= 1);
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM viewlog.audit a JOIN users u ON u.id ="
		   " a.user_id WHERE u.login = 'analyst' AND a.action = 'persons.export'"
		   " AND a.detail LIKE ?1",
		   "%deidentified=1%", (const char *)NULL),
	    exports_audited("analyst"));
}

static void test_filters_xlsx_and_formulas(void **state)
{
	(void)state;
	/* A name in its own script that a spreadsheet would run: stays text. */
	struct resp *r = http_post_json(worker, "/api/v1/persons",
					"{\"family_name\":\"Formula\",\"given_name\":\"Test\","
					"\"sex\":\"female\",\"region\":\"KZ-63\","
					"\"name_original\":\"=HYPERLINK(\\\"http://x\\\")\","
					"\"confirm_new\":true}");
	EXPECT_STATUS(r, 201);
	r = http_get(worker, "/api/v1/persons/export?format=csv&region=KZ-63");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "\"'=HYPERLINK(\"\"http://x\"\")\""));
	int64_t in_region =
	    db_int(&srv,
		   "SELECT COUNT(*) FROM persons WHERE org_id = 1 AND region = ?1 AND"
		   " restricted = 0 AND erased_at IS NULL AND linked_to IS NULL",
		   "KZ-63", (const char *)NULL);
	assert_int_equal(lines(r), in_region + 1);
	r = http_get(worker, "/api/v1/persons/export?format=xlsx&sex=female");
	EXPECT_STATUS(r, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "spreadsheetml"));
	assert_true(r->len > 1000);
	assert_memory_equal(r->body, "PK\x03\x04", 4);

	/* Refusals name the parameter, and export nothing. */
	static const char *const bad[][2] = {
		{ "format=pdf", "format" },  { "hxl=yes", "hxl" },
		{ "region=Mars", "region" }, { "sex=x", "sex" },
		{ "age_min=-1", "age_min" }, { "category=none", "category" },
	};
	int64_t audited = exports_audited("worker");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = http_get(worker, "/api/v1/persons/export?%s", bad[i][0]);
		EXPECT_STATUS(r, 422);
		assert_string_equal(error_field(r), bad[i][1]);
	}
	assert_int_equal(exports_audited("worker"), audited);
	/* The web page and its download. */
	r = http_get(wweb, "/exports");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "action=\"/persons/export\""));
	r = http_get(wweb, "/persons/export?format=csv&hxl=1");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "#beneficiary +id"));
	r = http_get(wweb, "/persons/export?format=doc");
	EXPECT_STATUS(r, 422);
}

/* The lists: cases, services and referrals, each what its list shows the user. */
static void test_the_lists(void **state)
{
	(void)state;
	int64_t restricted_case = db_int(&srv, "SELECT MIN(id) FROM cases WHERE person_id = ?1",
					 i64s(restricted_id), (const char *)NULL);
	assert_true(restricted_case > 0);
	char line[64];
	snprintf(line, sizeof(line), "\r\n%lld,%lld,", (long long)restricted_case,
		 (long long)restricted_id);
	int64_t views = db_int(&srv,
			       "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'case.view' AND"
			       " entity_id = ?1 AND detail = 'export'",
			       i64s(restricted_id), (const char *)NULL);
	struct resp *r = http_get(worker, "/api/v1/cases/export?hxl=1");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "\r\n#activity +case +id,#beneficiary +id,"));
	assert_true(resp_has(r, line)); /* assigned to the restricted person */
	assert_int_equal(lines(r), 2 + db_int(&srv,
					      "SELECT COUNT(*) FROM cases c JOIN persons p ON"
					      " p.id = c.person_id WHERE c.org_id = 1 AND"
					      " p.erased_at IS NULL AND (p.restricted = 0 OR EXISTS"
					      " (SELECT 1 FROM person_workers w JOIN users u ON"
					      " u.id = w.user_id WHERE w.person_id = p.id AND"
					      " u.login = 'worker'))",
					      (const char *)NULL));
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM viewlog.audit WHERE action = 'case.view' AND"
				" entity_id = ?1 AND detail = 'export'",
				i64s(restricted_id), (const char *)NULL),
			 views + 1);
	assert_true(db_int(&srv,
			   "SELECT COUNT(*) FROM viewlog.audit a JOIN users u ON u.id = a.user_id"
			   " WHERE a.action = 'cases.export' AND u.login = 'worker'",
			   (const char *)NULL) >= 1);
	/* The lawyer, not assigned, has no line of the restricted person's case. */
	r = http_get(lawyer, "/api/v1/cases/export");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, line));
	/* The services: a 3W table. */
	r = http_get(worker, "/api/v1/services/export?hxl=1&format=xlsx");
	EXPECT_STATUS(r, 200);
	assert_non_null(strstr(resp_header(r, "Content-Type"), "spreadsheetml"));
	r = http_get(worker, "/api/v1/services/export?hxl=1");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "#sector +code") && resp_has(r, "#adm1 +code") &&
		    resp_has(r, "#org +name"));
	/* The referrals the worker's organisation sent: the demo's. */
	int64_t sent =
	    db_int(&srv, "SELECT MIN(id) FROM referrals WHERE from_org_id = 1", (const char *)NULL);
	snprintf(line, sizeof(line), "\r\n%lld,", (long long)sent);
	r = http_get(worker, "/api/v1/referrals/export?box=sent");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, line));
	r = http_get(worker, "/api/v1/referrals/export");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, line)); /* received, by default */
	/* Refusals name the parameter; an analyst has no lists. */
	static const char *const bad[][2] = {
		{ "/api/v1/cases/export?status=nonsense", "status" },
		{ "/api/v1/cases/export?mine=2", "mine" },
		{ "/api/v1/services/export?service_kind=nonsense", "service_kind" },
		{ "/api/v1/services/export?from=2026-13-01", "from" },
		{ "/api/v1/referrals/export?box=all", "box" },
		{ "/api/v1/referrals/export?format=pdf", "format" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = http_get(worker, "%s", bad[i][0]);
		EXPECT_STATUS(r, 422);
		assert_string_equal(error_field(r), bad[i][1]);
	}
	EXPECT_STATUS(http_get(analyst, "/api/v1/cases/export"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/services/export"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/referrals/export"), 403);
	/* The page: a form for each list. */
	r = http_get(wweb, "/exports");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "action=\"/cases/export\"") &&
		    resp_has(r, "action=\"/services/export\"") &&
		    resp_has(r, "action=\"/referrals/export\""));
	EXPECT_STATUS(http_get(wweb, "/services/export?from=x"), 422);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_workers_export),
		cmocka_unit_test(test_deidentified_and_the_analysts),
		cmocka_unit_test(test_filters_xlsx_and_formulas),
		cmocka_unit_test(test_the_lists),
	};
	return cmocka_run_group_tests_name("export", tests, group_setup, group_teardown);
}
