/* store_duplicates.c: likely duplicates of a person, the review queue, the scan that fills
 * it, and links between records judged to be one person (issue 6).
 *
 * Nothing here acts on a match by itself: registration shows the likely matches
 * (store_person_likely) and the worker decides; the scan only adds pairs to the queue; a link
 * is made or undone only by a worker's request. A link moves what belonged to the second
 * record (cases, services, referrals, consents) to the first, adds its assigned workers and
 * categories to the first, and lists every row it moved or added in person_link_moves; the
 * unlink moves and removes exactly those rows, so the state before comes back even when
 * other work happened in between. Both records and their histories stay. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/match.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* "api,what" or "what": the audit detail of a step taken through the API or a page. */
static const char *detail_via(struct arena *a, const char *via, const char *what)
{
	return via ? arena_printf(a, "%s,%s", via, what) : what;
}

/* ---- the review queue ---- */

static const char SQL_DUP_RECORD[] =
    "INSERT INTO duplicate_pairs (org_id, first_id, second_id, score, reasons, found_at,"
    " found_by, status, decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (first_id, second_id) DO NOTHING";
static const char SQL_DUP_DECIDE_PAIR[] =
    "UPDATE duplicate_pairs SET status = ?3, decided_by = ?4, decided_at = ?5"
    " WHERE first_id = ?1 AND second_id = ?2";

int store_dup_record(struct dbconn *c, const struct actor *who, int64_t x, int64_t y, int score,
		     unsigned reasons, const char *found_by, const char *status)
{
	int64_t first = x < y ? x : y, second = x < y ? y : x;
	struct dbstmt *s = db_prep(c, SQL_DUP_RECORD);
	if (!s)
		return K_EDB;
	bool decided = strcmp(status, "open") != 0;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, first);
	db_bind_int(s, 3, second);
	db_bind_int(s, 4, score);
	db_bind_int(s, 5, reasons);
	db_bind_int(s, 6, time_now());
	db_bind_text(s, 7, found_by);
	db_bind_text(s, 8, status);
	if (decided && who->user_id) {
		db_bind_int(s, 9, who->user_id);
		db_bind_int(s, 10, time_now());
	} else {
		db_bind_null(s, 9);
		db_bind_null(s, 10);
	}
	int rc = db_run(s);
	if (rc || !decided || db_changes(c) > 0)
		return rc;
	/* Already in the queue: this decision is the pair's. */
	if (!(s = db_prep(c, SQL_DUP_DECIDE_PAIR)))
		return K_EDB;
	db_bind_int(s, 1, first);
	db_bind_int(s, 2, second);
	db_bind_text(s, 3, status);
	db_bind_int(s, 4, who->user_id);
	db_bind_int(s, 5, time_now());
	return db_run(s);
}

/* A person of a pair as t (p or q), visible to the actor (?1..?3). */
#define VISIBLE_OF(t)                                                                              \
	" " t ".org_id = ?1 AND (" t ".restricted = 0 OR ?2 = 1 OR EXISTS (SELECT 1 FROM"          \
	" person_workers w WHERE w.person_id = " t ".id AND w.user_id = ?3)) AND " t               \
	".erased_at IS NULL "
/* Who decided is read by a subquery: a pair found by the scan and still open has nobody. */
#define DUP_SELECT                                                                                 \
	"SELECT d.id, d.score, d.reasons, d.found_by, d.found_at, d.status, d.decided_at,"         \
	" (SELECT u.login FROM users u WHERE u.id = d.decided_by), " PERSON_ROW_OF(                \
	    "p") ", " PERSON_ROW_OF("q")
#define DUP_JOIN " JOIN persons p ON p.id = d.first_id JOIN persons q ON q.id = d.second_id"
/* An open pair whose record was linked to a third since is no longer a question. */
#define DUP_COND                                                                                   \
	" WHERE d.org_id = ?1 AND" VISIBLE_OF("p") "AND" VISIBLE_OF(                               \
	    "q") " AND (d.status <> 'open' OR (p.linked_to IS NULL AND q.linked_to IS NULL))"
#define DUP_WHERE " FROM duplicate_pairs d" DUP_JOIN DUP_COND
static const char SQL_DUP_LIST[] =
    DUP_SELECT DUP_WHERE " AND d.status = ?4 ORDER BY d.score DESC, d.id LIMIT ?5 OFFSET ?6";
static const char SQL_DUP_COUNT[] = "SELECT COUNT(*)" DUP_WHERE " AND d.status = ?4";
static const char SQL_DUP_GET[] = DUP_SELECT DUP_WHERE " AND d.id = ?4";
/* Read from the person's own pairs: left to itself, SQLite would walk every open pair of
 * the organisation by duplicate_pairs_open to find them. */
