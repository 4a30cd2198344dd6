/* test_cases.c: cases over HTTP. Opening (and what it refuses), the status and its moves, a
 * closure asked for by the team and approved by a supervisor, reopening, optimistic
 * concurrency, co-workers (who then see a restricted person), confidential notes sealed at
 * rest, the audit of views, the web forms with their errors and kept input, and a person's
 * erasure emptying what was written about them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#include "base/util.h"

#include "base/banned.h"

static struct server srv;
static struct client *worker, *sup, *psy, *lawyer, *analyst, *ngo, *wweb, *sweb, *aweb;
static int64_t own_person, restricted_person, other_person, karimova_case, lawyer_id, ngo_id;

static int64_t person_by_name(const char *family, const char *given)
{
	return db_int(&srv, "SELECT id FROM persons WHERE family_name = ?1 AND given_name = ?2",
		      family, given, (const char *)NULL);
}

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	struct client **api[] = { &worker, &sup, &psy, &lawyer, &analyst, &ngo };
	const char *logins[] = { "worker", "supervisor", "psychologist",
				 "lawyer", "analyst",    "ngo-worker" };
	for (size_t i = 0; i < 6; i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	sweb = client_new(&srv);
	aweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(sweb, "supervisor", DEMO_PASSWORD) != 303 ||
	    web_login(aweb, "admin", DEMO_PASSWORD) != 303)
		goto fail;
	own_person = person_by_name("Жақсылықов", "Бауыржан");
	restricted_person = person_by_name("Karimova", "Nodira");
	other_person = person_by_name("Иванова", "Мария");
	karimova_case = db_int(&srv, "SELECT MIN(id) FROM cases WHERE person_id = ?1",
			       i64s(restricted_person), (const char *)NULL);
	lawyer_id = db_int(&srv, "SELECT id FROM users WHERE login = 'lawyer'", (const char *)NULL);
	ngo_id =
	    db_int(&srv, "SELECT id FROM users WHERE login = 'ngo-worker'", (const char *)NULL);
	if (own_person <= 0 || restricted_person <= 0 || other_person <= 0 || karimova_case <= 0)
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

/* Opens a case for person through the API as c; returns its id. */
static int64_t open_case(struct client *c, int64_t person, const char *reason)
{
	char body[512];
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"%s\"}",
		 (long long)person, reason);
	json_t *j = json_of(http_post_json(c, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	assert_true(id > 0);
	assert_string_equal(json_str_of(j, "status"), "open");
	assert_int_equal(json_int_of(j, "version", 0), 1);
	json_decref(j);
	return id;
}

static json_t *get_case(struct client *c, int64_t id)
{
	return json_of(http_get(c, "/api/v1/cases/%lld", (long long)id), 200);
}

static struct resp *patch_case(struct client *c, int64_t id, const char *body)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld", (long long)id);
	return http_patch_json(c, path, body);
}

static void test_open_read_and_list(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "Needs housing and work");
	json_t *j = get_case(worker, id);
	assert_int_equal(json_int_of(j, "person_id", 0), own_person);
	assert_string_equal(json_str_of(j, "opening_reason"), "Needs housing and work");
	assert_string_equal(json_str_of(json_object_get(j, "worker"), "login"), "worker");
	assert_true(json_is_array(json_object_get(j, "co_workers")));
	json_decref(j);
	/* The worker was assigned to the person with it. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM person_workers WHERE person_id = ?1 AND"
				" user_id = (SELECT id FROM users WHERE login = 'worker')",
				i64s(own_person), (const char *)NULL),
			 1);
	/* In the worker's caseload, in the person's list, not in the lawyer's caseload. */
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/cases?mine=1&open=1&limit=200");
	j = json_of(http_get(worker, "%s", path), 200);
	bool found = false;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		found |= json_int_of(it, "id", 0) == id;
	assert_true(found);
	json_decref(j);
	j = json_of(http_get(lawyer, "%s", path), 200);
	json_array_foreach (json_object_get(j, "items"), i, it)
		assert_int_not_equal(json_int_of(it, "id", 0), id);
	json_decref(j);
	j = json_of(http_get(worker, "/api/v1/cases?person_id=%lld", (long long)own_person), 200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 1);
	json_decref(j);
	/* Another organisation's worker: as if it did not exist. */
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld", (long long)id), 404);
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld/notes", (long long)id), 404);
	EXPECT_STATUS(http_get(analyst, "/api/v1/cases/%lld", (long long)id), 404);
	EXPECT_STATUS(http_get(analyst, "/api/v1/cases"), 403);
	/* Filters are checked. */
	assert_string_equal(error_field(http_get(worker, "/api/v1/cases?status=gone")), "status");
	assert_string_equal(error_field(http_get(worker, "/api/v1/cases?limit=0")), "limit");
}

static void test_opening_refuses_bad_input_and_writes_nothing(void **state)
{
	(void)state;
	int64_t before = db_int(&srv, "SELECT COUNT(*) FROM cases", (const char *)NULL);
	char body[256];
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", "{}")),
			    "person_id");
	snprintf(body, sizeof(body), "{\"person_id\": %lld}", (long long)own_person);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", body)),
			    "opening_reason");
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"x\", \"opened_on\": \"2999-01-01\"}",
		 (long long)own_person);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", body)),
			    "opened_on");
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"x\", \"colour\": \"red\"}",
		 (long long)own_person);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", body)), "colour");
	/* A person of another organisation, or restricted and not the worker's: not found. */
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"x\"}",
		 (long long)other_person);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", body)),
			    "person_id");
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"x\"}",
		 (long long)restricted_person);
	assert_string_equal(error_field(http_post_json(psy, "/api/v1/cases", body)), "person_id");
	/* Only a supervisor gives a case to someone else, and only to an active worker of
	 * the organisation (not one of another, not an analyst). */
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"x\", \"worker_id\": %lld}",
		 (long long)own_person, (long long)lawyer_id);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/cases", body), 403);
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"x\", \"worker_id\": %lld}",
		 (long long)own_person, (long long)ngo_id);
	assert_string_equal(error_field(http_post_json(sup, "/api/v1/cases", body)), "worker_id");
	snprintf(body, sizeof(body),
		 "{\"person_id\": %lld, \"opening_reason\": \"x\", \"household\": true}",
		 (long long)own_person);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/cases", body)),
			    "household");
	snprintf(body, sizeof(body), "{\"person_id\": %lld, \"opening_reason\": \"x\"}",
		 (long long)own_person);
	EXPECT_STATUS(http_post_json(analyst, "/api/v1/cases", body), 403);
	EXPECT_STATUS(http_post_json(worker, "/api/v1/cases", "[1,2"), 400);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM cases", (const char *)NULL), before);
}

