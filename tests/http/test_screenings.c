/* test_screenings.c: screenings over HTTP (issue 8, parts 3 and 4). Each instrument scored
 * through the API and stored as made; invalid answers refused with the field named and
 * nothing stored; the answers and the worker's reason sealed at rest; who may screen and
 * read; every reading an audited view; the forms in the language the screening is given in,
 * an unanswered item named with the rest kept; the result page's proposals (a psychologist,
 * the protection pathway) and the edit form they lead to; erasure. The scoring tables
 * themselves are in tests/unit/test_screening.c. */
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
static struct client *worker, *admin, *analyst, *lawyer, *ngo_sup, *supervisor, *wweb;
static int64_t person_id, karimova;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &admin, &analyst, &lawyer, &ngo_sup, &supervisor };
	const char *logins[] = { "worker", "admin",          "analyst",
				 "lawyer", "ngo-supervisor", "supervisor" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303)
		goto fail;
	json_t *j =
	    resp_json(http_post_json(worker, "/api/v1/persons",
				     "{\"family_name\":\"Скрининг\",\"given_name\":\"Тест\","
				     "\"sex\":\"female\",\"birth_date\":\"1990-03-03\","
				     "\"confirm_new\":true}"));
	person_id = json_int_of(j, "id", 0);
	json_decref(j);
	karimova = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	if (person_id <= 0 || karimova <= 0)
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

static struct resp *screen(struct client *c, int64_t person, const char *body)
{
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/screenings", (long long)person);
	return http_post_json(c, path, body);
}

static int64_t count_screenings(void)
{
	return q("SELECT COUNT(*) FROM screenings WHERE person_id = ?1", i64s(person_id));
}

static bool has_code(json_t *o, const char *key, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(o, key), i, x)
		if (strcmp(json_string_value(x), code) == 0)
			return true;
	return false;
}

/* Each instrument through the API: the result as the published rule gives it. */
static void test_scored_through_the_api(void **state)
{
	(void)state;
	static const struct {
		const char *body;
		int64_t total;
		const char *band;
		int positive; /* 1, 0, -1 null */
		const char *reason, *alert, *proposal;
	} cases[] = {
		{ "{\"instrument\":\"phq9\",\"answers\":[2,2,2,2,2,0,0,0,0]}", 10, "moderate", 1,
		  "total_10_or_more", NULL, "psychologist_referral" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0,0,0,0,0,0,1]}", 1, "minimal", 0,
		  NULL, "phq9_item9", "psychologist_referral" },
		{ "{\"instrument\":\"phq9\",\"answers\":[1,1,1,1,1,1,1,1,0]}", 8, "mild", 0, NULL,
		  NULL, NULL },
		{ "{\"instrument\":\"gad7\",\"answers\":[3,3,3,3,3,3,3]}", 21, "severe", 1,
		  "total_10_or_more", NULL, "psychologist_referral" },
		{ "{\"instrument\":\"gad7\",\"answers\":[1,1,1,1,1,1,3]}", 9, "mild", 0, NULL, NULL,
		  NULL },
		{ "{\"instrument\":\"rhs15\",\"answers\":[1,1,1,1,1,1,1,1,1,1,1,1,0,0,4]}", 12,
		  NULL, 1, "rhs15_sum", NULL, "psychologist_referral" },
		{ "{\"instrument\":\"rhs15\",\"answers\":[1,1,1,1,1,1,1,1,1,1,1,0,0,0,5]}", 11,
		  NULL, 1, "rhs15_thermometer", NULL, NULL },
		{ "{\"instrument\":\"rhs15\",\"answers\":[1,1,1,1,1,1,1,1,1,1,1,0,0,0,4]}", 11,
		  NULL, 0, NULL, NULL, NULL },
		{ "{\"instrument\":\"sdq\",\"informant\":\"parent\",\"norm\":\"uk\",\"answers\":"
		  "[2,2,2,2,2,2,0,2,2,2,0,2,2,0,2,2,2,2,2,2,0,2,2,2,0]}",
		  40, "abnormal", 1, "abnormal", NULL, "psychologist_referral" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int64_t before = count_screenings();
		json_t *j = json_of(screen(worker, person_id, cases[i].body), 201);
		assert_int_equal(count_screenings(), before + 1);
		assert_int_equal(json_int_of(j, "total", -1), cases[i].total);
		const char *band = json_str_of(j, "band");
		if (cases[i].band)
			assert_string_equal(band, cases[i].band);
		else
			assert_null(band);
		json_t *pos = json_object_get(j, "positive");
		assert_int_equal(json_is_true(pos) ? 1 : 0, cases[i].positive);
		if (cases[i].reason)
			assert_true(has_code(j, "reasons", cases[i].reason));
		if (cases[i].alert)
			assert_true(has_code(j, "alerts", cases[i].alert));
		else
			assert_int_equal(json_array_size(json_object_get(j, "alerts")), 0);
		if (cases[i].proposal)
			assert_true(has_code(j, "proposals", cases[i].proposal));
		/* The stored result is what was answered. */
		int64_t id = json_int_of(j, "id", 0);
		assert_int_equal(
		    q("SELECT COALESCE(total, -1) FROM screenings WHERE id = ?1", i64s(id)),
		    cases[i].total);
		json_decref(j);
	}
}

