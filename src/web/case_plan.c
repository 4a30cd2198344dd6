/* case_plan.c: a case's individual plan on its page (goals, tasks, reviews, approval) and
 * the forms that change it. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/casework.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/case_page.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

static void task_status_form(struct req *r, struct html *h, const struct case_rec *k,
			     const struct plan_task *t, const char *status, const char *label_msgid)
{
	html(h, "<form class=\"inline\" method=\"post\" action=\"/cases/%D/tasks/%D/status\">",
	     k->id, t->id);
	form_hidden_csrf(r, h);
	html(h,
	     "<input type=\"hidden\" name=\"status\" value=\"%s\"><button>%t<span "
	     "class=\"vh\">: %s</span></button></form> ",
	     status, label_msgid, t->title);
}

static void goal_status_form(struct req *r, struct html *h, const struct case_rec *k,
			     const struct plan_goal *g, const char *status, const char *label_msgid)
{
	html(h, "<form class=\"inline\" method=\"post\" action=\"/cases/%D/goals/%D/status\">",
	     k->id, g->id);
	form_hidden_csrf(r, h);
	html(h,
	     "<input type=\"hidden\" name=\"status\" value=\"%s\"><button>%t<span "
	     "class=\"vh\">: %s</span></button></form> ",
	     status, label_msgid, g->title);
}

static const char *goal_status_label(const char *s)
{
	return strcmp(s, "achieved") == 0  ? N_("achieved")
	       : strcmp(s, "dropped") == 0 ? N_("dropped")
					   : N_("open");
}

static const char *task_status_label(const char *s)
{
	return strcmp(s, "done") == 0        ? N_("done")
	       : strcmp(s, "cancelled") == 0 ? N_("cancelled")
					     : N_("to do");
}

/* The form that adds a task to goal g (the input kept when it was refused). */
static void task_form(struct req *r, struct html *h, const struct case_rec *k,
		      const struct plan_goal *g, const struct case_member *m, size_t nm,
		      const struct case_input *in)
{
	bool mine = in && in->task && in->task->goal_id == g->id;
	const struct plan_task *t = mine ? in->task : NULL;
	const struct field_errors *e = mine ? in->plan_errs : NULL;
	const char *id = arena_printf(&r->arena, "g%lld", (long long)g->id);
	html(h,
	     "<details%s><summary>%t<span class=\"vh\">: %s</span></summary><form method=\"post\" "
	     "action=\"/cases/%D/goals/%D/tasks\">",
	     mine ? " open" : "", N_("Add a task"), g->title, k->id, g->id);
	form_hidden_csrf(r, h);
	const char *fields[] = { "title", "responsible_id", "due_on" };
	const char *labels[] = { N_("Task"), N_("Responsible"), N_("Due on") };
	for (size_t i = 0; i < 3; i++) {
		const char *err = e ? field_error_for(e, fields[i]) : NULL;
		html(h, "<div class=\"field%s\"><label for=\"f-%s-%s\">%t</label>",
		     err ? " invalid" : "", id, fields[i], labels[i]);
		if (err)
			html(h, "<p class=\"error\" id=\"e-%s-%s\">%t</p>", id, fields[i], err);
		if (i == 1) {
			html(h, "<select id=\"f-%s-%s\" name=\"%s\">", id, fields[i], fields[i]);
			int64_t sel = t ? t->responsible_id : r->who->user_id;
			html(h, "<option value=\"%D\"%s>%s</option>", k->worker_id,
			     sel == k->worker_id ? " selected" : "",
			     case_member_name(k->worker_name, k->worker_login));
			for (size_t j = 0; j < nm; j++)
				html(h, "<option value=\"%D\"%s>%s</option>", m[j].user_id,
				     sel == m[j].user_id ? " selected" : "",
				     case_member_name(m[j].full_name, m[j].login));
			html(h, "</select>");
		} else {
			html(h, "<input id=\"f-%s-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", id,
			     fields[i], fields[i], i == 2 ? "date" : "text",
			     t ? (i == 0 ? t->title : t->due_on) : NULL);
			if (err)
				html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s-%s\"", id,
				     fields[i]);
			html(h, ">");
		}
		html(h, "</div>");
	}
	html(h, "<button>%t</button></form></details>", N_("Add the task"));
}