static void test_status_moves_and_stale_versions(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "Status moves");
	json_t *j =
	    json_of(patch_case(worker, id, "{\"version\": 1, \"status\": \"active\"}"), 200);
	assert_string_equal(json_str_of(j, "status"), "active");
	assert_int_equal(json_int_of(j, "version", 0), 2);
	json_decref(j);
	/* Back to open is not a move a case makes. */
	assert_string_equal(
	    error_field(patch_case(worker, id, "{\"version\": 2, \"status\": \"open\"}")),
	    "status");
	assert_string_equal(
	    error_field(patch_case(worker, id, "{\"version\": 2, \"status\": \"lost\"}")),
	    "status");
	assert_string_equal(error_field(patch_case(worker, id, "{\"status\": \"on_hold\"}")),
			    "version");
	/* Two edits from the same version: the second is told. */
	EXPECT_STATUS(patch_case(worker, id, "{\"version\": 2, \"status\": \"on_hold\"}"), 200);
	j = json_of(patch_case(sup, id, "{\"version\": 2, \"status\": \"active\"}"), 409);
	assert_string_equal(json_str_of(json_object_get(j, "error"), "field"), "version");
	json_decref(j);
	j = get_case(worker, id);
	assert_string_equal(json_str_of(j, "status"), "on_hold");
	json_decref(j);
	/* Someone not on the team (the lawyer) reads but does not change it. */
	EXPECT_STATUS(http_get(lawyer, "/api/v1/cases/%lld", (long long)id), 200);
	EXPECT_STATUS(patch_case(lawyer, id, "{\"version\": 3, \"status\": \"active\"}"), 403);
	/* Only a supervisor gives the case to another worker. */
	char body[96];
	snprintf(body, sizeof(body), "{\"version\": 3, \"worker_id\": %lld}", (long long)lawyer_id);
	EXPECT_STATUS(patch_case(worker, id, body), 403);
	j = json_of(patch_case(sup, id, body), 200);
	assert_string_equal(json_str_of(json_object_get(j, "worker"), "login"), "lawyer");
	json_decref(j);
}

static void test_closure_is_asked_for_then_approved_and_reopened(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "To be closed");
	/* A closure needs its reason and outcome. */
	struct resp *r = patch_case(worker, id, "{\"version\": 1, \"status\": \"closed\"}");
	json_t *j = json_of(r, 422);
	json_t *fields = json_object_get(json_object_get(j, "error"), "fields");
	assert_int_equal(json_array_size(fields), 2);
	json_decref(j);
	/* The worker asks: 202, the case stays as it was, waiting for a supervisor. */
	j = json_of(patch_case(worker, id,
			       "{\"version\": 1, \"status\": \"closed\", \"closing_reason\":"
			       " \"goals_achieved\", \"outcome\": \"Housed and employed\"}"),
		    202);
	assert_string_equal(json_str_of(j, "status"), "open");
	assert_true(json_is_object(json_object_get(j, "closure_requested")));
	assert_string_equal(json_str_of(j, "closing_reason"), "goals_achieved");
	json_decref(j);
	j = json_of(http_get(sup, "/api/v1/cases?closure_pending=1&limit=200"), 200);
	bool waiting = false;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		waiting |= json_int_of(it, "id", 0) == id;
	assert_true(waiting);
	json_decref(j);
	/* The supervisor approves. */
	j = json_of(patch_case(sup, id, "{\"version\": 2, \"status\": \"closed\"}"), 200);
	assert_string_equal(json_str_of(j, "status"), "closed");
	assert_true(json_is_null(json_object_get(j, "closure_requested")));
	assert_true(json_int_of(j, "closed_by", 0) > 0);
	assert_non_null(json_str_of(j, "closed_on"));
	json_decref(j);
	/* A closed case is read-only for its team. */
	EXPECT_STATUS(patch_case(worker, id, "{\"version\": 3, \"status\": \"active\"}"), 403);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/notes", (long long)id);
	EXPECT_STATUS(http_post_json(worker, path, "{\"text\": \"late\"}"), 403);
	EXPECT_STATUS(patch_case(sup, id, "{\"version\": 3, \"status\": \"closed\"}"), 403);
	/* A supervisor reopens it; the closure is cleared. */
	j = json_of(patch_case(sup, id, "{\"version\": 3, \"status\": \"active\"}"), 200);
	assert_string_equal(json_str_of(j, "status"), "active");
	assert_true(json_is_null(json_object_get(j, "closing_reason")));
	assert_true(json_is_null(json_object_get(j, "closed_on")));
	json_decref(j);
	/* Asked again and withdrawn. */
	EXPECT_STATUS(patch_case(worker, id,
				 "{\"version\": 4, \"status\": \"closed\", \"closing_reason\":"
				 " \"moved_away\", \"outcome\": \"Left for Astana\"}"),
		      202);
	j = json_of(patch_case(worker, id, "{\"version\": 5, \"closure_requested\": false}"), 200);
	assert_true(json_is_null(json_object_get(j, "closure_requested")));
	json_decref(j);
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM audit WHERE entity = 'case' AND entity_id = ?1"
		   " AND action = 'case.closure_request'",
		   i64s(id), (const char *)NULL),
	    2);
}

static void test_confidential_notes_are_for_the_author_and_supervisors(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "Notes");
	char path[64], canary[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/workers", (long long)id);
	char body[160];
	snprintf(body, sizeof(body), "{\"user_id\": %lld}",
		 (long long)db_int(&srv, "SELECT id FROM users WHERE login = 'psychologist'",
				   (const char *)NULL));
	EXPECT_STATUS(http_post_json(worker, path, body), 200);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/notes", (long long)id);
	snprintf(canary, sizeof(canary), "CANARY-NOTE-%ld", (long)getpid());
	snprintf(body, sizeof(body), "{\"text\": \"%s\", \"confidential\": true}", canary);
	json_t *j = json_of(http_post_json(worker, path, body), 201);
	assert_true(json_is_true(json_object_get(j, "confidential")));
	json_decref(j);
	EXPECT_STATUS(http_post_json(worker, path, "{\"text\": \"An open note\"}"), 201);
	assert_string_equal(error_field(http_post_json(worker, path, "{\"text\": \"  \"}")),
			    "text");
	assert_string_equal(error_field(http_post_json(
				worker, path, "{\"text\": \"x\", \"noted_on\": \"tomorrow\"}")),
			    "noted_on");
	/* The author and the supervisor see both; the co-worker only the open one. */
	struct {
		struct client *c;
		size_t n;
	} who[] = { { worker, 2 }, { sup, 2 }, { psy, 1 }, { lawyer, 1 } };
	for (size_t k = 0; k < sizeof(who) / sizeof(who[0]); k++) {
		j = json_of(http_get(who[k].c, "%s", path), 200);
		assert_int_equal(json_array_size(json_object_get(j, "items")), who[k].n);
		json_decref(j);
	}
	/* The lawyer is not on the team: may read the case, not write in it. */
	EXPECT_STATUS(http_post_json(lawyer, path, "{\"text\": \"x\"}"), 403);
	/* Sealed at rest. */
	char like[80];
	snprintf(like, sizeof(like), "%%%s%%", canary);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM case_notes WHERE text LIKE ?1", like,
				(const char *)NULL),
			 0);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM case_notes WHERE case_id = ?1 AND text LIKE"
				" 'k1.%'",
				i64s(id), (const char *)NULL),
			 2);
}

