/* rules.c: the recommendation rules, for administrators (domain/recommend.h): the list, a
 * new rule, and a rule's form. A refused form shows again with its errors and input. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/recommend.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *condition_text(struct req *r, const struct rec_rule *x)
{
	const char *out = "";
	if (x->category)
		out = arena_printf(&r->arena, "%s: %s", i18n_tr(r->lang, N_("Category")),
				   ref_text(r, "categories", x->category));
	if (x->legal_status)
		out = arena_printf(&r->arena, "%s%s%s: %s", out, *out ? "; " : "",
				   i18n_tr(r->lang, N_("Legal status")),
				   ref_text(r, "legal_statuses", x->legal_status));
	if (x->need) {
		const struct ref_list *u = ref_list_find("urgency_levels");
		out = arena_printf(&r->arena, "%s%s%s ≥ %s", out, *out ? "; " : "",
				   ref_text(r, "needs", x->need),
				   x->min_urgency > 0 && (size_t)x->min_urgency < u->n
				       ? ref_label(&u->items[x->min_urgency], r->lang)
				       : "?");
	}
	return out;
}

int page_rules_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct rec_rule *rules;
	size_t n;
	int rc = store_rules(req_db(r), &r->arena, false, &rules, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Recommendation rules"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p><p><a class=\"button\" href=\"/rules/new\">%t</a></p>",
	     N_("Recommendation rules"),
	     N_("Each rule proposes a technology for a case when all its conditions hold. The "
		"workers see the proposals on the case page, with the reasons."),
	     N_("New rule"));
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Proposal"), N_("When"), N_("Service kind"), N_("Active"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/rules/%D\">%s</a></td><td>%s</td><td>%s</td>"
		     "<td>%t</td></tr>",
		     rules[i].id, rec_rule_label(&rules[i], r->lang), condition_text(r, &rules[i]),
		     ref_text(r, "service_kinds", rules[i].service_kind),
		     rules[i].active ? N_("yes") : N_("no"));
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

static void render_rule(struct req *r, const struct rec_rule *x, const struct field_errors *e,
			const char *notice)
{
	struct html h;
	const char *title = x->id ? N_("Recommendation rule") : N_("New rule");
	layout_begin(r, &h, title, NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/rules\">%t</a></p>", title, N_("All rules"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (x->id)
		html(&h, "<form method=\"post\" action=\"/rules/%D\" class=\"rule\">", x->id);
	else
		html(&h, "<form method=\"post\" action=\"/rules\" class=\"rule\">");
	form_hidden_csrf(r, &h);
	if (x->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", x->version);
	html(&h, "<fieldset><legend>%t</legend><p class=\"hint\">%t</p>", N_("When"),
	     N_("All the conditions given must hold; leave out the ones that do not matter."));
	form_select_ref(&h, "category", N_("The person's category"), "categories", x->category, e,
			true);
	form_select_ref(&h, "legal_status", N_("The person's legal status"), "legal_statuses",
			x->legal_status, e, true);
	form_select_ref(&h, "need", N_("A need of the latest assessment"), "needs", x->need, e,
			true);
	const struct ref_list *levels = ref_list_find("urgency_levels");
	const char *min =
	    levels->items[x->min_urgency >= 1 && x->min_urgency <= URGENCY_MAX ? x->min_urgency : 2]
		.code;
	form_select_ref(&h, "min_urgency", N_("Scored at least"), "urgency_levels", min, e, false);
	html(&h, "</fieldset><fieldset><legend>%t</legend>", N_("Then propose"));
	form_select_ref(&h, "function", N_("Function"), "functions", x->function, e, true);
	form_select_ref(&h, "means", N_("Means"), "means", x->means, e, true);
	form_select_ref(&h, "service_kind", N_("Service kind"), "service_kinds", x->service_kind, e,
			true);
	form_select_ref(&h, "form", N_("Form of work"), "forms", x->form, e, true);
	form_text(&h, "label_kk", N_("What is proposed, in Kazakh"), x->label_kk, e, NULL);
	form_text(&h, "label_ru", N_("What is proposed, in Russian"), x->label_ru, e, NULL);
	form_text(&h, "label_en", N_("What is proposed, in English"), x->label_en, e, NULL);
	html(&h,
	     "</fieldset><div class=\"field\"><label><input type=\"checkbox\" name=\"active\" "
	     "value=\"1\"%s> %t</label></div>",
	     x->active ? " checked" : "", N_("Active: proposed to the workers"));
	html(&h, "<p><button class=\"primary\">%t</button> <a href=\"/rules\">%t</a></p></form>",
	     N_("Save"), N_("Cancel"));
	layout_end(r, &h);
}

int page_rule_new_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct rec_rule x = { .active = true, .min_urgency = 2 };
	struct field_errors e = { 0 };
	render_rule(r, &x, &e, NULL);
	return 0;
}

int page_rule_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct rec_rule x;
	int rc = store_rule_get(req_db(r), &r->arena, r->param[0], &x);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	render_rule(r, &x, &e, NULL);
	return 0;
}

static int rule_post(struct req *r, int64_t id)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct rec_rule x = { .id = id,
			      .category = req_form(r, "category"),
			      .legal_status = req_form(r, "legal_status"),
			      .need = req_form(r, "need"),
			      .function = req_form(r, "function"),
			      .means = req_form(r, "means"),
			      .service_kind = req_form(r, "service_kind"),
			      .form = req_form(r, "form"),
			      .label_kk = req_form(r, "label_kk"),
			      .label_ru = req_form(r, "label_ru"),
			      .label_en = req_form(r, "label_en"),
			      .active = req_form(r, "active") != NULL };
	struct field_errors e = { 0 };
	const char *u = req_form(r, "min_urgency");
	const struct ref_list *levels = ref_list_find("urgency_levels");
	x.min_urgency = -1;
	for (size_t i = 0; u && i < levels->n; i++)
		if (strcmp(levels->items[i].code, u) == 0)
			x.min_urgency = (int)i;
	if (!x.need)
		x.min_urgency = 2;
	if (id)
		x.version = form_version(r, &e);
	if (rec_rule_validate(&r->arena, &x, &e)) {
		r->status = 422;
		render_rule(r, &x, &e, NULL);
		return 0;
	}
	int rc = store_rule_save(req_db(r), r->who, &x);
	if (rc == K_ECONFLICT) {
		struct rec_rule now;
		if ((rc = store_rule_get(req_db(r), &r->arena, id, &now)))
			return rc;
		x.version = now.version;
		r->status = 409;
		render_rule(
		    r, &x, &e,
		    N_("Someone else changed this rule while you were editing. Your changes "
		       "are below and were not saved; check them and save again."));
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, "/rules");
}

int page_rules_post(struct req *r)
{
	return rule_post(r, 0);
}

int page_rule_post(struct req *r)
{
	if (access_may_admin(r->who)) {
		struct rec_rule old;
		int rc = store_rule_get(req_db(r), &r->arena, r->param[0], &old);
		if (rc)
			return rc;
	}
	return rule_post(r, r->param[0]);
}
