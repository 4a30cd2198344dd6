/* import.c: spreadsheet rows as people (import.h). */
#include "domain/import.h"

#include <string.h>

#include "base/banned.h"
#include "base/buf.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/names.h"
#include "domain/reference.h"
#include "domain/validate.h"

/* The labels are the registration form's and the export's, so that an export reads back. */
const struct import_target import_targets[] = {
	{ "family_name", N_("Family name"), "family_name", IMPORT_TEXT, NULL, false },
	{ "given_name", N_("Given name"), "given_name", IMPORT_TEXT, NULL, false },
	{ "patronymic", N_("Patronymic"), "patronymic", IMPORT_TEXT, NULL, false },
	{ "name_original", N_("Name as written in the person's own script"), "name_original",
	  IMPORT_TEXT, NULL, false },
	{ "sex", N_("Sex"), "sex", IMPORT_TEXT, "sexes", false },
	{ "birth_date", N_("Birth date"), "birth_date", IMPORT_TEXT, NULL, true },
	{ "citizenship", N_("Citizenship"), "citizenship", IMPORT_TEXT, NULL, false },
	{ "country_of_origin", N_("Country of origin"), "country_of_origin", IMPORT_TEXT, NULL,
	  false },
	{ "legal_status", N_("Legal status"), "legal_status", IMPORT_TEXT, "legal_statuses",
	  false },
	{ "legal_status_since", N_("Legal status granted on"), "legal_status_since", IMPORT_TEXT,
	  NULL, true },
	{ "asylum_petition_on", N_("Asylum petition filed on"), "asylum_petition_on", IMPORT_TEXT,
	  NULL, true },
	{ "region", N_("Region"), "region", IMPORT_TEXT, "regions", false },
	{ "locality", N_("Locality"), "locality", IMPORT_TEXT, NULL, false },
	{ "arrival_date", N_("Arrival date"), "arrival_date", IMPORT_TEXT, NULL, true },
	{ "phone", N_("Phone"), "phone", IMPORT_TEXT, NULL, false },
	{ "lang_kk", N_("Kazakh"), "lang_kk", IMPORT_TEXT, "language_levels", false },
	{ "lang_ru", N_("Russian"), "lang_ru", IMPORT_TEXT, "language_levels", false },
	{ "languages", N_("Other languages"), "languages", IMPORT_TEXT, NULL, false },
	{ "child_status", N_("Unaccompanied or separated child"), "child_status", IMPORT_TEXT,
	  "child_statuses", false },
	{ "categories", N_("Categories"), "categories", IMPORT_CATEGORIES, "categories", false },
	{ "disability", N_("Disability"), "disability", IMPORT_DISABILITY, NULL, false },
	{ "document_type", N_("Document type"), "documents[0].type", IMPORT_DOC, "document_types",
	  false },
	{ "document_number", N_("Document number"), "documents[0].number", IMPORT_DOC, NULL,
	  false },
	{ "document_country", N_("Issued by (country)"), "documents[0].country", IMPORT_DOC, NULL,
	  false },
	{ "document_issued_on", N_("Issued on"), "documents[0].issued_on", IMPORT_DOC, NULL, true },
	{ "document_expires_on", N_("Expires on"), "documents[0].expires_on", IMPORT_DOC, NULL,
	  true },
	{ "documents", N_("Identity documents"), "documents", IMPORT_DOCUMENTS, NULL, false },
	{ NULL, NULL, NULL, 0, NULL, false },
};

/* The HXL hashtags the export writes, for the targets it has a column for. */
static const struct {
	const char *hxl, *target;
} hxl_tags[] = {
	{ "#beneficiary+name+family", "family_name" },
	{ "#beneficiary+name+given", "given_name" },
	{ "#beneficiary+name+patronymic", "patronymic" },
	{ "#beneficiary+name+original", "name_original" },
	{ "#beneficiary+sex+code", "sex" },
	{ "#date+birth", "birth_date" },
	{ "#country+code+citizenship", "citizenship" },
	{ "#country+code+origin", "country_of_origin" },
	{ "#status+legal+code", "legal_status" },
	{ "#adm1+code", "region" },
	{ "#loc+name", "locality" },
	{ "#date+arrival", "arrival_date" },
	{ "#beneficiary+category+code", "categories" },
	{ "#beneficiary+document", "documents" },
};

/* Headers that lists kept in spreadsheets use, beside the labels of the form: folded as
 * fold_key folds them (NFKC makes "№" "no"). */