static void test_a_co_worker_sees_the_restricted_person(void **state)
{
	(void)state;
	EXPECT_STATUS(http_get(lawyer, "/api/v1/cases/%lld", (long long)karimova_case), 404);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)restricted_person), 404);
	char path[64], body[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/workers", (long long)karimova_case);
	/* Not a worker of this organisation. */
	snprintf(body, sizeof(body), "{\"user_id\": %lld}", (long long)ngo_id);
	assert_string_equal(error_field(http_post_json(worker, path, body)), "user_id");
	snprintf(body, sizeof(body), "{\"user_id\": %lld}", (long long)lawyer_id);
	json_t *j = json_of(http_post_json(worker, path, body), 200);
	assert_int_equal(json_array_size(json_object_get(j, "co_workers")), 1);
	json_decref(j);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/cases/%lld", (long long)karimova_case), 200);
	EXPECT_STATUS(http_get(lawyer, "/api/v1/persons/%lld", (long long)restricted_person), 200);
	/* The view of the restricted person's case is in the audit, under the person. */
	assert_true(db_int(&srv,
			   "SELECT COUNT(*) FROM viewlog.audit WHERE action = 'case.view' AND"
			   " entity = 'person' AND entity_id = ?1 AND user_id = ?2",
			   i64s(restricted_person), i64s(lawyer_id), (const char *)NULL) >= 1);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/workers/%lld", (long long)karimova_case,
		 (long long)lawyer_id);
	EXPECT_STATUS(http_delete(worker, path), 200);
	EXPECT_STATUS(http_delete(worker, path), 404);
}

/* The web forms: errors marked with the input kept, 409 with the input kept, and the way
 * through. */
static void test_web_forms(void **state)
{
	(void)state;
	struct resp *r = http_get(wweb, "/cases/new?person=%lld", (long long)own_person);
	EXPECT_STATUS(r, 200);
	EXPECT_STATUS(http_get(wweb, "/cases/new?person=%lld", (long long)other_person), 404);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", wweb->csrf);
	sb_form(&b, "person_id", i64s(own_person));
	sb_form(&b, "opened_on", "2026-01-05");
	r = http_post_form(wweb, "/cases", sb_str(&b));
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-opening_reason\""));
	assert_true(resp_has(r, "value=\"2026-01-05\""));
	sb_form(&b, "opening_reason", "Came <b>today</b>");
	r = http_post_form(wweb, "/cases", sb_str(&b));
	sb_free(&b);
	EXPECT_STATUS(r, 303);
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	char page[64];
	snprintf(page, sizeof(page), "%s", loc);
	int64_t id = strtoll(page + strlen("/cases/"), NULL, 10);
	assert_true(id > 0);
	r = http_get(wweb, "%s", page);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Came &lt;b&gt;today&lt;/b&gt;"));
	/* Two forms from version 1: the second is told, and keeps its input. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "version", "1");
	sb_form(&f, "status", "active");
	sb_form(&f, "opening_reason", "Came today");
	EXPECT_STATUS(http_post_form(wweb, page, sb_str(&f)), 303);
	sb_free(&f);
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "version", "1");
	sb_form(&f, "status", "on_hold");
	sb_form(&f, "opening_reason", "My own wording");
	r = http_post_form(wweb, page, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 409);
	assert_true(resp_has(r, "My own wording"));
	assert_true(resp_has(r, "name=\"version\" value=\"2\""));
	/* A note with no text: marked, the date kept. */
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "noted_on", "2026-02-03");
	char notes[80];
	snprintf(notes, sizeof(notes), "%s/notes", page);
	r = http_post_form(wweb, notes, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-text\""));
	assert_true(resp_has(r, "value=\"2026-02-03\""));
	/* The caseload lists it; the person's page links it. */
	r = http_get(wweb, "/cases");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, page));
	r = http_get(wweb, "/persons/%lld", (long long)own_person);
	assert_true(resp_has(r, page));
	/* The home page is the caseload. */
	r = http_get(wweb, "/");
	EXPECT_STATUS(r, 303);
	assert_string_equal(resp_header(r, "Location"), "/cases");
}

static void test_erasure_empties_what_was_written(void **state)
{
	(void)state;
	int64_t person = person_by_name("Петренко", "Олег");
	int64_t id = open_case(worker, person, "Erase me later");
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/notes", (long long)id);
	EXPECT_STATUS(http_post_json(worker, path, "{\"text\": \"A note to erase\"}"), 201);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/assessments", (long long)id);
	EXPECT_STATUS(http_post_json(worker, path,
				     "{\"needs\": {\"housing\": {\"urgency\": 2, \"note\": \"x\"}},"
				     " \"summary\": \"To erase\"}"),
		      201);
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", sweb->csrf);
	sb_form(&b, "reason", "person_request");
	sb_form(&b, "confirm", "1");
	char erase[64];
	snprintf(erase, sizeof(erase), "/persons/%lld/erase", (long long)person);
	EXPECT_STATUS(http_post_form(sweb, erase, sb_str(&b)), 303);
	sb_free(&b);
	EXPECT_STATUS(http_get(worker, "/api/v1/cases/%lld", (long long)id), 404);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM case_notes WHERE case_id = ?1 AND text <> ''",
				i64s(id), (const char *)NULL),
			 0);
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM assessments x JOIN assessment_needs n ON"
		   " n.assessment_id = x.id WHERE x.case_id = ?1 AND (x.summary IS NOT NULL"
		   " OR n.note IS NOT NULL)",
		   i64s(id), (const char *)NULL),
	    0);
	/* The scores stay, for the figures. */
	assert_int_equal(
	    db_int(&srv,
		   "SELECT MAX(n.urgency) FROM assessments x JOIN assessment_needs n ON"
		   " n.assessment_id = x.id WHERE x.case_id = ?1",
		   i64s(id), (const char *)NULL),
	    2);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM cases WHERE id = ?1 AND opening_reason = ''",
				i64s(id), (const char *)NULL),
			 1);
}

