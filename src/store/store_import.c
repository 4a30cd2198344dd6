/* store_import.c: imports and what their checks found (store.h; issue 6). */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_util.h"

/* The imports an actor sees: ?1 organisation, ?2 user, ?3 whether they see every import of
 * the organisation (a supervisor or an administrator). */
#define IMPORT_SEEN " i.org_id = ?1 AND (i.created_by = ?2 OR ?3 = 1) "

static void bind_seen(struct dbstmt *s, const struct actor *who)
{
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, who->user_id);
	db_bind_int(s, 3, access_sees_restricted(who) || access_may_admin(who) ? 1 : 0);
}

static const char SQL_CREATE[] =
    "INSERT INTO imports (org_id, created_by, created_at, filename, format, encoding, bytes,"
    " data, header, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'uploaded')"
    " RETURNING id";

int store_import_create(struct dbconn *c, const struct actor *who, const char *filename,
			const char *format, const char *encoding, const void *data, size_t len,
			const char *header, int64_t *id)
{
	/* The command line imports a file it holds itself: none is kept. */
	char *b64 = NULL;
	if (data) {
		size_t cap = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
		if (!(b64 = malloc(cap)))
			return K_ENOMEM;
		sodium_bin2base64(b64, cap, data, len, sodium_base64_VARIANT_ORIGINAL);
	}
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_CREATE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, who->user_id);
		db_bind_int(s, 3, time_now());
		db_bind_text(s, 4, filename);
		db_bind_text(s, 5, format);
		db_bind_text(s, 6, encoding);
		db_bind_int(s, 7, (int64_t)len);
		db_bind_text(s, 8, b64);
		db_bind_text(s, 9, header);
		rc = store_returning_id(s, id);
	}
	free(b64);
	if (!rc) {
		char detail[300];
		snprintf(detail, sizeof(detail), "%s, %zu bytes", format, len);
		rc = store_audit(c, who, "import.upload", "import", *id, detail);
	}
	return store_finish(c, rc);
}

#define IMPORT_COLS                                                                                \
	"i.id, i.org_id, i.created_by, i.created_at, i.bytes, i.version, i.filename, i.format,"    \
	" i.encoding, i.status, i.duplicates, i.error, i.header, i.mapping, u.full_name,"          \
	" i.rows_total, i.rows_invalid, i.rows_duplicate, i.persons_created, i.checked_at,"        \
	" i.finished_at FROM imports i JOIN users u ON u.id = i.created_by"

static void import_from(struct dbstmt *s, struct arena *a, struct import_rec *r)
{
	r->id = db_col_int(s, 0);
	r->org_id = db_col_int(s, 1);
	r->created_by = db_col_int(s, 2);
	r->created_at = db_col_int(s, 3);
	r->bytes = db_col_int(s, 4);
	r->version = db_col_int(s, 5);
	const char **text[] = { &r->filename, &r->format, &r->encoding, &r->status, &r->duplicates,
				&r->error,    &r->header, &r->mapping,  &r->creator };
	for (size_t i = 0; i < ARRAY_SIZE(text); i++)
		*text[i] = arena_strdup(a, db_col_text(s, 6 + (int)i));
	int64_t *num[] = { &r->rows_total,      &r->rows_invalid, &r->rows_duplicate,
			   &r->persons_created, &r->checked_at,   &r->finished_at };
	for (size_t i = 0; i < ARRAY_SIZE(num); i++)
		*num[i] = db_col_int(s, 15 + (int)i);
}

static const char SQL_GET[] = "SELECT " IMPORT_COLS " WHERE" IMPORT_SEEN "AND i.id = ?4";

