/* cases.c: the caseload, opening a case, and a case's page with its status, team and notes.
 *
 * Every form on the case page posts back to the case; a refused input shows the page again
 * with the form's errors marked and what the user typed kept. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/casework.h"
#include "domain/deadlines.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

#define CASELOAD_MAX 200

/* Opens a select with id "f-X" and name; an invalid one points at its message "e-X". The
 * attributes are written by format, never through %s (which would escape their quotes). */
static void select_open(struct html *h, const char *id, const char *name, bool invalid)
{
	html(h, "<select id=\"%s\" name=\"%s\"", id, name);
	if (invalid)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", id + 2);
	html(h, ">");
}

/* ---- the caseload ---- */

static void case_rows(struct req *r, struct html *h, const struct case_rec *rows, size_t n,
		      const char *empty_msgid)
{
	if (!n) {
		html(h, "<p>%t</p>", empty_msgid);
		return;
	}
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr>"
	     "</thead><tbody>",
	     N_("Case"), N_("Person"), N_("Status"), N_("Opened"), N_("Worker"));
	for (size_t i = 0; i < n; i++) {
		const struct case_rec *k = &rows[i];
		html(h, "<tr><td><a href=\"/cases/%D\">№ %D</a></td><td>%s", k->id, k->id,
		     layout_person_name(r, k->family_name, k->given_name, k->patronymic));
		if (k->restricted)
			html(h, " <span class=\"badge\">%t</span>", N_("restricted"));
		html(h, "</td><td>%s", ref_text(r, "case_statuses", k->status));
		if (k->closure_requested_at && strcmp(k->status, "closed") != 0)
			html(h, " <span class=\"badge\">%t</span>", N_("closure requested"));
		html(h, "</td><td>%s</td><td>%s</td></tr>", layout_date(r, k->opened_on),
		     *k->worker_name ? k->worker_name : k->worker_login);
	}
	html(h, "</tbody></table>");
}

static void deadline_items(struct req *r, struct html *h, const struct deadline *d, size_t n,
			   int64_t case_id);

/* The legal-status and document deadlines of the people of the actor's open cases. */
static int deadlines_due(struct req *r, struct html *h)
{
	struct case_filter f = { .mine = true, .open_only = true, .limit = CASELOAD_MAX };
	struct case_rec *k;
	size_t nk, shown = 0;
	int rc = store_case_list(req_db(r), &r->arena, r->who, &f, &k, &nk);
	if (rc)
		return rc;
	html(h, "<section><h2>%t</h2><ul>", N_("Status and document deadlines"));
	for (size_t i = 0; i < nk; i++) {
		struct person p;
		if ((rc = store_person_get(req_db(r), &r->arena, r->who, k[i].person_id, &p)))
			return rc;
		struct deadline d[DEADLINES_MAX];
		size_t n = person_deadlines(&p, r->today, d, DEADLINES_MAX);
		deadline_items(r, h, d, n, k[i].id);
		shown += n;
	}
	if (!shown)
		html(h, "<li>%t</li>", N_("None."));
	html(h, "</ul></section>");
	return 0;
}

/* The caseload's week: the actor's tasks due within seven days (overdue first) and the
 * reviews of their cases due by then. */
static int due_box(struct req *r, struct html *h)
{
	char week[11];
	if (!date_add_days(r->today, 7, week))
		return K_EINVAL;
	struct plan_task *t;
	struct case_rec *k;
	size_t nt, nk;
	struct case_filter rf = { .mine = true, .review_due_by = week, .limit = CASELOAD_MAX };
	int rc = store_tasks_due(req_db(r), &r->arena, r->who, week, &t, &nt);
	if (!rc)
		rc = store_case_list(req_db(r), &r->arena, r->who, &rf, &k, &nk);
	if (rc)
		return rc;
	html(h, "<section><h2>%t</h2>", N_("My tasks this week"));
	if (!nt)
		html(h, "<p>%t</p>", N_("None."));
	else
		html(h, "<ul>");
	for (size_t i = 0; i < nt; i++) {
		bool late = strcmp(t[i].due_on, r->today) < 0;
		html(h, "<li><a href=\"/cases/%D\">№ %D</a> · %s · %s · ", t[i].case_id,
		     t[i].case_id, layout_person_name(r, t[i].family_name, t[i].given_name, NULL),
		     t[i].title);
		if (late)
			html(h, "<strong>%t %s</strong></li>", N_("overdue"),
			     layout_date(r, t[i].due_on));
		else
			html(h, "%t %s</li>", N_("due"), layout_date(r, t[i].due_on));
	}
	if (nt)
		html(h, "</ul>");
	html(h, "</section><section><h2>%t</h2>", N_("Reviews due this week"));
	case_rows(r, h, k, nk, N_("None."));
	html(h, "</section>");
	return deadlines_due(r, h);
}

int page_cases_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct dbconn *c = req_db(r);
	const char *scope = req_query(r, "scope");
	bool all = scope && strcmp(scope, "all") == 0;
	const char *status = req_query(r, "status");
	if (status && !*status)
		status = NULL;
	if (status && !ref_valid("case_statuses", status))
		return K_EINVAL;
	struct case_filter f = {
		.mine = !all, .status = status, .open_only = !status, .limit = CASELOAD_MAX
	};
	struct case_rec *rows;
	size_t n;
	int rc = store_case_list(c, &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, all ? N_("Cases") : N_("My caseload"), NULL);
	html(&h, "<h1>%t</h1>", all ? N_("Cases") : N_("My caseload"));
	html(&h,
	     "<form class=\"filters\" method=\"get\" action=\"/cases\"><div class=\"field\">"
	     "<label for=\"f-scope\">%t</label><select id=\"f-scope\" name=\"scope\">"
	     "<option value=\"mine\"%s>%t</option><option value=\"all\"%s>%t</option></select>"
	     "</div>",
	     N_("Whose cases"), all ? "" : " selected", N_("mine"), all ? " selected" : "",
	     N_("everyone's I may see"));
	form_select_ref(&h, "status", N_("Status"), "case_statuses", status, NULL, true);
	html(&h, "<button>%t</button></form>", N_("Show"));
	if (case_may_close(r->who)) {
		struct case_filter pf = { .closure_pending = true, .limit = CASELOAD_MAX };
		struct case_filter af = { .plan_pending = true, .limit = CASELOAD_MAX };
		struct case_rec *pending, *plans;
		size_t np, na;
		if ((rc = store_case_list(c, &r->arena, r->who, &pf, &pending, &np)) ||
		    (rc = store_case_list(c, &r->arena, r->who, &af, &plans, &na)))
			return rc;
		html(&h, "<section><h2>%t</h2>", N_("Closures waiting for your approval"));
		case_rows(r, &h, pending, np, N_("None."));
		html(&h, "</section><section><h2>%t</h2>", N_("Plans waiting for your approval"));
		case_rows(r, &h, plans, na, N_("None."));
		html(&h, "</section>");
	}
	if (!all && (rc = due_box(r, &h)))
		return rc;
	html(&h, "<section><h2>%t</h2>",
	     status ? ref_text(r, "case_statuses", status)
		    : html_tr(&h, all ? N_("Open cases") : N_("My open cases")));
	case_rows(r, &h, rows, n,
		  all ? N_("No cases match.")
		      : N_("You have no open cases. Open one from a "
			   "person's page."));
	html(&h, "</section>");
	layout_end(r, &h);
	return 0;
}

