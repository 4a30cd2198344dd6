/* reports.c: the report builder (GET /reports), its files (GET /reports/export): a measure
 * cut by two axes over a period, as a table with its totals and a chart drawn in SVG (a line
 * over months or quarters, else bars), the same figures the API gives (export/report.h). */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "export/doc.h"
#include "export/report.h"
#include "store/store_report.h"
#include "web/documents.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

static const char *measure_codes[RM_COUNT], *measure_msgids[RM_COUNT];
static const char *axis_codes[RA_COUNT], *axis_msgids[RA_COUNT];

static void choices(void)
{
	for (int m = 0; m < RM_COUNT; m++) {
		measure_codes[m] = report_measure_code((enum report_measure)m);
		measure_msgids[m] = report_measure_name((enum report_measure)m);
	}
	for (int a = 0; a < RA_COUNT; a++) {
		axis_codes[a] = a == RA_NONE ? "" : report_axis_code((enum report_axis)a);
		axis_msgids[a] = report_axis_name((enum report_axis)a);
	}
}

static void builder(struct req *r, struct html *h, const struct report_spec *s,
		    const struct field_errors *e)
{
	choices();
	html(h, "<form method=\"get\" action=\"/reports\" class=\"filters\">");
	form_select_codes(
	    h, "measure", N_("Measure"), measure_codes, measure_msgids, RM_COUNT,
	    req_query(r, "measure") ? req_query(r, "measure") : report_measure_code(s->measure), e);
	form_select_codes(h, "rows", N_("Rows"), axis_codes, axis_msgids, RA_COUNT,
			  req_query(r, "rows") ? req_query(r, "rows") : axis_codes[s->rows], e);
	form_select_codes(h, "cols", N_("Columns"), axis_codes, axis_msgids, RA_COUNT,
			  req_query(r, "cols") ? req_query(r, "cols") : axis_codes[s->cols], e);
	form_text(h, "from", N_("From date"),
		  field_error_for(e, "from") ? req_query(r, "from") : s->from, e, "date");
	form_text(h, "to", N_("To date"), field_error_for(e, "to") ? req_query(r, "to") : s->to, e,
		  "date");
	html(h, "<p><button>%t</button></p></form>", N_("Show"));
}

static const char *figure_text(struct req *r, const struct report_cell *x)
{
	const char *f = report_figure(r, x);
	return f ? f : "–";
}

static void figure_cell(struct req *r, struct html *h, const char *tag, const struct report_cell *x)
{
	if (x->withheld)
		html(h,
		     "<%s class=\"num withheld\"><span aria-hidden=\"true\">–</span><span "
		     "class=\"vh\">%t</span></%s>",
		     tag, N_("withheld"), tag);
	else
		html(h, "<%s class=\"num\">%s</%s>", tag, figure_text(r, x), tag);
}

/* The table, as the files have it (export/doc.h). */
static int table(struct req *r, struct html *h, const struct report_view *v)
{
	struct doc d;
	int rc = report_doc(r, v, &d);
	if (rc)
		return rc;
	doc_section_html(h, &d.sections[0],
			 arena_printf(&r->arena, "%s, %s – %s",
				      i18n_tr(r->lang, report_measure_name(v->t.spec.measure)),
				      v->t.spec.from, v->t.spec.to));
	return 0;
}

/* The chart of the rows' totals (the columns' when only columns are cut): a line over time,
 * else bars. The table above holds the same figures for those who do not see it. */
/* Bars: each value's label on a line of its own above its bar, so that long labels (a
 * region's, an organisation's name) never run into it. */
enum { W = 640, LABEL_H = 16, BAR_H = 16, STEP = 42, LINE_H = 220, PAD = 30 };

