/* report.c: see report.h. */
#include "export/report.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/access.h"
#include "domain/reference.h"
#include "export/doc.h"
#include "store/audit_writer.h"
#include "store/store_report.h"

/* A key's code and label on an axis (names: the store's, for records). */
static void describe(struct req *r, enum report_axis axis, int64_t key, const char *name,
		     const char **code, const char **label)
{
	*code = NULL;
	*label = NULL;
	if (axis == RA_NONE) {
		*label = i18n_tr(r->lang, N_("All"));
		return;
	}
	if (key == 0) {
		*label = i18n_tr(r->lang, N_("Not stated"));
		return;
	}
	const char *list = report_axis_list(axis);
	if (axis == RA_REGION) {
		*code = arena_printf(&r->arena, "KZ-%02lld", (long long)key);
		*label = ref_label(ref_find(ref_list_find(list), *code), r->lang);
	} else if (list) {
		const struct ref_list *l = ref_list_find(list);
		if (l && key <= (int64_t)l->n) {
			*code = l->items[key - 1].code;
			*label = ref_label(&l->items[key - 1], r->lang);
		}
	} else if (axis == RA_AGE_BAND) {
		*code = report_age_band_code((int)key);
		*label = report_age_band_label((int)key);
	} else if (axis == RA_MONTH) {
		*code = arena_printf(&r->arena, "%04lld-%02lld", (long long)(key / 100),
				     (long long)(key % 100));
		*label = *code;
	} else if (axis == RA_QUARTER) {
		*code = arena_printf(&r->arena, "%04lld-Q%lld", (long long)(key / 10),
				     (long long)(key % 10));
		*label = *code;
	} else { /* an organisation or a programme */
		*code = arena_printf(&r->arena, "%lld", (long long)key);
		*label = name ? name : *code;
	}
	if (!*label)
		*label = *code ? *code : "";
}

static int label_axis(struct req *r, enum report_axis axis, const int64_t *keys, size_t n,
		      const char *const **codes, const char *const **labels)
{
	const char **names;
	int rc = store_report_names(req_db(r), &r->arena, axis, r->lang, keys, n, &names);
	if (rc)
		return rc;
	const char **c = arena_alloc(&r->arena, (n ? n : 1) * sizeof *c);
	const char **l = arena_alloc(&r->arena, (n ? n : 1) * sizeof *l);
	if (!c || !l)
		return K_ENOMEM;
	for (size_t i = 0; i < n; i++)
		describe(r, axis, keys[i], names[i], &c[i], &l[i]);
	*codes = c;
	*labels = l;
	return 0;
}

/* A report, labelled; audited when `audit` (the dashboards' trends are not: they are the same
 * three figures on every visit). */
static int view(struct req *r, const struct report_spec *spec, bool audit, struct report_view *out)
{
	memset(out, 0, sizeof *out);
	int rc = store_report_run(r->app->db, req_db(r), &r->arena, r->who, spec, &out->t);
	if (!rc)
		rc = label_axis(r, spec->rows, out->t.row_keys, out->t.nrows, &out->row_codes,
				&out->row_labels);
	if (!rc)
		rc = label_axis(r, spec->cols, out->t.col_keys, out->t.ncols, &out->col_codes,
				&out->col_labels);
	if (!rc && audit)
		rc = audit_writer_log(
		    r->app->audit, r->who, "report.run", "org", r->who->org_id,
		    arena_printf(&r->arena, "measure=%s rows=%s cols=%s from=%s to=%s",
				 report_measure_code(spec->measure), report_axis_code(spec->rows),
				 report_axis_code(spec->cols), spec->from, spec->to),
		    false);
	return rc;
}

int report_view_of(struct req *r, const struct report_spec *spec, struct report_view *out)
{
	return view(r, spec, true, out);
}

int report_view_part(struct req *r, const struct report_spec *spec, struct report_view *out)
{
	return view(r, spec, false, out);
}

