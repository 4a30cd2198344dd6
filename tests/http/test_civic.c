/* test_civic.c: the public-state form over HTTP (issue 7, part 4): resettlers' organisations
 * and their steps to registration, councils with meetings and decisions, policy proposals and
 * what became of them; who may see and keep them; refusals that name their field and write
 * nothing; the web forms. */
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
static struct client *worker, *analyst, *ngo, *wweb;

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &analyst, &ngo };
	const char *logins[] = { "worker", "analyst", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303)
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

static int64_t id_of(struct resp *r, long status)
{
	json_t *j = json_of(r, status);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void test_resettler_orgs(void **state)
{
	(void)state;
	int64_t o = id_of(http_post_json(worker, "/api/v1/resettler-orgs",
					 "{\"name\":\"Жаңа қоныс\",\"kind\":\"foundation\","
					 "\"region\":\"KZ-55\"}"),
			  201);
	/* Steps in order; the latest shows on the record. */
	json_decref(
	    json_of(post(worker, "{\"step\":\"initiative_group\",\"done_on\":\"2026-01-10\"}",
			 "/api/v1/resettler-orgs/%lld/steps", o),
		    201));
	json_t *j = json_of(post(worker, "{\"step\":\"registered\",\"done_on\":\"2026-04-01\"}",
				 "/api/v1/resettler-orgs/%lld/steps", o),
			    201);
	assert_string_equal(json_str_of(j, "step"), "registered");
	assert_string_equal(json_str_of(j, "step_on"), "2026-04-01");
	assert_int_equal(json_array_size(json_object_get(j, "steps")), 2);
	json_decref(j);
	/* Refusals name their field. */
	assert_string_equal(error_field(post(worker, "{\"step\":\"blessed\"}",
					     "/api/v1/resettler-orgs/%lld/steps", o)),
			    "step");
	assert_string_equal(error_field(post(worker,
					     "{\"step\":\"registered\",\"done_on\":"
					     "\"2999-01-01\"}",
					     "/api/v1/resettler-orgs/%lld/steps", o)),
			    "done_on");
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/resettler-orgs",
						       "{\"name\":\"x\",\"kind\":\"club\"}")),
			    "kind");
	assert_int_equal(
	    q("SELECT COUNT(*) FROM resettler_org_steps WHERE resettler_org_id = ?1", i64s(o)), 2);
	/* A stale edit is told; another organisation finds nothing; analysts see none. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/resettler-orgs/%lld", (long long)o);
	json_decref(
	    json_of(http_patch_json(worker, path, "{\"version\":1,\"contact\":\"+7 701\"}"), 200));
	EXPECT_STATUS(http_patch_json(worker, path, "{\"version\":1,\"note\":\"x\"}"), 409);
	EXPECT_STATUS(http_get(ngo, "%s", path), 404);
	EXPECT_STATUS(http_patch_json(ngo, path, "{\"version\":2,\"note\":\"x\"}"), 404);
	EXPECT_STATUS(post(ngo, "{\"step\":\"dissolved\"}", "/api/v1/resettler-orgs/%lld/steps", o),
		      404);
	EXPECT_STATUS(http_get(analyst, "/api/v1/resettler-orgs"), 403);
	struct resp *r = http_get(ngo, "/api/v1/resettler-orgs");
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Жаңа қоныс"));
}

static void test_councils_meetings_decisions(void **state)
{
	(void)state;
	int64_t k =
	    id_of(http_post_json(worker, "/api/v1/councils",
				 "{\"name\":\"Өңірлік палата\",\"kind\":\"public_chamber\"}"),
		  201);
	assert_string_equal(error_field(post(worker, "{\"held_on\":\"2026-05-05\"}",
					     "/api/v1/councils/%lld/meetings", k)),
			    "agenda");
	json_t *j = json_of(post(worker,
				 "{\"held_on\":\"2026-05-05\",\"agenda\":\"Тұрғын үй\","
				 "\"place\":\"Павлодар\"}",
				 "/api/v1/councils/%lld/meetings", k),
			    201);
	int64_t m = json_int_of(j, "id", 0);
	json_decref(j);
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/councils/%lld/meetings/%lld/decisions", (long long)k,
		 (long long)m);
	j = json_of(http_post_json(worker, path,
				   "{\"text\":\"Жатақхана ашу\",\"due_on\":"
				   "\"2026-09-01\"}"),
		    201);
	json_t *d = json_array_get(json_object_get(j, "decision_list"), 0);
	assert_string_equal(json_str_of(d, "status"), "adopted"); /* by default */
	int64_t did = json_int_of(d, "id", 0);
	json_decref(j);
	assert_string_equal(error_field(http_post_json(worker, path,
						       "{\"text\":\"x\",\"status\":"
						       "\"vetoed\"}")),
			    "status");
	/* As it is carried out. */
	snprintf(path, sizeof(path), "/api/v1/councils/%lld/meetings/%lld/decisions/%lld",
		 (long long)k, (long long)m, (long long)did);
	j = json_of(http_patch_json(worker, path, "{\"status\":\"implemented\"}"), 200);
	d = json_array_get(json_object_get(j, "decision_list"), 0);
	assert_string_equal(json_str_of(d, "status"), "implemented");
	assert_string_equal(json_str_of(d, "text"), "Жатақхана ашу"); /* kept */
	json_decref(j);
	/* Another organisation, and another council's meeting, are not found. */
	EXPECT_STATUS(http_patch_json(ngo, path, "{\"status\":\"adopted\"}"), 404);
	int64_t other = id_of(http_post_json(worker, "/api/v1/councils",
					     "{\"name\":\"Басқа\",\"kind\":\"working_group\"}"),
			      201);
	EXPECT_STATUS(
	    http_get(worker, "/api/v1/councils/%lld/meetings/%lld", (long long)other, (long long)m),
	    404);
	EXPECT_STATUS(http_get(ngo, "/api/v1/councils/%lld", (long long)k), 404);
	EXPECT_STATUS(http_get(analyst, "/api/v1/councils"), 403);
	/* A proposal put forward at the meeting; one naming another organisation's meeting is
	 * refused. */
	char body[384];
	snprintf(body, sizeof(body),
		 "{\"title\":\"Квота\",\"text\":\"Квотаны көбейту\",\"addressee\":\"Министрлік\","
		 "\"status\":\"submitted\",\"submitted_on\":\"2026-05-06\",\"meeting_id\":%lld}",
		 (long long)m);
	int64_t p = id_of(http_post_json(worker, "/api/v1/proposals", body), 201);
	EXPECT_STATUS(http_post_json(ngo, "/api/v1/proposals", body), 422);
	snprintf(path, sizeof(path), "/api/v1/proposals/%lld", (long long)p);
	/* Decided: what became of it must be said. */
	assert_string_equal(error_field(http_patch_json(worker, path,
							"{\"version\":1,\"status\":"
							"\"accepted\"}")),
			    "outcome");
	assert_string_equal(error_field(http_patch_json(worker, path,
							"{\"version\":1,\"status\":\"accepted\","
							"\"outcome\":\"Қабылданды\",\"outcome_on\":"
							"\"2026-05-01\"}")),
			    "outcome_on");
	j = json_of(http_patch_json(worker, path,
				    "{\"version\":1,\"status\":\"partly_accepted\",\"outcome\":"
				    "\"Квота 10 пайызға өсті\",\"outcome_on\":\"2026-07-01\"}"),
		    200);
	assert_string_equal(json_str_of(j, "status"), "partly_accepted");
	json_decref(j);
	EXPECT_STATUS(http_get(ngo, "%s", path), 404);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/proposals",
						       "{\"title\":\"x\",\"text\":\"y\","
						       "\"addressee\":\"z\",\"status\":"
						       "\"submitted\"}")),
			    "submitted_on");
}