static void test_assessments_are_kept_and_refuse_bad_scores(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "Assessments");
	char path[80];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/assessments", (long long)id);
	int64_t before = db_int(&srv, "SELECT COUNT(*) FROM assessments", (const char *)NULL);
	/* Refused, each naming its field; nothing written. */
	static const struct {
		const char *body, *field;
	} bad[] = {
		{ "{}", "needs" },
		{ "{\"needs\": {\"housing\": 7}}", "needs.housing.urgency" },
		{ "{\"needs\": {\"flying\": 1}}", "needs.flying" },
		{ "{\"needs\": {\"housing\": {\"urgency\": 1, \"colour\": 1}}}",
		  "needs.housing.colour" },
		{ "{\"needs\": {}, \"assessed_on\": \"2000-01-01\"}", "assessed_on" },
		{ "{\"needs\": {}, \"assessed_on\": \"2999-01-01\"}", "assessed_on" },
		{ "{\"needs\": [1]}", "needs" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *f = error_field(http_post_json(worker, path, bad[i].body));
		if (strcmp(f, bad[i].field) != 0)
			fail_msg("%s: field %s, want %s", bad[i].body, f, bad[i].field);
	}
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM assessments", (const char *)NULL),
			 before);
	/* Two assessments: both kept, newest first, every need listed. */
	json_t *j = json_of(http_post_json(worker, path,
					   "{\"needs\": {\"housing\": {\"urgency\": 3, \"note\":"
					   " \"sleeps at a friend's\"}, \"language_kk\": 2},"
					   " \"summary\": \"First meeting\"}"),
			    201);
	assert_int_equal(json_array_size(json_object_get(j, "needs")), 14);
	json_decref(j);
	EXPECT_STATUS(http_post_json(worker, path, "{\"needs\": {\"housing\": 1}}"), 201);
	j = json_of(http_get(lawyer, "%s", path), 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	json_t *first = json_object_get(json_array_get(items, 0), "needs");
	json_t *second = json_object_get(json_array_get(items, 1), "needs");
	assert_string_equal(json_str_of(json_array_get(first, 0), "need"), "housing");
	assert_int_equal(json_int_of(json_array_get(first, 0), "urgency", -1), 1);
	assert_int_equal(json_int_of(json_array_get(second, 0), "urgency", -1), 3);
	assert_string_equal(json_str_of(json_array_get(second, 0), "note"), "sleeps at a friend's");
	json_decref(j);
	/* Sealed at rest. */
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM assessment_needs WHERE note LIKE '%friend%'"
				" OR note NOT LIKE 'k1.%'",
				(const char *)NULL),
			 0);
	/* Not on the team: reads, does not assess. */
	EXPECT_STATUS(http_post_json(lawyer, path, "{\"needs\": {}}"), 403);
	/* The web form: a refused score keeps the others; the history shows both dates. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "assessed_on", "2999-12-31");
	sb_form(&f, "urgency.housing", "urgent");
	sb_form(&f, "note.housing", "Keeps <this>");
	char web[80];
	snprintf(web, sizeof(web), "/cases/%lld/assessments", (long long)id);
	struct resp *r = http_post_form(wweb, web, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-assessed_on\""));
	assert_true(resp_has(r, "value=\"Keeps &lt;this&gt;\""));
	assert_true(resp_has(r, "value=\"urgent\" selected"));
	r = http_get(wweb, "%s/new", web);
	EXPECT_STATUS(r, 200);
	/* A re-assessment starts from the last scores (housing: low). */
	assert_true(resp_has(r, "<select name=\"urgency.housing\" aria-labelledby=\"n-housing\">"
				"<option value=\"none\">"));
	assert_true(resp_has(r, "<option value=\"low\" selected>"));
	r = http_get(wweb, "%s", web);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "First meeting"));
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld/assessments", (long long)id), 404);
}

/* The proposal of rule with service_kind/form in a recommendations answer, or NULL. */
static json_t *proposal(json_t *j, const char *kind, const char *form)
{
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		if (strcmp(json_str_of(it, "service_kind"), kind) == 0 &&
		    strcmp(json_str_of(it, "form"), form) == 0)
			return it;
	return NULL;
}

static void test_recommendations_follow_the_rules_and_take_decisions(void **state)
{
	(void)state;
	/* A trafficking victim: social-psychological and social-legal services and a place in a
	 * temporary accommodation centre, because of the category. */
	json_t *j = json_of(
	    http_get(worker, "/api/v1/cases/%lld/recommendations", (long long)karimova_case), 200);
	const char *want[][2] = { { "social_psychological", "psychotherapy" },
				  { "social_legal", "individual" },
				  { "social_household", "temporary_accommodation" } };
	for (size_t i = 0; i < 3; i++) {
		json_t *p = proposal(j, want[i][0], want[i][1]);
		if (!p)
			fail_msg("no %s/%s proposed for a trafficking victim", want[i][0],
				 want[i][1]);
		json_t *why = json_array_get(json_object_get(p, "reasons"), 0);
		assert_string_equal(json_str_of(why, "kind"), "category");
		assert_string_equal(json_str_of(why, "code"), "trafficking_victim");
		assert_true(json_is_null(json_object_get(p, "decision")));
	}
	json_decref(j);
	/* A kandas with no Kazakh, as soon as the case opens: a language course in an
	 * adaptation centre, from the registry. */
	json_t *pj =
	    json_of(http_post_json(worker, "/api/v1/persons",
				   "{\"family_name\": \"Нұрланова\", \"given_name\": \"Айым\","
				   " \"sex\": \"female\", \"categories\": [\"kandas\"],"
				   " \"legal_status\": \"kandas\", \"lang_kk\": \"none\","
				   " \"lang_ru\": \"fluent\"}"),
		    201);
	int64_t id = open_case(worker, json_int_of(pj, "id", 0), "Arrived from Mongolia");
	json_decref(pj);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations", (long long)id);
	j = json_of(http_get(worker, "%s", path), 200);
	json_t *course = proposal(j, "social_pedagogical", "adaptation_centre");
	assert_non_null(course);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	json_t *why = json_array_get(json_object_get(course, "reasons"), 1);
	assert_string_equal(json_str_of(why, "code"), "language_kk");
	assert_string_equal(json_str_of(why, "source"), "registry");
	int64_t rule = json_int_of(course, "rule_id", 0);
	json_decref(j);
	/* Decisions. */
	char decide[128];
	snprintf(decide, sizeof(decide), "%s/%lld", path, (long long)rule);
	assert_string_equal(
	    error_field(http_post_json(worker, decide, "{\"decision\": \"maybe\"}")), "decision");
	assert_string_equal(
	    error_field(http_post_json(worker, decide, "{\"decision\": \"changed\"}")), "decision");
	assert_string_equal(error_field(http_post_json(worker, decide,
						       "{\"decision\": \"changed\","
						       " \"form\": \"flying\"}")),
			    "form");
	EXPECT_STATUS(http_post_json(lawyer, decide, "{\"decision\": \"accepted\"}"), 403);
	snprintf(decide, sizeof(decide), "%s/99999", path);
	EXPECT_STATUS(http_post_json(worker, decide, "{\"decision\": \"accepted\"}"), 404);
	snprintf(decide, sizeof(decide), "%s/%lld", path, (long long)rule);
	j = json_of(http_post_json(worker, decide,
				   "{\"decision\": \"changed\", \"form\": \"training\","
				   " \"note\": \"Evening classes: she works by day\"}"),
		    200);
	json_t *d = json_object_get(j, "decision");
	assert_string_equal(json_str_of(d, "decision"), "changed");
	assert_string_equal(json_str_of(d, "form"), "training");
	assert_string_equal(json_str_of(d, "service_kind"), "social_pedagogical");
	json_decref(j);
	/* The web form: accepted instead (a decision replaces the last one). */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "decision", "accepted");
	char page[96];
	snprintf(page, sizeof(page), "/cases/%lld/recommendations/%lld", (long long)id,
		 (long long)rule);
	EXPECT_STATUS(http_post_form(wweb, page, sb_str(&f)), 303);
	sb_free(&f);
	j = json_of(http_get(worker, "%s", path), 200);
	d = json_object_get(json_array_get(json_object_get(j, "items"), 0), "decision");
	assert_string_equal(json_str_of(d, "decision"), "accepted");
	assert_string_equal(json_str_of(d, "form"), "adaptation_centre");
	json_decref(j);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM case_decisions WHERE case_id = ?1",
				i64s(id), (const char *)NULL),
			 1);
	/* An assessment that finds Kazakh sufficient ends the proposal; the decision stays
	 * listed, no longer current. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/assessments", (long long)id);
	EXPECT_STATUS(http_post_json(worker, path, "{\"needs\": {\"language_kk\": 1}}"), 201);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations", (long long)id);
	j = json_of(http_get(worker, "%s", path), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_false(json_is_true(
	    json_object_get(json_array_get(json_object_get(j, "items"), 0), "current")));
	json_decref(j);
	struct resp *r = http_get(wweb, "/cases/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
}

static struct resp *post_rule(const char *path, const char *version, const char *category,
			      const char *label, bool active)
{
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", aweb->csrf);
	if (version)
		sb_form(&f, "version", version);
	if (category)
		sb_form(&f, "category", category);
	sb_form(&f, "min_urgency", "moderate");
	sb_form(&f, "function", "integration");
	sb_form(&f, "means", "collective");
	sb_form(&f, "service_kind", "information");
	sb_form(&f, "form", "training");
	/* The same label in every language: the pages show the user's. */
	sb_form(&f, "label_kk", label);
	sb_form(&f, "label_ru", label);
	sb_form(&f, "label_en", label);
	if (active)
		sb_form(&f, "active", "1");
	struct resp *r = http_post_form(aweb, path, sb_str(&f));
	sb_free(&f);
	return r;
}