static const struct {
	const char *header, *target;
} aliases[] = {
	{ "фамилия", "family_name" },
	{ "surname", "family_name" },
	{ "lastname", "family_name" },
	{ "familyname", "family_name" },
	{ "имя", "given_name" },
	{ "firstname", "given_name" },
	{ "givenname", "given_name" },
	{ "name", "given_name" },
	{ "отчество", "patronymic" },
	{ "middlename", "patronymic" },
	{ "әкесініңаты", "patronymic" },
	{ "пол", "sex" },
	{ "gender", "sex" },
	{ "жынысы", "sex" },
	{ "датарождения", "birth_date" },
	{ "dateofbirth", "birth_date" },
	{ "dob", "birth_date" },
	{ "туғанкүні", "birth_date" },
	{ "гражданство", "citizenship" },
	{ "nationality", "citizenship" },
	{ "азаматтығы", "citizenship" },
	{ "регион", "region" },
	{ "область", "region" },
	{ "облыс", "region" },
	{ "город", "locality" },
	{ "населенныйпункт", "locality" },
	{ "населённыйпункт", "locality" },
	{ "city", "locality" },
	{ "елдімекен", "locality" },
	{ "телефон", "phone" },
	{ "tel", "phone" },
	{ "датаприбытия", "arrival_date" },
	{ "келгенкүні", "arrival_date" },
	{ "категория", "categories" },
	{ "category", "categories" },
	{ "санаты", "categories" },
	{ "паспорт", "document_number" },
	{ "passport", "document_number" },
	{ "номерпаспорта", "document_number" },
	{ "noпаспорта", "document_number" },
	{ "passportnumber", "document_number" },
	{ "төлқұжат", "document_number" },
	{ "инвалидность", "disability" },
	{ "мүгедектік", "disability" },
};

