/* store.c: migrations, organisations, users, sessions, throttling and the audit log.
 * People and households are in store_person.c. Every query is a static string with bound
 * parameters (numbered ?N, which the PostgreSQL driver maps to $N). */
#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/embedded.h"
#include "base/util.h"
#include "store/store_report.h"
#include "store/store_util.h"

int store_begin(struct dbconn *c)
{
	return db_begin(c);
}

int store_commit(struct dbconn *c)
{
	return db_commit(c);
}

void store_rollback(struct dbconn *c)
{
	db_rollback(c);
}

int store_finish(struct dbconn *c, int rc)
{
	if (!rc)
		rc = db_commit(c);
	if (rc)
		db_rollback(c);
	return rc;
}

/* ---- migrations ---- */

static const char SQL_MIGRATIONS_TABLE[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT";
static const char SQL_SCHEMA_VERSION[] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
static const char SQL_MIGRATION_DONE[] =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)";

int store_schema_version(struct dbconn *c, int *version)
{
	*version = 0;
	struct dbstmt *s = db_prep(c, SQL_SCHEMA_VERSION);
	if (!s)
		return K_EDB;
	int rc = db_step(s);
	if (rc == DB_ROW)
		*version = (int)db_col_int(s, 0);
	db_reset(s);
	return rc < 0 ? rc : 0;
}

#define VIEWLOG_MIGRATION 2 /* 0002_viewlog.sql */
/* Portable: preparing it fails if the table is missing. */
static const char SQL_VIEWLOG_PRESENT[] = "SELECT COUNT(*) + 1 FROM viewlog.audit WHERE 1 = 0";

/* "migrations/0007_name.sql" → 7, or -1. */
static int migration_number(const char *name)
{
	const char *p = name + strlen("migrations/");
	int v = 0, digits = 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		v = v * 10 + (*p - '0');
	return digits == 4 && *p == '_' ? v : -1;
}

int store_migrate(struct db *db, int *applied)
{
	*applied = 0;
	/* The logger's connection: migrations write the view log's schema too. */
	struct dbconn *c = db_acquire_logger(db);
	int rc = db_exec_migration(c, SQL_MIGRATIONS_TABLE);
	int current = 0;
	if (!rc)
		rc = store_schema_version(c, &current);
	for (const struct embedded_file *f = embedded_files; !rc && f->name; f++) {
		if (strncmp(f->name, "migrations/", 11) != 0)
			continue;
		int v = migration_number(f->name);
		if (v < 0) {
			log_error("migrate: bad migration name %s", f->name);
			rc = K_EINVAL;
			break;
		}
		if (v <= current)
			continue;
		/* The migration and its record commit together or not at all. */
		rc = db_begin(c);
		if (rc)
			break;
		rc = db_exec_migration(c, (const char *)f->data);
		struct dbstmt *s = rc ? NULL : db_prep(c, SQL_MIGRATION_DONE);
		if (s) {
			db_bind_int(s, 1, v);
			db_bind_text(s, 2, f->name);
			db_bind_int(s, 3, time_now());
			rc = db_run(s);
		} else if (!rc) {
			rc = K_EDB;
		}
		if (!rc)
			rc = db_commit(c);
		if (rc) {
			db_rollback(c);
			log_error("migrate: %s failed; the database is left at version %d", f->name,
				  current);
			break;
		}
		log_info("migrate: applied %s", f->name);
		current = v;
		(*applied)++;
	}
	/* A view log without its table is a file that was lost or replaced: refuse to go on
	 * rather than start a new, empty disclosure log in silence. */
	int64_t has_log = 0;
	if (!rc && current >= VIEWLOG_MIGRATION) {
		struct dbstmt *s = db_prep(c, SQL_VIEWLOG_PRESENT);
		rc = s ? store_returning_id(s, &has_log) : 0;
		if (!rc && !has_log) {
			log_error("migrate: the view log has no audit table; was its file (beside "
				  "the database, *.viewlog.db) lost? Restore it from the backup");
			rc = K_EDB;
		}
	}
	/* The name keys of every person, when made by another version of the matcher. */
	if (!rc)
		rc = store_match_reindex(c, false);
	/* The reports' facts, when coded with other reference lists (or made before 0027). */
	if (!rc)
		rc = store_report_rebuild(c, false);
	db_release(db, c);
	return rc;
}

/* ---- organisations and users ---- */

static const char SQL_ORG_ADD[] =
    "INSERT INTO orgs (name, created_at) VALUES (?1, ?2) RETURNING id";
