/* test_retention.c: an organisation's retention rule over HTTP and the command line. An
 * administrator sets it (a bad number is refused); `komek retain --dry-run` counts, `komek
 * retain` anonymises the closed cases past it, and the people whose cases all are, with an
 * audit row each; what was written goes, the figures stay; a recent case, a person with an
 * open case and another organisation are left alone; running again changes nothing; the
 * page's button applies it too. */
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
static struct client *worker, *sup, *wweb, *aweb;
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
	worker = client_new(&srv);
	sup = client_new(&srv);
	wweb = client_new(&srv);
	aweb = client_new(&srv);
	if (api_login(worker, "worker", DEMO_PASSWORD) != 201 ||
	    api_login(sup, "supervisor", DEMO_PASSWORD) != 201 ||
	    web_login(wweb, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(aweb, "admin", DEMO_PASSWORD) != 303)
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

static int64_t created(struct resp *r)
{
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int64_t person(const char *family)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"family_name\": \"%s\", \"given_name\": \"Retained\", \"sex\": \"female\","
		 " \"phone\": \"+7 701 555 44 33\"}",
		 family);
	return created(http_post_json(worker, "/api/v1/persons", body));
}

/* A case opened on `opened` with a note, an assessment, a service and (after the person's
 * consent) a referral; closed on `closed` by a supervisor unless NULL. */
static int64_t full_case(int64_t p, const char *opened, const char *closed)
{
	char body[512], path[96];
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"Written at intake\","
		 " \"opened_on\": \"%s\"}",
		 (long long)p, opened);
	int64_t id = created(http_post_json(worker, "/api/v1/cases", body));
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/notes", (long long)id);
	snprintf(body, sizeof(body), "{\"text\": \"A note\", \"noted_on\": \"%s\"}", opened);
	EXPECT_STATUS(http_post_json(worker, path, body), 201);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/assessments", (long long)id);
	snprintf(body, sizeof(body),
		 "{\"assessed_on\": \"%s\", \"summary\": \"A summary\", \"needs\": {\"housing\":"
		 " {\"urgency\": 2, \"note\": \"A need\"}}}",
		 opened);
	EXPECT_STATUS(http_post_json(worker, path, body), 201);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services", (long long)id);
	snprintf(body, sizeof(body),
		 "{\"type_id\": %lld, \"form\": \"individual\", \"function\": \"adaptation\","
		 " \"means\": \"individual\", \"delivered_on\": \"%s\", \"result\": \"A result\"}",
		 (long long)q("SELECT MIN(id) FROM service_types WHERE label_en = ?1",
			      "legal consultation"),
		 opened);
	EXPECT_STATUS(http_post_json(worker, path, body), 201);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "purpose", "referral_sharing");
	sb_form(&f, "given_on", today);
	snprintf(path, sizeof(path), "/persons/%lld/consents", (long long)p);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\","
		 " \"message\": \"A message\", \"share_contact\": true}",
		 (long long)id,
		 (long long)q("SELECT MIN(id) FROM partners WHERE org_id IS NULL", NULL));
	EXPECT_STATUS(http_post_json(worker, "/api/v1/referrals", body), 201);
	if (closed) {
		snprintf(path, sizeof(path), "/api/v1/cases/%lld", (long long)id);
		snprintf(body, sizeof(body),
			 "{\"version\": 1, \"status\": \"closed\", \"closing_reason\":"
			 " \"goals_achieved\", \"outcome\": \"An outcome\", \"closed_on\": \"%s\"}",
			 closed);
		EXPECT_STATUS(http_patch_json(sup, path, body), 200);
	}
	return id;
}

/* Whether what was written in case id is all gone. */
static bool case_emptied(int64_t id)
{
	const char *k = i64s(id);
	return q("SELECT COUNT(*) FROM cases WHERE id = ?1 AND opening_reason = '' AND outcome IS"
		 " NULL AND anonymised_at IS NOT NULL",
		 k) == 1 &&
	       q("SELECT COUNT(*) FROM case_notes WHERE case_id = ?1 AND text <> ''", k) == 0 &&
	       q("SELECT COUNT(*) FROM assessments WHERE case_id = ?1 AND summary IS NOT NULL",
		 k) == 0 &&
	       q("SELECT COUNT(*) FROM assessment_needs n JOIN assessments x ON x.id ="
		 " n.assessment_id WHERE x.case_id = ?1 AND n.note IS NOT NULL",
		 k) == 0 &&
	       q("SELECT COUNT(*) FROM services WHERE case_id = ?1 AND result IS NOT NULL", k) ==
		   0 &&
	       q("SELECT COUNT(*) FROM referrals WHERE case_id = ?1 AND (message IS NOT NULL OR"
		 " family_name <> '' OR phone IS NOT NULL)",
		 k) == 0;
}

static bool case_intact(int64_t id)
{
	const char *k = i64s(id);
	return q("SELECT COUNT(*) FROM cases WHERE id = ?1 AND opening_reason <> '' AND"
		 " anonymised_at IS NULL",
		 k) == 1 &&
	       q("SELECT COUNT(*) FROM case_notes WHERE case_id = ?1 AND text <> ''", k) == 1 &&
	       q("SELECT COUNT(*) FROM services WHERE case_id = ?1 AND result IS NOT NULL", k) ==
		   1 &&
	       q("SELECT COUNT(*) FROM referrals WHERE case_id = ?1 AND message IS NOT NULL", k) ==
		   1;
}