/* The ILO instruments: the indicators found, the worker's finding with its reason, and the
 * protection pathway it proposes; the ILO–EC rule's conclusion. */
static void test_protection_interviews(void **state)
{
	(void)state;
	json_t *j = json_of(screen(worker, person_id,
				   "{\"instrument\":\"ilo_forced_labour\",\"answers\":"
				   "[\"retention_of_identity_documents\",\"deception\","
				   "\"deception\"],\"finding\":\"likely\",\"finding_reason\":"
				   "\"Паспортын жұмыс беруші ұстап отыр\"}"),
			    201);
	json_t *answers = json_object_get(j, "answers");
	assert_int_equal(json_array_size(answers), 2);
	/* In the ILO's order, once each. */
	assert_string_equal(json_string_value(json_array_get(answers, 0)), "deception");
	assert_true(json_is_null(json_object_get(j, "positive")));
	assert_true(has_code(j, "proposals", "restrict_record"));
	assert_true(has_code(j, "proposals", "accommodation"));
	assert_true(has_code(j, "proposals", "referral"));
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	/* Sealed at rest: neither the indicators nor the reason are in the row. */
	char text[4096];
	assert_true(db_text(&srv, text, sizeof(text),
			    "SELECT detail || finding_reason FROM screenings WHERE id = ?1",
			    i64s(id), (const char *)NULL));
	assert_null(strstr(text, "deception"));
	assert_null(strstr(text, "Паспорт"));
	assert_true(strncmp(text, "k1.", 3) == 0);

	/* A finding is the worker's, with a reason: both required. */
	int64_t before = count_screenings();
	assert_string_equal(error_field(screen(worker, person_id,
					       "{\"instrument\":\"ilo_forced_labour\","
					       "\"answers\":[\"isolation\"]}")),
			    "finding");
	assert_string_equal(
	    error_field(screen(worker, person_id,
			       "{\"instrument\":\"ilo_forced_labour\","
			       "\"answers\":[\"isolation\"],\"finding\":\"likely\"}")),
	    "finding_reason");
	assert_string_equal(error_field(screen(worker, person_id,
					       "{\"instrument\":\"phq9\",\"answers\":"
					       "[0,0,0,0,0,0,0,0,0],\"finding\":\"likely\"}")),
			    "finding");
	assert_int_equal(count_screenings(), before);

	/* ILO–EC: no indicator, the definition is not met; "unlikely" proposes nothing. */
	j = json_of(screen(worker, person_id,
			   "{\"instrument\":\"ilo_ec_trafficking\",\"answers\":[],\"finding\":"
			   "\"unlikely\",\"finding_reason\":\"Nothing found\"}"),
		    201);
	assert_string_equal(json_str_of(j, "conclusion"), "not_met");
	assert_false(json_is_true(json_object_get(j, "positive")));
	assert_int_equal(json_array_size(json_object_get(j, "proposals")), 0);
	json_decref(j);

	/* The instruments are listed with their indicators for a client to ask them. */
	j = json_of(http_get(worker, "/api/v1/instruments?lang=ru"), 200);
	json_t *items = json_object_get(j, "items"), *ec = NULL;
	size_t i;
	json_t *x;
	json_array_foreach (items, i, x)
		if (strcmp(json_str_of(x, "code"), "ilo_ec_trafficking") == 0)
			ec = x;
	assert_non_null(ec);
	assert_int_equal(json_array_size(json_object_get(ec, "items")), 67);
	assert_int_equal(json_array_size(json_object_get(ec, "groups")), 6);
	json_decref(j);
	assert_string_equal(error_field(http_get(worker, "/api/v1/instruments?lang=xx")), "lang");
}

