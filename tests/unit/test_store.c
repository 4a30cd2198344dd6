/* test_store.c: unit tests for the store and its visibility rule on a temporary SQLite file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/embedded.h"
#include "base/util.h"
#include "domain/access.h"
#include "domain/person.h"
#include "store/db.h"
#include "store/store.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define TODAY "2026-11-25"

struct fixture {
	char dir[64];
	char path[128];
	struct db *db;
	struct dbconn *c;
	struct arena a;
	int applied;
	int64_t org_a, org_b;
	struct actor sup, w1, w2, psych, admin, sup_b, w_b;
};

static int64_t add_user(struct fixture *f, int64_t org, const char *login, enum role role,
			struct actor *out)
{
	int64_t id = 0;
	assert_int_equal(
	    store_user_add(f->c, org, login, "hash", role_code(role), login, "en", &id), 0);
	assert_true(id > 0);
	if (out)
		*out = (struct actor){ .user_id = id,
				       .org_id = org,
				       .role = role,
				       .login = login,
				       .full_name = login,
				       .lang = "en",
				       .addr = "127.0.0.1" };
	return id;
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/komek-test-store-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/komek.db", f->dir);
	if (db_open(f->path, 2, &f->db) || store_migrate(f->db, &f->applied)) {
		free(f);
		return -1;
	}
	arena_init(&f->a);
	f->c = db_acquire(f->db);
	*state = f;

	assert_int_equal(store_org_add(f->c, "Org A", &f->org_a), 0);
	assert_int_equal(store_org_add(f->c, "Org B", &f->org_b), 0);
	add_user(f, f->org_a, "sup", ROLE_SUPERVISOR, &f->sup);
	add_user(f, f->org_a, "w1", ROLE_SOCIAL_WORKER, &f->w1);
	add_user(f, f->org_a, "w2", ROLE_SOCIAL_WORKER, &f->w2);
	add_user(f, f->org_a, "psych", ROLE_PSYCHOLOGIST, &f->psych);
	add_user(f, f->org_a, "admin", ROLE_ADMIN, &f->admin);
	add_user(f, f->org_b, "sup_b", ROLE_SUPERVISOR, &f->sup_b);
	add_user(f, f->org_b, "w_b", ROLE_SOCIAL_WORKER, &f->w_b);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	static const char *const files[] = { "komek.db", "komek.viewlog.db", "copy.db",
					     "copy.viewlog.db" };
	static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
	char p[200];

	if (f->db) {
		db_release(f->db, f->c);
		db_close(f->db);
	}
	arena_release(&f->a);
	for (size_t j = 0; j < ARRAY_SIZE(files); j++) {
		for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
			snprintf(p, sizeof(p), "%s/%s%s", f->dir, files[j], suffixes[i]);
			unlink(p);
		}
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Counts the rows of a query through the db layer. */
static int64_t count(struct fixture *f, const char *sql_static)
{
	struct dbstmt *s = db_prep(f->c, sql_static);
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

/* A valid person; category and document may be NULL. */
static void make(struct fixture *f, struct person *p, const char *family, const char *given,
		 const char *sex, const char *birth, const char *region, const char *category,
		 const char *doc)
{
	struct field_errors e = { 0 };
	*p = (struct person){ .family_name = family,
			      .given_name = given,
			      .sex = sex,
			      .birth_date = birth,
			      .region = region };
	if (category)
		p->categories[p->ncategories++] = category;
	if (doc)
		p->docs[p->ndocs++] = (struct person_doc){ .type = "passport", .number = doc };
	assert_int_equal(person_validate(&f->a, p, TODAY, &e), 0);
}

static int64_t insert(struct fixture *f, const struct actor *who, struct person *p)
{
	assert_int_equal(store_begin(f->c), 0);
	int rc = store_person_insert(f->c, &f->a, who, p);
	if (rc) {
		store_rollback(f->c);
		fail_msg("insert failed: %d", rc);
	}
	assert_int_equal(store_commit(f->c), 0);
	assert_true(p->id > 0);
	return p->id;
}

static int update(struct fixture *f, const struct actor *who, const struct person *old,
		  struct person *p)
{
	assert_int_equal(store_begin(f->c), 0);
	int rc = store_person_update(f->c, &f->a, who, old, p);
	if (rc)
		store_rollback(f->c);
	else
		assert_int_equal(store_commit(f->c), 0);
	return rc;
}

static int get(struct fixture *f, const struct actor *who, int64_t id, struct person *out)
{
	return store_person_get(f->c, &f->a, who, id, out);
}

/* The ids a list returns for a filter, and its total. */
static size_t list(struct fixture *f, const struct actor *who, struct person_filter *flt,
		   int64_t *ids, size_t max, int64_t *total)
{
	struct person_row *rows = NULL;
	size_t n = 0;
	if (!flt->limit)
		flt->limit = 100;
	assert_int_equal(store_person_list(f->c, &f->a, who, flt, TODAY, &rows, &n, total), 0);
	assert_true(n <= max);
	for (size_t i = 0; i < n; i++)
		ids[i] = rows[i].id;
	return n;
}

static bool has_id(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static struct person_filter no_filter(void)
{
	return (struct person_filter){ .age_min = -1, .age_max = -1, .limit = 100 };
}

/* ---- migrations ---- */

static const char SQL_MIGRATION_ROWS[] =
    "SELECT version, name, applied_at FROM schema_migrations ORDER BY version";
static const char SQL_TABLES[] =
    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('orgs', 'users',"
    " 'sessions', 'login_failures', 'households', 'persons', 'person_categories',"
    " 'documents', 'person_workers', 'consents', 'person_changes', 'audit')";

static void test_migrate(void **state)
{
	struct fixture *f = *state;
	int n_files = 0, newest = 0, applied = -1, version = -1;

	for (const struct embedded_file *e = embedded_files; e->name; e++) {
		if (strncmp(e->name, "migrations/", 11) != 0)
			continue;
		n_files++;
		newest = (int)strtol(e->name + 11, NULL, 10);
	}
	assert_true(n_files >= 1);
	assert_int_equal(f->applied, n_files);

	/* A second run finds nothing to do. */
	assert_int_equal(store_migrate(f->db, &applied), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(store_schema_version(f->c, &version), 0);
	assert_int_equal(version, newest);

	/* One row per embedded migration, in order, named after its file: a version is
	 * recorded only together with the schema it made. */
	struct dbstmt *s = db_prep(f->c, SQL_MIGRATION_ROWS);
	assert_non_null(s);
	const struct embedded_file *e = embedded_files;
	int rows = 0;
	while (db_step(s) == DB_ROW) {
		while (e->name && strncmp(e->name, "migrations/", 11) != 0)
			e++;
		assert_non_null(e->name);
		assert_int_equal(db_col_int(s, 0), strtol(e->name + 11, NULL, 10));
		assert_string_equal(db_col_text(s, 1), e->name);
		assert_true(db_col_int(s, 2) > 0);
		rows++;
		e++;
	}
	db_reset(s);
	assert_int_equal(rows, n_files);
	assert_int_equal(count(f, SQL_TABLES), 12);
	assert_int_equal(db_check(f->db), 0);

	/* A fresh connection pool on the same file agrees. */
	struct db *db2 = NULL;
	assert_int_equal(db_open(f->path, 1, &db2), 0);
	assert_int_equal(store_migrate(db2, &applied), 0);
	assert_int_equal(applied, 0);
	db_close(db2);
}

/* ---- organisations and users ---- */

static void test_orgs_users(void **state)
{
	struct fixture *f = *state;
	int64_t id = 0;
	struct store_user u;

	assert_int_equal(store_org_add(f->c, "Org A", &id), K_ECONFLICT);
	assert_int_equal(store_org_find(f->c, "Org A", &id), 0);
	assert_true(id == f->org_a);
	assert_int_equal(store_org_find(f->c, "Org C", &id), K_ENOTFOUND);

	/* Logins are unique across organisations. */
	assert_int_equal(store_user_add(f->c, f->org_b, "w1", "h", "social_worker", "", "kk", &id),
			 K_ECONFLICT);
	assert_int_equal(store_user_add(f->c, f->org_a, "x", "h", "king", "", "kk", &id),
			 K_ECONFLICT);
	assert_int_equal(store_user_add(f->c, f->org_a, "y", "h", "analyst", "", "de", &id),
			 K_ECONFLICT);
	assert_int_equal(store_user_add(f->c, 9999, "z", "h", "analyst", "", "kk", &id),
			 K_ECONFLICT);

	assert_int_equal(store_user_by_login(f->c, &f->a, "w1", &u), 0);
	assert_true(u.id == f->w1.user_id);
	assert_true(u.org_id == f->org_a);
	assert_string_equal(u.role, "social_worker");
	assert_string_equal(u.org_name, "Org A");
	assert_string_equal(u.pw_hash, "hash");
	assert_true(u.active);
	assert_int_equal(store_user_by_login(f->c, &f->a, "nobody", &u), K_ENOTFOUND);

	/* A user is found only within their organisation. */
	assert_int_equal(store_user_get(f->c, &f->a, f->org_a, f->w1.user_id, &u), 0);
	assert_int_equal(store_user_get(f->c, &f->a, f->org_b, f->w1.user_id, &u), K_ENOTFOUND);
	assert_int_equal(store_user_update(f->c, f->org_b, f->w1.user_id, "admin", "", true),
			 K_ENOTFOUND);
	assert_int_equal(store_user_get(f->c, &f->a, f->org_a, f->w1.user_id, &u), 0);
	assert_string_equal(u.role, "social_worker");

	struct store_user *all = NULL;
	size_t n = 0;
	assert_int_equal(store_users_list(f->c, &f->a, f->org_a, &all, &n), 0);
	assert_int_equal(n, 5);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(all[i - 1].login, all[i].login) < 0);
	assert_int_equal(store_users_list(f->c, &f->a, f->org_b, &all, &n), 0);
	assert_int_equal(n, 2);
	int64_t total = 0;
	assert_int_equal(store_count_users(f->c, &total), 0);
	assert_true(total == 7);

	assert_int_equal(store_user_set_password(f->c, f->w1.user_id, "new"), 0);
	assert_int_equal(store_user_set_lang(f->c, f->w1.user_id, "ru"), 0);
	assert_int_equal(store_user_set_lang(f->c, f->w1.user_id, "xx"), K_ECONFLICT);
	assert_int_equal(store_user_set_password(f->c, 99999, "new"), K_ENOTFOUND);
	assert_int_equal(store_user_by_login(f->c, &f->a, "w1", &u), 0);
	assert_string_equal(u.pw_hash, "new");
	assert_string_equal(u.lang, "ru");
}

/* ---- sessions ---- */

static void test_sessions(void **state)
{
	struct fixture *f = *state;
	struct actor a;
	int64_t now = time_now();

	assert_int_equal(
	    store_session_create(f->c, "h-live", f->w1.user_id, "web", "csrf1", now + 3600), 0);
	assert_int_equal(
	    store_session_create(f->c, "h-live", f->w2.user_id, "web", "csrf2", now + 3600),
	    K_ECONFLICT);
	assert_int_equal(store_session_create(f->c, "h-bad", f->w1.user_id, "ftp", "c", now + 60),
			 K_ECONFLICT);

	memset(&a, 0, sizeof(a));
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-live", "web", now, &a), 0);
	assert_true(a.user_id == f->w1.user_id);
	assert_true(a.org_id == f->org_a);
	assert_int_equal(a.role, ROLE_SOCIAL_WORKER);
	assert_string_equal(a.login, "w1");
	assert_string_equal(a.csrf, "csrf1");
	assert_string_equal(a.org_name, "Org A");
	assert_string_equal(a.lang, "en");
	assert_true(a.session_id > 0);

	/* Wrong kind, unknown token, expired at or after expires_at. */
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-live", "api", now, &a), K_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-none", "web", now, &a), K_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-live", "web", now + 3600, &a),
			 K_ENOTFOUND);
	assert_int_equal(store_session_create(f->c, "h-old", f->w1.user_id, "api", "c", now - 1),
			 0);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-old", "api", now, &a), K_ENOTFOUND);

	/* Revoked. */
	assert_int_equal(store_session_revoke(f->c, "h-live", now), 0);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-live", "web", now, &a), K_ENOTFOUND);

	/* All of a user's sessions at once. */
	assert_int_equal(store_session_create(f->c, "h-a", f->w2.user_id, "web", "c", now + 60), 0);
	assert_int_equal(store_session_create(f->c, "h-b", f->w2.user_id, "api", "c", now + 60), 0);
	assert_int_equal(store_session_create(f->c, "h-c", f->sup.user_id, "web", "c", now + 60),
			 0);
	assert_int_equal(store_sessions_revoke_user(f->c, f->w2.user_id, now), 0);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-a", "web", now, &a), K_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-b", "api", now, &a), K_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-c", "web", now, &a), 0);

	/* A deactivated user's live session no longer works. */
	assert_int_equal(store_user_update(f->c, f->org_a, f->sup.user_id, "supervisor", "", false),
			 0);
	assert_int_equal(store_session_lookup(f->c, &f->a, "h-c", "web", now, &a), K_ENOTFOUND);
}

