/* db_sqlite.c: the SQLite backend of db.h.
 *
 * Every connection is set up the same way and checked: WAL journal, foreign keys on,
 * synchronous=FULL (in WAL mode NORMAL would skip the fsync of the log at commit, and a
 * power cut could then lose a transaction the server had acknowledged: Komek answers only
 * after the commit is on disk), secure_delete on (deleted personal data is overwritten, not
 * left in free pages), and a busy timeout so that writers queue instead of failing. Writes
 * take BEGIN IMMEDIATE so that two writers never deadlock upgrading a read lock.
 *
 * The view log (db.h) is a second file, attached to every connection as "viewlog": read-only
 * on the pool's connections, so that their BEGIN IMMEDIATE takes no write lock on it, and
 * read-write on one more connection, the logger's. Only the logger writes it. */
#include "store/db_driver.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"

#define STMT_CACHE DB_STMT_CACHE

struct sstmt {
	struct dbstmt base; /* first: a struct dbstmt * is a struct sstmt * */
	const char *sql;    /* the key: address of a static string */
	sqlite3_stmt *st;
	struct sconn *conn;
};

struct sconn {
	struct dbconn base;
	sqlite3 *h;
	bool in_use;
	bool logger; /* the one connection with the view log writable */
	struct sstmt cache[STMT_CACHE];
};

struct sdb {
	struct db base;
	char *path;
	char *viewlog_path;
	int n; /* the pool; conns[n] is the logger's connection */
	struct sconn *conns;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static const struct db_driver sqlite_driver;
static int exec_simple(struct sconn *c, const char *sql);
static void sq_close(struct db *bdb);
static struct dbstmt *sq_prep(struct dbconn *bc, const char *sql);

/* The code of a failed step. A full disk is K_EFULL, not K_EDB: the user is told that
 * nothing was saved for want of space (503) rather than that something broke. SQLite says
 * SQLITE_FULL when a write comes up short; growing a file in other ways (the -shm index, a
 * size hint) fails with an I/O error whose errno says why. A write that waited past the
 * busy timeout is K_EBUSY (503, "try again"). */
static int step_error(struct sconn *c, int rc)
{
	int sys = sqlite3_system_errno(c->h);
	if ((rc & 0xff) == SQLITE_FULL ||
	    ((rc & 0xff) == SQLITE_IOERR && (sys == ENOSPC || sys == EDQUOT)))
		return K_EFULL;
	/* The write lock stayed taken past the busy timeout: a long import holds it. */
	if ((rc & 0xff) == SQLITE_BUSY)
		return K_EBUSY;
	return K_EDB;
}

/* Process-wide settings, before SQLite's first use. Memory statistics off: with them on,
 * every allocation inside SQLite takes one global mutex, which the pool's connections then
 * contend on. */
static void sqlite_global_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* "file:" URI of a path, for ATTACH with a mode: '%', '?' and '#' escaped. */
static char *file_uri(const char *path, bool read_only)
{
	size_t n = strlen(path);
	char *u = malloc(3 * n + sizeof("file:?mode=ro"));
	if (!u)
		return NULL;
	char *q = stpcpy(u, "file:");
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#') {
			*q++ = '%';
			*q++ = "0123456789ABCDEF"[(unsigned char)*p >> 4];
			*q++ = "0123456789ABCDEF"[*p & 15];
		} else {
			*q++ = *p;
		}
	}
	const char *mode = read_only ? "?mode=ro" : "?mode=rwc";
	memcpy(q, mode, strlen(mode) + 1);
	return u;
}

