/* test_duplicates.c: the review queue over HTTP (issue 6): the scan finds a pair no
 * registration saw, a worker dismisses it; a link moves the second record's case, consent
 * and categories to the first, hides it from lists and searches and finds it through the
 * first, makes the first restricted when the second was; the unlink puts back exactly the
 * state before; a record others are linked to is not merged; the web pages do the same. */
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
static struct client *worker, *sup, *lawyer, *wweb;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		return -1;
	struct client **api[] = { &worker, &sup, &lawyer };
	const char *logins[] = { "worker", "supervisor", "lawyer" };
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
	client_free(sup);
	client_free(lawyer);
	client_free(wweb);
	bool clean = !server_log_has_sanitizer_report(&srv);
	bool ok = server_stop_graceful(&srv);
	server_free(&srv);
	return clean && ok ? 0 : -1;
}

static int64_t q(const char *sql, int64_t a)
{
	return db_int(&srv, sql, i64s(a), (const char *)NULL);
}

/* Registers a person as a new one all the same; returns the id. */
static int64_t add(const char *json)
{
	struct sbuf b = { 0 };
	sb_addf(&b, "{\"confirm_new\":true,%s", json + 1);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", sb_str(&b)), 201);
	sb_free(&b);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static int64_t open_case(int64_t person)
{
	char body[128];
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"help\"}",
		 (long long)person);
	json_t *j = json_of(http_post_json(worker, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	return id;
}

static int64_t pair_of(int64_t x, int64_t y)
{
	return db_int(&srv, "SELECT id FROM duplicate_pairs WHERE first_id = ?1 AND second_id = ?2",
		      i64s(x < y ? x : y), i64s(x < y ? y : x), (const char *)NULL);
}

static bool listed(struct client *c, const char *query, int64_t id)
{
	struct sbuf b = { 0 };
	sb_form(&b, "q", query);
	json_t *j = json_of(http_get(c, "/api/v1/persons?limit=100&%s", sb_str(&b)), 200);
	sb_free(&b);
	bool found = false;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		found = found || json_int_of(it, "id", 0) == id;
	json_decref(j);
	return found;
}

static void test_scan_finds_what_registration_did_not_and_a_worker_dismisses(void **state)
{
	(void)state;
	/* Registered without a birth date, so not likely the later one at registration. */
	int64_t e =
	    add("{\"family_name\":\"Серікбаев\",\"given_name\":\"Олжас\",\"sex\":\"male\"}");
	struct resp *r = http_post_json(worker, "/api/v1/persons",
					"{\"family_name\":\"Serikbayev\",\"given_name\":\"Olzhas\","
					"\"sex\":\"male\",\"birth_date\":\"1990-01-01\"}");
	json_t *j = json_of(r, 201);
	int64_t f = json_int_of(j, "id", 0);
	json_decref(j);
	assert_int_equal(pair_of(e, f), -1);
	/* The birth date learnt later. */
	j = json_of(http_get(worker, "/api/v1/persons/%lld", (long long)e), 200);
	char body[128];
	snprintf(body, sizeof(body), "{\"version\":%lld,\"birth_date\":\"1990-01-01\"}",
		 (long long)json_int_of(j, "version", 0));
	json_decref(j);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)e);
	EXPECT_STATUS(http_patch_json(worker, path, body), 200);

	/* Workers may not scan; a supervisor does. */
	EXPECT_STATUS(http_post_json(worker, "/api/v1/duplicates/scan", "{}"), 403);
	j = json_of(http_post_json(sup, "/api/v1/duplicates/scan", "{}"), 200);
	assert_true(json_int_of(j, "found", 0) >= 1);
	assert_true(json_int_of(j, "compared", 0) >= 1);
	json_decref(j);
	int64_t pair = pair_of(e, f);
	assert_true(pair > 0);
	assert_int_equal(q("SELECT COUNT(*) FROM duplicate_pairs WHERE id = ?1 AND status = 'open'"
			   " AND found_by = 'scan'",
			   pair),
			 1);
	/* Each record's page points to the open pair. */
	char href[64];
	snprintf(href, sizeof(href), "href=\"/duplicates/%lld\"", (long long)pair);
	EXPECT_STATUS(r = http_get(wweb, "/persons/%lld", (long long)e), 200);
	assert_true(resp_has(r, href));
	EXPECT_STATUS(r = http_get(wweb, "/persons/%lld", (long long)f), 200);
	assert_true(resp_has(r, href));
	/* A second scan finds nothing new. */
	j = json_of(http_post_json(sup, "/api/v1/duplicates/scan", "{}"), 200);
	assert_int_equal(json_int_of(j, "found", -1), 0);
	json_decref(j);

	/* In the queue, with its reasons. */
	j = json_of(http_get(worker, "/api/v1/duplicates"), 200);
	bool seen = false;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (json_int_of(it, "id", 0) == pair) {
			seen = true;
			assert_string_equal(json_str_of(it, "status"), "open");
			assert_non_null(json_object_get(it, "reasons"));
		}
	assert_true(seen);
	json_decref(j);
	/* The pair whole: both records; a view of each is audited. */
	int64_t views = q("SELECT COUNT(*) FROM viewlog.audit WHERE entity_id = ?1 AND"
			  " action = 'person.view'",
			  e);
	j = json_of(http_get(worker, "/api/v1/duplicates/%lld", (long long)pair), 200);
	assert_string_equal(json_str_of(json_object_get(j, "first"), "family_name"), "Серікбаев");
	json_decref(j);
	for (int tries = 0; tries < 100 && q("SELECT COUNT(*) FROM viewlog.audit WHERE"
					     " entity_id = ?1 AND action = 'person.view'",
					     e) == views;
	     tries++)
		nanosleep(&(struct timespec){ 0, 20 * 1000000L }, NULL);
	assert_true(q("SELECT COUNT(*) FROM viewlog.audit WHERE entity_id = ?1 AND"
		      " action = 'person.view'",
		      e) > views);

	/* Not the same person: decided, audited, gone from the queue; twice is a conflict. */
	snprintf(path, sizeof(path), "/api/v1/duplicates/%lld/dismiss", (long long)pair);
	j = json_of(http_post_json(worker, path, "{}"), 200);
	assert_string_equal(json_str_of(j, "status"), "distinct");
	assert_string_equal(json_str_of(j, "decided_by"), "worker");
	json_decref(j);
	EXPECT_STATUS(http_post_json(worker, path, "{}"), 409);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'duplicate.dismiss' AND"
			   " entity_id = ?1",
			   pair),
			 1);
	/* A scan does not open it again. */
	json_decref(json_of(http_post_json(sup, "/api/v1/duplicates/scan", "{}"), 200));
	assert_int_equal(q("SELECT COUNT(*) FROM duplicate_pairs WHERE id = ?1 AND"
			   " status = 'distinct'",
			   pair),
			 1);
}

