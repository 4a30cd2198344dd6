/* store_report.c: see store_report.h.
 *
 * The statements that derive facts code each axis with a CASE over its reference list, so
 * they are written here once, at first use, from the lists themselves (and kept for the
 * program's life: db_prep caches statements by the address of their text). The codes are
 * ours, lower-case letters, digits, '_' and '-', and go into the text only when they are. */
#include "store/store_report.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/buf.h"
#include "domain/reference.h"
#include "store/store_util.h"

/* ---- the statements ---- */

enum derive {
	D_SERVICE_ONE,
	D_SERVICE_PERSON,
	D_SERVICE_ALL,
	D_CASE_ONE,
	D_CASE_PERSON,
	D_CASE_ALL,
	D_REFERRAL_ONE,
	D_REFERRAL_PERSON,
	D_REFERRAL_ALL,
	D_PARTICIPANT_PERSON,
	D_PARTICIPANT_EVENT,
	D_PARTICIPANT_ALL,
	D_SESSION_ONE,
	D_SESSION_GROUP,
	D_SESSION_ALL,
	D_COUNT
};

static char *derive_sql[D_COUNT];
static char codes_version[17];
static pthread_once_t derive_once = PTHREAD_ONCE_INIT;

static bool plain_code(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' ||
		      *s == '-'))
			return false;
	return true;
}

/* "CASE col WHEN 'code' THEN 1 … ELSE 0 END", each code's position plus one (bits: 1 << its
 * position). */
static void case_of(struct buf *b, const char *col, const char *list, bool bits)
{
	const struct ref_list *l = ref_list_find(list);
	buf_printf(b, "CASE %s", col);
	for (size_t i = 0; l && i < l->n; i++)
		if (plain_code(l->items[i].code))
			buf_printf(b, " WHEN '%s' THEN %lld", l->items[i].code,
				   bits ? 1LL << i : (long long)i + 1);
	buf_puts(b, " ELSE 0 END");
}

/* The person p's axes: region, sex, born, cats, programme_id. */
static void person_axes(struct buf *b)
{
	buf_puts(b, ", COALESCE(CAST(substr(p.region, 4) AS INTEGER), 0), ");
	case_of(b, "p.sex", "sexes", false);
	/* An erased person's birth date is its year (store_person.c). */
	buf_puts(b, ", CASE WHEN length(p.birth_date) = 10 THEN CAST(replace(p.birth_date, '-',"
		    " '') AS INTEGER) WHEN length(p.birth_date) = 4 THEN CAST(p.birth_date AS"
		    " INTEGER) * 10000 WHEN p.birth_year IS NOT NULL THEN p.birth_year * 10000"
		    " ELSE 0 END, COALESCE((SELECT SUM(");
	case_of(b, "pc.category", "categories", true);
	buf_puts(b, ") FROM person_categories pc WHERE pc.person_id = p.id), 0),"
		    " COALESCE((SELECT MAX(e.programme_id) FROM enrolments e WHERE e.person_id ="
		    " p.id AND e.status = 'enrolled'), 0)");
}

#define INSERT_FACTS                                                                               \
	"INSERT INTO report_facts (measure, org_id, day, id, person_id, kind, form, function,"     \
	" means, case_status, region, sex, born, cats, programme_id, value) SELECT "
#define DAY(col) "CAST(replace(" col ", '-', '') AS INTEGER)"

static void service_sql(struct buf *b)
{
	buf_puts(b, INSERT_FACTS "1, c.org_id, " DAY("s.delivered_on") ", s.id, s.person_id, ");
	case_of(b, "s.service_kind", "service_kinds", false);
	buf_puts(b, ", ");
	case_of(b, "s.form", "forms", false);
	buf_puts(b, ", ");
	case_of(b, "s.function", "functions", false);
	buf_puts(b, ", ");
	case_of(b, "s.means", "means", false);
	buf_puts(b, ", ");
	case_of(b, "c.status", "case_statuses", false);
	person_axes(b);
	buf_puts(b, ", COALESCE(s.minutes, 0) FROM services s JOIN cases c ON c.id = s.case_id"
		    " JOIN persons p ON p.id = s.person_id");
}

static void case_sql(struct buf *b)
{
	buf_puts(b, INSERT_FACTS "2, c.org_id, " DAY("c.opened_on") ", c.id, c.person_id, 0, 0, 0,"
								    " 0, ");
	case_of(b, "c.status", "case_statuses", false);
	person_axes(b);
	buf_puts(b, ", 0 FROM cases c JOIN persons p ON p.id = c.person_id");
}

