/* report.h: a report (domain/report.h) as people read it, shared by the page, the API and
 * the files: each row's and column's value as a stable code and a label in the user's
 * language, and the table written as CSV or XLSX.
 *
 * A value's code is its reference list's code, the region's ISO 3166-2 code, YYYY-MM for a
 * month, YYYY-Qn for a quarter, the age band ("18-59"), or an organisation's or programme's
 * id; the values not stated have none (NULL), labelled "Not stated". A withheld figure is
 * NULL in the API and empty in the files, with a note under the table. Running a report is
 * audited ("report.run", with its parameters), never with a figure. */
#ifndef KOMEK_EXPORT_REPORT_H
#define KOMEK_EXPORT_REPORT_H

#include "base/sheet.h"
#include "domain/report.h"
#include "http/request.h"
#include "store/store_report.h"

struct report_view {
	struct report_table t;
	const char *const *row_codes, *const *row_labels; /* nrows each */
	const char *const *col_codes, *const *col_labels; /* ncols each */
};

/* Reads measure, rows, cols, from and to from the query (report_spec_parse), runs the
 * report for the actor and labels it. K_EINVAL with errs (spec is filled as far as it
 * could be, for the form); K_EFORBIDDEN for someone who does not read reports. */
int report_view_run(struct req *r, struct report_spec *spec, struct field_errors *errs,
		    struct report_view *out);
/* The same for a spec already read. */
int report_view_of(struct req *r, const struct report_spec *spec, struct report_view *out);
/* The same, not audited: a part of a fixed report (fixed.h), which is audited whole. */
int report_view_part(struct req *r, const struct report_spec *spec, struct report_view *out);

/* What a dashboard shows its reader (store_report.h's figures, and the months): the
 * reader's own figures (workers and supervisors), a supervisor's team, the organisation's
 * figures (everyone but analysts), and for those who read reports the people served,
 * services and cases opened in each of the twelve months up to today (a month of none: 0;
 * withheld as reports are). */
enum { DASHBOARD_MONTHS = 12, DASHBOARD_MEASURES = 3 };
struct dashboard {
	const struct dashboard_worker *me; /* NULL: none */
	const struct dashboard_worker *team;
	size_t nteam; /* a supervisor's only */
	struct dashboard_org org;
	bool has_org, has_months, suppressed;
	char from[11], to[11];
	int64_t months[DASHBOARD_MONTHS];           /* YYYYMM */
	const char *month_labels[DASHBOARD_MONTHS]; /* YYYY-MM */
	enum report_measure measures[DASHBOARD_MEASURES];
	struct report_cell figures[DASHBOARD_MEASURES][DASHBOARD_MONTHS];
};
int report_dashboard(struct req *r, struct dashboard *out);

/* A figure as text: the number, or NULL when withheld. */
const char *report_figure(struct req *r, const struct report_cell *x);

/* The report as a document (doc.h): the measure, the period, the table. */
struct doc;
int report_doc(struct req *r, const struct report_view *v, struct doc *d);
/* Writes the report as the answer, a file named komek-report-MEASURE-DATE.EXT: format
 * "pdf", "xlsx", or else CSV. */
int report_write(struct req *r, const char *format, const struct report_view *v);

#endif
