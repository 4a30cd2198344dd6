/* export.h: the registry written out as CSV or XLSX (issue 6), for the web page and the API.
 *
 * The first row names the columns in the user's language; with hxl, a second row carries the
 * HXL hashtags of the humanitarian data convention (#beneficiary, #adm1, #org, #date, …), so
 * that tools such as HDX read the columns without a mapping. Values are codes (regions as
 * ISO 3166-2, categories and statuses as the reference lists' codes), which other systems
 * read without a translation.
 *
 * A de-identified export (always, for an analyst) has no names, documents, locality or
 * exact dates (the birth year, the months of arrival and registration), and no restricted
 * person at all. Every export is audited with its filters and row count; a restricted
 * person in a full export is a view of their record, audited as one. */
#ifndef KOMEK_EXPORT_EXPORT_H
#define KOMEK_EXPORT_EXPORT_H

#include <stdbool.h>

#include "base/sheet.h"
#include "http/request.h"
#include "store/store.h"

/* More rows than this are refused: the filters narrow an export. The rows and the file are
 * built in the request's memory (its arena is capped at ARENA_MAX, 64 MiB, and the answer at
 * HTTP_OUT_MAX): 50,000 people take about 15 MiB of the arena and 8 MiB of CSV. */
#define EXPORT_MAX_ROWS 50000

/* What is exported: the registry, or one of the lists (whose rows are what the list shows the
 * user: cases and services of the people they see, their organisation's referrals). */
enum export_list { EXPORT_PERSONS, EXPORT_CASES, EXPORT_SERVICES, EXPORT_REFERRALS };

struct export_request {
	enum export_list list;
	enum sheet_format format;
	bool hxl, deidentified;
	struct person_filter filter;      /* persons */
	struct case_filter cases;         /* cases */
	struct service_filter services;   /* services */
	struct referral_filter referrals; /* referrals */
	const char *query;                /* the filters as given, for the audit */
};

/* Reads format (csv, xlsx) and hxl (0 or 1), and the list's filters from the query:
 *   persons: deidentified (0 or 1), category, region, sex, age_min, age_max (an analyst's
 *            export is always de-identified);
 *   cases: status, mine, open (0 or 1);
 *   services: service_kind, form, function, means, from, to (YYYY-MM-DD), mine;
 *   referrals: box or direction (received, the default, or sent: as the lists of
 *              referrals name it), status.
 * false with *field the parameter that is not valid. */
bool export_parse(struct req *r, enum export_list list, struct export_request *x,
		  const char **field);

/* Writes the export as the answer (content type, a file name to save it as), audited.
 * K_ETOOBIG past EXPORT_MAX_ROWS, or another K_* error. */
int export_persons(struct req *r, const struct export_request *x);
/* The same for any list (lists.c): K_EFORBIDDEN for an analyst, except the registry's. */
int export_list(struct req *r, const struct export_request *x);

#endif
