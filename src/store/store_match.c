/* store_match.c: the keys that find a person again (domain/match.h), and the ranked search.
 *
 * A person's row holds match_key, their name tokens; person_keys holds the sound key of each
 * token with the organisation and the person. A search looks up the query's sound keys in
 * person_keys (an index range per key, never a scan of the people), takes the people with the
 * most keys found, reads them with the access rule and the list's filters, and scores each in
 * C (match_score). When that leaves fewer results than the page asks for, a second round
 * looks up the last word as the start of a key, for a name still being typed. */
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/match.h"
#include "store/store.h"
#include "store/store_util.h"

static const char SQL_KEYS_DELETE[] = "DELETE FROM person_keys WHERE person_id = ?1";
static const char SQL_KEY_INSERT[] =
    "INSERT INTO person_keys (org_id, key, person_id) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (org_id, key, person_id) DO NOTHING";

int store_match_keys(struct dbconn *c, struct arena *a, int64_t person_id, int64_t org_id,
		     const char *match_key)
{
	struct dbstmt *s = db_prep(c, SQL_KEYS_DELETE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	int rc = db_run(s);
	struct match_names m;
	match_key_parse(a, match_key, &m);
	for (size_t i = 0; !rc && i < m.n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(m.sound[i], m.sound[j]) == 0;
		if (seen || !*m.sound[i])
			continue;
		if (!(s = db_prep(c, SQL_KEY_INSERT)))
			return K_EDB;
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, m.sound[i]);
		db_bind_int(s, 3, person_id);
		rc = db_run(s);
	}
	return rc;
}

static const char SQL_MATCH_KEY_SET[] =
    "UPDATE persons SET match_key = ?2, family_sound = ?3, given_sound = ?4 WHERE id = ?1";
static const char SQL_NAMES_OF[] =
    "SELECT p.org_id, p.family_name, p.given_name, p.patronymic, p.name_original, p.linked_to,"
    " 0 FROM persons p WHERE p.id = ?1 AND p.erased_at IS NULL"
    " UNION ALL SELECT q.org_id, q.family_name, q.given_name, q.patronymic, q.name_original,"
    " q.linked_to, 1 FROM persons q WHERE q.linked_to = ?1 AND q.erased_at IS NULL";

int store_match_refresh(struct dbconn *c, struct arena *a, int64_t person_id)
{
	struct dbstmt *s = db_prep(c, SQL_NAMES_OF);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	struct person own = { 0 };
	int64_t org_id = 0;
	const char *keys[MATCH_TOKENS_MAX];
	size_t nkeys = 0;
	bool found = false;
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct person p = {
			.family_name = arena_strdup(a, db_col_text(s, 1)),
			.given_name = arena_strdup(a, db_col_text(s, 2)),
			.patronymic = arena_strdup(a, db_col_text(s, 3)),
			.name_original = arena_strdup(a, db_col_text(s, 4)),
		};
		/* The record's own names come first (the query lists them first). */
		if (db_col_int(s, 6) == 0) {
			own = p;
			org_id = db_col_int(s, 0);
			found = true;
			memmove(keys + 1, keys, nkeys * sizeof(*keys));
			keys[0] = match_person_key(a, &p);
			nkeys++;
		} else if (nkeys < MATCH_TOKENS_MAX) {
			keys[nkeys++] = match_person_key(a, &p);
		}
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!found)
		return 0; /* erased: no keys */
	/* The main names of every record first, then the rest. */
	const char *key = match_key_join(a, keys, nkeys);
	if (!(s = db_prep(c, SQL_MATCH_KEY_SET)))
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_text(s, 2, key);
	db_bind_text(s, 3, match_name_sound(a, own.family_name));
	db_bind_text(s, 4, match_name_sound(a, own.given_name));
	rc = db_run(s);
	return rc ? rc : store_match_keys(c, a, person_id, org_id, key);
}

static const char SQL_LINKS_OF[] =
    "SELECT linked_to, EXISTS (SELECT 1 FROM persons q WHERE q.linked_to = p.id)"
    " FROM persons p WHERE p.id = ?1";

int store_match_links_changed(struct dbconn *c, struct arena *a, int64_t person_id)
{
	struct dbstmt *s = db_prep(c, SQL_LINKS_OF);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	int rc = db_step(s);
	int64_t to = rc == DB_ROW ? db_col_int(s, 0) : 0;
	bool has_linked = rc == DB_ROW && db_col_int(s, 1) != 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	rc = has_linked ? store_match_refresh(c, a, person_id) : 0;
	return rc || !to ? rc : store_match_refresh(c, a, to);
}