int store_import_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		     struct import_rec *out)
{
	struct dbstmt *s = db_prep(c, SQL_GET);
	if (!s)
		return K_EDB;
	bind_seen(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		import_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

static const char SQL_LIST[] =
    "SELECT " IMPORT_COLS " WHERE" IMPORT_SEEN "AND i.status <> 'discarded'"
    " ORDER BY i.id DESC LIMIT 50";

int store_import_list(struct dbconn *c, struct arena *a, const struct actor *who,
		      struct import_rec **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_LIST);
	if (!s)
		return K_EDB;
	bind_seen(s, who);
	STORE_COLLECT(s, a, struct import_rec, *rows, *n, IMPORT_LIST_MAX, import_from(s, a, row));
}

static const char SQL_DATA[] = "SELECT data FROM imports WHERE id = ?1 AND data IS NOT NULL";

int store_import_data(struct dbconn *c, struct arena *a, int64_t id, void **data, size_t *len)
{
	struct dbstmt *s = db_prep(c, SQL_DATA);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	int rc = db_step(s);
	if (rc == DB_ROW) {
		const char *b64 = db_col_text(s, 0);
		size_t n = strlen(b64);
		unsigned char *bin = arena_alloc(a, n / 4 * 3 + 3);
		rc = sodium_base642bin(bin, n / 4 * 3 + 3, b64, n, NULL, len, NULL,
				       sodium_base64_VARIANT_ORIGINAL)
			 ? K_EDB
			 : 0;
		*data = bin;
	} else if (rc == DB_DONE) {
		rc = K_ENOTFOUND;
	}
	db_reset(s);
	return rc;
}

/* Moves one status to another: ?4 id, ?5 version, ?6 the statuses it may leave (spaces
 * around each), ?7 the new status, ?8 the mapping, ?9 the duplicates choice (NULL: kept),
 * ?10 the runner. */
static const char SQL_MOVE[] =
    "UPDATE imports SET status = ?7, mapping = COALESCE(?8, mapping),"
    " duplicates = COALESCE(?9, duplicates), version = version + 1, runner = ?10,"
    " data = CASE WHEN ?7 = 'discarded' THEN NULL ELSE data END"
    " WHERE id = ?4 AND version = ?5 AND ?6 LIKE '% ' || status || ' %' AND id IN"
    " (SELECT i.id FROM imports i WHERE" IMPORT_SEEN "AND i.id = ?4)";
static const char SQL_ISSUES_CLEAR[] = "DELETE FROM import_issues WHERE import_id = ?1";

int store_import_move(struct dbconn *c, const struct actor *who, int64_t id, int64_t version,
		      const char *from, const char *to, const char *mapping, const char *duplicates,
		      const char *runner)
{
	char statuses[128];
	snprintf(statuses, sizeof(statuses), " %s ", from);
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_MOVE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		bind_seen(s, who);
		db_bind_int(s, 4, id);
		db_bind_int(s, 5, version);
		db_bind_text(s, 6, statuses);
		db_bind_text(s, 7, to);
		db_bind_text(s, 8, mapping);
		db_bind_text(s, 9, duplicates);
		db_bind_text(s, 10, runner);
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND)
			rc = K_ECONFLICT;
	}
	if (!rc && strcmp(to, "discarded") == 0)
		rc = store_import_issues_clear(c, id);
	if (!rc) {
		char action[32];
		snprintf(action, sizeof(action), "import.%s", to);
		rc = store_audit(c, who, action, "import", id, duplicates);
	}
	return store_finish(c, rc);
}

static const char SQL_RESULT[] =
    "UPDATE imports SET status = ?2, error = ?3, rows_total = ?4, rows_invalid = ?5,"
    " rows_duplicate = ?6, persons_created = ?7, version = version + 1,"
    " checked_at = CASE WHEN ?2 = 'checked' THEN ?8 ELSE checked_at END,"
    " finished_at = CASE WHEN ?2 = 'checked' THEN finished_at ELSE ?8 END,"
    " data = CASE WHEN ?2 = 'done' THEN NULL ELSE data END WHERE id = ?1";

int store_import_result(struct dbconn *c, int64_t id, const char *status, const char *error,
			int64_t total, int64_t invalid, int64_t duplicate, int64_t created)
{
	struct dbstmt *s = db_prep(c, SQL_RESULT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, status);
	db_bind_text(s, 3, error);
	db_bind_int(s, 4, total);
	db_bind_int(s, 5, invalid);
	db_bind_int(s, 6, duplicate);
	db_bind_int(s, 7, created);
	db_bind_int(s, 8, time_now());
	return store_run_one(c, s);
}

int store_import_issues_clear(struct dbconn *c, int64_t id)
{
	struct dbstmt *s = db_prep(c, SQL_ISSUES_CLEAR);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	return db_run(s);
}

static const char SQL_ISSUE_ADD[] =
    "INSERT INTO import_issues (import_id, row_no, col, field, msg, person_id, score,"
    " other_row) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

int store_import_issue_add(struct dbconn *c, int64_t id, const struct import_issue *is)
{
	struct dbstmt *s = db_prep(c, SQL_ISSUE_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_int(s, 2, is->row);
	if (is->col >= 0)
		db_bind_int(s, 3, is->col);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, is->field);
	db_bind_text(s, 5, is->msg);
	if (is->person_id) {
		db_bind_int(s, 6, is->person_id);
		db_bind_int(s, 7, is->score);
	} else {
		db_bind_null(s, 6);
		db_bind_null(s, 7);
	}
	if (is->other_row)
		db_bind_int(s, 8, is->other_row);
	else
		db_bind_null(s, 8);
	return db_run(s);
}