static void referral_sql(struct buf *b)
{
	buf_puts(b, INSERT_FACTS "3, r.from_org_id, " DAY("r.sent_on") ", r.id, r.person_id, ");
	case_of(b, "r.service_kind", "service_kinds", false);
	buf_puts(b, ", 0, 0, 0, ");
	case_of(b, "c.status", "case_statuses", false);
	person_axes(b);
	buf_puts(b, ", 0 FROM referrals r JOIN cases c ON c.id = r.case_id"
		    " JOIN persons p ON p.id = r.person_id");
}

static void participant_sql(struct buf *b)
{
	buf_puts(b, INSERT_FACTS "5, ev.org_id, " DAY("ev.held_on") ", ev.id, ep.person_id, 0, ");
	case_of(b, "ev.form", "forms", false);
	buf_puts(b, ", ");
	case_of(b, "ev.function", "functions", false);
	buf_puts(b, ", ");
	case_of(b, "ev.means", "means", false);
	buf_puts(b, ", 0");
	person_axes(b);
	buf_puts(b, ", 0 FROM event_participants ep JOIN events ev ON ev.id = ep.event_id"
		    " JOIN persons p ON p.id = ep.person_id");
}

/* A group works by the collective means (domain.md §2.2): its sessions' means. */
static void session_sql(struct buf *b)
{
	buf_puts(b, INSERT_FACTS "4, g.org_id, " DAY("gs.held_on") ", gs.id, 0, 0, ");
	case_of(b, "g.form", "forms", false);
	buf_puts(b, ", ");
	case_of(b, "g.function", "functions", false);
	buf_puts(b, ", ");
	case_of(b, "'collective'", "means", false);
	buf_puts(b, ", 0, 0, 0, 0, 0, 0, gs.unregistered + (SELECT COUNT(*) FROM group_attendance"
		    " ga WHERE ga.session_id = gs.id AND ga.present = 1) FROM group_sessions gs"
		    " JOIN work_groups g ON g.id = gs.group_id");
}

static char *finish(void (*body)(struct buf *), const char *where)
{
	struct buf b;
	buf_init(&b, 64 * 1024);
	body(&b);
	/* Idempotent: on PostgreSQL two writes for one person may both derive a fact that the
	 * first committed while the second's DELETE could not see it (read committed). SQLite
	 * needs a WHERE before an upsert's ON CONFLICT after a SELECT. */
	buf_puts(&b, where);
	if (buf_puts(&b, " ON CONFLICT DO NOTHING") || b.overflow) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

/* A digest of every code the statements use, in order: facts coded with other lists are
 * derived again (store_report_rebuild). FNV-1a, 64 bits, in hex. */
static void make_version(void)
{
	static const char *const lists[] = { "sexes",     "categories", "service_kinds", "forms",
					     "functions", "means",      "case_statuses" };
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < ARRAY_SIZE(lists); i++) {
		const struct ref_list *l = ref_list_find(lists[i]);
		for (size_t j = 0; l && j < l->n; j++)
			for (const char *s = l->items[j].code;; s++) {
				h = (h ^ (unsigned char)*s) * 0x100000001b3u;
				if (!*s)
					break;
			}
	}
	snprintf(codes_version, sizeof codes_version, "%016llx", (unsigned long long)h);
}

static void make_statements(void)
{
	derive_sql[D_SERVICE_ONE] = finish(service_sql, " WHERE s.id = ?1");
	derive_sql[D_SERVICE_PERSON] = finish(service_sql, " WHERE s.person_id = ?1");
	derive_sql[D_SERVICE_ALL] = finish(service_sql, " WHERE 1 = 1");
	derive_sql[D_CASE_ONE] = finish(case_sql, " WHERE c.id = ?1");
	derive_sql[D_CASE_PERSON] = finish(case_sql, " WHERE c.person_id = ?1");
	derive_sql[D_CASE_ALL] = finish(case_sql, " WHERE 1 = 1");
	derive_sql[D_REFERRAL_ONE] = finish(referral_sql, " WHERE r.id = ?1");
	derive_sql[D_REFERRAL_PERSON] = finish(referral_sql, " WHERE r.person_id = ?1");
	derive_sql[D_REFERRAL_ALL] = finish(referral_sql, " WHERE 1 = 1");
	derive_sql[D_PARTICIPANT_PERSON] = finish(participant_sql, " WHERE ep.person_id = ?1");
	derive_sql[D_PARTICIPANT_EVENT] = finish(participant_sql, " WHERE ep.event_id = ?1");
	derive_sql[D_PARTICIPANT_ALL] = finish(participant_sql, " WHERE 1 = 1");
	derive_sql[D_SESSION_ONE] = finish(session_sql, " WHERE gs.id = ?1");
	derive_sql[D_SESSION_GROUP] = finish(session_sql, " WHERE gs.group_id = ?1");
	derive_sql[D_SESSION_ALL] = finish(session_sql, " WHERE 1 = 1");
	make_version();
}