static const char SQL_DUP_OF_PERSON[] =
    DUP_SELECT " FROM (SELECT id FROM duplicate_pairs WHERE first_id = ?4 UNION ALL"
	       " SELECT id FROM duplicate_pairs WHERE second_id = ?4) mine"
	       " CROSS JOIN duplicate_pairs d" DUP_JOIN DUP_COND
	       " AND d.id = mine.id AND d.status = 'open' ORDER BY d.score DESC, d.id LIMIT 20";

static void pair_from(struct dbstmt *s, struct arena *a, struct dup_pair *d)
{
	memset(d, 0, sizeof(*d));
	d->id = db_col_int(s, 0);
	d->score = (int)db_col_int(s, 1);
	d->reasons = (unsigned)db_col_int(s, 2);
	d->found_by = arena_strdup(a, db_col_text(s, 3));
	d->found_at = db_col_int(s, 4);
	d->status = arena_strdup(a, db_col_text(s, 5));
	d->decided_at = db_col_int(s, 6);
	d->decided_by = arena_strdup(a, db_col_text(s, 7));
	person_row_at(s, a, 8, &d->first);
	person_row_at(s, a, 19, &d->second);
}

static int read_pairs(struct dbstmt *s, struct arena *a, size_t max, struct dup_pair **rows,
		      size_t *n)
{
	STORE_COLLECT(s, a, struct dup_pair, *rows, *n, max, pair_from(s, a, row));
}

/* The pairs, with the categories of both records. */
static int collect_pairs(struct dbconn *c, struct dbstmt *s, struct arena *a, size_t max,
			 struct dup_pair **rows, size_t *n)
{
	int rc = read_pairs(s, a, max, rows, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		rc = store_person_categories(c, a, &(*rows)[i].first, 1);
		if (!rc)
			rc = store_person_categories(c, a, &(*rows)[i].second, 1);
	}
	return rc;
}

int store_dup_list(struct dbconn *c, struct arena *a, const struct actor *who, const char *status,
		   int64_t limit, int64_t offset, struct dup_pair **rows, size_t *n, int64_t *total)
{
	*rows = NULL;
	*n = 0;
	struct dbstmt *s = db_prep(c, SQL_DUP_COUNT);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_text(s, 4, status);
	int rc = store_returning_id(s, total);
	if (rc)
		return rc;
	if (!(s = db_prep(c, SQL_DUP_LIST)))
		return K_EDB;
	bind_visible(s, who);
	db_bind_text(s, 4, status);
	db_bind_int(s, 5, limit);
	db_bind_int(s, 6, offset);
	return collect_pairs(c, s, a, (size_t)limit, rows, n);
}

int store_dup_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		  struct dup_pair *out)
{
	struct dbstmt *s = db_prep(c, SQL_DUP_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		pair_from(s, a, out);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	rc = store_person_categories(c, a, &out->first, 1);
	return rc ? rc : store_person_categories(c, a, &out->second, 1);
}

int store_dup_read(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		   struct dup_pair *d, struct person *x, struct person *y)
{
	int rc = store_dup_get(c, a, who, id, d);
	if (!rc)
		rc = store_person_get(c, a, who, d->first.id, x);
	return rc ? rc : store_person_get(c, a, who, d->second.id, y);
}

int store_dup_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t person_id, struct dup_pair **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_DUP_OF_PERSON);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, person_id);
	return collect_pairs(c, s, a, 20, rows, n);
}

static const char SQL_DUP_DECIDE[] =
    "UPDATE duplicate_pairs SET status = ?2, decided_by = ?3, decided_at = ?4"
    " WHERE id = ?1 AND status = 'open'";

int store_dup_dismiss(struct dbconn *c, const struct actor *who, int64_t id, const char *via)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_DUP_DECIDE);
	if (s) {
		db_bind_int(s, 1, id);
		db_bind_text(s, 2, "distinct");
		db_bind_int(s, 3, who->user_id);
		db_bind_int(s, 4, time_now());
		rc = store_run_one(c, s);
		if (rc == K_ENOTFOUND)
			rc = K_ECONFLICT; /* decided meanwhile */
	} else if (!rc) {
		rc = K_EDB;
	}
	if (!rc)
		rc = store_audit(c, who, "duplicate.dismiss", "duplicate_pair", id, via);
	return store_finish(c, rc);
}

/* ---- the scan ---- */