/* ---- opening a case ---- */

static bool on_team(int64_t id, const struct case_rec *k, const struct case_member *m, size_t nm)
{
	if (k && id == k->worker_id)
		return true;
	for (size_t i = 0; i < nm; i++)
		if (m[i].user_id == id)
			return true;
	return false;
}

/* The workers of the actor's organisation who may hold a case, as <option>s; those on k's
 * team (k and m may be NULL) left out. */
static void worker_options(struct req *r, struct html *h, int64_t selected,
			   const struct case_rec *k, const struct case_member *m, size_t nm)
{
	struct store_user *u;
	size_t n;
	if (store_users_list(req_db(r), &r->arena, r->who->org_id, &u, &n))
		return;
	for (size_t i = 0; i < n; i++)
		if (u[i].active && strcmp(u[i].role, "analyst") != 0 && !on_team(u[i].id, k, m, nm))
			html(h, "<option value=\"%D\"%s>%s (%t)</option>", u[i].id,
			     u[i].id == selected ? " selected" : "",
			     *u[i].full_name ? u[i].full_name : u[i].login, label_role(u[i].role));
}

static void render_new(struct req *r, const struct person *p, const struct case_rec *k,
		       const struct field_errors *e)
{
	struct html h;
	const char *name = layout_person_name(r, p->family_name, p->given_name, p->patronymic);
	layout_begin(r, &h, N_("Open a case"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/persons/%D\">%s</a></p>", N_("Open a case"), p->id,
	     name);
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<form method=\"post\" action=\"/cases\">");
	form_hidden_csrf(r, &h);
	html(&h, "<input type=\"hidden\" name=\"person_id\" value=\"%D\">", p->id);
	form_textarea(&h, "opening_reason", N_("Reason for opening"), k->opening_reason, e,
		      N_("What brought the person to the centre, in a few sentences."));
	form_text(&h, "opened_on", N_("Opened on"), k->opened_on, e, "date");
	if (p->household_id)
		html(&h,
		     "<div class=\"field\"><label><input type=\"checkbox\" name=\"household\" "
		     "value=\"1\"%s> %t</label></div>",
		     k->household ? " checked" : "", N_("The case covers the whole household"));
	if (case_may_close(r->who)) {
		const char *err = field_error_for(e, "worker_id");
		html(&h, "<div class=\"field%s\"><label for=\"f-worker_id\">%t</label>",
		     err ? " invalid" : "", N_("Assigned worker"));
		if (err)
			html(&h, "<p class=\"error\" id=\"e-worker_id\">%t</p>", err);
		select_open(&h, "f-worker_id", "worker_id", err != NULL);
		worker_options(r, &h, k->worker_id, NULL, NULL, 0);
		html(&h, "</select></div>");
	}
	html(&h,
	     "<p><button class=\"primary\">%t</button> <a href=\"/persons/%D\">%t</a></p>"
	     "</form>",
	     N_("Open the case"), p->id, N_("Cancel"));
	layout_end(r, &h);
}

/* The person a new case is for (visible to the actor, not erased): 0 or an error. */
static int case_person(struct req *r, const char *id, struct person *p)
{
	int64_t pid;
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	if (!id || parse_i64(id, 1, INT64_MAX, &pid))
		return K_EINVAL;
	int rc = store_person_get(req_db(r), &r->arena, r->who, pid, p);
	if (!rc && p->erased_at)
		rc = K_EFORBIDDEN;
	return rc;
}

int page_case_new_get(struct req *r)
{
	struct person p;
	int rc = case_person(r, req_query(r, "person"), &p);
	if (rc)
		return rc;
	struct case_rec k = { .worker_id = r->who->user_id, .opened_on = r->today };
	struct field_errors e = { 0 };
	render_new(r, &p, &k, &e);
	return 0;
}

int page_cases_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct person p;
	int rc = case_person(r, req_form(r, "person_id"), &p);
	if (rc)
		return rc;
	struct case_rec k = { .person_id = p.id,
			      .worker_id = r->who->user_id,
			      .opening_reason = req_form(r, "opening_reason"),
			      .opened_on = req_form(r, "opened_on"),
			      .household = p.household_id && req_form(r, "household") };
	struct field_errors e = { 0 };
	const char *w = req_form(r, "worker_id");
	if (w && case_may_close(r->who) && parse_i64(w, 1, INT64_MAX, &k.worker_id))
		field_error_add(&e, "worker_id",
				N_("Choose an active worker of your organisation."));
	case_validate_open(&r->arena, &k, r->today, &e);
	if (!e.n) {
		rc = store_case_open(req_db(r), r->who, &k);
		if (rc == K_EINVAL)
			field_error_add(&e, "worker_id",
					N_("Choose an active worker of your organisation."));
		else if (rc)
			return rc;
	}
	if (e.n) {
		r->status = 422;
		render_new(r, &p, &k, &e);
		return 0;
	}
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

/* ---- a case's page ---- */

/* What a refused form on the case page brings back to it. */
struct case_input {
	const char *notice;            /* a message id above everything, or NULL */
	const struct case_rec *change; /* the status form's input, or NULL */
	const struct field_errors *change_errs;
	const struct case_note *note; /* the note form's input, or NULL */
	const struct field_errors *note_errs;
	const struct field_errors *team_errs;
	/* The plan's forms: a goal's title, a task (of goal task->goal_id), a review. */
	const char *goal_title;
	const struct plan_task *task;
	const struct case_review *review;
	const struct field_errors *plan_errs;
	/* The services' forms: a service, a repayment (of repayment->service_id). */
	const struct service_rec *service;
	const struct repayment *repayment;
	const struct field_errors *service_errs;
};

static const char *member_name(const char *full_name, const char *login)
{
	return full_name && *full_name ? full_name : login;
}

static void team_box(struct req *r, struct html *h, const struct case_rec *k,
		     const struct case_member *m, size_t nm, const struct field_errors *e,
		     bool work)
{
	html(h, "<section><h2>%t</h2><ul><li>%s (%t)</li>", N_("Team"),
	     member_name(k->worker_name, k->worker_login), N_("assigned worker"));
	for (size_t i = 0; i < nm; i++) {
		html(h, "<li>%s (%t)", member_name(m[i].full_name, m[i].login),
		     label_role(m[i].role));
		if (work) {
			html(h,
			     " <form class=\"inline\" method=\"post\" "
			     "action=\"/cases/%D/workers/%D/remove\">",
			     k->id, m[i].user_id);
			form_hidden_csrf(r, h);
			html(h, "<button>%t<span class=\"vh\">: %s</span></button></form>",
			     N_("Remove"), member_name(m[i].full_name, m[i].login));
		}
		html(h, "</li>");
	}
	html(h, "</ul>");
	if (work) {
		const char *err = e ? field_error_for(e, "user_id") : NULL;
		html(h, "<form method=\"post\" action=\"/cases/%D/workers\">", k->id);
		form_hidden_csrf(r, h);
		html(h, "<div class=\"field%s\"><label for=\"f-user_id\">%t</label>",
		     err ? " invalid" : "", N_("Add a co-worker"));
		if (err)
			html(h, "<p class=\"error\" id=\"e-user_id\">%t</p>", err);
		select_open(h, "f-user_id", "user_id", err != NULL);
		worker_options(r, h, 0, k, m, nm);
		html(h, "</select></div><button>%t</button></form>", N_("Add"));
	}
	html(h, "</section>");
}