/* The rules are data an administrator edits: a new rule proposes at once, a deactivated one
 * no longer does, a stale edit is told, and a hostile label is shown as text. */
static void test_an_administrator_edits_the_rules(void **state)
{
	(void)state;
	EXPECT_STATUS(http_get(wweb, "/rules"), 403);
	EXPECT_STATUS(http_get(aweb, "/rules"), 200);
	int64_t before =
	    db_int(&srv, "SELECT COUNT(*) FROM recommendation_rules", (const char *)NULL);
	/* No condition: refused, the input kept. */
	struct resp *r = post_rule("/rules", NULL, NULL, "Keep this label", true);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-category\""));
	assert_true(resp_has(r, "value=\"Keep this label\""));
	assert_int_equal(
	    db_int(&srv, "SELECT COUNT(*) FROM recommendation_rules", (const char *)NULL), before);
	/* A rule for internal migrants, with a hostile label. */
	const char *evil = "<script>alert('rule')</script>";
	EXPECT_STATUS(post_rule("/rules", NULL, "internal_migrant", evil, true), 303);
	int64_t rule = db_int(&srv, "SELECT MAX(id) FROM recommendation_rules", (const char *)NULL);
	int64_t person = person_by_name("Омарова", "Жанар");
	int64_t id = open_case(worker, person, "Moved to Astana for work");
	json_t *j =
	    json_of(http_get(worker, "/api/v1/cases/%lld/recommendations", (long long)id), 200);
	assert_non_null(proposal(j, "information", "training"));
	json_decref(j);
	r = http_get(aweb, "/cases/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "<script>alert('rule')"));
	assert_true(resp_has(r, "&lt;script&gt;alert(&#39;rule&#39;)"));
	/* Two edits from version 1: the second is told, and keeps its input. */
	char rule_path[64];
	snprintf(rule_path, sizeof(rule_path), "/rules/%lld", (long long)rule);
	EXPECT_STATUS(post_rule(rule_path, "1", "internal_migrant", "Classes", false), 303);
	r = post_rule(rule_path, "1", "internal_migrant", "My wording", true);
	EXPECT_STATUS(r, 409);
	assert_true(resp_has(r, "value=\"My wording\""));
	/* Deactivated: no longer proposed. */
	j = json_of(http_get(worker, "/api/v1/cases/%lld/recommendations", (long long)id), 200);
	assert_null(proposal(j, "information", "training"));
	json_decref(j);
	EXPECT_STATUS(http_get(aweb, "/rules/99999"), 404);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM audit WHERE entity = 'rule' AND"
				" entity_id = ?1",
				i64s(rule), (const char *)NULL),
			 2);
}

static json_t *get_plan(struct client *c, int64_t id)
{
	return json_of(http_get(c, "/api/v1/cases/%lld/plan", (long long)id), 200);
}

/* The individual plan: accepted proposals become goals, tasks with a responsible and a due
 * date, a supervisor's approval that a later change undoes, reviews that set the next one,
 * and the caseload's week. */
