/* test_erasure.c: erasing a person's identifying data on request. Only a supervisor may, with
 * a reason and a confirmation; the names, documents, contacts, reason for protection and
 * history values are gone from the pages, the API, the search and the database file and its
 * WAL; what reports count is unchanged; the record cannot be edited after; every step is
 * audited. */
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

#include "base/banned.h"

static struct server srv;
static struct client *worker, *sup, *ngo, *api;
static int64_t person_id;
static char name[64], doc[32];

static int group_setup(void **state)
{
	(void)state;
	snprintf(name, sizeof(name), "Жоюлатын%ld", (long)getpid() % 100000);
	snprintf(doc, sizeof(doc), "ER%07ld", (long)getpid() % 10000000);
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	worker = client_new(&srv);
	sup = client_new(&srv);
	ngo = client_new(&srv);
	api = client_new(&srv);
	if (web_login(worker, "worker", DEMO_PASSWORD) != 303 ||
	    web_login(sup, "supervisor", DEMO_PASSWORD) != 303 ||
	    web_login(ngo, "ngo-worker", DEMO_PASSWORD) != 303 ||
	    api_login(api, "worker", DEMO_PASSWORD) != 201)
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(worker);
	client_free(sup);
	client_free(ngo);
	client_free(api);
	server_free(&srv);
	return 0;
}

static struct resp *erase(struct client *c, const char *reason, bool confirm)
{
	struct sbuf b = { 0 };
	sb_form(&b, "_csrf", c->csrf);
	if (reason)
		sb_form(&b, "reason", reason);
	if (confirm)
		sb_form(&b, "confirm", "1");
	char path[64];
	snprintf(path, sizeof(path), "/persons/%lld/erase", (long long)person_id);
	struct resp *r = http_post_form(c, path, sb_str(&b));
	sb_free(&b);
	return r;
}

/* The organisation's figures that reports count. */
static void figures(char *out, size_t cap)
{
	int64_t v[5] = {
		db_int(&srv, "SELECT COUNT(*) FROM persons WHERE org_id = 1", (const char *)NULL),
		db_int(&srv, "SELECT COUNT(*) FROM persons WHERE org_id = 1 AND sex = 'female'",
		       (const char *)NULL),
		db_int(&srv, "SELECT COUNT(*) FROM persons WHERE org_id = 1 AND region = 'KZ-75'",
		       (const char *)NULL),
		db_int(&srv, "SELECT COALESCE(SUM(birth_year), 0) FROM persons WHERE org_id = 1",
		       (const char *)NULL),
		db_int(&srv,
		       "SELECT COUNT(*) FROM person_categories c JOIN persons p ON p.id ="
		       " c.person_id WHERE p.org_id = 1 AND c.category = 'trafficking_victim'",
		       (const char *)NULL),
	};
	snprintf(out, cap, "%lld %lld %lld %lld %lld", (long long)v[0], (long long)v[1],
		 (long long)v[2], (long long)v[3], (long long)v[4]);
}

static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)size + 1);
	bool found = false;
	if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size)
		found = memmem(buf, (size_t)size, needle, strlen(needle)) != NULL;
	free(buf);
	fclose(f);
	return found;
}

static void test_register_and_edit(void **state)
{
	(void)state;
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"%s\",\"given_name\":\"Айгүл\",\"sex\":\"female\","
		 "\"birth_date\":\"1994-03-08\",\"region\":\"KZ-75\",\"phone\":\"+7 705 111 22 "
		 "33\",\"categories\":[\"trafficking_victim\"],\"protection_reason\":\"Іздеуде\","
		 "\"documents\":[{\"type\":\"passport\",\"number\":\"%s\"}]}",
		 name, doc);
	struct resp *r = http_post_json(api, "/api/v1/persons", body);
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	person_id = json_int_of(j, "id", 0);
	int64_t version = json_int_of(j, "version", 0);
	json_decref(j);
	/* An edit, so that the history holds the name. */
	snprintf(body, sizeof(body), "{\"version\":%lld,\"given_name\":\"Айгүлім\"}",
		 (long long)version);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	r = http_patch_json(api, path, body);
	EXPECT_STATUS(r, 200);
	/* The supervisor sees the restricted person; the worker who registered them too. */
	r = http_get(sup, "/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, name));
}

