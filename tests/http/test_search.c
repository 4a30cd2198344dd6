/* test_search.c: finding people across scripts over HTTP (issue 6): ranked results with
 * their reasons, the birth date and the document in the score, Chinese names with any
 * middle dot or none, keys that follow a rename and an erasure, the access rule on every
 * result, the web list, and the keys made again at start. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *worker, *lawyer, *ngo, *wweb;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		return -1;
	struct client **api[] = { &worker, &lawyer, &ngo };
	const char *logins[] = { "worker", "lawyer", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			return -1;
	}
	wweb = client_new(&srv);
	return web_login(wweb, "worker", DEMO_PASSWORD) == 303 ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(worker);
	client_free(lawyer);
	client_free(ngo);
	client_free(wweb);
	bool clean = !server_log_has_sanitizer_report(&srv);
	server_free(&srv);
	return clean ? 0 : -1;
}

/* Registers a person through the API as a new person even when others are alike (the
 * searches below need namesakes); returns the id. */
static int64_t add(struct client *c, const char *json)
{
	struct sbuf b = { 0 };
	sb_addf(&b, "{\"confirm_new\":true,%s", json + 1);
	struct resp *r = http_post_json(c, "/api/v1/persons", sb_str(&b));
	sb_free(&b);
	json_t *j = json_of(r, 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static json_t *search(struct client *c, const char *query)
{
	struct sbuf b = { 0 };
	sb_form(&b, "q", query);
	struct resp *r = http_get(c, "/api/v1/persons?limit=50&%s", sb_str(&b));
	sb_free(&b);
	return json_of(r, 200);
}

/* The position of a person among the items (0 first), or -1. */
static int rank_of(json_t *j, int64_t id)
{
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (json_int_of(it, "id", 0) == id)
			return (int)i;
	return -1;
}

static json_t *item_of(json_t *j, int64_t id)
{
	int i = rank_of(j, id);
	return i < 0 ? NULL : json_array_get(json_object_get(j, "items"), (size_t)i);
}

static bool has_reason(json_t *item, const char *code)
{
	size_t i;
	json_t *v;
	json_array_foreach (json_object_get(item, "reasons"), i, v)
		if (strcmp(json_string_value(v), code) == 0)
			return true;
	return false;
}

static void expect_finds(struct client *c, const char *query, int64_t id)
{
	json_t *j = search(c, query);
	if (rank_of(j, id) < 0)
		fail_msg("q=%s does not find person %lld", query, (long long)id);
	json_decref(j);
}

static void expect_misses(struct client *c, const char *query, int64_t id)
{
	json_t *j = search(c, query);
	if (rank_of(j, id) >= 0)
		fail_msg("q=%s finds person %lld", query, (long long)id);
	json_decref(j);
}

static void test_ranked_by_name_birth_date_and_document(void **state)
{
	(void)state;
	int64_t exact = add(worker, "{\"family_name\":\"Әбішев\",\"given_name\":\"Нұрсұлтан\","
				    "\"sex\":\"male\",\"birth_date\":\"1990-05-12\"}");
	int64_t swapped = add(worker, "{\"family_name\":\"Abishev\",\"given_name\":\"Nursoltan\","
				      "\"sex\":\"male\",\"birth_date\":\"1990-12-05\"}");
	int64_t other = add(worker, "{\"family_name\":\"Abishev\",\"given_name\":\"Nurlan\","
				    "\"sex\":\"male\",\"birth_date\":\"1971-03-03\"}");
	int64_t doc = add(worker, "{\"family_name\":\"Qasymov\",\"given_name\":\"Timur\","
				  "\"sex\":\"male\",\"documents\":[{\"type\":\"passport\","
				  "\"number\":\"N 77001122\"}]}");

	json_t *j = search(worker, "Нұрсұлтан Әбішев 12.05.1990");
	assert_int_equal(rank_of(j, exact), 0);
	assert_int_equal(rank_of(j, swapped), 1);
	json_t *first = item_of(j, exact), *second = item_of(j, swapped);
	assert_int_equal(json_int_of(first, "score", 0), 100);
	assert_true(has_reason(first, "same_name"));
	assert_true(has_reason(first, "same_birth_date"));
	assert_true(has_reason(second, "birth_day_month_swapped"));
	assert_true(json_int_of(second, "score", 0) < 100);
	/* Scores never rise down the list. */
	size_t i;
	json_t *it;
	int64_t prev = 101;
	json_array_foreach (json_object_get(j, "items"), i, it) {
		assert_true(json_int_of(it, "score", -1) <= prev);
		prev = json_int_of(it, "score", -1);
	}
	int r_other = rank_of(j, other);
	assert_true(r_other < 0 || r_other > 1);
	json_decref(j);

	/* The examples, both ways round. */
	expect_finds(worker, "Нұрсұлтан", swapped);
	expect_finds(worker, "Nursultan", exact);
	expect_finds(worker, "nursoltan abishev", exact);
	/* A name being typed. */
	expect_finds(worker, "Нұрсұл", exact);
	/* The document, as typed in any case and spacing, scores it first. */
	j = search(worker, "n77001122");
	assert_int_equal(rank_of(j, doc), 0);
	assert_true(has_reason(item_of(j, doc), "same_document"));
	json_decref(j);
	/* A birth date alone. */
	j = search(worker, "12.05.1990");
	assert_true(rank_of(j, exact) >= 0);
	assert_true(has_reason(item_of(j, exact), "same_birth_date"));
	assert_true(rank_of(j, swapped) < 0);
	json_decref(j);
	/* No list without a query has scores. */
	struct resp *r = http_get(worker, "/api/v1/persons?limit=5");
	j = json_of(r, 200);
	assert_null(json_object_get(json_array_get(json_object_get(j, "items"), 0), "score"));
	json_decref(j);
}

static void test_zhanar_and_janar(void **state)
{
	(void)state;
	int64_t zh = add(worker, "{\"family_name\":\"Seitova\",\"given_name\":\"Zhanar\","
				 "\"sex\":\"female\"}");
	int64_t j1 = add(worker, "{\"family_name\":\"Seitova\",\"given_name\":\"Janar\","
				 "\"sex\":\"female\"}");
	int64_t cy = add(worker, "{\"family_name\":\"Сейтова\",\"given_name\":\"Жанар\","
				 "\"sex\":\"female\"}");
	expect_finds(worker, "Жанар Сейтова", zh);
	expect_finds(worker, "Жанар Сейтова", j1);
	expect_finds(worker, "Zhanar Seitova", cy);
	expect_finds(worker, "Jañar Seıtova", cy); /* the 2021 Latin alphabet */
}

static void test_chinese_names_with_any_dot(void **state)
{
	(void)state;
	int64_t id = add(worker, "{\"family_name\":\"Maimaiti\",\"given_name\":\"Ayiguli\","
				 "\"name_original\":\"阿依古丽·买买提\",\"sex\":\"female\"}");
	static const char *const forms[] = { "阿依古丽·买买提",  "阿依古丽•买买提",
					     "阿依古丽・买买提", "阿依古丽买买提",
					     "阿依古丽 买买提",  "Ayiguli Maimaiti" };
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		expect_finds(worker, forms[i], id);
	int64_t wang = add(worker, "{\"family_name\":\"王\",\"given_name\":\"伟\","
				   "\"sex\":\"male\"}");
	expect_finds(worker, "Wang Wei", wang);
	expect_finds(worker, "王伟", wang);
}

static void test_keys_follow_a_rename_and_an_erasure(void **state)
{
	(void)state;
	int64_t id = add(worker, "{\"family_name\":\"Тоқтаров\",\"given_name\":\"Дәурен\","
				 "\"sex\":\"male\"}");
	expect_finds(worker, "Dauren Toktarov", id);
	struct resp *r = http_get(worker, "/api/v1/persons/%lld", (long long)id);
	json_t *p = json_of(r, 200);
	int64_t version = json_int_of(p, "version", 0);
	json_decref(p);
	char body[256];
	snprintf(body, sizeof(body), "{\"version\":%lld,\"family_name\":\"Жұмабаев\"}",
		 (long long)version);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)id);
	r = http_patch_json(worker, path, body);
	EXPECT_STATUS(r, 200);
	expect_misses(worker, "Toktarov", id);
	expect_finds(worker, "Zhumabaev Dauren", id);
	/* The keys in the table are those of the new name only. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM person_keys WHERE person_id = ?1"
				" AND key = ?2",
				i64s(id), "tuktaruv", (const char *)NULL),
			 0);

	/* An erased person is found by nobody, and has no keys left. */
	struct client *sup = client_new(&srv);
	assert_int_equal(web_login(sup, "supervisor", DEMO_PASSWORD), 303);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sup->csrf);
	sb_form(&b, "reason", "person_request");
	sb_form(&b, "confirm", "1");
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)id);
	r = http_post_form(sup, path, sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	client_free(sup);
	expect_misses(worker, "Zhumabaev Dauren", id);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM person_keys WHERE person_id = ?1",
				i64s(id), (const char *)NULL),
			 0);
}

