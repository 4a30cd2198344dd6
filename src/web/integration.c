/* integration.c: integration indicators in the pages (issue 8, part 5;
 * domain/integration.h): the person's box with each domain's trajectory (a line drawn in SVG,
 * and the statuses as text), the form of a review, and the cohort view. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "export/fixed.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "store/store_integration.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *status_text(struct req *r, int status)
{
	return ref_text(r, "integration_statuses", integration_status_code(status));
}

/* A domain's statuses over time: a small line chart (1 at the bottom, 4 at the top) with the
 * same figures in words for those who do not see it. */
static void sparkline(struct req *r, struct html *h, const struct integration_series *s)
{
	enum { W = 160, H = 40, PAD = 4 };
	const char *words = "";
	for (size_t k = 0; k < s->n; k++)
		words = arena_printf(&r->arena, "%s%s%s: %s", words, k ? "; " : "",
				     layout_date(r, s->points[k].date),
				     status_text(r, s->points[k].status));
	html(h,
	     "<svg class=\"trajectory\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
	     "role=\"img\" aria-label=\"%s\"><polyline fill=\"none\" points=\"",
	     W, H, W, H, words);
	for (size_t k = 0; k < s->n; k++) {
		int x = s->n > 1 ? PAD + (int)(k * (W - 2 * PAD) / (s->n - 1)) : W / 2;
		int y = H - PAD - (s->points[k].status - 1) * (H - 2 * PAD) / 3;
		html(h, "%d,%d ", x, y);
	}
	html(h, "\"/>");
	for (size_t k = 0; k < s->n; k++) {
		int x = s->n > 1 ? PAD + (int)(k * (W - 2 * PAD) / (s->n - 1)) : W / 2;
		int y = H - PAD - (s->points[k].status - 1) * (H - 2 * PAD) / 3;
		html(h, "<circle cx=\"%d\" cy=\"%d\" r=\"3\"/>", x, y);
	}
	html(h, "</svg>");
}

/* has: whether the person has any review (store_person_has); without, a writer's empty box
 * asks nothing. */
void page_person_integration_box(struct req *r, struct html *h, const struct person *p, bool has)
{
	if (!integration_may_read(r->who) || p->erased_at)
		return;
	struct integration_review *rows = NULL;
	size_t n = 0;
	if (has && store_integration_reviews(req_db(r), &r->arena, r->who, p->id, &rows, &n))
		return;
	bool write = integration_may_write(r->who);
	if (!n && !write)
		return;
	if (n && audit_writer_log(r->app->audit, r->who, "integration.view", "person", p->id,
				  "integration", p->restricted))
		return;
	html(h, "<section aria-labelledby=\"integration-h\"><h2 id=\"integration-h\">%t</h2>",
	     N_("Integration"));
	if (n) {
		struct integration_series s[INTEGRATION_DOMAINS_N];
		integration_trajectory(&r->arena, rows, n, s);
		html(h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t"
		     "</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Each domain at every review, oldest first"), N_("Domain"), N_("Now"),
		     N_("Over time"));
		for (size_t d = 0; d < INTEGRATION_DOMAINS_N; d++) {
			if (!s[d].n)
				continue;
			html(h, "<tr><th scope=\"row\">%s</th><td>%s</td><td>",
			     ref_text(r, "integration_domains", s[d].domain),
			     status_text(r, s[d].points[s[d].n - 1].status));
			sparkline(r, h, &s[d]);
			html(h, "</td></tr>");
		}
		html(h, "</tbody></table><details><summary>%t: %s (%s)</summary><dl>",
		     N_("Latest review"), layout_date(r, rows[0].reviewed_on),
		     ref_text(r, "integration_review_kinds", rows[0].kind));
		for (size_t i = 0; i < rows[0].nscores; i++) {
			const struct integration_score *sc = &rows[0].scores[i];
			html(h, "<dt>%s: %s</dt><dd>",
			     ref_text(r, "integration_domains", sc->domain),
			     status_text(r, sc->status));
			if (sc->indicator)
				html(h, "%s", sc->indicator);
			if (sc->indicator && sc->evidence)
				html(h, " — ");
			if (sc->evidence)
				html(h, "%s", sc->evidence);
			html(h, "</dd>");
		}
		if (rows[0].note)
			html(h, "<dt>%t</dt><dd>%s</dd>", N_("Note"), rows[0].note);
		html(h, "</dl></details>");
	}
	if (write)
		html(h, "<p><a class=\"button\" href=\"/persons/%D/integration/new\">%t</a></p>",
		     p->id, n ? N_("Record a review") : N_("Record the intake"));
	html(h, "</section>");
}

static int integration_person(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!integration_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
	return !rc && p->erased_at ? K_EFORBIDDEN : rc;
}

