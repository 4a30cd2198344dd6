/* test_groups.c: groups of the collective form over HTTP (issue 7, part 1). The demo's course
 * as each role sees it (the protected member named only to those who may see her); a group
 * made through the API, with members who join and leave; sessions with their attendance and
 * the counts that follow from it; refusals that name their field and write nothing; a closed
 * group; a person's groups; the web forms; erasure. */
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
static struct client *worker, *sup, *psy, *analyst, *ngo;
static struct client *wweb, *pweb;
static int64_t course, karimova, worker_id, ngo_person;
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
	struct client **api[] = { &worker, &sup, &psy, &analyst, &ngo };
	const char *logins[] = { "worker", "supervisor", "psychologist", "analyst", "ngo-worker" };
	for (size_t i = 0; i < sizeof(api) / sizeof(api[0]); i++) {
		*api[i] = client_new(&srv);
		if (api_login(*api[i], logins[i], DEMO_PASSWORD) != 201)
			goto fail;
	}
	wweb = client_new(&srv);
	pweb = client_new(&srv);
	if (web_login(wweb, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(pweb, "psychologist", DEMO_PASSWORD) != 303)
		goto fail;
	course = q("SELECT MIN(id) FROM work_groups WHERE kind = ?1", "language_course");
	karimova = q("SELECT id FROM persons WHERE family_name = ?1", "Karimova");
	worker_id = q("SELECT id FROM users WHERE login = ?1", "worker");
	ngo_person = q("SELECT MIN(id) FROM persons WHERE org_id <> (SELECT org_id FROM users"
		       " WHERE login = ?1)",
		       "worker");
	if (course <= 0 || karimova <= 0 || ngo_person <= 0)
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

static struct resp *post2(struct client *c, const char *body, const char *fmt, int64_t a, int64_t b)
{
	char path[160];
	snprintf(path, sizeof(path), fmt, (long long)a, (long long)b);
	return http_post_json(c, path, body);
}

static int64_t new_person(const char *family, const char *given)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"%s\",\"given_name\":\"%s\",\"sex\":\"female\","
		 "\"birth_date\":\"1985-03-04\",\"confirm_new\":true}",
		 family, given);
	json_t *j = json_of(http_post_json(worker, "/api/v1/persons", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* A group made by the worker: its id. */
static int64_t new_group(const char *name, const char *starts_on)
{
	char body[256];
	snprintf(body, sizeof(body),
		 "{\"kind\":\"self_help\",\"name\":\"%s\",\"starts_on\":\"%s\","
		 "\"facilitator_id\":%lld}",
		 name, starts_on, (long long)worker_id);
	json_t *j = json_of(http_post_json(worker, "/api/v1/groups", body), 201);
	int64_t id = json_int_of(j, "id", 0);
	assert_string_equal(json_str_of(j, "form"), "self_help_group"); /* the kind's */
	json_decref(j);
	return id;
}

/* Adds a person from a date: the membership's id (0 if refused). */
static int64_t join(int64_t group, int64_t person, const char *on)
{
	char body[128];
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"joined_on\":\"%s\"}", (long long)person,
		 on);
	struct resp *r = post(worker, body, "/api/v1/groups/%lld/members", group);
	if (r->status != 201)
		return 0;
	return db_int(&srv,
		      "SELECT id FROM group_members WHERE group_id = ?1 AND person_id = ?2"
		      " AND left_on IS NULL",
		      i64s(group), i64s(person), (const char *)NULL);
}

/* The member of j (a group's JSON) who is person: their "sessions_attended"/"_held". */
static void attendance_of(json_t *j, int64_t person, int64_t *attended, int64_t *held)
{
	size_t i;
	json_t *m;
	*attended = *held = -1;
	json_array_foreach (json_object_get(j, "members"), i, m) {
		json_t *p = json_object_get(m, "person");
		if (json_is_object(p) && json_int_of(p, "id", 0) == person &&
		    json_is_null(json_object_get(m, "left_on"))) {
			*attended = json_int_of(m, "sessions_attended", -1);
			*held = json_int_of(m, "sessions_held", -1);
		}
	}
}

static void test_the_demo_course_as_each_role_sees_it(void **state)
{
	(void)state;
	/* The worker holds the protected person's record: four members, all named. */
	json_t *j = json_of(http_get(worker, "/api/v1/groups/%lld", (long long)course), 200);
	json_t *m = json_object_get(j, "members");
	assert_int_equal(json_array_size(m), 4);
	size_t i, nameless = 0;
	json_t *x;
	json_array_foreach (m, i, x)
		nameless += json_is_null(json_object_get(x, "person"));
	assert_int_equal(nameless, 0);
	assert_int_equal(json_array_size(json_object_get(j, "sessions")), 2);
	assert_int_equal(json_int_of(j, "members_now", 0), 4);
	json_decref(j);
	/* The psychologist: three named and "a protected person", on every route. */
	struct resp *r = http_get(psy, "/api/v1/groups/%lld", (long long)course);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	j = resp_json(r);
	nameless = 0;
	json_array_foreach (json_object_get(j, "members"), i, x)
		nameless += json_is_null(json_object_get(x, "person"));
	assert_int_equal(nameless, 1);
	int64_t first = json_int_of(json_array_get(json_object_get(j, "sessions"), 1), "id", 0);
	json_decref(j);
	r = http_get(psy, "/api/v1/groups/%lld/sessions/%lld", (long long)course, (long long)first);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	r = http_get(pweb, "/groups/%lld", (long long)course);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	/* (in the psychologist's language) */
	assert_true(resp_has(r, "a protected person") || resp_has(r, "қорғалатын адам") ||
		    resp_has(r, "защищаемое лицо"));
	r = http_get(pweb, "/groups/%lld/sessions/%lld", (long long)course, (long long)first);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Karimova"));
	assert_false(resp_has(r, i64s(karimova)));
	EXPECT_STATUS(http_get(psy, "/api/v1/persons/%lld/groups", (long long)karimova), 404);
	/* Analysts see no group; another organisation's user finds none. */
	EXPECT_STATUS(http_get(analyst, "/api/v1/groups"), 403);
	EXPECT_STATUS(http_get(analyst, "/api/v1/groups/%lld", (long long)course), 403);
	EXPECT_STATUS(http_get(ngo, "/api/v1/groups/%lld", (long long)course), 404);
	r = http_get(ngo, "/api/v1/groups");
	EXPECT_STATUS(r, 200);
	j = resp_json(r);
	json_array_foreach (json_object_get(j, "items"), i, x)
		assert_int_not_equal(json_int_of(x, "id", 0), course);
	json_decref(j);
	/* Every member shown is a view, audited; the protected one's at once. */
	assert_true(q("SELECT COUNT(*) FROM viewlog.audit WHERE action = 'group.view' AND"
		      " entity_id = ?1",
		      i64s(karimova)) >= 1);
}

static void test_members_join_and_leave(void **state)
{
	(void)state;
	int64_t g = new_group("Өзара көмек", "2026-01-01");
	int64_t a = new_person("Мүше", "Бірінші");
	int64_t m = join(g, a, "2026-02-01");
	assert_true(m > 0);
	char body[160];
	/* A member once; another organisation's person, nobody, a date ahead: refused. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)a);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "person_id");
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)ngo_person);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "person_id");
	assert_string_equal(
	    error_field(post(worker, "{\"person_id\":0}", "/api/v1/groups/%lld/members", g)),
	    "person_id");
	int64_t b = new_person("Мүше", "Екінші");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"joined_on\":\"2999-01-01\"}",
		 (long long)b);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "joined_on");
	/* The psychologist may not add the protected person they do not see. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)karimova);
	assert_string_equal(error_field(post(psy, body, "/api/v1/groups/%lld/members", g)),
			    "person_id");
	assert_int_equal(q("SELECT COUNT(*) FROM group_members WHERE group_id = ?1", i64s(g)), 1);
	/* Leaving: not before joining; once. */
	assert_string_equal(error_field(post2(worker, "{\"date\":\"2026-01-15\"}",
					      "/api/v1/groups/%lld/members/%lld/leave", g, m)),
			    "date");
	json_decref(json_of(post2(worker, "{\"date\":\"2026-03-01\"}",
				  "/api/v1/groups/%lld/members/%lld/leave", g, m),
			    200));
	EXPECT_STATUS(post2(worker, "{\"date\":\"2026-03-01\"}",
			    "/api/v1/groups/%lld/members/%lld/leave", g, m),
		      409);
	/* Joining again: not back in the time they were a member, nor on the day they left. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"joined_on\":\"2026-02-15\"}",
		 (long long)a);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "joined_on");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"joined_on\":\"2026-03-01\"}",
		 (long long)a);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "joined_on");
	assert_true(join(g, a, "2026-03-02") > 0);
	assert_int_equal(q("SELECT COUNT(*) FROM group_members WHERE group_id = ?1", i64s(g)), 2);
	/* The person's groups, as the API and their page list them. */
	json_t *j = json_of(http_get(worker, "/api/v1/persons/%lld/groups", (long long)a), 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_string_equal(json_str_of(json_array_get(json_object_get(j, "items"), 0), "group"),
			    "Өзара көмек");
	json_decref(j);
	struct resp *r = http_get(wweb, "/persons/%lld", (long long)a);
	EXPECT_STATUS(r, 200);
	char href[64];
	snprintf(href, sizeof(href), "href=\"/groups/%lld\"", (long long)g);
	assert_true(resp_has(r, href));
	assert_true(resp_has(r, "id=\"groups-h\""));
	r = http_get(wweb, "/persons/%lld", (long long)b);
	assert_false(resp_has(r, "id=\"groups-h\""));
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'group.join' AND"
			   " entity_id = ?1",
			   i64s(a)),
			 2);
}

