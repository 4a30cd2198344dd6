/* programme.h: state and regional programmes (issue 7; domain.md §4; instruments.md §4): the
 * kandas resettlement programme to the designated regions, the resettlers' regional quota,
 * language courses, employment programmes. A programme has eligibility rules over the
 * person's data, quotas of people per region and year, enrolments, and the support given
 * through it; the money support follows dated rules in monthly calculation indices (MRP) of
 * the year. The records, eligibility, the entitlements of a family, and who may do what. No
 * I/O.
 *
 * A quota counts people: an enrolment of a family of four uses four places of its region's
 * quota for the year (the store keeps the count with a conditional update, so that enrolments
 * racing for the last places cannot pass it). Amounts are minor units of KZT (tiyn). Strings
 * are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_PROGRAMME_H
#define KOMEK_DOMAIN_PROGRAMME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define PROGRAMME_NAME_MAX 300
#define PROGRAMME_NOTE_MAX 4000
#define PROGRAMME_LIST_MAX 16   /* categories or legal statuses in an eligibility rule */
#define PROGRAMME_FAMILY_MAX 30 /* people in one enrolment */
#define PROGRAMME_QUOTA_MAX 1000000

struct programme {
	int64_t id, org_id, version; /* org_id 0: a national programme shipped with Komek */
	const char *code, *kind, *name, *name_kk, *name_ru, *description;
	/* Eligibility: one of the categories or one of the legal statuses (when either list is
	 * given), and an age in [age_min, age_max] on the day of enrolment (-1: no bound). */
	const char *categories[PROGRAMME_LIST_MAX], *legal_statuses[PROGRAMME_LIST_MAX];
	size_t ncategories, nlegal_statuses;
	int64_t age_min, age_max;
	bool has_quota, mrp_support, active;
	int64_t enrolled; /* read with it: people enrolled now, in the reader's organisation */
};

struct quota {
	int64_t programme_id, year, quota, used;
	const char *region;
};

struct enrolment {
	int64_t id, programme_id, org_id, person_id, year, family_size;
	const char *region, *enrolled_on, *status, *withdrawn_on, *note;
	/* Read with it. */
	const char *family_name, *given_name, *programme_name, *programme_name_kk,
	    *programme_name_ru;
	bool visible, restricted;
	int64_t support_total;
};

struct support {
	int64_t id, enrolment_id, amount;
	const char *kind, *given_on, *note;
};

/* A year's rates (instruments.md §4), minor units of KZT. */
struct rates {
	int64_t year, min_wage, mrp, subsistence;
};

/* A dated support rule in MRP: per family member (relocation), a monthly range for some
 * months (rent), or a ceiling (housing certificate), from valid_from on. */
struct support_rule {
	const char *kind, *valid_from;
	int64_t per_member_mrp, min_mrp, max_mrp, months;
};

/* What a family is entitled to on a day, in minor units of KZT with the MRP of that year. */
struct entitlements {
	int64_t year, family_size, mrp;
	int64_t relocation;                     /* once, for the family */
	int64_t rent_month_min, rent_month_max; /* per month */
	int64_t rent_months;
	int64_t rent_total_min, rent_total_max;
	int64_t certificate_max;
	bool known; /* false: no rates for that year */
};

/* The rule of `kind` in force on `on` among rules (the latest valid_from not after it), or
 * NULL. */
const struct support_rule *support_rule_on(const struct support_rule *rules, size_t n,
					   const char *kind, const char *on);
/* A family's entitlements on day `on` (YYYY-MM-DD) from the year's rates and the rules. */
void programme_entitlements(const struct rates *r, const struct support_rule *rules, size_t n,
			    int64_t family_size, const char *on, struct entitlements *out);

/* The person's age in whole years on `on` from a birth date "YYYY-MM-DD" or "YYYY" (then
 * counted from 1 July); -1 when unknown. */
int person_age_on(const char *birth_date, const char *on);
/* Whether the person may enrol on `on`: true, or false with the reason (a msgid). */
bool programme_eligible(const struct programme *p, const struct person *who, const char *on,
			const char **why);

/* Trims and checks a programme an organisation adds: a kind ("programme_kinds"), a name,
 * eligibility lists of valid codes, ages 0..120 with min not above max. */
int programme_validate(struct arena *a, struct programme *p, struct field_errors *errs);
/* A quota: a region, a year 2000..2100, 0..PROGRAMME_QUOTA_MAX people. */
int quota_validate(struct arena *a, struct quota *q, struct field_errors *errs);
/* An enrolment: a person, a region (required where the programme has quotas), the year
 * (default: of the day), 1..PROGRAMME_FAMILY_MAX people, enrolled on a day not after today. */
int enrolment_validate(struct arena *a, struct enrolment *e, const struct programme *p,
		       const char *today, struct field_errors *errs);
/* A withdrawal's date: a date, not after today, not before the enrolment. */
int withdraw_validate(const char *enrolled_on, const char *date, const char *today,
		      struct field_errors *errs);
/* Support given: a kind ("support_kinds"), an amount, a day not after today and not before
 * the enrolment, and, for the MRP-based kinds, within what the family is entitled to (the
 * relocation subsidy and the housing certificate once, rent for at most its months, each
 * month's within the range); given_before lists the support given already. */
int support_validate(struct arena *a, struct support *s, const struct enrolment *e,
		     const struct entitlements *ent, const struct support *given_before,
		     size_t ngiven, const char *today, struct field_errors *errs);

/* Who may see programmes and their quotas: everyone but analysts (who see the figures in
 * reports). Who may enrol people and record support: those who register people. Who may add
 * an organisation's own programmes and quotas: administrators. */
/* A programme's name in lang ("kk", "ru"; else English), the English one when it has none. */
const char *programme_name_in(const char *lang, const char *name, const char *kk, const char *ru);

bool programme_may_read(const struct actor *a);
bool programme_may_enrol(const struct actor *a);
bool programme_may_manage(const struct actor *a);

#endif