static struct resp *set_rule(const char *months)
{
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", aweb->csrf);
	sb_form(&f, "rule", "1");
	sb_form(&f, "months", months);
	struct resp *r = http_post_form(aweb, "/retention", sb_str(&f));
	sb_free(&f);
	return r;
}

static void test_a_rule_anonymises_old_closed_cases(void **state)
{
	(void)state;
	int64_t old_p = person("Ескі"), recent_p = person("Жаңа"), mixed_p = person("Аралас");
	int64_t old_case = full_case(old_p, "2020-01-10", "2021-06-30");
	int64_t recent_case = full_case(recent_p, "2020-01-10", today);
	int64_t mixed_old = full_case(mixed_p, "2019-03-01", "2020-02-01");
	int64_t mixed_open = full_case(mixed_p, "2024-01-01", NULL);
	int64_t cases0 = q("SELECT COUNT(*) FROM cases", NULL);
	int64_t services0 = q("SELECT COUNT(*) FROM services", NULL);
	int64_t referrals0 = q("SELECT COUNT(*) FROM referrals", NULL);

	/* No rule yet: nothing is due; a rule out of range is refused and changes nothing. */
	char out[4096];
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "retain", (const char *)NULL), 0);
	assert_non_null(strstr(out, "no organisation has a retention rule"));
	struct resp *r = set_rule("6");
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-months\""));
	EXPECT_STATUS(set_rule("many"), 422);
	r = http_post_form(aweb, "/retention", "_csrf=x");
	assert_true(r->status == 403 || r->status == 422);
	assert_int_equal(q("SELECT COUNT(*) FROM orgs WHERE retention_months IS NOT NULL", NULL),
			 0);
	/* Only administrators. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "rule", "1");
	sb_form(&f, "months", "24");
	EXPECT_STATUS(http_post_form(wweb, "/retention", sb_str(&f)), 403);
	sb_free(&f);
	EXPECT_STATUS(http_get(wweb, "/retention"), 403);

	/* Two years: the two cases closed in 2020 and 2021 are due. */
	EXPECT_STATUS(set_rule("24"), 303);
	r = http_get(aweb, "/retention");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "<strong>24</strong>"));
	assert_true(resp_has(r, "<strong>2</strong>"));
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'retention.set'", NULL), 1);
	assert_int_equal(
	    komek_run(srv.db, out, sizeof(out), "retain", "--dry-run", (const char *)NULL), 0);
	assert_non_null(strstr(out, ": 2 cases closed by"));
	assert_true(case_intact(old_case) && case_intact(mixed_old));

	assert_int_equal(komek_run(srv.db, out, sizeof(out), "retain", (const char *)NULL), 0);
	assert_non_null(strstr(out, ": 2 cases closed by"));
	assert_non_null(strstr(out, "anonymised, and 1 people"));
	assert_true(case_emptied(old_case));
	assert_true(case_emptied(mixed_old));
	assert_true(case_intact(recent_case));
	assert_true(case_intact(mixed_open));
	/* The person whose cases are all spent is anonymised; the one with an open case is not. */
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE id = ?1 AND erased_at IS NOT NULL"
			   " AND family_name = '' AND phone IS NULL",
			   i64s(old_p)),
			 1);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM persons WHERE id = ?1 AND erased_at IS NULL", i64s(mixed_p)),
	    1);
	assert_int_equal(q("SELECT COUNT(*) FROM person_changes WHERE person_id = ?1 AND"
			   " field = 'anonymised' AND changed_by IS NULL",
			   i64s(old_p)),
			 1);
	/* Audited, each. */
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'case.anonymise'", NULL), 2);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'person.anonymise' AND"
			   " entity_id = ?1",
			   i64s(old_p)),
			 1);
	/* The figures stay. */
	assert_int_equal(q("SELECT COUNT(*) FROM cases", NULL), cases0);
	assert_int_equal(q("SELECT COUNT(*) FROM services", NULL), services0);
	assert_int_equal(q("SELECT COUNT(*) FROM referrals", NULL), referrals0);
	assert_int_equal(q("SELECT COUNT(*) FROM cases WHERE id = ?1 AND status = 'closed' AND"
			   " closed_on = '2021-06-30' AND closing_reason = 'goals_achieved'",
			   i64s(old_case)),
			 1);
	/* The anonymised person's case is gone from the workers' view. */
	EXPECT_STATUS(http_get(worker, "/api/v1/cases/%lld", (long long)old_case), 404);
	/* Again: nothing more to do. */
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "retain", (const char *)NULL), 0);
	assert_non_null(strstr(out, ": 0 cases closed by"));
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'case.anonymise'", NULL), 2);

	/* The page's button, for a centre without a timer. */
	int64_t late_p = person("Кеш");
	int64_t late_case = full_case(late_p, "2018-05-05", "2019-05-05");
	sb_form(&f, "_csrf", aweb->csrf);
	r = http_post_form(aweb, "/retention/apply", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "role=\"status\""));
	assert_true(case_emptied(late_case));
	/* Back to no rule. */
	EXPECT_STATUS(set_rule(""), 303);
	assert_int_equal(q("SELECT COUNT(*) FROM orgs WHERE retention_months IS NOT NULL", NULL),
			 0);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_rule_anonymises_old_closed_cases),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
