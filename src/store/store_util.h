/* store_util.h: small helpers shared by the store_*.c files (private to store/). */
#ifndef KOMEK_STORE_UTIL_H
#define KOMEK_STORE_UTIL_H

#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/access.h"
#include "store/db.h"

/* The access rule of a person, in one SQL fragment (see store_person.c): the person `p` is
 * visible to an actor when they belong to the actor's organisation and are either not
 * restricted, or the actor sees restricted records (a supervisor), or the actor is assigned
 * to them. Every query that returns people, or records of people, carries it. */
/* Parameters: the actor's organisation, whether they see restricted records (0/1), and
 * their user id; VISIBLE numbers them ?1 ?2 ?3. */
#define VISIBLE_COL(col, org, sees, user)                                                          \
	" " col " = " org " AND (p.restricted = 0 OR " sees " = 1 OR EXISTS (SELECT 1 FROM"        \
	" person_workers w WHERE w.person_id = p.id AND w.user_id = " user ")) "
#define VISIBLE_AT(org, sees, user) VISIBLE_COL("p.org_id", org, sees, user)
#define VISIBLE VISIBLE_AT("?1", "?2", "?3")
/* The same rule for a query that reaches people from another table (cases, tasks): the
 * unary + keeps SQLite from walking the organisation's people through their index instead
 * of the few rows the query starts from (it is a no-op on PostgreSQL). */
#define VISIBLE_FROM_OTHER VISIBLE_COL("+p.org_id", "?1", "?2", "?3")

static inline void bind_visible_at(struct dbstmt *s, int first, const struct actor *who)
{
	db_bind_int(s, first, who->org_id);
	db_bind_int(s, first + 1, access_sees_restricted(who) ? 1 : 0);
	db_bind_int(s, first + 2, who->user_id);
}

static inline void bind_visible(struct dbstmt *s, const struct actor *who)
{
	bind_visible_at(s, 1, who);
}

/* The list of people's filters (store_person_filter), numbered from the given parameters:
 * category, region, sex, born no later than, born no earlier than (years), household. A
 * list never shows an erased record, or one linked to another as the same person. */
#define PERSON_FILTERS(cat, region, sex, born_max, born_min, household)                            \
	" AND (CAST(" cat " AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM person_categories pc"        \
	" WHERE pc.person_id = p.id AND pc.category = " cat "))"                                   \
	" AND (CAST(" region " AS TEXT) IS NULL OR p.region = " region ")"                         \
	" AND (CAST(" sex " AS TEXT) IS NULL OR p.sex = " sex ")"                                  \
	" AND (" born_max " = 0 OR p.birth_year <= " born_max ") AND (" born_min " = 0 OR"         \
	" p.birth_year >= " born_min ") AND (" household " = 0 OR p.household_id = " household ")" \
	" AND p.erased_at IS NULL AND p.linked_to IS NULL"

/* Binds PERSON_FILTERS's six parameters from `first` on. `today` is YYYY-MM-DD. */
static inline void bind_person_filters(struct dbstmt *s, int first, const struct person_filter *f,
				       const char *today)
{
	db_bind_text(s, first, f->category);
	db_bind_text(s, first + 1, f->region);
	db_bind_text(s, first + 2, f->sex);
	int year = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
		   (today[3] - '0');
	db_bind_int(s, first + 3, f->age_min >= 0 ? year - f->age_min : 0);
	db_bind_int(s, first + 4, f->age_max >= 0 ? year - f->age_max - 1 : 0);
	db_bind_int(s, first + 5, f->household_id);
}

/* A row of a list of people from the columns id, family_name, given_name, patronymic,
 * birth_date, sex, region, legal_status, restricted, household_id, household_relation
 * (store_person.c), and their categories, one query per row. */
void person_row_from(struct dbstmt *s, struct arena *a, struct person_row *r);
/* Those columns of the person of table alias t, for person_row_at. */
#define PERSON_ROW_OF(t)                                                                           \
	t ".id, " t ".family_name, " t ".given_name, " t ".patronymic, " t ".birth_date, " t       \
	  ".sex, " t ".region, " t ".legal_status, " t ".restricted, " t ".household_id, " t       \
	  ".household_relation"
/* The same columns from column `at` on (a query that reads two people per row). */
void person_row_at(struct dbstmt *s, struct arena *a, int at, struct person_row *r);
int store_person_categories(struct dbconn *c, struct arena *a, struct person_row *rows, size_t n);
/* A line of a person's history: `field` changed from old_value to new_value in `version`
 * (values of sealed fields are sealed; the actor 0 is the system). */