/* The individual plan: its approval, the next review, goals with their tasks, reviews. */
void case_plan_box(struct req *r, struct html *h, const struct case_rec *k,
		   const struct case_member *m, size_t nm, const struct case_input *in, bool work)
{
	struct plan_goal *g;
	struct plan_task *t;
	struct case_review *rv;
	size_t ng, nt, nr;
	if (store_plan_goals(req_db(r), &r->arena, k->id, &g, &ng) ||
	    store_plan_tasks(req_db(r), &r->arena, k->id, &t, &nt) ||
	    store_reviews(req_db(r), &r->arena, k->id, &rv, &nr))
		return;
	html(h, "<section class=\"plan\"><h2>%t</h2><p>", N_("Individual plan"));
	if (plan_needs_approval(k, ng))
		html(h, "%t",
		     k->plan_approved_at ? N_("Changed since a supervisor approved it.")
					 : N_("Waiting for a supervisor's approval."));
	else if (k->plan_approved_at)
		html(h, "%t %s", N_("Approved on"), layout_time(r, k->plan_approved_at));
	if (k->next_review_on)
		html(h, " %t %s.", N_("Next review:"), layout_date(r, k->next_review_on));
	html(h, "</p>");
	if (plan_needs_approval(k, ng) && case_may_close(r->who) &&
	    strcmp(k->status, "closed") != 0) {
		html(h, "<form method=\"post\" action=\"/cases/%D/plan/approve\">", k->id);
		form_hidden_csrf(r, h);
		html(h, "<button class=\"primary\">%t</button></form>", N_("Approve the plan"));
	}
	if (!ng)
		html(h, "<p>%t</p>",
		     N_("No goals yet: accept a proposed technology, or add a goal."));
	for (size_t i = 0; i < ng; i++) {
		html(h,
		     "<article class=\"goal\"><h3>%s <span class=\"badge status\">%t</span></h3>",
		     g[i].title, goal_status_label(g[i].status));
		if (g[i].service_kind)
			html(h, "<p class=\"hint\">%s · %s · %s · %s</p>",
			     ref_text(r, "functions", g[i].function),
			     ref_text(r, "means", g[i].means),
			     ref_text(r, "service_kinds", g[i].service_kind),
			     ref_text(r, "forms", g[i].form));
		html(h, "<ul class=\"tasks\">");
		for (size_t j = 0; j < nt; j++) {
			if (t[j].goal_id != g[i].id)
				continue;
			bool late =
			    strcmp(t[j].status, "todo") == 0 && strcmp(t[j].due_on, r->today) < 0;
			html(h, "<li>%s · %s · %s · ", t[j].title,
			     case_member_name(t[j].responsible_name, t[j].responsible_login),
			     layout_date(r, t[j].due_on));
			if (late)
				html(h, "<strong>%t</strong>", N_("overdue"));
			else
				html(h, "%t", task_status_label(t[j].status));
			if (work && strcmp(t[j].status, "todo") == 0) {
				html(h, " ");
				task_status_form(r, h, k, &t[j], "done", N_("Done"));
				task_status_form(r, h, k, &t[j], "cancelled",
						 N_("Cancel the task"));
			}
			html(h, "</li>");
		}
		html(h, "</ul>");
		if (work && strcmp(g[i].status, "open") == 0) {
			task_form(r, h, k, &g[i], m, nm, in);
			goal_status_form(r, h, k, &g[i], "achieved", N_("Goal achieved"));
			goal_status_form(r, h, k, &g[i], "dropped", N_("Drop the goal"));
		} else if (work) {
			goal_status_form(r, h, k, &g[i], "open", N_("Reopen the goal"));
		}
		html(h, "</article>");
	}
	if (work) {
		const struct field_errors *e = in && in->goal_title ? in->plan_errs : NULL;
		html(h, "<form method=\"post\" action=\"/cases/%D/goals\">", k->id);
		form_hidden_csrf(r, h);
		form_text(h, "goal_title", N_("New goal"), in ? in->goal_title : NULL, e, NULL);
		html(h, "<button>%t</button></form>", N_("Add the goal"));
		const struct field_errors *re = in && in->review ? in->plan_errs : NULL;
		html(h, "<h3>%t</h3><form method=\"post\" action=\"/cases/%D/reviews\">",
		     N_("Review the plan"), k->id);
		form_hidden_csrf(r, h);
		form_text(h, "reviewed_on", N_("Reviewed on"),
			  in && in->review ? in->review->reviewed_on : r->today, re, "date");
		form_textarea(h, "note", N_("What changed, and what comes next"),
			      in && in->review ? in->review->note : NULL, re, NULL);
		html(h, "<button>%t</button></form>", N_("Record the review"));
	}
	if (nr) {
		html(h, "<h3>%t</h3>", N_("Reviews"));
		for (size_t i = 0; i < nr; i++)
			html(h,
			     "<article class=\"note\"><h4>%s · %s</h4><p "
			     "class=\"note\">%s</p></article>",
			     layout_date(r, rv[i].reviewed_on),
			     case_member_name(rv[i].reviewer_name, rv[i].reviewer_login),
			     rv[i].note ? rv[i].note : "");
	}
	html(h, "</section>");
}