/* The rows that belong to a person, as text to compare before and after. */
static void state_of(int64_t a, int64_t b, char *out, size_t cap)
{
	snprintf(out, cap, "%lld %lld %lld %lld %lld %lld %lld %lld %lld",
		 (long long)q("SELECT COUNT(*) FROM cases WHERE person_id = ?1", a),
		 (long long)q("SELECT COUNT(*) FROM cases WHERE person_id = ?1", b),
		 (long long)q("SELECT COUNT(*) FROM consents WHERE person_id = ?1", a),
		 (long long)q("SELECT COUNT(*) FROM consents WHERE person_id = ?1", b),
		 (long long)q("SELECT COUNT(*) FROM person_categories WHERE person_id = ?1", a),
		 (long long)q("SELECT COUNT(*) FROM person_workers WHERE person_id = ?1", a),
		 (long long)q("SELECT restricted FROM persons WHERE id = ?1", a),
		 (long long)q("SELECT COALESCE(linked_to, 0) FROM persons WHERE id = ?1", b),
		 (long long)q("SELECT COUNT(*) FROM person_keys WHERE person_id = ?1", b));
}

static void test_link_moves_and_unlink_restores(void **state)
{
	(void)state;
	int64_t a = add("{\"family_name\":\"Мамыров\",\"given_name\":\"Санжар\",\"sex\":\"male\","
			"\"birth_date\":\"1987-04-03\"}");
	/* The second record: another spelling, a kandas, a trafficking victim (restricted,
	 * the worker assigned), with a case of its own and a consent. */
	int64_t b = add("{\"family_name\":\"Mamyrov\",\"given_name\":\"Sanzhar\",\"sex\":\"male\","
			"\"birth_date\":\"1987-04-03\",\"categories\":[\"kandas\","
			"\"trafficking_victim\"],\"documents\":[{\"type\":\"passport\","
			"\"number\":\"M7700123\"}]}");
	int64_t bcase = open_case(b);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "purpose", "referral_sharing");
	sb_form(&f, "given_on", "2026-01-10");
	char path[96];
	snprintf(path, sizeof(path), "/persons/%lld/consents", (long long)b);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	int64_t pair = pair_of(a, b);
	assert_true(pair > 0);
	char before[256], after[256], restored[256];
	state_of(a, b, before, sizeof(before));
	int64_t version_a = q("SELECT version FROM persons WHERE id = ?1", a);
	/* The lawyer sees the first record, not the restricted second. */
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)a), 200);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)b), 404);

	/* "keep" must be one of the two. */
	snprintf(path, sizeof(path), "/api/v1/duplicates/%lld/link", (long long)pair);
	struct resp *r = http_post_json(worker, path, "{\"keep\": 1}");
	EXPECT_STATUS(r, 422);
	assert_string_equal(error_field(r), "keep");
	char body[64];
	snprintf(body, sizeof(body), "{\"keep\": %lld}", (long long)a);
	json_t *j = json_of(http_post_json(worker, path, body), 200);
	int64_t link = json_int_of(j, "link_id", 0);
	assert_int_equal(json_int_of(j, "survivor_id", 0), a);
	assert_int_equal(json_int_of(j, "merged_id", 0), b);
	json_decref(j);
	state_of(a, b, after, sizeof(after));

	/* b's case and consent are a's; a has b's categories, so a is restricted now, and the
	 * worker who linked keeps sight of it. */
	assert_int_equal(q("SELECT person_id FROM cases WHERE id = ?1", bcase), a);
	assert_int_equal(q("SELECT COUNT(*) FROM consents WHERE person_id = ?1", b), 0);
	assert_int_equal(q("SELECT COUNT(*) FROM person_categories WHERE person_id = ?1 AND"
			   " category = 'kandas'",
			   a),
			 1);
	assert_int_equal(q("SELECT restricted FROM persons WHERE id = ?1", a), 1);
	EXPECT_STATUS(http_get(worker, "/api/v1/persons/%lld", (long long)a), 200);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)a), 404);
	/* b is hidden from lists and searches; its spelling and document find a. */
	assert_false(listed(worker, "Mamyrov Sanzhar", b));
	assert_true(listed(worker, "Mamyrov Sanzhar", a));
	assert_true(listed(worker, "M7700123", a));
	/* Both histories, both pages: b's says where it went; a's lists b. */
	assert_true(q("SELECT COUNT(*) FROM person_changes WHERE person_id = ?1 AND"
		      " field = 'linked_to'",
		      b) == 1);
	assert_true(q("SELECT version FROM persons WHERE id = ?1", a) > version_a);
	j = json_of(http_get(worker, "/api/v1/persons/%lld/links", (long long)a), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(
	    json_int_of(json_array_get(json_object_get(j, "items"), 0), "merged_id", 0), b);
	json_decref(j);
	r = http_get(wweb, "/persons/%lld", (long long)b);
	EXPECT_STATUS(r, 200);
	char href[64];
	snprintf(href, sizeof(href), "href=\"/persons/%lld\"", (long long)a);
	assert_true(resp_has(r, href));
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'person.link' AND"
			   " entity_id = ?1",
			   a),
			 1);
	/* The pair is decided, listed among the linked, and the link is not made twice. */
	assert_int_equal(q("SELECT COUNT(*) FROM duplicate_pairs WHERE id = ?1 AND"
			   " status = 'linked'",
			   pair),
			 1);
	j = json_of(http_get(worker, "/api/v1/duplicates?status=linked"), 200);
	assert_true(json_int_of(j, "total", 0) >= 1);
	json_decref(j);
	EXPECT_STATUS(http_post_json(worker, path, body), 409);
	/* No new case on the linked record: the API names the field, the page goes to the
	 * main record's form. */
	char cbody[128];
	snprintf(cbody, sizeof(cbody), "{\"person_id\": %lld, \"opening_reason\": \"help\"}",
		 (long long)b);
	r = http_post_json(worker, "/api/v1/cases", cbody);
	EXPECT_STATUS(r, 422);
	assert_string_equal(error_field(r), "person_id");
	r = http_get(wweb, "/cases/new?person=%lld", (long long)b);
	EXPECT_STATUS(r, 303);
	char want[64];
	snprintf(want, sizeof(want), "/cases/new?person=%lld", (long long)a);
	assert_non_null(resp_header(r, "Location"));
	assert_non_null(strstr(resp_header(r, "Location"), want));

	/* The unlink: only by the survivor's link, then everything as before. */
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/links/%lld", (long long)b,
		 (long long)link);
	EXPECT_STATUS(http_delete(worker, path), 404);
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/links/%lld", (long long)a,
		 (long long)link);
	EXPECT_STATUS(http_delete(lawyer, path), 404);
	EXPECT_STATUS(http_delete(worker, path), 204);
	EXPECT_STATUS(http_delete(worker, path), 404);
	state_of(a, b, restored, sizeof(restored));
	assert_string_equal(restored, before);
	assert_string_not_equal(after, before);
	assert_int_equal(q("SELECT person_id FROM cases WHERE id = ?1", bcase), b);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)a), 200);
	assert_true(listed(worker, "Mamyrov Sanzhar", b));
	assert_false(listed(worker, "M7700123", a));
	assert_int_equal(q("SELECT COUNT(*) FROM duplicate_pairs WHERE id = ?1 AND"
			   " status = 'distinct'",
			   pair),
			 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'person.unlink' AND"
			   " entity_id = ?1",
			   a),
			 1);
}

