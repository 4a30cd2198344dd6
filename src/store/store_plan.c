/* store_plan.c: a case's individual plan (goals and tasks), its reviews and its approval,
 * and the caseload's lists of what is due. The caller has read the case with its access rule
 * (store_case_get) and passes it; a goal or task of another case is K_ENOTFOUND. Review notes
 * are sealed at rest. */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "crypt/seal.h"
#include "store/store.h"
#include "store/store_util.h"

static const char SQL_GOALS[] =
    "SELECT id, case_id, rule_id, title, function, means, service_kind, form, status"
    " FROM plan_goals WHERE case_id = ?1 ORDER BY id LIMIT ?2";
static const char SQL_TASKS[] =
    "SELECT t.id, t.goal_id, t.case_id, t.responsible_id, t.title, t.due_on, t.status,"
    " t.done_on, u.login, u.full_name, NULL, NULL FROM plan_tasks t"
    " JOIN users u ON u.id = t.responsible_id WHERE t.case_id = ?1 ORDER BY t.due_on, t.id"
    " LIMIT ?2";
static const char SQL_GOAL_ADD[] =
    "INSERT INTO plan_goals (case_id, title, rule_id, function, means, service_kind, form,"
    " status, created_at, created_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open',"
    " ?8, ?9, ?8) RETURNING id";
static const char SQL_GOAL_STATUS_NOW[] =
    "SELECT status FROM plan_goals WHERE id = ?1 AND case_id = ?2";
/* ?2 is on case ?1's team, or a supervisor (who sees every case of the organisation). */
static const char SQL_ON_TEAM[] =
    "SELECT id FROM cases WHERE id = ?1 AND worker_id = ?2 UNION SELECT case_id FROM"
    " case_workers WHERE case_id = ?1 AND user_id = ?2 UNION SELECT id FROM users"
    " WHERE id = ?2 AND role = 'supervisor'";
static const char SQL_LAST_REVIEW[] =
    "SELECT MAX(reviewed_on) FROM case_reviews WHERE case_id = ?1";
static const char SQL_GOAL_STATUS[] =
    "UPDATE plan_goals SET status = ?3, updated_at = ?4 WHERE id = ?1 AND case_id = ?2";
static const char SQL_TASK_ADD[] =
    "INSERT INTO plan_tasks (goal_id, case_id, title, responsible_id, due_on, status,"
    " created_at, created_by, updated_at) SELECT g.id, g.case_id, ?3, ?4, ?5, 'todo', ?6, ?7,"
    " ?6 FROM plan_goals g WHERE g.id = ?1 AND g.case_id = ?2 RETURNING id";
static const char SQL_TASK_STATUS[] =
    "UPDATE plan_tasks SET status = ?3, done_on = ?4, updated_at = ?5 WHERE id = ?1"
    " AND case_id = ?2";
static const char SQL_PLAN_CHANGED[] =
    "UPDATE cases SET plan_changed_at = ?2 WHERE id = ?1 AND plan_approved_at IS NOT NULL";
static const char SQL_PLAN_APPROVE[] =
    "UPDATE cases SET plan_approved_at = ?2, plan_approved_by = ?3, plan_changed_at = NULL"
    " WHERE id = ?1";
static const char SQL_REVIEWS[] =
    "SELECT r.id, r.case_id, r.reviewer_id, r.created_at, r.reviewed_on, r.note, u.login,"
    " u.full_name FROM case_reviews r JOIN users u ON u.id = r.reviewer_id"
    " WHERE r.case_id = ?1 ORDER BY r.reviewed_on DESC, r.id DESC LIMIT ?2";
static const char SQL_REVIEW_ADD[] =
    "INSERT INTO case_reviews (case_id, reviewed_on, reviewer_id, note, created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id";
static const char SQL_NEXT_REVIEW[] = "UPDATE cases SET next_review_on = ?2 WHERE id = ?1";
/* Tasks of the actor due by ?4, open, in cases they see (?1 ?2 ?3 are VISIBLE's). */
static const char SQL_TASKS_DUE[] =
    "SELECT t.id, t.goal_id, t.case_id, t.responsible_id, t.title, t.due_on, t.status,"
    " t.done_on, u.login, u.full_name, p.family_name, p.given_name FROM plan_tasks t"
    " JOIN users u ON u.id = t.responsible_id JOIN cases k ON k.id = t.case_id"
    " JOIN persons p ON p.id = k.person_id WHERE" VISIBLE_FROM_OTHER "AND p.erased_at IS NULL"
    " AND t.responsible_id = ?3 AND t.status = 'todo' AND t.due_on <= ?4"
    " AND k.status <> 'closed' ORDER BY t.due_on, t.id LIMIT ?5";

static const char *col(struct dbstmt *s, struct arena *a, int i)
{
	return arena_strdup(a, db_col_text(s, i));
}