static void test_who_may_erase(void **state)
{
	(void)state;
	int64_t audits = db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action = 'person.erase'",
				(const char *)NULL);
	/* The worker sees the person but may not erase them. */
	EXPECT_STATUS(erase(worker, "person_request", true), 403);
	/* Another organisation does not even learn that the record exists. */
	EXPECT_STATUS(erase(ngo, "person_request", true), 404);
	/* The supervisor must give a reason from the list and confirm. */
	EXPECT_STATUS(erase(sup, NULL, true), 422);
	EXPECT_STATUS(erase(sup, "person_request", false), 422);
	EXPECT_STATUS(erase(sup, "because", true), 422);
	/* Nothing happened. */
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM persons WHERE family_name = ?1", name,
				(const char *)NULL),
			 1);
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM audit WHERE action = 'person.erase'",
				(const char *)NULL),
			 audits);
	/* The page offers the form to the supervisor only. */
	struct resp *r = http_get(sup, "/persons/%lld", (long long)person_id);
	assert_true(resp_has(r, "/erase\""));
	r = http_get(worker, "/persons/%lld", (long long)person_id);
	assert_false(resp_has(r, "/erase\""));
}

static void test_erase(void **state)
{
	(void)state;
	char before[128], after[128];
	figures(before, sizeof(before));
	struct resp *r = erase(sup, "person_request", true);
	EXPECT_STATUS(r, 303);

	/* What reports count is unchanged. */
	figures(after, sizeof(after));
	assert_string_equal(after, before);
	assert_int_equal(db_int(&srv, "SELECT birth_year FROM persons WHERE id = ?1",
				i64s(person_id), (const char *)NULL),
			 1994);

	/* The page is a stub without the name; so is the API. */
	r = http_get(sup, "/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, name));
	assert_false(resp_has(r, doc));
	r = http_get(api, "/api/v1/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	json_t *j = resp_json(r);
	assert_true(json_is_true(json_object_get(j, "erased")));
	assert_string_equal(json_str_of(j, "family_name"), "");
	assert_true(json_is_null(json_object_get(j, "phone")));
	assert_true(json_is_null(json_object_get(j, "protection_reason")));
	assert_int_equal(json_array_size(json_object_get(j, "documents")), 0);
	int64_t version = json_int_of(j, "version", 0);
	json_decref(j);
	/* The history keeps who changed what, without the values. */
	r = http_get(sup, "/persons/%lld/history", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_false(resp_has(r, "Айгүл"));
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM person_changes WHERE person_id = ?1 AND"
				" (old_value IS NOT NULL OR new_value IS NOT NULL)",
				i64s(person_id), (const char *)NULL),
			 0);
	/* Nobody finds them by name or document any more. */
	r = http_get(sup, "/persons?q=%s", doc);
	EXPECT_STATUS(r, 200);
	char link[64];
	snprintf(link, sizeof(link), "href=\"/persons/%lld\"", (long long)person_id);
	assert_false(resp_has(r, link));
	r = http_get(api, "/api/v1/persons?q=%s", doc);
	j = resp_json(r);
	assert_int_equal(json_int_of(j, "total", -1), 0);
	json_decref(j);

	/* It cannot be edited or erased again. */
	char body[128], path[64];
	snprintf(body, sizeof(body), "{\"version\":%lld,\"given_name\":\"Back\"}",
		 (long long)version);
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	EXPECT_STATUS(http_patch_json(api, path, body), 403);
	EXPECT_STATUS(http_get(worker, "/persons/%lld/edit", (long long)person_id), 403);
	EXPECT_STATUS(erase(sup, "person_request", true), 403);

	/* Audited, with the reason. */
	char detail[64];
	assert_true(db_text(&srv, detail, sizeof(detail),
			    "SELECT detail FROM audit WHERE action = 'person.erase' AND"
			    " entity_id = ?1",
			    i64s(person_id), (const char *)NULL));
	assert_string_equal(detail, "person_request");

	assert_false(file_has(srv.log, name));
	/* Neither the database file nor its write-ahead log holds the name or the document. */
	if (pg_skips(&srv, "the search of the database's files for the erased name: PostgreSQL"
			   " keeps old row versions until VACUUM, and its WAL (docs/security.md)"))
		return;
	char wal[HARNESS_PATH_MAX + 8];
	snprintf(wal, sizeof(wal), "%s-wal", srv.db);
	assert_false(file_has(srv.db, name));
	assert_false(file_has(wal, name));
	assert_false(file_has(srv.db, doc));
	assert_false(file_has(wal, doc));
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register_and_edit),
		cmocka_unit_test(test_who_may_erase),
		cmocka_unit_test(test_erase),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
