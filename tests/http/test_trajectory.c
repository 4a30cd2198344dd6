/* test_trajectory.c: integration indicators over HTTP (issue 8, part 5). A person's reviews
 * and each domain's trajectory in date order; refused reviews naming the field, nothing
 * stored; the cohort's figures on seeded people, computed by hand below, by category, region
 * and year of arrival, with a small cell withheld; who may read what (analysts the cohort
 * only); the pages: the form (a refused one keeps what was typed), the person's box with its
 * charts, the cohort page. The pure rules are in tests/unit/test_integration.c. */
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
static struct client *worker, *analyst, *admin, *ngo;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &analyst, &admin, &ngo };
	const char *logins[] = { "worker", "analyst", "admin", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
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

/* A new person of the worker's organisation in a region, arrived on a day, in a category. */
static int64_t new_person(const char *given, const char *region, const char *arrived,
			  const char *category)
{
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"Траектория\",\"given_name\":\"%s\",\"sex\":\"female\","
		 "\"birth_date\":\"1985-05-05\",\"region\":\"%s\",\"arrival_date\":\"%s\","
		 "\"categories\":[\"%s\"],\"confirm_new\":true}",
		 given, region, arrived, category);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	return id;
}

static struct resp *review(struct client *c, int64_t person, const char *body)
{
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/integration", (long long)person);
	return http_post_json(c, path, body);
}

static void reviewed(int64_t person, const char *on, const char *kind, int work, int housing)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"reviewed_on\":\"%s\",\"kind\":\"%s\",\"domains\":{\"work\":{\"status\":%d},"
		 "\"housing\":{\"status\":%d}}}",
		 on, kind, work, housing);
	json_decref(json_of(review(worker, person, body), 201));
}

/* A person's reviews, given out of order: the trajectory follows the dates. */
static void test_trajectory(void **state)
{
	(void)state;
	int64_t p = new_person("Айна", "KZ-75", "2024-03-01", "kandas");
	json_t *j =
	    json_of(review(worker, p,
			   "{\"reviewed_on\":\"2025-06-01\",\"kind\":\"review\",\"domains\":{"
			   "\"work\":{\"status\":\"stable\",\"indicator\":\"Employed\","
			   "\"evidence\":\"Contract seen\"},\"language_communication\":"
			   "{\"status\":2}}}"),
		    201);
	assert_int_equal(json_integer_value(json_object_get(
			     json_object_get(json_object_get(j, "domains"), "work"), "status")),
			 3);
	json_decref(j);
	reviewed(p, "2024-04-01", "intake", 1, 2);
	reviewed(p, "2026-01-10", "review", 4, 3);
	j = json_of(http_get(worker, "/api/v1/persons/%lld/integration", (long long)p), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	/* Newest first in the list; oldest first in the trajectory. */
	assert_string_equal(
	    json_str_of(json_array_get(json_object_get(j, "items"), 0), "reviewed_on"),
	    "2026-01-10");
	json_t *work = json_object_get(json_object_get(j, "trajectory"), "work");
	assert_int_equal(json_array_size(work), 3);
	static const int want[] = { 1, 3, 4 };
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(json_int_of(json_array_get(work, i), "status", 0), want[i]);
	json_t *lang = json_object_get(json_object_get(j, "trajectory"), "language_communication");
	assert_int_equal(json_array_size(lang), 1);
	json_decref(j);
}

static void test_refused(void **state)
{
	(void)state;
	int64_t p = new_person("Бақыт", "KZ-75", "2024-03-01", "kandas");
	static const struct {
		const char *body, *field;
	} cases[] = {
		{ "{\"kind\":\"intake\",\"domains\":{}}", "domains" },
		{ "{\"kind\":\"intake\"}", "domains" },
		{ "{\"kind\":\"intake\",\"domains\":{\"wealth\":{\"status\":2}}}",
		  "domains.wealth" },
		{ "{\"kind\":\"intake\",\"domains\":{\"work\":{\"status\":5}}}",
		  "domains.work.status" },
		{ "{\"kind\":\"intake\",\"domains\":{\"work\":{\"status\":0}}}",
		  "domains.work.status" },
		{ "{\"kind\":\"intake\",\"domains\":{\"work\":{\"status\":2,\"mood\":1}}}",
		  "domains.work.mood" },
		{ "{\"kind\":\"intake\",\"domains\":[1]}", "domains" },
		{ "{\"kind\":\"exit\",\"domains\":{\"work\":{\"status\":2}}}", "kind" },
		{ "{\"kind\":\"intake\",\"reviewed_on\":\"2999-01-01\",\"domains\":{\"work\":"
		  "{\"status\":2}}}",
		  "reviewed_on" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *f = error_field(review(worker, p, cases[i].body));
		if (strcmp(f, cases[i].field) != 0)
			fail_msg("case %zu: field %s, not %s", i, f, cases[i].field);
	}
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM integration_reviews WHERE person_id = ?1",
				i64s(p), (const char *)NULL),
			 0);
}

