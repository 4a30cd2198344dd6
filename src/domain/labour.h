/* labour.h: labour (issue 8, parts 1 and 2): employers and their vacancies, a person's skills,
 * education and work history, matching people to vacancies, employment records, and the
 * working-condition alerts an employment raises. The records, their validation, the rules
 * as pure functions, the reference lists, and who may do what. No I/O.
 *
 * Amounts are minor units of KZT (tiyn); dates YYYY-MM-DD; occupations ISCO-08 sub-major
 * groups (two digits: "71" building and related trades workers); education levels ISCED 2011
 * (0..8). Strings are owned by the filler's arena.
 *
 * The alerts of an employment, on the minimum wage and the legal week in force on the day it
 * started (the dated tables minimum_wages and labour_rules, which administrators keep):
 *   below_minimum_wage  the monthly wage is below the minimum wage pro-rated to the hours:
 *                       threshold = minimum × min(hours, week) / week, rounded down. The
 *                       Labour Code sets the minimum for a full month of the normal working
 *                       time (art. 68: 40 hours a week), and part-time work is paid in
 *                       proportion to the time worked (art. 69): 20 hours a week owe half the
 *                       minimum. A wage equal to the threshold raises nothing, one tiyn below
 *                       raises the alert; hours above the week do not raise the threshold
 *                       (overtime is its own alert).
 *   excessive_hours     the hours per week are above the legal week.
 *   documents_held      the employer or an agency holds the worker's identity documents
 *                       (retention of identity documents: an ILO indicator of forced labour,
 *                       instruments.md §2).
 * Without a minimum wage in force on the day (before the table's first row) or a legal week,
 * the alerts that need it are not decided. */
#ifndef KOMEK_DOMAIN_LABOUR_H
#define KOMEK_DOMAIN_LABOUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"
#include "domain/reference.h"

#define LABOUR_NAME_MAX 300
#define LABOUR_NOTE_MAX 4000
#define LABOUR_WAGE_MAX 100000000000 /* tiyn: a billion KZT a month */
#define LABOUR_HOURS_MAX 168         /* hours in a week */
#define LABOUR_PLACES_MAX 10000
#define LABOUR_LANGUAGES_MAX 10 /* languages a vacancy requires */
#define LABOUR_ALERT_KINDS 3

struct employer {
	int64_t id, org_id, version;
	const char *name, *bin, *region, *address, *contact, *phone, *note;
	bool active;
	int64_t open_vacancies; /* read with it */
};

struct vacancy {
	int64_t id, org_id, employer_id, version;
	const char *title, *occupation, *region;
	int64_t wage;           /* monthly, tiyn; 0: not given */
	int64_t hours_per_week; /* 0: not given */
	bool housing;           /* housing offered */
	const char *languages;  /* ISO 639-1 codes required, space-separated; NULL: none */
	int64_t places;
	const char *opened_on, *closes_on, *status, *note;
	const char *employer_name; /* read with it */
};

/* A row of a person's skills ("skill"), education ("education") or work history ("work"). */
struct person_skill {
	int64_t id, person_id;
	const char *kind;
	const char *occupation; /* skills and work: an ISCO-08 sub-major group, or NULL */
	const char *level;      /* education: an ISCED 2011 level "0".."8", or NULL */
	const char *title, *place, *note;
	int64_t from_year, to_year; /* 0: not given */
};

struct employment {
	int64_t id, org_id, person_id, version;
	int64_t case_id, employer_id, vacancy_id; /* 0: none */
	const char *employer_name;                /* when the employer is not registered */
	const char *job_title, *occupation, *region;
	int64_t wage;           /* monthly, tiyn */
	int64_t hours_per_week; /* 1..168 */
	const char *started_on, *ended_on, *contract, *documents_held_by, *note;
	/* Read with it: the registered employer's name (else employer_name), the open alerts. */
	const char *employer;
	int64_t open_alerts;
};

struct labour_alert {
	int64_t id, org_id, employment_id, person_id, case_id, resolved_by;
	const char *kind, *detail, *raised_on, *resolved_on, *resolution;
	/* Read with it: the person's names (a reader who may see them), the job, the employer. */
	const char *family_name, *given_name, *job_title, *employer;
	bool restricted;
};

/* The national minimum monthly wage from valid_from on. */
struct minimum_wage {
	const char *valid_from;
	int64_t amount, set_by, set_at;
};

/* The normal working week from valid_from on. */
struct labour_rule {
	const char *valid_from;
	int64_t legal_week_hours;
};

/* What an employment raises: a kind of labour_alert_kinds and its figures as key=value words
 * ("wage=8499999 minimum=8500000 threshold=8500000 hours=40 legal_week=40"), arena-owned. */
struct labour_finding {
	const char *kind, *detail;
};

/* ---- rules ---- */

/* The row in force on `date` (the latest valid_from not after it), or NULL. The tables need
 * not be sorted. */
const struct minimum_wage *minimum_wage_on(const struct minimum_wage *t, size_t n,
					   const char *date);
/* The legal week in hours on `date`, or 0 when no rule is in force. */
int legal_week_on(const struct labour_rule *t, size_t n, const char *date);
/* The least monthly wage owed for hours a week: min_wage × min(hours, legal_week) /
 * legal_week, rounded down; min_wage itself when legal_week is not above 0. */
int64_t labour_wage_threshold(int64_t min_wage, int64_t hours, int legal_week);
/* The alerts of an employment (see above) with the minimum wage (0: none in force) and the
 * legal week (0: none) of its start, into out in the order below_minimum_wage,
 * excessive_hours, documents_held; returns how many. */
size_t employment_alerts(struct arena *a, const struct employment *e, int64_t min_wage,
			 int legal_week, struct labour_finding out[LABOUR_ALERT_KINDS]);