const struct import_target *import_target_find(const char *name)
{
	for (const struct import_target *t = import_targets; name && t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

#define FOLD_MAX 512

/* s folded, without spaces, dots, hyphens, underscores and colons: "Family name:" and
 * "FAMILY_NAME" both give "familyname". "" when s does not fold. */
static void fold_key(const char *s, char out[FOLD_MAX])
{
	char f[FOLD_MAX];
	out[0] = '\0';
	if (names_fold(s, f, sizeof(f)) < 0)
		return;
	size_t o = 0;
	for (const char *p = f; *p && o + 1 < FOLD_MAX; p++)
		if (!strchr(" \t\n._-:*", *p))
			out[o++] = *p;
	out[o] = '\0';
}

static const char *const langs[] = { "kk", "ru", "en" };

const struct import_target *import_guess(const char *header)
{
	char key[FOLD_MAX], other[FOLD_MAX];
	if (!header)
		return NULL;
	if (header[0] == '#') {
		/* An HXL tag: attributes in any order would be too lenient; the export's order. */
		char tag[FOLD_MAX];
		size_t o = 0;
		for (const char *p = header; *p && o + 1 < sizeof(tag); p++)
			if (*p != ' ')
				tag[o++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
		tag[o] = '\0';
		for (size_t i = 0; i < ARRAY_SIZE(hxl_tags); i++)
			if (strcmp(tag, hxl_tags[i].hxl) == 0)
				return import_target_find(hxl_tags[i].target);
		return NULL;
	}
	fold_key(header, key);
	if (!key[0])
		return NULL;
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (strcmp(key, aliases[i].header) == 0)
			return import_target_find(aliases[i].target);
	for (const struct import_target *t = import_targets; t->name; t++) {
		fold_key(t->name, other);
		if (strcmp(key, other) == 0)
			return t;
		for (size_t l = 0; l < ARRAY_SIZE(langs); l++) {
			fold_key(i18n_tr(langs[l], t->msgid), other);
			if (strcmp(key, other) == 0)
				return t;
		}
	}
	return NULL;
}

bool import_map_valid(const struct import_map *m, const char **msg)
{
	/* What registration requires (person_validate). */
	static const char *const required[] = { "family_name", "given_name", "sex" };
	bool have[ARRAY_SIZE(required)] = { false };
	for (size_t i = 0; i < m->n; i++) {
		if (!m->col[i])
			continue;
		for (size_t j = 0; j < i; j++)
			if (m->col[j] == m->col[i]) {
				*msg = N_("Two columns are mapped to the same field.");
				return false;
			}
		if (m->col[i]->kind == IMPORT_DOCUMENTS)
			for (size_t j = 0; j < m->n; j++)
				if (m->col[j] && m->col[j]->kind == IMPORT_DOC) {
					*msg =
					    N_("Map either the documents column or the document's "
					       "parts, not both.");
					return false;
				}
		for (size_t k = 0; k < ARRAY_SIZE(required); k++)
			have[k] |= strcmp(m->col[i]->name, required[k]) == 0;
	}
	for (size_t k = 0; k < ARRAY_SIZE(required); k++)
		if (!have[k]) {
			*msg = N_("Map a column to each of the family name, the given name and the "
				  "sex: nobody is registered without them.");
			return false;
		}
	return true;
}

const char *import_map_text(struct arena *a, const struct import_map *m)
{
	size_t len = 1;
	for (size_t i = 0; i < m->n; i++)
		len += 1 + (m->col[i] ? strlen(m->col[i]->name) : 0);
	char *out = arena_alloc(a, len), *o = out;
	for (size_t i = 0; i < m->n; i++) {
		if (i)
			*o++ = '\t';
		if (m->col[i]) {
			size_t k = strlen(m->col[i]->name);
			memcpy(o, m->col[i]->name, k);
			o += k;
		}
	}
	*o = '\0';
	return out;
}

int import_map_column(const struct import_map *m, const char *field)
{
	for (size_t i = 0; i < m->n; i++) {
		if (!m->col[i])
			continue;
		if (strcmp(m->col[i]->field, field) == 0)
			return (int)i;
		/* "documents[1].number" of a documents column. */
		if (m->col[i]->kind == IMPORT_DOCUMENTS && strncmp(field, "documents", 9) == 0)
			return (int)i;
	}
	return -1;
}

/* A date as typed in a spreadsheet: YYYY-MM-DD as is (and YYYY, which a birth date may be);
 * D.M.YYYY or D/M/YYYY made YYYY-MM-DD. Anything else as is, for validation to refuse. */
static const char *date_of(struct arena *a, const char *v)
{
	/* D or DD, a separator, M or MM, the same separator, YYYY: read by hand (sscanf was a
	 * sixth of an import's validation). */
	int part[3] = { 0, 0, 0 }, digits[3] = { 0, 0, 0 }, k = 0;
	char sep = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			part[k] = part[k] * 10 + (*p - '0');
			if (++digits[k] > (k == 2 ? 4 : 2))
				return v;
		} else if ((*p == '.' || *p == '/') && k < 2 && digits[k] && (!sep || *p == sep)) {
			sep = *p;
			k++;
		} else {
			return v;
		}
	}
	int d = part[0], m = part[1], y = part[2];
	if (k != 2 || digits[2] != 4 || y < 1000 || d < 1 || d > 31 || m < 1 || m > 12)
		return v;
	char *out = arena_alloc(a, 11);
	const int ds[] = { y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1,
			   m / 10,   m % 10,       -1,          d / 10, d % 10 };
	for (size_t i = 0; i < 10; i++)
		out[i] = ds[i] < 0 ? '-' : (char)('0' + ds[i]);
	out[10] = '\0';
	return out;
}

/* A code of list for v: v itself if it is one, else the code whose label in any language
 * folds to v's fold. v unchanged if none (validation names it). */
static const char *code_of(const char *list_name, const char *v)
{
	if (ref_valid(list_name, v))
		return v;
	if (strcmp(list_name, "regions") == 0) {
		const char *c = ref_region_canonical(v);
		if (c)
			return c;
	}
	const struct ref_list *list = ref_list_find(list_name);
	char key[FOLD_MAX], label[FOLD_MAX];
	if (!list || names_fold(v, key, sizeof(key)) < 0)
		return v;
	for (size_t i = 0; i < list->n; i++) {
		const struct ref_item *it = &list->items[i];
		const char *ls[] = { it->kk, it->ru, it->en, it->code };
		for (size_t l = 0; l < ARRAY_SIZE(ls); l++)
			if (ls[l] && names_fold(ls[l], label, sizeof(label)) >= 0 &&
			    strcmp(key, label) == 0)
				return it->code;
	}
	return v;
}

static int yes_no(const char *v, bool *out)
{
	static const char *const yes[] = { "1", "yes", "y", "true", "да", "иә", "ия", "x" };
	static const char *const no[] = { "0", "no", "n", "false", "нет", "жоқ", "" };
	char key[FOLD_MAX];
	if (names_fold(v, key, sizeof(key)) < 0)
		return K_EINVAL;
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++)
		if (strcmp(key, yes[i]) == 0)
			return *out = true, 0;
	for (size_t i = 0; i < ARRAY_SIZE(no); i++)
		if (strcmp(key, no[i]) == 0)
			return *out = false, 0;
	return K_EINVAL;
}

/* The words of v separated by spaces, commas, semicolons or bars, each through map (or as
 * is), into out (at most max); false if there are more. */