static void test_the_plan(void **state)
{
	(void)state;
	/* A case opened in the past, so that a task can be overdue and a review due. */
	char body[256];
	snprintf(
	    body, sizeof(body),
	    "{\"person_id\": %lld, \"opening_reason\": \"Plan\", \"opened_on\": \"2026-01-10\"}",
	    (long long)person_by_name("Abdullaev", "Rustam"));
	json_t *j = json_of(http_post_json(worker, "/api/v1/cases", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	j = get_plan(worker, id);
	assert_string_equal(json_str_of(j, "next_review_on"), "2026-02-09");
	assert_false(json_is_true(json_object_get(j, "needs_approval")));
	json_decref(j);
	/* An accepted proposal becomes a goal with its codes; a rejected one drops it. */
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/assessments", (long long)id);
	EXPECT_STATUS(
	    http_post_json(worker, path, "{\"needs\": {\"housing\": 3, \"employment\": 2}}"), 201);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations", (long long)id);
	j = json_of(http_get(worker, "%s", path), 200);
	int64_t housing = json_int_of(proposal(j, "social_household", "individual"), "rule_id", 0);
	int64_t work = json_int_of(proposal(j, "social_labour", "individual"), "rule_id", 0);
	json_decref(j);
	assert_true(housing > 0 && work > 0);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations/%lld", (long long)id,
		 (long long)housing);
	EXPECT_STATUS(http_post_json(worker, path, "{\"decision\": \"accepted\"}"), 200);
	EXPECT_STATUS(http_post_json(worker, path, "{\"decision\": \"accepted\"}"), 200);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/recommendations/%lld", (long long)id,
		 (long long)work);
	EXPECT_STATUS(http_post_json(worker, path, "{\"decision\": \"accepted\"}"), 200);
	EXPECT_STATUS(http_post_json(worker, path, "{\"decision\": \"rejected\"}"), 200);
	j = get_plan(worker, id);
	json_t *goals = json_object_get(j, "goals");
	assert_int_equal(json_array_size(goals), 2); /* once per rule */
	json_t *g0 = json_array_get(goals, 0);
	assert_string_equal(json_str_of(g0, "service_kind"), "social_household");
	assert_string_equal(json_str_of(g0, "status"), "open");
	assert_string_equal(json_str_of(json_array_get(goals, 1), "status"), "dropped");
	int64_t goal = json_int_of(g0, "id", 0);
	assert_true(json_is_true(json_object_get(j, "needs_approval")));
	json_decref(j);
	/* Tasks: refused input names its field; a task of another case's goal is not found. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/goals/%lld/tasks", (long long)id,
		 (long long)goal);
	assert_string_equal(error_field(http_post_json(worker, path, "{}")), "title");
	assert_string_equal(error_field(http_post_json(worker, path,
						       "{\"title\": \"x\", \"responsible_id\": 1,"
						       " \"due_on\": \"2025-12-31\"}")),
			    "due_on");
	snprintf(body, sizeof(body),
		 "{\"title\": \"x\", \"responsible_id\": %lld, \"due_on\": \"2026-02-01\"}",
		 (long long)ngo_id);
	assert_string_equal(error_field(http_post_json(worker, path, body)), "responsible_id");
	/* Nor someone of the organisation who is not on the team (and may not see the case). */
	snprintf(body, sizeof(body),
		 "{\"title\": \"x\", \"responsible_id\": %lld, \"due_on\": \"2026-02-01\"}",
		 (long long)lawyer_id);
	assert_string_equal(error_field(http_post_json(worker, path, body)), "responsible_id");
	int64_t me =
	    db_int(&srv, "SELECT id FROM users WHERE login = 'worker'", (const char *)NULL);
	snprintf(body, sizeof(body),
		 "{\"title\": \"Visit the rental office\", \"responsible_id\": %lld,"
		 " \"due_on\": \"2026-02-01\"}",
		 (long long)me);
	j = json_of(http_post_json(worker, path, body), 201);
	json_t *task = json_array_get(
	    json_object_get(json_array_get(json_object_get(j, "goals"), 0), "tasks"), 0);
	int64_t task_id = json_int_of(task, "id", 0);
	assert_string_equal(json_str_of(task, "status"), "todo");
	json_decref(j);
	char other[128];
	snprintf(other, sizeof(other), "/api/v1/cases/%lld/goals/%lld/tasks",
		 (long long)karimova_case, (long long)goal);
	snprintf(body, sizeof(body),
		 "{\"title\": \"x\", \"responsible_id\": %lld, \"due_on\": \"2099-01-01\"}",
		 (long long)me);
	EXPECT_STATUS(http_post_json(worker, other, body), 404);
	/* The web forms: a refused task keeps its input; the page shows the plan. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "title", "Call <the> employer");
	sb_form(&f, "due_on", "not a date");
	char page[96];
	snprintf(page, sizeof(page), "/cases/%lld/goals/%lld/tasks", (long long)id,
		 (long long)goal);
	struct resp *r = http_post_form(wweb, page, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "value=\"Call &lt;the&gt; employer\""));
	/* The caseload shows the overdue task and the review that is due. */
	r = http_get(wweb, "/cases");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Visit the rental office"));
	char link[48];
	snprintf(link, sizeof(link), "href=\"/cases/%lld\"", (long long)id);
	assert_true(resp_has(r, link));
	/* Approval: a supervisor's, once there is something to approve; a change undoes it. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/plan/approval", (long long)id);
	EXPECT_STATUS(http_post_json(worker, path, "{}"), 403);
	j = json_of(http_post_json(sup, path, "{}"), 200);
	assert_true(json_is_object(json_object_get(j, "approved")));
	assert_false(json_is_true(json_object_get(j, "needs_approval")));
	json_decref(j);
	EXPECT_STATUS(http_post_json(sup, path, "{}"), 422);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/goals", (long long)id);
	assert_string_equal(error_field(http_post_json(worker, path, "{\"title\": \"  \"}")),
			    "title");
	assert_string_equal(
	    error_field(http_post_json(worker, path, "{\"title\": \"x\", \"form\": \"flying\"}")),
	    "form");
	j = json_of(http_post_json(worker, path, "{\"title\": \"Open a bank account\"}"), 201);
	assert_true(json_is_true(json_object_get(j, "changed_since_approval")));
	assert_true(json_is_true(json_object_get(j, "needs_approval")));
	json_decref(j);
	/* Task done; goal achieved; bad statuses. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/tasks/%lld", (long long)id,
		 (long long)task_id);
	assert_string_equal(error_field(http_patch_json(worker, path, "{\"status\": \"gone\"}")),
			    "status");
	j = json_of(http_patch_json(worker, path, "{\"status\": \"done\"}"), 200);
	task = json_array_get(
	    json_object_get(json_array_get(json_object_get(j, "goals"), 0), "tasks"), 0);
	assert_string_equal(json_str_of(task, "status"), "done");
	assert_non_null(json_str_of(task, "done_on"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/goals/%lld", (long long)id,
		 (long long)goal);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"status\": \"achieved\"}"), 200);
	/* The same status again changes nothing: no audit row. */
	int64_t rows = db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action = 'plan.goal_status'",
			      (const char *)NULL);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"status\": \"achieved\"}"), 200);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM audit WHERE action = 'plan.goal_status'",
				(const char *)NULL),
			 rows);
	EXPECT_STATUS(http_patch_json(lawyer, path, "{\"status\": \"open\"}"), 403);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/goals/99999", (long long)id);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"status\": \"open\"}"), 404);
	/* A review sets the next one 30 days on; its note is sealed. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/reviews", (long long)id);
	assert_string_equal(error_field(http_post_json(worker, path, "{}")), "note");
	j = json_of(
	    http_post_json(worker, path,
			   "{\"reviewed_on\": \"2026-03-01\", \"note\": \"Housed; next: work\"}"),
	    201);
	assert_string_equal(json_str_of(j, "next_review_on"), "2026-03-31");
	assert_string_equal(json_str_of(json_array_get(json_object_get(j, "reviews"), 0), "note"),
			    "Housed; next: work");
	json_decref(j);
	/* A review dated back does not move the next one. */
	j = json_of(http_post_json(worker, path,
				   "{\"reviewed_on\": \"2026-02-01\", \"note\": \"Late entry\"}"),
		    201);
	assert_string_equal(json_str_of(j, "next_review_on"), "2026-03-31");
	json_decref(j);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM case_reviews WHERE note NOT LIKE 'k1.%'",
				(const char *)NULL),
			 0);
	r = http_get(wweb, "/cases/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Open a bank account"));
}

/* The id of the catalogue entry labelled label_en. */
static int64_t type_id(const char *label_en)
{
	return db_int(&srv, "SELECT id FROM service_types WHERE label_en = ?1", label_en,
		      (const char *)NULL);
}

