/* test_import.c: importing people from a file (issue 6), through a real server: the web's
 * upload, mapping, check and import with the rows that fail and the likely duplicates left
 * out; the API's import that registers duplicates and queues them; a file that breaks
 * halfway; refusals (no file, no CSRF token, a stale version, too large a body); and an
 * import killed or stopped while it runs, which leaves the registry as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *web, *api;

static int group_setup(void **state)
{
	(void)state;
	if (server_new(&srv, true) || server_start(&srv))
		return -1;
	web = client_new(&srv);
	api = client_new(&srv);
	if (web_login(web, "worker", DEMO_PASSWORD) != 303 ||
	    api_login(api, "worker", DEMO_PASSWORD) != 201)
		return -1;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(web);
	client_free(api);
	bool clean = !server_log_has_sanitizer_report(&srv);
	server_free(&srv);
	return clean ? 0 : -1;
}

static int64_t q(const char *sql, const char *a)
{
	return db_int(&srv, sql, a, (const char *)NULL);
}

/* Waits up to 60 s while import id is in status `busy`. */
static void wait_while(int64_t id, const char *busy)
{
	char st[32] = "";
	for (int i = 0; i < 600; i++) {
		assert_true(db_text(&srv, st, sizeof(st),
				    "SELECT status FROM imports WHERE id = ?1", i64s(id),
				    (const char *)NULL));
		if (strcmp(st, busy) != 0)
			return;
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	fail_msg("import %lld still %s after 60 s", (long long)id, busy);
}

static int64_t id_from_location(const struct resp *r)
{
	const char *loc = resp_header(r, "Location");
	assert_non_null(loc);
	const char *p = strstr(loc, "/imports/");
	assert_non_null(p);
	return strtoll(p + 9, NULL, 10);
}

/* The demo's Тұрсынбаев Ерлан (passport and birth date as in src/cli/demo.c). */
static const char people_csv[] =
    "Тегі;Аты;Жынысы;Туған күні;Өңір;Санаттар\n"
    "Жаңаев;Болат;male;12.04.1988;KZ-75;labour_migrant\n"  /* row 2: new */
    "Жаңаева;;female;31.02.1990;KZ-75;labour_migrant\n"    /* row 3: two errors */
    "Тұрсынбаев;Ерлан;male;14.03.1979;KZ-19;kandas\n"      /* row 4: the demo's */
    "Жаңаев;Болат;male;1988-04-12;KZ-75;labour_migrant\n"; /* row 5: row 2 again */

static void test_web_upload_check_import(void **state)
{
	(void)state;
	EXPECT_STATUS(http_get(web, "/imports"), 200);
	const char *csrf[] = { "_csrf", web->csrf, "encoding", "auto", NULL };
	/* No file: the page again, saying so. */
	struct resp *r = http_post_file(web, "/imports", csrf, NULL, NULL, 0);
	EXPECT_STATUS(r, 422);
	/* No CSRF token. */
	const char *nocsrf[] = { "encoding", "auto", NULL };
	EXPECT_STATUS(
	    http_post_file(web, "/imports", nocsrf, "a.csv", people_csv, sizeof(people_csv) - 1),
	    403);
	/* Not multipart at all. */
	EXPECT_STATUS(http_post_form(web, "/imports", "_csrf=x"), 400);
	int64_t before = q("SELECT COUNT(*) FROM persons WHERE family_name = ?1", "Жаңаев");

	r = http_post_file(web, "/imports", csrf, "people.csv", people_csv, sizeof(people_csv) - 1);
	EXPECT_STATUS(r, 303);
	int64_t id = id_from_location(r);
	r = http_get(web, "/imports/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	/* The Kazakh headers were recognised: the mapping is preselected. */
	assert_true(resp_has(r, "<option value=\"family_name\" selected>"));
	assert_true(resp_has(r, "<option value=\"birth_date\" selected>"));
	assert_true(resp_has(r, "<option value=\"categories\" selected>"));

	char version[16], body[512];
	assert_true(extract_input_value(r->body, "version", version, sizeof(version)));
	snprintf(body, sizeof(body),
		 "_csrf=%s&version=%s&col.0=family_name&col.1=given_name&col.2=sex&"
		 "col.3=birth_date&col.4=region&col.5=categories",
		 web->csrf, version);
	/* A mapping with no name is refused and kept. */
	char noname[512];
	snprintf(noname, sizeof(noname), "_csrf=%s&version=%s&col.2=sex", web->csrf, version);
	EXPECT_STATUS(http_post_form(web, "/imports/1/check", noname), 422);
	char path[64];
	snprintf(path, sizeof(path), "/imports/%lld/check", (long long)id);
	EXPECT_STATUS(http_post_form(web, path, body), 303);
	wait_while(id, "checking");
	/* The same version again: stale. */
	EXPECT_STATUS(http_post_form(web, path, body), 409);
	assert_int_equal(q("SELECT rows_total FROM imports WHERE id = ?1", i64s(id)), 4);
	assert_int_equal(q("SELECT rows_invalid FROM imports WHERE id = ?1", i64s(id)), 1);
	assert_int_equal(q("SELECT rows_duplicate FROM imports WHERE id = ?1", i64s(id)), 2);
	/* Row 3: the given name and the date, each with its column. */
	assert_int_equal(q("SELECT COUNT(*) FROM import_issues WHERE import_id = ?1 AND row_no = 3"
			   " AND ((field = 'given_name' AND col = 1) OR"
			   " (field = 'birth_date' AND col = 3))",
			   i64s(id)),
			 2);
	/* Row 4: the demo's person; row 5: row 2 of the file. */
	assert_true(q("SELECT person_id FROM import_issues WHERE import_id = ?1 AND row_no = 4",
		      i64s(id)) > 0);
	assert_int_equal(q("SELECT other_row FROM import_issues WHERE import_id = ?1 AND"
			   " row_no = 5",
			   i64s(id)),
			 2);
	/* The check wrote nothing but its findings. */
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE family_name = ?1", "Жаңаев"),
			 before);
	r = http_get(web, "/imports/%lld", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "Тұрсынбаев"));
	assert_true(extract_input_value(r->body, "version", version, sizeof(version)));

	snprintf(path, sizeof(path), "/imports/%lld/run", (long long)id);
	snprintf(body, sizeof(body), "_csrf=%s&version=%s&duplicates=maybe", web->csrf, version);
	EXPECT_STATUS(http_post_form(web, path, body), 422);
	snprintf(body, sizeof(body), "_csrf=%s&version=%s&duplicates=skip", web->csrf, version);
	EXPECT_STATUS(http_post_form(web, path, body), 303);
	wait_while(id, "running");
	assert_int_equal(q("SELECT persons_created FROM imports WHERE id = ?1", i64s(id)), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE family_name = ?1", "Жаңаев"),
			 before + 1);
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE family_name = ?1", "Жаңаева"), 0);
	/* The file is gone; every step is in the audit log. */
	assert_int_equal(q("SELECT COUNT(*) FROM imports WHERE id = ?1 AND data IS NULL", i64s(id)),
			 1);
	assert_int_equal(q("SELECT COUNT(DISTINCT action) FROM audit WHERE entity = 'import' AND"
			   " entity_id = ?1 AND action IN ('import.upload', 'import.checking',"
			   " 'import.running', 'import.done')",
			   i64s(id)),
			 4);
	/* The person's history says who registered them. */
	assert_int_equal(q("SELECT COUNT(*) FROM person_changes c JOIN persons p ON"
			   " p.id = c.person_id WHERE p.family_name = ?1",
			   "Жаңаев"),
			 1);
	r = http_get(web, "/imports");
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "people.csv"));
}

