/* store_integration.c: integration reviews and the cohort figures (store_integration.h;
 * domain/integration.h). A review and its domain scores are written in one transaction and
 * never changed after (0026_integration.sql's triggers); a person's list reads the reviews,
 * then the scores of all of them in a second query. The cohort is one statement whose window
 * functions give, per person and domain, the first and the latest status; its rows are summed
 * by the pure functions of domain/integration.c as they are read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_integration.h"
#include "store/store_util.h"

/* The person is a live record of the organisation: not erased, not linked to another. */
static const char SQL_PERSON_OF_ORG[] = "SELECT id FROM persons WHERE org_id = ?1 AND id = ?2"
					" AND erased_at IS NULL AND linked_to IS NULL";
static const char SQL_REVIEW_ADD[] =
    "INSERT INTO integration_reviews (org_id, person_id, reviewed_on, kind, framework,"
    " reviewer_id, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_SCORE_ADD[] =
    "INSERT INTO integration_domains (review_id, domain, status, indicator, evidence)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";

#define REVIEW_COLS                                                                                \
	"SELECT r.id, r.org_id, r.person_id, r.reviewer_id, r.created_at, r.reviewed_on, r.kind,"  \
	" r.framework, r.note, u.full_name FROM integration_reviews r"                             \
	" JOIN users u ON u.id = r.reviewer_id"
/* ?1 the person, ?2 the organisation, ?3 how many. */
static const char SQL_REVIEWS[] = REVIEW_COLS " WHERE r.person_id = ?1 AND r.org_id = ?2"
					      " ORDER BY r.reviewed_on DESC, r.id DESC LIMIT ?3";
static const char SQL_REVIEW_GET[] =
    REVIEW_COLS " WHERE r.person_id = ?1 AND r.org_id = ?2 AND r.id = ?3";
#define SCORE_COLS "SELECT d.review_id, d.domain, d.status, d.indicator, d.evidence"
/* The scores of the reviews SQL_REVIEWS reads. */
static const char SQL_SCORES_OF_PERSON[] =
    SCORE_COLS " FROM integration_domains d WHERE d.review_id IN (SELECT r.id FROM"
	       " integration_reviews r WHERE r.person_id = ?1 AND r.org_id = ?2"
	       " ORDER BY r.reviewed_on DESC, r.id DESC LIMIT ?3)";
static const char SQL_SCORES_OF_REVIEW[] =
    SCORE_COLS " FROM integration_domains d WHERE d.review_id = ?1";

int store_integration_review_add(struct dbconn *c, struct arena *a, const struct actor *who,
				 struct integration_review *r)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PERSON_OF_ORG);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_int(s, 2, r->person_id);
		rc = store_returning_id(s, NULL);
	}
	if (!rc && !(s = db_prep(c, SQL_REVIEW_ADD)))
		rc = K_EDB;
	if (!rc) {
		r->org_id = who->org_id;
		r->reviewer_id = who->user_id;
		r->created_at = time_now();
		db_bind_int(s, 1, r->org_id);
		db_bind_int(s, 2, r->person_id);
		db_bind_text(s, 3, r->reviewed_on);
		db_bind_text(s, 4, r->kind);
		db_bind_text(s, 5, r->framework);
		db_bind_int(s, 6, r->reviewer_id);
		db_bind_text(s, 7, r->note);
		db_bind_int(s, 8, r->created_at);
		rc = store_returning_id(s, &r->id);
	}
	/* The audit names the kind and the domains scored, never a status or a text. */
	const char *domains = "";
	for (size_t i = 0; !rc && i < r->nscores; i++) {
		const struct integration_score *g = &r->scores[i];
		if (!(s = db_prep(c, SQL_SCORE_ADD))) {
			rc = K_EDB;
			break;
		}
		db_bind_int(s, 1, r->id);
		db_bind_text(s, 2, g->domain);
		db_bind_int(s, 3, g->status);
		db_bind_text(s, 4, g->indicator);
		db_bind_text(s, 5, g->evidence);
		rc = db_run(s);
		domains = arena_printf(a, "%s %s", domains, g->domain);
	}
	if (!rc)
		rc = store_audit(
		    c, who, "integration.add", "person", r->person_id,
		    arena_printf(a, "review %lld: %s%s", (long long)r->id, r->kind, domains));
	return store_finish(c, rc);
}

static void review_from(struct dbstmt *s, struct arena *a, struct integration_review *r)
{
	*r = (struct integration_review){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.person_id = db_col_int(s, 2),
		.reviewer_id = db_col_int(s, 3),
		.created_at = db_col_int(s, 4),
		.reviewed_on = arena_strdup(a, db_col_text(s, 5)),
		.kind = arena_strdup(a, db_col_text(s, 6)),
		.framework = arena_strdup(a, db_col_text(s, 7)),
		.note = arena_strdup(a, db_col_text(s, 8)),
		.reviewer_name = arena_strdup(a, db_col_text(s, 9)),
	};
}

/* The scores' order on a page: the framework's, unknown codes last by code. */
static int cmp_score(const void *x, const void *y)
{
	const struct integration_score *p = x, *q = y;
	int i = integration_domain_index(p->domain), j = integration_domain_index(q->domain);
	if (i < 0 || j < 0)
		return i >= 0 ? -1 : j >= 0 ? 1 : strcmp(p->domain, q->domain);
	return i - j;
}

/* Reads the scores s selects into the reviews they belong to (at most the framework's
 * number each), then sorts each review's. Resets s. */