static void test_sessions_and_attendance(void **state)
{
	(void)state;
	int64_t g = new_group("Сабақтар", "2026-01-01");
	int64_t a = new_person("Қатысушы", "Бір");
	int64_t b = new_person("Қатысушы", "Екі");
	int64_t c = new_person("Қатысушы", "Үш");
	assert_true(join(g, a, "2026-01-01") > 0);
	assert_true(join(g, b, "2026-01-01") > 0);
	assert_true(join(g, c, "2026-02-01") > 0);
	char body[256];
	/* On 10 January only a and b were members: c cannot be marked. */
	snprintf(body, sizeof(body),
		 "{\"held_on\":\"2026-01-10\",\"topic\":\"Бірінші\",\"unregistered\":3,"
		 "\"present\":[%lld,%lld]}",
		 (long long)a, (long long)c);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/sessions", g)),
			    "present");
	assert_int_equal(q("SELECT COUNT(*) FROM group_sessions WHERE group_id = ?1", i64s(g)), 0);
	/* Other refusals: a date ahead, before the group started, a negative count, no topic. */
	assert_string_equal(error_field(post(worker, "{\"held_on\":\"2999-01-01\",\"topic\":\"x\"}",
					     "/api/v1/groups/%lld/sessions", g)),
			    "held_on");
	assert_string_equal(error_field(post(worker, "{\"held_on\":\"2025-12-31\",\"topic\":\"x\"}",
					     "/api/v1/groups/%lld/sessions", g)),
			    "held_on");
	assert_string_equal(error_field(post(worker, "{\"topic\":\"x\",\"unregistered\":-1}",
					     "/api/v1/groups/%lld/sessions", g)),
			    "unregistered");
	assert_string_equal(error_field(post(worker, "{\"held_on\":\"2026-01-10\"}",
					     "/api/v1/groups/%lld/sessions", g)),
			    "topic");
	assert_int_equal(q("SELECT COUNT(*) FROM group_sessions WHERE group_id = ?1", i64s(g)), 0);
	snprintf(body, sizeof(body),
		 "{\"held_on\":\"2026-01-10\",\"topic\":\"Бірінші\",\"unregistered\":3,"
		 "\"present\":[%lld]}",
		 (long long)a);
	json_t *j = json_of(post(worker, body, "/api/v1/groups/%lld/sessions", g), 201);
	int64_t s1 = json_int_of(j, "id", 0);
	assert_int_equal(json_int_of(j, "present", -1), 1);
	assert_int_equal(json_int_of(j, "unregistered", -1), 3);
	assert_int_equal(json_array_size(json_object_get(j, "attendance")), 2); /* a and b */
	json_decref(j);
	snprintf(body, sizeof(body),
		 "{\"held_on\":\"2026-02-10\",\"topic\":\"Екінші\",\"present\":[%lld,%lld,%lld]}",
		 (long long)a, (long long)b, (long long)c);
	json_decref(json_of(post(worker, body, "/api/v1/groups/%lld/sessions", g), 201));
	/* a came twice of two, b once of two, c once of one (she joined after the first). */
	j = json_of(http_get(worker, "/api/v1/groups/%lld", (long long)g), 200);
	int64_t att, held;
	attendance_of(j, a, &att, &held);
	assert_true(att == 2 && held == 2);
	attendance_of(j, b, &att, &held);
	assert_true(att == 1 && held == 2);
	attendance_of(j, c, &att, &held);
	assert_true(att == 1 && held == 1);
	assert_int_equal(json_int_of(j, "sessions_held", 0), 2);
	json_decref(j);
	/* The first session corrected: b came too, a did not. */
	snprintf(body, sizeof(body), "{\"present\":[%lld]}", (long long)b);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions/%lld", (long long)g,
		 (long long)s1);
	j = json_of(http_patch_json(worker, path, body), 200);
	assert_int_equal(json_int_of(j, "present", -1), 1);
	assert_string_equal(json_str_of(j, "topic"), "Бірінші"); /* kept */
	json_decref(j);
	/* A change that does not name who came keeps the marks. */
	j = json_of(http_patch_json(worker, path, "{\"note\":\"Кеш басталды\"}"), 200);
	assert_int_equal(json_int_of(j, "present", -1), 1);
	json_decref(j);
	assert_int_equal(db_int(&srv,
				"SELECT present FROM group_attendance WHERE session_id = ?1 AND"
				" person_id = ?2",
				i64s(s1), i64s(a), (const char *)NULL),
			 0);
	/* Moved to a day c was a member: c has no mark there until one is given. */
	j = json_of(http_patch_json(worker, path, "{\"held_on\":\"2026-02-11\"}"), 200);
	assert_int_equal(json_array_size(json_object_get(j, "attendance")), 3);
	json_decref(j);
	/* A session of another group is not this group's. */
	int64_t other = new_group("Басқа", "2026-01-01");
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions/%lld", (long long)other,
		 (long long)s1);
	EXPECT_STATUS(http_get(worker, "%s", path), 404);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"topic\":\"x\"}"), 404);
	EXPECT_STATUS(
	    http_get(ngo, "/api/v1/groups/%lld/sessions/%lld", (long long)g, (long long)s1), 404);
}