/* A group larger than this shares a key too common to tell people apart (a blank or very
 * common name with no birth date): its pairs are not compared. */
#define SCAN_GROUP_MAX 64

/* A person of a group: what the pass read, and (for a group of two or more, the only ones
 * compared) their stored tokens and their names and birth date as a query. */
struct scan_row {
	int64_t id;
	const char *family_name, *given_name, *birth_date, *key;
	struct match_names tokens;
	struct match_query q;
};

struct scan {
	struct dbconn *c;
	const struct actor *system;
	int64_t compared, found, skipped_groups;
	/* Pairs found, written at the end of each pass in short transactions. */
	struct found {
		int64_t x, y;
		int score;
		unsigned reasons;
	} * pairs;
	size_t npairs, cap;
};

/* Passes over the organisation's people in the order of a blocking key: the rows whose keys
 * (the columns after the eighth) are equal form a group, and every pair in a group is
 * compared. Every pass selects id, family_name, given_name, birth_date, match_key, then
 * its key columns. */
#define SCAN_SELECT "SELECT id, family_name, given_name, birth_date, match_key"
#define SCAN_FROM " FROM persons WHERE org_id = ?1 AND erased_at IS NULL AND linked_to IS NULL"
static const char *const scan_passes[] = {
	/* The same-sounding family and given names, born in the same year (or both in an
	 * unknown year). */
	SCAN_SELECT
	", family_sound, given_sound, COALESCE(birth_year, 0)" SCAN_FROM
	" AND family_sound <> '' AND given_sound <> '' ORDER BY family_sound, given_sound,"
	" COALESCE(birth_year, 0), id",
	/* The same family name and birth date: a given name mistyped or changed. */
	SCAN_SELECT
	", family_sound, birth_date" SCAN_FROM
	" AND family_sound <> '' AND length(birth_date) = 10 ORDER BY family_sound, birth_date, id",
	/* The same given name and birth date: a family name changed (marriage) or mistyped. */
	SCAN_SELECT
	", given_sound, birth_date" SCAN_FROM
	" AND given_sound <> '' AND length(birth_date) = 10 ORDER BY given_sound, birth_date, id",
	/* The same document. */
	"SELECT p.id, p.family_name, p.given_name, p.birth_date, p.match_key, d.number_key"
	" FROM documents d JOIN persons p ON p.id = d.person_id WHERE p.org_id = ?1"
	" AND p.erased_at IS NULL AND p.linked_to IS NULL AND d.number_key <> ''"
	" ORDER BY d.number_key, p.id",
};
static const int scan_keys[] = { 3, 2, 2, 1 };

static void scan_compare(struct scan *sc, const struct scan_row *x, const struct scan_row *y,
			 bool doc)
{
	if (x->id == y->id)
		return;
	sc->compared++;
	/* Each way round (a name may have more words on one side), the better of the two. */
	struct match_result r1 = match_score(&x->q, &y->tokens, y->birth_date, doc);
	struct match_result r2 = match_score(&y->q, &x->tokens, x->birth_date, doc);
	struct match_result r = r1.score >= r2.score ? r1 : r2;
	if (!match_likely(&r))
		return;
	if (sc->npairs == sc->cap) {
		size_t ncap = sc->cap ? sc->cap * 2 : 256;
		struct found *np = realloc(sc->pairs, ncap * sizeof(*np));
		if (!np)
			return; /* the pair is found again by the next scan */
		sc->pairs = np;
		sc->cap = ncap;
	}
	sc->pairs[sc->npairs++] = (struct found){ x->id, y->id, r.score, r.reasons };
}

static bool same_keys(struct dbstmt *s, int nkeys, char **prev)
{
	for (int k = 0; k < nkeys; k++) {
		const char *v = db_col_text(s, 5 + k);
		if (!prev[k] || !v || strcmp(prev[k], v) != 0)
			return false;
	}
	return true;
}