/* Runs a derive statement (with ?1 = id unless id is 0). */
static int derive(struct dbconn *c, enum derive d, int64_t id)
{
	pthread_once(&derive_once, make_statements);
	if (!derive_sql[d])
		return K_ENOMEM;
	struct dbstmt *s = db_prep(c, derive_sql[d]);
	if (!s)
		return K_EDB;
	if (id)
		db_bind_int(s, 1, id);
	return db_run(s);
}

static int run_id(struct dbconn *c, const char *sql, int64_t id)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	return db_run(s);
}

static const char SQL_DELETE_PERSON[] = "DELETE FROM report_facts WHERE person_id = ?1";
static const char SQL_DELETE_SESSION[] = "DELETE FROM report_facts WHERE measure = 4 AND id = ?1";
static const char SQL_DELETE_GROUP[] =
    "DELETE FROM report_facts WHERE measure = 4 AND id IN (SELECT id FROM group_sessions"
    " WHERE group_id = ?1)";
static const char SQL_DELETE_EVENT[] = "DELETE FROM report_facts WHERE measure = 5 AND id = ?1";
static const char SQL_DELETE_ALL[] = "DELETE FROM report_facts";
static const char SQL_DELETE_SERVICE[] = "DELETE FROM report_facts WHERE measure = 1 AND id = ?1";
static const char SQL_DELETE_CASE[] = "DELETE FROM report_facts WHERE measure = 2 AND id = ?1";
static const char SQL_DELETE_REFERRAL[] = "DELETE FROM report_facts WHERE measure = 3 AND id = ?1";

int store_report_person(struct dbconn *c, int64_t person_id)
{
	if (person_id <= 0)
		return 0;
	int rc = run_id(c, SQL_DELETE_PERSON, person_id);
	static const enum derive ds[] = { D_SERVICE_PERSON, D_CASE_PERSON, D_REFERRAL_PERSON,
					  D_PARTICIPANT_PERSON };
	for (size_t i = 0; !rc && i < ARRAY_SIZE(ds); i++)
		rc = derive(c, ds[i], person_id);
	return rc;
}

/* A record's facts derived again: deleted, then derived by the record's statement. */
static int record(struct dbconn *c, const char *del, enum derive d, int64_t id)
{
	int rc = run_id(c, del, id);
	return rc ? rc : derive(c, d, id);
}

int store_report_service(struct dbconn *c, int64_t id)
{
	return record(c, SQL_DELETE_SERVICE, D_SERVICE_ONE, id);
}

int store_report_case(struct dbconn *c, int64_t id)
{
	return record(c, SQL_DELETE_CASE, D_CASE_ONE, id);
}

int store_report_referral(struct dbconn *c, int64_t id)
{
	return record(c, SQL_DELETE_REFERRAL, D_REFERRAL_ONE, id);
}

int store_report_session(struct dbconn *c, int64_t session_id)
{
	return record(c, SQL_DELETE_SESSION, D_SESSION_ONE, session_id);
}

int store_report_group(struct dbconn *c, int64_t group_id)
{
	return record(c, SQL_DELETE_GROUP, D_SESSION_GROUP, group_id);
}

int store_report_event(struct dbconn *c, int64_t event_id)
{
	return record(c, SQL_DELETE_EVENT, D_PARTICIPANT_EVENT, event_id);
}

static const char SQL_META_GET[] = "SELECT value FROM store_meta WHERE name = 'report_codes'";
static const char SQL_META_SET[] =
    "INSERT INTO store_meta (name, value) VALUES ('report_codes', ?1)"
    " ON CONFLICT (name) DO UPDATE SET value = excluded.value";

int store_report_rebuild(struct dbconn *c, bool force)
{
	pthread_once(&derive_once, make_statements);
	struct dbstmt *s = db_prep(c, SQL_META_GET);
	if (!s)
		return K_EDB;
	int rc = db_step(s);
	bool current = rc == DB_ROW && strcmp(db_col_text(s, 0), codes_version) == 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	if (current && !force)
		return 0;
	int64_t t0 = clock_us();
	if ((rc = db_begin(c)))
		return rc;
	db_bulk(c, true);
	/* The version first: its row's lock makes a second instance starting at the same time
	 * (PostgreSQL) wait here until this one commits, instead of inserting the same facts. */
	if (!(s = db_prep(c, SQL_META_SET)))
		rc = K_EDB;
	if (!rc) {
		db_bind_text(s, 1, codes_version);
		rc = db_run(s);
	}
	if (!rc && !(s = db_prep(c, SQL_DELETE_ALL)))
		rc = K_EDB;
	if (!rc)
		rc = db_run(s);
	static const enum derive ds[] = { D_SERVICE_ALL, D_CASE_ALL, D_REFERRAL_ALL,
					  D_PARTICIPANT_ALL, D_SESSION_ALL };
	for (size_t i = 0; !rc && i < ARRAY_SIZE(ds); i++)
		rc = derive(c, ds[i], 0);
	rc = rc ? rc : db_commit(c);
	if (rc)
		db_rollback(c);
	db_bulk(c, false);
	if (!rc)
		log_info("reports: facts derived again in %lld ms",
			 (long long)((clock_us() - t0) / 1000));
	return rc;
}

