/* db_driver.h: what a database backend implements behind db.h (private to store/).
 *
 * db.c holds the public functions of db.h, each one call through the driver of the object
 * it is given; a backend's db, connection and statement structs start with the struct
 * below (a `struct db` is the first member of the SQLite backend's `struct sdb`, and so on),
 * so that the driver casts back to its own. */
#ifndef KOMEK_STORE_DB_DRIVER_H
#define KOMEK_STORE_DB_DRIVER_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* Statements prepared once per connection and kept, by the address of their static SQL: a
 * power of two, and at least twice the store's distinct statements (tests/check-statements.sh
 * counts them): the cache is an open-addressed table that refuses a statement when full. */
#define DB_STMT_CACHE 2048

struct db_driver {
	const char *name;
	void (*close)(struct db *db);
	struct dbconn *(*acquire)(struct db *db);
	struct dbconn *(*try_acquire)(struct db *db);
	struct dbconn *(*acquire_logger)(struct db *db);
	void (*release)(struct db *db, struct dbconn *c);
	int (*begin)(struct dbconn *c);
	int (*begin_deferred)(struct dbconn *c);
	int (*begin_read)(struct dbconn *c);
	void (*end_read)(struct dbconn *c);
	int (*commit)(struct dbconn *c);
	void (*rollback)(struct dbconn *c);
	int (*exec_script)(struct dbconn *c, const char *sql);
	int (*exec_migration)(struct dbconn *c, const char *sql);
	struct dbstmt *(*prep)(struct dbconn *c, const char *sql);
	void (*bind_text)(struct dbstmt *s, int i, const char *v);
	void (*bind_int)(struct dbstmt *s, int i, int64_t v);
	void (*bind_null)(struct dbstmt *s, int i);
	int (*step)(struct dbstmt *s);
	const char *(*col_text)(struct dbstmt *s, int i);
	int64_t (*col_int)(struct dbstmt *s, int i);
	bool (*col_null)(struct dbstmt *s, int i);
	void (*reset)(struct dbstmt *s);
	int64_t (*changes)(struct dbconn *c);
	int (*backup)(struct db *db, const char *dest);
	int (*check)(struct db *db);
	int (*checkpoint)(struct dbconn *c);
	void (*bulk)(struct dbconn *c, bool on);
};

struct db {
	const struct db_driver *drv;
};
struct dbconn {
	const struct db_driver *drv;
};
struct dbstmt {
	const struct db_driver *drv;
};

/* The backends' constructors, as db_open of db.h. */
int db_sqlite_open(const char *target, int pool, struct db **out);
int db_pg_open(const char *target, int pool, struct db **out);

#endif
