/* store_case.c: cases, their team and their notes.
 *
 * A case is read through its person with the person's access rule (VISIBLE in
 * store_util.h), so a case of a person the actor may not see is K_ENOTFOUND everywhere, and
 * the cases of an erased person are gone from every list. The team of a case is assigned to
 * its person too (person_workers), which is what lets a co-worker see a restricted person.
 * Note texts are sealed at rest (crypt/seal.h). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_report.h"
#include "store/store_util.h"

/* ?1 ?2 ?3 are VISIBLE's; on_team is whether ?3 is on the case's team. */
#define CASE_COLS                                                                                  \
	"SELECT k.id, k.org_id, k.person_id, k.household, k.worker_id, k.status,"                  \
	" k.opening_reason, k.opened_on, k.closing_reason, k.outcome, k.closure_requested_at,"     \
	" k.closure_requested_by, k.closed_on, k.closed_by, k.version, k.created_at,"              \
	" k.created_by, k.updated_at, k.updated_by, u.login, u.full_name, p.family_name,"          \
	" p.given_name, p.patronymic, p.restricted, (k.worker_id = ?3 OR EXISTS (SELECT 1 FROM"    \
	" case_workers cw WHERE cw.case_id = k.id AND cw.user_id = ?3)), k.review_every_days,"     \
	" k.next_review_on, k.plan_approved_at, k.plan_approved_by, k.plan_changed_at"             \
	" FROM cases k JOIN persons p ON p.id = k.person_id JOIN users u ON u.id = k.worker_id"    \
	" WHERE" VISIBLE_FROM_OTHER "AND p.erased_at IS NULL"

static const char SQL_CASE_GET[] = CASE_COLS " AND k.id = ?4";
/* A list starts from the cases it can be: the person's, the actor's (assigned or co-worker),
 * or the organisation's; the filters then apply to those rows. */
#define CASES_OF_PERSON " AND k.person_id = ?4"
#define CASES_MINE                                                                                 \
	" AND k.id IN (SELECT c2.id FROM cases c2 WHERE c2.worker_id = ?3 UNION"                   \
	" SELECT cw.case_id FROM case_workers cw WHERE cw.user_id = ?3)"
#define CASES_OF_ORG " AND k.org_id = ?1"
#define CASE_FILTERS                                                                               \
	" AND (?4 = 0 OR k.person_id = ?4)"                                                        \
	" AND (?5 = 0 OR k.worker_id = ?3 OR EXISTS (SELECT 1 FROM case_workers cw"                \
	" WHERE cw.case_id = k.id AND cw.user_id = ?3))"                                           \
	" AND (CAST(?6 AS TEXT) IS NULL OR k.status = ?6)"                                         \
	" AND (?7 = 0 OR k.status <> 'closed')"                                                    \
	" AND (?8 = 0 OR (k.closure_requested_at IS NOT NULL AND k.status <> 'closed'))"           \
	" AND (CAST(?11 AS TEXT) IS NULL OR (k.status <> 'closed'"                                 \
	" AND k.next_review_on <= ?11))"                                                           \
	" AND (?12 = 0 OR (k.status <> 'closed' AND (k.plan_approved_at IS NULL"                   \
	" OR k.plan_changed_at IS NOT NULL) AND EXISTS (SELECT 1 FROM plan_goals g"                \
	" WHERE g.case_id = k.id)))"                                                               \
	" ORDER BY k.id DESC LIMIT ?9 OFFSET ?10"
static const char SQL_CASE_LIST_PERSON[] = CASE_COLS CASES_OF_PERSON CASE_FILTERS;
static const char SQL_CASE_LIST_MINE[] = CASE_COLS CASES_MINE CASE_FILTERS;
static const char SQL_CASE_LIST_ORG[] = CASE_COLS CASES_OF_ORG CASE_FILTERS;
static const char SQL_CASE_INSERT[] =
    "INSERT INTO cases (org_id, person_id, household, worker_id, status, opening_reason,"
    " opened_on, version, created_at, created_by, updated_at, updated_by, next_review_on)"
    " SELECT p.org_id, p.id, ?5, ?6, 'open', ?7, ?8, 1, ?9, ?10, ?9, ?10, ?11 FROM persons p"
    " WHERE" VISIBLE "AND p.id = ?4 AND p.erased_at IS NULL AND p.linked_to IS NULL"
    " RETURNING id";