/* The hidden fields that carry a case's closure as it stands (for approve and reopen). */
static void closure_hidden(struct html *h, const struct case_rec *k, const char *status)
{
	html(h,
	     "<input type=\"hidden\" name=\"version\" value=\"%D\">"
	     "<input type=\"hidden\" name=\"status\" value=\"%s\">"
	     "<input type=\"hidden\" name=\"opening_reason\" value=\"%s\">",
	     k->version, status, k->opening_reason);
	if (strcmp(status, "closed") == 0)
		html(h,
		     "<input type=\"hidden\" name=\"closing_reason\" value=\"%s\">"
		     "<input type=\"hidden\" name=\"outcome\" value=\"%s\">"
		     "<input type=\"hidden\" name=\"closed_on\" value=\"%s\">",
		     k->closing_reason, k->outcome, k->closed_on);
}

static void closure_box(struct req *r, struct html *h, const struct case_rec *k, bool work)
{
	bool closed = strcmp(k->status, "closed") == 0;
	if (!closed && !k->closure_requested_at)
		return;
	html(h, "<section class=\"closure\"><h2>%t</h2><dl>",
	     closed ? N_("Closure") : N_("Closure requested"));
	layout_dl(h, N_("Reason for closing"), ref_text(r, "closing_reasons", k->closing_reason));
	layout_dl(h, N_("Outcome"), k->outcome);
	layout_dl(h, N_("Closed on"), layout_date(r, k->closed_on));
	if (!closed)
		layout_dl(h, N_("Requested"), layout_time(r, k->closure_requested_at));
	html(h, "</dl>");
	if (!closed && case_may_close(r->who)) {
		html(h, "<form class=\"inline\" method=\"post\" action=\"/cases/%D\">", k->id);
		form_hidden_csrf(r, h);
		closure_hidden(h, k, "closed");
		html(h, "<button class=\"primary\">%t</button></form> ", N_("Approve the closure"));
	}
	if (!closed && work) {
		html(h, "<form class=\"inline\" method=\"post\" action=\"/cases/%D\">", k->id);
		form_hidden_csrf(r, h);
		closure_hidden(h, k, k->status);
		html(h,
		     "<input type=\"hidden\" name=\"withdraw\" value=\"1\"><button>%t</button>"
		     "</form>",
		     case_may_close(r->who) ? N_("Return to the team")
					    : N_("Withdraw the request"));
	}
	if (closed && case_may_reopen(r->who)) {
		html(h, "<form method=\"post\" action=\"/cases/%D\">", k->id);
		form_hidden_csrf(r, h);
		closure_hidden(h, k, "active");
		html(h, "<button>%t</button></form>", N_("Reopen the case"));
	}
	html(h, "</section>");
}

/* The form that changes status and reason, or asks for the closure. */
static void change_box(struct req *r, struct html *h, const struct case_rec *k,
		       const struct case_rec *in, const struct field_errors *e)
{
	const struct case_rec *v = in ? in : k;
	html(h, "<section><h2>%t</h2><form method=\"post\" action=\"/cases/%D\">",
	     N_("Status and closure"), k->id);
	form_hidden_csrf(r, h);
	html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", v->version);
	form_select_ref(h, "status", N_("Status"), "case_statuses", v->status, e, false);
	form_textarea(h, "opening_reason", N_("Reason for opening"), v->opening_reason, e, NULL);
	html(h, "<fieldset><legend>%t</legend><p class=\"hint\">%t</p>", N_("When closing"),
	     case_may_close(r->who)
		 ? N_("Choose the status closed and fill these in.")
		 : N_("Choose the status closed and fill these in: a supervisor approves the "
		      "closure."));
	form_select_ref(h, "closing_reason", N_("Reason for closing"), "closing_reasons",
			v->closing_reason, e, true);
	form_textarea(h, "outcome", N_("Outcome"), v->outcome, e, NULL);
	form_text(h, "closed_on", N_("Closed on"), v->closed_on, e, "date");
	html(h, "</fieldset><button class=\"primary\">%t</button></form></section>", N_("Save"));
}

static void notes_box(struct req *r, struct html *h, const struct case_rec *k,
		      const struct case_note *notes, size_t n, const struct case_note *in,
		      const struct field_errors *e, bool work)
{
	html(h, "<section class=\"notes\"><h2>%t</h2>", N_("Case notes"));
	if (work) {
		html(h, "<form method=\"post\" action=\"/cases/%D/notes\">", k->id);
		form_hidden_csrf(r, h);
		form_textarea(h, "text", N_("New note"), in ? in->text : NULL, e, NULL);
		form_text(h, "noted_on", N_("Date"), in ? in->noted_on : r->today, e, "date");
		html(h,
		     "<div class=\"field\"><label><input type=\"checkbox\" name=\"confidential\" "
		     "value=\"1\"%s> %t</label></div><button>%t</button></form>",
		     in && in->confidential ? " checked" : "",
		     N_("Confidential: seen only by me and supervisors"), N_("Add the note"));
	}
	if (!n)
		html(h, "<p>%t</p>", N_("No notes yet."));
	for (size_t i = 0; i < n; i++) {
		const struct case_note *x = &notes[i];
		html(h, "<article class=\"note\"><h3>%s · %s", layout_date(r, x->noted_on),
		     member_name(x->author_name, x->author_login));
		if (x->confidential)
			html(h, " <span class=\"badge\">%t</span>", N_("confidential"));
		html(h, "</h3><p class=\"note\">%s</p></article>",
		     *x->text ? x->text : html_tr(h, N_("Erased.")));
	}
	html(h, "</section>");
}

static const char *urgency_code(int u);

/* The latest assessment's needs, most urgent first, with links to the history and a new
 * assessment. */
static void needs_box(struct req *r, struct html *h, const struct case_rec *k, bool work)
{
	struct assessment *x;
	size_t n;
	if (store_assessments(req_db(r), &r->arena, k->id, &x, &n))
		return;
	html(h, "<section><h2>%t</h2>", N_("Needs"));
	if (!n) {
		html(h, "<p>%t</p>", N_("No assessment yet."));
	} else {
		html(h, "<p>%t %s · <a href=\"/cases/%D/assessments\">%t</a></p><ul>",
		     N_("Assessed on"), layout_date(r, x[0].assessed_on), k->id,
		     N_("All assessments"));
		bool any = false;
		for (int u = URGENCY_MAX; u > 0; u--)
			for (size_t i = 0; i < x[0].n; i++)
				if (x[0].needs[i].urgency == u) {
					html(h, "<li>%s: <strong>%s</strong></li>",
					     ref_text(r, "needs", x[0].needs[i].need),
					     ref_text(r, "urgency_levels", urgency_code(u)));
					any = true;
				}
		if (!any)
			html(h, "<li>%t</li>", N_("No needs found."));
		html(h, "</ul>");
	}
	if (work)
		html(h, "<p><a class=\"button\" href=\"/cases/%D/assessments/new\">%t</a></p>",
		     k->id, n ? N_("Assess again") : N_("Assess the needs"));
	html(h, "</section>");
}