/* ---- throttling ---- */

static void test_throttle(void **state)
{
	struct fixture *f = *state;
	const int64_t t0 = 1800000000, w = 900;
	int64_t n = -1;

	assert_int_equal(store_throttle_count(f->c, "user:w1", t0, w, &n), 0);
	assert_true(n == 0);
	assert_int_equal(store_throttle_fail(f->c, "user:w1", t0, w), 0);
	assert_int_equal(store_throttle_fail(f->c, "user:w1", t0 + 10, w), 0);
	assert_int_equal(store_throttle_fail(f->c, "user:w1", t0 + 20, w), 0);
	assert_int_equal(store_throttle_fail(f->c, "addr:10.0.0.1", t0 + 20, w), 0);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + 30, w, &n), 0);
	assert_true(n == 3);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + w - 1, w, &n), 0);
	assert_true(n == 3);
	assert_int_equal(store_throttle_count(f->c, "addr:10.0.0.1", t0 + 30, w, &n), 0);
	assert_true(n == 1);
	/* The window counts from its first failure: once it is over, the count is gone. */
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + w, w, &n), 0);
	assert_true(n == 0);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + 5000, w, &n), 0);
	assert_true(n == 0);
	/* A failure after the window starts a new one at 1. */
	assert_int_equal(store_throttle_fail(f->c, "user:w1", t0 + 5000, w), 0);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + 5001, w, &n), 0);
	assert_true(n == 1);
	assert_int_equal(store_throttle_fail(f->c, "user:w1", t0 + 5002, w), 0);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + 5003, w, &n), 0);
	assert_true(n == 2);
	assert_int_equal(store_throttle_clear(f->c, "user:w1"), 0);
	assert_int_equal(store_throttle_count(f->c, "user:w1", t0 + 5003, w, &n), 0);
	assert_true(n == 0);
	assert_int_equal(store_throttle_count(f->c, "addr:10.0.0.1", t0 + 30, w, &n), 0);
	assert_true(n == 1);
}