/* ---- a report ---- */

/* A report reads, besides who is counted, only the columns its two axes need: reading all
 * of a fact's columns costs more than the rest of a report on SQLite, and on PostgreSQL
 * every column of every row crosses the connection as text. */
enum columns {
	COLS_NONE,
	COLS_CATS,
	COLS_KIND,
	COLS_FORM,
	COLS_FUNCTION,
	COLS_MEANS,
	COLS_REGION,
	COLS_ORG,
	COLS_PROGRAMME,
	COLS_SEX,
	COLS_CASE_STATUS,
	COLS_BORN_DAY,
	COLS_DAY,
	COLS_COUNT
};

static enum columns columns_of(enum report_axis a)
{
	switch (a) {
	case RA_CATEGORY: return COLS_CATS;
	case RA_SERVICE_KIND: return COLS_KIND;
	case RA_FORM: return COLS_FORM;
	case RA_FUNCTION: return COLS_FUNCTION;
	case RA_MEANS: return COLS_MEANS;
	case RA_REGION: return COLS_REGION;
	case RA_ORGANISATION: return COLS_ORG;
	case RA_PROGRAMME: return COLS_PROGRAMME;
	case RA_SEX: return COLS_SEX;
	case RA_AGE_BAND: return COLS_BORN_DAY;
	case RA_MONTH:
	case RA_QUARTER: return COLS_DAY;
	case RA_CASE_STATUS: return COLS_CASE_STATUS;
	case RA_NONE:
	case RA_COUNT: break;
	}
	return COLS_NONE;
}

/* The ways a scan reads the sets of columns. */
enum form {
	/* SQLite: a value a set (born and day as one: born above day's 27 bits), as SQLite reads
	 * columns for less than the arithmetic of packing them would cost. */
	FORM_SQLITE,
	/* PostgreSQL, where each value a scan sends costs about as much as reading its row: the
	 * row as one value, the two sets and who is counted packed (see `cols` below). */
	FORM_PG_PACKED,
	/* PostgreSQL, for a report a row of which did not fit the packed value: as SQLite. */
	FORM_PG_PLAIN,
	FORM_COUNT
};

/* Each set of columns: its SQL as one plain value; and packed, its SQL, the bits it takes
 * and whether the statement checks that it fits them. Packed, the sets take 32 bits between
 * them: codes 8 (bytes, as in report.h); categories, organisations and programmes 15,
 * checked; the day as its difference (YYYYMMDD) from the scan's first day (?2), 17 bits
 * over REPORT_YEARS_MAX years; the age band's as whole years plus one (at most 255), 0 for
 * no birth date, 8. Who is counted takes the 31 bits below, checked too (the columns are
 * BIGINT on PostgreSQL; ids are never negative). Who is counted: the person, or for a group
 * session (no person) the session, a column of each (a CASE would cost a few per cent of a
 * report). */
#define DAY_BITS 27
#define WHO_BITS 31
#define AGE_SQL                                                                                    \
	"CASE WHEN born > 0 AND day >= born THEN LEAST((day - born) / 10000, 254) + 1 ELSE 0 END"
static const struct {
	const char *plain, *packed; /* packed NULL: as plain */
	unsigned bits;
	bool checked;
} cols[COLS_COUNT] = {
	[COLS_NONE] = { NULL, NULL, 0, false }, /* never read */
	[COLS_CATS] = { "cats", NULL, 15, true },
	[COLS_KIND] = { "kind", NULL, 8, false },
	[COLS_FORM] = { "form", NULL, 8, false },
	[COLS_FUNCTION] = { "function", NULL, 8, false },
	[COLS_MEANS] = { "means", NULL, 8, false },
	[COLS_REGION] = { "region", NULL, 8, false },
	[COLS_ORG] = { "org_id", NULL, 15, true },
	[COLS_PROGRAMME] = { "programme_id", NULL, 15, true },
	[COLS_SEX] = { "sex", NULL, 8, false },
	[COLS_CASE_STATUS] = { "case_status", NULL, 8, false },
	[COLS_BORN_DAY] = { "born * 134217728 + day", AGE_SQL, 8, false },
	[COLS_DAY] = { "day", "day - ?2", 17, false },
};
_Static_assert((1 << DAY_BITS) == 134217728 && 99991231 < (1 << DAY_BITS), "born, day");
_Static_assert((REPORT_YEARS_MAX + 1) * 10000 < 1 << 17, "a period's days in 17 bits");
_Static_assert(17 + 15 + WHO_BITS <= 63, "the widest two sets and who in one value");