static void test_results_obey_the_access_rule(void **state)
{
	(void)state;
	/* Another organisation's person with the same name. */
	int64_t foreign = add(ngo, "{\"family_name\":\"Оспанова\",\"given_name\":\"Мөлдір\","
				   "\"sex\":\"female\"}");
	int64_t own = add(worker, "{\"family_name\":\"Оспанова\",\"given_name\":\"Мөлдір\","
				  "\"sex\":\"female\"}");
	/* A victim of trafficking registered by the worker: restricted, the worker assigned. */
	int64_t hidden = add(worker, "{\"family_name\":\"Оспанова\",\"given_name\":\"Мөлдір\","
				     "\"sex\":\"female\",\"categories\":[\"trafficking_victim\"],"
				     "\"protection_reason\":\"test\"}");
	expect_finds(worker, "Moldir Ospanova", own);
	expect_finds(worker, "Moldir Ospanova", hidden);
	expect_misses(worker, "Moldir Ospanova", foreign);
	expect_finds(ngo, "Moldir Ospanova", foreign);
	expect_misses(ngo, "Moldir Ospanova", own);
	/* The lawyer of the same organisation is not assigned: the restricted one is not there,
	 * by name or by any other word of the query, and not counted. */
	json_t *j = search(lawyer, "Moldir Ospanova");
	assert_true(rank_of(j, own) >= 0);
	assert_int_equal(rank_of(j, hidden), -1);
	int64_t total = json_int_of(j, "total", -1);
	json_decref(j);
	j = search(worker, "Moldir Ospanova");
	assert_int_equal(json_int_of(j, "total", -1), total + 1);
	json_decref(j);
}