static struct resp *add_service(struct client *c, int64_t case_id, const char *extra)
{
	char path[64], body[512];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services", (long long)case_id);
	snprintf(body, sizeof(body),
		 "{\"form\": \"individual\", \"function\": \"adaptation\", \"means\":"
		 " \"individual\"%s%s}",
		 *extra ? ", " : "", extra);
	return http_post_json(c, path, body);
}

/* Services delivered, material assistance and loans; the catalogue the administrators keep. */
static void test_services_assistance_and_loans(void **state)
{
	(void)state;
	int64_t id = open_case(worker, own_person, "Services");
	char extra[256];
	/* A consultation: the kind follows the catalogue entry. */
	snprintf(
	    extra, sizeof(extra),
	    "\"type_id\": %lld, \"minutes\": 45, \"result\": \"Explained the residence rules\"",
	    (long long)type_id("legal consultation"));
	json_t *j = json_of(add_service(worker, id, extra), 201);
	assert_string_equal(json_str_of(j, "service_kind"), "social_legal");
	assert_true(json_is_null(json_object_get(j, "loan")));
	json_decref(j);
	/* Refusals, each naming its field. */
	static const struct {
		const char *label, *extra, *field;
	} bad[] = {
		{ NULL, "", "type_id" },
		{ "cash assistance", "\"assistance\": \"cash\"", "amount" },
		{ "cash assistance", "\"assistance\": \"cash\", \"amount\": 500000", "currency" },
		{ "cash assistance", "\"assistance\": \"gold\"", "assistance" },
		{ "legal consultation", "\"amount\": 100, \"currency\": \"KZT\"", "amount" },
		{ "legal consultation", "\"minutes\": 99999", "minutes" },
		{ "legal consultation", "\"delivered_on\": \"2000-01-01\"", "delivered_on" },
		{ "loan", "\"amount\": 100000, \"currency\": \"KZT\"", "installments" },
		{ "legal consultation", "\"installments\": 3", "installments" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (bad[i].label)
			snprintf(extra, sizeof(extra), "\"type_id\": %lld, %s",
				 (long long)type_id(bad[i].label), bad[i].extra);
		else
			snprintf(extra, sizeof(extra), "%s", bad[i].extra);
		const char *f = error_field(add_service(worker, id, extra));
		if (strcmp(f, bad[i].field) != 0)
			fail_msg("%s: field %s, want %s", extra, f, bad[i].field);
	}
	/* Cash assistance; in kind with no amount. */
	snprintf(extra, sizeof(extra),
		 "\"type_id\": %lld, \"assistance\": \"cash\", \"amount\": 2500000,"
		 " \"currency\": \"KZT\"",
		 (long long)type_id("cash assistance"));
	j = json_of(add_service(worker, id, extra), 201);
	assert_int_equal(json_int_of(j, "amount", 0), 2500000);
	json_decref(j);
	snprintf(extra, sizeof(extra), "\"type_id\": %lld, \"assistance\": \"in_kind\"",
		 (long long)type_id("food and clothing"));
	EXPECT_STATUS(add_service(worker, id, extra), 201);
	/* A loan of 100,000.00 KZT in three parts: the schedule adds up; repayments lower the
	 * balance and cannot exceed it. */
	snprintf(extra, sizeof(extra),
		 "\"type_id\": %lld, \"amount\": 10000000, \"currency\": \"KZT\","
		 " \"installments\": 3, \"first_due_on\": \"2027-01-15\"",
		 (long long)type_id("loan"));
	j = json_of(add_service(worker, id, extra), 201);
	json_t *loan = json_object_get(j, "loan");
	json_t *sched = json_object_get(loan, "schedule");
	assert_int_equal(json_array_size(sched), 3);
	int64_t sum = 0;
	for (size_t i = 0; i < 3; i++)
		sum += json_int_of(json_array_get(sched, i), "amount", 0);
	assert_int_equal(sum, 10000000);
	assert_string_equal(json_str_of(json_array_get(sched, 1), "due_on"), "2027-02-14");
	int64_t loan_id = json_int_of(j, "id", 0);
	json_decref(j);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services/%lld/repayments", (long long)id,
		 (long long)loan_id);
	assert_string_equal(error_field(http_post_json(worker, path, "{\"amount\": 20000000}")),
			    "amount");
	assert_string_equal(error_field(http_post_json(
				worker, path, "{\"amount\": 100, \"paid_on\": \"2999-01-01\"}")),
			    "paid_on");
	j = json_of(http_post_json(worker, path, "{\"amount\": 3000000}"), 201);
	assert_int_equal(json_int_of(json_object_get(j, "loan"), "balance", 0), 7000000);
	json_decref(j);
	EXPECT_STATUS(http_post_json(lawyer, path, "{\"amount\": 100}"), 403);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services/%lld/repayments", (long long)id,
		 (long long)(loan_id - 1)); /* the in-kind assistance: not a loan */
	EXPECT_STATUS(http_post_json(worker, path, "{\"amount\": 100}"), 404);
	/* The web form: a bad amount keeps the rest; then recorded, and shown. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "type_id", i64s(type_id("cash assistance")));
	sb_form(&f, "form", "individual");
	sb_form(&f, "function", "adaptation");
	sb_form(&f, "means", "individual");
	sb_form(&f, "delivered_on", "2026-11-20");
	sb_form(&f, "assistance", "cash");
	sb_form(&f, "amount", "lots");
	sb_form(&f, "currency", "KZT");
	sb_form(&f, "result", "For rent <deposit>");
	char page[64];
	snprintf(page, sizeof(page), "/cases/%lld/services", (long long)id);
	struct resp *r = http_post_form(wweb, page, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "id=\"e-s-amount\""));
	assert_true(resp_has(r, "For rent &lt;deposit&gt;"));
	/* A marked select carries real attributes (not escaped text). */
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "assistance", "gold");
	r = http_post_form(wweb, page, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(
	    resp_has(r, "<select id=\"f-s-type_id\" name=\"type_id\" aria-invalid=\"true\""));
	assert_false(resp_has(r, "&quot;true&quot;"));
	/* The catalogue: an administrator turns an entry off; it is no longer offered. */
	EXPECT_STATUS(http_get(wweb, "/service-types"), 403);
	struct sbuf t = { 0 };
	sb_form(&t, "_csrf", aweb->csrf);
	sb_form(&t, "active", "0");
	char entry[64];
	snprintf(entry, sizeof(entry), "/service-types/%lld", (long long)type_id("cultural event"));
	EXPECT_STATUS(http_post_form(aweb, entry, sb_str(&t)), 303);
	sb_free(&t);
	snprintf(extra, sizeof(extra), "\"type_id\": %lld", (long long)type_id("cultural event"));
	assert_string_equal(error_field(add_service(worker, id, extra)), "type_id");
	sb_form(&t, "_csrf", aweb->csrf);
	sb_form(&t, "service_kind", "social_cultural");
	sb_form(&t, "label_kk", "Наурыз мерекесі");
	sb_form(&t, "label_ru", "Праздник Наурыз");
	sb_form(&t, "label_en", "Nauryz celebration");
	EXPECT_STATUS(http_post_form(aweb, "/service-types", sb_str(&t)), 303);
	sb_free(&t);
	snprintf(extra, sizeof(extra), "\"type_id\": %lld",
		 (long long)type_id("Nauryz celebration"));
	EXPECT_STATUS(add_service(worker, id, extra), 201);
	r = http_get(wweb, "/cases/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "25 000.00 KZT"));
	/* Across cases: cut by the classification and dates, within the access rule. */
	j = json_of(http_get(worker,
			     "/api/v1/services?service_kind=social_legal&person_id=%lld"
			     "&limit=200",
			     (long long)own_person),
		    200);
	size_t i, legal = 0;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it) {
		assert_string_equal(json_str_of(it, "service_kind"), "social_legal");
		legal += json_int_of(it, "case_id", 0) == id;
	}
	assert_true(legal >= 1);
	json_decref(j);
	j = json_of(http_get(worker, "/api/v1/services?mine=1&from=2000-01-01&to=2099-12-31"
				     "&limit=200"),
		    200);
	assert_true(json_array_size(json_object_get(j, "items")) >= 3);
	json_decref(j);
	j = json_of(http_get(ngo, "/api/v1/services?limit=200"), 200);
	json_array_foreach (json_object_get(j, "items"), i, it)
		assert_int_not_equal(json_int_of(it, "case_id", 0), id);
	json_decref(j);
	EXPECT_STATUS(http_get(analyst, "/api/v1/services"), 403);
	assert_string_equal(error_field(http_get(worker, "/api/v1/services?from=yesterday")),
			    "from");
	assert_string_equal(error_field(http_get(worker, "/api/v1/services?form=circle")), "form");
}