/* ---- making the keys again ---- */

static const char SQL_META_GET[] = "SELECT value FROM store_meta WHERE name = ?1";
static const char SQL_META_SET[] = "INSERT INTO store_meta (name, value) VALUES (?1, ?2)"
				   " ON CONFLICT (name) DO UPDATE SET value = excluded.value";
static const char SQL_REINDEX_BATCH[] =
    "SELECT id, org_id, family_name, given_name, patronymic, name_original FROM persons"
    " WHERE id > ?1 AND erased_at IS NULL ORDER BY id LIMIT 500";
static const char SQL_SURVIVORS_AFTER[] =
    "SELECT DISTINCT linked_to FROM persons WHERE linked_to > ?1 ORDER BY linked_to LIMIT 500";

struct rekey {
	int64_t id, org_id;
	struct person p;
};

/* Makes the keys of the people after *last (one batch, one transaction); *n how many. */
static int reindex_batch(struct dbconn *c, struct arena *a, int64_t *last, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_REINDEX_BATCH);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, *last);
	struct rekey rows[500];
	*n = 0;
	int rc;
	while (*n < ARRAY_SIZE(rows) && (rc = db_step(s)) == DB_ROW) {
		struct rekey *r = &rows[(*n)++];
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(s, 0);
		r->org_id = db_col_int(s, 1);
		r->p.family_name = arena_strdup(a, db_col_text(s, 2));
		r->p.given_name = arena_strdup(a, db_col_text(s, 3));
		r->p.patronymic = arena_strdup(a, db_col_text(s, 4));
		r->p.name_original = arena_strdup(a, db_col_text(s, 5));
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	if (!*n)
		return 0;
	if ((rc = db_begin(c)))
		return rc;
	for (size_t i = 0; !rc && i < *n; i++) {
		const char *key = match_person_key(a, &rows[i].p);
		if (!(s = db_prep(c, SQL_MATCH_KEY_SET))) {
			rc = K_EDB;
			break;
		}
		db_bind_int(s, 1, rows[i].id);
		db_bind_text(s, 2, key);
		db_bind_text(s, 3, match_name_sound(a, rows[i].p.family_name));
		db_bind_text(s, 4, match_name_sound(a, rows[i].p.given_name));
		rc = db_run(s);
		if (!rc)
			rc = store_match_keys(c, a, rows[i].id, rows[i].org_id, key);
	}
	rc = rc ? rc : db_commit(c);
	if (rc)
		db_rollback(c);
	*last = rows[*n - 1].id;
	return rc;
}

int store_match_reindex(struct dbconn *c, bool force)
{
	const char *want = MATCH_KEYS_VERSION_TEXT;
	struct dbstmt *s = db_prep(c, SQL_META_GET);
	if (!s)
		return K_EDB;
	db_bind_text(s, 1, "match_keys");
	int rc = db_step(s);
	bool current = rc == DB_ROW && strcmp(db_col_text(s, 0), want) == 0;
	db_reset(s);
	if (rc < 0)
		return rc;
	if (current && !force)
		return 0;
	log_info("match: making the name keys of every person (version %s)", want);
	int64_t last = 0, done = 0;
	for (;;) {
		struct arena a;
		arena_init(&a);
		size_t n;
		rc = reindex_batch(c, &a, &last, &n);
		arena_release(&a);
		if (rc || !n)
			break;
		done += (int64_t)n;
		if (done % 100000 < (int64_t)n)
			log_info("match: %lld people keyed", (long long)done);
	}
	/* Then the records others are linked to, with the names of those. */
	for (int64_t after = 0; !rc;) {
		int64_t ids[500];
		size_t n = 0;
		if (!(s = db_prep(c, SQL_SURVIVORS_AFTER)))
			return K_EDB;
		db_bind_int(s, 1, after);
		while (n < ARRAY_SIZE(ids) && (rc = db_step(s)) == DB_ROW)
			ids[n++] = db_col_int(s, 0);
		db_reset(s);
		rc = rc < 0 ? rc : 0;
		if (rc || !n)
			break;
		struct arena a;
		arena_init(&a);
		rc = db_begin(c);
		for (size_t i = 0; !rc && i < n; i++)
			rc = store_match_refresh(c, &a, ids[i]);
		rc = rc ? rc : db_commit(c);
		if (rc)
			db_rollback(c);
		arena_release(&a);
		after = ids[n - 1];
	}
	if (!rc && (s = db_prep(c, SQL_META_SET))) {
		db_bind_text(s, 1, "match_keys");
		db_bind_text(s, 2, want);
		rc = db_run(s);
	} else if (!rc) {
		rc = K_EDB;
	}
	if (!rc)
		log_info("match: %lld people keyed, done", (long long)done);
	return rc;
}