/* A protected member's mark is kept when someone who may not see her saves the session. */
static void test_a_mark_the_reader_may_not_see_is_kept(void **state)
{
	(void)state;
	int64_t first = q("SELECT MIN(id) FROM group_sessions WHERE group_id = ?1", i64s(course));
	int64_t mark = db_int(&srv,
			      "SELECT present FROM group_attendance WHERE session_id = ?1 AND"
			      " person_id = ?2",
			      i64s(first), i64s(karimova), (const char *)NULL);
	assert_int_equal(mark, 1);
	char path[96];
	snprintf(path, sizeof(path), "/api/v1/groups/%lld/sessions/%lld", (long long)course,
		 (long long)first);
	/* The psychologist may not name her among those present, and saving leaves her mark. */
	char body[64];
	snprintf(body, sizeof(body), "{\"present\":[%lld]}", (long long)karimova);
	assert_string_equal(error_field(http_patch_json(psy, path, body)), "present");
	json_decref(json_of(http_patch_json(psy, path, "{\"present\":[]}"), 200));
	assert_int_equal(db_int(&srv,
				"SELECT present FROM group_attendance WHERE session_id = ?1 AND"
				" person_id = ?2",
				i64s(first), i64s(karimova), (const char *)NULL),
			 1);
}

static void test_the_group_itself(void **state)
{
	(void)state;
	/* Refusals name their fields; nothing is written. */
	int64_t before = q("SELECT COUNT(*) FROM work_groups", NULL);
	struct resp *r =
	    http_post_json(worker, "/api/v1/groups", "{\"kind\":\"choir\",\"name\":\"x\"}");
	assert_string_equal(error_field(r), "kind");
	r = http_post_json(worker, "/api/v1/groups",
			   "{\"kind\":\"training\",\"name\":\"x\",\"starts_on\":\"2026-05-01\","
			   "\"ends_on\":\"2026-04-01\"}");
	assert_string_equal(error_field(r), "ends_on");
	char body[192];
	int64_t ngo_user = q("SELECT id FROM users WHERE login = ?1", "ngo-worker");
	snprintf(body, sizeof(body),
		 "{\"kind\":\"training\",\"name\":\"x\",\"facilitator_id\":%lld}",
		 (long long)ngo_user);
	assert_string_equal(error_field(http_post_json(worker, "/api/v1/groups", body)),
			    "facilitator_id");
	r = http_post_json(worker, "/api/v1/groups", "{\"kind\":\"training\",\"name\":\"\"}");
	assert_string_equal(error_field(r), "name");
	EXPECT_STATUS(
	    http_post_json(analyst, "/api/v1/groups", "{\"kind\":\"training\",\"name\":\"x\"}"),
	    403);
	assert_int_equal(q("SELECT COUNT(*) FROM work_groups", NULL), before);
	/* A stale edit is told; the form given replaces the group's. */
	int64_t g = new_group("Нұсқа", "2026-01-01");
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/groups/%lld", (long long)g);
	json_t *j = json_of(http_patch_json(worker, path,
					    "{\"version\":1,\"name\":\"Нұсқа 2\",\"form\":"
					    "\"collective\",\"function\":\"capacity\"}"),
			    200);
	assert_int_equal(json_int_of(j, "version", 0), 2);
	assert_string_equal(json_str_of(j, "form"), "collective");
	assert_string_equal(json_str_of(j, "kind"), "self_help");
	json_decref(j);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"version\":1,\"name\":\"Ескі\"}"), 409);
	EXPECT_STATUS(http_patch_json(worker, path, "{\"name\":\"Нұсқасыз\"}"), 422);
	EXPECT_STATUS(http_patch_json(ngo, path, "{\"version\":2,\"name\":\"Бөгде\"}"), 404);
	/* Closed, it takes neither members nor sessions, and nobody leaves it. */
	int64_t m = join(g, new_person("Ескі", "Мүше"), "2026-01-02");
	assert_true(m > 0);
	json_decref(
	    json_of(http_patch_json(worker, path, "{\"version\":2,\"active\":false}"), 200));
	int64_t a = new_person("Жабық", "Топ");
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)a);
	assert_string_equal(error_field(post(worker, body, "/api/v1/groups/%lld/members", g)),
			    "person_id");
	assert_string_equal(
	    error_field(post(worker, "{\"topic\":\"x\"}", "/api/v1/groups/%lld/sessions", g)),
	    "held_on");
	assert_string_equal(
	    error_field(post2(worker, "{}", "/api/v1/groups/%lld/members/%lld/leave", g, m)),
	    "date");
	EXPECT_STATUS(http_get(wweb, "/groups/%lld/sessions/new", (long long)g), 404);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'group.save' AND"
			   " entity_id = ?1",
			   i64s(g)),
			 3);
}

