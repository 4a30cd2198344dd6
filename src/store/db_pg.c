/* db_pg.c: the PostgreSQL backend of db.h, over libpq.
 *
 * A pool of connections made at start, as for SQLite, and one more for the audit writer
 * (the "logger"). Statements are written once for both backends with ?N parameters; here
 * they become $N and are prepared once per connection (PQprepare), named by their slot in
 * the connection's cache. Parameters and results travel as text, so an INTEGER of the
 * portable schema is a BIGINT here and is read back as digits. A DB_SCAN statement is
 * prepared only to learn its columns: it is sent with its values at each run, to be planned
 * for them, and its many rows of integers come back as one array per column, in binary
 * (struct pmany).
 *
 * Transactions: writes run at READ COMMITTED, where a lost update is prevented by the
 * version column every editable record carries (an UPDATE names the version it read and a
 * stale one changes no row) and by unique constraints; a read runs in one REPEATABLE READ,
 * READ ONLY snapshot, like SQLite's read transaction. The view log is the schema "viewlog"
 * of the same database. Backups are PostgreSQL's own (pg_dump or a base backup:
 * docs/storage.md); db_backup says so. */
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/util.h"
#include "store/db_driver.h"
#include "store/dialect_pg.h"

#include "base/banned.h"

#define STMT_CACHE DB_STMT_CACHE
#define PARAMS_MAX 40 /* more than any statement of the store binds */

struct pconn;

struct pparams {
	char *params[PARAMS_MAX];
	char ints[PARAMS_MAX][24]; /* text of integer parameters */
};

/* A DB_SCAN statement's rows. Its text is run as `SELECT array_agg(c0), … FROM (text) AS
 * q(c0, …)`, with results in binary: one row of one array per column, instead of a
 * message per row, whose making and reading were most of a report's time. */
struct pmany {
	char *text;    /* the wrapped statement */
	int ncols;     /* the statement's own columns */
	int64_t **v;   /* v[col][row] */
	uint8_t **nul; /* nul[col][row]: 1 for NULL */
	size_t cap;    /* rows v and nul have room for */
	bool ran;      /* since the last reset */
};

struct pstmt {
	struct dbstmt base; /* first: a struct dbstmt * is a struct pstmt * */
	const char *sql;    /* the key: address of a static string */
	struct pconn *conn;
	char name[16];
	int nparams;
	struct pparams *p;  /* made at the first bind: most cached statements are idle */
	struct pmany *many; /* DB_SCAN: its rows, received as a column's array each */
	PGresult *res;
	int row, nrows;
};

struct pconn {
	struct dbconn base;
	PGconn *pg;
	bool in_use, logger;
	int64_t changes;
	struct pstmt cache[STMT_CACHE];
};

struct pdb {
	struct db base;
	char *conninfo; /* for pg_dump and pg_restore */
	int n;          /* the pool; conns[n] is the logger's connection */
	struct pconn *conns;
	pthread_mutex_t mu;
	pthread_cond_t cv;
};

static const struct db_driver pg_driver;

/* ?N → $N outside quoted text and identifiers; *nparams is the highest N. NULL if out of
 * memory or if a statement names more than PARAMS_MAX parameters. */
static char *translate(const char *sql, int *nparams)
{
	size_t n = strlen(sql);
	char *out = malloc(2 * n + 1);
	if (!out)
		return NULL;
	char *o = out;
	char quote = 0;
	int max = 0;
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			*o++ = *p;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
			*o++ = *p;
		} else if (*p == '?' && p[1] >= '1' && p[1] <= '9') {
			int v = 0;
			*o++ = '$';
			while (p[1] >= '0' && p[1] <= '9') {
				v = v * 10 + (p[1] - '0');
				*o++ = *++p;
			}
			if (v > max)
				max = v;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	if (max > PARAMS_MAX) {
		log_error("pg: a statement with more than %d parameters", PARAMS_MAX);
		free(out);
		return NULL;
	}
	*nparams = max;
	return out;
}

/* A failed result's code: class 23 (a constraint refused the row) is K_ECONFLICT, a full
 * disk (53100) K_EFULL, anything else K_EDB. Logged. */
static int result_error(struct pconn *c, const PGresult *res, const char *what)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorMessage(res) : PQerrorMessage(c->pg);
	if (state && strncmp(state, "23", 2) == 0) {
		log_info("pg: constraint: %s", msg);
		return K_ECONFLICT;
	}
	log_error("pg: %s failed (%s): %s", what, state ? state : "?", msg);
	if (state && strcmp(state, "53100") == 0)
		return K_EFULL;
	return K_EDB;
}

