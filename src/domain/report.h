/* report.h: reports of counts cut by two axes (issue 9), and their small-cell suppression.
 *
 * A report counts one measure over a period, cut by up to two of the seed's axes:
 *
 *   measure             what is counted                          its date
 *   persons             people who received a service            the service's
 *   cases               cases opened                             opened on
 *   services            services delivered                       delivered on
 *   referrals           referrals sent                           sent on
 *   group_sessions      sessions of groups held                  held on
 *   event_participants  registered people named at an event      the event's
 *
 * Every figure comes from one table of facts (store_report.c keeps it): a row per service,
 * case, referral, group session and event participant, with the axes already coded as
 * small integers, so that a report is one range scan summed here, whatever the axes. An
 * axis a measure has no value for (a group session has no sex) is refused by
 * report_spec_parse. A person's axes (category, region, sex, age, programme) are the
 * person's current ones; the age is the age on the fact's day; a case's status is the
 * current one.
 *
 * Suppression. A reader who may not see every record counted (everyone but a supervisor of
 * the organisation: report_suppresses) sees no figure of a cell, a total included, that
 * counts 1 to REPORT_SMALL_CELL - 1 people, whatever the measure; and, so that such a
 * figure cannot be worked out from a total, the smallest other figure of a row or column
 * with exactly one withheld figure is withheld too, until no row or column has exactly one.
 * Group sessions name nobody and are never withheld. */
#ifndef KOMEK_DOMAIN_REPORT_H
#define KOMEK_DOMAIN_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define REPORT_SMALL_CELL 5
/* The most distinct values an axis may take in one report (an organisation's programmes,
 * the months of a period). */
#define REPORT_AXIS_MAX 1000
/* The longest period a report covers: up to the day before the tenth anniversary of its
 * start (121 months at most, then, on the month axis). */
#define REPORT_YEARS_MAX 10

enum report_measure {
	RM_PERSONS,
	RM_CASES,
	RM_SERVICES,
	RM_REFERRALS,
	RM_GROUP_SESSIONS,
	RM_EVENT_PARTICIPANTS,
	RM_COUNT
};

enum report_axis {
	RA_NONE,
	RA_CATEGORY,
	RA_SERVICE_KIND,
	RA_FORM,
	RA_FUNCTION,
	RA_MEANS,
	RA_REGION,
	RA_ORGANISATION,
	RA_PROGRAMME,
	RA_SEX,
	RA_AGE_BAND,
	RA_MONTH,
	RA_QUARTER,
	RA_CASE_STATUS,
	RA_COUNT
};

/* The facts' measure codes (report_facts.measure); persons are counted from services. */
enum report_fact_kind {
	RF_SERVICE = 1,
	RF_CASE = 2,
	RF_REFERRAL = 3,
	RF_GROUP_SESSION = 4,
	RF_EVENT_PARTICIPANT = 5
};
enum report_fact_kind report_fact_of(enum report_measure m);

/* Codes as in the API (`persons`, `service_kind`, …); parse gives -1 for an unknown code. */
const char *report_measure_code(enum report_measure m);
int report_measure_parse(const char *code);
const char *report_axis_code(enum report_axis a);
int report_axis_parse(const char *code);
/* The axis's name and the measure's, untranslated message ids (for %t). */
const char *report_axis_name(enum report_axis a);
const char *report_measure_name(enum report_measure m);
bool report_axis_applies(enum report_measure m, enum report_axis a);

/* The reference list whose codes an axis takes ("categories", …), NULL for the others. The
 * facts hold a code as its position in the list plus one (0: not stated). */
const char *report_axis_list(enum report_axis a);

/* Age bands (UNHCR's): 0–4, 5–11, 12–17, 18–59, 60 and over; 0 is unknown. */
enum { REPORT_AGE_BANDS = 5 };
/* The band of someone born on `born` (YYYYMMDD; YYYY0000 when only the year is known; 0
 * unknown) on `day` (YYYYMMDD). */
