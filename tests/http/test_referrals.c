/* test_referrals.c: partner organisations and referrals over HTTP. The whole path of a
 * person's case (register, assess, accept a proposal, plan, deliver a service, refer to a
 * second organisation whose worker accepts and completes, review, a supervisor's closure);
 * the consent a referral needs; what the receiving organisation sees and does not; refusals
 * that name their field and write nothing; a restricted person's referral; a partner outside
 * this Komek answered by the team; the web forms; the directory; erasure. */
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
static struct client *worker, *sup, *psy, *lawyer, *analyst, *ngo, *admin;
static struct client *wweb, *sweb, *nweb, *aweb;
static int64_t worker_id, ngo_org, ngo_partner, own_partner, outside_partner;
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
	struct client **api[] = { &worker, &sup, &psy, &lawyer, &analyst, &ngo, &admin };
	const char *logins[] = { "worker",  "supervisor", "psychologist", "lawyer",
				 "analyst", "ngo-worker", "admin" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	struct client **web[] = { &wweb, &sweb, &nweb, &aweb };
	const char *wlogins[] = { "worker", "supervisor", "ngo-worker", "admin" };
	for (size_t i = 0; i < sizeof(web) / sizeof(web[0]); i++) {
		*web[i] = client_new(&srv);
		if (web_login(*web[i], wlogins[i], DEMO_PASSWORD) != 303)
			goto fail;
	}
	worker_id = q("SELECT id FROM users WHERE login = ?1", "worker");
	ngo_org = q("SELECT org_id FROM users WHERE login = ?1", "ngo-worker");
	ngo_partner = q("SELECT id FROM partners WHERE org_id = ?1", i64s(ngo_org));
	own_partner = q("SELECT p.id FROM partners p JOIN users u ON u.org_id = p.org_id"
			" WHERE u.login = ?1",
			"worker");
	outside_partner = q("SELECT MIN(id) FROM partners WHERE org_id IS NULL AND kind = ?1",
			    "temporary_accommodation");
	if (worker_id <= 0 || ngo_partner <= 0 || own_partner <= 0 || outside_partner <= 0)
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

static struct resp *patch(struct client *c, const char *fmt, int64_t id, const char *body)
{
	char path[96];
	snprintf(path, sizeof(path), fmt, (long long)id);
	return http_patch_json(c, path, body);
}

static struct resp *post(struct client *c, const char *fmt, int64_t id, const char *body)
{
	char path[96];
	snprintf(path, sizeof(path), fmt, (long long)id);
	return http_post_json(c, path, body);
}

/* Records the person's consent to share their data for a referral, on their page. */
static void consent(int64_t person)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "purpose", "referral_sharing");
	sb_form(&b, "given_on", today);
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/consents", (long long)person);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&b)), 303);
	sb_free(&b);
}