static const char SQL_ORG_FIND[] = "SELECT id FROM orgs WHERE name = ?1";

int store_org_add(struct dbconn *c, const char *name, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_ORG_ADD);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, name);
	db_bind_int(s, 2, time_now());
	return store_returning_id(s, id);
}

static const char SQL_ORG_IDS[] = "SELECT id FROM orgs ORDER BY id LIMIT 100000";

int store_org_ids(struct dbconn *c, struct arena *a, int64_t **ids, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ORG_IDS);
	if (!s)
		return K_EDB;
	STORE_COLLECT(s, a, int64_t, *ids, *n, 100000, *row = db_col_int(s, 0));
}

int store_org_find(struct dbconn *c, const char *name, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_ORG_FIND);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, name);
	return store_returning_id(s, id);
}

static const char SQL_USER_ADD[] =
    "INSERT INTO users (org_id, login, pw_hash, role, full_name, lang, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id";

int store_user_add(struct dbconn *c, int64_t org_id, const char *login, const char *pw_hash,
		   const char *role, const char *full_name, const char *lang, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_USER_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, login);
	db_bind_text(s, 3, pw_hash);
	db_bind_text(s, 4, role);
	db_bind_text(s, 5, full_name ? full_name : "");
	db_bind_text(s, 6, lang ? lang : "kk");
	db_bind_int(s, 7, time_now());
	return store_returning_id(s, id);
}

#define USER_COLS                                                                                  \
	"u.id, u.org_id, u.login, u.pw_hash, u.role, u.full_name, u.lang, u.active,"               \
	" u.created_at, o.name"
static const char SQL_USER_BY_LOGIN[] =
    "SELECT " USER_COLS " FROM users u JOIN orgs o ON o.id = u.org_id WHERE u.login = ?1";
static const char SQL_USER_GET[] =
    "SELECT " USER_COLS " FROM users u JOIN orgs o ON o.id = u.org_id"
    " WHERE u.id = ?1 AND u.org_id = ?2";
static const char SQL_USERS_LIST[] =
    "SELECT " USER_COLS " FROM users u JOIN orgs o ON o.id = u.org_id"
    " WHERE u.org_id = ?1 ORDER BY u.login LIMIT 1000";

static void user_from_row(struct dbstmt *s, struct arena *a, struct store_user *u)
{
	u->id = db_col_int(s, 0);
	u->org_id = db_col_int(s, 1);
	u->login = arena_strdup(a, db_col_text(s, 2));
	u->pw_hash = arena_strdup(a, db_col_text(s, 3));
	u->role = arena_strdup(a, db_col_text(s, 4));
	u->full_name = arena_strdup(a, db_col_text(s, 5));
	u->lang = arena_strdup(a, db_col_text(s, 6));
	u->active = db_col_int(s, 7) != 0;
	u->created_at = db_col_int(s, 8);
	u->org_name = arena_strdup(a, db_col_text(s, 9));
}

static int user_one(struct dbstmt *s, struct arena *a, struct store_user *out)
{
	int rc = db_step(s);
	if (rc == DB_ROW)
		user_from_row(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_user_by_login(struct dbconn *c, struct arena *a, const char *login,
			struct store_user *out)
{
	struct dbstmt *s = db_prep(c, SQL_USER_BY_LOGIN);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, login);
	return user_one(s, a, out);
}

int store_user_get(struct dbconn *c, struct arena *a, int64_t org_id, int64_t id,
		   struct store_user *out)
{
	struct dbstmt *s = db_prep(c, SQL_USER_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	return user_one(s, a, out);
}

int store_users_list(struct dbconn *c, struct arena *a, int64_t org_id, struct store_user **out,
		     size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_USERS_LIST);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	STORE_COLLECT(s, a, struct store_user, *out, *n, 1000, user_from_row(s, a, row));
}

static const char SQL_USER_PASSWD[] = "UPDATE users SET pw_hash = ?2 WHERE id = ?1";
static const char SQL_USER_LANG[] = "UPDATE users SET lang = ?2 WHERE id = ?1";
static const char SQL_USER_UPDATE[] =
    "UPDATE users SET role = ?3, full_name = ?4, active = ?5 WHERE id = ?1 AND org_id = ?2";
static const char SQL_COUNT_USERS[] = "SELECT COUNT(*) FROM users";

int store_user_set_password(struct dbconn *c, int64_t id, const char *pw_hash)
{
	struct dbstmt *s = db_prep(c, SQL_USER_PASSWD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, pw_hash);
	return store_run_one(c, s);
}

int store_user_set_lang(struct dbconn *c, int64_t id, const char *lang)
{
	struct dbstmt *s = db_prep(c, SQL_USER_LANG);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, lang);
	return store_run_one(c, s);
}