static int64_t api_upload(const char *name, const char *data, size_t len)
{
	char path[128];
	snprintf(path, sizeof(path), "/api/v1/imports?filename=%s", name);
	struct resp *r = http_do(api, "POST", path, "text/csv", data, len);
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	int64_t id = json_int_of(j, "id", 0);
	json_decref(j);
	return id;
}

static void api_action(int64_t id, const char *action, const char *json, long want)
{
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/imports/%lld/%s", (long long)id, action);
	EXPECT_STATUS(http_post_json(api, path, json), want);
}

static int64_t version_of(int64_t id)
{
	return q("SELECT version FROM imports WHERE id = ?1", i64s(id));
}

static void test_api_register_duplicates(void **state)
{
	(void)state;
	static const char csv[] = "family_name,given_name,sex,birth_date,region,categories\n"
				  "Тұрсынбаев,Ерлан,male,1979-03-14,KZ-19,kandas\n";
	/* Refusals first: no file name, no body. */
	EXPECT_STATUS(http_do(api, "POST", "/api/v1/imports", "text/csv", csv, sizeof(csv) - 1),
		      422);
	EXPECT_STATUS(http_do(api, "POST", "/api/v1/imports?filename=x.csv", "text/csv", "", 0),
		      422);
	int64_t id = api_upload("again.csv", csv, sizeof(csv) - 1);
	char json[256];
	snprintf(json, sizeof(json),
		 "{\"version\":%lld,\"mapping\":[\"family_name\","
		 "\"given_name\",\"sex\",\"birth_date\",\"region\",\"nonsense\"]}",
		 (long long)version_of(id));
	api_action(id, "check", json, 422);
	snprintf(json, sizeof(json),
		 "{\"version\":%lld,\"mapping\":[\"family_name\","
		 "\"given_name\",\"sex\",\"birth_date\",\"region\",\"categories\"]}",
		 (long long)version_of(id));
	api_action(id, "check", json, 202);
	wait_while(id, "checking");
	int64_t pairs = q("SELECT COUNT(*) FROM duplicate_pairs WHERE status = 'open'", NULL);
	snprintf(json, sizeof(json), "{\"version\":%lld,\"duplicates\":\"register\"}",
		 (long long)version_of(id));
	api_action(id, "run", json, 202);
	wait_while(id, "running");
	assert_int_equal(q("SELECT persons_created FROM imports WHERE id = ?1", i64s(id)), 1);
	/* Registered, and the pair waits for a worker's decision. */
	assert_int_equal(q("SELECT COUNT(*) FROM duplicate_pairs WHERE status = 'open'", NULL),
			 pairs + 1);
	struct resp *r = http_get(api, "/api/v1/imports/%lld/issues", (long long)id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, "\"field\":\"duplicate\"") ||
		    resp_has(r, "\"field\": \"duplicate\""));
	/* Done: nothing more to do with it. */
	snprintf(json, sizeof(json), "{\"version\":%lld}", (long long)version_of(id));
	api_action(id, "discard", json, 409);
}