static int exec_simple(struct pconn *c, const char *sql)
{
	PGresult *res = PQexec(c->pg, sql);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : result_error(c, res, sql);
	PQclear(res);
	return rc;
}

/* Gives back the rows of the last run: a year's scan holds tens of megabytes. */
static void many_clear(struct pmany *m)
{
	for (int i = 0; m->v && i < m->ncols; i++) {
		free(m->v[i]);
		m->v[i] = NULL;
	}
	for (int i = 0; m->nul && i < m->ncols; i++) {
		free(m->nul[i]);
		m->nul[i] = NULL;
	}
	m->cap = 0;
	m->ran = false;
}

static void many_free(struct pmany *m)
{
	if (!m)
		return;
	many_clear(m);
	free(m->v);
	free(m->nul);
	free(m->text);
	free(m);
}

static void stmt_clear(struct pstmt *s)
{
	if (s->res)
		PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	if (s->many)
		many_clear(s->many);
	if (!s->p)
		return;
	for (int i = 0; i < s->nparams; i++)
		if (s->p->params[i] != s->p->ints[i])
			free(s->p->params[i]);
	memset(s->p->params, 0, sizeof(s->p->params));
}

/* Empties a slot of the cache. */
static void stmt_forget(struct pstmt *s)
{
	stmt_clear(s);
	free(s->p);
	s->p = NULL;
	many_free(s->many);
	s->many = NULL;
	s->sql = NULL;
}

static void conn_close(struct pconn *c)
{
	for (int i = 0; i < STMT_CACHE; i++)
		stmt_forget(&c->cache[i]);
	if (c->pg)
		PQfinish(c->pg);
	c->pg = NULL;
}