/* Six people of one cohort (resettlers in North Kazakhstan who arrived in 2025), work at first and
 * latest review: 1→3, 2→2, 2→3, 3→2, 1→1, and one reviewed once at 2. Work: 6 people,
 * mean first (1+2+2+3+1+2)/6 = 1.83, mean latest (3+2+3+2+1+2)/6 = 2.17; of the five
 * followed, improved 2 (1→3, 2→3), stayed 2 (2→2, 1→1), declined 1 (3→2). Housing is
 * scored for the first four only: a small cell, withheld. */
static void test_cohort(void **state)
{
	(void)state;
	static const int first[] = { 1, 2, 2, 3, 1, 2 }, latest[] = { 3, 2, 3, 2, 1, 0 };
	for (int i = 0; i < 6; i++) {
		char given[16];
		snprintf(given, sizeof(given), "Когорта%d", i);
		int64_t p = new_person(given, "KZ-59", "2025-02-01", "voluntary_resettler");
		char body[256];
		snprintf(
		    body, sizeof(body),
		    "{\"reviewed_on\":\"2025-03-01\",\"kind\":\"intake\",\"domains\":{\"work\":"
		    "{\"status\":%d}%s}}",
		    first[i], i < 4 ? ",\"housing\":{\"status\":2}" : "");
		json_decref(json_of(review(worker, p, body), 201));
		if (latest[i]) {
			snprintf(body, sizeof(body),
				 "{\"reviewed_on\":\"2026-03-01\",\"kind\":\"review\",\"domains\":{"
				 "\"work\":{\"status\":%d}}}",
				 latest[i]);
			json_decref(json_of(review(worker, p, body), 201));
		}
	}
	static const char *const filters[] = { "region=KZ-59",
					       "category=voluntary_resettler&region=KZ-59",
					       "region=KZ-59&arrival_year=2025" };
	for (size_t k = 0; k < 3; k++) {
		/* The analyst reads it: aggregates only. */
		json_t *j =
		    json_of(http_get(analyst, "/api/v1/integration/cohort?%s", filters[k]), 200);
		assert_int_equal(json_int_of(j, "people", 0), 6);
		size_t i;
		json_t *d;
		json_array_foreach (json_object_get(j, "domains"), i, d) {
			const char *code = json_str_of(d, "domain");
			if (strcmp(code, "work") == 0) {
				assert_false(json_is_true(json_object_get(d, "suppressed")));
				assert_int_equal(json_int_of(d, "people", 0), 6);
				assert_int_equal(json_int_of(d, "followed", 0), 5);
				assert_true(json_real_value(json_object_get(d, "mean_first")) ==
					    1.83);
				assert_true(json_real_value(json_object_get(d, "mean_latest")) ==
					    2.17);
				assert_int_equal(json_int_of(d, "improved", -1), 2);
				assert_int_equal(json_int_of(d, "stayed", -1), 2);
				assert_int_equal(json_int_of(d, "declined", -1), 1);
			} else if (strcmp(code, "housing") == 0) {
				assert_true(json_is_true(json_object_get(d, "suppressed")));
				assert_int_equal(json_int_of(d, "people", -1), 0);
			}
		}
		json_decref(j);
	}
	/* A cohort of nobody; a year in which nobody arrived. */
	json_t *j = json_of(
	    http_get(analyst, "/api/v1/integration/cohort?region=KZ-59&arrival_year=2019"), 200);
	assert_int_equal(json_int_of(j, "people", -1), 0);
	json_decref(j);
	assert_string_equal(error_field(http_get(analyst, "/api/v1/integration/cohort?region=XX")),
			    "region");
	/* Another organisation's cohort does not count these people. */
	j = json_of(http_get(ngo, "/api/v1/integration/cohort?region=KZ-59"), 200);
	assert_int_equal(json_int_of(j, "people", -1), 0);
	json_decref(j);
}

