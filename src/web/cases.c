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
#include "web/case_page.h"
#include "web/pages.h"

#define CASELOAD_MAX 200

/* Opens a select with id "f-X" and name; an invalid one points at its message "e-X". The
 * attributes are written by format, never through %s (which would escape their quotes). */
void case_select_open(struct html *h, const char *id, const char *name, bool invalid)
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
	struct caseload_person *c;
	size_t nc, shown = 0;
	int rc = store_caseload_people(req_db(r), &r->arena, r->who, CASELOAD_MAX, &c, &nc);
	if (rc)
		return rc;
	html(h, "<section><h2>%t</h2><ul>", N_("Status and document deadlines"));
	for (size_t i = 0; i < nc; i++) {
		struct deadline d[DEADLINES_MAX];
		size_t n = person_deadlines(&c[i].person, r->today, d, DEADLINES_MAX);
		deadline_items(r, h, d, n, c[i].case_id);
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
	if (!all && ((rc = referrals_caseload_box(r, &h)) || (rc = due_box(r, &h))))
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
		case_select_open(&h, "f-worker_id", "worker_id", err != NULL);
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
	/* A record linked to another as the same person: its cases are the main record's. */
	if (p.linked_to)
		return req_redirect(
		    r, arena_printf(&r->arena, "/cases/new?person=%lld", (long long)p.linked_to));
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
	if (p.linked_to)
		return K_EFORBIDDEN; /* the form is on the main record's page only */
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

const char *case_member_name(const char *full_name, const char *login)
{
	return full_name && *full_name ? full_name : login;
}

static void team_box(struct req *r, struct html *h, const struct case_rec *k,
		     const struct case_member *m, size_t nm, const struct field_errors *e,
		     bool work)
{
	html(h, "<section><h2>%t</h2><ul><li>%s (%t)</li>", N_("Team"),
	     case_member_name(k->worker_name, k->worker_login), N_("assigned worker"));
	for (size_t i = 0; i < nm; i++) {
		html(h, "<li>%s (%t)", case_member_name(m[i].full_name, m[i].login),
		     label_role(m[i].role));
		if (work) {
			html(h,
			     " <form class=\"inline\" method=\"post\" "
			     "action=\"/cases/%D/workers/%D/remove\">",
			     k->id, m[i].user_id);
			form_hidden_csrf(r, h);
			html(h, "<button>%t<span class=\"vh\">: %s</span></button></form>",
			     N_("Remove"), case_member_name(m[i].full_name, m[i].login));
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
		case_select_open(h, "f-user_id", "user_id", err != NULL);
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
		     case_member_name(x->author_name, x->author_login));
		if (x->confidential)
			html(h, " <span class=\"badge\">%t</span>", N_("confidential"));
		html(h, "</h3><p class=\"note\">%s</p></article>",
		     *x->text ? x->text : html_tr(h, N_("Erased.")));
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
int case_page_render(struct req *r, const struct case_rec *k, const struct case_input *in)
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
	page_case_labour_box(r, &h, k->person_id);
	case_needs_box(r, &h, k, work && !closed);
	team_box(r, &h, k, m, nm, in ? in->team_errs : NULL, work && !closed);
	html(&h, "</div></div>");
	case_proposals_box(r, &h, k, work && !closed);
	case_plan_box(r, &h, k, m, nm, in, work && !closed);
	case_services_box(r, &h, k, in, work && !closed);
	case_referrals_box(r, &h, k, in, work && !closed);
	if (work && !closed)
		change_box(r, &h, k, in ? in->change : NULL, in ? in->change_errs : NULL);
	notes_box(r, &h, k, notes, nn, in ? in->note : NULL, in ? in->note_errs : NULL,
		  work && !closed);
	layout_end(r, &h);
	return 0;
}

/* Reads the case of the path (a case the actor may not see is 404). */
int case_page_read(struct req *r, struct case_rec *k)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	return store_case_get(req_db(r), &r->arena, r->who, r->param[0], k);
}

int page_case_get(struct req *r)
{
	struct case_rec k;
	int rc = case_page_read(r, &k);
	return rc ? rc : case_page_render(r, &k, NULL);
}

int page_case_post(struct req *r)
{
	struct case_rec old;
	int rc = case_page_read(r, &old);
	if (rc)
		return rc;
	if (!case_may_work(r->who, &old))
		return K_EFORBIDDEN;
	struct case_rec k = old;
	struct field_errors e = { 0 };
	k.version = form_version(r, &e);
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
		return case_page_render(r, &now, &in);
	}
	r->status = 422;
	in.notice = N_("Some fields need attention; they are marked below.");
	return case_page_render(r, &old, &in);
}

/* The case of the path for a change by its team (not closed): 0, or the error to answer. */
int case_page_for_work(struct req *r, struct case_rec *k)
{
	int rc = case_page_read(r, k);
	if (rc)
		return rc;
	return case_may_work(r->who, k) && strcmp(k->status, "closed") != 0 ? 0 : K_EFORBIDDEN;
}

int page_case_notes_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
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
		return case_page_render(r, &k, &in);
	}
	if ((rc = store_case_note_write(req_db(r), &r->arena, r->who, &n)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_workers_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
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
		return case_page_render(r, &k, &in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_worker_remove_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (!rc)
		rc = store_case_team(req_db(r), r->who, &k, r->param[1], false);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}