static const char SQL_CASE_UPDATE[] =
    "UPDATE cases SET status = ?2, opening_reason = ?3, closing_reason = ?4, outcome = ?5,"
    " closed_on = ?6, closed_by = ?7, closure_requested_at = ?8, closure_requested_by = ?9,"
    " household = ?10, worker_id = ?11, version = version + 1, updated_at = ?12,"
    " updated_by = ?13 WHERE id = ?1 AND version = ?14";
static const char SQL_WORKER_OK[] = "SELECT id FROM users WHERE id = ?1 AND org_id = ?2"
				    " AND active = 1 AND role <> 'analyst'";
static const char SQL_MEMBERS[] =
    "SELECT u.id, u.login, u.full_name, u.role FROM case_workers cw"
    " JOIN users u ON u.id = cw.user_id WHERE cw.case_id = ?1 ORDER BY u.login";
static const char SQL_MEMBER_ADD[] =
    "INSERT INTO case_workers (case_id, user_id, added_by, added_at) VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (case_id, user_id) DO NOTHING";
static const char SQL_MEMBER_REMOVE[] =
    "DELETE FROM case_workers WHERE case_id = ?1 AND user_id = ?2";
static const char SQL_NOTES[] =
    "SELECT n.id, n.case_id, n.author_id, u.login, u.full_name, n.noted_on, n.confidential,"
    " n.text, n.created_at FROM case_notes n JOIN users u ON u.id = n.author_id"
    " WHERE n.case_id = ?1 AND (n.confidential = 0 OR n.author_id = ?2 OR ?3 = 1)"
    " ORDER BY n.noted_on DESC, n.id DESC LIMIT ?4";
static const char SQL_NOTE_ADD[] =
    "INSERT INTO case_notes (case_id, author_id, noted_on, confidential, text, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static void case_from(struct dbstmt *s, struct arena *a, struct case_rec *k)
{
	k->id = db_col_int(s, 0);
	k->org_id = db_col_int(s, 1);
	k->person_id = db_col_int(s, 2);
	k->household = db_col_int(s, 3) != 0;
	k->worker_id = db_col_int(s, 4);
	k->status = col(s, a, 5);
	k->opening_reason = col(s, a, 6);
	k->opened_on = col(s, a, 7);
	k->closing_reason = col(s, a, 8);
	k->outcome = col(s, a, 9);
	k->closure_requested_at = db_col_int(s, 10);
	k->closure_requested_by = db_col_int(s, 11);
	k->closed_on = col(s, a, 12);
	k->closed_by = db_col_int(s, 13);
	k->version = db_col_int(s, 14);
	k->created_at = db_col_int(s, 15);
	k->created_by = db_col_int(s, 16);
	k->updated_at = db_col_int(s, 17);
	k->updated_by = db_col_int(s, 18);
	k->worker_login = col(s, a, 19);
	k->worker_name = col(s, a, 20);
	k->family_name = col(s, a, 21);
	k->given_name = col(s, a, 22);
	k->patronymic = col(s, a, 23);
	k->restricted = db_col_int(s, 24) != 0;
	k->on_team = db_col_int(s, 25) != 0;
	k->review_every_days = db_col_int(s, 26);
	k->next_review_on = col(s, a, 27);
	k->plan_approved_at = db_col_int(s, 28);
	k->plan_approved_by = db_col_int(s, 29);
	k->plan_changed_at = db_col_int(s, 30);
}

int store_case_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		   struct case_rec *out)
{
	memset(out, 0, sizeof(*out));
	struct dbstmt *s = db_prep(c, SQL_CASE_GET);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		case_from(s, a, out);
	db_reset(s);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? K_ENOTFOUND : rc;
}