static void test_file_broken_halfway(void **state)
{
	(void)state;
	static const char csv[] =
	    "family_name,given_name,sex\nАлиев,Руслан,male\n\"Open,quote,male\nБеков,Ади,male\n";
	int64_t id = api_upload("broken.csv", csv, sizeof(csv) - 1);
	char json[160];
	snprintf(json, sizeof(json),
		 "{\"version\":%lld,\"mapping\":[\"family_name\","
		 "\"given_name\",\"sex\"]}",
		 (long long)version_of(id));
	api_action(id, "check", json, 202);
	wait_while(id, "checking");
	char st[32];
	assert_true(db_text(&srv, st, sizeof(st), "SELECT status FROM imports WHERE id = ?1",
			    i64s(id), (const char *)NULL));
	assert_string_equal(st, "failed");
	assert_int_equal(q("SELECT COUNT(*) FROM import_issues WHERE import_id = ?1 AND"
			   " field = 'file' AND row_no = 3",
			   i64s(id)),
			 1);
	/* A file that is not XLSX at all is refused at the upload, saying why. */
	struct resp *r =
	    http_do(api, "POST", "/api/v1/imports?filename=x.xlsx",
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		    "PK\3\4garbage", 11);
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "\"file\""));
	/* Too large a body: 413, whatever it holds. */
	size_t big = (16u << 20) + 10;
	char *data = malloc(big);
	memset(data, 'a', big);
	EXPECT_STATUS(
	    http_do(api, "POST", "/api/v1/imports?filename=big.csv", "text/csv", data, big), 413);
	free(data);
}

/* A file of n new people, each a different name. */
static char *many_people(int n, size_t *len)
{
	struct sbuf b = { 0 };
	sb_addf(&b, "family_name,given_name,sex,birth_date,region,categories\n");
	for (int i = 0; i < n; i++)
		sb_addf(&b, "Импортов%d,Тест,male,19%02d-%02d-%02d,KZ-75,labour_migrant\n", i,
			50 + i % 50, 1 + i % 12, 1 + i % 28);
	*len = b.n;
	return b.p;
}

