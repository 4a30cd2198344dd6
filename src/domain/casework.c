/* casework.c: the rules of cases (see casework.h). */
#include "domain/casework.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/reference.h"
#include "domain/validate.h"

static void required_note(struct field_errors *errs, const char *field, const char *v)
{
	if (!v)
		field_error_add(errs, field, N_("This field is required."));
	val_note(errs, field, v, CASE_TEXT_MAX);
}

static void required_date(struct field_errors *errs, const char *field, const char *v,
			  const char *today)
{
	if (!v)
		field_error_add(errs, field, N_("This field is required."));
	val_date(errs, field, v, today, true);
}

/* A date of something done in a case: not before the case opened. */
static void not_before_opening(struct field_errors *errs, const char *field, const char *date,
			       const char *opened_on)
{
	if (date && opened_on && date_valid(date) && strcmp(date, opened_on) < 0)
		field_error_add(errs, field, N_("The date is before the case was opened."));
}

int case_validate_open(struct arena *a, struct case_rec *k, const char *today,
		       struct field_errors *errs)
{
	k->opening_reason = val_trim(a, k->opening_reason);
	k->opened_on = val_trim(a, k->opened_on);
	if (k->worker_id <= 0)
		field_error_add(errs, "worker_id", N_("This field is required."));
	required_note(errs, "opening_reason", k->opening_reason);
	required_date(errs, "opened_on", k->opened_on, today);
	return errs->n ? K_EINVAL : 0;
}

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

/* open → active, on_hold; active ⇄ on_hold; closed → active (a reopening). Closing is
 * checked apart: it needs its reason and outcome. */
static bool move_ok(const char *from, const char *to)
{
	if (is(from, to) || is(to, "closed"))
		return true;
	if (is(from, "closed"))
		return is(to, "active");
	return is(to, "active") || is(to, "on_hold");
}

int case_validate_change(struct arena *a, const struct case_rec *old, struct case_rec *k,
			 const char *today, struct field_errors *errs)
{
	k->opening_reason = val_trim(a, k->opening_reason);
	k->closing_reason = val_trim(a, k->closing_reason);
	k->outcome = val_trim(a, k->outcome);
	k->closed_on = val_trim(a, k->closed_on);
	required_note(errs, "opening_reason", k->opening_reason);
	if (!k->status || !ref_valid("case_statuses", k->status))
		field_error_add(errs, "status", N_("Choose a value from the list."));
	else if (!move_ok(old->status, k->status))
		field_error_add(errs, "status",
				N_("A case cannot move to this status from its "
				   "present one."));
	/* A closure, asked for or made, carries its reason, outcome and date. */
	if (is(k->status, "closed") || k->closure_requested_at) {
		val_ref(errs, "closing_reason", "closing_reasons", k->closing_reason, true);
		required_note(errs, "outcome", k->outcome);
		required_date(errs, "closed_on", k->closed_on, today);
		if (k->closed_on && old->opened_on && strcmp(k->closed_on, old->opened_on) < 0)
			field_error_add(errs, "closed_on",
					N_("The case cannot close before it opened."));
	} else {
		val_ref(errs, "closing_reason", "closing_reasons", k->closing_reason, false);
		val_note(errs, "outcome", k->outcome, CASE_TEXT_MAX);
		val_date(errs, "closed_on", k->closed_on, today, true);
	}
	return errs->n ? K_EINVAL : 0;
}

int case_validate_note(struct arena *a, struct case_note *n, const char *opened_on,
		       const char *today, struct field_errors *errs)
{
	n->text = val_trim(a, n->text);
	n->noted_on = val_trim(a, n->noted_on);
	required_note(errs, "text", n->text);
	required_date(errs, "noted_on", n->noted_on, today);
	not_before_opening(errs, "noted_on", n->noted_on, opened_on);
	return errs->n ? K_EINVAL : 0;
}

int case_settle(const struct actor *a, const struct case_rec *old, struct case_rec *k,
		bool withdraw, int64_t now, bool *requested)
{
	*requested = false;
	if (!case_may_work(a, old))
		return K_EFORBIDDEN;
	if (k->worker_id != old->worker_id && a->role != ROLE_SUPERVISOR)
		return K_EFORBIDDEN;
	if (is(old->status, "closed")) {
		if (is(k->status, "closed"))
			return K_EFORBIDDEN; /* a closed case is read-only */
		if (!case_may_reopen(a))
			return K_EFORBIDDEN;
		k->closing_reason = k->outcome = k->closed_on = NULL;
		k->closed_by = k->closure_requested_at = k->closure_requested_by = 0;
		return 0;
	}
	if (withdraw) {
		k->closure_requested_at = k->closure_requested_by = 0;
		if (!is(k->status, "closed")) {
			k->closing_reason = k->outcome = k->closed_on = NULL;
			return 0;
		}
	}
	if (!is(k->status, "closed"))
		return 0;
	if (case_may_close(a)) {
		k->closed_by = a->user_id;
		k->closure_requested_at = k->closure_requested_by = 0;
		return 0;
	}
	k->status = old->status;
	k->closure_requested_at = now;
	k->closure_requested_by = a->user_id;
	*requested = true;
	return 0;
}