static int64_t send_referral(struct client *c, int64_t case_id, int64_t partner, const char *extra)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\":"
		 " \"social_legal\"%s%s}",
		 (long long)case_id, (long long)partner, *extra ? ", " : "", extra);
	json_t *j = json_of(http_post_json(c, "/api/v1/referrals", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	assert_string_equal(json_str_of(j, "status"), "sent");
	assert_string_equal(json_str_of(j, "direction"), "sent");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static bool listed(json_t *j, int64_t id)
{
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (json_int_of(it, "id", 0) == id)
			return true;
	return false;
}

/* Waits up to 5 s for the view log to count want rows (the audit writer batches). */
static int64_t views_of(const char *login, int64_t person, int64_t want)
{
	int64_t n = -1;
	for (int i = 0; i < 500; i++) {
		n = db_int(
		    &srv,
		    "SELECT COUNT(*) FROM viewlog.audit a JOIN users u ON u.id = a.user_id"
		    " WHERE a.action = 'referral.view' AND u.login = ?1 AND a.entity_id = ?2",
		    login, i64s(person), (const char *)NULL);
		if (n >= want)
			break;
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
	return n;
}

static void test_the_whole_path(void **state)
{
	(void)state;
	/* Registered, with a case. */
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons",
					   "{\"family_name\": \"Сейдахметова\", \"given_name\":"
					   " \"Гүлжан\", \"sex\": \"female\", \"birth_date\":"
					   " \"1990-05-05\", \"categories\": [\"kandas\"],"
					   " \"legal_status\": \"kandas\", \"lang_kk\": \"fluent\","
					   " \"phone\": \"+7 701 111 22 33\"}"),
			    201);
	int64_t person = json_int_of(j, "id", 0);
	json_decref(j);
	char body[512];
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"Arrived\"}",
		 (long long)person);
	j = json_of(http_post_json(worker, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	/* Assessed; the housing proposal accepted becomes a goal with a task. */
	EXPECT_STATUS(post(worker, "/api/v1/cases/%lld/assessments", id,
			   "{\"needs\": {\"housing\": 3, \"legal_status\": 2}}"),
		      201);
	j = json_of(http_get(worker, "/api/v1/cases/%lld/recommendations", (long long)id), 200);
	int64_t rule = 0;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (strcmp(json_str_of(it, "service_kind"), "social_household") == 0)
			rule = json_int_of(it, "rule_id", 0);
	json_decref(j);
	assert_true(rule > 0);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations/%lld", (long long)id,
		 (long long)rule);
	EXPECT_STATUS(http_post_json(worker, path, "{\"decision\": \"accepted\"}"), 200);
	j = json_of(http_get(worker, "/api/v1/cases/%lld/plan", (long long)id), 200);
	int64_t goal = json_int_of(json_array_get(json_object_get(j, "goals"), 0), "id", 0);
	json_decref(j);
	assert_true(goal > 0);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/goals/%lld/tasks", (long long)id,
		 (long long)goal);
	snprintf(
	    body, sizeof(body),
	    "{\"title\": \"Find a flat\", \"responsible_id\": %lld, \"due_on\": \"2099-01-01\"}",
	    (long long)worker_id);
	EXPECT_STATUS(http_post_json(worker, path, body), 201);
	EXPECT_STATUS(post(sup, "/api/v1/cases/%lld/plan/approval", id, "{}"), 200);
	/* A service delivered. */
	snprintf(
	    body, sizeof(body),
	    "{\"type_id\": %lld, \"form\": \"individual\", \"function\": \"adaptation\","
	    " \"means\": \"individual\", \"minutes\": 30}",
	    (long long)q("SELECT id FROM service_types WHERE label_en = ?1", "legal consultation"));
	EXPECT_STATUS(post(worker, "/api/v1/cases/%lld/services", id, body), 201);

	/* A referral needs the person's consent to share their data. */
	int64_t n0 = q("SELECT COUNT(*) FROM referrals WHERE person_id = ?1", i64s(person));
	snprintf(
	    body, sizeof(body),
	    "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"social_legal\"}",
	    (long long)id, (long long)ngo_partner);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", body)),
			    "consent");
	assert_int_equal(q("SELECT COUNT(*) FROM referrals WHERE person_id = ?1", i64s(person)),
			 n0);
	consent(person);
	int64_t ref = send_referral(worker, id, ngo_partner,
				    "\"message\": \"Status renewal; speaks Kazakh\","
				    " \"share_contact\": true");
	/* The sending is a disclosure, under that consent. */
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'person.disclose' AND"
			   " entity_id = ?1 AND consent_id = (SELECT MAX(id) FROM consents WHERE"
			   " purpose = 'referral_sharing')",
			   i64s(person)),
			 1);
	/* The message is sealed at rest. */
	assert_int_equal(
	    q("SELECT COUNT(*) FROM referrals WHERE id = ?1 AND message LIKE 'k1.%'", i64s(ref)),
	    1);

	/* The receiving organisation: in its inbox and on its caseload, with what the referral
	 * shares and nothing more. */
	j = json_of(http_get(ngo, "/api/v1/referrals?status=sent"), 200);
	assert_true(listed(j, ref));
	json_decref(j);
	j = json_of(http_get(ngo, "/api/v1/referrals/%lld", (long long)ref), 200);
	assert_string_equal(json_str_of(j, "direction"), "received");
	assert_true(json_is_null(json_object_get(j, "case_id")));
	assert_true(json_is_null(json_object_get(j, "person_id")));
	assert_true(json_is_null(json_object_get(j, "consent_id")));
	json_t *who = json_object_get(j, "person");
	assert_string_equal(json_str_of(who, "family_name"), "Сейдахметова");
	assert_string_equal(json_str_of(who, "phone"), "+7 701 111 22 33");
	assert_string_equal(json_str_of(j, "message"), "Status renewal; speaks Kazakh");
	json_decref(j);
	/* Two views: the list (which shows each referral whole) and the referral itself. */
	assert_int_equal(views_of("ngo-worker", person, 2), 2);
	EXPECT_STATUS(http_get(ngo, "/api/v1/persons/%lld", (long long)person), 404);
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld", (long long)id), 404);
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld/referrals", (long long)id), 404);
	struct resp *r = http_get(nweb, "/cases");
	EXPECT_STATUS(r, 200);
	snprintf(path, sizeof(path), "href=\"/referrals/%lld\"", (long long)ref);
	assert_true(resp_has(r, path));
	r = http_get(nweb, "/referrals/%lld", (long long)ref);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Сейдахметова"));
	snprintf(path, sizeof(path), "/persons/%lld\"", (long long)person);
	assert_false(resp_has(r, path));
	snprintf(path, sizeof(path), "/cases/%lld\"", (long long)id);
	assert_false(resp_has(r, path));

	/* Accepted and completed by the receiving worker. */
	j = json_of(
	    patch(ngo, "/api/v1/referrals/%lld", ref, "{\"status\": \"accepted\", \"version\": 1}"),
	    200);
	assert_string_equal(json_str_of(j, "status"), "accepted");
	assert_string_equal(json_str_of(j, "handler"), "Асель НҰО");
	assert_string_equal(json_str_of(j, "answered_on"), today);
	json_decref(j);
	j = json_of(patch(ngo, "/api/v1/referrals/%lld", ref,
			  "{\"status\": \"completed\", \"version\": 2, \"outcome\": \"Renewed\"}"),
		    200);
	assert_string_equal(json_str_of(j, "status"), "completed");
	json_decref(j);
	/* The sending team sees it completed, with its outcome. */
	j = json_of(http_get(worker, "/api/v1/cases/%lld/referrals", (long long)id), 200);
	json_t *first = json_array_get(json_object_get(j, "items"), 0);
	assert_int_equal(json_int_of(first, "id", 0), ref);
	assert_string_equal(json_str_of(first, "status"), "completed");
	assert_string_equal(json_str_of(first, "outcome"), "Renewed");
	assert_int_equal(json_int_of(first, "case_id", 0), id);
	json_decref(j);

	/* Reviewed; closure asked for by the worker, approved by a supervisor. */
	EXPECT_STATUS(post(worker, "/api/v1/cases/%lld/reviews", id,
			   "{\"note\": \"Status renewed through the NGO\"}"),
		      201);
	j = json_of(http_get(worker, "/api/v1/cases/%lld", (long long)id), 200);
	int64_t v = json_int_of(j, "version", 0);
	json_decref(j);
	snprintf(body, sizeof(body),
		 "{\"version\": %lld, \"status\": \"closed\", \"closing_reason\":"
		 " \"goals_achieved\", \"outcome\": \"Housed, status renewed\"}",
		 (long long)v);
	EXPECT_STATUS(patch(worker, "/api/v1/cases/%lld", id, body), 202);
	snprintf(body, sizeof(body), "{\"version\": %lld, \"status\": \"closed\"}",
		 (long long)v + 1);
	j = json_of(patch(sup, "/api/v1/cases/%lld", id, body), 200);
	assert_string_equal(json_str_of(j, "status"), "closed");
	json_decref(j);
	/* A closed case sends no more referrals. */
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\"}",
		 (long long)id, (long long)ngo_partner);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/referrals", body), 403);
}

