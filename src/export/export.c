/* export.c: the registry as CSV or XLSX (export.h). */
#include "export/export.h"
#include "export/table.h"

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

static bool date_param(struct req *r, const char *name, const char **out)
{
	const char *v = req_query(r, name);
	*out = v && *v ? v : NULL;
	return !*out || date_valid(*out);
}

/* A parameter's name and whether it was valid. */
struct check {
	const char *name;
	bool ok;
};

static bool all_ok(const struct check *c, size_t n, const char **field)
{
	for (size_t i = 0; i < n; i++)
		if (!c[i].ok) {
			*field = c[i].name;
			return false;
		}
	return true;
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* The filters of the lists (export.h), checked; the audit's note of them in x->query. */
static bool list_params(struct req *r, struct export_request *x, const char **field)
{
	bool mine = false, open = false;
	if (x->list == EXPORT_CASES) {
		struct check c[] = {
			{ "status", ref_param(r, "status", "case_statuses", &x->cases.status) },
			{ "mine", flag(r, "mine", &mine) },
			{ "open", flag(r, "open", &open) },
		};
		x->cases.mine = mine;
		x->cases.open_only = open;
		x->query = arena_printf(&r->arena, "status=%s,mine=%d,open=%d",
					or_empty(x->cases.status), mine, open);
		return all_ok(c, ARRAY_SIZE(c), field);
	}
	if (x->list == EXPORT_SERVICES) {
		struct service_filter *f = &x->services;
		struct check c[] = {
			{ "service_kind",
			  ref_param(r, "service_kind", "service_kinds", &f->service_kind) },
			{ "form", ref_param(r, "form", "forms", &f->form) },
			{ "function", ref_param(r, "function", "functions", &f->function) },
			{ "means", ref_param(r, "means", "means", &f->means) },
			{ "from", date_param(r, "from", &f->from) },
			{ "to", date_param(r, "to", &f->to) },
			{ "mine", flag(r, "mine", &mine) },
		};
		f->mine = mine;
		x->query = arena_printf(
		    &r->arena, "service_kind=%s,form=%s,function=%s,means=%s,from=%s,to=%s,mine=%d",
		    or_empty(f->service_kind), or_empty(f->form), or_empty(f->function),
		    or_empty(f->means), or_empty(f->from), or_empty(f->to), mine);
		return all_ok(c, ARRAY_SIZE(c), field);
	}
	/* "box" as the page of referrals names it, "direction" as the API's list does. */
	const char *side = req_query(r, "direction") ? "direction" : "box";
	const char *box = req_query(r, side);
	struct check c[] = {
		{ "status", ref_param(r, "status", "referral_statuses", &x->referrals.status) },
		{ side, !box || !*box || !strcmp(box, "received") || !strcmp(box, "sent") },
	};
	x->referrals.inbox = !box || strcmp(box, "sent") != 0;
	x->query =
	    arena_printf(&r->arena, "box=%s,status=%s", x->referrals.inbox ? "received" : "sent",
			 or_empty(x->referrals.status));
	return all_ok(c, ARRAY_SIZE(c), field);
}

bool export_parse(struct req *r, enum export_list list, struct export_request *x,
		  const char **field)
{
	memset(x, 0, sizeof(*x));
	x->list = list;
	x->filter.age_min = x->filter.age_max = -1;
	const char *f = req_query(r, "format");
	if (f && strcmp(f, "csv") && strcmp(f, "xlsx")) {
		*field = "format";
		return false;
	}
	x->format = f && strcmp(f, "xlsx") == 0 ? SHEET_XLSX : SHEET_CSV;
	if (!flag(r, "hxl", &x->hxl)) {
		*field = "hxl";
		return false;
	}
	if (list != EXPORT_PERSONS)
		return list_params(r, x, field);
	const char *region = req_query(r, "region");
	if (region && *region && !ref_region_canonical(region)) {
		*field = "region";
		return false;
	}
	x->filter.region = region && *region ? ref_region_canonical(region) : NULL;
	struct check c[] = {
		{ "deidentified", flag(r, "deidentified", &x->deidentified) },
		{ "category", ref_param(r, "category", "categories", &x->filter.category) },
		{ "sex", ref_param(r, "sex", "sexes", &x->filter.sex) },
		{ "age_min", age_param(r, "age_min", &x->filter.age_min) },
		{ "age_max", age_param(r, "age_max", &x->filter.age_max) },
	};
	if (!all_ok(c, ARRAY_SIZE(c), field))
		return false;
	if (!access_may_read_persons(r->who))
		x->deidentified = true;
	return true;
}

const char **export_row(struct req *r, struct export_table *t)
{
	if (t->nrows == EXPORT_MAX_ROWS)
		return NULL;
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		const char **cells = arena_alloc(&r->arena, cap * t->ncols * sizeof(*cells));
		if (t->nrows)
			memcpy(cells, t->cells, t->nrows * t->ncols * sizeof(*cells));
		t->cells = cells;
		t->cap = cap;
	}
	return &t->cells[t->nrows++ * t->ncols];
}