static const char *reason_text(struct req *r, const struct rec_reason *x)
{
	switch (x->kind) {
	case REASON_CATEGORY:
		return arena_printf(&r->arena, "%s: %s", i18n_tr(r->lang, N_("Category")),
				    ref_text(r, "categories", x->code));
	case REASON_LEGAL_STATUS:
		return arena_printf(&r->arena, "%s: %s", i18n_tr(r->lang, N_("Legal status")),
				    ref_text(r, "legal_statuses", x->code));
	default:
		return arena_printf(&r->arena, "%s: %s (%s)", ref_text(r, "needs", x->code),
				    ref_text(r, "urgency_levels", urgency_code(x->urgency)),
				    i18n_tr(r->lang, x->registry ? N_("from the registry")
								 : N_("from the assessment")));
	}
}

static void decision_form(struct req *r, struct html *h, const struct case_rec *k, int64_t rule,
			  const char *decision, const char *label_msgid)
{
	html(h, "<form class=\"inline\" method=\"post\" action=\"/cases/%D/recommendations/%D\">",
	     k->id, rule);
	form_hidden_csrf(r, h);
	html(h, "<input type=\"hidden\" name=\"decision\" value=\"%s\"><button>%t</button></form> ",
	     decision, label_msgid);
}

/* The technologies proposed for the case, why, and what the team decided. */
static void proposals_box(struct req *r, struct html *h, const struct case_rec *k, bool work)
{
	struct case_proposal *cp;
	size_t n;
	if (store_case_proposals(req_db(r), &r->arena, k, &cp, &n))
		return;
	html(h, "<section class=\"proposals\"><h2>%t</h2>", N_("Proposed technologies"));
	if (!n)
		html(h, "<p>%t</p>", N_("Nothing is proposed yet: assess the needs."));
	for (size_t i = 0; i < n; i++) {
		const struct rec_rule *rule = cp[i].p.rule;
		const struct rec_decision *d = cp[i].decision;
		html(h, "<article class=\"proposal\"><h3>%s", rec_rule_label(rule, r->lang));
		if (d)
			html(h, " <span class=\"badge status\">%t</span>",
			     strcmp(d->decision, "accepted") == 0   ? N_("accepted")
			     : strcmp(d->decision, "rejected") == 0 ? N_("rejected")
								    : N_("changed"));
		html(h, "</h3><p>%s · %s · %s · %s</p>", ref_text(r, "functions", rule->function),
		     ref_text(r, "means", rule->means),
		     ref_text(r, "service_kinds", rule->service_kind),
		     ref_text(r, "forms", rule->form));
		if (d && strcmp(d->decision, "changed") == 0)
			html(h, "<p>%t: %s · %s · %s · %s</p>", N_("Changed to"),
			     ref_text(r, "functions", d->function), ref_text(r, "means", d->means),
			     ref_text(r, "service_kinds", d->service_kind),
			     ref_text(r, "forms", d->form));
		if (cp[i].p.nreasons) {
			html(h, "<p class=\"hint\">%t: ", N_("Why"));
			for (size_t j = 0; j < cp[i].p.nreasons; j++)
				html(h, "%s%s", j ? "; " : "", reason_text(r, &cp[i].p.reasons[j]));
			html(h, "</p>");
		} else {
			html(h, "<p class=\"hint\">%t</p>", N_("No longer proposed by the rules."));
		}
		if (d && d->note)
			html(h, "<p class=\"note\">%s</p>", d->note);
		if (work && cp[i].current) {
			html(h, "<div class=\"actions\">");
			decision_form(r, h, k, rule->id, "accepted", N_("Accept"));
			decision_form(r, h, k, rule->id, "rejected", N_("Reject"));
			html(h,
			     "<details><summary>%t</summary><form method=\"post\" "
			     "action=\"/cases/%D/recommendations/%D\">",
			     N_("Change"), k->id, rule->id);
			form_hidden_csrf(r, h);
			html(h, "<input type=\"hidden\" name=\"decision\" value=\"changed\">");
			const char *id = arena_printf(&r->arena, "r%lld", (long long)rule->id);
			static const struct {
				const char *name, *list, *label;
			} sel[] = { { "function", "functions", N_("Function") },
				    { "means", "means", N_("Means") },
				    { "service_kind", "service_kinds", N_("Service kind") },
				    { "form", "forms", N_("Form of work") } };
			const char *now[] = { rule->function, rule->means, rule->service_kind,
					      rule->form };
			for (size_t j = 0; j < 4; j++) {
				html(
				    h,
				    "<div class=\"field\"><label for=\"f-%s-%s\">%t</label><select "
				    "id=\"f-%s-%s\" name=\"%s\">",
				    id, sel[j].name, sel[j].label, id, sel[j].name, sel[j].name);
				const struct ref_list *l = ref_list_find(sel[j].list);
				for (size_t o = 0; o < l->n; o++)
					html(h, "<option value=\"%s\"%s>%s</option>",
					     l->items[o].code,
					     strcmp(l->items[o].code, now[j]) == 0 ? " selected"
										   : "",
					     ref_label(&l->items[o], r->lang));
				html(h, "</select></div>");
			}
			html(h,
			     "<div class=\"field\"><label for=\"f-%s-note\">%t</label><input "
			     "id=\"f-%s-note\" name=\"note\"></div><button>%t</button></form>"
			     "</details></div>",
			     id, N_("Note"), id, N_("Save the change"));
		}
		html(h, "</article>");
	}
	html(h, "</section>");
}

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
			     member_name(k->worker_name, k->worker_login));
			for (size_t j = 0; j < nm; j++)
				html(h, "<option value=\"%D\"%s>%s</option>", m[j].user_id,
				     sel == m[j].user_id ? " selected" : "",
				     member_name(m[j].full_name, m[j].login));
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
static void plan_box(struct req *r, struct html *h, const struct case_rec *k,
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
			     member_name(t[j].responsible_name, t[j].responsible_login),
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
			     member_name(rv[i].reviewer_name, rv[i].reviewer_login),
			     rv[i].note ? rv[i].note : "");
	}
	html(h, "</section>");
}

static const struct service_type *type_in(const struct service_type *t, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

/* A select of a reference list with an id prefix, so that forms on one page stay apart. */
static void select_ref(struct req *r, struct html *h, const char *prefix, const char *name,
		       const char *label_msgid, const char *list, const char *value,
		       const struct field_errors *e, bool blank)
{
	const char *err = e ? field_error_for(e, name) : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-%s-%s\">%t</label>", err ? " invalid" : "",
	     prefix, name, label_msgid);
	if (err)
		html(h, "<p class=\"error\" id=\"e-%s-%s\">%t</p>", prefix, name, err);
	html(h, "<select id=\"f-%s-%s\" name=\"%s\"", prefix, name, name);
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s-%s\"", prefix, name);
	html(h, ">");
	if (blank)
		html(h, "<option value=\"\">—</option>");
	const struct ref_list *l = ref_list_find(list);
	for (size_t i = 0; l && i < l->n; i++)
		html(h, "<option value=\"%s\"%s>%s</option>", l->items[i].code,
		     value && strcmp(value, l->items[i].code) == 0 ? " selected" : "",
		     ref_label(&l->items[i], r->lang));
	html(h, "</select></div>");
}