/* ---- audit ---- */

static const char SQL_AUDIT_COUNT_ALL[] = "SELECT COUNT(*) FROM audit";
static const char SQL_AUDIT_TAMPER[] = "UPDATE audit SET detail = 'tampered'";
static const char SQL_AUDIT_DELETE[] = "DELETE FROM audit";

static void test_audit_append_only(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(store_audit(f->c, &f->w1, "login", "user", f->w1.user_id, "web"), 0);
	assert_int_equal(store_audit(f->c, NULL, "login.fail", NULL, 0, "user:nobody"), 0);
	assert_int_equal(store_audit(f->c, &f->w_b, "login", "user", f->w_b.user_id, NULL), 0);
	assert_true(count(f, SQL_AUDIT_COUNT_ALL) == 3);
	struct person p;
	make(f, &p, "Open", "Person", "male", "1980", NULL, NULL, NULL);
	insert(f, &f->w1, &p); /* one history row, "created" */

	/* Through the driver: refused, as a constraint. */
	struct dbstmt *s = db_prep(f->c, SQL_AUDIT_TAMPER);
	assert_non_null(s);
	assert_int_not_equal(db_run(s), 0);
	s = db_prep(f->c, SQL_AUDIT_DELETE);
	assert_non_null(s);
	assert_int_not_equal(db_run(s), 0);

	/* Through sqlite3 directly, on a connection of its own. */
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(f->path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_not_equal(
	    sqlite3_exec(h, "UPDATE audit SET action = 'x' WHERE id = 1", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(h, "DELETE FROM audit WHERE id = 2", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_not_equal(
	    sqlite3_exec(h, "UPDATE person_changes SET field = 'x'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	assert_true(count(f, SQL_AUDIT_COUNT_ALL) == 3);

	/* An organisation reads its own events and those without one, never another's. */
	struct store_audit_filter flt = { .limit = 100 };
	struct store_audit_row *rows = NULL;
	size_t n = 0;
	int64_t total = 0;
	assert_int_equal(store_audit_list(f->c, &f->a, &f->admin, &flt, &rows, &n, &total), 0);
	assert_int_equal(n, 2);
	assert_true(total == 2);
	assert_string_equal(rows[0].action, "login.fail"); /* newest first */
	assert_null(rows[0].login);
	assert_string_equal(rows[1].login, "w1");
	assert_string_equal(rows[1].detail, "web");
	assert_string_equal(rows[1].addr, "127.0.0.1");
	for (size_t i = 0; i < n; i++)
		assert_true(rows[i].user_id != f->w_b.user_id);
	flt.action = "login";
	assert_int_equal(store_audit_list(f->c, &f->a, &f->admin, &flt, &rows, &n, &total), 0);
	assert_int_equal(n, 1);
	assert_true(total == 1);
}

/* ---- people: insert, read, update, history ---- */

static const struct person_change *find_change(const struct person_change *rows, size_t n,
					       int64_t version, const char *field)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].version == version && strcmp(rows[i].field, field) == 0)
			return &rows[i];
	return NULL;
}

static void test_person_crud_history(void **state)
{
	struct fixture *f = *state;
	struct person p, got, old, next;
	struct field_errors e = { 0 };

	p = (struct person){
		.family_name = "Тұрсынбаев",
		.given_name = "Нұрсұлтан",
		.sex = "male",
		.birth_date = "1990-05-17",
		.citizenship = "uz",
		.region = "KZ-ALA",
		.phone = "+7 701 123 45 67",
		.languages = "uz, zh",
		.disability = true,
		.categories = { "labour_migrant", "kandas" },
		.ncategories = 2,
		.docs = { { .type = "passport",
			    .number = "fa 123-4567",
			    .country = "UZ",
			    .issued_on = "2015-01-10",
			    .expires_on = "2025-01-10" },
			  { .type = "id_card", .number = "N0001" } },
		.ndocs = 2,
	};
	assert_int_equal(person_validate(&f->a, &p, TODAY, &e), 0);
	int64_t id = insert(f, &f->w1, &p);
	assert_true(p.version == 1);

	assert_int_equal(get(f, &f->w1, id, &got), 0);
	assert_true(got.id == id);
	assert_true(got.org_id == f->org_a);
	assert_true(got.version == 1);
	assert_string_equal(got.family_name, "Тұрсынбаев");
	assert_string_equal(got.citizenship, "UZ");
	assert_string_equal(got.region, "KZ-75");
	assert_string_equal(got.languages, "uz zh");
	assert_string_equal(got.child_status, "none");
	assert_null(got.patronymic);
	assert_true(got.disability);
	assert_false(got.restricted);
	assert_true(got.created_by == f->w1.user_id);
	assert_int_equal(got.ncategories, 2);
	assert_string_equal(got.categories[0], "kandas");
	assert_string_equal(got.categories[1], "labour_migrant");
	assert_int_equal(got.ndocs, 2);
	assert_string_equal(got.docs[0].number, "FA 123-4567");
	assert_string_equal(got.docs[0].expires_on, "2025-01-10");
	assert_string_equal(got.docs[1].type, "id_card");
	assert_int_equal(get(f, &f->w1, id + 1000, &got), K_ENOTFOUND);

	/* Change three fields. */
	assert_int_equal(get(f, &f->w1, id, &old), 0);
	next = old;
	next.given_name = "Нурсултан";
	next.phone = NULL;
	next.categories[next.ncategories++] = "refugee";
	assert_int_equal(update(f, &f->w2, &old, &next), 0);
	assert_true(next.version == 2);
	assert_int_equal(get(f, &f->w1, id, &got), 0);
	assert_true(got.version == 2);
	assert_string_equal(got.given_name, "Нурсултан");
	assert_null(got.phone);
	assert_int_equal(got.ncategories, 3);
	assert_true(got.updated_by == f->w2.user_id);
	assert_int_equal(got.ndocs, 2); /* documents written again, unchanged */

	struct person_change *ch = NULL;
	size_t n = 0;
	assert_int_equal(store_person_changes(f->c, &f->a, id, &ch, &n), 0);
	const struct person_change *c = find_change(ch, n, 2, "given_name");
	assert_non_null(c);
	assert_string_equal(c->old_value, "Нұрсұлтан");
	assert_string_equal(c->new_value, "Нурсултан");
	assert_string_equal(c->login, "w2");
	c = find_change(ch, n, 2, "phone");
	assert_non_null(c);
	assert_string_equal(c->old_value, "+7 701 123 45 67");
	assert_null(c->new_value);
	c = find_change(ch, n, 2, "categories");
	assert_non_null(c);
	assert_null(strstr(c->old_value, "refugee"));
	assert_non_null(strstr(c->new_value, "refugee"));
	assert_null(find_change(ch, n, 2, "family_name"));
	assert_null(find_change(ch, n, 2, "documents"));
	c = find_change(ch, n, 1, "created");
	assert_non_null(c);
	assert_string_equal(c->login, "w1");
	assert_int_equal(n, 4);
	assert_true(ch[0].version == 2); /* newest first */

	/* A stale version is refused and changes nothing. */
	struct person stale = old; /* still version 1 */
	stale.family_name = "Stale";
	assert_int_equal(update(f, &f->w1, &old, &stale), K_ECONFLICT);
	assert_int_equal(get(f, &f->w1, id, &got), 0);
	assert_true(got.version == 2);
	assert_string_equal(got.family_name, "Тұрсынбаев");
	assert_string_equal(got.given_name, "Нурсултан");
	assert_int_equal(store_person_changes(f->c, &f->a, id, &ch, &n), 0);
	assert_int_equal(n, 4);

	/* Saving without a change still makes a version, recorded as such. */
	assert_int_equal(get(f, &f->w1, id, &old), 0);
	next = old;
	assert_int_equal(update(f, &f->w1, &old, &next), 0);
	assert_true(next.version == 3);
	assert_int_equal(store_person_changes(f->c, &f->a, id, &ch, &n), 0);
	assert_non_null(find_change(ch, n, 3, "saved"));
	assert_int_equal(n, 5);
}

/* ---- the visibility rule ---- */

static void test_visibility(void **state)
{
	struct fixture *f = *state;
	struct person r, o, got;
	int64_t ids[16], total = -1;

	make(f, &r, "Secret", "Victim", "female", "1995-01-01", NULL, "trafficking_victim",
	     "RV111");
	make(f, &o, "Open", "Person", "male", "1980-01-01", NULL, "kandas", "OP222");
	assert_true(r.restricted);
	int64_t rid = insert(f, &f->w1, &r);
	int64_t oid = insert(f, &f->w1, &o);

	/* The creator was assigned automatically. */
	struct person_worker *wk = NULL;
	size_t nw = 0;
	assert_int_equal(store_person_workers(f->c, &f->a, rid, &wk, &nw), 0);
	assert_int_equal(nw, 1);
	assert_true(wk[0].user_id == f->w1.user_id);

	assert_int_equal(get(f, &f->w1, rid, &got), 0);
	assert_true(got.restricted);
	assert_int_equal(get(f, &f->sup, rid, &got), 0);
	assert_int_equal(get(f, &f->w2, rid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->psych, rid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->admin, rid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->sup_b, rid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w_b, rid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w2, oid, &got), 0);
	assert_int_equal(get(f, &f->sup_b, oid, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w_b, oid, &got), K_ENOTFOUND);

	/* Lists and their totals agree with single reads. */
	struct person_filter flt = no_filter();
	size_t n = list(f, &f->w2, &flt, ids, 16, &total);
	assert_int_equal(n, 1);
	assert_true(total == 1);
	assert_true(ids[0] == oid);
	n = list(f, &f->w1, &flt, ids, 16, &total);
	assert_int_equal(n, 2);
	assert_true(total == 2);
	n = list(f, &f->sup, &flt, ids, 16, &total);
	assert_int_equal(n, 2);
	assert_true(has_id(ids, n, rid));
	n = list(f, &f->sup_b, &flt, ids, 16, &total);
	assert_int_equal(n, 0);
	assert_true(total == 0);
	n = list(f, &f->w_b, &flt, ids, 16, &total);
	assert_int_equal(n, 0);

	/* Nor does a search or a filter reveal the restricted person. */
	flt = no_filter();
	flt.q = "Secret";
	assert_int_equal(list(f, &f->w2, &flt, ids, 16, &total), 0);
	assert_true(total == 0);
	assert_int_equal(list(f, &f->sup, &flt, ids, 16, &total), 1);
	flt.q = "rv 111";
	assert_int_equal(list(f, &f->w2, &flt, ids, 16, &total), 0);
	assert_true(total == 0);
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	flt = no_filter();
	flt.category = "trafficking_victim";
	assert_int_equal(list(f, &f->w2, &flt, ids, 16, &total), 0);
	assert_true(total == 0);

	/* Assigning a worker lets them see it; unassigning takes it away. */
	assert_int_equal(store_person_assign(f->c, &f->sup, rid, f->w2.user_id), 0);
	assert_int_equal(store_person_assign(f->c, &f->sup, rid, f->w2.user_id), 0);
	assert_int_equal(get(f, &f->w2, rid, &got), 0);
	flt = no_filter();
	assert_int_equal(list(f, &f->w2, &flt, ids, 16, &total), 2);
	assert_true(total == 2);
	assert_int_equal(store_person_unassign(f->c, rid, f->w2.user_id), 0);
	assert_int_equal(store_person_unassign(f->c, rid, f->w2.user_id), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w2, rid, &got), K_ENOTFOUND);

	/* A user of another organisation, or an inactive one, cannot be assigned. */
	assert_int_equal(store_person_assign(f->c, &f->sup, rid, f->w_b.user_id), K_EINVAL);
	assert_int_equal(store_person_assign(f->c, &f->sup, rid, 99999), K_EINVAL);
	assert_int_equal(
	    store_user_update(f->c, f->org_a, f->psych.user_id, "psychologist", "", false), 0);
	assert_int_equal(store_person_assign(f->c, &f->sup, rid, f->psych.user_id), K_EINVAL);
	assert_int_equal(store_person_workers(f->c, &f->a, rid, &wk, &nw), 0);
	assert_int_equal(nw, 1);
	assert_int_equal(get(f, &f->w_b, rid, &got), K_ENOTFOUND);
}

/* Making a record restricted keeps it in sight of whoever did it. */
static void test_restricting_keeps_sight(void **state)
{
	struct fixture *f = *state;
	struct person o, old, next, got;

	make(f, &o, "Open", "Person", "male", "1980-01-01", NULL, "kandas", NULL);
	int64_t id = insert(f, &f->w1, &o);
	assert_int_equal(get(f, &f->w2, id, &old), 0);
	next = old;
	next.categories[next.ncategories++] = "forced_labour_victim";
	next.restricted = person_is_protected(&next);
	assert_int_equal(update(f, &f->w2, &old, &next), 0);
	assert_int_equal(get(f, &f->w2, id, &got), 0);
	assert_true(got.restricted);
	assert_int_equal(get(f, &f->psych, id, &got), K_ENOTFOUND);
	/* w1 made the record but was never assigned: they no longer see it. */
	assert_int_equal(get(f, &f->w1, id, &got), K_ENOTFOUND);
	assert_int_equal(get(f, &f->sup, id, &got), 0);
}

/* store.h: "Functions that take an actor apply the access rule inside their queries: a
 * person the actor may not see is K_ENOTFOUND". store_person_update takes an actor, so an
 * update by someone who cannot see the record must fail and change nothing, even when the
 * caller hands it a record read by somebody else. */
static void test_update_respects_visibility(void **state)
{
	struct fixture *f = *state;
	struct person o, r, old, next, got;

	make(f, &o, "Open", "Person", "male", "1980-01-01", NULL, "kandas", NULL);
	make(f, &r, "Secret", "Victim", "female", "1995-01-01", NULL, "persecution_victim", NULL);
	int64_t oid = insert(f, &f->w1, &o);
	int64_t rid = insert(f, &f->w1, &r);

	/* Another organisation. */
	assert_int_equal(get(f, &f->w1, oid, &old), 0);
	next = old;
	next.family_name = "Hijacked";
	assert_int_equal(update(f, &f->w_b, &old, &next), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w1, oid, &got), 0);
	assert_string_equal(got.family_name, "Open");
	assert_true(got.version == 1);

	/* A restricted person and an unassigned worker of the same organisation. */
	assert_int_equal(get(f, &f->w1, rid, &old), 0);
	next = old;
	next.family_name = "Hijacked";
	assert_int_equal(update(f, &f->w2, &old, &next), K_ENOTFOUND);
	assert_int_equal(get(f, &f->w1, rid, &got), 0);
	assert_string_equal(got.family_name, "Secret");
	assert_true(got.version == 1);
}

/* ---- search and filters ---- */

static void test_search(void **state)
{
	struct fixture *f = *state;
	struct person a, b, c;
	int64_t ids[16], total = 0;

	make(f, &a, "Тұрсынбаев", "Нұрсұлтан", "male", "1990", NULL, NULL, "fa 123-4567");
	make(f, &b, "Иванова", "Анна", "female", "1985", NULL, NULL, "N0001");
	make(f, &c, "O'Brien", "Sean", "male", "1970", NULL, NULL, NULL);
	int64_t ida = insert(f, &f->w1, &a);
	int64_t idb = insert(f, &f->w1, &b);
	int64_t idc = insert(f, &f->w1, &c);

	static const struct {
		const char *q;
		int which; /* 0 none, 1 a, 2 b, 3 c */
	} cases[] = {
		{ "Tursynbaev", 1 },
		{ "тұрсынбаев", 1 },
		{ "ТҰРСЫНБАЕВ", 1 },
		{ "nursultan", 1 },
		{ "Tursyn", 1 },
		{ "Турсынбаев", 1 },
		{ "Tursynbaev Nursultan", 1 },
		{ "fa1234567", 1 },
		{ "FA 123-4567", 1 },
		{ "fa-123-4567", 1 },
		{ "ivanova", 2 },
		{ "Иванова Анна", 2 },
		{ "n0001", 2 },
		{ "OBrien", 3 },
		{ "o'brien", 3 },
		{ "Smith", 0 },
		{ "%", 0 },
		{ "_", 0 },
		{ "\\", 0 },
		{ "0001x", 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct person_filter flt = no_filter();
		flt.q = cases[i].q;
		size_t n = list(f, &f->sup, &flt, ids, 16, &total);
		int64_t want = cases[i].which == 1   ? ida
			       : cases[i].which == 2 ? idb
			       : cases[i].which == 3 ? idc
						     : 0;
		if (cases[i].which == 0) {
			if (n != 0 || total != 0)
				fail_msg("q \"%s\" found %zu", cases[i].q, n);
		} else if (n != 1 || total != 1 || ids[0] != want) {
			fail_msg("q \"%s\" found %zu (want 1)", cases[i].q, n);
		}
	}
}

/* Stored keys join spellings with " | "; that separator is not part of any name, so a
 * query made of it, or of characters the key drops, must not match every record. */
static void test_search_separator(void **state)
{
	struct fixture *f = *state;
	struct person a;
	int64_t ids[4], total = -1;
	static const char *const queries[] = { "|", "'", "-", " | " };

	make(f, &a, "Тұрсынбаев", "Нұрсұлтан", "male", "1990", NULL, NULL, NULL);
	insert(f, &f->w1, &a);
	int bad = 0;
	for (size_t i = 0; i < ARRAY_SIZE(queries); i++) {
		struct person_filter flt = no_filter();
		flt.q = queries[i];
		size_t n = list(f, &f->w1, &flt, ids, 4, &total);
		if (n != 0 || total != 0) {
			print_error("q \"%s\" found %zu\n", queries[i], n);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void test_filters(void **state)
{
	struct fixture *f = *state;
	struct person a, b, c;
	int64_t ids[16], total = 0, hh = 0, hh_b = 0;

	assert_int_equal(store_household_create(f->c, &f->w1, &hh), 0);
	assert_int_equal(store_household_create(f->c, &f->w_b, &hh_b), 0);
	assert_int_equal(store_household_check(f->c, &f->w1, hh), 0);
	assert_int_equal(store_household_check(f->c, &f->w_b, hh), K_ENOTFOUND);
	assert_int_equal(store_household_check(f->c, &f->w1, hh_b), K_ENOTFOUND);

	make(f, &a, "Alpha", "Ann", "female", "1990-02-02", "KZ-75", "refugee", NULL);
	a.household_id = hh;
	make(f, &b, "Beta", "Bob", "male", "2015-03-03", "KZ-11", "kandas", NULL);
	b.household_id = hh;
	make(f, &c, "Gamma", "Carl", "male", "1970", "kz-ala", NULL, NULL);
	int64_t ida = insert(f, &f->w1, &a);
	int64_t idb = insert(f, &f->w1, &b);
	int64_t idc = insert(f, &f->w1, &c);

	struct person_filter flt = no_filter();
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 3);
	assert_true(ids[0] == ida && ids[1] == idb && ids[2] == idc); /* by family name */

	flt = no_filter();
	flt.category = "refugee";
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	assert_true(ids[0] == ida);
	flt.category = "no_such";
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 0);

	flt = no_filter();
	flt.region = "KZ-75";
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 2);
	assert_true(has_id(ids, 2, ida) && has_id(ids, 2, idc));

	flt = no_filter();
	flt.sex = "male";
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 2);
	assert_true(has_id(ids, 2, idb) && has_id(ids, 2, idc));
	flt.region = "KZ-75";
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	assert_true(ids[0] == idc);

	flt = no_filter();
	flt.age_min = 18;
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 2);
	assert_true(has_id(ids, 2, ida) && has_id(ids, 2, idc));
	flt = no_filter();
	flt.age_max = 17;
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	assert_true(ids[0] == idb);
	flt = no_filter();
	flt.age_min = 30;
	flt.age_max = 40;
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	assert_true(ids[0] == ida);

	flt = no_filter();
	flt.household_id = hh;
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 2);
	assert_true(has_id(ids, 2, ida) && has_id(ids, 2, idb));

	/* A page: limit and offset cut the rows, not the total. */
	flt = no_filter();
	flt.limit = 1;
	flt.offset = 1;
	assert_int_equal(list(f, &f->w1, &flt, ids, 16, &total), 1);
	assert_true(total == 3);
	assert_true(ids[0] == idb);

	/* Rows carry their categories. */
	struct person_row *rows = NULL;
	size_t n = 0;
	flt = no_filter();
	assert_int_equal(store_person_list(f->c, &f->a, &f->w1, &flt, TODAY, &rows, &n, &total), 0);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].categories, "refugee");
	assert_string_equal(rows[2].categories, "");
	assert_string_equal(rows[2].region, "KZ-75");
	assert_true(rows[0].household_id == hh);
}