static void test_the_web_forms(void **state)
{
	(void)state;
	/* A refused group form keeps what was typed. */
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "name", "Ананың <мектебі>");
	sb_form(&f, "kind", "family_therapy");
	sb_form(&f, "starts_on", "2026-13-01");
	struct resp *r = http_post_form(wweb, "/groups", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Ананың &lt;мектебі&gt;"));
	assert_true(resp_has(r, "aria-describedby=\"e-starts_on\""));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "name", "Ананың мектебі");
	sb_form(&f, "kind", "family_therapy");
	sb_form(&f, "facilitator_id", i64s(worker_id));
	sb_form(&f, "starts_on", "2026-01-01");
	sb_form(&f, "active", "1");
	r = http_post_form(wweb, "/groups", sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	int64_t g = q("SELECT id FROM work_groups WHERE name = ?1", "Ананың мектебі");
	assert_true(g > 0);
	assert_int_equal(q("SELECT COUNT(*) FROM work_groups WHERE id = ?1 AND form ="
			   " 'family_therapy'",
			   i64s(g)),
			 1);
	/* A member by registry number, then a session marking them. */
	int64_t a = new_person("Ана", "Бірінші");
	char path[96];
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "person_id", i64s(a));
	sb_form(&f, "joined_on", "2026-01-05");
	snprintf(path, sizeof(path), "/groups/%lld/members", (long long)g);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	r = http_get(wweb, "/groups/%lld/sessions/new", (long long)g);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "name=\"present\""));
	snprintf(path, sizeof(path), "/groups/%lld/sessions", (long long)g);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "held_on", "2999-01-01");
	sb_form(&f, "topic", "Отбасы <тарихы>");
	sb_form(&f, "unregistered", "2");
	sb_form(&f, "present", i64s(a));
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "Отбасы &lt;тарихы&gt;"));
	assert_true(resp_has(r, "checked"));
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "held_on", "2026-01-06");
	sb_form(&f, "topic", "Отбасы тарихы");
	sb_form(&f, "unregistered", "2");
	sb_form(&f, "present", i64s(a));
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 303);
	r = http_get(wweb, "/groups/%lld", (long long)g);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "1 / 1"));
	/* The member leaves by the form. */
	int64_t m =
	    db_int(&srv, "SELECT id FROM group_members WHERE group_id = ?1 AND person_id = ?2",
		   i64s(g), i64s(a), (const char *)NULL);
	snprintf(path, sizeof(path), "/groups/%lld/members/%lld/leave", (long long)g, (long long)m);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "date", "2026-01-01");
	r = http_post_form(wweb, path, sb_str(&f));
	sb_free(&f);
	EXPECT_STATUS(r, 422);
	f = (struct sbuf){ 0 };
	sb_form(&f, "_csrf", wweb->csrf);
	sb_form(&f, "date", today);
	EXPECT_STATUS(http_post_form(wweb, path, sb_str(&f)), 303);
	sb_free(&f);
	assert_int_equal(q("SELECT COUNT(*) FROM group_members WHERE id = ?1 AND left_on IS NOT"
			   " NULL",
			   i64s(m)),
			 1);
	/* Analysts are kept out of the pages. */
	struct client *aweb = client_new(&srv);
	assert_int_equal(web_login(aweb, "analyst", DEMO_PASSWORD), 303);
	EXPECT_STATUS(http_get(aweb, "/groups"), 403);
	EXPECT_STATUS(http_get(aweb, "/groups/%lld", (long long)g), 403);
	client_free(aweb);
}