int store_user_update(struct dbconn *c, int64_t org_id, int64_t id, const char *role,
		      const char *full_name, bool active)
{
	struct dbstmt *s = db_prep(c, SQL_USER_UPDATE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, org_id);
	db_bind_text(s, 3, role);
	db_bind_text(s, 4, full_name ? full_name : "");
	db_bind_int(s, 5, active);
	return store_run_one(c, s);
}

int store_count_users(struct dbconn *c, int64_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_COUNT_USERS);
	if (!s)
		return K_EDB;
	return store_returning_id(s, n);
}

/* ---- sessions ---- */

static const char SQL_SESSION_ADD[] =
    "INSERT INTO sessions (token_hash, user_id, kind, csrf, created_at, expires_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_SESSION_LOOKUP[] =
    "SELECT s.id, s.csrf, u.id, u.org_id, u.role, u.login, u.full_name, u.lang, o.name"
    " FROM sessions s JOIN users u ON u.id = s.user_id JOIN orgs o ON o.id = u.org_id"
    " WHERE s.token_hash = ?1 AND s.kind = ?2 AND s.revoked_at IS NULL"
    " AND s.expires_at > ?3 AND u.active = 1";
static const char SQL_SESSION_REVOKE[] =
    "UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 AND revoked_at IS NULL";
static const char SQL_SESSIONS_REVOKE_USER[] =
    "UPDATE sessions SET revoked_at = ?2 WHERE user_id = ?1 AND revoked_at IS NULL";

int store_session_create(struct dbconn *c, const char *token_hash, int64_t user_id,
			 const char *kind, const char *csrf, int64_t expires_at)
{
	struct dbstmt *s = db_prep(c, SQL_SESSION_ADD);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, user_id);
	db_bind_text(s, 3, kind);
	db_bind_text(s, 4, csrf);
	db_bind_int(s, 5, time_now());
	db_bind_int(s, 6, expires_at);
	return db_run(s);
}

int store_session_lookup(struct dbconn *c, struct arena *a, const char *token_hash,
			 const char *kind, int64_t now, struct actor *out)
{
	struct dbstmt *s = db_prep(c, SQL_SESSION_LOOKUP);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, token_hash);
	db_bind_text(s, 2, kind);
	db_bind_int(s, 3, now);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		int role = role_parse(db_col_text(s, 4));
		out->session_id = db_col_int(s, 0);
		out->csrf = arena_strdup(a, db_col_text(s, 1));
		out->user_id = db_col_int(s, 2);
		out->org_id = db_col_int(s, 3);
		out->role = role < 0 ? ROLE_ANALYST : (enum role)role;
		out->login = arena_strdup(a, db_col_text(s, 5));
		out->full_name = arena_strdup(a, db_col_text(s, 6));
		out->lang = arena_strdup(a, db_col_text(s, 7));
		out->org_name = arena_strdup(a, db_col_text(s, 8));
	}
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_session_revoke(struct dbconn *c, const char *token_hash, int64_t now)
{
	struct dbstmt *s = db_prep(c, SQL_SESSION_REVOKE);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, token_hash);
	db_bind_int(s, 2, now);
	return db_run(s);
}

int store_sessions_revoke_user(struct dbconn *c, int64_t user_id, int64_t now)
{
	struct dbstmt *s = db_prep(c, SQL_SESSIONS_REVOKE_USER);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, now);
	return db_run(s);
}

/* ---- throttling ---- */

static const char SQL_THROTTLE_GET[] =
    "SELECT count FROM login_failures WHERE key = ?1 AND window_start > ?2";
/* A failure outside the window starts a new one. */
static const char SQL_THROTTLE_FAIL[] =
    "INSERT INTO login_failures (key, count, window_start) VALUES (?1, 1, ?2)"
    " ON CONFLICT (key) DO UPDATE SET"
    " count = CASE WHEN login_failures.window_start > ?3 THEN login_failures.count + 1"
    " ELSE 1 END,"
    " window_start = CASE WHEN login_failures.window_start > ?3"
    " THEN login_failures.window_start ELSE ?2 END";
static const char SQL_THROTTLE_CLEAR[] = "DELETE FROM login_failures WHERE key = ?1";