static void goal_from(struct dbstmt *s, struct arena *a, struct plan_goal *g)
{
	g->id = db_col_int(s, 0);
	g->case_id = db_col_int(s, 1);
	g->rule_id = db_col_int(s, 2);
	g->title = col(s, a, 3);
	g->function = col(s, a, 4);
	g->means = col(s, a, 5);
	g->service_kind = col(s, a, 6);
	g->form = col(s, a, 7);
	g->status = col(s, a, 8);
}

static void task_from(struct dbstmt *s, struct arena *a, struct plan_task *t)
{
	t->id = db_col_int(s, 0);
	t->goal_id = db_col_int(s, 1);
	t->case_id = db_col_int(s, 2);
	t->responsible_id = db_col_int(s, 3);
	t->title = col(s, a, 4);
	t->due_on = col(s, a, 5);
	t->status = col(s, a, 6);
	t->done_on = col(s, a, 7);
	t->responsible_login = col(s, a, 8);
	t->responsible_name = col(s, a, 9);
	t->family_name = col(s, a, 10);
	t->given_name = col(s, a, 11);
}

int store_plan_goals(struct dbconn *c, struct arena *a, int64_t case_id, struct plan_goal **rows,
		     size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_GOALS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, PLAN_ITEMS_MAX);
	STORE_COLLECT(s, a, struct plan_goal, *rows, *n, PLAN_ITEMS_MAX, goal_from(s, a, row));
}

int store_plan_tasks(struct dbconn *c, struct arena *a, int64_t case_id, struct plan_task **rows,
		     size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_TASKS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, PLAN_ITEMS_MAX);
	STORE_COLLECT(s, a, struct plan_task, *rows, *n, PLAN_ITEMS_MAX, task_from(s, a, row));
}

int store_tasks_due(struct dbconn *c, struct arena *a, const struct actor *who, const char *by,
		    struct plan_task **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_TASKS_DUE);
	if (!s)
		return K_EDB;
	bind_visible(s, who);
	db_bind_text(s, 4, by);
	db_bind_int(s, 5, PLAN_ITEMS_MAX);
	STORE_COLLECT(s, a, struct plan_task, *rows, *n, PLAN_ITEMS_MAX, task_from(s, a, row));
}

static int run2(struct dbconn *c, const char *sql, int64_t x, int64_t y)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, x);
	db_bind_int(s, 2, y);
	return db_run(s);
}

int store_goal_add(struct dbconn *c, const struct actor *who, struct plan_goal *g)
{
	struct dbstmt *s = db_prep(c, SQL_GOAL_ADD);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, g->case_id);
	db_bind_text(s, 2, g->title);
	if (g->rule_id)
		db_bind_int(s, 3, g->rule_id);
	else
		db_bind_null(s, 3);
	db_bind_text(s, 4, g->function);
	db_bind_text(s, 5, g->means);
	db_bind_text(s, 6, g->service_kind);
	db_bind_text(s, 7, g->form);
	db_bind_int(s, 8, time_now());
	db_bind_int(s, 9, who->user_id);
	int rc = store_returning_id(s, &g->id);
	if (!rc)
		rc = store_plan_mark_changed(c, g->case_id);
	return rc;
}

int store_plan_mark_changed(struct dbconn *c, int64_t case_id)
{
	return run2(c, SQL_PLAN_CHANGED, case_id, time_now());
}

/* Each change of the plan is one transaction with its audit row. */
static int finish_audit(struct dbconn *c, const struct actor *who, int rc, const char *action,
			int64_t case_id, const char *detail)
{
	if (!rc)
		rc = store_audit(c, who, action, "case", case_id, detail);
	return store_finish(c, rc);
}

int store_goal_write(struct dbconn *c, const struct actor *who, struct plan_goal *g)
{
	int rc = store_begin(c);
	if (!rc)
		rc = store_goal_add(c, who, g);
	return finish_audit(c, who, rc, "plan.goal", g->case_id, g->title);
}

int store_goal_set_status(struct dbconn *c, const struct actor *who, int64_t case_id,
			  int64_t goal_id, const char *status)
{
	int rc = store_begin(c);
	/* The status it has already: nothing changes (nor does the plan's approval). */
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_GOAL_STATUS_NOW);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, goal_id);
		db_bind_int(s, 2, case_id);
		int step = db_step(s);
		bool same = step == DB_ROW && strcmp(db_col_text(s, 0), status) == 0;
		db_reset(s);
		rc = step == DB_ROW ? 0 : step == DB_DONE ? K_ENOTFOUND : step;
		if (!rc && same)
			return store_finish(c, 0);
	}
	s = rc ? NULL : db_prep(c, SQL_GOAL_STATUS);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, goal_id);
		db_bind_int(s, 2, case_id);
		db_bind_text(s, 3, status);
		db_bind_int(s, 4, time_now());
		rc = store_run_one(c, s);
	}
	if (!rc)
		rc = store_plan_mark_changed(c, case_id);
	return finish_audit(c, who, rc, "plan.goal_status", case_id, status);
}