/* Records linked as the same person: the membership, the attendance, the event named at and
 * the enrolment follow the record kept, and come back with an unlink. */
static void test_a_membership_follows_the_record_kept(void **state)
{
	(void)state;
	int64_t kept = new_person("Байланыс", "Топтағы");
	json_t *j =
	    json_of(http_post_json(worker, "/api/v1/persons",
				   "{\"family_name\":\"Байланыс\",\"given_name\":\"Топтағы\","
				   "\"sex\":\"female\",\"birth_date\":\"1970-01-01\"}"),
		    201);
	int64_t merged = json_int_of(j, "id", 0);
	json_decref(j);
	char path[96], body[160];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)merged);
	json_decref(json_of(
	    http_patch_json(worker, path, "{\"version\":1,\"birth_date\":\"1985-03-04\"}"), 200));
	json_decref(json_of(http_post_json(sup, "/api/v1/duplicates/scan", "{}"), 200));
	int64_t g = new_group("Байланыс тобы", "2026-01-01");
	assert_true(join(g, merged, "2026-01-02") > 0);
	snprintf(body, sizeof(body),
		 "{\"held_on\":\"2026-01-05\",\"topic\":\"x\",\"present\":[%lld]}",
		 (long long)merged);
	json_decref(json_of(post(worker, body, "/api/v1/groups/%lld/sessions", g), 201));
	j = json_of(http_post_json(worker, "/api/v1/events",
				   "{\"kind\":\"forum\",\"title\":\"Байланыс форумы\","
				   "\"held_on\":\"2026-02-01\"}"),
		    201);
	int64_t ev = json_int_of(j, "id", 0);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"person_id\":%lld}", (long long)merged);
	json_decref(json_of(post(worker, body, "/api/v1/events/%lld/participants", ev), 201));
	int64_t lang = q("SELECT id FROM programmes WHERE code = ?1", "kazakh_language");
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"enrolled_on\":\"2026-02-02\"}",
		 (long long)merged);
	json_decref(json_of(post(worker, body, "/api/v1/programmes/%lld/enrolments", lang), 201));
	int64_t pair = q("SELECT MIN(id) FROM duplicate_pairs WHERE (first_id = ?1 OR second_id ="
			 " ?1)",
			 i64s(merged));
	assert_true(pair > 0);
	snprintf(body, sizeof(body), "{\"keep\":%lld}", (long long)kept);
	j = json_of(post(worker, body, "/api/v1/duplicates/%lld/link", pair), 200);
	int64_t link = json_int_of(j, "link_id", 0);
	json_decref(j);
	const char *const tables[] = { "group_members", "group_attendance", "event_participants",
				       "enrolments" };
	char sql[128];
	for (size_t i = 0; i < 4; i++) {
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE person_id = ?1",
			 tables[i]);
		assert_int_equal(db_int(&srv, sql, i64s(kept), (const char *)NULL), 1);
		assert_int_equal(db_int(&srv, sql, i64s(merged), (const char *)NULL), 0);
	}
	j = json_of(http_get(worker, "/api/v1/groups/%lld", (long long)g), 200);
	int64_t att, held;
	attendance_of(j, kept, &att, &held);
	assert_true(att == 1 && held == 1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/links/%lld", (long long)kept,
		 (long long)link);
	EXPECT_STATUS(http_delete(worker, path), 204);
	for (size_t i = 0; i < 4; i++) {
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s WHERE person_id = ?1",
			 tables[i]);
		assert_int_equal(db_int(&srv, sql, i64s(merged), (const char *)NULL), 1);
		assert_int_equal(db_int(&srv, sql, i64s(kept), (const char *)NULL), 0);
	}
}