/* Every refusal names its field or answers 403/404/409, and writes nothing. */
static void test_refusals_write_nothing(void **state)
{
	(void)state;
	int64_t case1 = q("SELECT MIN(k.id) FROM cases k JOIN persons p ON p.id = k.person_id"
			  " WHERE p.family_name = ?1",
			  "Тұрсынбаев");
	int64_t other_case = q("SELECT MIN(k.id) FROM cases k JOIN persons p ON p.id = k.person_id"
			       " WHERE p.family_name = ?1",
			       "Иванова");
	int64_t before = q("SELECT COUNT(*) FROM referrals", NULL);
	int64_t audit0 = q("SELECT COUNT(*) FROM audit", NULL);
	char body[512];
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", "{}")),
			    "case_id");
	static const struct {
		const char *extra, *field;
	} bad[] = {
		{ "\"service_kind\": \"magic\"", "service_kind" },
		{ "\"service_kind\": \"care\", \"expires_on\": \"2001-01-01\"", "expires_on" },
		{ "\"service_kind\": \"care\", \"expires_on\": \"tomorrow\"", "expires_on" },
		{ "\"service_kind\": 7", "service_kind" },
		{ "\"service_kind\": \"care\", \"colour\": \"red\"", "colour" },
		{ "\"service_kind\": \"care\", \"share_contact\": \"yes\"", "share_contact" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(body, sizeof(body), "{\"case_id\": %lld, \"organisation_id\": %lld, %s}",
			 (long long)case1, (long long)ngo_partner, bad[i].extra);
		const char *f = error_field(http_post_json(worker, "/api/v1/referrals", body));
		if (strcmp(f, bad[i].field) != 0)
			fail_msg("case %zu: error on %s, want %s", i, f, bad[i].field);
	}
	/* Its own organisation, no such organisation, a case of another organisation. */
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\"}",
		 (long long)case1, (long long)own_partner);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", body)),
			    "organisation_id");
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": 999999, \"service_kind\": \"care\"}",
		 (long long)case1);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", body)),
			    "organisation_id");
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\"}",
		 (long long)other_case, (long long)ngo_partner);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", body)),
			    "case_id");
	/* Not on the case's team; an analyst. */
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\"}",
		 (long long)case1, (long long)ngo_partner);
	EXPECT_STATUS(http_post_json(lawyer, "/api/v1/referrals", body), 403);
	EXPECT_STATUS(http_post_json(analyst, "/api/v1/referrals", body), 403);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/referrals", "[1, 2"), 400);

	/* Answers: the demo's referral of that case, sent to organisation 2. */
	int64_t ref = q("SELECT MIN(id) FROM referrals WHERE case_id = ?1", i64s(case1));
	assert_string_equal(error_field(patch(ngo, "/api/v1/referrals/%lld", ref,
					      "{\"status\": \"declined\", \"version\": 1}")),
			    "reason");
	assert_string_equal(error_field(patch(ngo, "/api/v1/referrals/%lld", ref,
					      "{\"status\": \"completed\", \"version\": 1,"
					      " \"outcome\": \"x\"}")),
			    "status");
	assert_string_equal(error_field(patch(ngo, "/api/v1/referrals/%lld", ref,
					      "{\"status\": \"accepted\", \"version\": 1,"
					      " \"on\": \"2099-01-01\"}")),
			    "on");
	assert_string_equal(
	    error_field(patch(ngo, "/api/v1/referrals/%lld", ref, "{\"status\": \"accepted\"}")),
	    "version");
	assert_string_equal(error_field(patch(ngo, "/api/v1/referrals/%lld", ref,
					      "{\"status\": \"accepted\", \"version\": 1,"
					      " \"outcome\": \"x\"}")),
			    "outcome");
	assert_string_equal(error_field(patch(ngo, "/api/v1/referrals/%lld", ref,
					      "{\"status\": \"accepted\", \"version\": 1,"
					      " \"reason\": \"x\"}")),
			    "reason");
	json_t *stale = json_of(
	    patch(ngo, "/api/v1/referrals/%lld", ref, "{\"status\": \"accepted\", \"version\": 7}"),
	    409);
	assert_string_equal(json_str_of(json_object_get(stale, "error"), "field"), "version");
	json_decref(stale);
	/* The sending side does not answer for a partner that works in this Komek. */
	EXPECT_STATUS(patch(worker, "/api/v1/referrals/%lld", ref,
			    "{\"status\": \"accepted\", \"version\": 1}"),
		      403);
	EXPECT_STATUS(
	    patch(sup, "/api/v1/referrals/%lld", ref, "{\"status\": \"accepted\", \"version\": 1}"),
	    403);
	EXPECT_STATUS(patch(analyst, "/api/v1/referrals/%lld", ref,
			    "{\"status\": \"accepted\", \"version\": 1}"),
		      404);
	assert_int_equal(q("SELECT COUNT(*) FROM referrals", NULL), before);
	assert_int_equal(q("SELECT version FROM referrals WHERE id = ?1", i64s(ref)), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit", NULL), audit0);
	/* Bad list filters. */
	assert_string_equal(error_field(http_get(ngo, "/api/v1/referrals?direction=up")),
			    "direction");
	assert_string_equal(error_field(http_get(ngo, "/api/v1/referrals?status=lost")), "status");
	EXPECT_STATUS(http_get(analyst, "/api/v1/referrals"), 403);
}

/* A restricted person's referral: seen by the sender's workers who see the person, and in
 * the receiving organisation only by its supervisors; every view audited on disk. */
static void test_a_restricted_persons_referral(void **state)
{
	(void)state;
	int64_t person = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	int64_t ref = q("SELECT MIN(id) FROM referrals WHERE person_id = ?1", i64s(person));
	assert_int_equal(q("SELECT restricted FROM referrals WHERE id = ?1", i64s(ref)), 1);
	EXPECT_STATUS(http_get(ngo, "/api/v1/referrals/%lld", (long long)ref), 404);
	EXPECT_STATUS(http_get(nweb, "/referrals/%lld", (long long)ref), 404);
	json_t *j = json_of(http_get(ngo, "/api/v1/referrals?limit=200"), 200);
	assert_false(listed(j, ref));
	json_decref(j);
	EXPECT_STATUS(
	    patch(ngo, "/api/v1/referrals/%lld", ref, "{\"status\": \"accepted\", \"version\": 1}"),
	    404);
	EXPECT_STATUS(http_get(psy, "/api/v1/referrals/%lld", (long long)ref), 404);
	int64_t seen = views_of("worker", person, 0);
	EXPECT_STATUS(http_get(worker, "/api/v1/referrals/%lld", (long long)ref), 200);
	/* Durable before the answer: no waiting needed. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM viewlog.audit a JOIN users u ON u.id ="
				" a.user_id WHERE a.action = 'referral.view' AND u.login = 'worker'"
				" AND a.entity_id = ?1",
				i64s(person), (const char *)NULL),
			 seen + 1);
	/* It shows in the person's disclosure log. */
	struct resp *r = http_get(sweb, "/persons/%lld/disclosures", (long long)person);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "referral.view") || resp_has(r, "person.disclose"));
}