int store_person_change(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			int64_t version, const char *field, const char *old_value,
			const char *new_value);
struct match_query;

/* Assigns the actor to a person (who keeps sight of a record they made restricted). */
int store_person_assign_self(struct dbconn *c, const struct actor *who, int64_t person_id);
/* The people the actor sees whom a query of a person finds likely the same (match_likely),
 * best first, at most STORE_LIKELY_MAX: by their names' keys and p's documents; p->id (when
 * set) left out (store_match.c). */
int store_match_candidates(struct dbconn *c, struct arena *a, const struct actor *who,
			   const struct match_query *q, const struct person *p, const char *today,
			   int64_t max_id, struct person_row **rows, size_t *n);
/* Writes the sound keys of a person's match_key (store_match.c), replacing any. */
int store_match_keys(struct dbconn *c, struct arena *a, int64_t person_id, int64_t org_id,
		     const char *match_key);
/* After a person's names changed: makes again the keys of the record they are linked to,
 * and their own with the names of the records linked to them (a record linked as the same
 * person is found through the one it is linked to). */
int store_match_links_changed(struct dbconn *c, struct arena *a, int64_t person_id);
/* Makes a person's match_key (their names and those of the records linked to them) and
 * keys again. */
int store_match_refresh(struct dbconn *c, struct arena *a, int64_t person_id);

/* The associated data of sealed values (crypt/seal.h): a person's reason for protection, in
 * the record and in its history. */
#define SEALED_PERSON_REASON "person.protection_reason"
/* A case note's text. */
#define SEALED_CASE_NOTE "case_note.text"
/* An assessment's summary, and the note on one of its needs. */
#define SEALED_ASSESSMENT_SUMMARY "assessment.summary"
#define SEALED_NEED_NOTE "assessment_need.note"
/* A plan review's note. */
#define SEALED_REVIEW_NOTE "case_review.note"
/* The note on a decision about a proposed technology. */
#define SEALED_DECISION_NOTE "case_decision.note"
/* The result of a service delivered. */
#define SEALED_SERVICE_RESULT "service.result"
/* A referral's message to the partner, and its outcome. */
#define SEALED_REFERRAL_MESSAGE "referral.message"
#define SEALED_REFERRAL_OUTCOME "referral.outcome"
/* A screening's answers, what made its result and its alerts; the worker's reason for a
 * finding. */
#define SEALED_SCREENING_DETAIL "screening.detail"
#define SEALED_SCREENING_REASON "screening.finding_reason"

/* What the workers wrote in a set of cases (`cases`: a subquery of case ids using ?1), as
 * the statements that empty it: the opening reason and outcome, notes, assessment summaries
 * and need notes, reviews, decisions' notes, services' results, and what referrals shared.
 * Dates, statuses, codes and amounts stay, for the figures. An initializer list of strings,
 * for the erasure of a person and for retention. */
#define STORE_CASE_WIPES(cases)                                                                    \
	"UPDATE cases SET opening_reason = '', outcome = NULL WHERE id IN (" cases ")",            \
	    "UPDATE case_notes SET text = '' WHERE case_id IN (" cases ")",                        \
	    "UPDATE assessments SET summary = NULL WHERE case_id IN (" cases ")",                  \
	    "UPDATE assessment_needs SET note = NULL WHERE assessment_id IN (SELECT x.id FROM"     \
	    " assessments x WHERE x.case_id IN (" cases "))",                                      \
	    "UPDATE case_reviews SET note = NULL WHERE case_id IN (" cases ")",                    \
	    "UPDATE case_decisions SET note = NULL WHERE case_id IN (" cases ")",                  \
	    "UPDATE services SET result = NULL WHERE case_id IN (" cases ")",                      \
	    "UPDATE referrals SET family_name = '', given_name = '', patronymic = NULL,"           \
	    " birth_date = substr(birth_date, 1, 4), phone = NULL, message = NULL,"                \
	    " decline_reason = NULL, outcome = NULL WHERE case_id IN (" cases ")"

/* Whether user_id may hold or work on cases of the actor's organisation (active, not an
 * analyst): 0, or K_EINVAL (store_case.c). */
int store_worker_check(struct dbconn *c, const struct actor *who, int64_t user_id);
/* Marks case_id's plan as changed since its approval, if it was approved (store_plan.c). */
int store_plan_mark_changed(struct dbconn *c, int64_t case_id);

