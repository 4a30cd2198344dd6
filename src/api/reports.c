/* reports.c: GET /api/v1/reports (export/report.h): a report as JSON, or as a CSV, XLSX or
 * PDF file with format=csv|xlsx|pdf; the dashboard; the fixed reports (export/fixed.h,
 * GET /api/v1/reports/monthly|programme|cohort), as JSON or the same files. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "export/doc.h"
#include "export/fixed.h"
#include "export/report.h"
#include "store/store_report.h"

static json_t *values(const char *const *codes, const char *const *labels, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    a, json_pack("{s:o, s:s}", "code", api_text(codes[i]), "label", labels[i]));
	return a;
}

static json_t *figure(const struct report_cell *x)
{
	return x->withheld ? json_null() : json_integer(x->value);
}

/* Whether the query's format is one a report is written as; if not, answers 422. */
static bool format_ok(struct req *r, const char *format)
{
	if (!format || !*format || !strcmp(format, "csv") || !strcmp(format, "xlsx") ||
	    !strcmp(format, "pdf") || !strcmp(format, "json"))
		return true;
	api_error(r, 422, "format", N_("Choose a value from the list."));
	return false;
}

int api_reports_get(struct req *r)
{
	const char *format = req_query(r, "format");
	if (!format_ok(r, format))
		return 0;
	struct report_spec spec;
	struct field_errors e = { 0 };
	struct report_view v;
	int rc = report_view_run(r, &spec, &e, &v);
	if (rc == K_EINVAL) { /* a query, not a body: the first field, as other queries */
		api_error(r, 422, e.e[0].field, e.e[0].msg);
		return 0;
	}
	if (rc)
		return rc;
	if (format && *format && strcmp(format, "json"))
		return report_write(r, format, &v);
	const struct report_table *t = &v.t;
	json_t *cells = json_array(), *rt = json_array(), *ct = json_array();
	for (size_t i = 0; i < t->nrows; i++) {
		json_t *row = json_array();
		for (size_t j = 0; j < t->ncols; j++)
			json_array_append_new(row, figure(&t->cells[i * t->ncols + j]));
		json_array_append_new(cells, row);
		json_array_append_new(rt, figure(&t->row_totals[i]));
	}
	for (size_t j = 0; j < t->ncols; j++)
		json_array_append_new(ct, figure(&t->col_totals[j]));
	json_t *out =
	    json_pack("{s:s, s:o, s:o, s:s, s:s, s:b, s:I, s:i, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "measure", report_measure_code(spec.measure), "rows",
		      spec.rows ? json_string(report_axis_code(spec.rows)) : json_null(), "cols",
		      spec.cols ? json_string(report_axis_code(spec.cols)) : json_null(), "from",
		      spec.from, "to", spec.to, "suppressed", t->suppressed, "withheld",
		      (json_int_t)t->withheld, "small_cell", REPORT_SMALL_CELL, "row_values",
		      values(v.row_codes, v.row_labels, t->nrows), "col_values",
		      values(v.col_codes, v.col_labels, t->ncols), "cells", cells, "row_totals", rt,
		      "col_totals", ct, "total", figure(&t->total));
	return api_send(r, 200, out);
}

static json_t *worker_json(const struct dashboard_worker *w)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I}", "user_id",
			 (json_int_t)w->user_id, "login", w->login, "full_name", w->full_name,
			 "role", w->role, "open_cases", (json_int_t)w->open_cases, "overdue_tasks",
			 (json_int_t)w->overdue_tasks, "tasks_this_week",
			 (json_int_t)w->tasks_this_week, "closures_waiting",
			 (json_int_t)w->closures_waiting, "services_this_month",
			 (json_int_t)w->services_this_month);
}