static void scan_group(struct scan *sc, struct scan_row *g, size_t n, bool doc)
{
	if (n < 2)
		return;
	if (n > SCAN_GROUP_MAX) {
		sc->skipped_groups++;
		return;
	}
	/* Tokens and queries once per person, not once per pair; and only here, since most
	 * groups hold one person. */
	struct arena a;
	arena_init(&a);
	for (size_t i = 0; i < n; i++) {
		struct person p = { .family_name = g[i].family_name,
				    .given_name = g[i].given_name,
				    .birth_date = g[i].birth_date };
		match_key_parse(&a, g[i].key, &g[i].tokens);
		match_query_of_person(&a, &p, &g[i].q);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			scan_compare(sc, &g[i], &g[j], doc);
	arena_release(&a);
}

static int scan_pass(struct scan *sc, int64_t org_id, size_t pass)
{
	struct dbstmt *s = db_prep(sc->c, scan_passes[pass]);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	int nkeys = scan_keys[pass];
	bool doc = pass == ARRAY_SIZE(scan_passes) - 1;
	/* The group in an arena of its own, released when the key changes. */
	struct arena a;
	arena_init(&a);
	struct scan_row g[SCAN_GROUP_MAX + 1];
	size_t n = 0, seen = 0;
	char *prev[3] = { 0 };
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (!same_keys(s, nkeys, prev)) {
			scan_group(sc, g, seen, doc);
			arena_release(&a);
			n = seen = 0;
			for (int k = 0; k < nkeys; k++)
				prev[k] = arena_strdup(&a, db_col_text(s, 5 + k));
		}
		seen++;
		if (n > SCAN_GROUP_MAX)
			continue; /* too large: counted, not kept */
		struct scan_row *r = &g[n++];
		r->id = db_col_int(s, 0);
		r->family_name = arena_strdup(&a, db_col_text(s, 1));
		r->given_name = arena_strdup(&a, db_col_text(s, 2));
		r->birth_date = arena_strdup(&a, db_col_text(s, 3));
		r->key = arena_strdup(&a, db_col_text(s, 4));
	}
	db_reset(s);
	scan_group(sc, g, seen, doc);
	arena_release(&a);
	return rc < 0 ? rc : 0;
}

/* Writes the pairs found so far, 500 to a transaction, as open pairs of the queue. */
static int scan_flush(struct scan *sc)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < sc->npairs; i += 500) {
		if ((rc = db_begin(sc->c)))
			break;
		for (size_t j = i; !rc && j < sc->npairs && j < i + 500; j++) {
			const struct found *f = &sc->pairs[j];
			rc = store_dup_record(sc->c, sc->system, f->x, f->y, f->score, f->reasons,
					      "scan", "open");
			if (!rc && db_changes(sc->c) > 0)
				sc->found++;
		}
		rc = rc ? rc : db_commit(sc->c);
		if (rc)
			db_rollback(sc->c);
	}
	sc->npairs = 0;
	return rc;
}

int store_dup_scan(struct dbconn *c, const struct actor *who, int64_t org_id, const char *via,
		   struct dup_scan_result *out)
{
	memset(out, 0, sizeof(*out));
	struct actor system = { .org_id = org_id, .addr = "scan" };
	struct scan sc = { .c = c, .system = &system };
	int rc = 0;
	for (size_t pass = 0; !rc && pass < ARRAY_SIZE(scan_passes); pass++) {
		rc = scan_pass(&sc, org_id, pass);
		if (!rc)
			rc = scan_flush(&sc);
	}
	free(sc.pairs);
	out->compared = sc.compared;
	out->found = sc.found;
	out->skipped_groups = sc.skipped_groups;
	if (rc)
		return rc;
	char what[96];
	snprintf(what, sizeof(what), "compared=%lld,found=%lld", (long long)sc.compared,
		 (long long)sc.found);
	struct arena a;
	arena_init(&a);
	rc = store_begin(c);
	if (!rc)
		rc =
		    store_audit(c, who, "duplicate.scan", "org", org_id, detail_via(&a, via, what));
	rc = store_finish(c, rc);
	arena_release(&a);
	return rc;
}

/* ---- likely duplicates of one person ---- */

static const char SQL_MAX_ID[] = "SELECT COALESCE(MAX(id), 0) FROM persons";

int store_person_max_id(struct dbconn *c, int64_t *id)
{
	struct dbstmt *s = db_prep(c, SQL_MAX_ID);
	return s ? store_returning_id(s, id) : K_EDB;
}

int store_person_likely(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person *p, const char *today, int64_t max_id,
			struct person_row **rows, size_t *n)
{
	struct match_query q;
	match_query_of_person(a, p, &q);
	return store_match_candidates(c, a, who, &q, p, today, max_id, rows, n);
}

/* ---- links ---- */

static const char SQL_LINK_INSERT[] =
    "INSERT INTO person_links (org_id, survivor_id, merged_id, was_restricted,"
    " was_household_id, was_household_relation, linked_by, linked_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
/* What a link moves: the rows of these tables that are the merged record's, each known by
 * its key (with person_id, the row's primary key). The first statement lists them (?1 the
 * link, ?2 the merged record); the second moves the listed rows from ?3 to ?2, for the link
 * and, the other way round, for the unlink. A row the survivor has too (the same group
 * session, the same event) stops the link: K_ECONFLICT, nothing moved. */