static void test_erasure_ends_the_memberships(void **state)
{
	(void)state;
	int64_t g = new_group("Өшіру", "2026-01-01");
	int64_t e = new_person("Өшірілетін", "Мүше");
	assert_true(join(g, e, "2026-01-02") > 0);
	char body[96];
	snprintf(body, sizeof(body),
		 "{\"held_on\":\"2026-01-03\",\"topic\":\"x\",\"present\":[%lld]}", (long long)e);
	json_decref(json_of(post(worker, body, "/api/v1/groups/%lld/sessions", g), 201));
	struct client *sweb = client_new(&srv);
	assert_int_equal(web_login(sweb, "supervisor", DEMO_PASSWORD), 303);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", sweb->csrf);
	sb_form(&f, "reason", "person_request");
	sb_form(&f, "confirm", "1");
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)e);
	EXPECT_STATUS(http_post_form(sweb, path, sb_str(&f)), 303);
	sb_free(&f);
	client_free(sweb);
	assert_int_equal(q("SELECT COUNT(*) FROM group_members WHERE person_id = ?1 AND left_on"
			   " IS NULL",
			   i64s(e)),
			 0);
	/* The count stays for the figures; the group no longer lists them. */
	assert_int_equal(q("SELECT COUNT(*) FROM group_attendance WHERE person_id = ?1", i64s(e)),
			 1);
	json_t *j = json_of(http_get(worker, "/api/v1/groups/%lld", (long long)g), 200);
	assert_int_equal(json_array_size(json_object_get(j, "members")), 0);
	json_decref(j);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_demo_course_as_each_role_sees_it),
		cmocka_unit_test(test_members_join_and_leave),
		cmocka_unit_test(test_sessions_and_attendance),
		cmocka_unit_test(test_a_mark_the_reader_may_not_see_is_kept),
		cmocka_unit_test(test_the_group_itself),
		cmocka_unit_test(test_the_web_forms),
		cmocka_unit_test(test_a_membership_follows_the_record_kept),
		cmocka_unit_test(test_erasure_ends_the_memberships),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
