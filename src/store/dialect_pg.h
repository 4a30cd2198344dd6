/* dialect_pg.h: a migration as PostgreSQL runs it.
 *
 * Migrations are written once, in the part of SQLite's dialect that docs/storage.md lists:
 * STRICT tables of TEXT and INTEGER columns, INTEGER PRIMARY KEY, indexes (schema-qualified
 * for the view log: "CREATE INDEX viewlog.x ON audit(…)"), ALTER TABLE … ADD COLUMN, and
 * append-only guards written as
 *     CREATE TRIGGER [schema.]name BEFORE UPDATE|DELETE ON table [WHEN condition]
 *     BEGIN SELECT RAISE(ABORT, 'message'); END;
 * and DROP TRIGGER name. This turns such a script into PostgreSQL's: INTEGER → BIGINT,
 * INTEGER PRIMARY KEY → an identity column, no STRICT, the view log's schema created, each
 * trigger a plpgsql function and a row trigger (the condition inside the function, where a
 * subquery is allowed; "a IS NOT b" as IS DISTINCT FROM), DROP TRIGGER found by name.
 * A line "--postgresql: STATEMENT;" (between statements) is PostgreSQL's alone: SQLite
 * reads a comment, and here the statement is kept as written. */
#ifndef KOMEK_STORE_DIALECT_PG_H
#define KOMEK_STORE_DIALECT_PG_H

/* The translated script, malloc'd (the caller frees), or NULL if it is too large. */
char *dialect_pg_migration(const char *sql);

#endif