/* A partner outside this Komek answers by phone or letter: the case's team records it. */
static void test_an_outside_partner_is_answered_by_the_team(void **state)
{
	(void)state;
	int64_t person = q("SELECT id FROM persons WHERE family_name = ?1", "Иванова");
	int64_t ref = q("SELECT MIN(id) FROM referrals WHERE person_id = ?1", i64s(person));
	assert_int_equal(
	    q("SELECT COUNT(*) FROM referrals WHERE id = ?1 AND to_org_id IS NULL", i64s(ref)), 1);
	EXPECT_STATUS(http_get(worker, "/api/v1/referrals/%lld", (long long)ref), 404);
	char path[64];
	snprintf(path, sizeof(path), "/referrals/%lld", (long long)ref);
	/* Declined without a reason: the page again, with the error. */
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", nweb->csrf);
	sb_form(&b, "version", "1");
	sb_form(&b, "status", "declined");
	struct resp *r = http_post_form(nweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "class=\"error\""));
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", nweb->csrf);
	sb_form(&b, "version", "1");
	sb_form(&b, "status", "accepted");
	r = http_post_form(nweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", nweb->csrf);
	sb_form(&b, "version", "2");
	sb_form(&b, "status", "completed");
	sb_form(&b, "outcome", "Stayed <two> weeks");
	r = http_post_form(nweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_int_equal(q("SELECT COUNT(*) FROM referrals WHERE id = ?1 AND status = 'completed'"
			   " AND handler_id IS NULL AND completed_on IS NOT NULL",
			   i64s(ref)),
			 1);
	r = http_get(nweb, "/referrals/%lld", (long long)ref);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Stayed &lt;two&gt; weeks"));
	/* A stale form: 409, shown as it is now. */
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", nweb->csrf);
	sb_form(&b, "version", "1");
	sb_form(&b, "status", "accepted");
	r = http_post_form(nweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 409);
}

/* The case page's form: a refusal keeps the input; a referral sent shows on the case and
 * among the organisation's sent ones. */
static void test_the_web_forms(void **state)
{
	(void)state;
	int64_t case1 = q("SELECT MIN(k.id) FROM cases k JOIN persons p ON p.id = k.person_id"
			  " WHERE p.family_name = ?1",
			  "Тұрсынбаев");
	char path[64], id[32];
	snprintf(path, sizeof(path), "/cases/%lld/referrals", (long long)case1);
	struct resp *r = http_get(wweb, "/cases/%lld", (long long)case1);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, path));
	int64_t before = q("SELECT COUNT(*) FROM referrals", NULL);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	snprintf(id, sizeof(id), "%lld", (long long)own_partner);
	sb_form(&b, "partner_id", id);
	sb_form(&b, "service_kind", "social_legal");
	sb_form(&b, "message", "Keep <this> text");
	r = http_post_form(wweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Keep &lt;this&gt; text"));
	assert_true(resp_has(r, "id=\"e-r-partner_id\""));
	assert_int_equal(q("SELECT COUNT(*) FROM referrals", NULL), before);
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	snprintf(id, sizeof(id), "%lld", (long long)outside_partner);
	sb_form(&b, "partner_id", id);
	sb_form(&b, "service_kind", "social_household");
	sb_form(&b, "message", "A bed for a week");
	r = http_post_form(wweb, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	int64_t ref = q("SELECT MAX(id) FROM referrals", NULL);
	assert_int_equal(q("SELECT case_id FROM referrals WHERE id = ?1", i64s(ref)), case1);
	char link[64];
	snprintf(link, sizeof(link), "href=\"/referrals/%lld\"", (long long)ref);
	r = http_get(wweb, "/cases/%lld", (long long)case1);
	assert_true(resp_has(r, link));
	r = http_get(wweb, "/referrals?box=sent");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, link));
	/* Received by us: none of ours. */
	r = http_get(wweb, "/referrals");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, link));
	/* A lawyer of the organisation sees the case but not the form. */
	struct client *lweb = client_new(&srv);
	assert_int_equal(web_login(lweb, "lawyer", DEMO_PASSWORD), 303);
	r = http_get(lweb, "/cases/%lld", (long long)case1);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, path));
}