int store_case_list(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct case_filter *f, struct case_rec **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, f->person_id ? SQL_CASE_LIST_PERSON
				      : f->mine    ? SQL_CASE_LIST_MINE
						   : SQL_CASE_LIST_ORG);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, f->person_id);
	db_bind_int(s, 5, f->mine ? 1 : 0);
	db_bind_text(s, 6, f->status);
	db_bind_int(s, 7, f->open_only ? 1 : 0);
	db_bind_int(s, 8, f->closure_pending ? 1 : 0);
	db_bind_int(s, 9, f->limit);
	db_bind_int(s, 10, f->offset);
	db_bind_text(s, 11, f->review_due_by);
	db_bind_int(s, 12, f->plan_pending ? 1 : 0);
	STORE_COLLECT(s, a, struct case_rec, *rows, *n, (size_t)f->limit, case_from(s, a, row));
}

int store_worker_check(struct dbconn *c, const struct actor *who, int64_t user_id)
{
	struct dbstmt *s = db_prep(c, SQL_WORKER_OK);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, user_id);
	db_bind_int(s, 2, who->org_id);
	int rc = store_returning_id(s, NULL);
	return rc == K_ENOTFOUND ? K_EINVAL : rc;
}

int store_case_insert(struct dbconn *c, const struct actor *who, struct case_rec *k)
{
	int rc = store_worker_check(c, who, k->worker_id);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_CASE_INSERT);
	if (!s)
		return K_EDB;
	int64_t now = time_now();
	bind_visible(s, who);
	db_bind_int(s, 4, k->person_id);
	db_bind_int(s, 5, k->household ? 1 : 0);
	db_bind_int(s, 6, k->worker_id);
	db_bind_text(s, 7, k->opening_reason);
	db_bind_text(s, 8, k->opened_on);
	db_bind_int(s, 9, now);
	db_bind_int(s, 10, who->user_id);
	/* The first review of the plan: 30 days after opening (cases.review_every_days). */
	char review[11];
	db_bind_text(s, 11, date_add_days(k->opened_on, 30, review) ? review : NULL);
	if ((rc = store_returning_id(s, &k->id)))
		return rc; /* K_ENOTFOUND: the person is not visible */
	k->status = "open";
	k->version = 1;
	k->created_at = k->updated_at = now;
	k->created_by = k->updated_by = who->user_id;
	rc = store_person_assign(c, who, k->person_id, k->worker_id);
	return rc ? rc : store_report_case(c, k->id);
}

int store_case_update(struct dbconn *c, const struct actor *who, const struct case_rec *old,
		      struct case_rec *k)
{
	if (k->worker_id != old->worker_id) {
		int rc = store_worker_check(c, who, k->worker_id);
		if (!rc)
			rc = store_person_assign(c, who, old->person_id, k->worker_id);
		if (rc)
			return rc;
	}
	struct dbstmt *s = db_prep(c, SQL_CASE_UPDATE);
	if (!s)
		return K_EDB;
	int64_t now = time_now();
	db_bind_int(s, 1, old->id);
	db_bind_text(s, 2, k->status);
	db_bind_text(s, 3, k->opening_reason);
	db_bind_text(s, 4, k->closing_reason);
	db_bind_text(s, 5, k->outcome);
	db_bind_text(s, 6, k->closed_on);
	if (k->closed_by)
		db_bind_int(s, 7, k->closed_by);
	else
		db_bind_null(s, 7);
	if (k->closure_requested_at) {
		db_bind_int(s, 8, k->closure_requested_at);
		db_bind_int(s, 9, k->closure_requested_by);
	} else {
		db_bind_null(s, 8);
		db_bind_null(s, 9);
	}
	db_bind_int(s, 10, k->household ? 1 : 0);
	db_bind_int(s, 11, k->worker_id);
	db_bind_int(s, 12, now);
	db_bind_int(s, 13, who->user_id);
	db_bind_int(s, 14, k->version);
	int rc = store_run_one(c, s);
	if (rc)
		return rc == K_ENOTFOUND ? K_ECONFLICT : rc;
	k->version++;
	k->updated_at = now;
	k->updated_by = who->user_id;
	return strcmp(k->status, old->status) ? store_report_person(c, old->person_id) : 0;
}

static void member_from(struct dbstmt *s, struct arena *a, struct case_member *m)
{
	m->user_id = db_col_int(s, 0);
	m->login = col(s, a, 1);
	m->full_name = col(s, a, 2);
	m->role = col(s, a, 3);
}