/* A text input with an id prefix. */
static void text_in(struct html *h, const char *prefix, const char *name, const char *label_msgid,
		    const char *value, const struct field_errors *e, const char *type)
{
	const char *err = e ? field_error_for(e, name) : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-%s-%s\">%t</label>", err ? " invalid" : "",
	     prefix, name, label_msgid);
	if (err)
		html(h, "<p class=\"error\" id=\"e-%s-%s\">%t</p>", prefix, name, err);
	html(h, "<input id=\"f-%s-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", prefix, name, name,
	     type ? type : "text", value);
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s-%s\"", prefix, name);
	html(h, "></div>");
}

static const char *int_text(struct req *r, int64_t v)
{
	return v ? arena_printf(&r->arena, "%lld", (long long)v) : NULL;
}

static void service_form(struct req *r, struct html *h, const struct case_rec *k,
			 const struct service_type *types, size_t nt, const struct case_input *in)
{
	const struct service_rec *v = in ? in->service : NULL;
	const struct field_errors *e = v ? in->service_errs : NULL;
	html(h,
	     "<details%s><summary>%t</summary><form method=\"post\" action=\"/cases/%D/services\" "
	     "class=\"service\">",
	     v ? " open" : "", N_("Record a service"), k->id);
	form_hidden_csrf(r, h);
	const char *err = e ? field_error_for(e, "type_id") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-s-type_id\">%t</label>",
	     err ? " invalid" : "", N_("What was given"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-s-type_id\">%t</p>", err);
	select_open(h, "f-s-type_id", "type_id", err != NULL);
	html(h, "<option value=\"\">—</option>");
	for (size_t i = 0; i < nt; i++)
		html(h, "<option value=\"%D\"%s>%s: %s</option>", types[i].id,
		     v && v->type_id == types[i].id ? " selected" : "",
		     ref_text(r, "service_kinds", types[i].service_kind),
		     service_type_label(&types[i], r->lang));
	html(h, "</select></div>");
	select_ref(r, h, "s", "form", N_("Form of work"), "forms", v ? v->form : "individual", e,
		   false);
	select_ref(r, h, "s", "function", N_("Function"), "functions", v ? v->function : NULL, e,
		   true);
	select_ref(r, h, "s", "means", N_("Means"), "means", v ? v->means : "individual", e, false);
	text_in(h, "s", "delivered_on", N_("Date"), v ? v->delivered_on : r->today, e, "date");
	text_in(h, "s", "minutes", N_("Duration in minutes"), v ? int_text(r, v->minutes) : NULL, e,
		"number");
	html(h,
	     "<div class=\"field\"><label for=\"f-s-result\">%t</label><textarea id=\"f-s-result\" "
	     "name=\"result\" rows=\"2\">%s</textarea></div>",
	     N_("Result"), v ? v->result : NULL);
	html(h, "<fieldset><legend>%t</legend>", N_("Material assistance or a loan"));
	const char *aerr = e ? field_error_for(e, "assistance") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-s-assistance\">%t</label>",
	     aerr ? " invalid" : "", N_("Assistance"));
	if (aerr)
		html(h, "<p class=\"error\" id=\"e-s-assistance\">%t</p>", aerr);
	const char *as = v ? v->assistance : NULL;
	select_open(h, "f-s-assistance", "assistance", aerr != NULL);
	html(h,
	     "<option value=\"\">—</option>"
	     "<option value=\"cash\"%s>%t</option><option value=\"in_kind\"%s>%t</option></select>"
	     "</div>",
	     as && strcmp(as, "cash") == 0 ? " selected" : "", N_("in cash"),
	     as && strcmp(as, "in_kind") == 0 ? " selected" : "", N_("in kind"));
	text_in(h, "s", "amount", N_("Amount"),
		v && v->amount ? amount_text(&r->arena, v->amount) : NULL, e, NULL);
	text_in(h, "s", "currency", N_("Currency"), v ? v->currency : "KZT", e, NULL);
	text_in(h, "s", "installments", N_("A loan: number of repayments"),
		v ? int_text(r, v->installments) : NULL, e, "number");
	text_in(h, "s", "first_due_on", N_("A loan: first repayment on"),
		v ? v->first_due_on : NULL, e, "date");
	text_in(h, "s", "every_days", N_("A loan: days between repayments"),
		v ? int_text(r, v->every_days) : NULL, e, "number");
	html(h, "</fieldset><button class=\"primary\">%t</button></form></details>",
	     N_("Record the service"));
}

static void loan_box(struct req *r, struct html *h, const struct case_rec *k,
		     const struct service_rec *s, bool work, const struct case_input *in)
{
	struct repayment *rp;
	size_t n;
	if (store_repayments(req_db(r), &r->arena, s->id, &rp, &n))
		return;
	html(h, "<p>%t: %s %s · %t: %s %s</p><ul>", N_("Repaid"), amount_text(&r->arena, s->repaid),
	     s->currency, N_("Owed"), amount_text(&r->arena, loan_balance(s)), s->currency);
	for (int64_t i = 0; i < s->installments && i < 12; i++) {
		char due[11];
		int64_t amount;
		if (loan_installment(s, i, due, &amount))
			html(h, "<li>%s: %s</li>", layout_date(r, due),
			     amount_text(&r->arena, amount));
	}
	html(h, "</ul>");
	for (size_t i = 0; i < n; i++)
		html(h, "<p>%t %s: %s</p>", N_("Repayment of"), layout_date(r, rp[i].paid_on),
		     amount_text(&r->arena, rp[i].amount));
	if (!work || !loan_balance(s))
		return;
	bool mine = in && in->repayment && in->repayment->service_id == s->id;
	const struct field_errors *e = mine ? in->service_errs : NULL;
	const char *prefix = arena_printf(&r->arena, "l%lld", (long long)s->id);
	html(h, "<form method=\"post\" action=\"/cases/%D/services/%D/repayments\">", k->id, s->id);
	form_hidden_csrf(r, h);
	text_in(h, prefix, "paid_on", N_("Paid on"), mine ? in->repayment->paid_on : r->today, e,
		"date");
	text_in(h, prefix, "amount", N_("Amount"),
		mine && in->repayment->amount ? amount_text(&r->arena, in->repayment->amount)
					      : NULL,
		e, NULL);
	html(h, "<button>%t</button></form>", N_("Record the repayment"));
}

/* The services delivered in the case, and the form to record one. */
static void services_box(struct req *r, struct html *h, const struct case_rec *k,
			 const struct case_input *in, bool work)
{
	struct service_rec *s;
	struct service_type *t;
	size_t n, nt;
	if (store_services(req_db(r), &r->arena, k->id, &s, &n) ||
	    store_service_types(req_db(r), &r->arena, false, &t, &nt))
		return;
	html(h, "<section class=\"services\"><h2>%t</h2>", N_("Services delivered"));
	if (!n)
		html(h, "<p>%t</p>", N_("None yet."));
	for (size_t i = 0; i < n; i++) {
		const struct service_type *ty = type_in(t, nt, s[i].type_id);
		html(h, "<article class=\"service\"><h3>%s · %s</h3><p>%s · %s · %s · %s",
		     layout_date(r, s[i].delivered_on), ty ? service_type_label(ty, r->lang) : "",
		     ref_text(r, "service_kinds", s[i].service_kind),
		     ref_text(r, "forms", s[i].form), ref_text(r, "functions", s[i].function),
		     member_name(s[i].provider_name, s[i].provider_login));
		if (s[i].minutes)
			html(h, " · %D %t", s[i].minutes, N_("min"));
		if (s[i].amount)
			html(h, " · %s %s", amount_text(&r->arena, s[i].amount), s[i].currency);
		if (s[i].assistance)
			html(h, " (%t)",
			     strcmp(s[i].assistance, "cash") == 0 ? N_("in cash") : N_("in kind"));
		html(h, "</p>");
		if (s[i].result)
			html(h, "<p class=\"note\">%s</p>", s[i].result);
		if (s[i].installments)
			loan_box(r, h, k, &s[i], work, in);
		html(h, "</article>");
	}
	if (work) {
		struct service_type *active;
		size_t na;
		if (!store_service_types(req_db(r), &r->arena, true, &active, &na))
			service_form(r, h, k, active, na, in);
	}
	html(h, "</section>");
}