static void test_the_directory(void **state)
{
	(void)state;
	/* Who does what where: an entry without regions works everywhere. */
	json_t *j = json_of(http_get(worker, "/api/v1/organisations?region=KZ-55"), 200);
	size_t i;
	json_t *it;
	bool pavlodar = false, almaty = false, everywhere = false;
	json_array_foreach (json_object_get(j, "items"), i, it) {
		const char *name = json_str_of(it, "name");
		pavlodar |= strstr(name, "Pavlodar") != NULL;
		almaty |= strstr(name, "көші-қон") != NULL;
		everywhere |= strstr(name, "Қамқор") != NULL;
	}
	json_decref(j);
	assert_true(pavlodar && everywhere && !almaty);
	j = json_of(http_get(worker, "/api/v1/organisations?service_kind=social_economic"), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	assert_string_equal(error_field(http_get(worker, "/api/v1/organisations?region=KZ-XX")),
			    "region");
	/* A name found in any case and any script: "алматы", "ALMATY" and "Almaty" alike. */
	static const char *const spellings[] = { "%D0%B0%D0%BB%D0%BC%D0%B0%D1%82%D1%8B", "ALMATY",
						 "almaty" };
	for (size_t s = 0; s < sizeof(spellings) / sizeof(spellings[0]); s++) {
		j = json_of(http_get(worker, "/api/v1/organisations?q=%s", spellings[s]), 200);
		if (json_array_size(json_object_get(j, "items")) != 3)
			fail_msg("q=%s: %zu entries, want the 3 of Almaty", spellings[s],
				 json_array_size(json_object_get(j, "items")));
		json_decref(j);
	}
	/* Administrators keep it. */
	const char *entry = "{\"name\": \"Ұйғыр мәдени орталығы\", \"kind\": \"diaspora\","
			    " \"services\": [\"social_cultural\"], \"regions\": [\"KZ-71\"],"
			    " \"email\": \"not an address\"}";
	EXPECT_STATUS(http_post_json(worker, "/api/v1/organisations", entry), 403);
	assert_string_equal(error_field(http_post_json(admin, "/api/v1/organisations", entry)),
			    "email");
	j = json_of(http_post_json(admin, "/api/v1/organisations",
				   "{\"name\": \"Ұйғыр мәдени орталығы\", \"kind\": \"diaspora\","
				   " \"services\": [\"social_cultural\", \"social_cultural\"],"
				   " \"regions\": [\"KZ-71\"], \"email\": \"info@uighur.kz\"}"),
		    201);
	int64_t id = json_int_of(j, "id", 0);
	assert_int_equal(json_array_size(json_object_get(j, "services")), 1);
	assert_true(json_is_null(json_object_get(j, "komek_organisation")));
	json_decref(j);
	assert_string_equal(error_field(patch(admin, "/api/v1/organisations/%lld", id,
					      "{\"services\": [\"magic\"], \"version\": 1}")),
			    "services");
	/* Which organisation an entry is, is not an administrator's to say: the operator links
	 * it (komek org link), since referrals to it reach that organisation's workers. */
	assert_string_equal(error_field(patch(admin, "/api/v1/organisations/%lld", id,
					      "{\"own_organisation\": true, \"version\": 1}")),
			    "own_organisation");
	char out[512];
	assert_int_equal(
	    komek_run(srv.db, out, sizeof(out), "org", "add", "Ұйғыр орталығы", (const char *)NULL),
	    0);
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "org", "link", "Ұйғыр орталығы",
				   i64s(id), (const char *)NULL),
			 0);
	j = json_of(http_get(worker, "/api/v1/organisations/%lld", (long long)id), 200);
	assert_string_equal(json_str_of(json_object_get(j, "komek_organisation"), "name"),
			    "Ұйғыр орталығы");
	json_decref(j);
	/* An entry is one organisation's at most; a missing entry or organisation is refused. */
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "org", "link", "Ұйғыр орталығы",
				   i64s(ngo_partner), (const char *)NULL),
			 1);
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "org", "link", "No such org", i64s(id),
				   (const char *)NULL),
			 1);
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "org", "link", "Ұйғыр орталығы",
				   "999999", (const char *)NULL),
			 1);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM partners WHERE id = ?1 AND org_id IS NOT NULL", i64s(id)), 1);
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "org", "link", "Ұйғыр орталығы",
				   "--none", (const char *)NULL),
			 0);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM partners WHERE id = ?1 AND org_id IS NULL", i64s(id)), 1);
	int64_t v = q("SELECT version FROM partners WHERE id = ?1", i64s(id));
	j = json_of(
	    patch(admin, "/api/v1/organisations/%lld", id, "{\"active\": false, \"version\": 99}"),
	    409);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "field"), "version");
	json_decref(j);
	char body0[96];
	snprintf(body0, sizeof(body0), "{\"active\": false, \"version\": %lld}", (long long)v);
	j = json_of(patch(admin, "/api/v1/organisations/%lld", id, body0), 200);
	assert_int_equal(json_int_of(j, "version", 0), v + 1);
	json_decref(j);
	/* Inactive: gone for the workers, and refused as a referral's destination. */
	EXPECT_STATUS(http_get(worker, "/api/v1/organisations/%lld", (long long)id), 404);
	j = json_of(http_get(admin, "/api/v1/organisations?include_inactive=1&limit=200"), 200);
	assert_true(listed(j, id));
	json_decref(j);
	int64_t case1 = q("SELECT MIN(k.id) FROM cases k JOIN persons p ON p.id = k.person_id"
			  " WHERE p.family_name = ?1",
			  "Тұрсынбаев");
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\": \"care\"}",
		 (long long)case1, (long long)id);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/referrals", body)),
			    "organisation_id");
	/* Another organisation's own entry is theirs to edit. */
	EXPECT_STATUS(patch(admin, "/api/v1/organisations/%lld", ngo_partner,
			    "{\"name\": \"Taken over\", \"version\": 1}"),
		      403);
	/* The web form keeps the input of a refused entry. */
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", aweb->csrf);
	sb_form(&b, "name", "Мүгедектер қоғамы <Pavlodar>");
	sb_form(&b, "kind", "ngo");
	sb_form(&b, "website", "javascript:alert(1)");
	sb_form(&b, "regions", "KZ-55");
	struct resp *r = http_post_form(aweb, "/partners", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Мүгедектер қоғамы &lt;Pavlodar&gt;"));
	assert_true(resp_has(r, "id=\"e-website\""));
	r = http_get(wweb, "/partners?region=KZ-55&service_kind=social_legal");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Pavlodar NGO"));
	assert_false(resp_has(r, "көші-қон"));
	r = http_get(wweb, "/partners/%lld", (long long)ngo_partner);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "<form method=\"post\" action=\"/partners/"));
}