/* ---- consents and the disclosure log ---- */

static void test_consents_disclosures(void **state)
{
	struct fixture *f = *state;
	struct person p;
	int64_t c1 = 0, c2 = 0;

	make(f, &p, "Open", "Person", "male", "1980", NULL, NULL, NULL);
	int64_t id = insert(f, &f->w1, &p);

	/* A view with no consent in force records none. */
	assert_int_equal(store_audit(f->c, &f->w1, "person.view", "person", id, NULL), 0);
	assert_int_equal(
	    store_consent_add(f->c, &f->w1, id, "service_provision", "2026-11-01", &c1), 0);
	assert_int_equal(store_audit(f->c, &f->w2, "person.view", "person", id, NULL), 0);
	assert_int_equal(store_consent_add(f->c, &f->w1, id, "statistics", "2026-11-02", &c2), 0);
	assert_true(c2 > c1);
	assert_int_equal(store_audit(f->c, &f->sup, "person.export", "person", id, "csv"), 0);
	assert_int_equal(store_audit(f->c, &f->w1, "person.update", "person", id, NULL), 0);

	struct consent *cs = NULL;
	size_t n = 0;
	assert_int_equal(store_consents(f->c, &f->a, id, &cs, &n), 0);
	assert_int_equal(n, 2);
	assert_true(cs[0].id == c2); /* newest first */
	assert_string_equal(cs[1].purpose, "service_provision");
	assert_string_equal(cs[1].given_on, "2026-11-01");
	assert_string_equal(cs[1].recorded_by, "w1");
	assert_null(cs[1].withdrawn_on);

	/* Withdrawal: once, for the right person only. */
	assert_int_equal(store_consent_withdraw(f->c, id + 1, c2, "2026-11-20"), K_ENOTFOUND);
	assert_int_equal(store_consent_withdraw(f->c, id, c2, "2026-11-20"), 0);
	assert_int_equal(store_consent_withdraw(f->c, id, c2, "2026-11-21"), K_ENOTFOUND);
	assert_int_equal(store_consents(f->c, &f->a, id, &cs, &n), 0);
	assert_string_equal(cs[0].withdrawn_on, "2026-11-20");
	assert_null(cs[1].withdrawn_on);
	assert_int_equal(store_audit(f->c, &f->w1, "person.view", "person", id, NULL), 0);
	assert_int_equal(store_consent_withdraw(f->c, id, c1, "2026-11-22"), 0);
	assert_int_equal(store_audit(f->c, &f->w1, "person.view", "person", id, NULL), 0);

	struct store_audit_row *rows = NULL;
	assert_int_equal(store_person_disclosures(f->c, &f->a, id, &rows, &n), 0);
	assert_int_equal(n, 5); /* four views and an export; the update is not a disclosure */
	assert_string_equal(rows[0].action, "person.view");
	assert_true(rows[0].consent_id == 0);  /* every consent withdrawn */
	assert_true(rows[1].consent_id == c1); /* c2 withdrawn, c1 in force */
	assert_string_equal(rows[2].action, "person.export");
	assert_string_equal(rows[2].login, "sup");
	assert_true(rows[2].consent_id == c2);
	assert_true(rows[3].consent_id == c1);
	assert_string_equal(rows[3].login, "w2");
	assert_true(rows[4].consent_id == 0);
	for (size_t i = 1; i < n; i++)
		assert_true(rows[i - 1].id > rows[i].id);

	/* Another person's log is separate. */
	assert_int_equal(store_person_disclosures(f->c, &f->a, id + 1, &rows, &n), 0);
	assert_int_equal(n, 0);
}