void assessment_init_needs(struct assessment *x)
{
	const struct ref_list *list = ref_list_find("needs");
	x->n = list->n < NEEDS_MAX ? list->n : NEEDS_MAX;
	for (size_t i = 0; i < x->n; i++)
		x->needs[i] = (struct need_score){ .need = list->items[i].code };
}

int need_index(const char *code)
{
	const struct ref_list *list = ref_list_find("needs");
	for (size_t i = 0; code && i < list->n && i < NEEDS_MAX; i++)
		if (strcmp(list->items[i].code, code) == 0)
			return (int)i;
	return -1;
}

int assessment_validate(struct arena *a, struct assessment *x, const char *opened_on,
			const char *today, struct field_errors *errs)
{
	x->assessed_on = val_trim(a, x->assessed_on);
	x->summary = val_trim(a, x->summary);
	required_date(errs, "assessed_on", x->assessed_on, today);
	not_before_opening(errs, "assessed_on", x->assessed_on, opened_on);
	val_note(errs, "summary", x->summary, CASE_TEXT_MAX);
	struct assessment all = { 0 };
	assessment_init_needs(&all);
	bool given[NEEDS_MAX] = { false };
	for (size_t i = 0; i < x->n; i++) {
		struct need_score *g = &x->needs[i];
		int k = need_index(g->need);
		const char *base = arena_printf(a, "needs.%s", g->need ? g->need : "");
		if (k < 0 || given[k]) {
			field_error_add(errs, base,
					k < 0 ? N_("Unknown need.") : N_("Given twice."));
			continue;
		}
		given[k] = true;
		if (g->urgency < 0 || g->urgency > URGENCY_MAX)
			field_error_add(errs, arena_printf(a, "%s.urgency", base),
					N_("Choose a value from the list."));
		all.needs[k].urgency = g->urgency;
		all.needs[k].note = val_trim(a, g->note);
		val_note(errs, arena_printf(a, "%s.note", base), all.needs[k].note, NEED_NOTE_MAX);
	}
	memcpy(x->needs, all.needs, sizeof(all.needs));
	x->n = all.n;
	return errs->n ? K_EINVAL : 0;
}

int plan_goal_validate(struct arena *a, struct plan_goal *g, struct field_errors *errs)
{
	g->title = val_trim(a, g->title);
	val_text(errs, "title", g->title, true, PLAN_TITLE_MAX);
	val_ref(errs, "function", "functions", g->function, false);
	val_ref(errs, "means", "means", g->means, false);
	val_ref(errs, "service_kind", "service_kinds", g->service_kind, false);
	val_ref(errs, "form", "forms", g->form, false);
	if (g->status && !plan_goal_status_valid(g->status))
		field_error_add(errs, "status", N_("Choose a value from the list."));
	return errs->n ? K_EINVAL : 0;
}

int plan_task_validate(struct arena *a, struct plan_task *t, const char *opened_on,
		       struct field_errors *errs)
{
	t->title = val_trim(a, t->title);
	t->due_on = val_trim(a, t->due_on);
	val_text(errs, "title", t->title, true, PLAN_TITLE_MAX);
	if (t->responsible_id <= 0)
		field_error_add(errs, "responsible_id", N_("This field is required."));
	if (!t->due_on)
		field_error_add(errs, "due_on", N_("This field is required."));
	val_date(errs, "due_on", t->due_on, NULL, false);
	not_before_opening(errs, "due_on", t->due_on, opened_on);
	return errs->n ? K_EINVAL : 0;
}

bool plan_goal_status_valid(const char *s)
{
	return is(s, "open") || is(s, "achieved") || is(s, "dropped");
}

bool plan_task_status_valid(const char *s)
{
	return is(s, "todo") || is(s, "done") || is(s, "cancelled");
}

int case_review_validate(struct arena *a, struct case_review *rv, const char *opened_on,
			 const char *today, struct field_errors *errs)
{
	rv->reviewed_on = val_trim(a, rv->reviewed_on);
	rv->note = val_trim(a, rv->note);
	required_date(errs, "reviewed_on", rv->reviewed_on, today);
	not_before_opening(errs, "reviewed_on", rv->reviewed_on, opened_on);
	required_note(errs, "note", rv->note);
	return errs->n ? K_EINVAL : 0;
}

bool plan_needs_approval(const struct case_rec *k, size_t ngoals)
{
	return ngoals > 0 && (!k->plan_approved_at || k->plan_changed_at);
}

bool case_may_work(const struct actor *a, const struct case_rec *k)
{
	return a->role == ROLE_SUPERVISOR || (a->role != ROLE_ANALYST && k->on_team);
}

bool case_may_close(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}

bool case_may_reopen(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}

bool case_sees_confidential(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR;
}