/* Erasing a person removes what their referrals shared, on both sides. */
static void test_erasure_reaches_the_referrals(void **state)
{
	(void)state;
	int64_t person = q("SELECT id FROM persons WHERE family_name = ?1", "Жақсылықов");
	char body[256];
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"Erase\"}",
		 (long long)person);
	json_t *j = json_of(http_post_json(worker, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	consent(person);
	int64_t ref = send_referral(worker, id, ngo_partner, "\"message\": \"To be erased\"");
	EXPECT_STATUS(http_get(ngo, "/api/v1/referrals/%lld", (long long)ref), 200);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sweb->csrf);
	sb_form(&b, "reason", "person_request");
	sb_form(&b, "confirm", "1");
	char erase[64];
	snprintf(erase, sizeof(erase), "/persons/%lld/erase", (long long)person);
	EXPECT_STATUS(http_post_form(sweb, erase, sb_str(&b)), 303);
	sb_free(&b);
	EXPECT_STATUS(http_get(ngo, "/api/v1/referrals/%lld", (long long)ref), 404);
	EXPECT_STATUS(http_get(worker, "/api/v1/referrals/%lld", (long long)ref), 404);
	assert_int_equal(q("SELECT COUNT(*) FROM referrals WHERE id = ?1 AND family_name = ''"
			   " AND message IS NULL AND phone IS NULL",
			   i64s(ref)),
			 1);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_whole_path),
		cmocka_unit_test(test_refusals_write_nothing),
		cmocka_unit_test(test_a_restricted_persons_referral),
		cmocka_unit_test(test_an_outside_partner_is_answered_by_the_team),
		cmocka_unit_test(test_the_web_forms),
		cmocka_unit_test(test_the_directory),
		cmocka_unit_test(test_erasure_reaches_the_referrals),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