/* Server notices ("table does not exist, skipping") are not the operator's business. */
static void quiet(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

/* Text in UTF-8, no surprises from the server's own defaults. */
#define SESSION_SETUP                                                                              \
	"SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'; SET standard_conforming_strings = on"

static int conn_setup(struct pconn *c, const char *conninfo)
{
	c->base.drv = &pg_driver;
	c->pg = PQconnectdb(conninfo);
	if (PQstatus(c->pg) != CONNECTION_OK) {
		/* The message names the host and the database, never the password. */
		log_error("pg: cannot connect: %s", PQerrorMessage(c->pg));
		return K_EDB;
	}
	PQsetNoticeProcessor(c->pg, quiet, NULL);
	return exec_simple(c, SESSION_SETUP);
}

static void pg_close(struct db *bdb)
{
	struct pdb *db = (struct pdb *)bdb;
	for (int i = 0; i <= db->n; i++)
		conn_close(&db->conns[i]);
	pthread_mutex_destroy(&db->mu);
	pthread_cond_destroy(&db->cv);
	free(db->conns);
	free(db->conninfo);
	free(db);
}

int db_pg_open(const char *target, int pool, struct db **out)
{
	*out = NULL;
	if (pool < 1)
		pool = 1;
	struct pdb *db = calloc(1, sizeof(*db));
	if (!db)
		return K_ENOMEM;
	db->conns = calloc((size_t)pool + 1, sizeof(*db->conns));
	db->conninfo = strdup(target);
	if (!db->conns || !db->conninfo) {
		free(db->conns);
		free(db->conninfo);
		free(db);
		return K_ENOMEM;
	}
	db->base.drv = &pg_driver;
	db->n = pool;
	pthread_mutex_init(&db->mu, NULL);
	pthread_cond_init(&db->cv, NULL);
	db->conns[pool].logger = true;
	for (int i = 0; i <= pool; i++) {
		if (conn_setup(&db->conns[i], target)) {
			pg_close(&db->base);
			return K_EDB;
		}
	}
	*out = &db->base;
	return 0;
}

/* A free connection of the pool; when none is, waits for one, or returns NULL. */
static struct dbconn *take(struct pdb *db, bool wait)
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

static struct dbconn *pg_acquire(struct db *bdb)
{
	return take((struct pdb *)bdb, true);
}

static struct dbconn *pg_try_acquire(struct db *bdb)
{
	return take((struct pdb *)bdb, false);
}

static struct dbconn *pg_acquire_logger(struct db *bdb)
{
	struct pdb *db = (struct pdb *)bdb;
	struct pconn *c = &db->conns[db->n];
	pthread_mutex_lock(&db->mu);
	while (c->in_use)
		pthread_cond_wait(&db->cv, &db->mu);
	c->in_use = true;
	pthread_mutex_unlock(&db->mu);
	return &c->base;
}

static void pg_release(struct db *bdb, struct dbconn *bc)
{
	struct pdb *db = (struct pdb *)bdb;
	struct pconn *c = (struct pconn *)bc;
	/* A handler that failed between begin and commit must not leave the transaction open
	 * for the next request; a connection the server dropped is made again. */
	if (PQstatus(c->pg) == CONNECTION_OK && PQtransactionStatus(c->pg) != PQTRANS_IDLE) {
		log_error("db: connection released inside a transaction; rolling back");
		exec_simple(c, "ROLLBACK");
	}
	if (PQstatus(c->pg) != CONNECTION_OK) {
		log_error("pg: the connection was lost; connecting again");
		for (int i = 0; i < STMT_CACHE; i++)
			stmt_forget(&c->cache[i]);
		PQreset(c->pg);
		PQsetNoticeProcessor(c->pg, quiet, NULL);
		if (PQstatus(c->pg) == CONNECTION_OK)
			exec_simple(c, SESSION_SETUP);
	}
	pthread_mutex_lock(&db->mu);
	c->in_use = false;
	pthread_cond_broadcast(&db->cv);
	pthread_mutex_unlock(&db->mu);
}

static int pg_begin(struct dbconn *bc)
{
	return exec_simple((struct pconn *)bc, "BEGIN ISOLATION LEVEL READ COMMITTED");
}

static int pg_begin_read(struct dbconn *bc)
{
	return exec_simple((struct pconn *)bc, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
}

static void pg_end_read(struct dbconn *bc)
{
	struct pconn *c = (struct pconn *)bc;
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		exec_simple(c, "COMMIT");
}

static int pg_commit(struct dbconn *bc)
{
	struct pconn *c = (struct pconn *)bc;
	/* COMMIT of a failed transaction answers OK but rolls back: say it failed. */
	if (PQtransactionStatus(c->pg) == PQTRANS_INERROR) {
		exec_simple(c, "ROLLBACK");
		return K_EDB;
	}
	return exec_simple(c, "COMMIT");
}

static void pg_rollback(struct dbconn *bc)
{
	struct pconn *c = (struct pconn *)bc;
	if (PQtransactionStatus(c->pg) != PQTRANS_IDLE)
		exec_simple(c, "ROLLBACK");
}

static int pg_exec_script(struct dbconn *bc, const char *sql)
{
	struct pconn *c = (struct pconn *)bc;
	PGresult *res = PQexec(c->pg, sql);
	ExecStatusType st = PQresultStatus(res);
	int rc =
	    st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK ? 0 : result_error(c, res, "script");
	PQclear(res);
	return rc;
}

static int pg_exec_migration(struct dbconn *bc, const char *sql)
{
	char *pg = dialect_pg_migration(sql);
	if (!pg)
		return K_ENOMEM;
	int rc = pg_exec_script(bc, pg);
	if (rc)
		log_error("pg: the migration as translated was:\n%s", pg);
	free(pg);
	return rc;
}

/* A DB_SCAN statement, prepared as `text` under its name: its columns, and the statement
 * that sends them as arrays. */
static int many_prepare(struct pconn *c, struct pstmt *s, const char *text)
{
	PGresult *res = PQdescribePrepared(c->pg, s->name);
	int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : result_error(c, res, "describe");
	int ncols = rc ? 0 : PQnfields(res);
	PQclear(res);
	if (rc)
		return rc;
	struct pmany *m = calloc(1, sizeof *m);
	struct buf b;
	buf_init(&b, 1u << 20);
	buf_puts(&b, "SELECT ");
	for (int i = 0; i < ncols; i++)
		buf_printf(&b, "%sarray_agg(c%d)", i ? ", " : "", i);
	buf_printf(&b, " FROM (%s) AS q(", text);
	for (int i = 0; i < ncols; i++)
		buf_printf(&b, "%sc%d", i ? ", " : "", i);
	buf_puts(&b, ")");
	if (!m || !ncols || b.overflow || !(m->text = buf_detach(&b, NULL)) ||
	    !(m->v = calloc((size_t)ncols, sizeof *m->v)) ||
	    !(m->nul = calloc((size_t)ncols, sizeof *m->nul))) {
		buf_release(&b);
		many_free(m);
		log_error("pg: a scan of %d columns could not be made", ncols);
		return K_ENOMEM;
	}
	m->ncols = ncols;
	s->many = m;
	return 0;
}

static struct dbstmt *pg_prep(struct dbconn *bc, const char *sql)
{
	struct pconn *c = (struct pconn *)bc;
	uintptr_t h = (uintptr_t)sql;
	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15u;
	size_t i = (size_t)(h >> 40) & (STMT_CACHE - 1);
	for (size_t probe = 0; probe < STMT_CACHE; probe++, i = (i + 1) & (STMT_CACHE - 1)) {
		struct pstmt *s = &c->cache[i];
		if (s->sql == sql)
			return &s->base;
		if (s->sql)
			continue;
		int nparams = 0;
		char *text = translate(sql, &nparams);
		if (!text)
			return NULL;
		if (nparams && !(s->p = calloc(1, sizeof *s->p))) {
			free(text);
			return NULL;
		}
		snprintf(s->name, sizeof(s->name), "k%zu", i);
		int rc = 0;
		PGresult *res = PQprepare(c->pg, s->name, text, 0, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = result_error(c, res, "prepare");
		PQclear(res);
		if (!rc && strncmp(sql, DB_SCAN, strlen(DB_SCAN)) == 0)
			rc = many_prepare(c, s, text);
		if (rc) {
			log_error("pg: the statement was: %s", text);
			free(text);
			free(s->p);
			s->p = NULL;
			return NULL;
		}
		free(text);
		s->base.drv = &pg_driver;
		s->sql = sql;
		s->conn = c;
		s->nparams = nparams;
		return &s->base;
	}
	log_error("pg: statement cache full");
	return NULL;
}

/* Parameter i (1 ≤ i ≤ nparams: checked by the callers) is v. */
static void set_param(struct pstmt *s, int i, char *v)
{
	if (s->p->params[i - 1] != s->p->ints[i - 1])
		free(s->p->params[i - 1]);
	s->p->params[i - 1] = v;
}

static void pg_bind_text(struct dbstmt *bs, int i, const char *v)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (i < 1 || i > s->nparams)
		return;
	char *copy = v ? strdup(v) : NULL;
	if (v && !copy)
		log_error("pg: out of memory binding a parameter");
	set_param(s, i, copy);
}

static void pg_bind_int(struct dbstmt *bs, int i, int64_t v)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (i < 1 || i > s->nparams)
		return;
	snprintf(s->p->ints[i - 1], sizeof(s->p->ints[i - 1]), "%lld", (long long)v);
	set_param(s, i, s->p->ints[i - 1]);
}

static void pg_bind_null(struct dbstmt *bs, int i)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (i >= 1 && i <= s->nparams)
		set_param(s, i, NULL);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Room for n rows in every column. */
static bool many_room(struct pmany *m, size_t n)
{
	if (n <= m->cap)
		return true;
	size_t cap = m->cap ? m->cap : 4096;
	while (cap < n)
		cap *= 2;
	for (int i = 0; i < m->ncols; i++) {
		int64_t *v = realloc(m->v[i], cap * sizeof *v);
		if (v)
			m->v[i] = v;
		uint8_t *z = realloc(m->nul[i], cap);
		if (z)
			m->nul[i] = z;
		if (!v || !z)
			return false;
	}
	m->cap = cap;
	return true;
}

/* Column i of the result: an array of integers in PostgreSQL's binary form (its dimensions,
 * a flag, the element type, each dimension's length and lower bound, then each element's
 * length, -1 for NULL, and its big-endian bytes), or NULL for no rows. The rows' count into
 * *n; K_EDB when it is not such an array. */
static int many_column(struct pmany *m, const PGresult *res, int i, int *n)
{
	if (PQgetisnull(res, 0, i)) {
		*n = 0;
		return 0;
	}
	const unsigned char *p = (const unsigned char *)PQgetvalue(res, 0, i),
			    *end = p + PQgetlength(res, 0, i);
	if (end - p < 12)
		return K_EDB;
	uint32_t ndim = be32(p);
	p += 12;
	if (ndim == 0) {
		*n = 0;
		return 0;
	}
	if (ndim != 1 || end - p < 8 || be32(p) > (uint32_t)INT32_MAX)
		return K_EDB;
	size_t count = be32(p);
	p += 8;
	if (!many_room(m, count))
		return K_ENOMEM;
	for (size_t r = 0; r < count; r++) {
		if (end - p < 4)
			return K_EDB;
		uint32_t len = be32(p);
		p += 4;
		m->nul[i][r] = len == UINT32_MAX;
		if (len == UINT32_MAX) {
			m->v[i][r] = 0;
			continue;
		}
		if ((len != 2 && len != 4 && len != 8) || (size_t)(end - p) < len)
			return K_EDB;
		uint64_t u = 0;
		for (uint32_t k = 0; k < len; k++)
			u = u << 8 | p[k];
		/* Sign-extended from its width. */
		uint64_t sign = (uint64_t)1 << (len * 8 - 1);
		m->v[i][r] = (int64_t)((u ^ sign) - sign);
		p += len;
	}
	*n = (int)count;
	return 0;
}

/* A DB_SCAN statement: runs it once as arrays, then gives its rows from them. */
static int many_step(struct pstmt *s)
{
	struct pmany *m = s->many;
	if (!m->ran) {
		const char *const *params = s->p ? (const char *const *)s->p->params : NULL;
		PGresult *res =
		    PQexecParams(s->conn->pg, m->text, s->nparams, NULL, params, NULL, NULL, 1);
		if (PQresultStatus(res) != PGRES_TUPLES_OK) {
			int rc = result_error(s->conn, res, "a scan");
			PQclear(res);
			return rc;
		}
		int rc = PQntuples(res) == 1 && PQnfields(res) == m->ncols ? 0 : K_EDB;
		int rows = -1;
		for (int i = 0; !rc && i < m->ncols; i++) {
			int n = 0;
			rc = many_column(m, res, i, &n);
			if (!rc && rows >= 0 && n != rows)
				rc = K_EDB;
			rows = n;
		}
		PQclear(res);
		if (rc) {
			log_error("pg: a scan's arrays could not be read (%s)", k_strerror(rc));
			return rc;
		}
		m->ran = true;
		s->nrows = rows;
		s->row = -1;
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

static int pg_step(struct dbstmt *bs)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (s->many)
		return many_step(s);
	if (!s->res) {
		const char *const *params = s->p ? (const char *const *)s->p->params : NULL;
		s->res = PQexecPrepared(s->conn->pg, s->name, s->nparams, params, NULL, NULL, 0);
		ExecStatusType st = PQresultStatus(s->res);
		if (st == PGRES_TUPLES_OK) {
			s->nrows = PQntuples(s->res);
			s->row = -1;
			/* An UPDATE … RETURNING counts its rows too. */
			const char *n = PQcmdTuples(s->res);
			s->conn->changes = n && *n ? strtoll(n, NULL, 10) : 0;
		} else if (st == PGRES_COMMAND_OK) {
			s->nrows = 0;
			s->row = -1;
			const char *n = PQcmdTuples(s->res);
			s->conn->changes = n && *n ? strtoll(n, NULL, 10) : 0;
		} else {
			int rc = result_error(s->conn, s->res, "a statement");
			PQclear(s->res);
			s->res = NULL;
			return rc;
		}
	}
	if (s->row + 1 < s->nrows) {
		s->row++;
		return DB_ROW;
	}
	return DB_DONE;
}

static const char *pg_col_text(struct dbstmt *bs, int i)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (!s->res || s->row < 0 || s->row >= s->nrows || i >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, i))
		return NULL;
	return PQgetvalue(s->res, s->row, i);
}