static int scores_into(struct dbstmt *s, struct arena *a, struct integration_review *rows, size_t n)
{
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		struct integration_review *r = NULL;
		for (size_t i = 0; !r && i < n; i++)
			if (rows[i].id == id)
				r = &rows[i];
		if (!r || r->nscores >= INTEGRATION_DOMAINS_N)
			continue;
		r->scores[r->nscores++] = (struct integration_score){
			.domain = arena_strdup(a, db_col_text(s, 1)),
			.status = (int)db_col_int(s, 2),
			.indicator = arena_strdup(a, db_col_text(s, 3)),
			.evidence = arena_strdup(a, db_col_text(s, 4)),
		};
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		qsort(rows[i].scores, rows[i].nscores, sizeof(rows[i].scores[0]), cmp_score);
	return 0;
}

int store_integration_reviews(struct dbconn *c, struct arena *a, const struct actor *who,
			      int64_t person_id, struct integration_review **rows, size_t *n)
{
	int rc;
	struct dbstmt *s = db_prep(c, SQL_REVIEWS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, who->org_id);
	db_bind_int(s, 3, INTEGRATION_REVIEWS_MAX);
	STORE_COLLECT_RC(s, a, struct integration_review, *rows, *n, INTEGRATION_REVIEWS_MAX,
			 review_from(s, a, row), rc);
	if (rc || !*n)
		return rc;
	if (!(s = db_prep(c, SQL_SCORES_OF_PERSON)))
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, who->org_id);
	db_bind_int(s, 3, INTEGRATION_REVIEWS_MAX);
	return scores_into(s, a, *rows, *n);
}

int store_integration_review_get(struct dbconn *c, struct arena *a, const struct actor *who,
				 int64_t person_id, int64_t id, struct integration_review *out)
{
	struct dbstmt *s = db_prep(c, SQL_REVIEW_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, person_id);
	db_bind_int(s, 2, who->org_id);
	db_bind_int(s, 3, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		review_from(s, a, out);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	if (!(s = db_prep(c, SQL_SCORES_OF_REVIEW)))
		return K_EDB;
	db_bind_int(s, 1, id);
	return scores_into(s, a, out, 1);
}

/* ---- the cohort ---- */

/* Per person and domain of the organisation's reviews of a framework (?7), the status at the
 * first review scoring it (k = 1), at the latest (k = n), and how many scored it (n); in
 * order of person, so that people are counted as they come. One window serves both ends.
 * The filters: ?2 a category, ?3 a region, ?4 a programme (0: any), ?5 and ?6 the bounds of
 * an arrival year as text ("2019" and "2020"; NULL: any), so that a date of the year, or the
 * year alone, falls between them. The category and the programme are sets computed once. */
static const char SQL_COHORT[] =
    "SELECT x.person_id, x.domain, MAX(CASE WHEN x.k = 1 THEN x.status END),"
    " MAX(CASE WHEN x.k = x.n THEN x.status END), MAX(x.n) FROM (SELECT r.person_id, d.domain,"
    " d.status, ROW_NUMBER() OVER w AS k, COUNT(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING"
    " AND UNBOUNDED FOLLOWING) AS n FROM integration_reviews r JOIN integration_domains d"
    " ON d.review_id = r.id JOIN persons p ON p.id = r.person_id WHERE r.org_id = ?1"
    " AND r.framework = ?7 AND p.org_id = ?1 AND p.erased_at IS NULL AND p.linked_to IS NULL"
    " AND (CAST(?2 AS TEXT) IS NULL OR p.id IN (SELECT pc.person_id FROM person_categories pc"
    " WHERE pc.category = ?2)) AND (CAST(?3 AS TEXT) IS NULL OR p.region = ?3)"
    " AND (?4 = 0 OR p.id IN (SELECT e.person_id FROM enrolments e WHERE e.programme_id = ?4"
    " AND e.org_id = ?1)) AND (CAST(?5 AS TEXT) IS NULL OR (p.arrival_date >= ?5"
    " AND p.arrival_date < ?6)) WINDOW w AS (PARTITION BY r.person_id, d.domain"
    " ORDER BY r.reviewed_on, r.id)) x WHERE x.k = 1 OR x.k = x.n"
    " GROUP BY x.person_id, x.domain ORDER BY x.person_id, x.domain";

int store_integration_cohort(struct dbconn *c, struct arena *a, const struct actor *who,
			     const struct integration_cohort_filter *f,
			     struct integration_cohort_domain out[INTEGRATION_DOMAINS_N],
			     int64_t *people)
{
	(void)a;
	*people = 0;
	integration_cohort_start(out);
	struct dbstmt *s = db_prep(c, SQL_COHORT);
	if (!s)
		return K_EDB;
	char year[16] = "", next[16] = "";
	int y = f ? f->arrival_year : 0;
	if (y > 0 && y < 9999) {
		snprintf(year, sizeof(year), "%04d", y);
		snprintf(next, sizeof(next), "%04d", y + 1);
	}
	db_bind_int(s, 1, who->org_id);
	db_bind_text(s, 2, f ? f->category : NULL);
	db_bind_text(s, 3, f ? f->region : NULL);
	db_bind_int(s, 4, f ? f->programme_id : 0);
	db_bind_text(s, 5, *year ? year : NULL);
	db_bind_text(s, 6, *next ? next : NULL);
	db_bind_text(s, 7, INTEGRATION_FRAMEWORK);
	int rc;
	int64_t last = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t person = db_col_int(s, 0);
		if (person != last)
			(*people)++;
		last = person;
		struct integration_cohort_row row = {
			.domain = db_col_text(s, 1),
			.first = (int)db_col_int(s, 2),
			.latest = (int)db_col_int(s, 3),
			.reviews = db_col_int(s, 4),
		};
		integration_cohort_add(out, &row);
	}
	db_reset(s);
	if (rc < 0) {
		integration_cohort_start(out);
		*people = 0;
		return rc;
	}
	integration_cohort_finish(out);
	return 0;
}
