/* person.h: a person in the registry, their documents, validation and change detection.
 * No I/O: the store reads and writes these, the web and API layers fill them from input.
 * Every string is owned by the arena of whoever filled the struct; NULL means "not given". */
#ifndef KOMEK_DOMAIN_PERSON_H
#define KOMEK_DOMAIN_PERSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"

#define PERSON_MAX_CATEGORIES 11
#define PERSON_MAX_DOCS 10
#define FIELD_ERRORS_MAX 32
#define PERSON_QUERY_MAX 200 /* characters of a search query */

struct person_doc {
	int64_t id;
	const char *type, *number, *country, *issued_on, *expires_on;
};

struct person {
	int64_t id, org_id, household_id, version;
	const char *family_name, *given_name, *patronymic, *name_original;
	const char *sex, *birth_date, *citizenship, *country_of_origin, *legal_status;
	const char *region, *locality, *arrival_date, *phone;
	/* When the present legal status was granted; when an asylum petition was filed. */
	const char *legal_status_since, *asylum_petition_on;
	const char *lang_kk, *lang_ru, *languages; /* languages: ISO 639-1 codes, space-separated */
	const char *child_status, *household_relation;
	/* Why the record is protected, in the worker's words: kept only for a person in a
	 * protection category, and sealed at rest (crypt/seal.h). */
	const char *protection_reason;
	bool disability, restricted;
	const char *categories[PERSON_MAX_CATEGORIES];
	size_t ncategories;
	struct person_doc docs[PERSON_MAX_DOCS];
	size_t ndocs;
	int64_t created_at, updated_at, created_by, updated_by;
	int64_t erased_at; /* 0, or when the person's data was erased at their request */
	int64_t linked_to; /* 0, or the record this one was linked to as the same person */
};

/* A validation failure: the field as named in the JSON API ("documents[1].number") and an
 * untranslated message id (translate with i18n at the edge). */
struct field_error {
	const char *field;
	const char *msg;
};

struct field_errors {
	struct field_error e[FIELD_ERRORS_MAX];
	size_t n;
};

void field_error_add(struct field_errors *errs, const char *field, const char *msg);
/* The message for a field, or NULL. */
const char *field_error_for(const struct field_errors *errs, const char *field);

/* Normalises in place (trims names, upper-cases country codes and document numbers,
 * canonicalises region codes, sorts and de-duplicates categories) and then checks every
 * field. Returns 0 or K_EINVAL with errs filled. `today` is YYYY-MM-DD. */
int person_validate(struct arena *a, struct person *p, const char *today,
		    struct field_errors *errs);

/* Checks what only a change can get wrong (after person_validate): a new legal status
 * whose grant date is still the old status's. */
void person_validate_change(const struct person *old, const struct person *p,
			    struct field_errors *errs);

/* True if the person is in a protection category (their record is restricted). */
bool person_is_protected(const struct person *p);
bool person_has_category(const struct person *p, const char *code);

/* The year of a birth date ("YYYY" or "YYYY-MM-DD"), or 0. */
int person_birth_year(const struct person *p);

/* Derived spellings of the full name (family given patronymic), arena-owned. */
const char *person_latin2021(struct arena *a, const struct person *p);
const char *person_passport(struct arena *a, const struct person *p);
/* The search key stored with the record: the match keys of every name and spelling. */
const char *person_name_key(struct arena *a, const struct person *p);

/* The same for any text of names ("A | B" for several spellings): an organisation's name. */
const char *names_search_key(struct arena *a, const char *names);
/* The key a search query is matched with inside stored name keys ("" if none). */
const char *person_query_key(struct arena *a, const char *q);

/* A field's value as text for the history ("categories": codes joined by ", ",
 * "documents": one per document joined by "; "). */
const char *person_field_text(struct arena *a, const struct person *p, const char *field);
/* The names of the fields the history tracks, NULL-terminated. */
extern const char *const person_fields[];
/* Whether a field's values are sealed at rest (in the record and in its history). */
bool person_field_sealed(const char *field);
#define PERSON_REASON_MAX_CHARS 2000

/* The text fields of a person by their name in forms and JSON, NULL-terminated, so that
 * every reader and writer of a person walks one list. */
struct person_text_field {
	const char *name;
	size_t offset; /* of a const char * in struct person */
};
extern const struct person_text_field person_text_fields[];
const char **person_text_slot(struct person *p, const struct person_text_field *f);
/* The entry for name, or NULL. */
const struct person_text_field *person_text_field_find(const char *name);

/* Normalised document number for lookups: letters and digits only, upper case. */
const char *person_doc_key(struct arena *a, const char *number);

#endif
