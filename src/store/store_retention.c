/* store_retention.c: an organisation's retention rule (issue 3). What was written in a case
 * closed longer ago than the rule's months is emptied (STORE_CASE_WIPES: the dates,
 * statuses, codes and amounts stay for the figures), and a person whose cases have all gone
 * that way, with none open, is anonymised like an erasure. Each step is audited. The work
 * runs in transactions of RETENTION_BATCH cases, so that it can run beside a live server. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"
#include "store/store_util.h"

#define RETENTION_BATCH 200

static const char SQL_RULE_GET[] = "SELECT retention_months FROM orgs WHERE id = ?1";
static const char SQL_RULE_SET[] = "UPDATE orgs SET retention_months = ?2 WHERE id = ?1";
static const char SQL_RULES[] =
    "SELECT id, name, retention_months FROM orgs WHERE retention_months IS NOT NULL"
    " AND (?1 = 0 OR id = ?1) ORDER BY id";
/* The cases due: closed on or before the cut-off, not yet anonymised. */
#define CASES_DUE                                                                                  \
	" FROM cases WHERE org_id = ?1 AND status = 'closed' AND closed_on <= ?2"                  \
	" AND anonymised_at IS NULL"
static const char SQL_DUE_COUNT[] = "SELECT COUNT(*)" CASES_DUE;
static const char SQL_DUE_BATCH[] = "SELECT id, person_id" CASES_DUE " ORDER BY id LIMIT ?3";
static const char SQL_CASE_DONE[] = "UPDATE cases SET anonymised_at = ?2 WHERE id = ?1";
/* A person whose every case is anonymised (so none is open), not yet erased. */
static const char SQL_PERSON_SPENT[] =
    "SELECT COUNT(*) FROM persons p WHERE p.id = ?1 AND p.erased_at IS NULL AND NOT EXISTS"
    " (SELECT 1 FROM cases k WHERE k.person_id = p.id AND k.anonymised_at IS NULL)";

int store_retention_get(struct dbconn *c, int64_t org_id, int64_t *months)
{
	struct dbstmt *s = db_prep(c, SQL_RULE_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	return store_returning_id(s, months); /* NULL reads as 0: none */
}

int store_retention_set(struct dbconn *c, const struct actor *who, int64_t months)
{
	char detail[32];
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_RULE_SET);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		if (months)
			db_bind_int(s, 2, months);
		else
			db_bind_null(s, 2);
		rc = store_run_one(c, s);
	}
	snprintf(detail, sizeof(detail), "%lld months", (long long)months);
	if (!rc)
		rc = store_audit(c, who, "retention.set", "org", who->org_id,
				 months ? detail : "none");
	return store_finish(c, rc);
}

int store_retention_due(struct dbconn *c, int64_t org_id, const char *cutoff, int64_t *cases)
{
	struct dbstmt *s = db_prep(c, SQL_DUE_COUNT);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	db_bind_text(s, 2, cutoff);
	return store_returning_id(s, cases);
}

static int run_wipes(struct dbconn *c, int64_t case_id)
{
	static const char *const wipe[] = { STORE_CASE_WIPES(
	    "SELECT id FROM cases WHERE id = ?1") };
	int rc = store_run_each(c, wipe, ARRAY_SIZE(wipe), case_id);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_CASE_DONE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, time_now());
	return db_run(s);
}

/* Anonymises the person if their cases have all been: *done says whether it did. */
static int person_if_spent(struct dbconn *c, struct arena *a, int64_t id, const char *why,
			   bool *done)
{
	static const struct actor system = { .addr = "retention" };
	int64_t spent = 0;
	struct dbstmt *s = db_prep(c, SQL_PERSON_SPENT);
	int rc = s ? 0 : K_EDB;
	*done = false;
	if (!rc) {
		db_bind_int(s, 1, id);
		rc = store_returning_id(s, &spent);
	}
	if (!rc && spent) {
		rc = store_person_anonymise(c, a, id);
		if (!rc)
			rc = store_audit(c, &system, "person.anonymise", "person", id, why);
		*done = !rc;
	}
	return rc;
}

/* One batch of org's due cases in one transaction: *n cases, *persons people. */
static int run_batch(struct dbconn *c, struct arena *a, int64_t org_id, const char *cutoff,
		     const char *why, int64_t *n, int64_t *persons)
{
	static const struct actor system = { .addr = "retention" };
	int64_t ids[RETENTION_BATCH], people[RETENTION_BATCH];
	size_t k = 0;
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_DUE_BATCH);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, org_id);
		db_bind_text(s, 2, cutoff);
		db_bind_int(s, 3, RETENTION_BATCH);
		while (k < RETENTION_BATCH && (rc = db_step(s)) == DB_ROW) {
			ids[k] = db_col_int(s, 0);
			people[k++] = db_col_int(s, 1);
		}
		db_reset(s);
		rc = rc < 0 ? rc : 0;
	}
	for (size_t i = 0; !rc && i < k; i++) {
		rc = run_wipes(c, ids[i]);
		if (!rc)
			rc = store_audit(c, &system, "case.anonymise", "case", ids[i], why);
	}
	for (size_t i = 0; !rc && i < k; i++) {
		bool done;
		rc = person_if_spent(c, a, people[i], why, &done);
		*persons += done;
	}
	*n = rc ? 0 : (int64_t)k;
	return store_finish(c, rc);
}

int store_retention_run(struct dbconn *c, struct arena *a, int64_t org_id, const char *today,
			bool dry_run, struct retention_result **out, size_t *nout)
{
	struct dbstmt *s = db_prep(c, SQL_RULES);
	struct retention_result *rows = NULL;
	size_t n = 0, cap = 0;
	int rc;
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, org_id);
	while ((rc = db_step(s)) == DB_ROW) {
		rows = store_grow(a, rows, n, &cap, sizeof(*rows));
		rows[n++] =
		    (struct retention_result){ .org_id = db_col_int(s, 0),
					       .org_name = arena_strdup(a, db_col_text(s, 1)),
					       .months = db_col_int(s, 2) };
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	rc = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		struct retention_result *r = &rows[i];
		if (!date_add_months(today, -(int)r->months, r->cutoff))
			return K_EINVAL;
		if (dry_run) {
			rc = store_retention_due(c, r->org_id, r->cutoff, &r->cases);
			continue;
		}
		const char *why = arena_printf(a, "closed by %s, kept %lld months", r->cutoff,
					       (long long)r->months);
		for (int64_t got = RETENTION_BATCH; !rc && got == RETENTION_BATCH;) {
			rc = run_batch(c, a, r->org_id, r->cutoff, why, &got, &r->persons);
			r->cases += got;
		}
	}
	*out = rows;
	*nout = n;
	return rc;
}