static void chart(struct req *r, struct html *h, const struct report_view *v)
{
	const struct report_table *t = &v->t;
	bool by_rows = t->spec.rows != RA_NONE;
	enum report_axis axis = by_rows ? t->spec.rows : t->spec.cols;
	size_t n = by_rows ? t->nrows : t->ncols;
	const struct report_cell *x = by_rows ? t->row_totals : t->col_totals;
	const char *const *labels = by_rows ? v->row_labels : v->col_labels;
	if (axis == RA_NONE || n == 0)
		return;
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (!x[i].withheld && x[i].value > max)
			max = x[i].value;
	bool line = (axis == RA_MONTH || axis == RA_QUARTER) && n > 1;
	int height = line ? LINE_H : (int)n * STEP;
	html(h,
	     "<figure class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
	     "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-labelledby=\"chart-t\">",
	     W, height);
	html(h, "<title id=\"chart-t\">%t: %t</title>", report_measure_name(t->spec.measure),
	     report_axis_name(axis));
	if (line) {
		int plot_w = W - 2 * PAD, plot_h = LINE_H - 2 * PAD;
		size_t step = n > 6 ? (n + 5) / 6 : 1;
		html(h, "<polyline class=\"line\" fill=\"none\" points=\"");
		for (size_t i = 0; i < n; i++)
			if (!x[i].withheld)
				html(h, "%d,%d ", PAD + (int)(i * (size_t)plot_w / (n - 1)),
				     PAD + plot_h - (int)(x[i].value * plot_h / max));
		html(h, "\"/>");
		for (size_t i = 0; i < n; i++) {
			int px = PAD + (int)(i * (size_t)plot_w / (n - 1));
			if (!x[i].withheld)
				html(h, "<circle cx=\"%d\" cy=\"%d\" r=\"3\"/>", px,
				     PAD + plot_h - (int)(x[i].value * plot_h / max));
			/* At most six labels, counted back from the last; the first starts at its
			 * point, the last ends at it: inside the picture. */
			if ((n - 1 - i) % step == 0)
				html(h, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>", px,
				     LINE_H - 8,
				     i == 0       ? "start"
				     : i == n - 1 ? "end"
						  : "middle",
				     labels[i]);
		}
		html(h, "<text x=\"%d\" y=\"%d\">%s</text>", PAD, PAD - 10,
		     figure_text(r, &(struct report_cell){ .value = max }));
	} else {
		for (size_t i = 0; i < n; i++) {
			int y = (int)i * STEP;
			html(h, "<text x=\"0\" y=\"%d\">%s</text>", y + LABEL_H - 4, labels[i]);
			int w = x[i].withheld ? 0 : (int)(x[i].value * (W - 80) / max);
			if (w)
				html(h,
				     "<rect class=\"bar\" x=\"0\" y=\"%d\" width=\"%d\" "
				     "height=\"%d\"/>",
				     y + LABEL_H, w, BAR_H);
			html(h, "<text x=\"%d\" y=\"%d\">%s</text>", w + 4, y + LABEL_H + BAR_H - 3,
			     figure_text(r, &x[i]));
		}
	}
	html(h, "</svg></figure>");
}

/* The query again, for the links to the files. */
static const char *query_of(struct req *r, const struct report_spec *s)
{
	return arena_printf(&r->arena, "measure=%s&rows=%s&cols=%s&from=%s&to=%s",
			    report_measure_code(s->measure), report_axis_code(s->rows),
			    report_axis_code(s->cols), s->from, s->to);
}