static void test_a_record_others_are_linked_to_is_not_merged(void **state)
{
	(void)state;
	int64_t a = add("{\"family_name\":\"Оспанов\",\"given_name\":\"Арман\",\"sex\":\"male\","
			"\"birth_date\":\"1970-02-02\"}");
	int64_t b = add("{\"family_name\":\"Ospanov\",\"given_name\":\"Arman\",\"sex\":\"male\","
			"\"birth_date\":\"1970-02-02\"}");
	int64_t c = add("{\"family_name\":\"Оспанов\",\"given_name\":\"Арман\",\"sex\":\"male\","
			"\"birth_date\":\"1970-02-02\"}");
	char path[96], body[64];
	snprintf(path, sizeof(path), "/api/v1/duplicates/%lld/link", (long long)pair_of(a, b));
	snprintf(body, sizeof(body), "{\"keep\": %lld}", (long long)a);
	EXPECT_STATUS(http_post_json(worker, path, body), 200);
	/* a now has b linked to it: merging a into c is refused; c into a is fine. */
	snprintf(path, sizeof(path), "/api/v1/duplicates/%lld/link", (long long)pair_of(a, c));
	snprintf(body, sizeof(body), "{\"keep\": %lld}", (long long)c);
	EXPECT_STATUS(http_post_json(worker, path, body), 409);
	snprintf(body, sizeof(body), "{\"keep\": %lld}", (long long)a);
	EXPECT_STATUS(http_post_json(worker, path, body), 200);
	json_t *j = json_of(http_get(worker, "/api/v1/persons/%lld/links", (long long)a), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
}

static void test_the_web_pages(void **state)
{
	(void)state;
	int64_t a = add("{\"family_name\":\"Қалиев\",\"given_name\":\"Ержан\",\"sex\":\"male\","
			"\"birth_date\":\"1979-11-30\"}");
	int64_t b = add("{\"family_name\":\"Kaliev\",\"given_name\":\"Erzhan\",\"sex\":\"male\","
			"\"birth_date\":\"1979-11-30\"}");
	int64_t pair = pair_of(a, b);
	/* Registration decided the pair; a worker may still open it and link. */
	struct resp *r = http_get(wweb, "/duplicates/%lld", (long long)pair);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Kaliev"));
	assert_true(resp_has(r, "name=\"keep\""));
	EXPECT_STATUS(http_get(wweb, "/duplicates"), 200);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_addf(&f, "&keep=%lld", (long long)a);
	char path[96];
	snprintf(path, sizeof(path), "/duplicates/%lld/link", (long long)pair);
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	r = http_get(wweb, "/persons/%lld", (long long)a);
	EXPECT_STATUS(r, 200);
	int64_t link = q("SELECT id FROM person_links WHERE survivor_id = ?1", a);
	snprintf(path, sizeof(path), "/persons/%lld/links/%lld/unlink", (long long)a,
		 (long long)link);
	assert_true(resp_has(r, path));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE id = ?1 AND linked_to IS NULL", b),
			 1);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan_finds_what_registration_did_not_and_a_worker_dismisses),
		cmocka_unit_test(test_link_moves_and_unlink_restores),
		cmocka_unit_test(test_a_record_others_are_linked_to_is_not_merged),
		cmocka_unit_test(test_the_web_pages),
	};
	return cmocka_run_group_tests_name("duplicates", tests, group_setup, group_teardown);
}