/* ---- matching ---- */

/* Why a person suits a vacancy. REGION and HOUSING exclude each other, as do OCCUPATION and
 * OCCUPATION_GROUP. */
enum labour_match_reason {
	LABOUR_MATCH_REGION = 1u << 0,           /* the person lives in the vacancy's region */
	LABOUR_MATCH_HOUSING = 1u << 1,          /* another region, but housing is offered */
	LABOUR_MATCH_OCCUPATION = 1u << 2,       /* a skill or job of the same sub-major group */
	LABOUR_MATCH_OCCUPATION_GROUP = 1u << 3, /* one of the same major group (first digit) */
	LABOUR_MATCH_LANGUAGES = 1u << 4,        /* speaks every language required (or none is) */
};

/* The points each reason gives; a score is the sum over the reasons found (0..100). */
struct labour_match_weight {
	enum labour_match_reason reason;
	int points;
};
#define LABOUR_MATCH_WEIGHTS_N 5
extern const struct labour_match_weight labour_match_weights[LABOUR_MATCH_WEIGHTS_N];

/* Whether the person speaks a language (ISO 639-1): Kazakh and Russian at an intermediate
 * level or better (lang_kk, lang_ru), or any language among person->languages. */
bool labour_speaks(const struct person *p, const char *code);
/* How well a person suits a vacancy, 0..100, with the reasons (enum labour_match_reason) in
 * *reasons when not NULL: by region (the person's equals the vacancy's; another region counts
 * for less when housing is offered), occupation (a skill or work row of the person with the
 * vacancy's sub-major group; the same major group counts for less) and languages (the person
 * speaks every one the vacancy requires). */
int vacancy_match(const struct vacancy *v, const struct person *p,
		  const struct person_skill *skills, size_t n, unsigned *reasons);

/* ---- validation ---- */

/* A name, a BIN of 12 digits with its check digit (optional), a region (optional), a phone
 * (optional), single-line address and contact, a note. */
int employer_validate(struct arena *a, struct employer *e, struct field_errors *errs);
/* An employer (employer_id), a title, an occupation, a region, wage 0 (not given) or more,
 * hours 0 (not given) or 1..168, required languages as ISO 639-1 codes (normalised to
 * lower case, space-separated, each once), places 1..LABOUR_PLACES_MAX, opened_on (default
 * today) and closes_on not before it, a status (default "open"). */
int vacancy_validate(struct arena *a, struct vacancy *v, const char *today,
		     struct field_errors *errs);
/* A kind, a title; an occupation (skills and work only) and a level (education only), each
 * optional; years 1900..this year with to_year not before from_year. */
int person_skill_validate(struct arena *a, struct person_skill *s, const char *today,
			  struct field_errors *errs);
/* A person, an employer (employer_id, employer_name, or a vacancy's), a job title, an occupation
 * and a region (optional), wage 0..LABOUR_WAGE_MAX, hours 1..168, started_on a date not after
 * today, ended_on (optional, may be ahead: a fixed-term contract) not before it, a contract
 * and who holds the documents. */
int employment_validate(struct arena *a, struct employment *e, const char *today,
			struct field_errors *errs);
/* A minimum wage: valid_from a date, an amount above 0. */
int minimum_wage_validate(struct arena *a, struct minimum_wage *m, struct field_errors *errs);
/* The note that resolves an alert by hand: required, a note's length ("resolution"). */
int labour_resolution_validate(struct arena *a, const char **resolution, struct field_errors *errs);
/* Whether a BIN (or an IIN) has 12 digits and a right check digit. */
bool labour_bin_valid(const char *bin);
/* Whether code is an ISCO-08 sub-major group of labour_occupations. */
bool labour_occupation_valid(const char *code);

/* ---- reference lists (codes with kk/ru/en labels) ---- */

#define LABOUR_OCCUPATIONS_N 43
#define LABOUR_CONTRACTS_N 3
#define LABOUR_DOCUMENT_HOLDERS_N 5
#define LABOUR_ALERT_KINDS_N 3
#define EDUCATION_LEVELS_N 9
#define LABOUR_SKILL_KINDS_N 3
#define VACANCY_STATUSES_N 3
/* ISCO-08 sub-major groups, in code order: "01".."03" armed forces, "11".."96". */
extern const struct ref_item labour_occupations[LABOUR_OCCUPATIONS_N];
/* "written", "oral", "none". */
extern const struct ref_item labour_contracts[LABOUR_CONTRACTS_N];
/* Who holds the identity documents: "worker", "employer", "agency", "other", "unknown". */
extern const struct ref_item labour_document_holders[LABOUR_DOCUMENT_HOLDERS_N];
/* "below_minimum_wage", "excessive_hours", "documents_held". */
extern const struct ref_item labour_alert_kinds[LABOUR_ALERT_KINDS_N];
/* ISCED 2011 levels "0".."8". */
extern const struct ref_item education_levels[EDUCATION_LEVELS_N];
/* A person_skill's kind: "skill", "education", "work". */
extern const struct ref_item labour_skill_kinds[LABOUR_SKILL_KINDS_N];
/* "open", "filled", "closed". */
extern const struct ref_item vacancy_statuses[VACANCY_STATUSES_N];

/* ---- who may ---- */

/* Who may see employers, vacancies, skills, employments and alerts: everyone but analysts
 * (who get the figures in reports); a person's records follow the person's visibility. Who
 * may record them and resolve alerts: social workers, lawyers and supervisors. Who may keep
 * the minimum-wage table: administrators. */
bool labour_may_read(const struct actor *a);
bool labour_may_write(const struct actor *a);
bool labour_may_keep_rates(const struct actor *a);

#endif
