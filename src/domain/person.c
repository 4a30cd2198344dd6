/* person.c: validation, normalisation and derived keys of a person's record. */
#include "domain/person.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/names.h"
#include "domain/reference.h"
#include "domain/validate.h"

#define NAME_MAX_CHARS 100
#define TEXT_MAX_CHARS 200

const char *const person_fields[] = {
	"family_name",
	"given_name",
	"patronymic",
	"name_original",
	"sex",
	"birth_date",
	"citizenship",
	"country_of_origin",
	"legal_status",
	"legal_status_since",
	"asylum_petition_on",
	"region",
	"locality",
	"arrival_date",
	"phone",
	"lang_kk",
	"lang_ru",
	"languages",
	"categories",
	"child_status",
	"disability",
	"household_id",
	"household_relation",
	"documents",
	"protection_reason",
	NULL,
};

bool person_field_sealed(const char *field)
{
	return strcmp(field, "protection_reason") == 0;
}

#define TEXT_FIELD(f)                                                                              \
	{                                                                                          \
#f, offsetof(struct person, f)                                                     \
	}
const struct person_text_field person_text_fields[] = {
	TEXT_FIELD(family_name),
	TEXT_FIELD(given_name),
	TEXT_FIELD(patronymic),
	TEXT_FIELD(name_original),
	TEXT_FIELD(sex),
	TEXT_FIELD(birth_date),
	TEXT_FIELD(citizenship),
	TEXT_FIELD(country_of_origin),
	TEXT_FIELD(legal_status),
	TEXT_FIELD(legal_status_since),
	TEXT_FIELD(asylum_petition_on),
	TEXT_FIELD(region),
	TEXT_FIELD(locality),
	TEXT_FIELD(arrival_date),
	TEXT_FIELD(phone),
	TEXT_FIELD(lang_kk),
	TEXT_FIELD(lang_ru),
	TEXT_FIELD(languages),
	TEXT_FIELD(child_status),
	TEXT_FIELD(household_relation),
	TEXT_FIELD(protection_reason),
	{ NULL, 0 },
};
#undef TEXT_FIELD

const char **person_text_slot(struct person *p, const struct person_text_field *f)
{
	return (const char **)(void *)((char *)p + f->offset);
}

