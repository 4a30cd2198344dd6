/* test_sealed.c: encryption at rest. A canary planted in every sealed field (the reason for
 * protection, in the record and in its history) never appears in the database file, its
 * WAL, the view log or a backup; the reason reaches those who may see the person; a backup
 * restores, and a damaged one restores nothing; the server refuses the wrong key; and a key
 * rotation (`komek key new`, then `komek rekey`) runs while the server serves.
 *
 * Under PostgreSQL (harness.h) the files searched for the canary are the database's own
 * files in the cluster's data directory and the WAL written since the suite began, and a
 * backup is restored into a new, empty database. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "harness.h"

#include "base/banned.h"

static struct server srv;
static struct client *api; /* worker */
static struct client *web; /* worker */
static int64_t person_id;
static char canary[64], canary2[64];
/* PostgreSQL: the database's folder in the data directory, the WAL folder, and the name of
 * the WAL segment that was being written when the suite began; "" when not readable. */
static char pg_base[HARNESS_PATH_MAX], pg_wal[HARNESS_PATH_MAX], wal_from[32];

/* Where the server keeps this database's rows (the test's user is the cluster's
 * superuser, who may ask). */
static void find_pg_files(void)
{
	char data[HARNESS_PATH_MAX - 64], oid[32];
	if (!db_text(&srv, data, sizeof(data),
		     "SELECT setting FROM pg_settings WHERE name = 'data_directory'",
		     (const char *)NULL) ||
	    !db_text(&srv, oid, sizeof(oid),
		     "SELECT oid FROM pg_database WHERE datname = current_database()",
		     (const char *)NULL) ||
	    !db_text(&srv, wal_from, sizeof(wal_from),
		     "SELECT pg_walfile_name(pg_current_wal_lsn())", (const char *)NULL) ||
	    !data[0] || access(data, R_OK | X_OK) != 0) {
		printf("skipped on PostgreSQL: the search of the data directory's files for the "
		       "canary; this user cannot read them\n");
		return;
	}
	snprintf(pg_base, sizeof(pg_base), "%s/base/%s", data, oid);
	snprintf(pg_wal, sizeof(pg_wal), "%s/pg_wal", data);
}

static int group_setup(void **state)
{
	(void)state;
	snprintf(canary, sizeof(canary), "CANARY-%ld-%d-reason", (long)getpid(), rand());
	snprintf(canary2, sizeof(canary2), "CANARY-%ld-%d-second", (long)getpid(), rand());
	if (server_new(&srv, true) || server_start(&srv))
		goto fail;
	if (server_is_pg(&srv))
		find_pg_files();
	api = client_new(&srv);
	web = client_new(&srv);
	if (api_login(api, "worker", DEMO_PASSWORD) != 201 ||
	    web_login(web, "worker", DEMO_PASSWORD) != 303)
		goto fail;
	return 0;
fail:
	server_free(&srv);
	return -1;
}

static int group_teardown(void **state)
{
	(void)state;
	client_free(api);
	client_free(web);
	server_free(&srv);
	return 0;
}

/* Whether the file holds needle anywhere (a missing file holds nothing). */
static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	size_t n = strlen(needle), cap = 1 << 20, len = 0;
	char *buf = malloc(cap);
	bool found = false;
	size_t got;
	/* Chunks overlapping by the needle's length. */
	while (buf && !found && (got = fread(buf + len, 1, cap - len, f)) > 0) {
		len += got;
		found = memmem(buf, len, needle, n) != NULL;
		if (len >= n) {
			memmove(buf, buf + len - (n - 1), n - 1);
			len = n - 1;
		}
	}
	free(buf);
	fclose(f);
	return found;
}

static void path_in(char *out, size_t cap, const char *name)
{
	snprintf(out, cap, "%s/%s", srv.dir, name);
}

/* No file of dir whose name is not below `from` holds s. */
static void assert_not_in_dir(const char *dir, const char *from, const char *s)
{
	DIR *d = opendir(dir);
	if (!d)
		fail_msg("cannot read %s", dir);
	struct dirent *e;
	char p[HARNESS_PATH_MAX + 300];
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || (from && strcmp(e->d_name, from) < 0))
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && file_has(p, s)) {
			closedir(d);
			fail_msg("%s holds the canary in plain text", p);
		}
	}
	closedir(d);
}