static const char *deadline_text(struct req *r, const struct deadline *d)
{
	switch (d->kind) {
	case DEADLINE_KANDAS_STATUS: return i18n_tr(r->lang, N_("Kandas status ends"));
	case DEADLINE_ASYLUM_PETITION:
		return i18n_tr(r->lang, d->late ? N_("Asylum petition filed late: it was due")
						: N_("Asylum petition due"));
	default:
		return arena_printf(&r->arena, "%s %s %s",
				    ref_text(r, "document_types", d->doc->type), d->doc->number,
				    i18n_tr(r->lang, N_("expires")));
	}
}

/* A person's deadlines as list items (none: nothing written). */
static void deadline_items(struct req *r, struct html *h, const struct deadline *d, size_t n,
			   int64_t case_id)
{
	for (size_t i = 0; i < n; i++) {
		html(h, "<li>");
		if (case_id)
			html(h, "<a href=\"/cases/%D\">№ %D</a> · ", case_id, case_id);
		if (d[i].overdue || d[i].late)
			html(h, "<strong>%s %s</strong>", deadline_text(r, &d[i]),
			     layout_date(r, d[i].due_on));
		else
			html(h, "%s %s", deadline_text(r, &d[i]), layout_date(r, d[i].due_on));
		if (d[i].overdue)
			html(h, " (%t)", N_("overdue"));
		html(h, "</li>");
	}
}

static void deadlines_box(struct req *r, struct html *h, const struct case_rec *k)
{
	struct person p;
	if (store_person_get(req_db(r), &r->arena, r->who, k->person_id, &p))
		return;
	struct deadline d[DEADLINES_MAX];
	size_t n = person_deadlines(&p, r->today, d, DEADLINES_MAX);
	if (!n)
		return;
	html(h, "<section class=\"deadlines\"><h2>%t</h2><ul>", N_("Deadlines"));
	deadline_items(r, h, d, n, 0);
	html(h, "</ul></section>");
}

/* Shows the case page: a view of the case's person, recorded for their disclosure log (a
 * restricted person's page leaves only once the record is on disk). */
static int render_case(struct req *r, const struct case_rec *k, const struct case_input *in)
{
	struct dbconn *c = req_db(r);
	struct case_member *m;
	struct case_note *notes;
	size_t nm, nn;
	int rc =
	    audit_writer_log(r->app->audit, r->who, "case.view", "person", k->person_id,
			     arena_printf(&r->arena, "case %lld", (long long)k->id), k->restricted);
	if (!rc)
		rc = store_case_members(c, &r->arena, k->id, &m, &nm);
	if (!rc)
		rc = store_case_notes(c, &r->arena, r->who, k->id, &notes, &nn);
	if (rc)
		return rc;
	bool work = case_may_work(r->who, k);
	bool closed = strcmp(k->status, "closed") == 0;
	const char *name = layout_person_name(r, k->family_name, k->given_name, k->patronymic);
	struct html h;
	const char *title = arena_printf(&r->arena, "№ %lld", (long long)k->id);
	layout_begin(r, &h, N_("Case"),
		     k->restricted ? title : arena_printf(&r->arena, "%s %s", title, name));
	html(&h, "<h1>%t № %D <span class=\"badge status\">%s</span></h1>", N_("Case"), k->id,
	     ref_text(r, "case_statuses", k->status));
	if (in && in->notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", in->notice);
	html(&h, "<div class=\"cols\"><section><h2>%t</h2><dl>", N_("Details"));
	html(&h, "<dt>%t</dt><dd><a href=\"/persons/%D\">%s</a>", N_("Person"), k->person_id, name);
	if (k->restricted)
		html(&h, " <span class=\"badge\">%t</span>", N_("restricted"));
	html(&h, "</dd>");
	if (k->household)
		layout_dl(&h, N_("Covers"), html_tr(&h, N_("the whole household")));
	layout_dl(&h, N_("Opened on"), layout_date(r, k->opened_on));
	layout_dl(&h, N_("Reason for opening"), k->opening_reason);
	html(&h, "</dl></section><div>");
	closure_box(r, &h, k, work);
	deadlines_box(r, &h, k);
	needs_box(r, &h, k, work && !closed);
	team_box(r, &h, k, m, nm, in ? in->team_errs : NULL, work && !closed);
	html(&h, "</div></div>");
	proposals_box(r, &h, k, work && !closed);
	plan_box(r, &h, k, m, nm, in, work && !closed);
	services_box(r, &h, k, in, work && !closed);
	if (work && !closed)
		change_box(r, &h, k, in ? in->change : NULL, in ? in->change_errs : NULL);
	notes_box(r, &h, k, notes, nn, in ? in->note : NULL, in ? in->note_errs : NULL,
		  work && !closed);
	layout_end(r, &h);
	return 0;
}

/* Reads the case of the path (a case the actor may not see is 404). */
static int read_case(struct req *r, struct case_rec *k)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	return store_case_get(req_db(r), &r->arena, r->who, r->param[0], k);
}

int page_case_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k);
	return rc ? rc : render_case(r, &k, NULL);
}

int page_case_post(struct req *r)
{
	struct case_rec old;
	int rc = read_case(r, &old);
	if (rc)
		return rc;
	if (!case_may_work(r->who, &old))
		return K_EFORBIDDEN;
	struct case_rec k = old;
	struct field_errors e = { 0 };
	const char *ver = req_form(r, "version");
	if (!ver || parse_i64(ver, 1, INT64_MAX, &k.version))
		field_error_add(&e, "version", N_("The form is incomplete. Reload the page."));
	k.status = req_form(r, "status");
	k.opening_reason = req_form(r, "opening_reason");
	k.closing_reason = req_form(r, "closing_reason");
	k.outcome = req_form(r, "outcome");
	k.closed_on = req_form(r, "closed_on");
	bool withdraw = req_form(r, "withdraw") != NULL;
	if (withdraw)
		k.closure_requested_at = 0;
	if (k.status && strcmp(k.status, "closed") == 0 && !k.closed_on)
		k.closed_on = r->today;
	struct case_input in = { .change = &k, .change_errs = &e };
	if (!case_validate_change(&r->arena, &old, &k, r->today, &e)) {
		bool requested;
		struct case_rec want = k;
		rc = store_case_change(req_db(r), r->who, &old, &want, withdraw, &requested);
		if (!rc)
			return req_redirect(
			    r, arena_printf(&r->arena, "/cases/%lld", (long long)old.id));
		if (rc != K_ECONFLICT)
			return rc;
		/* Someone saved first: show the case as it is now, with this input kept. */
		r->status = 409;
		in.notice = N_("Someone else changed this case while you were editing. Your "
			       "changes are below and were not saved; check them against the "
			       "current case and save again.");
		struct case_rec now;
		if ((rc = store_case_get(req_db(r), &r->arena, r->who, old.id, &now)))
			return rc;
		k.version = now.version;
		return render_case(r, &now, &in);
	}
	r->status = 422;
	in.notice = N_("Some fields need attention; they are marked below.");
	return render_case(r, &old, &in);
}