/* GET /api/v1/dashboard: what the dashboard page shows the actor (export/report.h). */
int api_dashboard_get(struct req *r)
{
	struct dashboard d;
	int rc = report_dashboard(r, &d);
	if (rc)
		return rc;
	json_t *out = json_pack("{s:s, s:o, s:o, s:o, s:o}", "role", role_code(r->who->role), "me",
				d.me ? worker_json(d.me) : json_null(), "team", json_null(),
				"organisation", json_null(), "months", json_null());
	if (r->who->role == ROLE_SUPERVISOR) {
		json_t *t = json_array();
		for (size_t i = 0; i < d.nteam; i++)
			json_array_append_new(t, worker_json(&d.team[i]));
		json_object_set_new(out, "team", t);
	}
	if (d.has_org)
		json_object_set_new(
		    out, "organisation",
		    json_pack("{s:I, s:I, s:I, s:I, s:I}", "open_cases",
			      (json_int_t)d.org.open_cases, "closures_waiting",
			      (json_int_t)d.org.closures_waiting, "referrals_to_answer",
			      (json_int_t)d.org.referrals_to_answer, "referrals_waiting",
			      (json_int_t)d.org.referrals_waiting, "labour_alerts",
			      (json_int_t)d.org.labour_alerts));
	if (d.has_months) {
		json_t *months = json_array();
		for (size_t k = 0; k < DASHBOARD_MONTHS; k++) {
			json_t *row = json_pack("{s:s}", "month", d.month_labels[k]);
			for (size_t i = 0; i < DASHBOARD_MEASURES; i++)
				json_object_set_new(row, report_measure_code(d.measures[i]),
						    figure(&d.figures[i][k]));
			json_array_append_new(months, row);
		}
		json_object_set_new(out, "months", months);
		json_object_set_new(out, "suppressed", json_boolean(d.suppressed));
	}
	return api_send(r, 200, out);
}

/* A document as JSON: a figure is a number when it is a whole one, else text ("2.17", an
 * amount); a withheld one null. */
static json_t *doc_json(enum fixed_report k, const struct doc *d)
{
	json_t *lines = json_array(), *sections = json_array();
	for (size_t i = 0; i < d->nlines; i++)
		json_array_append_new(lines, json_string(d->lines[i]));
	for (size_t i = 0; i < d->nsections; i++) {
		const struct doc_section *s = &d->sections[i];
		const struct doc_table *t = &s->table;
		json_t *head = json_array(), *rows = json_array();
		for (size_t c = 0; c < t->ncols; c++)
			json_array_append_new(head, json_string(t->head[c]));
		for (size_t row = 0; row < t->nrows; row++) {
			json_t *line = json_array();
			for (size_t c = 0; c < t->ncols; c++) {
				const char *x = t->cells[row * t->ncols + c];
				int64_t v;
				json_array_append_new(
				    line,
				    !x ? json_null()
				    : c >= t->labels && !parse_i64(x, INT64_MIN, INT64_MAX, &v)
					? json_integer(v)
					: json_string(x));
			}
			json_array_append_new(rows, line);
		}
		json_array_append_new(
		    sections, json_pack("{s:o, s:o, s:b, s:I, s:o, s:o, s:b}", "heading",
					s->heading ? json_string(s->heading) : json_null(), "note",
					s->note ? json_string(s->note) : json_null(), "withheld",
					s->withheld, "labels", (json_int_t)t->labels, "head", head,
					"rows", rows, "total", t->total));
	}
	return json_pack("{s:s, s:s, s:o, s:o}", "report", fixed_code(k), "title", d->title,
			 "lines", lines, "sections", sections);
}

static int fixed(struct req *r, enum fixed_report k)
{
	const char *format = req_query(r, "format");
	if (!format_ok(r, format))
		return 0;
	struct fixed_params p;
	struct field_errors e = { 0 };
	struct doc d;
	int rc = fixed_run(r, k, &p, &e, &d);
	if (rc == K_EINVAL) {
		api_error(r, 422, e.e[0].field, e.e[0].msg);
		return 0;
	}
	if (rc)
		return rc;
	if (format && *format && strcmp(format, "json"))
		return doc_write(r, format, &d);
	return api_send(r, 200, doc_json(k, &d));
}

int api_report_monthly_get(struct req *r)
{
	return fixed(r, FIXED_MONTHLY);
}

int api_report_programme_get(struct req *r)
{
	return fixed(r, FIXED_PROGRAMME);
}

int api_report_cohort_get(struct req *r)
{
	return fixed(r, FIXED_COHORT);
}