/* Starts the import of n people and returns once it runs. */
static int64_t start_big_import(int n)
{
	size_t len;
	char *csv = many_people(n, &len);
	int64_t id = api_upload("many.csv", csv, len);
	free(csv);
	char json[256];
	snprintf(json, sizeof(json),
		 "{\"version\":%lld,\"mapping\":[\"family_name\","
		 "\"given_name\",\"sex\",\"birth_date\",\"region\",\"categories\"]}",
		 (long long)version_of(id));
	api_action(id, "check", json, 202);
	wait_while(id, "checking");
	snprintf(json, sizeof(json), "{\"version\":%lld,\"duplicates\":\"skip\"}",
		 (long long)version_of(id));
	api_action(id, "run", json, 202);
	/* Well into it. */
	for (int i = 0; i < 50; i++) {
		struct resp *r = http_get(api, "/api/v1/imports/%lld", (long long)id);
		json_t *j = resp_json(r);
		json_t *p = json_object_get(j, "progress");
		int64_t done = json_int_of(p, "done", 0);
		json_decref(j);
		if (done > 50)
			break;
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	return id;
}

static void test_killed_while_importing(void **state)
{
	(void)state;
	int64_t before = q("SELECT COUNT(*) FROM persons", NULL);
	/* Another import's job while one runs: 503. */
	static const char one[] = "family_name,given_name,sex\nАлиев,Руслан,male\n";
	int64_t other = api_upload("other.csv", one, sizeof(one) - 1);
	char json[160];
	snprintf(json, sizeof(json),
		 "{\"version\":%lld,\"mapping\":[\"family_name\",\"given_name\",\"sex\"]}",
		 (long long)version_of(other));
	int64_t id = start_big_import(10000);
	api_action(other, "check", json, 503);
	server_kill(&srv);
	assert_int_equal(server_start(&srv), 0);
	/* The sessions live in the database: both clients go on. */
	/* Nothing of it was kept, and it says it stopped. */
	assert_int_equal(q("SELECT COUNT(*) FROM persons", NULL), before);
	char st[32];
	assert_true(db_text(&srv, st, sizeof(st), "SELECT status FROM imports WHERE id = ?1",
			    i64s(id), (const char *)NULL));
	assert_string_equal(st, "failed");
	assert_true(
	    q("SELECT COUNT(*) FROM imports WHERE id = ?1 AND error IS NOT NULL", i64s(id)) == 1);

	/* A graceful stop gives up the import too, and exits cleanly. */
	id = start_big_import(10000);
	assert_true(server_stop_graceful(&srv));
	assert_int_equal(server_start(&srv), 0);
	/* The sessions live in the database: both clients go on. */
	assert_int_equal(q("SELECT COUNT(*) FROM persons", NULL), before);
	assert_true(db_text(&srv, st, sizeof(st), "SELECT status FROM imports WHERE id = ?1",
			    i64s(id), (const char *)NULL));
	assert_string_equal(st, "failed");
}

/* A file never imported is dropped by the daily `komek retain` after a week. */
static void test_old_files_are_dropped(void **state)
{
	(void)state;
	SKIP_ON_PG(&srv, "the test ages the upload in the SQLite file");
	static const char csv[] = "family_name,given_name,sex\nЕскі,Файл,male\n";
	int64_t id = api_upload("old.csv", csv, sizeof(csv) - 1);
	int64_t fresh = api_upload("fresh.csv", csv, sizeof(csv) - 1);
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(srv.db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 10000);
	char sql[128];
	snprintf(sql, sizeof(sql),
		 "UPDATE imports SET created_at = created_at - 8 * 86400 WHERE id = %lld",
		 (long long)id);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	char out[4096];
	assert_int_equal(
	    komek_run(srv.db, out, sizeof(out), "retain", "--dry-run", (const char *)NULL), 0);
	assert_non_null(strstr(out, "1 import files older than 7 days are due"));
	assert_int_equal(
	    q("SELECT COUNT(*) FROM imports WHERE id = ?1 AND data IS NOT NULL", i64s(id)), 1);
	assert_int_equal(komek_run(srv.db, out, sizeof(out), "retain", (const char *)NULL), 0);
	assert_non_null(strstr(out, "1 import files older than 7 days discarded"));
	assert_int_equal(q("SELECT COUNT(*) FROM imports WHERE id = ?1 AND data IS NULL AND"
			   " status = 'discarded'",
			   i64s(id)),
			 1);
	assert_int_equal(
	    q("SELECT COUNT(*) FROM imports WHERE id = ?1 AND data IS NOT NULL", i64s(fresh)), 1);
	assert_int_equal(q("SELECT COUNT(*) FROM audit WHERE action = 'import.expired' AND"
			   " entity_id = ?1",
			   i64s(id)),
			 1);
}

/* While something holds the write lock past the busy timeout (10 s), a save is told to try
 * again (503), not that something broke. */
static void test_busy_registry(void **state)
{
	(void)state;
	SKIP_ON_PG(&srv, "the write lock is SQLite's");
	sqlite3 *h;
	assert_int_equal(sqlite3_open_v2(srv.db, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct resp *r = http_post_json(api, "/api/v1/persons",
					"{\"family_name\":\"Күтуов\",\"given_name\":\"Асан\","
					"\"sex\":\"male\",\"confirm_new\":true}");
	long status = r->status;
	bool said = resp_has(r, "\"unavailable\"");
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(h);
	assert_int_equal(status, 503);
	assert_true(said);
	assert_int_equal(q("SELECT COUNT(*) FROM persons WHERE family_name = ?1", "Күтуов"), 0);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_web_upload_check_import),
		cmocka_unit_test(test_api_register_duplicates),
		cmocka_unit_test(test_file_broken_halfway),
		cmocka_unit_test(test_killed_while_importing),
		cmocka_unit_test(test_old_files_are_dropped),
		cmocka_unit_test(test_busy_registry),
	};
	int rc = cmocka_run_group_tests(tests, group_setup, group_teardown);
	harness_cleanup_all();
	return rc;
}