#define MOVED_BY(t, key)                                                                           \
	{                                                                                          \
		"INSERT INTO person_link_moves (link_id, tbl, row_id) SELECT ?1, '" t "', " key    \
		" FROM " t " WHERE person_id = ?2",                                                \
		    "UPDATE " t " SET person_id = ?2 WHERE " key " IN (SELECT row_id FROM"         \
		    " person_link_moves WHERE link_id = ?1 AND tbl = '" t "') AND person_id = ?3"  \
	}
#define MOVED(t) MOVED_BY(t, "id")
static const char *const link_moved[][2] = {
	MOVED("cases"),
	MOVED("services"),
	MOVED("referrals"),
	MOVED("consents"),
	MOVED("placements"),
	MOVED("centre_waiting"),
	MOVED("group_members"),
	MOVED_BY("group_attendance", "session_id"),
	MOVED_BY("event_participants", "event_id"),
	MOVED("enrolments"),
	MOVED("screenings"),
	MOVED("employments"),
	MOVED("person_skills"),
	MOVED("integration_reviews"),
};
/* An alert on an employment follows it to the record it moved to (or back): ?2 and ?3 the two
 * records, ?1 the link (bound for PostgreSQL, which wants every parameter used). */
static const char SQL_ALERTS_FOLLOW[] =
    "UPDATE labour_alerts SET person_id = (SELECT e.person_id FROM employments e WHERE e.id ="
    " labour_alerts.employment_id) WHERE person_id IN (?2, ?3) AND ?1 > 0";
static const char SQL_HAS_LINKED[] = "SELECT COUNT(*) FROM persons WHERE linked_to = ?1";
static const char SQL_MOVES_ADD_WORKERS[] =
    "INSERT INTO person_link_moves (link_id, tbl, row_id) SELECT ?1, 'person_workers',"
    " w.user_id FROM person_workers w WHERE w.person_id = ?2 AND NOT EXISTS (SELECT 1 FROM"
    " person_workers x WHERE x.person_id = ?3 AND x.user_id = w.user_id)";
static const char SQL_LINK_WORKERS[] =
    "INSERT INTO person_workers (person_id, user_id, assigned_by, assigned_at)"
    " SELECT ?2, m.row_id, ?3, ?4 FROM person_link_moves m WHERE m.link_id = ?1"
    " AND m.tbl = 'person_workers'";
static const char SQL_MOVES_ADD_CATS[] =
    "INSERT INTO person_link_moves (link_id, tbl, code) SELECT ?1, 'person_categories',"
    " c.category FROM person_categories c WHERE c.person_id = ?2 AND NOT EXISTS (SELECT 1"
    " FROM person_categories x WHERE x.person_id = ?3 AND x.category = c.category)";
static const char SQL_LINK_CATS[] =
    "INSERT INTO person_categories (person_id, category) SELECT ?2, m.code"
    " FROM person_link_moves m WHERE m.link_id = ?1 AND m.tbl = 'person_categories'";
static const char SQL_SURVIVOR_SET[] =
    "UPDATE persons SET restricted = ?2, household_id = ?3, household_relation = ?4,"
    " version = version + 1, updated_at = ?5, updated_by = ?6 WHERE id = ?1"
    " AND linked_to IS NULL AND erased_at IS NULL RETURNING version";
static const char SQL_MERGED_SET[] =
    "UPDATE persons SET linked_to = ?2, version = version + 1, updated_at = ?3,"
    " updated_by = ?4 WHERE id = ?1 AND linked_to IS NULL AND erased_at IS NULL"
    " RETURNING version";
static const char SQL_KEYS_DROP[] = "DELETE FROM person_keys WHERE person_id = ?1";
static const char SQL_CATS_OF[] = "SELECT category FROM person_categories WHERE person_id = ?1";

/* Whether the person's categories (as stored now) make their record restricted. */
static int protected_now(struct dbconn *c, struct arena *a, int64_t id, bool *out)
{
	struct dbstmt *s = db_prep(c, SQL_CATS_OF);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, id);
	struct person p = { 0 };
	int rc;
	while ((rc = db_step(s)) == DB_ROW && p.ncategories < PERSON_MAX_CATEGORIES)
		p.categories[p.ncategories++] = arena_strdup(a, db_col_text(s, 0));
	db_reset(s);
	*out = person_is_protected(&p);
	return rc < 0 ? rc : 0;
}