/* ---- the view log ---- */

static void test_viewlog_path(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "data/komek.db", "data/komek.viewlog.db" },
		{ "komek", "komek.viewlog.db" },
		{ "x.sqlite", "x.sqlite.viewlog.db" },
		{ ".db", ".db.viewlog.db" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		char *p = db_viewlog_path(cases[i][0]);
		assert_non_null(p);
		assert_string_equal(p, cases[i][1]);
		free(p);
	}
}

/* The fund's balance: a spending beyond it refused, money in another currency apart; the
 * donations and spendings append-only. */
static void test_fund(void **state)
{
	struct fixture *f = *state;
	struct field_errors e = { 0 };
	struct campaign k = { .name = "Fund", .currency = "KZT", .active = true };
	assert_int_equal(store_campaign_save(f->c, &f->sup, &k), 0);
	struct donation d = { .campaign_id = k.id,
			      .donor = "D",
			      .donor_kind = "person",
			      .kind = "money",
			      .amount = 1000,
			      .currency = "KZT",
			      .received_on = "2026-01-01" };
	assert_int_equal(store_donation_add(f->c, &f->a, &f->sup, &d, &e), 0);
	struct spending x = { .campaign_id = k.id,
			      .amount = 1001,
			      .currency = "KZT",
			      .spent_on = "2026-01-02",
			      .purpose = "P" };
	assert_int_equal(store_spending_add(f->c, &f->a, &f->sup, &x, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "amount"));
	x.amount = 1000;
	x.currency = "USD";
	assert_int_equal(store_spending_add(f->c, &f->a, &f->sup, &x, &e), K_EINVAL);
	x.currency = "KZT";
	assert_int_equal(store_spending_add(f->c, &f->a, &f->sup, &x, &e), 0);
	struct campaign now;
	assert_int_equal(store_campaign_get(f->c, &f->a, &f->sup, k.id, &now), 0);
	assert_int_equal(now.balances[0].received, 1000);
	assert_int_equal(now.balances[0].spent, 1000);
	assert_int_equal(now.balances[0].balance, 0);
	assert_int_not_equal(db_exec_script(f->c, "UPDATE donations SET amount = 1"), 0);
	assert_int_not_equal(db_exec_script(f->c, "DELETE FROM donations"), 0);
	assert_int_not_equal(db_exec_script(f->c, "UPDATE spendings SET amount = 1"), 0);
	assert_int_not_equal(db_exec_script(f->c, "DELETE FROM spendings"), 0);
	/* And the balance cannot go below zero, whatever writes it. */
	assert_int_not_equal(db_exec_script(f->c, "UPDATE campaign_balances SET balance = -1"), 0);
}

