/* export.c: the registry as CSV or XLSX (export.h). */
#include "export/export.h"

#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/reference.h"
#include "store/audit_writer.h"

/* A column: its header (a msgid), its HXL hashtag, and its value in a row. */
struct column {
	const char *msgid, *hxl;
	const char *(*value)(struct arena *a, const struct person_export *e, const char *org);
};

static const char *c_id(struct arena *a, const struct person_export *e, const char *org)
{
	(void)org;
	return arena_printf(a, "%lld", (long long)e->id);
}
#define FIELD(name)                                                                                \
	static const char *c_##name(struct arena *a, const struct person_export *e,                \
				    const char *org)                                               \
	{                                                                                          \
		(void)a;                                                                           \
		(void)org;                                                                         \
		return e->name;                                                                    \
	}
FIELD(family_name)
FIELD(given_name)
FIELD(patronymic)
FIELD(name_original)
FIELD(sex)
FIELD(birth_date)
FIELD(citizenship)
FIELD(country_of_origin)
FIELD(legal_status)
FIELD(region)
FIELD(locality)
FIELD(arrival_date)
FIELD(categories)
FIELD(documents)

static const char *c_org(struct arena *a, const struct person_export *e, const char *org)
{
	(void)a;
	(void)e;
	return org;
}
static const char *c_registered(struct arena *a, const struct person_export *e, const char *org)
{
	(void)org;
	char t[21];
	time_iso(e->created_at, t);
	return arena_strndup(a, t, 10);
}
/* The first n characters of a date ("1990" of "1990-05-12", "2026-03" of an arrival). */
static const char *cut(struct arena *a, const char *s, size_t n)
{
	return s && strlen(s) >= n ? arena_strndup(a, s, n) : NULL;
}
static const char *c_birth_year(struct arena *a, const struct person_export *e, const char *org)
{
	(void)org;
	return cut(a, e->birth_date, 4);
}
static const char *c_arrival_month(struct arena *a, const struct person_export *e, const char *org)
{
	(void)org;
	return cut(a, e->arrival_date, 7);
}
static const char *c_registered_month(struct arena *a, const struct person_export *e,
				      const char *org)
{
	return cut(a, c_registered(a, e, org), 7);
}

static const struct column full[] = {
	{ N_("Id"), "#beneficiary +id", c_id },
	{ N_("Family name"), "#beneficiary +name +family", c_family_name },
	{ N_("Given name"), "#beneficiary +name +given", c_given_name },
	{ N_("Patronymic"), "#beneficiary +name +patronymic", c_patronymic },
	{ N_("Name as written in the person's own script"), "#beneficiary +name +original",
	  c_name_original },
	{ N_("Sex"), "#beneficiary +sex +code", c_sex },
	{ N_("Birth date"), "#date +birth", c_birth_date },
	{ N_("Citizenship"), "#country +code +citizenship", c_citizenship },
	{ N_("Country of origin"), "#country +code +origin", c_country_of_origin },
	{ N_("Legal status"), "#status +legal +code", c_legal_status },
	{ N_("Region"), "#adm1 +code", c_region },
	{ N_("Locality"), "#loc +name", c_locality },
	{ N_("Arrival date"), "#date +arrival", c_arrival_date },
	{ N_("Categories"), "#beneficiary +category +code", c_categories },
	{ N_("Identity documents"), "#beneficiary +document", c_documents },
	{ N_("Registered"), "#date +registered", c_registered },
	{ N_("Organisation"), "#org +name", c_org },
};

static const struct column deidentified[] = {
	{ N_("Sex"), "#beneficiary +sex +code", c_sex },
	{ N_("Birth year"), "#date +birth +year", c_birth_year },
	{ N_("Citizenship"), "#country +code +citizenship", c_citizenship },
	{ N_("Country of origin"), "#country +code +origin", c_country_of_origin },
	{ N_("Legal status"), "#status +legal +code", c_legal_status },
	{ N_("Region"), "#adm1 +code", c_region },
	{ N_("Categories"), "#beneficiary +category +code", c_categories },
	{ N_("Arrival month"), "#date +arrival +month", c_arrival_month },
	{ N_("Registration month"), "#date +registered +month", c_registered_month },
	{ N_("Organisation"), "#org +name", c_org },
};

static bool flag(struct req *r, const char *name, bool *out)
{
	const char *v = req_query(r, name);
	if (!v)
		return true;
	if (strcmp(v, "0") && strcmp(v, "1"))
		return false;
	*out = *v == '1';
	return true;
}

