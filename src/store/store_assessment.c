/* store_assessment.c: the needs assessments of a case, kept as made (a re-assessment is a
 * new row). The summary and the needs' notes are sealed at rest. The caller has read the
 * case with its access rule (store_case_get): these functions take its id as seen. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_util.h"

static const char SQL_ASSESSMENT_ADD[] =
    "INSERT INTO assessments (case_id, assessed_on, assessor_id, summary, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_NEED_ADD[] = "INSERT INTO assessment_needs (assessment_id, need, urgency,"
				   " note) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_ASSESSMENTS[] =
    "SELECT x.id, x.case_id, x.assessed_on, x.assessor_id, u.login, u.full_name, x.summary,"
    " x.created_at FROM assessments x JOIN users u ON u.id = x.assessor_id"
    " WHERE x.case_id = ?1 ORDER BY x.assessed_on DESC, x.id DESC LIMIT ?2";
static const char SQL_NEEDS[] =
    "SELECT n.assessment_id, n.need, n.urgency, n.note FROM assessment_needs n"
    " JOIN assessments x ON x.id = n.assessment_id WHERE x.case_id = ?1";

int store_assessment_add(struct dbconn *c, struct arena *a, const struct actor *who,
			 struct assessment *x)
{
	const char *summary;
	int rc = seal(a, SEALED_ASSESSMENT_SUMMARY, x->summary, &summary);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_ASSESSMENT_ADD);
	if (!s)
		return K_EDB;
	x->assessor_id = who->user_id;
	x->created_at = time_now();
	db_bind_int(s, 1, x->case_id);
	db_bind_text(s, 2, x->assessed_on);
	db_bind_int(s, 3, x->assessor_id);
	db_bind_text(s, 4, summary);
	db_bind_int(s, 5, x->created_at);
	if ((rc = store_returning_id(s, &x->id)))
		return rc;
	for (size_t i = 0; !rc && i < x->n; i++) {
		const char *note;
		if ((rc = seal(a, SEALED_NEED_NOTE, x->needs[i].note, &note)))
			break;
		if (!(s = db_prep(c, SQL_NEED_ADD)))
			return K_EDB;
		db_bind_int(s, 1, x->id);
		db_bind_text(s, 2, x->needs[i].need);
		db_bind_int(s, 3, x->needs[i].urgency);
		db_bind_text(s, 4, note);
		rc = db_run(s);
	}
	return rc;
}

int store_assessment_write(struct dbconn *c, struct arena *a, const struct actor *who,
			   struct assessment *x)
{
	int rc = store_begin(c);
	if (!rc)
		rc = store_assessment_add(c, a, who, x);
	if (!rc)
		rc = store_audit(c, who, "case.assessment", "case", x->case_id, x->assessed_on);
	return store_finish(c, rc);
}

static void assessment_from(struct dbstmt *s, struct arena *a, struct assessment *x)
{
	memset(x, 0, sizeof(*x));
	x->id = db_col_int(s, 0);
	x->case_id = db_col_int(s, 1);
	x->assessed_on = arena_strdup(a, db_col_text(s, 2));
	x->assessor_id = db_col_int(s, 3);
	x->assessor_login = arena_strdup(a, db_col_text(s, 4));
	x->assessor_name = arena_strdup(a, db_col_text(s, 5));
	x->summary = arena_strdup(a, db_col_text(s, 6));
	x->created_at = db_col_int(s, 7);
}

static int read_assessments(struct dbconn *c, struct arena *a, int64_t case_id,
			    struct assessment **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_ASSESSMENTS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, ASSESSMENTS_MAX);
	STORE_COLLECT(s, a, struct assessment, *rows, *n, ASSESSMENTS_MAX,
		      assessment_from(s, a, row));
}

/* Puts a need read from the database into its assessment, in the list's order (a need no
 * longer in the list is not shown). */
static int place_need(struct arena *a, struct assessment *x, const char *need, int urgency,
		      const char *note)
{
	int k = need_index(need);
	if (k < 0)
		return 0;
	x->needs[k].urgency = urgency;
	return note && *note ? seal_open(a, SEALED_NEED_NOTE, note, &x->needs[k].note) : 0;
}

int store_assessments(struct dbconn *c, struct arena *a, int64_t case_id, struct assessment **rows,
		      size_t *n)
{
	int rc = read_assessments(c, a, case_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++) {
		struct assessment *x = &(*rows)[i];
		if (x->summary && *x->summary)
			rc = seal_open(a, SEALED_ASSESSMENT_SUMMARY, x->summary, &x->summary);
		assessment_init_needs(x);
	}
	if (rc || !*n)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_NEEDS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	int step;
	while (!rc && (step = db_step(s)) == DB_ROW) {
		int64_t id = db_col_int(s, 0);
		for (size_t i = 0; i < *n; i++)
			if ((*rows)[i].id == id) {
				rc = place_need(a, &(*rows)[i], db_col_text(s, 1),
						(int)db_col_int(s, 2),
						arena_strdup(a, db_col_text(s, 3)));
				break;
			}
	}
	db_reset(s);
	return rc ? rc : step < 0 ? step : 0;
}