static bool many_row(const struct pstmt *s, int i)
{
	return s->many && s->many->ran && s->row >= 0 && s->row < s->nrows && i >= 0 &&
	       i < s->many->ncols;
}

static int64_t pg_col_int(struct dbstmt *bs, int i)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (s->many)
		return many_row(s, i) ? s->many->v[i][s->row] : 0;
	const char *v = pg_col_text(bs, i);
	if (!v)
		return 0;
	if (v[0] == 't' && v[1] == '\0') /* a boolean */
		return 1;
	/* PostgreSQL's own text of a BIGINT: [-]digits. By hand, as strtoll's generality (a
	 * base, spaces, a locale) is most of a report's time reading a million rows. */
	bool neg = *v == '-';
	uint64_t n = 0;
	for (const char *p = v + neg; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (uint64_t)(*p - '0');
	return neg ? (int64_t)(0 - n) : (int64_t)n;
}

static bool pg_col_null(struct dbstmt *bs, int i)
{
	struct pstmt *s = (struct pstmt *)bs;
	if (s->many)
		return !many_row(s, i) || s->many->nul[i][s->row];
	return pg_col_text(bs, i) == NULL;
}

static void pg_reset(struct dbstmt *bs)
{
	stmt_clear((struct pstmt *)bs);
}