static int attach_viewlog(struct sconn *c, const char *viewlog_path)
{
	char *uri = file_uri(viewlog_path, !c->logger);
	if (!uri)
		return K_ENOMEM;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(c->h, "ATTACH ?1 AS viewlog", -1, &st, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(st, 1, uri, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	free(uri);
	if (rc != SQLITE_DONE) {
		log_error("sqlite: cannot open the view log %s: %s", viewlog_path,
			  sqlite3_errmsg(c->h));
		return K_EDB;
	}
	static const char setup[] = "PRAGMA viewlog.journal_mode=WAL;"
				    "PRAGMA viewlog.synchronous=FULL;"
				    "PRAGMA viewlog.cache_size=-2048;";
	if (c->logger && sqlite3_exec(c->h, setup, NULL, NULL, NULL) != SQLITE_OK) {
		log_error("sqlite: setup of the view log %s failed: %s", viewlog_path,
			  sqlite3_errmsg(c->h));
		return K_EDB;
	}
	return 0;
}

static int conn_setup(struct sconn *c, const char *path, const char *viewlog_path)
{
	c->base.drv = &sqlite_driver;
	int rc = sqlite3_open_v2(path, &c->h,
				 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
				     SQLITE_OPEN_URI,
				 NULL);
	if (rc != SQLITE_OK) {
		log_error("sqlite: cannot open %s: %s", path,
			  c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		return K_EDB;
	}
	sqlite3_extended_result_codes(c->h, 1);
	sqlite3_busy_timeout(c->h, 10000);
	static const char setup[] = "PRAGMA journal_mode=WAL;"
				    "PRAGMA foreign_keys=ON;"
				    "PRAGMA synchronous=FULL;"
				    "PRAGMA secure_delete=ON;"
				    "PRAGMA trusted_schema=OFF;"
				    "PRAGMA cache_size=-16384;" /* KiB per connection */
				    /* Reads of the database file through a memory map: any commit
				     * (the audit writer's every 100 ms) empties the page cache of
				     * every other connection, and without the map each page is then
				     * read again with a pread. Writes still go through write(2). */
				    "PRAGMA mmap_size=1073741824;";
	char *err = NULL;
	if (sqlite3_exec(c->h, setup, NULL, NULL, &err) != SQLITE_OK) {
		log_error("sqlite: setup of %s failed: %s", path, err ? err : "?");
		sqlite3_free(err);
		return K_EDB;
	}
	/* Check what we asked for actually holds: a read-only file or an old library could
	 * silently keep another journal mode. */
	static const char *const checks[][2] = {
		{ "PRAGMA journal_mode", "wal" },
		{ "PRAGMA foreign_keys", "1" },
		{ "PRAGMA synchronous", "2" },
		{ "PRAGMA secure_delete", "1" },
	};
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++) {
		sqlite3_stmt *st = NULL;
		bool ok = false;
		if (sqlite3_prepare_v2(c->h, checks[i][0], -1, &st, NULL) == SQLITE_OK &&
		    sqlite3_step(st) == SQLITE_ROW) {
			const char *v = (const char *)sqlite3_column_text(st, 0);
			ok = v && strcmp(v, checks[i][1]) == 0;
		}
		sqlite3_finalize(st);
		if (!ok) {
			log_error("sqlite: %s is not %s on %s", checks[i][0], checks[i][1], path);
			return K_EDB;
		}
	}
	return attach_viewlog(c, viewlog_path);
}

static void conn_close(struct sconn *c)
{
	for (int i = 0; i < STMT_CACHE; i++)
		if (c->cache[i].st)
			sqlite3_finalize(c->cache[i].st);
	memset(c->cache, 0, sizeof(c->cache));
	if (c->h)
		sqlite3_close(c->h);
	c->h = NULL;
}

int db_sqlite_open(const char *target, int pool, struct db **out)
{
	*out = NULL;
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_global_setup);
	if (pool < 1)
		pool = 1;
	struct sdb *db = calloc(1, sizeof(*db));
	if (!db)
		return K_ENOMEM;
	db->path = strdup(target);
	db->viewlog_path = db_viewlog_path(target);
	db->conns = calloc((size_t)pool + 1, sizeof(*db->conns));
	if (!db->path || !db->viewlog_path || !db->conns) {
		free(db->path);
		free(db->viewlog_path);
		free(db->conns);
		free(db);
		return K_ENOMEM;
	}
	db->base.drv = &sqlite_driver;
	db->n = pool;
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	/* The logger's connection first: it creates the view log file that the others open
	 * read-only. */
	db->conns[pool].logger = true;
	for (int i = pool; i >= 0; i--) {
		if (conn_setup(&db->conns[i], target, db->viewlog_path)) {
			sq_close(&db->base);
			return K_EDB;
		}
	}
	*out = &db->base;
	return 0;
}

static void sq_close(struct db *bdb)
{
	struct sdb *db = (struct sdb *)bdb;
	if (!db)
		return;
	for (int i = 0; i <= db->n; i++)
		conn_close(&db->conns[i]);
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
	free(db->conns);
	free(db->path);
	free(db->viewlog_path);
	free(db);
}

/* A free connection of the pool; when none is, waits for one, or returns NULL. */
static struct dbconn *take(struct sdb *db, bool wait)
{
	pthread_mutex_lock(&db->mu);
	for (;;) {
		for (int i = 0; i < db->n; i++) {
			if (!db->conns[i].in_use) {
				db->conns[i].in_use = true;
				pthread_mutex_unlock(&db->mu);
				return &db->conns[i].base;
			}
		}
		if (!wait) {
			pthread_mutex_unlock(&db->mu);
			return NULL;
		}
		pthread_cond_wait(&db->cv, &db->mu);
	}
}

static struct dbconn *sq_acquire(struct db *bdb)
{
	return take((struct sdb *)bdb, true);
}

static struct dbconn *sq_try_acquire(struct db *bdb)
{
	return take((struct sdb *)bdb, false);
}

static struct dbconn *sq_acquire_logger(struct db *bdb)
{
	struct sdb *db = (struct sdb *)bdb;
	struct sconn *c = &db->conns[db->n];
	pthread_mutex_lock(&db->mu);
	while (c->in_use)
		pthread_cond_wait(&db->cv, &db->mu);
	c->in_use = true;
	pthread_mutex_unlock(&db->mu);
	return &c->base;
}

static void sq_release(struct db *bdb, struct dbconn *bc)
{
	struct sdb *db = (struct sdb *)bdb;
	struct sconn *c = (struct sconn *)bc;
	if (!c)
		return;
	/* A handler that failed between begin and commit must not leave the transaction
	 * open for the next request on this connection. */
	if (!sqlite3_get_autocommit(c->h)) {
		log_error("db: connection released inside a transaction; rolling back");
		exec_simple(c, "ROLLBACK");
	}
	pthread_mutex_lock(&db->mu);
	c->in_use = false;
	pthread_cond_broadcast(&db->cv);
	pthread_mutex_unlock(&db->mu);
}

/* BEGIN, COMMIT and ROLLBACK run on every request: prepared once per connection, like the
 * store's queries, rather than parsed again by sqlite3_exec each time. */
static int exec_simple(struct sconn *c, const char *sql)
{
	struct sstmt *s = (struct sstmt *)sq_prep(&c->base, sql);
	if (!s)
		return K_EDB;
	int rc = sqlite3_step(s->st);
	sqlite3_reset(s->st);
	if (rc != SQLITE_DONE) {
		log_error("sqlite: %s: %s", sql, sqlite3_errmsg(c->h));
		return step_error(c, rc);
	}
	return 0;
}

static int sq_begin(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	return exec_simple(c, "BEGIN IMMEDIATE");
}

static int sq_begin_deferred(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	return exec_simple(c, "BEGIN DEFERRED");
}

static int sq_begin_read(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	return exec_simple(c, "BEGIN DEFERRED");
}

static void sq_end_read(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	if (!sqlite3_get_autocommit(c->h))
		exec_simple(c, "COMMIT");
}

static int sq_commit(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	return exec_simple(c, "COMMIT");
}

static void sq_rollback(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	if (!sqlite3_get_autocommit(c->h))
		exec_simple(c, "ROLLBACK");
}

static int sq_exec_script(struct dbconn *bc, const char *sql)
{
	struct sconn *c = (struct sconn *)bc;
	char *err = NULL;
	if (sqlite3_exec(c->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("sqlite: script failed: %s", err ? err : "?");
		sqlite3_free(err);
		return K_EDB;
	}
	return 0;
}

static struct dbstmt *sq_prep(struct dbconn *bc, const char *sql)
{
	struct sconn *c = (struct sconn *)bc;
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 40) & (STMT_CACHE - 1);
	for (size_t probe = 0; probe < STMT_CACHE; probe++, i = (i + 1) & (STMT_CACHE - 1)) {
		struct sstmt *s = &c->cache[i];
		if (s->sql == sql)
			return &s->base;
		if (s->sql)
			continue;
		if (sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st, NULL) !=
		    SQLITE_OK) {
			log_error("sqlite: prepare failed: %s: %s", sqlite3_errmsg(c->h), sql);
			s->st = NULL;
			return NULL;
		}
		s->sql = sql;
		s->conn = c;
		s->base.drv = &sqlite_driver;
		return &s->base;
	}
	log_error("sqlite: statement cache full");
	return NULL;
}