/* No file of the test's directory (database, WAL, view log, backups, logs) holds s; under
 * PostgreSQL, none of the database's files and no WAL segment written since the start. */
static void assert_nowhere(const char *s)
{
	static const char *const files[] = { "k.db",         "k.db-wal",
					     "k.viewlog.db", "k.viewlog.db-wal",
					     "backup.kbk",   "server.log" };
	char p[HARNESS_PATH_MAX + 32];
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		path_in(p, sizeof(p), files[i]);
		if (file_has(p, s))
			fail_msg("%s holds the canary in plain text", files[i]);
	}
	if (pg_base[0]) {
		assert_not_in_dir(pg_base, NULL, s);
		/* Segment names grow with the position in the WAL (one timeline here). */
		assert_not_in_dir(pg_wal, wal_from, s);
	}
}

static void test_reason_is_kept_and_shown_but_sealed_on_disk(void **state)
{
	(void)state;
	char body[512];
	snprintf(body, sizeof(body),
		 "{\"family_name\":\"Сейтжанова\",\"given_name\":\"Әсел\",\"sex\":\"female\","
		 "\"birth_date\":\"1999\",\"categories\":[\"trafficking_victim\"],"
		 "\"protection_reason\":\"%s\\nшелтер: көше 12\"}",
		 canary);
	struct resp *r = http_post_json(api, "/api/v1/persons", body);
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	person_id = json_integer_value(json_object_get(j, "id"));
	int64_t version = json_integer_value(json_object_get(j, "version"));
	json_decref(j);
	assert_true(person_id > 0);

	/* An edit, so that the history holds the old and the new reason. */
	snprintf(body, sizeof(body), "{\"version\":%lld,\"protection_reason\":\"%s\"}",
		 (long long)version, canary2);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	r = http_patch_json(api, path, body);
	EXPECT_STATUS(r, 200);

	/* Those who see the person see the reason: the API, the page and the history. */
	r = http_get(api, "%s", path);
	EXPECT_STATUS(r, 200);
	j = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(j, "protection_reason")), canary2);
	json_decref(j);
	r = http_get(web, "/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, canary2));
	r = http_get(web, "/persons/%lld/history", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, canary));
	assert_true(resp_has(r, canary2));
	r = http_get(web, "/persons/%lld/edit", (long long)person_id);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, canary2));

	/* On disk, only sealed text. */
	char stored[256];
	assert_true(db_text(&srv, stored, sizeof(stored),
			    "SELECT protection_reason FROM persons WHERE id = ?1", i64s(person_id),
			    (const char *)NULL));
	assert_true(strncmp(stored, "k1.", 3) == 0);
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM person_changes WHERE person_id = ?1 AND"
				" field = 'protection_reason' AND old_value LIKE 'k1.%'"
				" AND new_value LIKE 'k1.%'",
				i64s(person_id), (const char *)NULL),
			 1);
	/* A case note about them holds the canary too. */
	snprintf(body, sizeof(body), "{\"person_id\":%lld,\"opening_reason\":\"Shelter\"}",
		 (long long)person_id);
	r = http_post_json(api, "/api/v1/cases", body);
	EXPECT_STATUS(r, 201);
	j = resp_json(r);
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/notes",
		 (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"text\":\"note %s\",\"confidential\":true}", canary);
	EXPECT_STATUS(http_post_json(api, path, body), 201);
	r = http_get(api, "%s", path);
	EXPECT_STATUS(r, 200);
	assert_true(resp_has(r, canary));
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM case_notes WHERE text NOT LIKE 'k1.%'",
				(const char *)NULL),
			 0);
	/* And a service's result. */
	snprintf(path, sizeof(path), "/api/v1/cases/%lld/services",
		 (long long)db_int(&srv, "SELECT MAX(id) FROM cases", (const char *)NULL));
	snprintf(body, sizeof(body),
		 "{\"type_id\": %lld, \"form\": \"individual\", \"function\": \"adaptation\","
		 " \"means\": \"individual\", \"result\": \"moved to %s\"}",
		 (long long)db_int(&srv,
				   "SELECT MIN(id) FROM service_types WHERE material = 0"
				   " AND loan = 0",
				   (const char *)NULL),
		 canary);
	EXPECT_STATUS(http_post_json(api, path, body), 201);
	r = http_get(api, "%s", path);
	assert_true(resp_has(r, canary));
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM services WHERE result IS NOT NULL AND result"
				" NOT LIKE 'k1.%'",
				(const char *)NULL),
			 0);
	/* And a referral's message to a partner organisation (after the person's consent). */
	char day[11];
	today_iso(day);
	struct sbuf f = { 0 };
	sb_form(&f, "_csrf", web->csrf);
	sb_form(&f, "purpose", "referral_sharing");
	sb_form(&f, "given_on", day);
	snprintf(path, sizeof(path), "/persons/%lld/consents", (long long)person_id);
	EXPECT_STATUS(http_post_form(web, path, sb_str(&f)), 303);
	sb_free(&f);
	snprintf(body, sizeof(body),
		 "{\"case_id\": %lld, \"organisation_id\": %lld, \"service_kind\":"
		 " \"social_legal\", \"message\": \"shelter %s\"}",
		 (long long)db_int(&srv, "SELECT MAX(id) FROM cases", (const char *)NULL),
		 (long long)db_int(&srv, "SELECT MIN(id) FROM partners WHERE org_id IS NULL",
				   (const char *)NULL),
		 canary);
	r = http_post_json(api, "/api/v1/referrals", body);
	EXPECT_STATUS(r, 201);
	assert_true(resp_has(r, canary));
	assert_int_equal(
	    db_int(&srv,
		   "SELECT COUNT(*) FROM referrals WHERE message IS NOT NULL AND message"
		   " NOT LIKE 'k1.%'",
		   (const char *)NULL),
	    0);

	/* And a screening: the worker's reason for the finding, and the indicators found. */
	snprintf(path, sizeof(path), "/api/v1/persons/%lld/screenings", (long long)person_id);
	snprintf(body, sizeof(body),
		 "{\"instrument\": \"ilo_forced_labour\", \"answers\": [\"debt_bondage\"],"
		 " \"finding\": \"likely\", \"finding_reason\": \"owes %s\"}",
		 canary);
	r = http_post_json(api, path, body);
	EXPECT_STATUS(r, 201);
	assert_true(resp_has(r, canary));
	assert_true(resp_has(r, "debt_bondage"));
	assert_int_equal(db_int(&srv,
				"SELECT COUNT(*) FROM screenings WHERE detail NOT LIKE 'k1.%'"
				" OR finding_reason NOT LIKE 'k1.%'",
				(const char *)NULL),
			 0);

	assert_nowhere(canary);
	assert_nowhere(canary2);
	assert_nowhere("шелтер");
}