/* Puts the value v of the set k, read in form `form` by a scan from the day `from`, into
 * the fact. Packed, the day comes before the age band when both are read (j before i). */
static void put(struct report_fact *f, enum form form, int32_t from, enum columns k, int64_t v)
{
	bool packed = form == FORM_PG_PACKED;
	switch (k) {
	case COLS_CATS: f->cats = (uint32_t)v; break;
	case COLS_KIND: f->kind = (uint8_t)v; break;
	case COLS_FORM: f->form = (uint8_t)v; break;
	case COLS_FUNCTION: f->function = (uint8_t)v; break;
	case COLS_MEANS: f->means = (uint8_t)v; break;
	case COLS_REGION: f->region = (uint8_t)v; break;
	case COLS_ORG: f->org_id = v; break;
	case COLS_PROGRAMME: f->programme_id = v; break;
	case COLS_SEX: f->sex = (uint8_t)v; break;
	case COLS_CASE_STATUS: f->case_status = (uint8_t)v; break;
	case COLS_BORN_DAY:
		if (!packed) {
			f->born = (int32_t)(v >> DAY_BITS);
			f->day = (int32_t)(v & ((1 << DAY_BITS) - 1));
			break;
		}
		if (!f->day) /* the day is not read: one that keeps the band */
			f->day = 1 << DAY_BITS;
		f->born = v ? f->day - (int32_t)(v - 1) * 10000 : 0;
		break;
	case COLS_DAY: f->day = (int32_t)v + (packed ? from : 0); break;
	case COLS_NONE:
	case COLS_COUNT: break;
	}
}

/* Whose facts a scan reads: one organisation's, or every organisation's. SQLite reads a
 * range of the key (measure, organisation, day) for each organisation; PostgreSQL reads the
 * half-year's partition with no filter, where asking whether each fact's organisation is
 * one (all are) would be a join of every row. */
enum scope { SCOPE_ORG, SCOPE_ALL, SCOPE_COUNT };

/* The scans, by form, scope, who is counted (the person's or the record's id) and the two
 * sets of columns in order (a report whose rows come later in `enum columns` than its
 * columns reads them swapped; i == j, or i none, reads one set). Written once for each
 * backend in use, like the derive statements. */
static const char *const who_sql[2] = { "person_id", "id" };
static char *scan_sql[FORM_COUNT][SCOPE_COUNT][2][COLS_COUNT][COLS_COUNT];
static pthread_once_t scan_once[2] = { PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT };

/* Packed: (i << j's bits | j) << 31 | who, or NULL when a checked value does not fit. */
static void packed_sql(struct buf *b, const char *who, enum columns i, enum columns j)
{
#define PACKED(k) (cols[k].packed ? cols[k].packed : cols[k].plain)
	buf_printf(b, "CASE WHEN %s < %llu", who, 1ull << WHO_BITS);
	const enum columns read[2] = { i == j ? COLS_NONE : i, j };
	for (int n = 0; n < 2; n++)
		if (cols[read[n]].checked)
			buf_printf(b, " AND %s < %u", PACKED(read[n]), 1u << cols[read[n]].bits);
	buf_puts(b, " THEN ");
	if (i != COLS_NONE && i != j)
		buf_printf(b, "((%s) * %u + %s) * %llu + ", PACKED(i), 1u << cols[j].bits,
			   PACKED(j), 1ull << WHO_BITS);
	else if (j != COLS_NONE)
		buf_printf(b, "(%s) * %llu + ", PACKED(j), 1ull << WHO_BITS);
	buf_printf(b, "%s END", who);
#undef PACKED
}

static char *make_scan(enum form form, enum scope o, const char *who, enum columns i,
		       enum columns j)
{
	struct buf b;
	buf_init(&b, 512);
	buf_puts(&b, DB_SCAN "SELECT ");
	if (form == FORM_PG_PACKED) {
		packed_sql(&b, who, i, j);
	} else {
		buf_puts(&b, who);
		if (i != COLS_NONE)
			buf_printf(&b, ", %s", cols[i].plain);
		if (j != i)
			buf_printf(&b, ", %s", cols[j].plain);
	}
	buf_printf(&b, " FROM report_facts WHERE measure = ?1 AND day BETWEEN ?2 AND ?3%s",
		   o == SCOPE_ORG        ? " AND org_id = ?4"
		   : form == FORM_SQLITE ? " AND org_id IN (SELECT id FROM orgs)"
					 : "");
	char *sql = b.overflow ? NULL : buf_detach(&b, NULL);
	buf_release(&b);
	return sql;
}