static bool ref_param(struct req *r, const char *name, const char *list, const char **out)
{
	const char *v = req_query(r, name);
	if (v && !*v)
		v = NULL;
	if (v && !ref_valid(list, v))
		return false;
	*out = v;
	return true;
}

static bool age_param(struct req *r, const char *name, int64_t *out)
{
	const char *v = req_query(r, name);
	*out = -1;
	return !v || !*v || !parse_i64(v, 0, 150, out);
}

bool export_parse(struct req *r, struct export_request *x, const char **field)
{
	memset(x, 0, sizeof(*x));
	x->filter.age_min = x->filter.age_max = -1;
	const char *f = req_query(r, "format");
	if (f && strcmp(f, "csv") && strcmp(f, "xlsx")) {
		*field = "format";
		return false;
	}
	x->format = f && strcmp(f, "xlsx") == 0 ? SHEET_XLSX : SHEET_CSV;
	const char *region = req_query(r, "region");
	if (region && *region && !ref_region_canonical(region)) {
		*field = "region";
		return false;
	}
	x->filter.region = region && *region ? ref_region_canonical(region) : NULL;
	struct {
		const char *name;
		bool ok;
	} checks[] = {
		{ "hxl", flag(r, "hxl", &x->hxl) },
		{ "deidentified", flag(r, "deidentified", &x->deidentified) },
		{ "category", ref_param(r, "category", "categories", &x->filter.category) },
		{ "sex", ref_param(r, "sex", "sexes", &x->filter.sex) },
		{ "age_min", age_param(r, "age_min", &x->filter.age_min) },
		{ "age_max", age_param(r, "age_max", &x->filter.age_max) },
	};
	for (size_t i = 0; i < ARRAY_SIZE(checks); i++)
		if (!checks[i].ok) {
			*field = checks[i].name;
			return false;
		}
	if (!access_may_read_persons(r->who))
		x->deidentified = true;
	return true;
}

int export_persons(struct req *r, const struct export_request *x)
{
	struct dbconn *c = req_db(r);
	struct person_export *rows;
	size_t n;
	int rc = store_person_export(c, &r->arena, r->who, &x->filter, r->today, x->deidentified,
				     EXPORT_MAX_ROWS, &rows, &n);
	if (rc)
		return rc;
	const struct column *cols = x->deidentified ? deidentified : full;
	size_t ncols = x->deidentified ? ARRAY_SIZE(deidentified) : ARRAY_SIZE(full);
	struct sheet *s = sheet_new(x->format, "persons");
	if (!s)
		return K_ENOMEM;
	const char **cells = arena_alloc(&r->arena, ncols * sizeof(*cells));
	for (size_t i = 0; i < ncols; i++)
		cells[i] = i18n_tr(r->lang, cols[i].msgid);
	sheet_row(s, cells, ncols);
	if (x->hxl) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = cols[i].hxl;
		sheet_row(s, cells, ncols);
	}
	/* A row's cells live in an arena of their own, released after each row. */
	for (size_t k = 0; k < n; k++) {
		struct arena row;
		arena_init(&row);
		for (size_t i = 0; i < ncols; i++)
			cells[i] = cols[i].value(&row, &rows[k], r->who->org_name);
		sheet_row(s, cells, ncols);
		arena_release(&row);
	}
	/* The audit first: a file that leaves is accounted for before it goes. */
	const char *detail = arena_printf(
	    &r->arena, "format=%s,rows=%zu,deidentified=%d,category=%s,region=%s,sex=%s",
	    sheet_ext(x->format), n, x->deidentified ? 1 : 0,
	    x->filter.category ? x->filter.category : "", x->filter.region ? x->filter.region : "",
	    x->filter.sex ? x->filter.sex : "");
	/* A GET reads in one snapshot and writes nothing itself: the audit goes through the
	 * view log's writer, on disk before the file leaves (as for a restricted record). */
	rc = audit_writer_log(r->app->audit, r->who, "persons.export", "org", r->who->org_id,
			      detail, true);
	for (size_t k = 0; !rc && k < n; k++)
		if (rows[k].restricted)
			rc = audit_writer_log(r->app->audit, r->who, "person.view", "person",
					      rows[k].id, "export", true);
	if (rc) {
		sheet_free(s);
		return rc;
	}
	buf_reset(&r->out);
	if (sheet_finish(s, &r->out))
		return K_ETOOBIG;
	r->ctype = sheet_ctype(x->format);
	req_header_add(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"komek-persons-%s.%s\"",
				    r->today, sheet_ext(x->format)));
	return 0;
}