/* Invalid answers: 422 naming the field, nothing stored. */
static void test_invalid_answers(void **state)
{
	(void)state;
	static const struct {
		const char *body, *field;
	} cases[] = {
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0,0,0,0,0,0]}", "answers" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0,0,0,0,0,0,0,0]}", "answers" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0,0,4,0,0,0,0]}", "answers.5" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0,0,-1,0,0,0,0]}", "answers.5" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,\"x\",0,0,0,0,0,0]}", "answers.3" },
		{ "{\"instrument\":\"phq9\",\"answers\":[0,0,0.5,0,0,0,0,0,0]}", "answers.3" },
		{ "{\"instrument\":\"phq9\",\"answers\":\"0,0,0\"}", "answers" },
		{ "{\"instrument\":\"phq9\"}", "answers" },
		{ "{\"instrument\":\"rhs15\",\"answers\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,11]}",
		  "answers.15" },
		{ "{\"instrument\":\"rhs15\",\"answers\":[0,0,0,0,0,0,0,0,0,0,0,0,0,5,0]}",
		  "answers.14" },
		{ "{\"instrument\":\"sdq\",\"answers\":[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,"
		  "0,"
		  "0,0,0],\"informant\":\"parent\",\"norm\":\"xx\"}",
		  NULL },
		{ "{\"instrument\":\"ilo_forced_labour\",\"answers\":[\"nonsense\"],\"finding\":"
		  "\"likely\",\"finding_reason\":\"x\"}",
		  "answers" },
		{ "{\"instrument\":\"ilo_forced_labour\",\"answers\":[1],\"finding\":\"likely\","
		  "\"finding_reason\":\"x\"}",
		  "answers.1" },
		{ "{\"instrument\":\"ilo_forced_labour\",\"answers\":[],\"finding\":\"sure\","
		  "\"finding_reason\":\"x\"}",
		  "finding" },
		{ "{\"instrument\":\"mmpi\",\"answers\":[]}", "instrument" },
		{ "{\"answers\":[]}", "instrument" },
		{ "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0],\"lang\":\"de\"}", "lang" },
		{ "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0],\"screened_on\":"
		  "\"2999-01-01\"}",
		  "screened_on" },
		{ "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0],\"screened_on\":"
		  "\"1980-01-01\"}",
		  "screened_on" },
		{ "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0],\"extra\":1}", "extra" },
	};
	int64_t before = count_screenings();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *f = error_field(screen(worker, person_id, cases[i].body));
		if (cases[i].field)
			assert_string_equal(f, cases[i].field);
		else
			assert_true(strcmp(f, "informant") == 0 || strcmp(f, "norm") == 0);
	}
	assert_int_equal(count_screenings(), before);
	/* Not JSON at all. */
	EXPECT_STATUS(screen(worker, person_id, "[1,2"), 400);
	assert_int_equal(count_screenings(), before);
}

/* Who may screen and read: those who work with people, in their organisation, for people
 * they see; every reading is an audited view. */