static bool words(struct arena *a, const char *v, const char *list, const char **out, size_t max,
		  size_t *n)
{
	*n = 0;
	/* A label may have spaces ("labour migrant"): a value that is one whole is one word. */
	const char *whole = list && !strpbrk(v, ",;|\t\n") ? code_of(list, v) : NULL;
	if (whole && ref_valid(list, whole)) {
		if (!max)
			return false;
		out[(*n)++] = whole;
		return true;
	}
	const char *p = v;
	while (*p) {
		p += strspn(p, " ,;|\t\n");
		/* Spaces separate too, unless there is another separator. */
		size_t len = strpbrk(v, ",;|\t\n") ? strcspn(p, ",;|\t\n") : strcspn(p, " ");
		if (!len)
			break;
		const char *w = val_trim(a, arena_strndup(a, p, len));
		if (w) {
			if (*n == max)
				return false;
			out[(*n)++] = list ? code_of(list, w) : w;
		}
		p += len;
	}
	return true;
}

/* "passport FA1234567; birth_certificate 123" (the export's column) into docs. */
static bool documents_of(struct arena *a, const char *v, struct person *p)
{
	const char *q = v;
	while (*q) {
		size_t len = strcspn(q, ";");
		const char *part = val_trim(a, arena_strndup(a, q, len));
		q += len + (q[len] == ';');
		if (!part)
			continue;
		if (p->ndocs == PERSON_MAX_DOCS)
			return false;
		struct person_doc *d = &p->docs[p->ndocs++];
		size_t tl = strcspn(part, " ");
		d->type = code_of("document_types", arena_strndup(a, part, tl));
		d->number = val_trim(a, part + tl);
	}
	return true;
}

static const char *joined(struct arena *a, const char *const *w, size_t n)
{
	struct buf b;
	buf_init(&b, 4096);
	for (size_t i = 0; i < n; i++)
		if (buf_printf(&b, "%s%s", i ? " " : "", w[i])) {
			buf_release(&b);
			return NULL;
		}
	const char *s = arena_strndup(a, b.data ? b.data : "", b.len);
	buf_release(&b);
	return s;
}

int import_row(struct arena *a, const struct import_map *m, const char *const *cells, size_t n,
	       const char *today, struct person *p, struct field_errors *errs)
{
	memset(p, 0, sizeof(*p));
	errs->n = 0;
	const char *doc[5] = { 0 };
	static const char *const doc_parts[] = { "document_type", "document_number",
						 "document_country", "document_issued_on",
						 "document_expires_on" };
	for (size_t i = 0; i < n && i < m->n; i++) {
		const struct import_target *t = m->col[i];
		const char *v = t ? val_trim(a, cells[i]) : NULL;
		if (!v)
			continue;
		if (t->date)
			v = date_of(a, v);
		if (t->list && t->kind != IMPORT_CATEGORIES)
			v = code_of(t->list, v);
		switch (t->kind) {
		case IMPORT_TEXT:
			if (strcmp(t->name, "languages") == 0) {
				const char *w[16];
				size_t nw;
				if (!words(a, v, NULL, w, ARRAY_SIZE(w), &nw)) {
					field_error_add(errs, t->field, N_("Too many languages."));
					continue;
				}
				v = joined(a, w, nw);
			}
			*person_text_slot(p, person_text_field_find(t->name)) = v;
			break;
		case IMPORT_CATEGORIES:
			if (!words(a, v, t->list, p->categories, PERSON_MAX_CATEGORIES,
				   &p->ncategories))
				field_error_add(errs, t->field, N_("Too many categories."));
			break;
		case IMPORT_DISABILITY:
			if (yes_no(v, &p->disability))
				field_error_add(errs, t->field, N_("Write 1 or 0, yes or no."));
			break;
		case IMPORT_DOC:
			for (size_t k = 0; k < ARRAY_SIZE(doc_parts); k++)
				if (strcmp(t->name, doc_parts[k]) == 0)
					doc[k] = v;
			break;
		case IMPORT_DOCUMENTS:
			if (!documents_of(a, v, p))
				field_error_add(errs, t->field, N_("Too many documents."));
			break;
		}
	}
	if (doc[0] || doc[1] || doc[2] || doc[3] || doc[4]) {
		struct person_doc *d = &p->docs[p->ndocs++];
		/* A number without a type column is a passport's, the document a list names. */
		bool typed = false;
		for (size_t i = 0; i < m->n; i++)
			typed |= m->col[i] && strcmp(m->col[i]->name, "document_type") == 0;
		d->type = typed ? doc[0] : "passport";
		d->number = doc[1];
		d->country = doc[2];
		d->issued_on = doc[3];
		d->expires_on = doc[4];
	}
	if (errs->n)
		return K_EINVAL;
	return person_validate(a, p, today, errs);
}