/* Runs sql with ?1..?3 bound to three ids. */
static int run3(struct dbconn *c, const char *sql, int64_t x, int64_t y, int64_t z)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, x);
	db_bind_int(s, 2, y);
	db_bind_int(s, 3, z);
	return db_run(s);
}

static int set_version(struct dbstmt *s, int64_t *version)
{
	int rc = store_returning_id(s, version);
	return rc == K_ENOTFOUND ? K_ECONFLICT : rc; /* linked or erased meanwhile */
}

static int link_rows(struct dbconn *c, struct arena *a, const struct actor *who,
		     const struct person *survivor, const struct person *merged, int64_t *link_id)
{
	if (survivor->id == merged->id || survivor->org_id != merged->org_id)
		return K_EINVAL;
	/* A record others are linked to stays the one they are linked to. */
	int64_t has = 0;
	struct dbstmt *s = db_prep(c, SQL_HAS_LINKED);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, merged->id);
	int rc = store_returning_id(s, &has);
	if (rc)
		return rc;
	if (has)
		return K_ECONFLICT;

	if (!(s = db_prep(c, SQL_LINK_INSERT)))
		return K_EDB;
	db_bind_int(s, 1, survivor->org_id);
	db_bind_int(s, 2, survivor->id);
	db_bind_int(s, 3, merged->id);
	db_bind_int(s, 4, survivor->restricted);
	if (survivor->household_id)
		db_bind_int(s, 5, survivor->household_id);
	else
		db_bind_null(s, 5);
	db_bind_text(s, 6, survivor->household_relation);
	db_bind_int(s, 7, who->user_id);
	db_bind_int(s, 8, time_now());
	if ((rc = store_returning_id(s, link_id)))
		return rc;

	for (size_t i = 0; !rc && i < ARRAY_SIZE(link_moved); i++) {
		rc = run3(c, link_moved[i][0], *link_id, merged->id, 0);
		if (!rc)
			rc = run3(c, link_moved[i][1], *link_id, survivor->id, merged->id);
	}
	if (!rc)
		rc = run3(c, SQL_ALERTS_FOLLOW, *link_id, survivor->id, merged->id);
	if (!rc)
		rc = run3(c, SQL_MOVES_ADD_WORKERS, *link_id, merged->id, survivor->id);
	if (!rc && (s = db_prep(c, SQL_LINK_WORKERS))) {
		db_bind_int(s, 1, *link_id);
		db_bind_int(s, 2, survivor->id);
		db_bind_int(s, 3, who->user_id);
		db_bind_int(s, 4, time_now());
		rc = db_run(s);
	} else if (!rc) {
		rc = K_EDB;
	}
	if (!rc)
		rc = run3(c, SQL_MOVES_ADD_CATS, *link_id, merged->id, survivor->id);
	if (!rc)
		rc = run3(c, SQL_LINK_CATS, *link_id, survivor->id, 0);
	bool restricted = false;
	if (!rc)
		rc = protected_now(c, a, survivor->id, &restricted);
	/* The merged record's household becomes the survivor's when it has none. */
	int64_t household = survivor->household_id ? survivor->household_id : merged->household_id;
	const char *relation =
	    survivor->household_id ? survivor->household_relation : merged->household_relation;
	int64_t sv = 0, mv = 0;
	if (!rc && (s = db_prep(c, SQL_SURVIVOR_SET))) {
		db_bind_int(s, 1, survivor->id);
		db_bind_int(s, 2, restricted);
		if (household)
			db_bind_int(s, 3, household);
		else
			db_bind_null(s, 3);
		db_bind_text(s, 4, relation);
		db_bind_int(s, 5, time_now());
		db_bind_int(s, 6, who->user_id);
		rc = set_version(s, &sv);
	} else if (!rc) {
		rc = K_EDB;
	}
	if (!rc && (s = db_prep(c, SQL_MERGED_SET))) {
		db_bind_int(s, 1, merged->id);
		db_bind_int(s, 2, survivor->id);
		db_bind_int(s, 3, time_now());
		db_bind_int(s, 4, who->user_id);
		rc = set_version(s, &mv);
	} else if (!rc) {
		rc = K_EDB;
	}
	/* Whoever links a restricted record keeps sight of the one it now belongs to. */
	if (!rc && restricted && !access_sees_restricted(who))
		rc = store_person_assign_self(c, who, survivor->id);
	const char *sid = arena_printf(a, "%lld", (long long)survivor->id);
	const char *mid = arena_printf(a, "%lld", (long long)merged->id);
	if (!rc)
		rc = store_person_change(c, a, who, survivor->id, sv, "linked", NULL, mid);
	if (!rc)
		rc = store_person_change(c, a, who, merged->id, mv, "linked_to", NULL, sid);
	if (!rc)
		rc = store_dup_record(c, who, survivor->id, merged->id, 100, 0, "registration",
				      "linked");
	/* Found through the survivor from now on. */
	if (!rc)
		rc = run3(c, SQL_KEYS_DROP, merged->id, 0, 0);
	if (!rc)
		rc = store_match_refresh(c, a, survivor->id);
	/* The merged record's services, cases … now count as the survivor's. */
	if (!rc)
		rc = store_report_person(c, survivor->id);
	return rc ? rc : store_report_person(c, merged->id);
}