static void test_reason_is_escaped(void **state)
{
	(void)state;
	struct resp *r =
	    http_post_json(api, "/api/v1/persons",
			   "{\"family_name\":\"Escape\",\"given_name\":\"Test\",\"sex\":\"male\","
			   "\"categories\":[\"persecution_victim\"],"
			   "\"protection_reason\":\"</textarea><script>alert(3)</script>&amp;\"}");
	EXPECT_STATUS(r, 201);
	json_t *j = resp_json(r);
	int64_t id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	static const char *const pages[] = { "", "/edit", "/history" };
	for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		r = http_get(web, "/persons/%lld%s", (long long)id, pages[i]);
		EXPECT_STATUS(r, 200);
		if (resp_has(r, "<script>alert(3)") || resp_has(r, "</textarea><script>"))
			fail_msg("/persons/%lld%s shows the reason as markup", (long long)id,
				 pages[i]);
		if (i < 2 && !resp_has(r, "&lt;/textarea&gt;&lt;script&gt;alert(3)"))
			fail_msg("/persons/%lld%s does not show the reason as text", (long long)id,
				 pages[i]);
	}
}

static void test_reason_only_for_a_protected_person(void **state)
{
	(void)state;
	int64_t before = db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL);
	struct resp *r = http_post_json(api, "/api/v1/persons",
					"{\"family_name\":\"Open\",\"given_name\":\"Case\","
					"\"sex\":\"male\",\"protection_reason\":\"none needed\"}");
	EXPECT_STATUS(r, 422);
	assert_true(resp_has(r, "\"protection_reason\""));
	assert_int_equal(db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL), before);
}

