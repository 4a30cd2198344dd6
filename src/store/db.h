/* db.h: the database driver interface under the store: connections, prepared statements,
 * transactions. Two backends implement it (db_sqlite.c now, db_pg.c next); store_*.c write
 * every query once, in portable SQL with `?` placeholders, against this interface.
 *
 * A `struct db` owns a pool of connections made at start; a request takes one with
 * db_acquire and gives it back with db_release, so with as many connections as HTTP worker
 * threads nobody waits. Statements are prepared once per connection and cached by the
 * address of their SQL text, which must therefore be a static string. After use a statement
 * is given back with db_reset; text returned by db_col_text is borrowed until then. */
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
void db_release(struct db *db, struct dbconn *c);

int db_begin(struct dbconn *c); /* a write transaction */
/* A read transaction: every query until db_end_read sees one snapshot, and the file locks
 * are taken once instead of once per statement. */
int db_begin_read(struct dbconn *c);
void db_end_read(struct dbconn *c);
int db_commit(struct dbconn *c);
void db_rollback(struct dbconn *c);

/* Runs SQL text without parameters (migrations); K_EDB on failure (logged). */
int db_exec_script(struct dbconn *c, const char *sql);

/* NULL on failure (logged). The statement belongs to the connection. */
struct dbstmt *db_prep(struct dbconn *c, const char *sql);
void db_bind_text(struct dbstmt *s, int i, const char *v); /* 1-based; NULL binds NULL */
void db_bind_int(struct dbstmt *s, int i, int64_t v);
void db_bind_null(struct dbstmt *s, int i);
/* DB_ROW, DB_DONE, K_ECONFLICT (a unique or check constraint refused the row) or K_EDB. */
int db_step(struct dbstmt *s);
const char *db_col_text(struct dbstmt *s, int i); /* 0-based; NULL for NULL; borrowed */
int64_t db_col_int(struct dbstmt *s, int i);
bool db_col_null(struct dbstmt *s, int i);
void db_reset(struct dbstmt *s);
/* Steps a statement that returns no rows (or ignores them) and resets it. */
int db_run(struct dbstmt *s);
int64_t db_changes(struct dbconn *c);

/* Consistent online copy of the whole database into a new file. */
int db_backup(struct db *db, const char *dest);
/* Runs the backend's integrity check; 0 when sound. */
int db_check(struct db *db);

#endif
