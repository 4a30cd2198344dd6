/* reference.h: the reference lists of domain.md (codes with kk/ru/en labels) and the ISO
 * country and language lists (names from ICU). Read-only data; no I/O. */
#ifndef KOMEK_DOMAIN_REFERENCE_H
#define KOMEK_DOMAIN_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>

enum {
	REF_PROTECTED = 1u << 0, /* category that makes a person's record restricted */
	REF_CITY = 1u << 1,      /* region that is a city of republican significance */
};

struct ref_item {
	const char *code;
	const char *kk, *ru, *en; /* label */
	unsigned flags;
	const char *centre_kk, *centre_ru, *centre_en; /* regions only, else NULL */
};

struct ref_list {
	const char *name; /* as in /api/v1/reference/{name} */
	const struct ref_item *items;
	size_t n;
};

/* Lists: "categories", "legal_statuses", "regions", "service_kinds", "activity_kinds",
 * "forms", "functions", "means", "sexes", "relations", "document_types",
 * "language_levels", "consent_purposes", "child_statuses", "erasure_reasons",
 * "case_statuses", "closing_reasons", "needs", "urgency_levels" (in order of the score,
 * 0 to 3), "partner_kinds", "referral_statuses". NULL if unknown.
 * Everything returned below is static and read-only, and every function may be called from
 * many threads at once. Labels are lower case as in domain.md, save proper names. */
const struct ref_list *ref_list_find(const char *name);
/* All lists, in a stable order, terminated by NULL. */
const struct ref_list *const *ref_lists(void);
/* Exact, case-sensitive match on the code; NULL if list or code is NULL or unknown. */
const struct ref_item *ref_find(const struct ref_list *list, const char *code);
/* Only current codes: a region's old letter code is not valid (see ref_region_canonical). */
bool ref_valid(const char *list_name, const char *code);
/* The label in lang ("kk", "ru", "en"; anything else, NULL too, gives en); NULL item: NULL. */
const char *ref_label(const struct ref_item *item, const char *lang);
/* Region codes: maps older letter codes (KZ-AKM, KZ-ALA, …) and the numeric codes to the
 * current numeric code, ignoring ASCII case; NULL if not a region. Returns a static string.
 * A region split in 2022 maps to the part that kept its name (KZ-ALM to KZ-19). */
const char *ref_region_canonical(const char *code);

/* ISO 3166-1 alpha-2 countries and ISO 639-1 languages, names from ICU in lang ("kk", "ru";
 * anything else gives en). Countries are ICU's list less DG, EA, IC and XK, which are not
 * ISO 3166-1 country codes; languages are ICU's two-letter codes plus "tl" (Tagalog).
 * _valid wants the upper-case (country) or lower-case (language) code. The name functions
 * write into buf and return buf, or the code itself (buf then empty, if cap > 0) when the
 * code is not valid, ICU has no name in lang, or the name does not fit: 128 bytes hold
 * every name in ICU 72. The tables are built once, on first use, thread-safely. */
bool ref_country_valid(const char *code);
const char *ref_country_name(const char *code, const char *lang, char *buf, size_t cap);
/* Calls fn for every valid country code, in code order. */
void ref_countries_each(void (*fn)(const char *code, void *arg), void *arg);
/* The same, in the order of the names in lang (ICU collation). */
void ref_countries_by_name(const char *lang, void (*fn)(const char *code, void *arg), void *arg);
bool ref_language_valid(const char *code);
const char *ref_language_name(const char *code, const char *lang, char *buf, size_t cap);

#endif
