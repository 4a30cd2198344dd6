/* case_assessment.c: a case's needs assessments (the form, the history, the box on the
 * case page) and the proposed technologies with the team's decisions. */
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

static const char *urgency_code(int u);

/* The latest assessment's needs, most urgent first, with links to the history and a new
 * assessment. */
void case_needs_box(struct req *r, struct html *h, const struct case_rec *k, bool work)
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
void case_proposals_box(struct req *r, struct html *h, const struct case_rec *k, bool work)
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
	int rc = case_page_for_work(r, &k);
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
	int rc = case_page_for_work(r, &k);
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
	int rc = case_page_read(r, &k);
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
			     case_member_name(x[j].assessor_name, x[j].assessor_login),
			     x[j].summary);
	layout_end(r, &h);
	return 0;
}

int page_case_recommendation_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
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
		return case_page_render(r, &k, &in);
	}
	if ((rc = store_case_decide(req_db(r), &r->arena, r->who, k.id, &d,
				    rec_rule_label(it->p.rule, r->lang))))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}
