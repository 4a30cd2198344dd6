/* db.h: the database driver interface under the store: connections, prepared statements,
 * transactions. Two backends implement it (db_sqlite.c now, db_pg.c next); store_*.c write
 * every query once, in portable SQL with `?` placeholders, against this interface.
 *
 * A `struct db` owns a pool of connections made at start; a request takes one with
 * db_acquire and gives it back with db_release, so with as many connections as HTTP worker
 * threads nobody waits. Statements are prepared once per connection and cached by the
 * address of their SQL text, which must therefore be a static string. After use a statement
 * is given back with db_reset; text returned by db_col_text is borrowed until then.
 *
 * The view log. Every view of a person adds an audit row, many per second; those rows live
 * in their own schema, "viewlog" (SQLite: a second file beside the database, see
 * db_viewlog_path), so that writing them neither empties the page cache of every reader nor
 * waits on the database's write lock. Queries name its tables "viewlog.audit". Every
 * connection reads it; only the logger's connection (db_acquire_logger) writes it, and a
 * write transaction of the pool (db_begin) takes no lock on it. */
#ifndef KOMEK_STORE_DB_H
#define KOMEK_STORE_DB_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct dbconn;
struct dbstmt;

enum { DB_DONE = 0, DB_ROW = 1 };

/* target: a file path (SQLite); "postgresql://…" is refused until that backend exists.
 * pool: connections to open. On success *out is new: free with db_close. */
int db_open(const char *target, int pool, struct db **out);
void db_close(struct db *db);
const char *db_backend(const struct db *db); /* "sqlite" or "postgresql" */

struct dbconn *db_acquire(struct db *db);
/* A connection if one is free now, else NULL (for work that can do without). */
struct dbconn *db_try_acquire(struct db *db);
/* The one connection that may write the view log (and the database, for migrations); give it
 * back with db_release. */
struct dbconn *db_acquire_logger(struct db *db);
void db_release(struct db *db, struct dbconn *c);
/* The view log file of a database file: "x.db" → "x.viewlog.db", "x" → "x.viewlog.db".
 * Malloc'd; NULL when out of memory. */
char *db_viewlog_path(const char *target);

int db_begin(struct dbconn *c); /* a write transaction */
/* A transaction that takes each lock when first needed: for the logger, the only writer of
 * the view log, so that its batches do not hold the database's write lock. */
int db_begin_deferred(struct dbconn *c);
/* A read transaction: every query until db_end_read sees one snapshot, and the file locks
 * are taken once instead of once per statement. */
int db_begin_read(struct dbconn *c);
void db_end_read(struct dbconn *c);
int db_commit(struct dbconn *c);
void db_rollback(struct dbconn *c);

/* Runs SQL text without parameters, in the backend's own dialect; K_EDB on failure
 * (logged). */
int db_exec_script(struct dbconn *c, const char *sql);
/* Runs a migration, written in the portable part of SQLite's dialect (dialect_pg.h says
 * which): as is on SQLite, translated on PostgreSQL. */
int db_exec_migration(struct dbconn *c, const char *sql);

/* NULL on failure (logged). The statement belongs to the connection. */
struct dbstmt *db_prep(struct dbconn *c, const char *sql);
/* A statement whose text starts with this reads many rows of integer columns (db_col_int,
 * db_col_null; db_col_text gives NULL), such as a report's scan. On PostgreSQL it is planned
 * for its values at every run (a statement prepared once settles on one generic plan after
 * five runs, whether its range of days is a partition's sequential scan or a few rows of an
 * index), and each column's values come as one array (`array_agg`, in binary), not a
 * message per row; the rows are held until db_reset. SQLite reads a comment. */
#define DB_SCAN "/* a scan */ "

void db_bind_text(struct dbstmt *s, int i, const char *v); /* 1-based; NULL binds NULL */
void db_bind_int(struct dbstmt *s, int i, int64_t v);
void db_bind_null(struct dbstmt *s, int i);
/* DB_ROW, DB_DONE, K_ECONFLICT (a unique or check constraint refused the row), K_EFULL (no
 * space left on the disk; db_begin and db_commit can say so too) or K_EDB. */
int db_step(struct dbstmt *s);
const char *db_col_text(struct dbstmt *s, int i); /* 0-based; NULL for NULL; borrowed */
int64_t db_col_int(struct dbstmt *s, int i);
bool db_col_null(struct dbstmt *s, int i);
void db_reset(struct dbstmt *s);
/* Steps a statement that returns no rows (or ignores them) and resets it. */
int db_run(struct dbstmt *s);
int64_t db_changes(struct dbconn *c);

/* Consistent online copy of the database into a new file. SQLite: the file, and the view
 * log beside it (db_viewlog_path of dest). PostgreSQL: pg_dump's custom format (the view
 * log is a schema of the same database). */
int db_backup(struct db *db, const char *dest);
/* Copies the database's write-ahead log into the file and empties the log, so that old
 * versions of changed rows do not linger in it (after an erasure). Waits for readers up to
 * the busy timeout; 0, or K_EDB if the log could not be emptied (logged). */
int db_checkpoint(struct dbconn *c);
/* A long write of many rows (an import) begins or ends on c: SQLite gives the connection a
 * page cache large enough for the indexes it grows (256 MiB instead of 16), so that they
 * are not read again from the file for every row; PostgreSQL has nothing to do. */
void db_bulk(struct dbconn *c, bool on);
/* Loads a PostgreSQL dump made by db_backup into the empty database at target (pg_restore,
 * in one transaction). */
int db_pg_restore(const char *target, const char *dump);
/* Runs the backend's integrity check; 0 when sound. */
int db_check(struct db *db);

#endif