/* The form: for each domain a status (none: not looked at this time), the indicator used and
 * the evidence. */
static int render_form(struct req *r, const struct person *p, const struct integration_review *x,
		       const struct field_errors *e)
{
	struct html h;
	const char *name = layout_person_name(r, p->family_name, p->given_name, p->patronymic);
	layout_begin(r, &h, N_("Integration review"), p->restricted ? NULL : name);
	html(&h, "<h1>%t: <a href=\"/persons/%D\">%s</a></h1><p>%t</p>", N_("Integration review"),
	     p->id, name,
	     N_("Record the person's standing in the domains you looked at: the status, the "
		"indicator you used and the evidence. Leave the others blank."));
	form_notice(&h, e, false);
	html(&h, "<form method=\"post\" action=\"/persons/%D/integration\">", p->id);
	form_hidden_csrf(r, &h);
	form_text(&h, "reviewed_on", N_("Date"), x->reviewed_on ? x->reviewed_on : r->today, e,
		  "date");
	form_select_ref(&h, "kind", N_("Kind"), "integration_review_kinds", x->kind, e, false);
	const char *err = e ? field_error_for(e, "domains") : NULL;
	if (err)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", err);
	for (size_t d = 0; d < INTEGRATION_DOMAINS_N; d++) {
		const char *code = integration_framework[d].code;
		const struct integration_score *sc = NULL;
		for (size_t i = 0; i < x->nscores; i++)
			if (x->scores[i].domain && strcmp(x->scores[i].domain, code) == 0)
				sc = &x->scores[i];
		html(&h, "<fieldset class=\"domain\"><legend>%s</legend><p class=\"hint\">%t</p>",
		     ref_text(r, "integration_domains", code), integration_framework[d].hint);
		const char *status = arena_printf(&r->arena, "domains.%s.status", code);
		const char *indicator = arena_printf(&r->arena, "domains.%s.indicator", code);
		const char *evidence = arena_printf(&r->arena, "domains.%s.evidence", code);
		form_select_ref(&h, status, N_("Status"), "integration_statuses",
				sc ? integration_status_code(sc->status) : NULL, e, true);
		form_text(&h, indicator, N_("Indicator used"), sc ? sc->indicator : NULL, e, NULL);
		form_textarea(&h, evidence, N_("Evidence"), sc ? sc->evidence : NULL, e, NULL);
		html(&h, "</fieldset>");
	}
	form_textarea(&h, "note", N_("Note"), x->note, e, NULL);
	html(&h,
	     "<p><button class=\"primary\">%t</button> <a href=\"/persons/%D\">%t</a></p></form>",
	     N_("Save the review"), p->id, N_("Cancel"));
	layout_end(r, &h);
	return 0;
}

int page_integration_new_get(struct req *r)
{
	struct person p;
	int rc = integration_person(r, integration_may_write, &p);
	if (rc)
		return rc;
	struct integration_review *rows;
	size_t n;
	if ((rc = store_integration_reviews(req_db(r), &r->arena, r->who, p.id, &rows, &n)))
		return rc;
	struct integration_review x = { .kind = n ? "review" : "intake" };
	return render_form(r, &p, &x, NULL);
}

int page_person_integration_post(struct req *r)
{
	struct person p;
	int rc = integration_person(r, integration_may_write, &p);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct integration_review x = { .person_id = p.id,
					.reviewed_on = req_form(r, "reviewed_on"),
					.kind = req_form(r, "kind"),
					.note = req_form(r, "note") };
	for (size_t d = 0; d < INTEGRATION_DOMAINS_N; d++) {
		const char *code = integration_framework[d].code;
		const char *status =
		    req_form(r, arena_printf(&r->arena, "domains.%s.status", code));
		const char *indicator =
		    req_form(r, arena_printf(&r->arena, "domains.%s.indicator", code));
		const char *evidence =
		    req_form(r, arena_printf(&r->arena, "domains.%s.evidence", code));
		if (!status || !*status) {
			if (!(indicator && *indicator) && !(evidence && *evidence))
				continue;
			/* Kept to be shown again, with the error. */
			field_error_add(&e, arena_printf(&r->arena, "domains.%s.status", code),
					N_("Choose a status, or leave the domain blank."));
		}
		x.scores[x.nscores++] = (struct integration_score){
			.domain = code,
			.status = integration_status_parse(status),
			.indicator = indicator,
			.evidence = evidence,
		};
	}
	if (!e.n)
		integration_review_validate(&r->arena, &x, &p, r->today, &e);
	if (!e.n && (rc = store_integration_review_add(req_db(r), &r->arena, r->who, &x)))
		return rc;
	if (e.n) {
		r->status = 422;
		return render_form(r, &p, &x, &e);
	}
	return req_redirect(
	    r, arena_printf(&r->arena, "/persons/%lld#integration-h", (long long)p.id));
}