/* ---- the ranked search ---- */

#define SEARCH_KEYS 10 /* the sound keys of a query looked up at once */
#define SEARCH_CANDIDATES 300

/* A record linked to another as the same person is found through that one: by its names
 * (store_match_refresh gives them to it) and its documents (here).
 * ?1..?3 the access rule, ?4 the document key, ?5..?10 the list's filters, ?11..?20 sound
 * keys, ?21 and ?22 a range of keys (a name being typed), ?23 how many by keys, ?24 the
 * query's birth date. The access rule reads p.org_id with a unary + (VISIBLE_FROM_OTHER), so
 * that SQLite fetches the few candidates by id rather than walk the organisation. */
static const char SQL_SEARCH[] =
    "SELECT p.id, p.family_name, p.given_name, p.patronymic, p.birth_date, p.sex, p.region,"
    " p.legal_status, p.restricted, p.household_id, p.household_relation, p.match_key,"
    " EXISTS (SELECT 1 FROM documents d JOIN persons dp ON dp.id = d.person_id"
    " WHERE d.number_key = ?4 AND (dp.id = p.id OR dp.linked_to = p.id))"
    " FROM persons p WHERE p.id IN ("
    "SELECT x.person_id FROM (SELECT k.person_id, COUNT(*) AS hits FROM ("
    "SELECT person_id FROM person_keys WHERE org_id = ?1 AND key IN (?11, ?12, ?13, ?14, ?15,"
    " ?16, ?17, ?18, ?19, ?20) AND person_id <= ?25"
    " UNION ALL SELECT person_id FROM person_keys WHERE org_id = ?1 AND key >= ?21"
    " AND key < ?22 AND person_id <= ?25) k GROUP BY k.person_id ORDER BY hits DESC,"
    " k.person_id LIMIT ?23) x"
    " UNION SELECT COALESCE(dp.linked_to, dp.id) FROM documents d JOIN persons dp"
    " ON dp.id = d.person_id WHERE d.number_key = ?4 AND dp.id <= ?25"
    " UNION SELECT b.id FROM persons b WHERE b.org_id = ?1 AND b.birth_date = ?24"
    " AND b.id <= ?25)"
    " AND" VISIBLE_FROM_OTHER PERSON_FILTERS("?5", "?6", "?7", "?8", "?9", "?10");

