/* db.c: the functions of db.h, each passed to the backend of the object it is given
 * (db_driver.h). db_open picks the backend by the target: a postgresql:// URL or a file. */
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "store/db_driver.h"

#include "base/banned.h"

int db_open(const char *target, int pool, struct db **out)
{
	*out = NULL;
	if (strncmp(target, "postgresql://", 13) == 0 || strncmp(target, "postgres://", 11) == 0)
		return db_pg_open(target, pool, out);
	return db_sqlite_open(target, pool, out);
}

void db_close(struct db *db)
{
	if (db)
		db->drv->close(db);
}

const char *db_backend(const struct db *db)
{
	return db->drv->name;
}

struct dbconn *db_acquire(struct db *db)
{
	return db->drv->acquire(db);
}

struct dbconn *db_try_acquire(struct db *db)
{
	return db->drv->try_acquire(db);
}

struct dbconn *db_acquire_logger(struct db *db)
{
	return db->drv->acquire_logger(db);
}

void db_release(struct db *db, struct dbconn *c)
{
	if (c)
		db->drv->release(db, c);
}

char *db_viewlog_path(const char *target)
{
	static const char suffix[] = ".viewlog.db";
	size_t n = strlen(target);
	char *p = malloc(n + sizeof(suffix));
	if (!p)
		return NULL;
	memcpy(p, target, n);
	if (n > 3 && strcmp(target + n - 3, ".db") == 0)
		n -= 3;
	memcpy(p + n, suffix, sizeof(suffix));
	return p;
}

int db_begin(struct dbconn *c)
{
	return c->drv->begin(c);
}

int db_begin_deferred(struct dbconn *c)
{
	return c->drv->begin_deferred(c);
}

int db_begin_read(struct dbconn *c)
{
	return c->drv->begin_read(c);
}

void db_end_read(struct dbconn *c)
{
	c->drv->end_read(c);
}

int db_commit(struct dbconn *c)
{
	return c->drv->commit(c);
}

void db_rollback(struct dbconn *c)
{
	c->drv->rollback(c);
}

int db_exec_script(struct dbconn *c, const char *sql)
{
	return c->drv->exec_script(c, sql);
}

int db_exec_migration(struct dbconn *c, const char *sql)
{
	return c->drv->exec_migration(c, sql);
}

struct dbstmt *db_prep(struct dbconn *c, const char *sql)
{
	return c->drv->prep(c, sql);
}

void db_bind_text(struct dbstmt *s, int i, const char *v)
{
	s->drv->bind_text(s, i, v);
}

void db_bind_int(struct dbstmt *s, int i, int64_t v)
{
	s->drv->bind_int(s, i, v);
}

void db_bind_null(struct dbstmt *s, int i)
{
	s->drv->bind_null(s, i);
}

int db_step(struct dbstmt *s)
{
	return s->drv->step(s);
}

const char *db_col_text(struct dbstmt *s, int i)
{
	return s->drv->col_text(s, i);
}

int64_t db_col_int(struct dbstmt *s, int i)
{
	return s->drv->col_int(s, i);
}

bool db_col_null(struct dbstmt *s, int i)
{
	return s->drv->col_null(s, i);
}

void db_reset(struct dbstmt *s)
{
	s->drv->reset(s);
}

int db_run(struct dbstmt *s)
{
	int rc;
	while ((rc = db_step(s)) == DB_ROW)
		;
	db_reset(s);
	return rc;
}

int64_t db_changes(struct dbconn *c)
{
	return c->drv->changes(c);
}

int db_backup(struct db *db, const char *dest)
{
	return db->drv->backup(db, dest);
}

int db_check(struct db *db)
{
	return db->drv->check(db);
}

int db_checkpoint(struct dbconn *c)
{
	return c->drv->checkpoint(c);
}

void db_bulk(struct dbconn *c, bool on)
{
	c->drv->bulk(c, on);
}