/* The case of the path for a change by its team (not closed): 0, or the error to answer. */
static int case_for_work(struct req *r, struct case_rec *k)
{
	int rc = read_case(r, k);
	if (rc)
		return rc;
	return case_may_work(r->who, k) && strcmp(k->status, "closed") != 0 ? 0 : K_EFORBIDDEN;
}

int page_case_notes_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct case_note n = { .case_id = k.id,
			       .text = req_form(r, "text"),
			       .noted_on = req_form(r, "noted_on"),
			       .confidential = req_form(r, "confidential") != NULL };
	struct field_errors e = { 0 };
	if (case_validate_note(&r->arena, &n, k.opened_on, r->today, &e)) {
		r->status = 422;
		struct case_input in = { .notice = N_("Some fields need attention; they are marked "
						      "below."),
					 .note = &n,
					 .note_errs = &e };
		return render_case(r, &k, &in);
	}
	if ((rc = store_case_note_write(req_db(r), &r->arena, r->who, &n)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_workers_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	int64_t uid = 0;
	const char *s = req_form(r, "user_id");
	struct field_errors e = { 0 };
	if (!s || parse_i64(s, 1, INT64_MAX, &uid) ||
	    (rc = store_case_team(req_db(r), r->who, &k, uid, true)) == K_EINVAL) {
		field_error_add(&e, "user_id", N_("Choose an active worker of your organisation."));
		r->status = 422;
		struct case_input in = { .notice = N_("Some fields need attention; they are marked "
						      "below."),
					 .team_errs = &e };
		return render_case(r, &k, &in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_worker_remove_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (!rc)
		rc = store_case_team(req_db(r), r->who, &k, r->param[1], false);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

/* ---- needs assessments ---- */

static const char *urgency_code(int u)
{
	const struct ref_list *l = ref_list_find("urgency_levels");
	return u >= 0 && (size_t)u < l->n ? l->items[u].code : NULL;
}

static int urgency_parse(const char *code)
{
	const struct ref_list *l = ref_list_find("urgency_levels");
	for (size_t i = 0; code && i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return (int)i;
	return -1;
}

static int render_assessment_form(struct req *r, const struct case_rec *k,
				  const struct assessment *x, const struct field_errors *e)
{
	/* The form names the person: a view of them. */
	int rc = audit_writer_log(r->app->audit, r->who, "case.view", "person", k->person_id,
				  arena_printf(&r->arena, "case %lld assessment", (long long)k->id),
				  k->restricted);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("New needs assessment"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/cases/%D\">%t № %D</a> · %s</p>",
	     N_("New needs assessment"), k->id, N_("Case"), k->id,
	     layout_person_name(r, k->family_name, k->given_name, k->patronymic));
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<form method=\"post\" action=\"/cases/%D/assessments\" class=\"assessment\">",
	     k->id);
	form_hidden_csrf(r, &h);
	form_text(&h, "assessed_on", N_("Assessed on"), x->assessed_on, e, "date");
	html(&h,
	     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Score each need for urgency."), N_("Need"), N_("Urgency"), N_("Note"));
	for (size_t i = 0; i < x->n; i++) {
		const struct need_score *g = &x->needs[i];
		const char *ue =
		    field_error_for(e, arena_printf(&r->arena, "needs.%s.urgency", g->need));
		const char *ne =
		    field_error_for(e, arena_printf(&r->arena, "needs.%s.note", g->need));
		html(&h, "<tr><th scope=\"row\" id=\"n-%s\">%s</th><td>", g->need,
		     ref_text(r, "needs", g->need));
		if (ue)
			html(&h, "<p class=\"error\" id=\"e-u-%s\">%t</p>", g->need, ue);
		html(&h, "<select name=\"urgency.%s\" aria-labelledby=\"n-%s\"", g->need, g->need);
		if (ue)
			html(&h, " aria-invalid=\"true\" aria-describedby=\"e-u-%s\"", g->need);
		html(&h, ">");
		const struct ref_list *l = ref_list_find("urgency_levels");
		for (size_t u = 0; u < l->n; u++)
			html(&h, "<option value=\"%s\"%s>%s</option>", l->items[u].code,
			     (int)u == g->urgency ? " selected" : "",
			     ref_label(&l->items[u], r->lang));
		html(&h, "</select></td><td>");
		if (ne)
			html(&h, "<p class=\"error\" id=\"e-n-%s\">%t</p>", g->need, ne);
		html(&h, "<input name=\"note.%s\" value=\"%s\" aria-label=\"%t: %s\"", g->need,
		     g->note, N_("Note"), ref_text(r, "needs", g->need));
		if (ne)
			html(&h, " aria-invalid=\"true\" aria-describedby=\"e-n-%s\"", g->need);
		html(&h, "></td></tr>");
	}
	html(&h, "</tbody></table>");
	form_textarea(&h, "summary", N_("Summary"), x->summary, e,
		      N_("What the person said they need most, and what you saw."));
	html(&h, "<p><button class=\"primary\">%t</button> <a href=\"/cases/%D\">%t</a></p></form>",
	     N_("Save the assessment"), k->id, N_("Cancel"));
	layout_end(r, &h);
	return 0;
}

int page_case_assessment_new_get(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	/* A re-assessment starts from the last scores. */
	struct assessment *prev, x = { .case_id = k.id, .assessed_on = r->today };
	size_t n;
	if ((rc = store_assessments(req_db(r), &r->arena, k.id, &prev, &n)))
		return rc;
	assessment_init_needs(&x);
	for (size_t i = 0; n && i < x.n && i < prev[0].n; i++)
		x.needs[i].urgency = prev[0].needs[i].urgency;
	struct field_errors e = { 0 };
	return render_assessment_form(r, &k, &x, &e);
}

int page_case_assessments_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct assessment x = { .case_id = k.id,
				.assessed_on = req_form(r, "assessed_on"),
				.summary = req_form(r, "summary") };
	struct assessment all;
	assessment_init_needs(&all);
	for (size_t i = 0; i < all.n; i++) {
		const char *u =
		    req_form(r, arena_printf(&r->arena, "urgency.%s", all.needs[i].need));
		x.needs[x.n++] = (struct need_score){
			.need = all.needs[i].need,
			.urgency = u ? urgency_parse(u) : 0,
			.note = req_form(r, arena_printf(&r->arena, "note.%s", all.needs[i].need)),
		};
	}
	struct field_errors e = { 0 };
	if (assessment_validate(&r->arena, &x, k.opened_on, r->today, &e)) {
		r->status = 422;
		return render_assessment_form(r, &k, &x, &e);
	}
	if ((rc = store_assessment_write(req_db(r), &r->arena, r->who, &x)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld/assessments", (long long)k.id));
}

int page_case_assessments_get(struct req *r)
{
	struct case_rec k;
	int rc = read_case(r, &k);
	if (rc)
		return rc;
	struct assessment *x;
	size_t n;
	if ((rc = store_assessments(req_db(r), &r->arena, k.id, &x, &n)))
		return rc;
	if ((rc = audit_writer_log(
		 r->app->audit, r->who, "case.view", "person", k.person_id,
		 arena_printf(&r->arena, "case %lld assessments", (long long)k.id), k.restricted)))
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Needs assessments"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/cases/%D\">%t № %D</a> · %s</p>",
	     N_("Needs assessments"), k.id, N_("Case"), k.id,
	     layout_person_name(r, k.family_name, k.given_name, k.patronymic));
	if (case_may_work(r->who, &k) && strcmp(k.status, "closed") != 0)
		html(&h, "<p><a class=\"button\" href=\"/cases/%D/assessments/new\">%t</a></p>",
		     k.id, n ? N_("Assess again") : N_("Assess the needs"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No assessment yet."));
		layout_end(r, &h);
		return 0;
	}
	/* Needs down, assessments across (newest first): change over time at a glance. */
	size_t cols = n < 6 ? n : 6;
	html(&h, "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>",
	     N_("Urgency of each need, newest assessment first"), N_("Need"));
	for (size_t j = 0; j < cols; j++)
		html(&h, "<th scope=\"col\">%s</th>", layout_date(r, x[j].assessed_on));
	html(&h, "</tr></thead><tbody>");
	for (size_t i = 0; i < x[0].n; i++) {
		html(&h, "<tr><th scope=\"row\">%s</th>", ref_text(r, "needs", x[0].needs[i].need));
		for (size_t j = 0; j < cols; j++) {
			const struct need_score *g = &x[j].needs[i];
			html(&h, "<td class=\"u%d\">%s", g->urgency,
			     ref_text(r, "urgency_levels", urgency_code(g->urgency)));
			if (g->note)
				html(&h, "<br><small>%s</small>", g->note);
			html(&h, "</td>");
		}
		html(&h, "</tr>");
	}
	html(&h, "</tbody></table>");
	for (size_t j = 0; j < n; j++)
		if (x[j].summary && *x[j].summary)
			html(&h,
			     "<article class=\"note\"><h2>%s · %s</h2><p "
			     "class=\"note\">%s</p></article>",
			     layout_date(r, x[j].assessed_on),
			     member_name(x[j].assessor_name, x[j].assessor_login), x[j].summary);
	layout_end(r, &h);
	return 0;
}

int page_case_recommendation_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct case_proposal *cp;
	size_t n;
	if ((rc = store_case_proposals(req_db(r), &r->arena, &k, &cp, &n)))
		return rc;
	const struct case_proposal *it = NULL;
	for (size_t i = 0; i < n && !it; i++)
		if (cp[i].current && cp[i].p.rule->id == r->param[1])
			it = &cp[i];
	if (!it)
		return K_ENOTFOUND;
	struct rec_decision d = { .rule_id = it->p.rule->id,
				  .decision = req_form(r, "decision"),
				  .function = req_form(r, "function"),
				  .means = req_form(r, "means"),
				  .service_kind = req_form(r, "service_kind"),
				  .form = req_form(r, "form"),
				  .note = req_form(r, "note") };
	struct field_errors e = { 0 };
	if (rec_decision_validate(&r->arena, it->p.rule, &d, &e)) {
		r->status = 422;
		struct case_input in = { .notice = e.e[0].msg };
		return render_case(r, &k, &in);
	}
	if ((rc = store_case_decide(req_db(r), &r->arena, r->who, k.id, &d,
				    rec_rule_label(it->p.rule, r->lang))))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
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
		return render_case(r, k, in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k->id));
}

int page_case_goals_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
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
	int rc = case_for_work(r, &k);
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
	int rc = case_for_work(r, &k);
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
	int rc = case_for_work(r, &k);
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
	int rc = read_case(r, &k);
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
	int rc = case_for_work(r, &k);
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

/* ---- services' forms ---- */

/* A form's whole number (empty: 0); false when not a number in range. */
static bool form_int(struct req *r, const char *name, int64_t max, int64_t *out)
{
	const char *v = req_form(r, name);
	*out = 0;
	return !v || !parse_i64(v, 1, max, out);
}

int page_case_services_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct service_rec s = { .form = req_form(r, "form"),
				 .function = req_form(r, "function"),
				 .means = req_form(r, "means"),
				 .delivered_on = req_form(r, "delivered_on"),
				 .result = req_form(r, "result"),
				 .assistance = req_form(r, "assistance"),
				 .currency = req_form(r, "currency"),
				 .first_due_on = req_form(r, "first_due_on") };
	struct field_errors e = { 0 };
	int64_t type_id = 0;
	if (!form_int(r, "type_id", INT64_MAX, &type_id))
		type_id = 0;
	if (!form_int(r, "minutes", SERVICE_MINUTES_MAX, &s.minutes))
		field_error_add(&e, "minutes", N_("Must be a whole number in range."));
	if (!form_int(r, "installments", LOAN_INSTALLMENTS_MAX, &s.installments))
		field_error_add(&e, "installments", N_("Must be a whole number in range."));
	if (!form_int(r, "every_days", 366, &s.every_days))
		field_error_add(&e, "every_days", N_("Must be a whole number in range."));
	const char *amount = req_form(r, "amount");
	if (amount && !amount_parse(amount, &s.amount))
		field_error_add(&e, "amount", N_("Enter an amount such as 15000 or 15000.50."));
	/* A currency with no amount is the form's default, not a choice. */
	if (!amount && s.currency && strcmp(s.currency, "KZT") == 0)
		s.currency = NULL;
	struct service_type t;
	rc = type_id ? store_service_type_get(req_db(r), &r->arena, type_id, &t) : K_ENOTFOUND;
	if (rc && rc != K_ENOTFOUND)
		return rc;
	service_validate(&r->arena, &s, rc ? NULL : &t, k.opened_on, r->today, &e);
	struct case_input in = { .service = &s, .service_errs = &e };
	if (e.n) {
		r->status = 422;
		in.notice = N_("Some fields need attention; they are marked below.");
		return render_case(r, &k, &in);
	}
	if ((rc = store_service_write(req_db(r), &r->arena, r->who, &k, &s)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_repayments_post(struct req *r)
{
	struct case_rec k;
	int rc = case_for_work(r, &k);
	if (rc)
		return rc;
	struct repayment p = { .service_id = r->param[1], .paid_on = req_form(r, "paid_on") };
	struct field_errors e = { 0 };
	const char *amount = req_form(r, "amount");
	if (amount && !amount_parse(amount, &p.amount))
		field_error_add(&e, "amount", N_("Enter an amount such as 15000 or 15000.50."));
	struct case_input in = { .repayment = &p, .service_errs = &e };
	rc = e.n ? K_EINVAL
		 : store_repayment_write(req_db(r), &r->arena, r->who, &k, &p, r->today, &e);
	if (rc == K_EINVAL) {
		r->status = 422;
		in.notice = N_("Some fields need attention; they are marked below.");
		return render_case(r, &k, &in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}