static void test_web_list_shows_the_reasons(void **state)
{
	(void)state;
	add(worker, "{\"family_name\":\"Kenzhebaev\",\"given_name\":\"Arman\",\"sex\":\"male\","
		    "\"birth_date\":\"1988-02-03\"}");
	struct resp *r = http_get(wweb, "/persons?q=%s",
				  "%D0%90%D1%80%D0%BC%D0%B0%D0%BD+"
				  "%D0%9A%D0%B5%D0%BD%D0%B6%D0%B5%D0%B1%D0%B0"
				  "%D0%B5%D0%B2+03.02.1988");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Kenzhebaev"));
	/* The worker reads Kazakh: "same name, same birth date". */
	assert_true(resp_has(r, "аты-жөні бірдей, туған күні бірдей"));
	assert_true(resp_has(r, "100%"));
}

/* Registering someone who is likely registered already shows the matches and saves nothing;
 * the worker's "a new person" is recorded, and nothing is shown that the worker may not see. */
static void test_registration_shows_likely_matches(void **state)
{
	(void)state;
	int64_t first =
	    add(worker, "{\"family_name\":\"Дүйсенов\",\"given_name\":\"Айдос\","
			"\"sex\":\"male\",\"birth_date\":\"1985-07-07\","
			"\"documents\":[{\"type\":\"passport\",\"number\":\"N55500011\"}]}");
	int64_t before = db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	/* The same person in Latin letters: 409 with the match and why. */
	struct resp *r = http_post_json(worker, "/api/v1/persons",
					"{\"family_name\":\"Duisenov\",\"given_name\":\"Aidos\","
					"\"sex\":\"male\",\"birth_date\":\"1985-07-07\"}");
	json_t *j = json_of(r, 409);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "code"),
			    "possible_duplicates");
	assert_string_equal(json_str_of(json_object_get(j, "error"), "field"), "confirm_new");
	json_t *m = json_array_get(json_object_get(j, "matches"), 0);
	assert_int_equal(json_int_of(m, "id", 0), first);
	assert_true(has_reason(m, "same_birth_date"));
	json_decref(j);
	/* Another name, the same document. */
	r = http_post_json(worker, "/api/v1/persons",
			   "{\"family_name\":\"Petrov\",\"given_name\":\"Ivan\",\"sex\":\"male\","
			   "\"documents\":[{\"type\":\"passport\",\"number\":\"n 555-000-11\"}]}");
	j = json_of(r, 409);
	assert_true(has_reason(json_array_get(json_object_get(j, "matches"), 0), "same_document"));
	json_decref(j);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL), before);
	/* Not a boolean. */
	r = http_post_json(
	    worker, "/api/v1/persons",
	    "{\"family_name\":\"Duisenov\",\"given_name\":\"Aidos\",\"sex\":\"male\","
	    "\"confirm_new\":\"yes\"}");
	assert_string_equal(error_field(r), "confirm_new");
	EXPECT_STATUS(r, 422);
	/* The same name born in another year is not likely the same person. */
	r = http_post_json(
	    worker, "/api/v1/persons",
	    "{\"family_name\":\"Duisenov\",\"given_name\":\"Aidos\",\"sex\":\"male\","
	    "\"birth_date\":\"1961-01-01\"}");
	EXPECT_STATUS(r, 201);
	/* The worker judged it a new person: registered, and the pair decided. */
	r = http_post_json(
	    worker, "/api/v1/persons",
	    "{\"family_name\":\"Duisenov\",\"given_name\":\"Aidos\",\"sex\":\"male\","
	    "\"birth_date\":\"1985-07-07\",\"confirm_new\":true}");
	j = json_of(r, 201);
	int64_t second = json_int_of(j, "id", 0);
	json_decref(j);
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM duplicate_pairs WHERE first_id = ?1 AND"
		   " second_id = ?2 AND status = 'distinct' AND decided_by IS NOT NULL",
		   i64s(first), i64s(second), (const char *)NULL),
	    1);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM audit WHERE action = 'person.create' AND"
				" entity_id = ?1 AND detail = 'api,confirmed_new'",
				i64s(second), (const char *)NULL),
			 1);

	/* The web form: the matches, the input kept, then "none of them". */
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "family_name", "Дүйсенов");
	sb_form(&b, "given_name", "Айдос");
	sb_form(&b, "sex", "male");
	sb_form(&b, "birth_date", "1985-07-07");
	sb_form(&b, "locality", "Kept-locality-input");
	r = http_post_form(wweb, "/persons", sb_str(&b));
	EXPECT_STATUS(r, 409);
	char link[64];
	snprintf(link, sizeof(link), "href=\"/persons/%lld\"", (long long)first);
	assert_true(resp_has(r, link));
	assert_true(resp_has(r, "Kept-locality-input"));
	assert_true(resp_has(r, "name=\"confirm_new\""));
	sb_form(&b, "confirm_new", "1");
	r = http_post_form(wweb, "/persons", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);

	/* A restricted namesake the lawyer may not see is not shown to the lawyer, by name or
	 * by document. */
	int64_t hidden = add(worker, "{\"family_name\":\"Жақсылықова\",\"given_name\":\"Перизат\","
				     "\"sex\":\"female\",\"birth_date\":\"1999-09-09\","
				     "\"categories\":[\"trafficking_victim\"],\"documents\":"
				     "[{\"type\":\"passport\",\"number\":\"N90909090\"}]}");
	r = http_post_json(lawyer, "/api/v1/persons",
			   "{\"family_name\":\"Zhaksylykova\",\"given_name\":\"Perizat\","
			   "\"sex\":\"female\",\"birth_date\":\"1999-09-09\",\"documents\":"
			   "[{\"type\":\"passport\",\"number\":\"N90909090\"}]}");
	EXPECT_STATUS(r, 201);
	assert_false(resp_has(r, i64s(hidden)) && resp_has(r, "matches"));
	/* The worker who is assigned sees it. */
	r = http_post_json(worker, "/api/v1/persons",
			   "{\"family_name\":\"Zhaksylykova\",\"given_name\":\"Perizat\","
			   "\"sex\":\"female\",\"birth_date\":\"1999-09-09\"}");
	EXPECT_STATUS(r, 409);
}