static void test_access(void **state)
{
	(void)state;
	json_t *j = json_of(
	    screen(worker, person_id, "{\"instrument\":\"gad7\",\"answers\":[0,1,0,1,0,1,0]}"),
	    201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/screenings/%lld", (long long)person_id,
		 (long long)id);
	EXPECT_STATUS(http_get(worker, "%s", path), 200);
	EXPECT_STATUS(http_get(supervisor, "%s", path), 200);
	EXPECT_STATUS(http_get(lawyer, "%s", path), 200);
	EXPECT_STATUS(http_get(admin, "%s", path), 403);
	EXPECT_STATUS(http_get(analyst, "%s", path), 403);
	EXPECT_STATUS(http_get(ngo_sup, "%s", path), 404);
	EXPECT_STATUS(
	    screen(admin, person_id, "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0]}"), 403);
	EXPECT_STATUS(
	    screen(ngo_sup, person_id, "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0]}"),
	    404);
	/* Another person's screening through this person's path: not found. */
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/screenings/%lld", (long long)karimova,
		 (long long)id);
	EXPECT_STATUS(http_get(supervisor, "%s", path), 404);
	/* A restricted person the lawyer is not assigned to: not found, and not screened. */
	if (http_get(lawyer, "/api/v1/persons/%lld", (long long)karimova)->status == 404) {
		EXPECT_STATUS(
		    http_get(lawyer, "/api/v1/persons/%lld/screenings", (long long)karimova), 404);
		EXPECT_STATUS(screen(lawyer, karimova,
				     "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0]}"),
			      404);
	}
	j = json_of(http_get(worker, "/api/v1/persons/%lld/screenings", (long long)person_id), 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 1);
	json_decref(j);
	/* A restricted person's screenings read are a view on disk before the answer. */
	json_decref(json_of(
	    screen(supervisor, karimova, "{\"instrument\":\"gad7\",\"answers\":[0,0,0,0,0,0,0]}"),
	    201));
	json_decref(json_of(
	    http_get(supervisor, "/api/v1/persons/%lld/screenings", (long long)karimova), 200));
	assert_true(q("SELECT COUNT(*) FROM viewlog.audit WHERE action = 'screening.view' AND"
		      " entity_id = ?1",
		      i64s(karimova)) >= 2);
	/* The audit of a screening names the instrument, never an answer. */
	assert_true(q("SELECT COUNT(*) FROM audit WHERE action = 'screening.add' AND entity_id = ?1"
		      " AND detail = 'gad7'",
		      i64s(person_id)) >= 1);
}

/* The form: the items in the language the screening is given in; an item left unanswered
 * is named and the others kept; the result page with its alert and proposals. */
