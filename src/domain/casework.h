/* casework.h: cases (the individual form of work, domain.md §3), their team and notes:
 * the records, their validation and the rules of a case's life. No I/O.
 *
 * A case moves open → active ⇄ on hold; any of these → closed, and closed → active (a
 * reopening, by a supervisor). Closing needs a supervisor: the team asks for it (with the
 * reason and outcome), and a supervisor approves, or closes directly. The team of a case is
 * its assigned worker and its co-workers. Strings are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_CASEWORK_H
#define KOMEK_DOMAIN_CASEWORK_H

#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define CASE_TEXT_MAX 4000 /* characters of a reason, an outcome or a note */

struct case_rec {
	int64_t id, org_id, person_id, worker_id, version;
	bool household; /* the case covers the person's whole household */
	const char *status, *opening_reason, *opened_on;
	const char *closing_reason, *outcome, *closed_on;
	int64_t closure_requested_at, closure_requested_by, closed_by;
	int64_t created_at, updated_at, created_by, updated_by;
	/* Read with the case: the assigned worker and the person. */
	const char *worker_login, *worker_name;
	const char *family_name, *given_name, *patronymic;
	bool restricted;
	bool on_team; /* the reading actor is the assigned worker or a co-worker */
	/* The plan: reviews every review_every_days; the next one is due on next_review_on; a
	 * supervisor's approval, and whether the plan changed since. */
	int64_t review_every_days, plan_approved_at, plan_approved_by, plan_changed_at;
	const char *next_review_on;
};

struct case_member {
	int64_t user_id;
	const char *login, *full_name, *role;
};

struct case_note {
	int64_t id, case_id, author_id, created_at;
	const char *author_login, *author_name, *noted_on, *text;
	bool confidential;
};

/* A needs assessment: every need of the "needs" reference list scored for urgency (0 no
 * need to 3 urgent, the "urgency_levels" list), with an optional note each, and a summary.
 * Assessments are kept as made: a re-assessment is another one. */
#define NEEDS_MAX 16
#define URGENCY_MAX 3
#define NEED_NOTE_MAX 1000

struct need_score {
	const char *need; /* a "needs" code */
	int urgency;      /* 0..URGENCY_MAX */
	const char *note;
};

struct assessment {
	int64_t id, case_id, assessor_id, created_at;
	const char *assessed_on, *summary, *assessor_login, *assessor_name;
	struct need_score needs[NEEDS_MAX]; /* after validation: every need, in list order */
	size_t n;
};

/* Every need of the list at urgency 0, without notes, in the list's order. */
void assessment_init_needs(struct assessment *x);
/* The index of a need code in the list (and in a validated assessment), or -1. */
int need_index(const char *code);

/* Checks the date (not after today, not before the case opened), the summary, and each need given
 * (a known code, once, an urgency in range, a note of at most NEED_NOTE_MAX characters); then puts
 * the needs in list order, the ones not given at urgency 0. Field names: "assessed_on", "summary",
 * "needs.CODE.urgency", "needs.CODE.note", "needs.CODE" (unknown or repeated). */
int assessment_validate(struct arena *a, struct assessment *x, const char *opened_on,
			const char *today, struct field_errors *errs);

/* Normalises (trims) and checks a new case: worker, opening reason (1 to CASE_TEXT_MAX
 * characters), opening date (a date, not after today). 0 or K_EINVAL with errs filled. */
int case_validate_open(struct arena *a, struct case_rec *k, const char *today,
		       struct field_errors *errs);

/* Checks a change of a case from old to k (status, reason and closure fields): the status is
 * a case status and the move is allowed (see above), a closure has a closing reason from the
 * list, an outcome and a date not after today. 0 or K_EINVAL with errs filled. */
int case_validate_change(struct arena *a, const struct case_rec *old, struct case_rec *k,
			 const char *today, struct field_errors *errs);

/* A note: 1 to CASE_TEXT_MAX characters, a date not after today nor before the case opened
 * (opened_on). */
int case_validate_note(struct arena *a, struct case_note *n, const char *opened_on,
		       const char *today, struct field_errors *errs);

/* Settles a change the actor asked for (k, validated against old) by the rules above:
 * K_EFORBIDDEN if they may not make it (a closed case is only reopened, by a supervisor; only
 * a supervisor gives the case to another worker). A closure by someone who may not close
 * becomes a request: k keeps old's status and *requested is set. A supervisor's closure
 * approves any request; a reopening clears the closure; withdraw clears a request. */
int case_settle(const struct actor *a, const struct case_rec *old, struct case_rec *k,
		bool withdraw, int64_t now, bool *requested);

/* The individual plan: goals (from accepted proposals or written by the team), each with
 * tasks that have a responsible worker, a due date and a status; reviews. */
#define PLAN_TITLE_MAX 200

struct plan_goal {
	int64_t id, case_id, rule_id;
	const char *title, *function, *means, *service_kind, *form;
	const char *status; /* open, achieved, dropped */
};

struct plan_task {
	int64_t id, goal_id, case_id, responsible_id;
	const char *title, *due_on, *status, *done_on; /* status: todo, done, cancelled */
	const char *responsible_login, *responsible_name;
	/* For the caseload: the case's person. */
	const char *family_name, *given_name;
};

struct case_review {
	int64_t id, case_id, reviewer_id, created_at;
	const char *reviewed_on, *note, *reviewer_login, *reviewer_name;
};

/* A goal: a title of 1 to PLAN_TITLE_MAX characters; codes, when given, from their lists. */
int plan_goal_validate(struct arena *a, struct plan_goal *g, struct field_errors *errs);
/* A task: title, a responsible worker, a due date not before the case opened. */
int plan_task_validate(struct arena *a, struct plan_task *t, const char *opened_on,
		       struct field_errors *errs);
/* A status of a goal ("open", "achieved", "dropped") or a task ("todo", "done",
 * "cancelled"). */
bool plan_goal_status_valid(const char *s);
bool plan_task_status_valid(const char *s);
/* A review: a date not after today nor before the case opened; a note (what changed, what
 * comes next) of 1 to CASE_TEXT_MAX characters. */
int case_review_validate(struct arena *a, struct case_review *rv, const char *opened_on,
			 const char *today, struct field_errors *errs);
/* Whether the plan waits for a supervisor's approval: it has goals and was never approved,
 * or changed since. */
bool plan_needs_approval(const struct case_rec *k, size_t ngoals);

/* Who may do what to a case they can see (the store has checked that they see it). */
bool case_may_work(const struct actor *a, const struct case_rec *k); /* team or supervisor */
bool case_may_close(const struct actor *a);                          /* approve a closure */
bool case_may_reopen(const struct actor *a);
/* Sees confidential notes other than their own. */
bool case_sees_confidential(const struct actor *a);

#endif