static void test_backup_is_sealed_and_a_damaged_one_restores_nothing(void **state)
{
	(void)state;
	char backup[HARNESS_PATH_MAX + 32], out[4096];
	path_in(backup, sizeof(backup), "backup.kbk");
	int st = komek_run(srv.db, out, sizeof(out), "backup", backup, (const char *)NULL);
	if (st != 0)
		fail_msg("komek backup: %d: %s", st, out);
	struct stat sb;
	assert_int_equal(stat(backup, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Encrypted whole: not even the names of people are in it. */
	assert_false(file_has(backup, "Сейтжанова"));
	assert_false(file_has(backup, "SQLite format"));
	assert_false(file_has(backup, "PGDMP")); /* pg_dump's custom format */
	assert_nowhere(canary);

	/* A restore into a new file (PostgreSQL: a new, empty database), with the database's
	 * key file, gives the same reason. */
	char key[HARNESS_PATH_MAX + 32], restored[HARNESS_PATH_MAX];
	path_in(key, sizeof(key), "k.key");
	static struct server fresh, empty;
	if (server_is_pg(&srv)) {
		assert_int_equal(server_new(&fresh, false), 0);
		snprintf(restored, sizeof(restored), "%s", fresh.db);
	} else {
		path_in(restored, sizeof(restored), "restored.db");
	}
	st = komek_run(restored, out, sizeof(out), "--key-file", key, "restore", backup,
		       (const char *)NULL);
	if (st != 0)
		fail_msg("komek restore: %d: %s", st, out);
	struct server copy = srv;
	snprintf(copy.db, sizeof(copy.db), "%s", restored);
	char reason[256];
	assert_true(db_text(&copy, reason, sizeof(reason),
			    "SELECT protection_reason FROM persons WHERE id = ?1", i64s(person_id),
			    (const char *)NULL));
	assert_true(strncmp(reason, "k1.", 3) == 0);
	if (server_is_pg(&srv))
		assert_int_equal(db_int(&copy, "SELECT COUNT(*) FROM persons", (const char *)NULL),
				 db_int(&srv, "SELECT COUNT(*) FROM persons", (const char *)NULL));

	/* One changed byte anywhere after the header, or a file cut short: refused, nothing
	 * written. */
	if (server_is_pg(&srv))
		assert_int_equal(server_new(&empty, false), 0);
	FILE *f = fopen(backup, "rb");
	assert_non_null(f);
	char *data = malloc((size_t)sb.st_size);
	assert_int_equal(fread(data, 1, (size_t)sb.st_size, f), (size_t)sb.st_size);
	fclose(f);
	static const double where[] = { 0.0, 0.3, 0.999 };
	for (size_t i = 0; i < 4; i++) {
		char bad[HARNESS_PATH_MAX + 32], target[HARNESS_PATH_MAX + 32];
		path_in(bad, sizeof(bad), "bad.kbk");
		if (server_is_pg(&srv))
			snprintf(target, sizeof(target), "%s", empty.db);
		else
			path_in(target, sizeof(target), "bad-restore.db");
		f = fopen(bad, "wb");
		assert_non_null(f);
		size_t len = (size_t)sb.st_size;
		if (i < 3) {
			size_t at = 40 + (size_t)(where[i] * (double)(len - 41));
			data[at] ^= 0x20;
			fwrite(data, 1, len, f);
			data[at] ^= 0x20;
		} else {
			fwrite(data, 1, len - 100, f);
		}
		fclose(f);
		assert_int_not_equal(komek_run(target, out, sizeof(out), "--key-file", key,
					       "restore", bad, (const char *)NULL),
				     0);
		assert_non_null(strstr(out, "nothing was restored"));
		unlink(bad);
		if (server_is_pg(&srv)) {
			/* The database is as empty as it was: no table, no view log schema. */
			assert_int_equal(db_int(&empty,
						"SELECT COUNT(*) FROM pg_namespace WHERE nspname"
						" NOT LIKE 'pg\\_%' AND nspname NOT IN"
						" ('public', 'information_schema')",
						(const char *)NULL),
					 0);
			assert_int_equal(db_int(&empty,
						"SELECT COUNT(*) FROM pg_class c JOIN pg_namespace"
						" n ON n.oid = c.relnamespace WHERE n.nspname ="
						" 'public'",
						(const char *)NULL),
					 0);
			continue;
		}
		assert_int_not_equal(access(target, F_OK), 0);
		char log[HARNESS_PATH_MAX + 32];
		path_in(log, sizeof(log), "bad-restore.viewlog.db");
		assert_int_not_equal(access(log, F_OK), 0);
	}
	free(data);
	if (server_is_pg(&srv)) {
		server_free(&empty);
		server_free(&fresh);
	}
}

static void test_the_wrong_key_is_refused(void **state)
{
	(void)state;
	char other[HARNESS_PATH_MAX + 32], out[4096];
	path_in(other, sizeof(other), "other.key");
	FILE *f = fopen(other, "w");
	assert_non_null(f);
	fputs("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n", f);
	fclose(f);
	assert_int_equal(chmod(other, 0600), 0);
	assert_int_not_equal(
	    komek_run(srv.db, out, sizeof(out), "--key-file", other, "check", (const char *)NULL),
	    0);
	assert_non_null(strstr(out, "do not open the encrypted values"));
	/* A key file others may read is refused too. */
	assert_int_equal(chmod(other, 0644), 0);
	assert_int_not_equal(
	    komek_run(srv.db, out, sizeof(out), "--key-file", other, "check", (const char *)NULL),
	    0);
	assert_non_null(strstr(out, "may be read by other users"));
}

static void test_rotation_while_the_server_runs(void **state)
{
	(void)state;
	char key[HARNESS_PATH_MAX + 32], out[4096];
	path_in(key, sizeof(key), "k.key");
	char old_id[16];
	assert_true(db_text(&srv, old_id, sizeof(old_id),
			    "SELECT substr(protection_reason, 4, 8) FROM persons WHERE id = ?1",
			    i64s(person_id), (const char *)NULL));
	int st = komek_run(srv.db, out, sizeof(out), "key", "new", (const char *)NULL);
	if (st != 0)
		fail_msg("komek key new: %d: %s", st, out);
	st = komek_run(srv.db, out, sizeof(out), "rekey", (const char *)NULL);
	if (st != 0)
		fail_msg("komek rekey: %d: %s", st, out);
	assert_non_null(strstr(out, "sealed again"));
	/* Nothing is left under the old key. */
	char like[32];
	snprintf(like, sizeof(like), "k1.%s.%%", old_id);
	assert_int_equal(
	    db_int(&srv,
		   "SELECT (SELECT COUNT(*) FROM persons WHERE protection_reason LIKE ?1)"
		   " + (SELECT COUNT(*) FROM person_changes WHERE old_value LIKE ?1"
		   " OR new_value LIKE ?1)",
		   like, (const char *)NULL),
	    0);
	/* The server, which loaded only the old key, reads the new values: it reads the key
	 * file again when it meets a key it does not hold. */
	struct resp *r = http_get(api, "/api/v1/persons/%lld", (long long)person_id);
	EXPECT_STATUS(r, 200);
	json_t *j = resp_json(r);
	assert_string_equal(json_string_value(json_object_get(j, "protection_reason")), canary2);
	/* And it writes under the new key from then on. */
	int64_t version = json_integer_value(json_object_get(j, "version"));
	json_decref(j);
	char body[256];
	snprintf(body, sizeof(body), "{\"version\":%lld,\"protection_reason\":\"%s-3\"}",
		 (long long)version, canary2);
	char path[64];
	snprintf(path, sizeof(path), "/api/v1/persons/%lld", (long long)person_id);
	r = http_patch_json(api, path, body);
	EXPECT_STATUS(r, 200);
	char now_id[16];
	assert_true(db_text(&srv, now_id, sizeof(now_id),
			    "SELECT substr(protection_reason, 4, 8) FROM persons WHERE id = ?1",
			    i64s(person_id), (const char *)NULL));
	assert_string_not_equal(now_id, old_id);
	assert_nowhere(canary2);
}

int main(int argc, char **argv)
{
	harness_init(argc, argv);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reason_is_kept_and_shown_but_sealed_on_disk),
		cmocka_unit_test(test_reason_is_escaped),
		cmocka_unit_test(test_reason_only_for_a_protected_person),
		cmocka_unit_test(test_backup_is_sealed_and_a_damaged_one_restores_nothing),
		cmocka_unit_test(test_the_wrong_key_is_refused),
		cmocka_unit_test(test_rotation_while_the_server_runs),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