/* Analysts see no person's reviews; administrators read them but record none; another
 * organisation's reader finds no such person. */
static void test_access(void **state)
{
	(void)state;
	int64_t p = new_person("Дана", "KZ-75", "2024-03-01", "kandas");
	reviewed(p, "2025-01-01", "intake", 2, 2);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/integration", (long long)p);
	EXPECT_STATUS(http_get(analyst, "%s", path), 403);
	EXPECT_STATUS(http_get(admin, "%s", path), 200);
	EXPECT_STATUS(http_get(ngo, "%s", path), 404);
	EXPECT_STATUS(
	    review(admin, p, "{\"kind\":\"review\",\"domains\":{\"work\":{\"status\":2}}}"), 403);
	EXPECT_STATUS(review(ngo, p, "{\"kind\":\"review\",\"domains\":{\"work\":{\"status\":2}}}"),
		      404);
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

static void test_pages(void **state)
{
	(void)state;
	int64_t p = new_person("Сәуле", "KZ-75", "2024-03-01", "kandas");
	struct client *w = client_new(&srv), *an = client_new(&srv);
	assert_int_equal(web_login(w, "worker", DEMO_PASSWORD), 303);
	assert_int_equal(web_login(an, "analyst", DEMO_PASSWORD), 303);
	struct resp *r = http_get(w, "/persons/%lld/integration/new", (long long)p);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "name=\"domains.work.status\""));
	char path[96];
	snprintf(path, sizeof(path), "/persons/%lld/integration", (long long)p);
	const char *refused[] = { "kind",
				  "intake",
				  "domains.work.indicator",
				  "Жұмыс шарты",
				  "domains.housing.status",
				  "at_risk",
				  NULL };
	r = post_form(w, path, refused);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Жұмыс шарты"));
	const char *ok[] = { "kind",
			     "intake",
			     "reviewed_on",
			     "2025-02-01",
			     "domains.work.status",
			     "building",
			     "domains.work.indicator",
			     "Жұмыс шарты",
			     "domains.housing.status",
			     "at_risk",
			     NULL };
	EXPECT_STATUS(post_form(w, path, ok), 303);
	r = http_get(w, "/persons/%lld", (long long)p);
	assert_true(resp_has(r, "id=\"integration-h\""));
	assert_true(resp_has(r, "<svg class=\"trajectory\""));
	EXPECT_STATUS(http_get(an, "/integration?region=KZ-75"), 200);
	EXPECT_STATUS(http_get(an, "/integration?arrival_year=12"), 422);
	EXPECT_STATUS(http_get(an, "/persons/%lld/integration/new", (long long)p), 403);
	client_free(w);
	client_free(an);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trajectory), cmocka_unit_test(test_refused),
		cmocka_unit_test(test_cohort),     cmocka_unit_test(test_access),
		cmocka_unit_test(test_pages),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
