/* fixed.h: the fixed reports of issue 9, each a document (doc.h) that the printable page,
 * the PDF, the spreadsheets and the API write:
 *   - monthly: the monthly activity report of a centre (month=YYYY-MM, the last month by
 *     default): what it did, who it served, the cases it opened and the referrals it sent;
 *   - programme: a programme's quota and outcome report (programme=ID, year=YYYY, this year
 *     by default): the quota by region, the year's enrolments and withdrawals, the support
 *     given, and the services the enrolled received;
 *   - cohort: the integration indicators of a cohort (category, region, programme,
 *     arrival_year, each optional): how each domain moved between people's first and
 *     latest reviews.
 * Who: monthly and programme, those who read reports (report_may_read: supervisors in full,
 * administrators and analysts with small figures withheld, analysts over every
 * organisation); cohort, those who read a cohort (integration_may_read_cohort), a domain of
 * fewer than five people showing no figures. Each run is audited once ("report.fixed",
 * with the report and its parameters, never a figure). */
#ifndef KOMEK_EXPORT_FIXED_H
#define KOMEK_EXPORT_FIXED_H

#include "base/util.h"
#include "export/doc.h"
#include "http/request.h"
#include "store/store_integration.h"

enum fixed_report { FIXED_MONTHLY, FIXED_PROGRAMME, FIXED_COHORT, FIXED_COUNT };

/* "monthly", "programme", "cohort". */
const char *fixed_code(enum fixed_report k);
/* Its title, a msgid. */
const char *fixed_title(enum fixed_report k);

/* The parameters as the query gave them (for the form), NULL when absent. */
struct fixed_params {
	const char *month, *programme, *year, *category, *region, *arrival_year;
};

/* Reads the report's parameters from the query into p and makes the document. K_EINVAL
 * with errs naming the fields (p still filled, for the form); K_EFORBIDDEN; K_ENOTFOUND
 * for a programme the reader may not see. */
int fixed_run(struct req *r, enum fixed_report k, struct fixed_params *p, struct field_errors *errs,
	      struct doc *out);

/* Reads a cohort's filter from p (the codes checked, the numbers parsed): 0, or K_EINVAL
 * with errs naming the fields. The cohort's page (web/integration.c) reads it so too. */
int fixed_cohort_filter(struct req *r, struct fixed_params *p, struct integration_cohort_filter *f,
			struct field_errors *errs);

/* Whether the actor may run report k. */
bool fixed_may(const struct actor *who, enum fixed_report k);

#endif
