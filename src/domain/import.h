/* import.h: rows of a spreadsheet as people to register (issue 6): what a column may hold,
 * guessing it from the header, and a row read into a person and validated. No I/O.
 *
 * A column maps to one target: a field of the person, the categories, disability, or one
 * part of the person's identity document (one document per row; the export's "Identity
 * documents" column, "type number; type number", reads back too). Households are not
 * imported: each row is one person. A document number without a document type column is a
 * passport's.
 *
 * Values are taken as the registration form takes them, and also as people type them in a
 * spreadsheet: a code (male, KZ-75, labour_migrant) or its label in Kazakh, Russian or
 * English, in any case ("Мужской" is not a label, "ер" and "мужчина" are what the lists say);
 * dates as YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY; categories and languages separated by
 * spaces, commas or semicolons; disability as 1/0, yes/no, да/нет, иә/жоқ. */
#ifndef KOMEK_DOMAIN_IMPORT_H
#define KOMEK_DOMAIN_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "domain/person.h"

#define IMPORT_COLS_MAX 64

enum import_kind {
	IMPORT_TEXT,       /* a text field of the person (person_text_fields) */
	IMPORT_CATEGORIES, /* codes or labels, several */
	IMPORT_DISABILITY,
	IMPORT_DOC,       /* one part of the first document */
	IMPORT_DOCUMENTS, /* "type number; type number" as the export writes */
};

struct import_target {
	const char *name;  /* as the mapping names it: "family_name", "document_number", … */
	const char *msgid; /* its label */
	const char *field; /* the field a validation error names: "documents[0].number" */
	enum import_kind kind;
	const char *list; /* the reference list of a coded field, or NULL */
	bool date;
};

/* Every target, NULL-terminated. */
extern const struct import_target import_targets[];
const struct import_target *import_target_find(const char *name);
/* The target a column header names: a target's name, its label in kk, ru or en (what an
 * export writes), or the HXL hashtag an export writes. NULL if none. */
const struct import_target *import_guess(const char *header);

/* Which target each column is (NULL: the column is left out). */
struct import_map {
	const struct import_target *col[IMPORT_COLS_MAX];
	size_t n;
};

/* Whether a mapping can be imported: no target twice, and the family name, the given name
 * and the sex (what registration requires) each from a column. false with *msg an
 * untranslated message. */
bool import_map_valid(const struct import_map *m, const char **msg);

/* The mapping as stored: the targets' names, tab-separated ("" for a column left out). */
const char *import_map_text(struct arena *a, const struct import_map *m);

/* The column whose target reports an error on field ("documents[0].number"), or -1. */
int import_map_column(const struct import_map *m, const char *field);

/* Reads a row into *p (zeroed first) and validates it (person_validate). 0, or K_EINVAL
 * with errs filled (a value that cannot be read names its target's field). */
int import_row(struct arena *a, const struct import_map *m, const char *const *cells, size_t n,
	       const char *today, struct person *p, struct field_errors *errs);

#endif