int report_view_run(struct req *r, struct report_spec *spec, struct field_errors *errs,
		    struct report_view *out)
{
	memset(out, 0, sizeof *out);
	if (!report_may_read(r->who))
		return K_EFORBIDDEN;
	int rc =
	    report_spec_parse(req_query(r, "measure"), req_query(r, "rows"), req_query(r, "cols"),
			      req_query(r, "from"), req_query(r, "to"), r->today, spec, errs);
	return rc ? rc : report_view_of(r, spec, out);
}

/* A measure by month from the first day of the month eleven months ago to today. */
static int view_months(struct req *r, enum report_measure m, struct report_view *out)
{
	char from[11];
	if (!date_add_months(r->today, -11, from))
		return K_EINVAL;
	memcpy(from + 8, "01", 3);
	struct report_spec spec;
	struct field_errors e = { 0 };
	int rc = report_spec_parse(report_measure_code(m), "month", NULL, from, r->today, r->today,
				   &spec, &e);
	return rc ? rc : view(r, &spec, false, out);
}

int report_dashboard(struct req *r, struct dashboard *out)
{
	memset(out, 0, sizeof *out);
	struct dbconn *c = req_db(r);
	bool people = access_may_read_persons(r->who);
	if (people && r->who->role != ROLE_ADMIN) {
		struct dashboard_worker *w;
		size_t n;
		int rc = store_dashboard_team(c, &r->arena, r->who, r->today, &w, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++)
			if (w[i].user_id == r->who->user_id)
				out->me = &w[i];
		if (r->who->role == ROLE_SUPERVISOR) {
			out->team = w;
			out->nteam = n;
		}
	}
	if (people) {
		int rc = store_dashboard_org(c, r->who, r->today, &out->org);
		if (rc)
			return rc;
		out->has_org = true;
	}
	if (!report_may_read(r->who))
		return 0;
	static const enum report_measure ms[DASHBOARD_MEASURES] = { RM_PERSONS, RM_SERVICES,
								    RM_CASES };
	for (size_t i = 0; i < DASHBOARD_MEASURES; i++) {
		struct report_view v;
		int rc = view_months(r, ms[i], &v);
		if (rc)
			return rc;
		out->measures[i] = ms[i];
		out->suppressed = v.t.suppressed;
		memcpy(out->from, v.t.spec.from, sizeof out->from);
		memcpy(out->to, v.t.spec.to, sizeof out->to);
		int64_t m = v.t.spec.from_day / 100;
		for (size_t k = 0; k < DASHBOARD_MONTHS; k++) {
			out->months[k] = m;
			out->month_labels[k] = arena_printf(
			    &r->arena, "%04lld-%02lld", (long long)(m / 100), (long long)(m % 100));
			for (size_t j = 0; j < v.t.nrows; j++)
				if (v.t.row_keys[j] == m)
					out->figures[i][k] = v.t.row_totals[j];
			m = m % 100 == 12 ? (m / 100 + 1) * 100 + 1 : m + 1;
		}
	}
	out->has_months = true;
	return 0;
}

const char *report_figure(struct req *r, const struct report_cell *x)
{
	return x->withheld ? NULL : arena_printf(&r->arena, "%lld", (long long)x->value);
}

int report_doc(struct req *r, const struct report_view *v, struct doc *d)
{
	const struct report_table *t = &v->t;
	memset(d, 0, sizeof *d);
	d->name = arena_printf(&r->arena, "report-%s", report_measure_code(t->spec.measure));
	d->title = i18n_tr(r->lang, report_measure_name(t->spec.measure));
	doc_line(d, arena_printf(&r->arena, "%s – %s", t->spec.from, t->spec.to));
	return doc_report_section(r, d, NULL, v);
}

int report_write(struct req *r, const char *format, const struct report_view *v)
{
	struct doc d;
	int rc = report_doc(r, v, &d);
	return rc ? rc : doc_write(r, format, &d);
}