static void make_scans(enum form first, enum form last)
{
	for (enum form f = first; f <= last; f++)
		for (enum scope o = 0; o < SCOPE_COUNT; o++)
			for (int w = 0; w < 2; w++)
				for (enum columns i = 0; i < COLS_COUNT; i++)
					for (enum columns j = i; j < COLS_COUNT; j++)
						scan_sql[f][o][w][i][j] =
						    make_scan(f, o, who_sql[w], i, j);
}

static void make_sqlite_scans(void)
{
	make_scans(FORM_SQLITE, FORM_SQLITE);
}

static void make_pg_scans(void)
{
	make_scans(FORM_PG_PACKED, FORM_PG_PLAIN);
}

/* A scan's answer when a row did not fit the packed value (not DB_ROW or DB_DONE). */
#define SCAN_UNFIT 2

/* One scan: a statement over days from..to into an accumulator. */
struct scan {
	struct dbconn *c;
	const char *sql;
	const struct report_spec *spec;
	enum form form;
	enum columns i, j; /* the statement's sets, in its order */
	int64_t org_id;    /* 0: every organisation's */
	int32_t from, to;
	struct report_acc *acc;
	int rc;
};

static int scan(struct scan *p)
{
	struct dbstmt *s = db_prep(p->c, p->sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, report_fact_of(p->spec->measure));
	db_bind_int(s, 2, p->from);
	db_bind_int(s, 3, p->to);
	if (p->org_id)
		db_bind_int(s, 4, p->org_id);
	enum columns i = p->i, j = p->j;
	bool two = i != COLS_NONE && i != j; /* two sets */
	unsigned bj = cols[j].bits;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct report_fact f = { 0 };
		if (p->form == FORM_PG_PACKED) {
			if (db_col_null(s, 0)) {
				rc = SCAN_UNFIT;
				break;
			}
			uint64_t v = (uint64_t)db_col_int(s, 0);
			f.person_id = (int64_t)(v & ((UINT64_C(1) << WHO_BITS) - 1));
			v >>= WHO_BITS;
			put(&f, p->form, p->from, j, (int64_t)(v & ((UINT64_C(1) << bj) - 1)));
			if (two)
				put(&f, p->form, p->from, i, (int64_t)(v >> bj));
		} else {
			f.person_id = db_col_int(s, 0);
			if (j != COLS_NONE)
				put(&f, p->form, p->from, j, db_col_int(s, two ? 2 : 1));
			if (two)
				put(&f, p->form, p->from, i, db_col_int(s, 1));
		}
		f.id = f.person_id;
		if ((rc = report_acc_add(p->acc, &f)))
			break;
	}
	db_reset(s);
	return rc;
}

static void *scan_thread(void *p)
{
	((struct scan *)p)->rc = scan(p);
	return NULL;
}

/* The sets of columns a report reads, in the statements' order (see scan_sql); whether
 * who is counted is a record's id, not a person's. */
static bool pair_of(const struct report_spec *spec, enum columns *i, enum columns *j)
{
	enum columns rk = columns_of(spec->rows), ck = columns_of(spec->cols);
	*i = rk < ck ? rk : ck;
	*j = rk < ck ? ck : rk;
	return report_fact_of(spec->measure) == RF_GROUP_SESSION;
}

/* The reports whose packed scan met a value too wide for it, by who is counted and pair of
 * sets: read plain from then on (until a restart), not packed and then again. */
static atomic_bool unfit[2][COLS_COUNT][COLS_COUNT];

/* Reads the facts of a report in the form `form` into *acc (new, the caller's to free):
 * a period of more than a month in two halves at once, the later one on another connection
 * of the pool in a thread of its own, when one is free: the two cores of a district's
 * laptop each take half. */