/* Steps once and reads column 0 as an integer: 0, K_ENOTFOUND when there is no row, or the
 * step's error. Resets the statement. */
static inline int store_returning_id(struct dbstmt *s, int64_t *id)
{
	int rc = db_step(s);
	if (rc == DB_ROW && id)
		*id = db_col_int(s, 0);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

/* Runs a statement that must change a row: K_ENOTFOUND when it changed none. */
static inline int store_run_one(struct dbconn *c, struct dbstmt *s)
{
	int rc = db_run(s);
	if (rc)
		return rc;
	return db_changes(c) > 0 ? 0 : K_ENOTFOUND;
}

/* Runs a versioned update (… WHERE org_id = ? AND id = ? AND version = ?) of a record of an
 * organisation: 0; K_ECONFLICT when the record exists but its version moved on; K_ENOTFOUND
 * when it does not, or is another organisation's. exists_sql selects the record's id by ?1
 * the organisation and ?2 the id. */
static inline int store_run_versioned(struct dbconn *c, struct dbstmt *s, const char *exists_sql,
				      int64_t org, int64_t id)
{
	int rc = store_run_one(c, s);
	if (rc != K_ENOTFOUND)
		return rc;
	struct dbstmt *e = db_prep(c, exists_sql);
	if (!e)
		return K_EDB;
	db_bind_int(e, 1, org);
	db_bind_int(e, 2, id);
	rc = store_returning_id(e, NULL);
	return rc == 0 ? K_ECONFLICT : rc;
}

/* The one row of sql with ?1 bound to org and ?2 to id, read by `fill` (which uses s):
 * returns 0, K_ENOTFOUND or the step's error from the calling function. */
#define STORE_GET_ONE(c, sql, org, id, fill)                                                       \
	do {                                                                                       \
		struct dbstmt *s = db_prep((c), (sql));                                            \
		if (!s)                                                                            \
			return K_EDB;                                                              \
		db_bind_int(s, 1, (org));                                                          \
		db_bind_int(s, 2, (id));                                                           \
		int rc_g_ = db_step(s);                                                            \
		if (rc_g_ == DB_ROW)                                                               \
			fill;                                                                      \
		db_reset(s);                                                                       \
		return rc_g_ == DB_ROW ? 0 : rc_g_ == DB_DONE ? K_ENOTFOUND : rc_g_;               \
	} while (0)

/* Runs each of n statements with ?1 bound to id: 0, or the first error. */
static inline int store_run_each(struct dbconn *c, const char *const *sql, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++) {
		struct dbstmt *s = db_prep(c, sql[i]);
		int rc;
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, id);
		if ((rc = db_run(s)))
			return rc;
	}
	return 0;
}

/* Appends one slot to an arena array that doubles as it grows. */
static inline void *store_grow(struct arena *a, void *arr, size_t n, size_t *cap, size_t size)
{
	if (n < *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *p = arena_alloc(a, ncap * size);
	if (n)
		memcpy(p, arr, n * size);
	*cap = ncap;
	return p;
}

/* Reads every row of s (at most max) into an arena array: `fill` uses `row`. Sets rc to 0
 * or the step's error, the statement reset. */
#define STORE_COLLECT_RC(s, a, type, out, nout, max, fill, rc)                                     \
	do {                                                                                       \
		type *arr_ = NULL;                                                                 \
		size_t n_ = 0, cap_ = 0;                                                           \
		int rc_;                                                                           \
		while (n_ < (max) && (rc_ = db_step(s)) == DB_ROW) {                               \
			arr_ = store_grow((a), arr_, n_, &cap_, sizeof(type));                     \
			type *row = &arr_[n_++];                                                   \
			fill;                                                                      \
		}                                                                                  \
		if (n_ >= (max))                                                                   \
			rc_ = DB_DONE;                                                             \
		db_reset(s);                                                                       \
		(out) = arr_;                                                                      \
		(nout) = n_;                                                                       \
		(rc) = rc_ < 0 ? rc_ : 0;                                                          \
	} while (0)
/* The same, returning from the calling function with rc. */
#define STORE_COLLECT(s, a, type, out, nout, max, fill)                                            \
	do {                                                                                       \
		int rc_c_;                                                                         \
		STORE_COLLECT_RC(s, a, type, out, nout, max, fill, rc_c_);                         \
		return rc_c_;                                                                      \
	} while (0)

#endif