static void test_the_web_forms(void **state)
{
	(void)state;
	EXPECT_STATUS(http_get(wweb, "/civic"), 200);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "title", "Тіркеу <тәртібі>");
	sb_form(&f, "text", "Жеңілдету");
	sb_form(&f, "status", "rejected");
	struct resp *r = http_post_form(wweb, "/proposals", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Тіркеу &lt;тәртібі&gt;"));
	assert_true(resp_has(r, "aria-describedby=\"e-addressee\""));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "name", "Жастар кеңесі");
	sb_form(&f, "kind", "coordination_council");
	EXPECT_STATUS(http_post_form(wweb, "/councils", sb_str(&f)), 303);
	sb_free(&f);
	int64_t k = q("SELECT id FROM councils WHERE name = ?1", "Жастар кеңесі");
	char path[96];
	snprintf(path, sizeof(path), "/councils/%lld/meetings", (long long)k);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "held_on", "2026-06-01");
	sb_form(&f, "place", "Орталық <зал>");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Орталық &lt;зал&gt;"));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "held_on", "2026-06-01");
	sb_form(&f, "agenda", "Жастар");
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	int64_t m = q("SELECT id FROM council_meetings WHERE council_id = ?1", i64s(k));
	snprintf(path, sizeof(path), "/councils/%lld/meetings/%lld/decisions", (long long)k,
		 (long long)m);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "text", "Спорт үйірмесі");
	sb_form(&f, "status", "adopted");
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	int64_t d = q("SELECT id FROM council_decisions WHERE meeting_id = ?1", i64s(m));
	snprintf(path, sizeof(path), "/councils/%lld/meetings/%lld/decisions/%lld", (long long)k,
		 (long long)m, (long long)d);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "status", "not_implemented");
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	assert_int_equal(q("SELECT COUNT(*) FROM council_decisions WHERE id = ?1 AND status ="
			   " 'not_implemented'",
			   i64s(d)),
			 1);
	r = http_get(wweb, "/councils/%lld/meetings/%lld", (long long)k, (long long)m);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Спорт үйірмесі"));
	struct client *aweb = client_new(&srv);
	assert_int_equal(web_login(aweb, "analyst", DEMO_PASSWORD), 303);
	EXPECT_STATUS(http_get(aweb, "/civic"), 403);
	EXPECT_STATUS(http_get(aweb, "/councils/%lld", (long long)k), 403);
	client_free(aweb);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resettler_orgs),
		cmocka_unit_test(test_councils_meetings_decisions),
		cmocka_unit_test(test_the_web_forms),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