static int read_facts(struct db *db, struct dbconn *c, const struct report_spec *spec,
		      enum form form, int64_t org_id, struct report_acc **acc)
{
	enum columns i, j;
	bool sessions = pair_of(spec, &i, &j);
	struct scan part[2] = { {
	    .c = c,
	    .sql = scan_sql[form][org_id ? SCOPE_ORG : SCOPE_ALL][sessions][i][j],
	    .spec = spec,
	    .form = form,
	    .i = i,
	    .j = j,
	    .org_id = org_id,
	    .from = spec->from_day,
	    .to = spec->to_day,
	    .acc = *acc = report_acc_new(spec),
	} };
	if (!part[0].acc || !part[0].sql)
		return K_ENOMEM;
	pthread_t t;
	bool two = false;
	struct dbconn *c1;
	if (spec->to_day - spec->from_day >= 100 && (c1 = db_try_acquire(db))) {
		part[1] = part[0];
		part[1].c = c1;
		part[0].to = spec->from_day + (spec->to_day - spec->from_day) / 2; /* YYYYMMDD */
		part[1].from = part[0].to + 1;
		part[1].acc = report_acc_new(spec);
		two = part[1].acc && !pthread_create(&t, NULL, scan_thread, &part[1]);
		if (!two) {
			report_acc_free(part[1].acc);
			db_release(db, part[1].c);
			part[0].to = spec->to_day;
		}
	}
	int rc = scan(&part[0]);
	if (two) {
		pthread_join(t, NULL);
		db_release(db, part[1].c);
		rc = rc != DB_DONE ? rc : part[1].rc;
		int merged = rc == DB_DONE ? report_acc_merge(part[0].acc, part[1].acc) : 0;
		rc = merged ? merged : rc;
		report_acc_free(part[1].acc);
	}
	return rc;
}

int store_report_run(struct db *db, struct dbconn *c, struct arena *a, const struct actor *who,
		     const struct report_spec *spec, struct report_table *out)
{
	if (!report_may_read(who))
		return K_EFORBIDDEN;
	bool pg = strcmp(db_backend(db), "postgresql") == 0;
	pthread_once(&scan_once[pg], pg ? make_pg_scans : make_sqlite_scans);
	int64_t org_id = report_all_orgs(who) ? 0 : who->org_id;
	enum columns i, j;
	atomic_bool *wide = &unfit[pair_of(spec, &i, &j)][i][j];
	enum form form = !pg ? FORM_SQLITE : atomic_load(wide) ? FORM_PG_PLAIN : FORM_PG_PACKED;
	struct report_acc *acc;
	int rc = read_facts(db, c, spec, form, org_id, &acc);
	if (rc == SCAN_UNFIT) {
		if (!atomic_exchange(wide, true))
			log_info("reports: a fact did not fit a packed scan (an organisation's, a"
				 " programme's or the categories' value of 32768 or more, or an id"
				 " of 2^31): such reports are read as plain values");
		report_acc_free(acc);
		rc = read_facts(db, c, spec, FORM_PG_PLAIN, org_id, &acc);
	}
	if (rc == DB_DONE)
		rc = report_acc_finish(acc, a, report_suppresses(who), out);
	report_acc_free(acc);
	return rc;
}

static const char SQL_ORG_NAMES[] = "SELECT id, name FROM orgs ORDER BY id";
static const char SQL_PROGRAMME_NAMES[] =
    "SELECT id, CASE ?1 WHEN 'kk' THEN COALESCE(name_kk, name) WHEN 'ru' THEN COALESCE(name_ru,"
    " name) ELSE name END FROM programmes ORDER BY id";

static int id_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