int report_age_band(int32_t born, int32_t day);
/* "0–4", …, "60+" (codes "0-4", …, "60+"); NULL for 0. */
const char *report_age_band_label(int band);
const char *report_age_band_code(int band);

struct report_spec {
	enum report_measure measure;
	enum report_axis rows, cols; /* RA_NONE: not cut */
	char from[11], to[11];       /* YYYY-MM-DD, inclusive */
	int32_t from_day, to_day;    /* the same as YYYYMMDD */
};
/* Reads a report's parameters (codes as the API takes them; NULL or "" is the default):
 * measure (default services), rows and cols (default none; equal axes refused), from and to
 * (default the year of `today` up to today; to not before from; at most REPORT_YEARS_MAX
 * years). 0, or K_EINVAL with errs naming the fields ("measure", "rows", "cols", "from",
 * "to"); *out is filled as far as it could be in either case. */
int report_spec_parse(const char *measure, const char *rows, const char *cols, const char *from,
		      const char *to, const char *today, struct report_spec *out,
		      struct field_errors *errs);

/* One fact as the store reads it. */
struct report_fact {
	int32_t day;  /* YYYYMMDD */
	int32_t born; /* report_age_band's */
	int64_t org_id, person_id, programme_id;
	int64_t id;    /* the record's (a group session's: the people it counts are its sessions) */
	uint32_t cats; /* categories: bit i for the list's item i */
	uint8_t kind, form, function, means, case_status, sex, region;
};

/* The key of a fact on an axis (not RA_CATEGORY, which report_acc_add spreads over the
 * fact's categories): the list position plus one, the region's number (KZ-NN), the
 * organisation's or programme's id, the band, YYYYMM, YYYY*10+quarter. 0: not stated. */
int64_t report_fact_key(const struct report_fact *f, enum report_axis a);

struct report_cell {
	int64_t value;  /* the measure: people (persons) or records */
	int64_t people; /* the distinct people counted (group sessions: the sessions) */
	bool withheld;
};

/* A finished report: rows × cols cells (one row or column when not cut), row and column
 * totals and the grand total. Keys are in order, "not stated" (0) last. */
struct report_table {
	struct report_spec spec;
	size_t nrows, ncols;
	const int64_t *row_keys, *col_keys;
	const struct report_cell *cells; /* cells[r * ncols + c] */
	const struct report_cell *row_totals, *col_totals;
	struct report_cell total;
	bool suppressed; /* suppression applied (not necessarily any figure withheld) */
	size_t withheld; /* figures withheld */
};

/* Sums facts as they are read. New: free with report_acc_free (it owns what it grew with
 * malloc: a year's services are millions of facts). NULL when out of memory. */
struct report_acc;
struct report_acc *report_acc_new(const struct report_spec *spec);
/* 0, K_ENOMEM, or K_ETOOBIG when an axis takes more than REPORT_AXIS_MAX values. */
int report_acc_add(struct report_acc *acc, const struct report_fact *f);
/* Adds what src summed (for the same spec, over other facts) to dst; src is unchanged. 0,
 * K_ENOMEM, or K_ETOOBIG as report_acc_add. */
int report_acc_merge(struct report_acc *dst, const struct report_acc *src);
/* Counts the distinct people of every cell, applies suppression when `suppress`, and puts
 * the table in `a`. 0 or K_ENOMEM. */
int report_acc_finish(struct report_acc *acc, struct arena *a, bool suppress,
		      struct report_table *out);
void report_acc_free(struct report_acc *acc);

/* Withholds small figures in place (see above); a table's cells, totals and their counts.
 * Returns the figures withheld. Exposed for the tests. */
size_t report_suppress(struct report_table *t, struct report_cell *cells,
		       struct report_cell *row_totals, struct report_cell *col_totals);

/* Who reads reports: supervisors, administrators and analysts (workers have their
 * dashboards). Whose figures are withheld when small: everyone's but a supervisor's. Whose
 * reports span every organisation: analysts' (the organisation axis then names them). */
bool report_may_read(const struct actor *a);
bool report_suppresses(const struct actor *a);
bool report_all_orgs(const struct actor *a);

#endif