static void test_viewlog(void **state)
{
	struct fixture *f = *state;
	struct person p;
	make(f, &p, "Viewed", "Person", "female", "1990", NULL, NULL, NULL);
	int64_t id = insert(f, &f->w1, &p);

	/* The pool's connections read the view log but cannot write it. */
	assert_int_not_equal(store_audit_view(f->c, &f->w1, "person.view", "person", id, NULL), 0);
	struct dbconn *logger = db_acquire_logger(f->db);
	assert_int_equal(store_audit_view(logger, &f->w2, "person.view", "person", id, NULL), 0);
	assert_int_equal(store_audit(f->c, &f->sup, "person.export", "person", id, "csv"), 0);
	/* The log is append-only there too. */
	assert_int_not_equal(db_exec_script(logger, "DELETE FROM viewlog.audit"), 0);
	assert_int_not_equal(db_exec_script(logger, "UPDATE viewlog.audit SET user_id = NULL"), 0);
	db_release(f->db, logger);

	/* The disclosure log and the audit page read both. */
	struct store_audit_row *rows = NULL;
	size_t n = 0;
	assert_int_equal(store_person_disclosures(f->c, &f->a, id, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].action, "person.export");
	assert_string_equal(rows[1].action, "person.view");
	assert_string_equal(rows[1].login, "w2");
	struct store_audit_filter filter = { .entity = "person", .entity_id = id, .limit = 10 };
	int64_t total = 0;
	assert_int_equal(store_audit_list(f->c, &f->a, &f->sup, &filter, &rows, &n, &total), 0);
	assert_int_equal(total, 2); /* the export and the view */
	assert_int_equal(n, 2);
	filter.action = "person.view";
	assert_int_equal(store_audit_list(f->c, &f->a, &f->sup, &filter, &rows, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_string_equal(rows[0].login, "w2");

	/* A backup copies the view log beside the copy. */
	char copy[200];
	snprintf(copy, sizeof(copy), "%s/copy.db", f->dir);
	assert_int_equal(db_backup(f->db, copy), 0);
	struct db *db2 = NULL;
	assert_int_equal(db_open(copy, 1, &db2), 0);
	struct dbconn *c2 = db_acquire(db2);
	assert_int_equal(store_person_disclosures(c2, &f->a, id, &rows, &n), 0);
	assert_int_equal(n, 2);
	db_release(db2, c2);
	db_close(db2);

	/* A database whose view log was lost does not start with a new, empty one. */
	db_release(f->db, f->c);
	db_close(f->db);
	f->db = NULL;
	char log[200];
	snprintf(log, sizeof(log), "%s/komek.viewlog.db", f->dir);
	assert_int_equal(unlink(log), 0);
	int applied = 0;
	assert_int_equal(db_open(f->path, 1, &f->db), 0);
	assert_int_not_equal(store_migrate(f->db, &applied), 0);
	f->c = db_acquire(f->db);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_migrate),
		T(test_orgs_users),
		T(test_sessions),
		T(test_throttle),
		T(test_audit_append_only),
		T(test_person_crud_history),
		T(test_visibility),
		T(test_restricting_keeps_sight),
		T(test_update_respects_visibility),
		T(test_search),
		T(test_search_separator),
		T(test_filters),
		T(test_consents_disclosures),
		T(test_viewlog),
		T(test_fund),
		cmocka_unit_test(test_viewlog_path),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