const struct person_text_field *person_text_field_find(const char *name)
{
	for (const struct person_text_field *f = person_text_fields; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void field_error_add(struct field_errors *errs, const char *field, const char *msg)
{
	if (field_error_for(errs, field))
		return; /* the first problem with a field is the one to show */
	if (errs->n < FIELD_ERRORS_MAX)
		errs->e[errs->n++] = (struct field_error){ field, msg };
}

const char *field_error_for(const struct field_errors *errs, const char *field)
{
	for (size_t i = 0; i < errs->n; i++)
		if (strcmp(errs->e[i].field, field) == 0)
			return errs->e[i].msg;
	return NULL;
}

static const char *upper_ascii(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	char *u = arena_strdup(a, s);
	for (char *p = u; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

static void check_birth_date(struct field_errors *errs, const char *v, const char *today)
{
	if (!v)
		return;
	if (strlen(v) == 4) {
		int64_t y;
		int64_t this_year = (today[0] - '0') * 1000 + (today[1] - '0') * 100 +
				    (today[2] - '0') * 10 + (today[3] - '0');
		if (parse_i64(v, 1900, this_year, &y))
			field_error_add(errs, "birth_date",
					N_("Enter a date as YYYY-MM-DD, or the year alone."));
		return;
	}
	if (!date_valid(v))
		field_error_add(errs, "birth_date",
				N_("Enter a date as YYYY-MM-DD, or the year alone."));
	else if (strcmp(v, today) > 0)
		field_error_add(errs, "birth_date", N_("The date is in the future."));
}

static void check_languages(struct arena *a, struct person *p, struct field_errors *errs)
{
	if (!p->languages)
		return;
	/* Accept "uz, zh" or "uz zh"; store "uz zh". */
	char *copy = arena_strdup(a, p->languages);
	char *out = arena_alloc(a, strlen(copy) + 1);
	size_t n = 0, count = 0;
	char *save = NULL;
	for (char *tok = strtok_r(copy, " ,;", &save); tok; tok = strtok_r(NULL, " ,;", &save)) {
		for (char *c = tok; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		if (!ref_language_valid(tok) || ++count > 10) {
			field_error_add(errs, "languages",
					N_("Give language codes such as uz, zh, mn."));
			return;
		}
		if (strstr(out, tok))
			continue;
		if (n)
			out[n++] = ' ';
		memcpy(out + n, tok, strlen(tok));
		n += strlen(tok);
	}
	out[n] = '\0';
	p->languages = n ? out : NULL;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void check_categories(struct person *p, struct field_errors *errs)
{
	for (size_t i = 0; i < p->ncategories; i++) {
		if (!p->categories[i] || !ref_valid("categories", p->categories[i])) {
			field_error_add(errs, "categories", N_("Choose a value from the list."));
			return;
		}
	}
	qsort(p->categories, p->ncategories, sizeof(p->categories[0]), cmp_str);
	size_t n = 0;
	for (size_t i = 0; i < p->ncategories; i++) {
		if (n && strcmp(p->categories[n - 1], p->categories[i]) == 0)
			continue;
		p->categories[n++] = p->categories[i];
	}
	p->ncategories = n;
}

/* The names of the documents' fields in errors, made once rather than for every person
 * validated (an import validates a million). */
#define DOC_FIELDS(i)                                                                              \
	{                                                                                          \
		"documents[" #i "].type", "documents[" #i "].number", "documents[" #i "].country", \
		    "documents[" #i "].issued_on", "documents[" #i "].expires_on"                  \
	}
static const char *const doc_fields[PERSON_MAX_DOCS][5] = {
	DOC_FIELDS(0), DOC_FIELDS(1), DOC_FIELDS(2), DOC_FIELDS(3), DOC_FIELDS(4),
	DOC_FIELDS(5), DOC_FIELDS(6), DOC_FIELDS(7), DOC_FIELDS(8), DOC_FIELDS(9),
};
_Static_assert(PERSON_MAX_DOCS == 10, "one DOC_FIELDS per document");

static void check_docs(struct arena *a, struct person *p, const char *today,
		       struct field_errors *errs)
{
	for (size_t i = 0; i < p->ndocs; i++) {
		struct person_doc *d = &p->docs[i];
		d->type = val_trim(a, d->type);
		d->number = upper_ascii(a, val_trim(a, d->number));
		d->country = upper_ascii(a, val_trim(a, d->country));
		d->issued_on = val_trim(a, d->issued_on);
		d->expires_on = val_trim(a, d->expires_on);
		const char *f_type = doc_fields[i][0], *f_num = doc_fields[i][1],
			   *f_cty = doc_fields[i][2], *f_iss = doc_fields[i][3],
			   *f_exp = doc_fields[i][4];
		val_ref(errs, f_type, "document_types", d->type, true);
		val_text(errs, f_num, d->number, true, 40);
		if (d->number && !field_error_for(errs, f_num)) {
			const char *key = person_doc_key(a, d->number);
			if (!*key)
				field_error_add(errs, f_num,
						N_("A document number needs letters "
						   "or digits."));
		}
		if (d->country && !ref_country_valid(d->country))
			field_error_add(errs, f_cty, N_("Choose a country from the list."));
		val_date(errs, f_iss, d->issued_on, today, true);
		val_date(errs, f_exp, d->expires_on, today, false);
		if (d->issued_on && d->expires_on && date_valid(d->issued_on) &&
		    date_valid(d->expires_on) && strcmp(d->expires_on, d->issued_on) <= 0)
			field_error_add(errs, f_exp, N_("Expires before it was issued."));
	}
}

int person_validate(struct arena *a, struct person *p, const char *today, struct field_errors *errs)
{
	p->family_name = val_trim(a, p->family_name);
	p->given_name = val_trim(a, p->given_name);
	p->patronymic = val_trim(a, p->patronymic);
	p->name_original = val_trim(a, p->name_original);
	p->sex = val_trim(a, p->sex);
	p->birth_date = val_trim(a, p->birth_date);
	p->citizenship = upper_ascii(a, val_trim(a, p->citizenship));
	p->country_of_origin = upper_ascii(a, val_trim(a, p->country_of_origin));
	p->legal_status = val_trim(a, p->legal_status);
	p->legal_status_since = val_trim(a, p->legal_status_since);
	p->asylum_petition_on = val_trim(a, p->asylum_petition_on);
	p->locality = val_trim(a, p->locality);
	p->arrival_date = val_trim(a, p->arrival_date);
	p->phone = val_trim(a, p->phone);
	p->lang_kk = val_trim(a, p->lang_kk);
	p->lang_ru = val_trim(a, p->lang_ru);
	p->languages = val_trim(a, p->languages);
	p->child_status = val_trim(a, p->child_status);
	p->household_relation = val_trim(a, p->household_relation);
	p->protection_reason = val_trim(a, p->protection_reason);
	p->region = val_trim(a, p->region);
	if (p->region) {
		const char *canon = ref_region_canonical(p->region);
		if (canon)
			p->region = canon;
	}
	if (!p->child_status)
		p->child_status = "none";

	val_text(errs, "family_name", p->family_name, true, NAME_MAX_CHARS);
	val_text(errs, "given_name", p->given_name, true, NAME_MAX_CHARS);
	val_text(errs, "patronymic", p->patronymic, false, NAME_MAX_CHARS);
	val_text(errs, "name_original", p->name_original, false, TEXT_MAX_CHARS);
	val_ref(errs, "sex", "sexes", p->sex, true);
	check_birth_date(errs, p->birth_date, today);
	if (p->citizenship && !ref_country_valid(p->citizenship))
		field_error_add(errs, "citizenship", N_("Choose a country from the list."));
	if (p->country_of_origin && !ref_country_valid(p->country_of_origin))
		field_error_add(errs, "country_of_origin", N_("Choose a country from the list."));
	val_ref(errs, "legal_status", "legal_statuses", p->legal_status, false);
	val_date(errs, "legal_status_since", p->legal_status_since, today, true);
	if (p->legal_status_since && !p->legal_status)
		field_error_add(errs, "legal_status_since", N_("Give the legal status too."));
	val_date(errs, "asylum_petition_on", p->asylum_petition_on, today, true);
	if (p->asylum_petition_on && p->arrival_date && date_valid(p->asylum_petition_on) &&
	    strcmp(p->asylum_petition_on, p->arrival_date) < 0)
		field_error_add(errs, "asylum_petition_on", N_("The petition is before arrival."));
	val_ref(errs, "region", "regions", p->region, false);
	val_text(errs, "locality", p->locality, false, NAME_MAX_CHARS);
	val_date(errs, "arrival_date", p->arrival_date, today, true);
	if (p->arrival_date && p->birth_date && date_valid(p->arrival_date) &&
	    strncmp(p->arrival_date, p->birth_date, strlen(p->birth_date)) < 0)
		field_error_add(errs, "arrival_date", N_("Arrival is before birth."));
	val_phone(errs, "phone", p->phone);
	val_ref(errs, "lang_kk", "language_levels", p->lang_kk, false);
	val_ref(errs, "lang_ru", "language_levels", p->lang_ru, false);
	check_languages(a, p, errs);
	check_categories(p, errs);
	val_ref(errs, "child_status", "child_statuses", p->child_status, true);
	if (p->child_status && strcmp(p->child_status, "none") != 0 && p->birth_date) {
		int by = person_birth_year(p);
		int ty = (today[0] - '0') * 1000 + (today[1] - '0') * 100 + (today[2] - '0') * 10 +
			 (today[3] - '0');
		if (by && ty - by > 18)
			field_error_add(errs, "child_status",
					N_("Only a child can be unaccompanied or separated."));
	}
	if (p->household_relation) {
		val_ref(errs, "household_relation", "relations", p->household_relation, false);
		if (!p->household_id)
			field_error_add(errs, "household_relation",
					N_("A relation to the head needs a household."));
	}
	check_docs(a, p, today, errs);
	p->restricted = person_is_protected(p);
	val_note(errs, "protection_reason", p->protection_reason, PERSON_REASON_MAX_CHARS);
	if (p->protection_reason && !p->restricted)
		field_error_add(errs, "protection_reason",
				N_("A reason is kept only for a person in a protected category."));
	return errs->n ? K_EINVAL : 0;
}

static bool same_text(const char *x, const char *y)
{
	return x && y ? strcmp(x, y) == 0 : x == y;
}

void person_validate_change(const struct person *old, const struct person *p,
			    struct field_errors *errs)
{
	if (p->legal_status && !same_text(old->legal_status, p->legal_status) &&
	    p->legal_status_since && same_text(old->legal_status_since, p->legal_status_since))
		field_error_add(
		    errs, "legal_status_since",
		    N_("The legal status changed: give the date the new one was granted."));
}

bool person_has_category(const struct person *p, const char *code)
{
	for (size_t i = 0; i < p->ncategories; i++)
		if (p->categories[i] && strcmp(p->categories[i], code) == 0)
			return true;
	return false;
}

bool person_is_protected(const struct person *p)
{
	const struct ref_list *l = ref_list_find("categories");
	for (size_t i = 0; i < p->ncategories; i++) {
		const struct ref_item *it = p->categories[i] ? ref_find(l, p->categories[i]) : NULL;
		if (it && (it->flags & REF_PROTECTED))
			return true;
	}
	return false;
}

int person_birth_year(const struct person *p)
{
	if (!p->birth_date || strlen(p->birth_date) < 4)
		return 0;
	int y = 0;
	for (int i = 0; i < 4; i++) {
		char c = p->birth_date[i];
		if (c < '0' || c > '9')
			return 0;
		y = y * 10 + (c - '0');
	}
	return y;
}

static const char *full_name(struct arena *a, const struct person *p)
{
	return arena_printf(a, "%s %s%s%s", p->family_name ? p->family_name : "",
			    p->given_name ? p->given_name : "", p->patronymic ? " " : "",
			    p->patronymic ? p->patronymic : "");
}

/* Runs a names.h function with a buffer large enough for any input: folding can grow a
 * character elevenfold (U+FDFA becomes 33 bytes). */
static const char *derive(struct arena *a, const char *in, int (*fn)(const char *, char *, size_t))
{
	size_t cap = strlen(in) * 11 + 16;
	char *out = arena_alloc(a, cap);
	return fn(in, out, cap) < 0 ? "" : out;
}

static int latin2021_plain(const char *in, char *out, size_t cap)
{
	return names_latin2021(in, out, cap, NULL);
}

const char *person_latin2021(struct arena *a, const struct person *p)
{
	return derive(a, full_name(a, p), latin2021_plain);
}

const char *person_passport(struct arena *a, const struct person *p)
{
	return derive(a, full_name(a, p), names_passport);
}

const char *person_name_key(struct arena *a, const struct person *p)
{
	return names_search_key(a, arena_printf(a, "%s | %s", full_name(a, p),
						p->name_original ? p->name_original : ""));
}

const char *names_search_key(struct arena *a, const char *names)
{
	/* The key of the Cyrillic-to-passport spelling and of the 2021 Latin one, so that a
	 * query typed in either alphabet finds the record. */
	const char *k1 = derive(a, names, names_key);
	const char *k2 = derive(a, derive(a, names, latin2021_plain), names_key);
	if (strcmp(k1, k2) == 0)
		return arena_printf(a, " %s ", k1);
	return arena_printf(a, " %s | %s ", k1, k2);
}

const char *person_query_key(struct arena *a, const char *q)
{
	char *k = arena_strdup(a, derive(a, q, names_key));
	/* "|" separates spellings in a stored key; it never belongs to a query. Dropping it
	 * may leave two spaces ("a | b"), which no stored key has: collapse them and trim. */
	size_t n = 0;
	for (const char *p = k; *p; p++)
		if (*p != '|' && !(*p == ' ' && (n == 0 || k[n - 1] == ' ')))
			k[n++] = *p;
	while (n && k[n - 1] == ' ')
		n--;
	k[n] = '\0';
	return k;
}

const char *person_doc_key(struct arena *a, const char *number)
{
	char *k = arena_alloc(a, strlen(number) + 1);
	size_t n = 0;
	for (const char *s = number; *s; s++)
		if (isalnum((unsigned char)*s))
			k[n++] = (char)toupper((unsigned char)*s);
	k[n] = '\0';
	return k;
}

const char *person_field_text(struct arena *a, const struct person *p, const char *f)
{
	const struct person_text_field *tf = person_text_field_find(f);
	if (tf)
		return *(const char *const *)(const void *)((const char *)p + tf->offset);
	if (strcmp(f, "disability") == 0)
		return p->disability ? "yes" : "no";
	if (strcmp(f, "household_id") == 0)
		return p->household_id ? arena_printf(a, "%lld", (long long)p->household_id) : NULL;
	if (strcmp(f, "categories") == 0 || strcmp(f, "documents") == 0) {
		bool cats = f[0] == 'c';
		size_t n = cats ? p->ncategories : p->ndocs;
		if (!n)
			return NULL;
		const char *out = "";
		for (size_t i = 0; i < n; i++) {
			const char *item;
			if (cats) {
				item = p->categories[i];
			} else {
				const struct person_doc *d = &p->docs[i];
				item = arena_printf(
				    a, "%s %s%s%s%s%s", d->type, d->number, d->country ? " " : "",
				    d->country ? d->country : "", d->expires_on ? " → " : "",
				    d->expires_on ? d->expires_on : "");
			}
			out = arena_printf(a, "%s%s%s", out, i ? (cats ? ", " : "; ") : "", item);
		}
		return out;
	}
	return NULL;
}