static const char SQL_LINK_GET[] =
    "SELECT survivor_id, merged_id, was_restricted, was_household_id, was_household_relation"
    " FROM person_links WHERE id = ?1 AND org_id = ?2 AND unlinked_at IS NULL";
static const char SQL_UNLINK_WORKERS[] =
    "DELETE FROM person_workers WHERE person_id = ?2 AND user_id IN (SELECT row_id FROM"
    " person_link_moves WHERE link_id = ?1 AND tbl = 'person_workers')";
static const char SQL_UNLINK_CATS[] =
    "DELETE FROM person_categories WHERE person_id = ?2 AND category IN (SELECT code FROM"
    " person_link_moves WHERE link_id = ?1 AND tbl = 'person_categories')";
static const char SQL_UNLINK_SURVIVOR[] =
    "UPDATE persons SET restricted = ?2, household_id = CASE WHEN ?3 = 1 THEN ?4 ELSE"
    " household_id END, household_relation = CASE WHEN ?3 = 1 THEN ?5 ELSE household_relation"
    " END, version = version + 1, updated_at = ?6, updated_by = ?7 WHERE id = ?1"
    " RETURNING version";
static const char SQL_UNLINK_MERGED[] =
    "UPDATE persons SET linked_to = NULL, version = version + 1, updated_at = ?3,"
    " updated_by = ?4 WHERE id = ?1 AND linked_to = ?2 RETURNING version";
static const char SQL_LINK_CLOSE[] =
    "UPDATE person_links SET unlinked_by = ?2, unlinked_at = ?3 WHERE id = ?1";
static const char SQL_HOUSEHOLD_OF[] = "SELECT household_id FROM persons WHERE id = ?1";