int store_throttle_count(struct dbconn *c, const char *key, int64_t now, int64_t window,
			 int64_t *count)
{
	struct dbstmt *s = db_prep(c, SQL_THROTTLE_GET);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, key);
	db_bind_int(s, 2, now - window);
	int rc = store_returning_id(s, count);
	if (rc == K_ENOTFOUND) {
		*count = 0;
		rc = 0;
	}
	return rc;
}

int store_throttle_fail(struct dbconn *c, const char *key, int64_t now, int64_t window)
{
	struct dbstmt *s = db_prep(c, SQL_THROTTLE_FAIL);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, key);
	db_bind_int(s, 2, now);
	db_bind_int(s, 3, now - window);
	return db_run(s);
}

int store_throttle_clear(struct dbconn *c, const char *key)
{
	struct dbstmt *s = db_prep(c, SQL_THROTTLE_CLEAR);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, key);
	return db_run(s);
}

/* ---- audit ---- */

/* A view of a person records the consent in force then, for the disclosure log. */
static const char SQL_AUDIT_ADD[] =
    "INSERT INTO audit (at, user_id, org_id, action, entity, entity_id, detail, addr,"
    " consent_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " CASE WHEN ?5 = 'person' THEN (SELECT MAX(id) FROM consents"
    " WHERE person_id = ?6 AND withdrawn_on IS NULL) END)";

static const char SQL_VIEWLOG_ADD[] =
    "INSERT INTO viewlog.audit (at, user_id, org_id, action, entity, entity_id, detail, addr,"
    " consent_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " CASE WHEN ?5 = 'person' THEN (SELECT MAX(id) FROM consents"
    " WHERE person_id = ?6 AND withdrawn_on IS NULL) END)";

static int audit_add(struct dbconn *c, const char *sql, const struct actor *who, const char *action,
		     const char *entity, int64_t entity_id, const char *detail)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, time_now());
	if (who && who->user_id) {
		db_bind_int(s, 2, who->user_id);
		db_bind_int(s, 3, who->org_id);
	}
	db_bind_text(s, 4, action);
	db_bind_text(s, 5, entity);
	if (entity_id)
		db_bind_int(s, 6, entity_id);
	db_bind_text(s, 7, detail);
	db_bind_text(s, 8, who ? who->addr : NULL);
	return db_run(s);
}

int store_audit(struct dbconn *c, const struct actor *who, const char *action, const char *entity,
		int64_t entity_id, const char *detail)
{
	return audit_add(c, SQL_AUDIT_ADD, who, action, entity, entity_id, detail);
}

/* A disclosure records the consent it was made under, not the latest one in force. */
static const char SQL_AUDIT_DISCLOSURE[] =
    "INSERT INTO audit (at, user_id, org_id, action, entity, entity_id, detail, addr,"
    " consent_id) VALUES (?1, ?2, ?3, 'person.disclose', 'person', ?4, ?5, ?6, ?7)";

int store_audit_disclosure(struct dbconn *c, const struct actor *who, int64_t person_id,
			   const char *detail, int64_t consent_id)
{
	struct dbstmt *s = db_prep(c, SQL_AUDIT_DISCLOSURE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, time_now());
	db_bind_int(s, 2, who->user_id);
	db_bind_int(s, 3, who->org_id);
	db_bind_int(s, 4, person_id);
	db_bind_text(s, 5, detail);
	db_bind_text(s, 6, who->addr);
	db_bind_int(s, 7, consent_id);
	return db_run(s);
}

int store_audit_view(struct dbconn *c, const struct actor *who, const char *action,
		     const char *entity, int64_t entity_id, const char *detail)
{
	return audit_add(c, SQL_VIEWLOG_ADD, who, action, entity, entity_id, detail);
}

#define AUDIT_COLS                                                                                 \
	"a.id, a.at, a.user_id, u.login, a.action, a.entity, a.entity_id, a.detail, a.addr,"       \
	" a.consent_id"
#define AUDIT_WHERE                                                                                \
	" WHERE (a.org_id = ?1 OR a.org_id IS NULL)"                                               \
	" AND (CAST(?2 AS TEXT) IS NULL OR a.action = ?2)"                                         \
	" AND (CAST(?3 AS TEXT) IS NULL OR u.login = ?3)"                                          \
	" AND (CAST(?4 AS TEXT) IS NULL OR a.entity = ?4)"                                         \
	" AND (?5 = 0 OR a.entity_id = ?5)"                                                        \
	" AND (?6 = 0 OR a.at >= ?6) AND (?7 = 0 OR a.at < ?7)"