static int by_score(const void *x, const void *y)
{
	const struct person_row *a = x, *b = y;
	if (a->score != b->score)
		return b->score - a->score;
	int c = strcmp(a->family_name, b->family_name);
	if (c)
		return c;
	c = strcmp(a->given_name, b->given_name);
	if (c)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

/* Whether a scored person belongs in the results: a name found well enough, their
 * document, or (for a query of a birth date alone) their birth date; for a likely
 * duplicate, match_likely. */
static bool wanted(const struct match_query *q, const struct match_result *r, bool likely)
{
	if (likely)
		return match_likely(r);
	if (r->reasons & (MATCH_SAME_DOCUMENT | MATCH_SAME_NAME | MATCH_SIMILAR_NAME))
		return true;
	return !q->names.n && (r->reasons & MATCH_SAME_BIRTH_DATE);
}

struct round {
	const struct match_query *q;
	const char *doc_key; /* q's, or one of a person's documents */
	const char *lo, *hi; /* a range of keys instead of q's keys */
	bool likely;         /* keep the likely duplicates only */
	int64_t exclude;     /* a person left out (the one being checked) */
	int64_t max_id;      /* only people up to this id (0: everyone) */
};

/* One round: candidates by the query's keys (or the range [lo, hi)), scored, appended to
 * *rows when wanted and not there yet. */
static int search_round(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person_filter *f, const char *today, const struct round *rd,
			struct person_row **rows, size_t *n, size_t *cap)
{
	const struct match_query *q = rd->q;
	const char *lo = rd->lo, *hi = rd->hi;
	struct dbstmt *s = db_prep(c, SQL_SEARCH);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_text(s, 4, rd->doc_key);
	bind_person_filters(s, 5, f, today);
	size_t k = 0;
	if (!lo) {
		for (size_t i = 0; i < q->names.n && k < SEARCH_KEYS; i++)
			db_bind_text(s, 11 + (int)k++, q->names.sound[i]);
		if (q->compact_sound && k < SEARCH_KEYS)
			db_bind_text(s, 11 + (int)k++, q->compact_sound);
	}
	for (; k < SEARCH_KEYS; k++)
		db_bind_null(s, 11 + (int)k);
	db_bind_text(s, 21, lo);
	db_bind_text(s, 22, hi);
	db_bind_int(s, 23, SEARCH_CANDIDATES);
	/* The people born on the query's date are candidates too: a mistyped name still finds
	 * them, when its keys alone would leave them behind the cap. */
	db_bind_text(s, 24, q->birth_date);
	db_bind_int(s, 25, rd->max_id ? rd->max_id : INT64_MAX);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		bool seen = id == rd->exclude;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = (*rows)[i].id == id;
		if (seen || (rd->likely &&
			     !match_may_be_likely(q, db_col_text(s, 4), db_col_int(s, 12) != 0)))
			continue;
		struct match_names stored;
		match_key_parse(a, db_col_text(s, 11), &stored);
		struct match_result r =
		    match_score(q, &stored, db_col_text(s, 4), db_col_int(s, 12) != 0);
		if (!wanted(q, &r, rd->likely))
			continue;
		*rows = store_grow(a, *rows, *n, cap, sizeof(**rows));
		struct person_row *row = &(*rows)[(*n)++];
		person_row_from(s, a, row);
		row->score = r.score;
		row->reasons = r.reasons;
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int store_person_search(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person_filter *f, const char *today, struct person_row **rows,
			size_t *n, int64_t *total)
{
	*rows = NULL;
	*n = 0;
	*total = 0;
	struct match_query q;
	match_query_parse(a, f->q, &q);
	if (!q.names.n && !q.doc_key && !q.birth_date)
		return 0;
	struct person_row *all = NULL;
	size_t nall = 0, cap = 0;
	struct round rd = { .q = &q, .doc_key = q.doc_key };
	int rc = search_round(c, a, who, f, today, &rd, &all, &nall, &cap);
	/* Few found: the last word may be the start of a name still being typed. */
	const char *last = q.names.n ? q.names.sound[q.names.n - 1] : "";
	if (!rc && nall < (size_t)(f->offset + f->limit) && strlen(last) >= 2) {
		char *hi = arena_strdup(a, last);
		hi[strlen(hi) - 1]++;
		rd.lo = last;
		rd.hi = hi;
		rc = search_round(c, a, who, f, today, &rd, &all, &nall, &cap);
	}
	if (rc)
		return rc;
	if (nall)
		qsort(all, nall, sizeof(*all), by_score);
	*total = (int64_t)nall;
	size_t from = f->offset < (int64_t)nall ? (size_t)f->offset : nall;
	size_t count = nall - from < (size_t)f->limit ? nall - from : (size_t)f->limit;
	*rows = all ? all + from : NULL;
	*n = count;
	return store_person_categories(c, a, *rows, *n);
}

int store_match_candidates(struct dbconn *c, struct arena *a, const struct actor *who,
			   const struct match_query *q, const struct person *p, const char *today,
			   int64_t max_id, struct person_row **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	struct person_filter f = { .age_min = -1, .age_max = -1 };
	struct person_row *all = NULL;
	size_t nall = 0, cap = 0;
	struct round rd = { .q = q, .likely = true, .exclude = p->id, .max_id = max_id };
	/* One round by the names (and the first document), one more per other document. */
	size_t docs = p->ndocs ? p->ndocs : 1;
	int rc = 0;
	for (size_t i = 0; !rc && i < docs; i++) {
		rd.doc_key =
		    p->ndocs && p->docs[i].number ? person_doc_key(a, p->docs[i].number) : NULL;
		if (rd.doc_key && !*rd.doc_key)
			rd.doc_key = NULL;
		if (i > 0 && !rd.doc_key)
			continue;
		rc = search_round(c, a, who, &f, today, &rd, &all, &nall, &cap);
		/* Later rounds look up the documents alone. */
		static const struct match_query none = { 0 };
		rd.q = &none;
	}
	if (rc)
		return rc;
	if (nall)
		qsort(all, nall, sizeof(*all), by_score);
	*rows = all;
	*n = nall < STORE_LIKELY_MAX ? nall : STORE_LIKELY_MAX;
	return store_person_categories(c, a, *rows, *n);
}