static int64_t pg_changes(struct dbconn *bc)
{
	return ((struct pconn *)bc)->changes;
}

/* Runs a PostgreSQL client tool with the connection's parameters in its environment (PGHOST,
 * PGPASSWORD, …), never on its command line where every user of the machine sees it. */
static int run_tool(const char *conninfo, char *const argv[])
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(conninfo, &err);
	if (!opts) {
		log_error("pg: the database URL does not parse: %s", err ? err : "?");
		PQfreemem(err);
		return K_EINVAL;
	}
	pid_t pid = fork();
	if (pid == 0) {
		for (PQconninfoOption *o = opts; o->keyword; o++)
			if (o->val && o->envvar)
				setenv(o->envvar, o->val, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	PQconninfoFree(opts);
	int st = 0;
	if (pid < 0 || waitpid(pid, &st, 0) < 0) {
		log_error("pg: cannot run %s", argv[0]);
		return K_EDB;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		log_error("pg: %s failed (status %d)", argv[0],
			  WIFEXITED(st) ? WEXITSTATUS(st) : -1);
		return K_EDB;
	}
	return 0;
}

/* A consistent copy of the whole database (pg_dump reads in one snapshot) into dest, in
 * pg_dump's custom format; komek backup encrypts it. */
static int pg_backup(struct db *bdb, const char *dest)
{
	struct pdb *db = (struct pdb *)bdb;
	char *file = malloc(strlen(dest) + sizeof("--file="));
	if (!file)
		return K_ENOMEM;
	memcpy(file, "--file=", 7);
	memcpy(file + 7, dest, strlen(dest) + 1);
	char *argv[] = {
		"pg_dump", "--format=custom", "--no-owner", "--no-privileges", file, NULL
	};
	int rc = run_tool(db->conninfo, argv);
	free(file);
	return rc;
}

int db_pg_restore(const char *target, const char *dump)
{
	/* pg_restore writes SQL to standard output unless told a database: name it (the
	 * name is no secret; the rest of the connection travels in the environment). */
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(target, &err);
	if (!opts) {
		log_error("pg: the database URL does not parse: %s", err ? err : "?");
		PQfreemem(err);
		return K_EINVAL;
	}
	const char *name = NULL;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (strcmp(o->keyword, "dbname") == 0)
			name = o->val;
	char dbname[256];
	snprintf(dbname, sizeof(dbname), "--dbname=%s", name ? name : "");
	PQconninfoFree(opts);
	char file[4096];
	snprintf(file, sizeof(file), "%s", dump);
	char *argv[] = { "pg_restore",
			 "--no-owner",
			 "--no-privileges",
			 "--exit-on-error",
			 "--single-transaction",
			 dbname,
			 file,
			 NULL };
	return run_tool(target, argv);
}

static int pg_check(struct db *bdb)
{
	/* The server keeps its own pages checked (and checksummed, where initdb enabled it):
	 * what komek can check is that its schema answers. */
	struct dbconn *bc = pg_acquire(bdb);
	int rc = pg_exec_script(bc, "SELECT COUNT(*) FROM schema_migrations");
	pg_release(bdb, bc);
	return rc;
}

static int pg_checkpoint(struct dbconn *bc)
{
	(void)bc; /* the server's own WAL: nothing of the old rows is this process's to empty */
	return 0;
}

static void pg_bulk(struct dbconn *bc, bool on)
{
	(void)bc; /* the server's shared buffers are the server's */
	(void)on;
}

static const struct db_driver pg_driver = {
	.name = "postgresql",
	.close = pg_close,
	.acquire = pg_acquire,
	.try_acquire = pg_try_acquire,
	.acquire_logger = pg_acquire_logger,
	.release = pg_release,
	.begin = pg_begin,
	.begin_deferred = pg_begin,
	.begin_read = pg_begin_read,
	.end_read = pg_end_read,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.exec_script = pg_exec_script,
	.exec_migration = pg_exec_migration,
	.prep = pg_prep,
	.bind_text = pg_bind_text,
	.bind_int = pg_bind_int,
	.bind_null = pg_bind_null,
	.step = pg_step,
	.col_text = pg_col_text,
	.col_int = pg_col_int,
	.col_null = pg_col_null,
	.reset = pg_reset,
	.changes = pg_changes,
	.backup = pg_backup,
	.check = pg_check,
	.checkpoint = pg_checkpoint,
	.bulk = pg_bulk,
};