static void sq_bind_text(struct dbstmt *bs, int i, const char *v)
{
	struct sstmt *s = (struct sstmt *)bs;
	if (v)
		sqlite3_bind_text(s->st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s->st, i);
}

static void sq_bind_int(struct dbstmt *bs, int i, int64_t v)
{
	struct sstmt *s = (struct sstmt *)bs;
	sqlite3_bind_int64(s->st, i, v);
}

static void sq_bind_null(struct dbstmt *bs, int i)
{
	struct sstmt *s = (struct sstmt *)bs;
	sqlite3_bind_null(s->st, i);
}

static int sq_step(struct dbstmt *bs)
{
	struct sstmt *s = (struct sstmt *)bs;
	int rc = sqlite3_step(s->st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		log_info("sqlite: constraint: %s", sqlite3_errmsg(s->conn->h));
		return K_ECONFLICT;
	}
	log_error("sqlite: step failed (%d): %s", rc, sqlite3_errmsg(s->conn->h));
	return step_error(s->conn, rc);
}

static const char *sq_col_text(struct dbstmt *bs, int i)
{
	struct sstmt *s = (struct sstmt *)bs;
	return (const char *)sqlite3_column_text(s->st, i);
}

static int64_t sq_col_int(struct dbstmt *bs, int i)
{
	struct sstmt *s = (struct sstmt *)bs;
	return sqlite3_column_int64(s->st, i);
}