int store_report_names(struct dbconn *c, struct arena *a, enum report_axis axis, const char *lang,
		       const int64_t *keys, size_t n, const char ***names)
{
	*names = arena_alloc(a, (n ? n : 1) * sizeof **names);
	if (!*names)
		return K_ENOMEM;
	memset(*names, 0, (n ? n : 1) * sizeof **names);
	const char *sql = axis == RA_ORGANISATION ? SQL_ORG_NAMES
			  : axis == RA_PROGRAMME  ? SQL_PROGRAMME_NAMES
						  : NULL;
	if (!sql || !n)
		return 0;
	/* Every name in one statement (organisations and programmes are few), each put where its
	 * key is: the keys are in order, "not stated" (0) last. */
	size_t m = keys[n - 1] ? n : n - 1;
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	if (axis == RA_PROGRAMME)
		db_bind_text(s, 1, lang);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		const int64_t *k = bsearch(&id, keys, m, sizeof *keys, id_cmp);
		if (k)
			(*names)[k - keys] = arena_strdup(a, db_col_text(s, 1));
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* ---- dashboards ---- */

#define DASHBOARD_ROW                                                                              \
	"SELECT u.id, u.login, u.full_name, u.role,"                                               \
	" (SELECT COUNT(*) FROM cases c WHERE c.worker_id = u.id AND c.status <> 'closed'),"       \
	" (SELECT COUNT(*) FROM plan_tasks t WHERE t.responsible_id = u.id AND t.status = 'todo'"  \
	" AND t.due_on < ?2),"                                                                     \
	" (SELECT COUNT(*) FROM plan_tasks t WHERE t.responsible_id = u.id AND t.status = 'todo'"  \
	" AND t.due_on >= ?2 AND t.due_on <= ?3),"                                                 \
	" (SELECT COUNT(*) FROM cases c WHERE c.worker_id = u.id AND c.status <> 'closed' AND"     \
	" c.closure_requested_at IS NOT NULL),"                                                    \
	" (SELECT COUNT(*) FROM services s WHERE s.provider_id = u.id AND s.delivered_on >= ?4)"   \
	" FROM users u"
static const char SQL_DASHBOARD_TEAM[] =
    DASHBOARD_ROW " WHERE u.org_id = ?1 AND u.active = 1 AND u.role IN ('supervisor',"
		  " 'social_worker', 'psychologist', 'lawyer') ORDER BY u.full_name, u.login";
static const char SQL_DASHBOARD_SELF[] = DASHBOARD_ROW " WHERE u.id = ?1";

int store_dashboard_team(struct dbconn *c, struct arena *a, const struct actor *who,
			 const char *today, struct dashboard_worker **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	char week[11], month[11];
	if (!date_add_days(today, 7, week))
		return K_EINVAL;
	memcpy(month, today, 8);
	memcpy(month + 8, "01", 3);
	bool team = who->role == ROLE_SUPERVISOR;
	struct dbstmt *s = db_prep(c, team ? SQL_DASHBOARD_TEAM : SQL_DASHBOARD_SELF);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, team ? who->org_id : who->user_id);
	db_bind_text(s, 2, today);
	db_bind_text(s, 3, week);
	db_bind_text(s, 4, month);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (*n == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			struct dashboard_worker *m = arena_alloc(a, ncap * sizeof *m);
			if (!m) {
				rc = K_ENOMEM;
				break;
			}
			if (*n)
				memcpy(m, *rows, *n * sizeof *m);
			*rows = m;
			cap = ncap;
		}
		(*rows)[(*n)++] = (struct dashboard_worker){
			.user_id = db_col_int(s, 0),
			.login = arena_strdup(a, db_col_text(s, 1)),
			.full_name = arena_strdup(a, db_col_text(s, 2)),
			.role = arena_strdup(a, db_col_text(s, 3)),
			.open_cases = db_col_int(s, 4),
			.overdue_tasks = db_col_int(s, 5),
			.tasks_this_week = db_col_int(s, 6),
			.closures_waiting = db_col_int(s, 7),
			.services_this_month = db_col_int(s, 8),
		};
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : rc;
}

/* ?1 the organisation, ?2 whether the actor sees restricted records, ?3 the actor; ?4 0 for
 * a supervisor or an administrator (the organisation's referrals sent), else the actor
 * (theirs); ?5 today (a referral past its expiry waits no more). */
#define SEEN VISIBLE_COL("+p.org_id", "?1", "?2", "?3")
#define OPEN_CASES                                                                                 \
	"SELECT COUNT(*) FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.org_id = ?1"    \
	" AND c.status <> 'closed' AND"
#define NOT_EXPIRED " r.status = 'sent' AND r.expires_on >= ?5"
static const char SQL_DASHBOARD_ORG[] =
    "SELECT (" OPEN_CASES SEEN "), (" OPEN_CASES " c.closure_requested_at IS NOT NULL AND" SEEN
    "), (SELECT COUNT(*) FROM referrals r WHERE r.to_org_id = ?1 AND" NOT_EXPIRED
    " AND (r.restricted = 0 OR ?2 = 1)), (SELECT COUNT(*) FROM referrals r WHERE"
    " r.from_org_id = ?1 AND" NOT_EXPIRED " AND (?4 = 0 OR r.sent_by = ?4)), (SELECT COUNT(*)"
    " FROM labour_alerts la JOIN persons p ON p.id = la.person_id WHERE la.org_id = ?1 AND"
    " la.resolved_on IS NULL AND" SEEN ")";

int store_dashboard_org(struct dbconn *c, const struct actor *who, const char *today,
			struct dashboard_org *out)
{
	memset(out, 0, sizeof *out);
	struct dbstmt *s = db_prep(c, SQL_DASHBOARD_ORG);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	bool whole = who->role == ROLE_SUPERVISOR || who->role == ROLE_ADMIN;
	db_bind_int(s, 4, whole ? 0 : who->user_id);
	db_bind_text(s, 5, today);
	int rc = db_step(s);
	if (rc == DB_ROW)
		*out = (struct dashboard_org){
			.open_cases = db_col_int(s, 0),
			.closures_waiting = db_col_int(s, 1),
			.referrals_to_answer = db_col_int(s, 2),
			.referrals_waiting = db_col_int(s, 3),
			.labour_alerts = db_col_int(s, 4),
		};
	db_reset(s);
	return rc == DB_ROW ? 0 : rc < 0 ? rc : K_EDB;
}