int page_reports_get(struct req *r)
{
	struct report_spec spec;
	struct field_errors e = { 0 };
	struct report_view v;
	int rc = report_view_run(r, &spec, &e, &v);
	if (rc && rc != K_EINVAL)
		return rc;
	if (rc)
		r->status = 422;
	struct html h;
	layout_begin(r, &h, N_("Reports"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Reports"),
	     N_("Count people, cases, services, referrals, group sessions or event participants "
		"over a period, cut by up to two axes."));
	html(&h,
	     "<p>%t: <a href=\"/reports/monthly\">%t</a> · <a href=\"/reports/programme\">%t</a> · "
	     "<a href=\"/reports/cohort\">%t</a></p>",
	     N_("Fixed reports"), N_("Monthly activity report"),
	     N_("Programme quota and outcome report"), N_("Integration indicators of a cohort"));
	form_notice(&h, &e, false);
	builder(r, &h, &spec, &e);
	if (!rc) {
		const char *q = query_of(r, &spec);
		html(&h,
		     "<p><a href=\"/reports/export?format=csv&amp;%s\">%t</a> · <a "
		     "href=\"/reports/export?format=xlsx&amp;%s\">%t</a> · <a "
		     "href=\"/reports/export?format=pdf&amp;%s\">%t</a></p>",
		     q, N_("Download as CSV"), q, N_("Download as XLSX"), q, N_("Download as PDF"));
		if (v.t.suppressed)
			html(&h, "<p class=\"hint\">%t</p>",
			     N_("Figures of fewer than five people, and figures that would reveal "
				"them, are withheld (–), so that nobody can be singled out."));
		table(r, &h, &v);
		chart(r, &h, &v);
	}
	layout_end(r, &h);
	return 0;
}

int page_reports_export_get(struct req *r)
{
	struct report_spec spec;
	struct field_errors e = { 0 };
	struct report_view v;
	int rc = report_view_run(r, &spec, &e, &v);
	return rc ? rc : report_write(r, req_query(r, "format"), &v);
}

/* ---- dashboards ---- */

static void figure_item(struct html *h, const char *msgid, int64_t v, const char *href)
{
	if (href && v) /* the label is the link: its name says what it counts */
		html(h, "<div><dt><a href=\"%s\">%t</a></dt><dd>%D</dd></div>", href, msgid, v);
	else
		html(h, "<div><dt>%t</dt><dd>%D</dd></div>", msgid, v);
}

static void my_work(struct html *h, const struct dashboard_worker *w)
{
	html(h,
	     "<section aria-labelledby=\"mine-h\"><h2 id=\"mine-h\">%t</h2><dl class=\"figures\">",
	     N_("My work"));
	figure_item(h, N_("My open cases"), w->open_cases, "/cases");
	figure_item(h, N_("Tasks overdue"), w->overdue_tasks, "/cases");
	figure_item(h, N_("Tasks due this week"), w->tasks_this_week, "/cases");
	figure_item(h, N_("Closures waiting for approval"), w->closures_waiting, NULL);
	figure_item(h, N_("Services I delivered this month"), w->services_this_month, NULL);
	html(h, "</dl></section>");
}

static void team(struct html *h, const struct dashboard_worker *w, size_t n)
{
	html(h,
	     "<section aria-labelledby=\"team-h\"><h2 id=\"team-h\">%t</h2><div class=\"scroll\">"
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\" "
	     "class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" "
	     "class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" "
	     "class=\"num\">%t</th></tr></thead><tbody>",
	     N_("My team"), N_("Worker"), N_("Open cases"), N_("Tasks overdue"),
	     N_("Tasks due this week"), N_("Closures waiting for approval"),
	     N_("Services this month"));
	for (size_t i = 0; i < n; i++) {
		html(h, "<tr><th scope=\"row\">%s <span class=\"hint\">(%t)</span></th>",
		     *w[i].full_name ? w[i].full_name : w[i].login, label_role(w[i].role));
		html(h, "<td class=\"num\">%D</td><td class=\"num\">", w[i].open_cases);
		if (w[i].overdue_tasks)
			html(h, "<strong class=\"alert\">%D</strong>", w[i].overdue_tasks);
		else
			html(h, "0");
		html(h,
		     "</td><td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D"
		     "</td></tr>",
		     w[i].tasks_this_week, w[i].closures_waiting, w[i].services_this_month);
	}
	html(h, "</tbody></table></div></section>");
}

static void organisation(struct html *h, const struct dashboard_org *o, bool supervisor, bool whole)
{
	html(h, "<section aria-labelledby=\"org-h\"><h2 id=\"org-h\">%t</h2><dl class=\"figures\">",
	     N_("The organisation"));
	figure_item(h, N_("Open cases"), o->open_cases, supervisor ? "/cases?scope=all" : NULL);
	figure_item(h, N_("Closures waiting for approval"), o->closures_waiting,
		    supervisor ? "/cases" : NULL);
	figure_item(h, N_("New referrals to answer"), o->referrals_to_answer,
		    "/referrals?status=sent");
	figure_item(h, whole ? N_("Referrals sent and waiting") : N_("My referrals waiting"),
		    o->referrals_waiting, "/referrals?box=sent&status=sent");
	figure_item(h, N_("Open working-condition alerts"), o->labour_alerts,
		    supervisor ? "/labour/alerts" : NULL);
	html(h, "</dl></section>");
}

/* The organisation over the last twelve months: people served, services, cases opened, and
 * the chart of the first. */
static int trends(struct req *r, struct html *h, const struct dashboard *d)
{
	html(h,
	     "<section aria-labelledby=\"trend-h\"><h2 id=\"trend-h\">%t</h2><div class=\"scroll\">"
	     "<table class=\"list report\"><caption>%t, %s – %s</caption><thead><tr><th "
	     "scope=\"col\">%t</th>",
	     N_("Over the last twelve months"), N_("By month"), d->from, d->to, N_("Month"));
	for (size_t i = 0; i < DASHBOARD_MEASURES; i++)
		html(h, "<th scope=\"col\" class=\"num\">%t</th>",
		     report_measure_name(d->measures[i]));
	html(h, "</tr></thead><tbody>");
	bool shown = false;
	for (size_t k = 0; k < DASHBOARD_MONTHS; k++) {
		html(h, "<tr><th scope=\"row\">%s</th>", d->month_labels[k]);
		for (size_t i = 0; i < DASHBOARD_MEASURES; i++)
			figure_cell(r, h, "td", &d->figures[i][k]);
		html(h, "</tr>");
		shown |= !d->figures[0][k].withheld && d->figures[0][k].value > 0;
	}
	html(h, "</tbody></table></div>");
	if (d->suppressed)
		html(h, "<p class=\"hint\">%t</p>",
		     N_("Figures of fewer than five people, and figures that would reveal "
			"them, are withheld (–), so that nobody can be singled out."));
	/* The chart of people served, every month; nothing to draw when each is 0 or withheld. */
	struct report_view v = { .t = { .spec = { .measure = d->measures[0], .rows = RA_MONTH },
					.nrows = DASHBOARD_MONTHS,
					.ncols = 1,
					.row_keys = d->months,
					.row_totals = d->figures[0] },
				 .row_labels = d->month_labels };
	if (shown)
		chart(r, h, &v);
	html(h, "<p><a href=\"/reports\">%t</a></p></section>", N_("Build a report"));
	return 0;
}

int page_dashboard_get(struct req *r)
{
	struct dashboard d;
	int rc = report_dashboard(r, &d);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Dashboard"), NULL);
	html(&h, "<h1>%t</h1>", N_("Dashboard"));
	bool supervisor = r->who->role == ROLE_SUPERVISOR;
	if (d.me)
		my_work(&h, d.me);
	if (supervisor)
		team(&h, d.team, d.nteam);
	if (d.has_org)
		organisation(&h, &d.org, supervisor, supervisor || r->who->role == ROLE_ADMIN);
	if (d.has_months && (rc = trends(r, &h, &d)))
		return rc;
	layout_end(r, &h);
	return 0;
}