int store_case_members(struct dbconn *c, struct arena *a, int64_t case_id,
		       struct case_member **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_MEMBERS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	STORE_COLLECT(s, a, struct case_member, *rows, *n, 100, member_from(s, a, row));
}

int store_case_member_add(struct dbconn *c, const struct actor *who, const struct case_rec *k,
			  int64_t user_id)
{
	if (user_id == k->worker_id)
		return K_EINVAL; /* the assigned worker is on the team already */
	int rc = store_worker_check(c, who, user_id);
	if (!rc)
		rc = store_person_assign(c, who, k->person_id, user_id);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_MEMBER_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, k->id);
	db_bind_int(s, 2, user_id);
	db_bind_int(s, 3, who->user_id);
	db_bind_int(s, 4, time_now());
	return db_run(s);
}

int store_case_member_remove(struct dbconn *c, int64_t case_id, int64_t user_id)
{
	struct dbstmt *s = db_prep(c, SQL_MEMBER_REMOVE);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, user_id);
	return store_run_one(c, s);
}

static void note_from(struct dbstmt *s, struct arena *a, struct case_note *n)
{
	n->id = db_col_int(s, 0);
	n->case_id = db_col_int(s, 1);
	n->author_id = db_col_int(s, 2);
	n->author_login = col(s, a, 3);
	n->author_name = col(s, a, 4);
	n->noted_on = col(s, a, 5);
	n->confidential = db_col_int(s, 6) != 0;
	n->text = col(s, a, 7);
	n->created_at = db_col_int(s, 8);
}

static int notes_read(struct dbconn *c, struct arena *a, const struct actor *who, int64_t case_id,
		      struct case_note **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_NOTES);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, who->user_id);
	db_bind_int(s, 3, case_sees_confidential(who) ? 1 : 0);
	db_bind_int(s, 4, CASE_NOTES_MAX);
	STORE_COLLECT(s, a, struct case_note, *rows, *n, CASE_NOTES_MAX, note_from(s, a, row));
}