int store_task_write(struct dbconn *c, const struct actor *who, struct plan_task *t)
{
	int rc = store_begin(c);
	/* The responsible sees the case: on its team, or a supervisor. */
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_ON_TEAM);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, t->case_id);
		db_bind_int(s, 2, t->responsible_id);
		rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND)
			rc = K_EINVAL;
	}
	if (!rc)
		rc = store_worker_check(c, who, t->responsible_id);
	s = rc ? NULL : db_prep(c, SQL_TASK_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, t->goal_id);
		db_bind_int(s, 2, t->case_id);
		db_bind_text(s, 3, t->title);
		db_bind_int(s, 4, t->responsible_id);
		db_bind_text(s, 5, t->due_on);
		db_bind_int(s, 6, time_now());
		db_bind_int(s, 7, who->user_id);
		rc = store_returning_id(s, &t->id); /* K_ENOTFOUND: not a goal of the case */
	}
	if (!rc)
		rc = store_plan_mark_changed(c, t->case_id);
	return finish_audit(c, who, rc, "plan.task", t->case_id, t->title);
}

int store_task_set_status(struct dbconn *c, const struct actor *who, int64_t case_id,
			  int64_t task_id, const char *status, const char *today)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_TASK_STATUS);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, task_id);
		db_bind_int(s, 2, case_id);
		db_bind_text(s, 3, status);
		db_bind_text(s, 4, strcmp(status, "done") == 0 ? today : NULL);
		db_bind_int(s, 5, time_now());
		rc = store_run_one(c, s);
	}
	return finish_audit(c, who, rc, "plan.task_status", case_id, status);
}

int store_plan_approve(struct dbconn *c, const struct actor *who, int64_t case_id)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_PLAN_APPROVE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, case_id);
		db_bind_int(s, 2, time_now());
		db_bind_int(s, 3, who->user_id);
		rc = store_run_one(c, s);
	}
	return finish_audit(c, who, rc, "plan.approve", case_id, NULL);
}

static void review_from(struct dbstmt *s, struct arena *a, struct case_review *rv)
{
	rv->id = db_col_int(s, 0);
	rv->case_id = db_col_int(s, 1);
	rv->reviewer_id = db_col_int(s, 2);
	rv->created_at = db_col_int(s, 3);
	rv->reviewed_on = col(s, a, 4);
	rv->note = col(s, a, 5);
	rv->reviewer_login = col(s, a, 6);
	rv->reviewer_name = col(s, a, 7);
}

static int reviews_read(struct dbconn *c, struct arena *a, int64_t case_id,
			struct case_review **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_REVIEWS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, case_id);
	db_bind_int(s, 2, PLAN_ITEMS_MAX);
	STORE_COLLECT(s, a, struct case_review, *rows, *n, PLAN_ITEMS_MAX, review_from(s, a, row));
}

int store_reviews(struct dbconn *c, struct arena *a, int64_t case_id, struct case_review **rows,
		  size_t *n)
{
	int rc = reviews_read(c, a, case_id, rows, n);
	for (size_t i = 0; !rc && i < *n; i++)
		if ((*rows)[i].note && *(*rows)[i].note)
			rc = seal_open(a, SEALED_REVIEW_NOTE, (*rows)[i].note, &(*rows)[i].note);
	return rc;
}

int store_review_write(struct dbconn *c, struct arena *a, const struct actor *who,
		       const struct case_rec *k, struct case_review *rv)
{
	const char *note;
	int rc = seal(a, SEALED_REVIEW_NOTE, rv->note, &note);
	if (!rc)
		rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_REVIEW_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		rv->case_id = k->id;
		rv->reviewer_id = who->user_id;
		rv->created_at = time_now();
		db_bind_int(s, 1, k->id);
		db_bind_text(s, 2, rv->reviewed_on);
		db_bind_int(s, 3, rv->reviewer_id);
		db_bind_text(s, 4, note);
		db_bind_int(s, 5, rv->created_at);
		rc = store_returning_id(s, &rv->id);
	}
	/* The next review follows the latest one (a review dated back does not move it). */
	char last[11] = "", next[11];
	if (!rc && !(s = db_prep(c, SQL_LAST_REVIEW)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, k->id);
		if (db_step(s) == DB_ROW && db_col_text(s, 0))
			snprintf(last, sizeof(last), "%s", db_col_text(s, 0));
		db_reset(s);
	}
	if (!rc && date_add_days(last, (int)k->review_every_days, next)) {
		if (!(s = db_prep(c, SQL_NEXT_REVIEW)))
			rc = K_EDB;
		else {
			db_bind_int(s, 1, k->id);
			db_bind_text(s, 2, next);
			rc = db_run(s);
		}
	}
	return finish_audit(c, who, rc, "plan.review", k->id, rv->reviewed_on);
}