void export_restricted(struct req *r, struct export_table *t, int64_t person_id)
{
	if (t->nrestricted == t->caprestricted) {
		size_t cap = t->caprestricted ? t->caprestricted * 2 : 64;
		int64_t *ids = arena_alloc(&r->arena, cap * sizeof(*ids));
		if (t->nrestricted)
			memcpy(ids, t->restricted, t->nrestricted * sizeof(*ids));
		t->restricted = ids;
		t->caprestricted = cap;
	}
	t->restricted[t->nrestricted++] = person_id;
}

int export_write(struct req *r, enum sheet_format f, bool hxl, const char *name,
		 const struct export_table *t, const char *action, const char *detail,
		 const char *view_action)
{
	/* The audit first: a file that leaves is accounted for before it goes. A GET reads in
	 * one snapshot and writes nothing itself: the audit goes through the view log's
	 * writer, on disk before the file leaves (as for a restricted record). */
	int rc =
	    audit_writer_log(r->app->audit, r->who, action, "org", r->who->org_id, detail, true);
	for (size_t k = 0; !rc && k < t->nrestricted; k++)
		rc = audit_writer_log(r->app->audit, r->who, view_action, "person",
				      t->restricted[k], "export", true);
	if (rc)
		return rc;
	struct sheet *s = sheet_new(f, name);
	if (!s)
		return K_ENOMEM;
	const char **cells = arena_alloc(&r->arena, t->ncols * sizeof(*cells));
	for (size_t i = 0; i < t->ncols; i++)
		cells[i] = i18n_tr(r->lang, t->cols[i].msgid);
	sheet_row(s, cells, t->ncols);
	if (hxl) {
		for (size_t i = 0; i < t->ncols; i++)
			cells[i] = t->cols[i].hxl;
		sheet_row(s, cells, t->ncols);
	}
	for (size_t k = 0; k < t->nrows; k++)
		sheet_row(s, &t->cells[k * t->ncols], t->ncols);
	buf_reset(&r->out);
	if (sheet_finish(s, &r->out))
		return K_ETOOBIG;
	r->ctype = sheet_ctype(f);
	req_header_add(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"komek-%s-%s.%s\"", name,
				    r->today, sheet_ext(f)));
	return 0;
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
	struct export_col *heads = arena_alloc(&r->arena, ncols * sizeof(*heads));
	for (size_t i = 0; i < ncols; i++)
		heads[i] = (struct export_col){ cols[i].msgid, cols[i].hxl };
	struct export_table t = { .cols = heads, .ncols = ncols };
	for (size_t k = 0; k < n; k++) {
		const char **cells = export_row(r, &t);
		if (!cells)
			return K_ETOOBIG;
		for (size_t i = 0; i < ncols; i++)
			cells[i] = cols[i].value(&r->arena, &rows[k], r->who->org_name);
		if (rows[k].restricted)
			export_restricted(r, &t, rows[k].id);
	}
	const char *detail = arena_printf(
	    &r->arena, "format=%s,rows=%zu,deidentified=%d,category=%s,region=%s,sex=%s",
	    sheet_ext(x->format), n, x->deidentified ? 1 : 0,
	    x->filter.category ? x->filter.category : "", x->filter.region ? x->filter.region : "",
	    x->filter.sex ? x->filter.sex : "");
	return export_write(r, x->format, x->hxl, "persons", &t, "persons.export", detail,
			    "person.view");
}