static bool sq_col_null(struct dbstmt *bs, int i)
{
	struct sstmt *s = (struct sstmt *)bs;
	return sqlite3_column_type(s->st, i) == SQLITE_NULL;
}

static void sq_reset(struct dbstmt *bs)
{
	struct sstmt *s = (struct sstmt *)bs;
	sqlite3_reset(s->st);
	sqlite3_clear_bindings(s->st);
}

static int64_t sq_changes(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	return sqlite3_changes64(c->h);
}

static int backup_schema(sqlite3 *from, const char *schema, const char *dest)
{
	sqlite3 *out = NULL;
	int rc = K_EDB;
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		log_error("backup: cannot create %s", dest);
		goto out;
	}
	sqlite3_backup *b = sqlite3_backup_init(out, "main", from, schema);
	if (!b) {
		log_error("backup: %s", sqlite3_errmsg(out));
		goto out;
	}
	int step = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (step != SQLITE_DONE) {
		log_error("backup: step failed: %s", sqlite3_errstr(step));
		goto out;
	}
	rc = 0;
out:
	if (out)
		sqlite3_close(out);
	return rc;
}

/* The database, then the view log beside the copy. Each file is one consistent snapshot;
 * the view log only ever grows, so a copy taken a moment later holds every view up to the
 * database's copy and perhaps a few after. */
static int sq_backup(struct db *bdb, const char *dest)
{
	char *dest_log = db_viewlog_path(dest);
	if (!dest_log)
		return K_ENOMEM;
	struct sconn *c = (struct sconn *)sq_acquire(bdb);
	int rc = backup_schema(c->h, "main", dest);
	if (!rc)
		rc = backup_schema(c->h, "viewlog", dest_log);
	sq_release(bdb, &c->base);
	free(dest_log);
	return rc;
}

static void sq_bulk(struct dbconn *bc, bool on)
{
	struct sconn *c = (struct sconn *)bc;
	/* KiB, as the connection's setup gives it; a failure only costs speed. */
	if (sqlite3_exec(c->h, on ? "PRAGMA cache_size=-262144" : "PRAGMA cache_size=-16384", NULL,
			 NULL, NULL) != SQLITE_OK)
		log_error("sqlite: cache_size: %s", sqlite3_errmsg(c->h));
}

static int sq_checkpoint(struct dbconn *bc)
{
	struct sconn *c = (struct sconn *)bc;
	int log = 0, done = 0;
	int rc = sqlite3_wal_checkpoint_v2(c->h, "main", SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	if (rc != SQLITE_OK) {
		log_error("sqlite: checkpoint: %s", sqlite3_errmsg(c->h));
		return K_EDB;
	}
	return 0;
}

static int sq_check(struct db *bdb)
{
	struct sconn *c = (struct sconn *)sq_acquire(bdb);
	sqlite3_stmt *st = NULL;
	int rc = K_EDB;
	/* Without a schema name the check covers every attached file: the view log too. */
	if (sqlite3_prepare_v2(c->h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		if (v && strcmp(v, "ok") == 0)
			rc = 0;
		else
			log_error("integrity check: %s", v ? v : "?");
	}
	sqlite3_finalize(st);
	sq_release(bdb, &c->base);
	return rc;
}

static const struct db_driver sqlite_driver = {
	.name = "sqlite",
	.close = sq_close,
	.acquire = sq_acquire,
	.try_acquire = sq_try_acquire,
	.acquire_logger = sq_acquire_logger,
	.release = sq_release,
	.begin = sq_begin,
	.begin_deferred = sq_begin_deferred,
	.begin_read = sq_begin_read,
	.end_read = sq_end_read,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.exec_script = sq_exec_script,
	.exec_migration = sq_exec_script,
	.prep = sq_prep,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_null = sq_bind_null,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_null = sq_col_null,
	.reset = sq_reset,
	.changes = sq_changes,
	.backup = sq_backup,
	.check = sq_check,
	.checkpoint = sq_checkpoint,
	.bulk = sq_bulk,
};