/* Legal-status and document deadlines: on the case page, the caseload and in the API. */
static void test_deadlines(void **state)
{
	(void)state;
	char today[11], arrived[11], granted[11], expires[11], body[640];
	date_today(today);
	assert_true(date_add_days(today, -10, arrived));
	assert_true(date_add_days(today, -330, granted));
	assert_true(date_add_days(today, 30, expires));
	/* The dates are checked. */
	snprintf(body, sizeof(body),
		 "{\"family_name\": \"Test\", \"given_name\": \"Dates\", \"sex\": \"male\","
		 " \"legal_status_since\": \"%s\"}",
		 granted);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/persons", body)),
			    "legal_status_since");
	snprintf(body, sizeof(body),
		 "{\"family_name\": \"Test\", \"given_name\": \"Dates\", \"sex\": \"male\","
		 " \"arrival_date\": \"%s\", \"asylum_petition_on\": \"2020-01-01\"}",
		 arrived);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/persons", body)),
			    "asylum_petition_on");
	/* An asylum seeker who arrived ten days ago, no petition, a passport expiring soon. */
	snprintf(body, sizeof(body),
		 "{\"family_name\": \"Самади\", \"given_name\": \"Карим\", \"sex\": \"male\","
		 " \"legal_status\": \"asylum_seeker\", \"arrival_date\": \"%s\","
		 " \"documents\": [{\"type\": \"passport\", \"number\": \"P7777777\","
		 " \"expires_on\": \"%s\"}]}",
		 arrived, expires);
	json_t *pj = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t pid = json_int_of(pj, "id", 0);
	json_decref(pj);
	int64_t id = open_case(worker, pid, "Asylum");
	json_t *j = json_of(http_get(worker, "/api/v1/cases/%lld/deadlines", (long long)id), 200);
	json_t *items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 2);
	json_t *petition = json_array_get(items, 0);
	assert_string_equal(json_str_of(petition, "kind"), "asylum_petition");
	assert_true(json_is_true(json_object_get(petition, "overdue")));
	assert_string_equal(json_str_of(json_array_get(items, 1), "kind"), "document");
	json_decref(j);
	/* In the worker's deadlines, not in the lawyer's. */
	j = json_of(http_get(worker, "/api/v1/deadlines"), 200);
	bool found = false;
	size_t i;
	json_t *it;
	json_array_foreach (json_object_get(j, "items"), i, it)
		found |= json_int_of(it, "case_id", 0) == id;
	assert_true(found);
	json_decref(j);
	j = json_of(http_get(lawyer, "/api/v1/deadlines"), 200);
	json_array_foreach (json_object_get(j, "items"), i, it)
		assert_int_not_equal(json_int_of(it, "case_id", 0), id);
	json_decref(j);
	EXPECT_STATUS(http_get(analyst, "/api/v1/deadlines"), 403);
	EXPECT_STATUS(http_get(ngo, "/api/v1/cases/%lld/deadlines", (long long)id), 404);
	/* On the caseload page. */
	struct resp *r = http_get(wweb, "/cases");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "P7777777"));
	/* Filed late: flagged. */
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)pid);
	snprintf(body, sizeof(body), "{\"version\": 1, \"asylum_petition_on\": \"%s\"}", today);
	EXPECT_STATUS(http_patch_json(worker, path, body), 200);
	j = json_of(http_get(worker, "/api/v1/cases/%lld/deadlines", (long long)id), 200);
	petition = json_array_get(json_object_get(j, "items"), 0);
	assert_true(json_is_true(json_object_get(petition, "late")));
	assert_false(json_is_true(json_object_get(petition, "overdue")));
	json_decref(j);
	/* A new status needs its own grant date, not the old one's. */
	snprintf(body, sizeof(body), "{\"version\": 2, \"legal_status_since\": \"%s\"}", arrived);
	EXPECT_STATUS(http_patch_json(worker, path, body), 200);
	assert_string_equal(error_field(http_patch_json(
				worker, path, "{\"version\": 3, \"legal_status\": \"refugee\"}")),
			    "legal_status_since");
	snprintf(body, sizeof(body),
		 "{\"version\": 3, \"legal_status\": \"refugee\", \"legal_status_since\": \"%s\"}",
		 today);
	EXPECT_STATUS(http_patch_json(worker, path, body), 200);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_read_and_list),
		cmocka_unit_test(test_opening_refuses_bad_input_and_writes_nothing),
		cmocka_unit_test(test_status_moves_and_stale_versions),
		cmocka_unit_test(test_closure_is_asked_for_then_approved_and_reopened),
		cmocka_unit_test(test_confidential_notes_are_for_the_author_and_supervisors),
		cmocka_unit_test(test_a_co_worker_sees_the_restricted_person),
		cmocka_unit_test(test_web_forms),
		cmocka_unit_test(test_assessments_are_kept_and_refuse_bad_scores),
		cmocka_unit_test(test_recommendations_follow_the_rules_and_take_decisions),
		cmocka_unit_test(test_an_administrator_edits_the_rules),
		cmocka_unit_test(test_the_plan),
		cmocka_unit_test(test_services_assistance_and_loans),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_erasure_empties_what_was_written),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