static int unlink_rows(struct dbconn *c, struct arena *a, const struct actor *who,
		       int64_t survivor_id, int64_t link_id)
{
	struct dbstmt *s = db_prep(c, SQL_LINK_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, link_id);
	db_bind_int(s, 2, who->org_id);
	int rc = db_step(s);
	int64_t sid = 0, mid = 0, was_household = 0;
	const char *was_relation = NULL;
	if (rc == DB_ROW) {
		sid = db_col_int(s, 0);
		mid = db_col_int(s, 1);
		was_household = db_col_int(s, 3);
		was_relation = arena_strdup(a, db_col_text(s, 4));
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	if (sid != survivor_id)
		return K_ENOTFOUND;

	for (size_t i = 0; i < ARRAY_SIZE(link_moved); i++)
		if ((rc = run3(c, link_moved[i][1], link_id, mid, sid)))
			return rc;
	if ((rc = run3(c, SQL_ALERTS_FOLLOW, link_id, sid, mid)))
		return rc;
	if ((rc = run3(c, SQL_UNLINK_WORKERS, link_id, sid, 0)) ||
	    (rc = run3(c, SQL_UNLINK_CATS, link_id, sid, 0)))
		return rc;
	bool restricted = false;
	if ((rc = protected_now(c, a, sid, &restricted)))
		return rc;
	/* The household the link gave the survivor goes back to the one before (none). */
	int64_t merged_household = 0;
	if (!(s = db_prep(c, SQL_HOUSEHOLD_OF)))
		return K_EDB;
	db_bind_int(s, 1, mid);
	if ((rc = store_returning_id(s, &merged_household)))
		return rc;
	int64_t now_household = 0;
	if (!(s = db_prep(c, SQL_HOUSEHOLD_OF)))
		return K_EDB;
	db_bind_int(s, 1, sid);
	if ((rc = store_returning_id(s, &now_household)))
		return rc;
	bool restore = !was_household && now_household && now_household == merged_household;
	int64_t sv = 0, mv = 0;
	if (!(s = db_prep(c, SQL_UNLINK_SURVIVOR)))
		return K_EDB;
	db_bind_int(s, 1, sid);
	db_bind_int(s, 2, restricted);
	db_bind_int(s, 3, restore);
	db_bind_null(s, 4);
	db_bind_text(s, 5, restore ? NULL : was_relation);
	db_bind_int(s, 6, time_now());
	db_bind_int(s, 7, who->user_id);
	if ((rc = set_version(s, &sv)))
		return rc;
	if (!(s = db_prep(c, SQL_UNLINK_MERGED)))
		return K_EDB;
	db_bind_int(s, 1, mid);
	db_bind_int(s, 2, sid);
	db_bind_int(s, 3, time_now());
	db_bind_int(s, 4, who->user_id);
	if ((rc = set_version(s, &mv)))
		return rc;
	if (!(s = db_prep(c, SQL_LINK_CLOSE)))
		return K_EDB;
	db_bind_int(s, 1, link_id);
	db_bind_int(s, 2, who->user_id);
	db_bind_int(s, 3, time_now());
	if ((rc = db_run(s)))
		return rc;
	const char *smid = arena_printf(a, "%lld", (long long)mid);
	const char *ssid = arena_printf(a, "%lld", (long long)sid);
	if ((rc = store_person_change(c, a, who, sid, sv, "unlinked", smid, NULL)) ||
	    (rc = store_person_change(c, a, who, mid, mv, "unlinked_from", ssid, NULL)))
		return rc;
	/* Judged two people after all. */
	if ((rc = store_dup_record(c, who, sid, mid, 0, 0, "registration", "distinct")))
		return rc;
	if ((rc = store_match_refresh(c, a, sid)) || (rc = store_match_refresh(c, a, mid)) ||
	    (rc = store_report_person(c, sid)))
		return rc;
	return store_report_person(c, mid);
}

int store_person_link(struct dbconn *c, struct arena *a, const struct actor *who,
		      const struct person *survivor, const struct person *merged, const char *via,
		      int64_t *link_id)
{
	int rc = store_begin(c);
	if (!rc)
		rc = link_rows(c, a, who, survivor, merged, link_id);
	if (!rc)
		rc = store_audit(
		    c, who, "person.link", "person", survivor->id,
		    detail_via(a, via, arena_printf(a, "merged=%lld", (long long)merged->id)));
	return store_finish(c, rc);
}

int store_person_unlink(struct dbconn *c, struct arena *a, const struct actor *who,
			int64_t survivor_id, int64_t link_id, const char *via)
{
	int rc = store_begin(c);
	if (!rc)
		rc = unlink_rows(c, a, who, survivor_id, link_id);
	if (!rc)
		rc = store_audit(
		    c, who, "person.unlink", "person", survivor_id,
		    detail_via(a, via, arena_printf(a, "link=%lld", (long long)link_id)));
	return store_finish(c, rc);
}

static const char SQL_LINKS[] =
    "SELECT l.id, l.survivor_id, l.merged_id, l.linked_at, u.login,"
    " p.id, p.family_name, p.given_name, p.patronymic, p.birth_date, p.sex, p.region,"
    " p.legal_status, p.restricted, p.household_id, p.household_relation"
    " FROM person_links l JOIN persons p ON p.id = CASE WHEN l.survivor_id = ?4 THEN"
    " l.merged_id ELSE l.survivor_id END LEFT JOIN users u ON u.id = l.linked_by"
    " WHERE (l.survivor_id = ?4 OR l.merged_id = ?4) AND l.unlinked_at IS NULL"
    " AND p.org_id = ?1 AND (p.restricted = 0 OR ?2 = 1 OR EXISTS (SELECT 1 FROM"
    " person_workers w WHERE w.person_id = p.id AND w.user_id = ?3)) ORDER BY l.id LIMIT 50";

static void link_from(struct dbstmt *s, struct arena *a, struct person_link *l)
{
	l->id = db_col_int(s, 0);
	l->survivor_id = db_col_int(s, 1);
	l->merged_id = db_col_int(s, 2);
	l->linked_at = db_col_int(s, 3);
	l->linked_by = arena_strdup(a, db_col_text(s, 4));
	person_row_at(s, a, 5, &l->other);
}

static int read_links(struct dbstmt *s, struct arena *a, struct person_link **rows, size_t *n)
{
	STORE_COLLECT(s, a, struct person_link, *rows, *n, 50, link_from(s, a, row));
}

int store_person_links(struct dbconn *c, struct arena *a, const struct actor *who,
		       int64_t person_id, struct person_link **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_LINKS);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, person_id);
	int rc = read_links(s, a, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		rc = store_person_categories(c, a, &(*rows)[i].other, 1);
	return rc;
}