/* The cohort view: how the domains moved between people's first and latest reviews, for the
 * people a filter takes; a domain of fewer than five people shows no figures. */
int page_integration_get(struct req *r)
{
	if (!integration_may_read_cohort(r->who))
		return K_EFORBIDDEN;
	struct integration_cohort_filter f;
	struct field_errors e = { 0 };
	struct fixed_params p = {
		.category = req_query(r, "category"),
		.region = req_query(r, "region"),
		.programme = req_query(r, "programme"),
		.arrival_year = req_query(r, "arrival_year"),
	};
	fixed_cohort_filter(r, &p, &f, &e);
	const char *year = p.arrival_year;
	struct integration_cohort_domain d[INTEGRATION_DOMAINS_N];
	int64_t people = 0;
	struct programme *progs = NULL;
	size_t nprogs = 0;
	int rc = e.n ? 0 : store_integration_cohort(req_db(r), &r->arena, r->who, &f, d, &people);
	if (!rc && programme_may_read(r->who))
		rc = store_programmes(req_db(r), &r->arena, r->who, &progs, &nprogs);
	if (rc)
		return rc;
	if (e.n)
		r->status = 422;
	struct html h;
	layout_begin(r, &h, N_("Integration of a cohort"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Integration of a cohort"),
	     N_("How each domain moved between people's first and latest reviews. A domain with "
		"fewer than five people shows no figures, so that nobody can be singled out."));
	form_notice(&h, &e, false);
	html(&h, "<form method=\"get\" action=\"/integration\" class=\"filters\">");
	form_select_ref(&h, "category", N_("Category"), "categories", f.category, &e, true);
	form_select_ref(&h, "region", N_("Region"), "regions", f.region, &e, true);
	html(&h,
	     "<div class=\"field\"><label for=\"f-programme\">%t</label><select id=\"f-programme\" "
	     "name=\"programme\"><option value=\"\"></option>",
	     N_("Programme"));
	for (size_t i = 0; i < nprogs; i++)
		html(&h, "<option value=\"%D\"%s>%s</option>", progs[i].id,
		     progs[i].id == f.programme_id ? " selected" : "", progs[i].name);
	html(&h, "</select></div>");
	form_text(&h, "arrival_year", N_("Year of arrival"), year, &e, "number");
	html(&h, "<p><button>%t</button></p></form>", N_("Show"));
	if (!e.n) {
		/* The same figures as a report to print or file, for the same cohort. */
		html(&h,
		     "<p><a href=\"/reports/cohort?category=%u&amp;region=%u&amp;programme=%u"
		     "&amp;arrival_year=%u\">%t</a></p>",
		     p.category, p.region, p.programme, p.arrival_year,
		     N_("Integration indicators of a cohort"));
		if (people && people < INTEGRATION_SMALL_CELL)
			html(&h, "<p>%t</p>", N_("Fewer than five people: no figures are shown."));
		else
			html(&h, "<p>%t: %D</p>", N_("People with a review"), people);
		html(
		    &h,
		    "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\" "
		    "class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" "
		    "class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" "
		    "class=\"num\">%t</th><th scope=\"col\" "
		    "class=\"num\">%t</th></tr></thead><tbody>",
		    N_("Domain"), N_("People"), N_("Mean at first (1–4)"),
		    N_("Mean at latest (1–4)"), N_("Improved"), N_("Stayed"), N_("Declined"));
		for (size_t i = 0; i < INTEGRATION_DOMAINS_N; i++) {
			html(&h, "<tr><th scope=\"row\">%s</th>",
			     ref_text(r, "integration_domains", d[i].domain));
			if (d[i].suppressed)
				html(&h, "<td class=\"num\" colspan=\"6\">%t</td></tr>",
				     N_("fewer than five"));
			else
				html(&h,
				     "<td class=\"num\">%D</td><td class=\"num\">%D.%s%D</td><td "
				     "class=\"num\">%D.%s%D</td><td class=\"num\">%D</td><td "
				     "class=\"num\">%D</td><td class=\"num\">%D</td></tr>",
				     d[i].people, d[i].mean_first / 100,
				     d[i].mean_first % 100 < 10 ? "0" : "", d[i].mean_first % 100,
				     d[i].mean_latest / 100, d[i].mean_latest % 100 < 10 ? "0" : "",
				     d[i].mean_latest % 100, d[i].improved, d[i].stayed,
				     d[i].declined);
		}
		html(&h, "</tbody></table>");
	}
	layout_end(r, &h);
	return 0;
}