/* ---- the plan's forms ---- */

/* Renames a field of errs (a form's own field name for the record's). */
static void rename_field(struct field_errors *errs, const char *from, const char *to)
{
	for (size_t i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, from) == 0)
			errs->e[i].field = to;
}

/* Shows the case page again after a refused plan form (422), or redirects to it. */
static int plan_answer(struct req *r, const struct case_rec *k, int rc, struct case_input *in)
{
	if (rc == K_EINVAL) {
		r->status = 422;
		in->notice = N_("Some fields need attention; they are marked below.");
		return case_page_render(r, k, in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k->id));
}

int page_case_goals_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct plan_goal g = { .case_id = k.id, .title = req_form(r, "goal_title") };
	struct field_errors e = { 0 };
	struct case_input in = { .goal_title = g.title ? g.title : "", .plan_errs = &e };
	rc = plan_goal_validate(&r->arena, &g, &e);
	rename_field(&e, "title", "goal_title");
	if (!rc)
		rc = store_goal_write(req_db(r), r->who, &g);
	return plan_answer(r, &k, rc, &in);
}

int page_case_goal_status_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	const char *status = req_form(r, "status");
	if (!plan_goal_status_valid(status))
		return K_EINVAL;
	rc = store_goal_set_status(req_db(r), r->who, k.id, r->param[1], status);
	struct case_input in = { 0 };
	return plan_answer(r, &k, rc, &in);
}

int page_case_tasks_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct plan_task t = { .case_id = k.id,
			       .goal_id = r->param[1],
			       .title = req_form(r, "title"),
			       .due_on = req_form(r, "due_on") };
	const char *resp = req_form(r, "responsible_id");
	if (resp && parse_i64(resp, 1, INT64_MAX, &t.responsible_id))
		t.responsible_id = 0;
	struct field_errors e = { 0 };
	struct case_input in = { .task = &t, .plan_errs = &e };
	rc = plan_task_validate(&r->arena, &t, k.opened_on, &e);
	if (!rc) {
		rc = store_task_write(req_db(r), r->who, &t);
		if (rc == K_EINVAL)
			field_error_add(&e, "responsible_id",
					N_("Choose a member of the case's team."));
	}
	return plan_answer(r, &k, rc, &in);
}

int page_case_task_status_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	const char *status = req_form(r, "status");
	if (!plan_task_status_valid(status))
		return K_EINVAL;
	rc = store_task_set_status(req_db(r), r->who, k.id, r->param[1], status, r->today);
	struct case_input in = { 0 };
	return plan_answer(r, &k, rc, &in);
}

int page_case_plan_approve_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_read(r, &k);
	if (rc)
		return rc;
	if (!case_may_close(r->who) || strcmp(k.status, "closed") == 0)
		return K_EFORBIDDEN;
	struct plan_goal *g;
	size_t ng;
	if ((rc = store_plan_goals(req_db(r), &r->arena, k.id, &g, &ng)))
		return rc;
	if (!plan_needs_approval(&k, ng))
		return K_EINVAL; /* nothing to approve */
	rc = store_plan_approve(req_db(r), r->who, k.id);
	struct case_input in = { 0 };
	return plan_answer(r, &k, rc, &in);
}

int page_case_reviews_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct case_review rv = { .reviewed_on = req_form(r, "reviewed_on"),
				  .note = req_form(r, "note") };
	struct field_errors e = { 0 };
	struct case_input in = { .review = &rv, .plan_errs = &e };
	rc = case_review_validate(&r->arena, &rv, k.opened_on, r->today, &e);
	if (!rc)
		rc = store_review_write(req_db(r), &r->arena, r->who, &k, &rv);
	return plan_answer(r, &k, rc, &in);
}