/* The audit and the view log read as one: ordered by time, then by table (changes before
 * views of the same second), then by id. */
#define AUDIT_BOTH(where)                                                                          \
	"SELECT " AUDIT_COLS ", 0 AS src FROM audit a LEFT JOIN users u ON u.id = a.user_id"       \
	" " where " UNION ALL SELECT " AUDIT_COLS ", 1 AS src FROM viewlog.audit a"                \
	" LEFT JOIN users u ON u.id = a.user_id " where
static const char SQL_AUDIT_LIST[] =
    AUDIT_BOTH(AUDIT_WHERE) " ORDER BY 2 DESC, src, 1 DESC LIMIT ?8 OFFSET ?9";
static const char SQL_AUDIT_COUNT[] =
    "SELECT (SELECT COUNT(*) FROM audit a LEFT JOIN users u ON u.id = a.user_id" AUDIT_WHERE
    ") + (SELECT COUNT(*) FROM viewlog.audit a LEFT JOIN users u ON u.id = a.user_id" AUDIT_WHERE
    ")";
#define DISCLOSURE_WHERE                                                                           \
	"WHERE a.entity = 'person' AND a.entity_id = ?1"                                           \
	" AND a.action IN ('person.view', 'person.export', 'person.disclose', 'case.view',"        \
	" 'referral.view')"
static const char SQL_DISCLOSURES[] =
    AUDIT_BOTH(DISCLOSURE_WHERE) " ORDER BY 2 DESC, src, 1 DESC LIMIT 500";

static void audit_from_row(struct dbstmt *s, struct arena *a, struct store_audit_row *r)
{
	r->id = db_col_int(s, 0);
	r->at = db_col_int(s, 1);
	r->user_id = db_col_int(s, 2);
	r->login = arena_strdup(a, db_col_text(s, 3));
	r->action = arena_strdup(a, db_col_text(s, 4));
	r->entity = arena_strdup(a, db_col_text(s, 5));
	r->entity_id = db_col_int(s, 6);
	r->detail = arena_strdup(a, db_col_text(s, 7));
	r->addr = arena_strdup(a, db_col_text(s, 8));
	r->consent_id = db_col_int(s, 9);
}

/* "YYYY-MM-DD" as the Unix time of its midnight UTC, plus days; 0 if not given. */
static int64_t day_start(const char *d, int plus_days)
{
	if (!d || !date_valid(d))
		return 0;
	struct tm tm = { 0 };
	tm.tm_year =
	    (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0') - 1900;
	tm.tm_mon = (d[5] - '0') * 10 + (d[6] - '0') - 1;
	tm.tm_mday = (d[8] - '0') * 10 + (d[9] - '0') + plus_days;
	return (int64_t)timegm(&tm);
}

static void audit_bind_filter(struct dbstmt *s, const struct actor *who,
			      const struct store_audit_filter *f)
{
	db_bind_int(s, 1, who->org_id);
	db_bind_text(s, 2, f->action);
	db_bind_text(s, 3, f->login);
	db_bind_text(s, 4, f->entity);
	db_bind_int(s, 5, f->entity_id);
	db_bind_int(s, 6, day_start(f->from, 0));
	db_bind_int(s, 7, day_start(f->to, 1));
}

int store_audit_list(struct dbconn *c, struct arena *a, const struct actor *who,
		     const struct store_audit_filter *f, struct store_audit_row **rows, size_t *n,
		     int64_t *total)
{
	struct dbstmt *s = db_prep(c, SQL_AUDIT_COUNT);
	if (!s)
		return K_EDB;
	audit_bind_filter(s, who, f);
	int rc = store_returning_id(s, total);
	if (rc)
		return rc;
	s = db_prep(c, SQL_AUDIT_LIST);
	if (!s)
		return K_EDB;
	audit_bind_filter(s, who, f);
	db_bind_int(s, 8, f->limit);
	db_bind_int(s, 9, f->offset);
	STORE_COLLECT(s, a, struct store_audit_row, *rows, *n, (size_t)f->limit,
		      audit_from_row(s, a, row));
}

int store_person_disclosures(struct dbconn *c, struct arena *a, int64_t person_id,
			     struct store_audit_row **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_DISCLOSURES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	STORE_COLLECT(s, a, struct store_audit_row, *rows, *n, 500, audit_from_row(s, a, row));
}