/* Keys made by another version of the matcher (or lost) are made again at start. */
static void test_keys_made_again_at_start(void **state)
{
	(void)state;
	if (pg_skips(&srv, "the test edits the SQLite file while the server is stopped"))
		return;
	int64_t id = add(worker, "{\"family_name\":\"Ыбырайымов\",\"given_name\":\"Олжас\","
				 "\"sex\":\"male\"}");
	int64_t keys = db_int(&srv, "SELECT COUNT(*) FROM person_keys", (const char *)NULL);
	assert_true(keys > 0);
	assert_true(server_stop_graceful(&srv));
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open(srv.db, &h), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(h,
			 "DELETE FROM person_keys; UPDATE persons SET match_key = NULL;"
			 " UPDATE store_meta SET value = 'old' WHERE name = 'match_keys'",
			 NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);
	assert_int_equal(server_start(&srv), 0);
	assert_true(server_log_has(&srv, "making the name keys"));
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM person_keys", (const char *)NULL),
			 keys);
	/* The clients' sessions live in the database: they go on. */
	expect_finds(worker, "Ibyraiymov Olzhas", id);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ranked_by_name_birth_date_and_document),
		cmocka_unit_test(test_zhanar_and_janar),
		cmocka_unit_test(test_chinese_names_with_any_dot),
		cmocka_unit_test(test_keys_follow_a_rename_and_an_erasure),
		cmocka_unit_test(test_results_obey_the_access_rule),
		cmocka_unit_test(test_web_list_shows_the_reasons),
		cmocka_unit_test(test_registration_shows_likely_matches),
		cmocka_unit_test(test_keys_made_again_at_start),
	};
	return cmocka_run_group_tests_name("search", tests, group_setup, group_teardown);
}
