/* store_export.c: the registry read whole for an export (store.h): the people a list's
 * filters select, with their categories and documents, in three queries merged by id (one
 * per person would be a hundred thousand round trips to PostgreSQL). */
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"
#include "store/store_util.h"

#define EXPORT_WHERE                                                                               \
	" FROM persons p WHERE" VISIBLE PERSON_FILTERS("?4", "?5", "?6", "?7", "?8",               \
						       "?9") " AND (?10 = 0 OR p.restricted = 0)"
static const char SQL_EXPORT_COUNT[] = "SELECT COUNT(*)" EXPORT_WHERE;
static const char SQL_EXPORT_PEOPLE[] =
    "SELECT p.id, p.family_name, p.given_name, p.patronymic, p.name_original, p.sex,"
    " p.birth_date, p.citizenship, p.country_of_origin, p.legal_status, p.region, p.locality,"
    " p.arrival_date, p.created_at, p.restricted" EXPORT_WHERE " ORDER BY p.id";
static const char SQL_EXPORT_CATS[] =
    "SELECT c.person_id, c.category FROM person_categories c JOIN persons p ON p.id ="
    " c.person_id WHERE" VISIBLE PERSON_FILTERS(
	"?4", "?5", "?6", "?7", "?8",
	"?9") " AND (?10 = 0 OR p.restricted = 0) ORDER BY c.person_id, c.category";
static const char SQL_EXPORT_DOCS[] =
    "SELECT d.person_id, d.type, d.number FROM documents d JOIN persons p ON p.id ="
    " d.person_id WHERE" VISIBLE PERSON_FILTERS(
	"?4", "?5", "?6", "?7", "?8",
	"?9") " AND (?10 = 0 OR p.restricted = 0) AND ?11 = 1 ORDER BY d.person_id, d.id";

static struct dbstmt *prep(struct dbconn *c, const char *sql, const struct actor *who,
			   const struct person_filter *f, const char *today, bool deidentified)
{
	struct dbstmt *s = db_prep(c, sql);
	if (!s)
		return NULL;
	bind_visible(s, who);
	bind_person_filters(s, 4, f, today);
	db_bind_int(s, 10, deidentified);
	db_bind_int(s, 11, !deidentified);
	return s;
}

/* Appends text to a row's list ("a b" or "a; b"), keeping it in the arena. */
static const char *add_to(struct arena *a, const char *list, const char *sep, const char *v)
{
	return list && *list ? arena_printf(a, "%s%s%s", list, sep, v) : arena_strdup(a, v);
}

int store_person_export(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct person_filter *f, const char *today, bool deidentified,
			int64_t max, struct person_export **rows, size_t *n)
{
	*rows = NULL;
	*n = 0;
	int64_t total = 0;
	struct dbstmt *s = prep(c, SQL_EXPORT_COUNT, who, f, today, deidentified);
	if (!s)
		return K_EDB;
	int rc = store_returning_id(s, &total);
	if (rc)
		return rc;
	if (total > max)
		return K_ETOOBIG;
	struct person_export *out = total ? arena_alloc(a, (size_t)total * sizeof(*out)) : NULL;
	size_t k = 0;
	if (!(s = prep(c, SQL_EXPORT_PEOPLE, who, f, today, deidentified)))
		return K_EDB;
	while ((rc = db_step(s)) == DB_ROW && k < (size_t)total) {
		struct person_export *e = &out[k++];
		e->id = db_col_int(s, 0);
		e->family_name = arena_strdup(a, db_col_text(s, 1));
		e->given_name = arena_strdup(a, db_col_text(s, 2));
		e->patronymic = arena_strdup(a, db_col_text(s, 3));
		e->name_original = arena_strdup(a, db_col_text(s, 4));
		e->sex = arena_strdup(a, db_col_text(s, 5));
		e->birth_date = arena_strdup(a, db_col_text(s, 6));
		e->citizenship = arena_strdup(a, db_col_text(s, 7));
		e->country_of_origin = arena_strdup(a, db_col_text(s, 8));
		e->legal_status = arena_strdup(a, db_col_text(s, 9));
		e->region = arena_strdup(a, db_col_text(s, 10));
		e->locality = arena_strdup(a, db_col_text(s, 11));
		e->arrival_date = arena_strdup(a, db_col_text(s, 12));
		e->created_at = db_col_int(s, 13);
		e->restricted = db_col_int(s, 14) != 0;
	}
	db_reset(s);
	if (rc < 0)
		return rc;
	/* Categories and documents, merged into the rows by id (both in id order). */
	for (int pass = 0; pass < 2; pass++) {
		if (!(s = prep(c, pass ? SQL_EXPORT_DOCS : SQL_EXPORT_CATS, who, f, today,
			       deidentified)))
			return K_EDB;
		size_t j = 0;
		while ((rc = db_step(s)) == DB_ROW) {
			int64_t id = db_col_int(s, 0);
			while (j < k && out[j].id < id)
				j++;
			if (j == k || out[j].id != id)
				continue; /* registered since the people were read */
			if (pass)
				out[j].documents = add_to(
				    a, out[j].documents, "; ",
				    arena_printf(a, "%s %s", db_col_text(s, 1), db_col_text(s, 2)));
			else
				out[j].categories =
				    add_to(a, out[j].categories, " ", db_col_text(s, 1));
		}
		db_reset(s);
		if (rc < 0)
			return rc;
	}
	*rows = out;
	*n = k;
	return 0;
}