/* The issues of an import the actor sees, with the duplicate's name if they see them. */
static const char SQL_ISSUES[] =
    "SELECT x.row_no, x.col, x.field, x.msg, x.person_id, x.score, x.other_row, " PERSON_ROW_OF(
	"p") " FROM import_issues x"
	     " LEFT JOIN persons p ON p.id = x.person_id AND" VISIBLE_AT(
		 "?1", "?6", "?2") " WHERE x.import_id = ?4 AND x.row_no >= ?5 AND x.import_id IN "
				   "(SELECT i.id FROM"
				   " imports i WHERE" IMPORT_SEEN
				   "AND i.id = ?4) ORDER BY x.row_no, x.col LIMIT ?7";

static void issue_from(struct dbstmt *s, struct arena *a, struct import_issue *r)
{
	r->row = db_col_int(s, 0);
	r->col = db_col_null(s, 1) ? -1 : (int)db_col_int(s, 1);
	r->field = arena_strdup(a, db_col_text(s, 2));
	r->msg = arena_strdup(a, db_col_text(s, 3));
	r->person_id = db_col_int(s, 4);
	r->score = (int)db_col_int(s, 5);
	r->other_row = db_col_int(s, 6);
	person_row_at(s, a, 7, &r->person); /* id 0: none, or one the reader does not see */
}

int store_import_issues(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			int64_t from, size_t max, struct import_issue **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ISSUES);
	if (!s)
		return K_EDB;
	bind_seen(s, who);
	db_bind_int(s, 4, id);
	db_bind_int(s, 5, from);
	db_bind_int(s, 6, access_sees_restricted(who) ? 1 : 0);
	db_bind_int(s, 7, (int64_t)max);
	int rc;
	STORE_COLLECT_RC(s, a, struct import_issue, *rows, *n, max, issue_from(s, a, row), rc);
	for (size_t i = 0; !rc && i < *n; i++)
		if ((*rows)[i].person.id)
			rc = store_person_categories(c, a, &(*rows)[i].person, 1);
	return rc;
}

#define STALE " FROM imports WHERE created_at < ?1 AND status IN ('uploaded', 'checked', 'failed')"
static const char SQL_STALE_COUNT[] = "SELECT COUNT(*)" STALE;
static const char SQL_STALE[] = "SELECT id" STALE " ORDER BY id LIMIT 1000";
static const char SQL_EXPIRE[] =
    "UPDATE imports SET status = 'discarded', data = NULL, version = version + 1 WHERE id = ?1";

int store_import_expire(struct dbconn *c, int64_t before, bool dry, int64_t *n)
{
	*n = 0;
	if (dry) {
		struct dbstmt *s = db_prep(c, SQL_STALE_COUNT);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, before);
		return store_returning_id(s, n);
	}
	/* A thousand at a time, each batch one transaction. */
	size_t k;
	do {
		int64_t ids[1000];
		k = 0;
		int rc = store_begin(c);
		struct dbstmt *s = rc ? NULL : db_prep(c, SQL_STALE);
		if (!rc && !s)
			rc = K_EDB;
		if (!rc) {
			db_bind_int(s, 1, before);
			while (k < ARRAY_SIZE(ids) && (rc = db_step(s)) == DB_ROW)
				ids[k++] = db_col_int(s, 0);
			db_reset(s);
			rc = rc < 0 ? rc : 0;
		}
		for (size_t i = 0; !rc && i < k; i++) {
			if (!(s = db_prep(c, SQL_EXPIRE))) {
				rc = K_EDB;
				break;
			}
			db_bind_int(s, 1, ids[i]);
			rc = db_run(s);
			if (!rc)
				rc = store_import_issues_clear(c, ids[i]);
			if (!rc)
				rc = store_audit(c, NULL, "import.expired", "import", ids[i], NULL);
		}
		if ((rc = store_finish(c, rc)))
			return rc;
		*n += (int64_t)k;
	} while (k == 1000);
	return 0;
}

static const char SQL_RUNNING[] =
    "SELECT id, runner FROM imports WHERE status IN ('checking', 'running') ORDER BY id";
static const char SQL_INTERRUPTED[] =
    "UPDATE imports SET status = 'failed', error = ?2, version = version + 1"
    " WHERE id = ?1 AND status IN ('checking', 'running')";

int store_import_interrupted(struct dbconn *c, struct arena *a, bool (*gone)(const char *runner),
			     const char *why)
{
	struct dbstmt *s = db_prep(c, SQL_RUNNING);
	if (!s)
		return K_EDB;
	int64_t ids[256];
	size_t n = 0;
	int rc;
	while (n < ARRAY_SIZE(ids) && (rc = db_step(s)) == DB_ROW)
		if (gone(arena_strdup(a, db_col_text(s, 1))))
			ids[n++] = db_col_int(s, 0);
	db_reset(s);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (!(s = db_prep(c, SQL_INTERRUPTED)))
			return K_EDB;
		db_bind_int(s, 1, ids[i]);
		db_bind_text(s, 2, why);
		if ((rc = db_run(s)))
			return rc;
	}
	return 0;
}
