/* documents.c: a document (export/doc.h) as a printable page, and the fixed reports' pages
 * (GET /reports/monthly, /reports/programme, /reports/cohort; export/fixed.h): a form of the
 * report's parameters, the report's lines and tables, and links to the same as PDF, CSV
 * and XLSX (format=pdf|csv|xlsx on the same address). Printed, the page drops the
 * navigation and the form (app.css, @media print). */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/programme.h"
#include "export/fixed.h"
#include "store/store.h"
#include "web/documents.h"
#include "web/layout.h"
#include "web/pages.h"

void doc_section_html(struct html *h, const struct doc_section *s, const char *caption)
{
	const struct doc_table *t = &s->table;
	if (s->heading && !caption)
		html(h, "<h2>%s</h2>", s->heading);
	if (!t->nrows) { /* no table of nothing: its note says why */
		if (s->note)
			html(h, "<p class=\"hint\">%s</p>", s->note);
		return;
	}
	html(h, "<div class=\"scroll\"><table class=\"list report\">");
	if (caption)
		html(h, "<caption>%s</caption>", caption);
	html(h, "<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		if (c == 0 && t->rows_name) /* read aloud: the rows' name, not "A \ B" */
			html(h, "<th scope=\"col\">%s</th>", t->rows_name);
		else if (c < t->labels)
			html(h, "<th scope=\"col\">%s</th>", t->head[c]);
		else
			html(h, "<th scope=\"col\" class=\"num\">%s</th>", t->head[c]);
	}
	html(h, "</tr></thead><tbody>");
	for (size_t row = 0; row < t->nrows; row++) {
		if (t->total && row + 1 == t->nrows)
			html(h, "</tbody><tfoot>");
		html(h, "<tr>");
		const char *const *line = t->cells + row * t->ncols;
		for (size_t c = 0; c < t->ncols; c++) {
			if (c == 0 && t->labels)
				html(h, "<th scope=\"row\">%s</th>", line[c]);
			else if (c < t->labels)
				html(h, "<td>%s</td>", line[c]);
			else if (!line[c])
				html(h,
				     "<td class=\"num withheld\"><span "
				     "aria-hidden=\"true\">–</span><span "
				     "class=\"vh\">%t</span></td>",
				     N_("withheld"));
			else
				html(h, "<td class=\"num\">%s</td>", line[c]);
		}
		html(h, "</tr>");
	}
	if (t->total && t->nrows)
		html(h, "</tfoot></table></div>");
	else
		html(h, "</tbody></table></div>");
	if (s->withheld && !caption)
		html(h, "<p class=\"hint\">%t</p>", DOC_WITHHELD_DASH);
	if (s->note)
		html(h, "<p class=\"hint\">%s</p>", s->note);
}

/* The links to the report's files: the page's address with its parameters and format=…. */
static void downloads(struct req *r, struct html *h, const struct fixed_params *p)
{
	static const char *const formats[3] = { "pdf", "csv", "xlsx" };
	static const char *const msgids[3] = { N_("Download as PDF"), N_("Download as CSV"),
					       N_("Download as XLSX") };
	const char *const names[6] = { "month",    "programme", "year",
				       "category", "region",    "arrival_year" };
	const char *const values[6] = { p->month,    p->programme, p->year,
					p->category, p->region,    p->arrival_year };
	html(h, "<p class=\"noprint\">");
	for (size_t f = 0; f < 3; f++) {
		html(h, "%s<a href=\"%s?format=%s", f ? " · " : "", r->path, formats[f]);
		for (size_t i = 0; i < 6; i++)
			if (values[i] && *values[i])
				html(h, "&amp;%s=%u", names[i], values[i]);
		html(h, "\">%t</a>", msgids[f]);
	}
	html(h, "</p>");
}

static void programme_select(struct req *r, struct html *h, const char *value,
			     const struct field_errors *e)
{
	struct programme *p = NULL;
	size_t n = 0;
	if (store_programmes(req_db(r), &r->arena, r->who, &p, &n))
		n = 0;
	const char *err = field_error_for(e, "programme");
	html(h, "<div class=\"field%s\"><label for=\"f-programme\">%t</label>",
	     err ? " invalid" : "", N_("Programme"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-programme\">%t</p>", err);
	html(h, "<select id=\"f-programme\" name=\"programme\"%s><option value=\"\">—</option>",
	     err ? " aria-invalid=\"true\" aria-describedby=\"e-programme\"" : "");
	int64_t id = 0;
	if (value)
		parse_i64(value, 1, INT64_MAX, &id);
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%D\"%s>%s</option>", p[i].id,
		     p[i].id == id ? " selected" : "",
		     programme_name_in(r->lang, p[i].name, p[i].name_kk, p[i].name_ru));
	html(h, "</select></div>");
}

static void form(struct req *r, struct html *h, enum fixed_report k, const struct fixed_params *p,
		 const struct field_errors *e)
{
	html(h, "<form method=\"get\" action=\"%s\" class=\"filters noprint\">", r->path);
	switch (k) {
	case FIXED_MONTHLY: form_text(h, "month", N_("Month"), p->month, e, "month"); break;
	case FIXED_PROGRAMME:
		programme_select(r, h, p->programme, e);
		form_text(h, "year", N_("Year"), p->year, e, "number");
		break;
	case FIXED_COHORT:
		form_select_ref(h, "category", N_("Category"), "categories", p->category, e, true);
		form_select_ref(h, "region", N_("Region"), "regions", p->region, e, true);
		programme_select(r, h, p->programme, e);
		form_text(h, "arrival_year", N_("Year of arrival"), p->arrival_year, e, "number");
		break;
	case FIXED_COUNT: break;
	}
	html(h, "<p><button>%t</button></p></form>", N_("Show"));
}

static int fixed_page(struct req *r, enum fixed_report k)
{
	struct fixed_params p;
	struct field_errors e = { 0 };
	struct doc d;
	/* A programme's report waits for its programme: the first visit shows the form. */
	bool wait = k == FIXED_PROGRAMME && !req_query(r, "programme");
	int rc = wait ? (fixed_may(r->who, k) ? 0 : K_EFORBIDDEN) : fixed_run(r, k, &p, &e, &d);
	if (wait)
		p = (struct fixed_params){ .year = req_query(r, "year") };
	const char *format = req_query(r, "format");
	if (!rc && !wait && format && *format)
		return doc_write(r, format, &d);
	if (rc && rc != K_EINVAL)
		return rc;
	if (rc)
		r->status = 422;
	struct html h;
	layout_begin(r, &h, fixed_title(k), NULL);
	html(&h, "<h1>%t</h1>", fixed_title(k));
	form_notice(&h, &e, false);
	form(r, &h, k, &p, &e);
	if (!rc && !wait) {
		for (size_t i = 0; i < d.nlines; i++)
			html(&h, "<p class=\"doc-line\">%s</p>", d.lines[i]);
		downloads(r, &h, &p);
		for (size_t i = 0; i < d.nsections; i++)
			doc_section_html(&h, &d.sections[i], NULL);
	}
	layout_end(r, &h);
	return 0;
}

int page_report_monthly_get(struct req *r)
{
	return fixed_page(r, FIXED_MONTHLY);
}

int page_report_programme_get(struct req *r)
{
	return fixed_page(r, FIXED_PROGRAMME);
}

int page_report_cohort_get(struct req *r)
{
	return fixed_page(r, FIXED_COHORT);
}