int store_case_notes(struct dbconn *c, struct arena *a, const struct actor *who, int64_t case_id,
		     struct case_note **rows, size_t *n)
{
	int rc = notes_read(c, a, who, case_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		if (*(*rows)[i].text) /* an erased note is empty */
			rc = seal_open(a, SEALED_CASE_NOTE, (*rows)[i].text, &(*rows)[i].text);
	return rc;
}

int store_case_note_add(struct dbconn *c, struct arena *a, const struct actor *who,
			struct case_note *n)
{
	const char *sealed;
	int rc = seal(a, SEALED_CASE_NOTE, n->text, &sealed);
	if (rc)
		return rc;
	struct dbstmt *s = db_prep(c, SQL_NOTE_ADD);
	if (!s)
		return K_EDB;
	n->author_id = who->user_id;
	n->created_at = time_now();
	db_bind_int(s, 1, n->case_id);
	db_bind_int(s, 2, n->author_id);
	db_bind_text(s, 3, n->noted_on);
	db_bind_int(s, 4, n->confidential ? 1 : 0);
	db_bind_text(s, 5, sealed);
	db_bind_int(s, 6, n->created_at);
	return store_returning_id(s, &n->id);
}

/* ---- the transactions of casework: each change with its audit row ---- */

int store_case_open(struct dbconn *c, const struct actor *who, struct case_rec *k)
{
	char detail[40];
	snprintf(detail, sizeof(detail), "person %lld", (long long)k->person_id);
	int rc = store_begin(c);
	if (!rc)
		rc = store_case_insert(c, who, k);
	if (!rc)
		rc = store_audit(c, who, "case.open", "case", k->id, detail);
	return store_finish(c, rc);
}

int store_case_change(struct dbconn *c, const struct actor *who, const struct case_rec *old,
		      struct case_rec *k, bool withdraw, bool *requested)
{
	int rc = case_settle(who, old, k, withdraw, time_now(), requested);
	if (rc)
		return rc;
	const char *action = *requested                            ? "case.closure_request"
			     : strcmp(k->status, old->status) == 0 ? "case.update"
								   : "case.status";
	rc = store_begin(c);
	if (!rc)
		rc = store_case_update(c, who, old, k);
	if (!rc)
		rc = store_audit(c, who, action, "case", k->id, k->status);
	return store_finish(c, rc);
}

int store_case_note_write(struct dbconn *c, struct arena *a, const struct actor *who,
			  struct case_note *n)
{
	int rc = store_begin(c);
	if (!rc)
		rc = store_case_note_add(c, a, who, n);
	if (!rc)
		rc = store_audit(c, who, "case.note", "case", n->case_id,
				 n->confidential ? "confidential" : NULL);
	return store_finish(c, rc);
}

int store_case_team(struct dbconn *c, const struct actor *who, const struct case_rec *k,
		    int64_t user_id, bool add)
{
	char detail[40];
	snprintf(detail, sizeof(detail), "user %lld", (long long)user_id);
	int rc = store_begin(c);
	if (!rc)
		rc = add ? store_case_member_add(c, who, k, user_id)
			 : store_case_member_remove(c, k->id, user_id);
	if (!rc)
		rc = store_audit(c, who, add ? "case.team_add" : "case.team_remove", "case", k->id,
				 detail);
	return store_finish(c, rc);
}

/* ---- the people of the actor's open cases, with what their deadlines need ---- */

#define MY_OPEN_CASES                                                                              \
	" FROM cases k JOIN persons p ON p.id = k.person_id WHERE" VISIBLE_FROM_OTHER              \
	"AND p.erased_at IS NULL AND k.status <> 'closed'" CASES_MINE
static const char SQL_CASELOAD_PEOPLE[] =
    "SELECT k.id, p.id, p.restricted, p.legal_status, p.legal_status_since, p.arrival_date,"
    " p.asylum_petition_on" MY_OPEN_CASES " ORDER BY k.id DESC LIMIT ?4";
static const char SQL_CASELOAD_DOCS[] =
    "SELECT d.person_id, d.id, d.type, d.number, d.expires_on FROM documents d"
    " WHERE d.expires_on IS NOT NULL AND d.person_id IN (SELECT p.id" MY_OPEN_CASES ")"
    " ORDER BY d.person_id, d.id";

static void caseload_person_from(struct dbstmt *s, struct arena *a, struct caseload_person *c)
{
	memset(c, 0, sizeof(*c));
	c->case_id = db_col_int(s, 0);
	c->person.id = db_col_int(s, 1);
	c->restricted = db_col_int(s, 2) != 0;
	c->person.legal_status = col(s, a, 3);
	c->person.legal_status_since = col(s, a, 4);
	c->person.arrival_date = col(s, a, 5);
	c->person.asylum_petition_on = col(s, a, 6);
}

static int caseload_people(struct dbconn *c, struct arena *a, const struct actor *who,
			   int64_t limit, struct caseload_person **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_CASELOAD_PEOPLE);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_int(s, 4, limit);
	STORE_COLLECT(s, a, struct caseload_person, *rows, *n, (size_t)limit,
		      caseload_person_from(s, a, row));
}

int store_caseload_people(struct dbconn *c, struct arena *a, const struct actor *who, int64_t limit,
			  struct caseload_person **rows, size_t *n)
{
	int rc = caseload_people(c, a, who, limit, rows, n);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_CASELOAD_DOCS);
	if (!rc && !s)
		rc = K_EDB;
	if (rc)
		return rc;
	/* Each document goes to every case of its person (a person may have two cases). */
	bind_visible(s, who);
	int step;
	while ((step = db_step(s)) == DB_ROW) {
		int64_t pid = db_col_int(s, 0);
		for (size_t i = 0; i < *n; i++) {
			struct person *p = &(*rows)[i].person;
			if (p->id != pid || p->ndocs == PERSON_MAX_DOCS)
				continue;
			p->docs[p->ndocs++] = (struct person_doc){ .id = db_col_int(s, 1),
								   .type = col(s, a, 2),
								   .number = col(s, a, 3),
								   .expires_on = col(s, a, 4) };
		}
	}
	db_reset(s);
	return step < 0 ? step : 0;
}