static void test_web_forms(void **state)
{
	(void)state;
	struct resp *r = http_get(wweb, "/persons/%lld/screenings/new", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "instrument=phq9"));
	r = http_get(wweb, "/persons/%lld/screenings/new?instrument=phq9&lang=ru",
		     (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "lang=\"ru\""));
	assert_true(resp_has(r, "name=\"item-9\""));
	r = http_get(wweb, "/persons/%lld/screenings/new?instrument=phq9&lang=en",
		     (long long)person_id);
	assert_true(resp_has(r, "Little interest or pleasure in doing things"));

	char path[96];
	snprintf(path, sizeof(path), "/persons/%lld/screenings", (long long)person_id);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "instrument", "phq9");
	sb_form(&b, "lang", "ru");
	sb_form(&b, "screened_on", "2026-01-15");
	for (int k = 1; k <= 8; k++) {
		char name[16];
		snprintf(name, sizeof(name), "item-%d", k);
		sb_form(&b, name, k == 3 ? "2" : "1");
	}
	int64_t before = count_screenings();
	r = http_post_form(wweb, path, sb_str(&b));
	EXPECT_STATUS(r, 422);
	assert_int_equal(count_screenings(), before);
	assert_true(resp_has(r, "id=\"item-9\""));
	assert_true(resp_has(r, "name=\"item-3\" value=\"2\" checked"));
	assert_true(resp_has(r, "value=\"2026-01-15\""));
	sb_form(&b, "item-9", "2");
	r = http_post_form(wweb, path, sb_str(&b));
	EXPECT_STATUS(r, 303);
	sb_free(&b);
	assert_int_equal(count_screenings(), before + 1);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	char result[128];
	snprintf(result, sizeof(result), "%s", loc);
	r = http_get(wweb, "%s", result);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "role=\"alert\""));
	assert_true(resp_has(r, "<dd>11</dd>"));
	assert_int_equal(q("SELECT COUNT(*) FROM screenings WHERE person_id = ?1 AND lang = 'ru'"
			   " AND screened_on = '2026-01-15' AND total = 11",
			   i64s(person_id)),
			 1);

	/* The protection interview: the finding proposes the pathway, and the first step is the
	 * edit form with the protection category ticked. */
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "instrument", "ilo_forced_labour");
	sb_form(&b, "lang", "kk");
	sb_form(&b, "indicator", "debt_bondage");
	sb_form(&b, "indicator", "isolation");
	sb_form(&b, "finding", "likely");
	r = http_post_form(wweb, path, sb_str(&b));
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"debt_bondage\" checked"));
	sb_form(&b, "finding_reason", "Қарызы үшін жұмыс істейді");
	r = http_post_form(wweb, path, sb_str(&b));
	EXPECT_STATUS(r, 303);
	sb_free(&b);
	snprintf(result, sizeof(result), "%s", resp_header(r, "Location"));
	r = http_get(wweb, "%s", result);
	EXPECT_STATUS(r, 200);
	char edit[96];
	snprintf(edit, sizeof(edit), "/persons/%lld/edit?category=forced_labour_victim",
		 (long long)person_id);
	assert_true(resp_has(r, edit));
	r = http_get(wweb, "%s", edit);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "value=\"forced_labour_victim\" checked"));
	/* Nothing changed until the worker saves the form. */
	assert_int_equal(q("SELECT restricted FROM persons WHERE id = ?1", i64s(person_id)), 0);

	/* The person's page lists the screenings; the history lists them all. */
	r = http_get(wweb, "/persons/%lld", (long long)person_id);
	assert_true(resp_has(r, "id=\"screenings-h\""));
	r = http_get(wweb, "/persons/%lld/screenings", (long long)person_id);
	EXPECT_STATUS(r, 200);
	/* An unknown instrument in a form is a bad request, not a crash. */
	b = (struct sbuf){ 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "instrument", "<script>");
	r = http_post_form(wweb, path, sb_str(&b));
	assert_true(r->status == 400 || r->status == 422);
	sb_free(&b);
}

/* An erasure empties the answers and the reasons; the figures stay. */
static void test_erasure(void **state)
{
	(void)state;
	json_t *j =
	    resp_json(http_post_json(worker, "/api/v1/persons",
				     "{\"family_name\":\"Өшірілетін\",\"given_name\":\"Адам\","
				     "\"sex\":\"male\",\"birth_date\":\"1985-01-01\","
				     "\"confirm_new\":true}"));
	int64_t p = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(p > 0);
	json_decref(json_of(
	    screen(worker, p, "{\"instrument\":\"phq9\",\"answers\":[3,3,3,3,3,3,3,3,3]}"), 201));
	struct client *sup = client_new(&srv);
	assert_int_equal(web_login(sup, "supervisor", DEMO_PASSWORD), 303);
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)p);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sup->csrf);
	sb_form(&b, "reason", "person_request");
	sb_form(&b, "confirm", "1");
	struct resp *r = http_post_form(sup, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	assert_int_equal(q("SELECT COUNT(*) FROM screenings WHERE person_id = ?1 AND detail IS NULL"
			   " AND total = 27",
			   i64s(p)),
			 1);
	client_free(sup);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scored_through_the_api),
		cmocka_unit_test(test_protection_interviews),
		cmocka_unit_test(test_invalid_answers),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_web_forms),
		cmocka_unit_test(test_erasure),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
