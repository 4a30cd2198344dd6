/* fixed.c: see fixed.h. */
#include "export/fixed.h"

#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "domain/integration.h"
#include "domain/programme.h"
#include "domain/reference.h"
#include "domain/report.h"
#include "domain/service.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "store/store_integration.h"

static const char *const codes[FIXED_COUNT] = { "monthly", "programme", "cohort" };
static const char *const titles[FIXED_COUNT] = {
	N_("Monthly activity report"),
	N_("Programme quota and outcome report"),
	N_("Integration indicators of a cohort"),
};

const char *fixed_code(enum fixed_report k)
{
	return codes[k];
}

const char *fixed_title(enum fixed_report k)
{
	return titles[k];
}

bool fixed_may(const struct actor *who, enum fixed_report k)
{
	return k == FIXED_COHORT ? integration_may_read_cohort(who) : report_may_read(who);
}

static const char *tr(struct req *r, const char *msgid)
{
	return i18n_tr(r->lang, msgid);
}

static const char *num(struct req *r, int64_t v)
{
	return arena_printf(&r->arena, "%lld", (long long)v);
}

/* Whose figures: the reader's organisation, or every one for an analyst. */
static const char *whose(struct req *r)
{
	return report_all_orgs(r->who) ? tr(r, N_("Every organisation")) : r->who->org_name;
}

static void made_on(struct req *r, struct doc *d)
{
	doc_line(d, arena_printf(&r->arena, "%s: %s", tr(r, N_("Made on")), r->today));
}

/* ---- monthly ---- */

/* A report of the month, not audited (the whole is). */
static int part(struct req *r, enum report_measure m, enum report_axis rows, enum report_axis cols,
		const char *from, const char *to, struct report_view *v)
{
	struct report_spec spec;
	struct field_errors e = { 0 };
	int rc =
	    report_spec_parse(report_measure_code(m), rows ? report_axis_code(rows) : NULL,
			      cols ? report_axis_code(cols) : NULL, from, to, r->today, &spec, &e);
	return rc ? rc : report_view_part(r, &spec, v);
}

static int monthly(struct req *r, struct fixed_params *p, struct field_errors *errs, struct doc *d)
{
	char from[11], to[11], next[11], last[11];
	/* The last month by default. */
	if (!date_add_months(r->today, -1, last))
		return K_EINVAL;
	if (!p->month || !*p->month)
		p->month = arena_printf(&r->arena, "%.7s", last);
	snprintf(from, sizeof from, "%.7s-01", p->month);
	if (strlen(p->month) != 7 || !date_valid(from) || strncmp(p->month, r->today, 7) > 0) {
		field_error_add(errs, "month", N_("Enter a month as YYYY-MM, not after this one."));
		return K_EINVAL;
	}
	if (!date_add_months(from, 1, next) || !date_add_days(next, -1, to))
		return K_EINVAL;
	d->title = tr(r, titles[FIXED_MONTHLY]);
	d->name = arena_printf(&r->arena, "monthly-%s", p->month);
	doc_line(d, whose(r));
	doc_line(d, arena_printf(&r->arena, "%s – %s", from, to));
	made_on(r, d);

	/* What was done: each measure's total. */
	struct doc_section *s = doc_section_add(r, d, N_("The month in figures"));
	struct doc_table *t = s ? doc_table_new(r, s, RM_COUNT, 2, 1) : NULL;
	if (!t)
		return K_ENOMEM;
	t->head[0] = tr(r, N_("What"));
	t->head[1] = tr(r, N_("Count"));
	bool withheld = false;
	for (int m = 0; m < RM_COUNT; m++) {
		struct report_view v;
		int rc = part(r, (enum report_measure)m, RA_NONE, RA_NONE, from, to, &v);
		if (rc)
			return rc;
		t->cells[m * 2] = tr(r, report_measure_name((enum report_measure)m));
		t->cells[m * 2 + 1] = report_figure(r, &v.t.total);
		withheld |= v.t.total.withheld;
	}
	s->withheld = withheld;

	static const struct {
		const char *heading;
		enum report_measure m;
		enum report_axis rows, cols;
	} tables[] = {
		{ N_("Services by kind and form"), RM_SERVICES, RA_SERVICE_KIND, RA_FORM },
		{ N_("People served by category and sex"), RM_PERSONS, RA_CATEGORY, RA_SEX },
		{ N_("People served by age and sex"), RM_PERSONS, RA_AGE_BAND, RA_SEX },
		{ N_("People served by region"), RM_PERSONS, RA_REGION, RA_NONE },
		{ N_("Cases opened, by their status now"), RM_CASES, RA_CASE_STATUS, RA_NONE },
		{ N_("Referrals sent, by service"), RM_REFERRALS, RA_SERVICE_KIND, RA_NONE },
		{ N_("Group sessions, by form"), RM_GROUP_SESSIONS, RA_FORM, RA_NONE },
		{ N_("Event participants, by form"), RM_EVENT_PARTICIPANTS, RA_FORM, RA_NONE },
	};
	for (size_t i = 0; i < ARRAY_SIZE(tables); i++) {
		struct report_view v;
		int rc = part(r, tables[i].m, tables[i].rows, tables[i].cols, from, to, &v);
		if (!rc)
			rc = doc_report_section(r, d, tables[i].heading, &v);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- a programme ---- */

/* Withholds, for a reader whose figures are, the rows of 1 to 4 people, and, when that
 * leaves exactly one, the smallest other row too (or the total would give it away). */
static void withhold_rows(const struct actor *who, const int64_t *people, size_t n, bool *out)
{
	size_t k = 0, pick = n;
	for (size_t i = 0; i < n; i++) {
		out[i] = report_suppresses(who) && people[i] > 0 && people[i] < REPORT_SMALL_CELL;
		k += out[i];
	}
	for (size_t i = 0; k == 1 && i < n; i++)
		if (!out[i] && people[i] > 0 && (pick == n || people[i] < people[pick]))
			pick = i;
	if (k == 1 && pick < n)
		out[pick] = true;
}

static const char *region_label(struct req *r, const char *code)
{
	if (!code || !*code)
		return tr(r, N_("Not stated"));
	const char *l = ref_label(ref_find(ref_list_find("regions"), code), r->lang);
	return l ? l : code;
}

static const char *kzt(struct req *r, int64_t minor)
{
	return amount_text(&r->arena, minor);
}

static int quotas(struct req *r, struct doc *d, int64_t id, int64_t year)
{
	struct quota *q;
	size_t n;
	int rc = store_quotas(req_db(r), &r->arena, id, year, &q, &n);
	if (rc)
		return rc;
	struct doc_section *s = doc_section_add(r, d, N_("Quota by region"));
	struct doc_table *t = s ? doc_table_new(r, s, n + 1, 4, 1) : NULL;
	if (!t)
		return K_ENOMEM;
	t->total = true;
	t->head[0] = tr(r, N_("Region"));
	t->head[1] = tr(r, N_("Quota"));
	t->head[2] = tr(r, N_("Places taken"));
	t->head[3] = tr(r, N_("Places left"));
	/* The places taken are people (family members): withheld as the enrolments are, and
	 * the places left with them, which would give them back. */
	int64_t *used = arena_alloc(&r->arena, (n + 1) * sizeof *used);
	bool *held = arena_alloc(&r->arena, (n + 1) * sizeof *held);
	if (!used || !held)
		return K_ENOMEM;
	for (size_t i = 0; i < n; i++)
		used[i] = q[i].used;
	withhold_rows(r->who, used, n, held);
	int64_t sum[3] = { 0 };
	for (size_t i = 0; i <= n; i++) {
		const char **line = t->cells + i * 4;
		int64_t v[3] = { i < n ? q[i].quota : sum[0], i < n ? q[i].used : sum[1],
				 i < n ? q[i].quota - q[i].used : sum[2] };
		line[0] = i < n ? region_label(r, q[i].region) : tr(r, N_("In all"));
		bool hide =
		    i < n ? held[i]
			  : report_suppresses(r->who) && sum[1] > 0 && sum[1] < REPORT_SMALL_CELL;
		s->withheld |= hide;
		for (size_t c = 0; c < 3; c++) {
			line[c + 1] = hide && c ? NULL : num(r, v[c]);
			sum[c] += i < n ? v[c] : 0;
		}
	}
	s->note = tr(r, N_("The quota is the state's, for every organisation; places taken "
			   "count every organisation's enrolments."));
	return 0;
}

static int enrolments(struct req *r, struct doc *d, const struct programme_region_figures *f,
		      size_t n)
{
	struct doc_section *s = doc_section_add(r, d, N_("Enrolments of the year, by region"));
	struct doc_table *t = s ? doc_table_new(r, s, n + 1, 5, 1) : NULL;
	int64_t *people = arena_alloc(&r->arena, (n + 1) * sizeof *people);
	bool *held = arena_alloc(&r->arena, (n + 1) * sizeof *held);
	if (!t || !people || !held)
		return K_ENOMEM;
	t->total = true;
	t->head[0] = tr(r, N_("Region"));
	t->head[1] = tr(r, N_("Enrolled"));
	t->head[2] = tr(r, N_("Withdrawn"));
	t->head[3] = tr(r, N_("Family members"));
	t->head[4] = tr(r, N_("Quota places"));
	struct programme_region_figures all = { 0 };
	for (size_t i = 0; i < n; i++) {
		people[i] = f[i].enrolled + f[i].withdrawn;
		all.enrolled += f[i].enrolled;
		all.withdrawn += f[i].withdrawn;
		all.members += f[i].members;
		all.places += f[i].places;
	}
	withhold_rows(r->who, people, n, held);
	people[n] = all.enrolled + all.withdrawn;
	held[n] = report_suppresses(r->who) && people[n] > 0 && people[n] < REPORT_SMALL_CELL;
	bool any = false;
	for (size_t i = 0; i <= n; i++) {
		const struct programme_region_figures *x = i < n ? &f[i] : &all;
		const char **line = t->cells + i * 5;
		line[0] = i < n ? region_label(r, x->region) : tr(r, N_("In all"));
		if (held[i]) {
			any = true;
			continue;
		}
		line[1] = num(r, x->enrolled);
		line[2] = num(r, x->withdrawn);
		line[3] = num(r, x->members);
		line[4] = num(r, x->places);
	}
	s->withheld = any;
	return 0;
}

static int support(struct req *r, struct doc *d, const struct programme_support_figures *f,
		   size_t n)
{
	struct doc_section *s = doc_section_add(r, d, N_("Support given in the year"));
	struct doc_table *t = s ? doc_table_new(r, s, n, 4, 1) : NULL;
	int64_t *people = arena_alloc(&r->arena, (n + 1) * sizeof *people);
	bool *held = arena_alloc(&r->arena, (n + 1) * sizeof *held);
	if (!t || !people || !held)
		return K_ENOMEM;
	t->head[0] = tr(r, N_("Kind of support"));
	t->head[1] = tr(r, N_("People"));
	t->head[2] = tr(r, N_("Payments"));
	t->head[3] = tr(r, N_("Amount, KZT"));
	for (size_t i = 0; i < n; i++)
		people[i] = f[i].people;
	withhold_rows(r->who, people, n, held);
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const char **line = t->cells + i * 4;
		const char *l =
		    ref_label(ref_find(ref_list_find("support_kinds"), f[i].kind), r->lang);
		line[0] = l ? l : f[i].kind;
		if (held[i]) {
			any = true;
			continue;
		}
		line[1] = num(r, f[i].people);
		line[2] = num(r, f[i].payments);
		line[3] = kzt(r, f[i].amount);
	}
	s->withheld = any;
	s->note = n ? NULL : tr(r, N_("None in the year."));
	return 0;
}

/* The people enrolled in the programme now who received each kind of service in the
 * year: the programme's column of people by service kind and programme. */
static int outcomes(struct req *r, struct doc *d, int64_t id, const char *from, const char *to)
{
	struct report_view v;
	int rc = part(r, RM_PERSONS, RA_SERVICE_KIND, RA_PROGRAMME, from, to, &v);
	if (rc)
		return rc;
	size_t col = v.t.ncols;
	for (size_t c = 0; c < v.t.ncols; c++)
		if (v.t.col_keys[c] == id)
			col = c;
	size_t n = col < v.t.ncols ? v.t.nrows : 0;
	struct doc_section *s =
	    doc_section_add(r, d, N_("Services the people enrolled received in the year"));
	struct doc_table *t = s ? doc_table_new(r, s, n ? n + 1 : 0, 2, 1) : NULL;
	if (!t)
		return K_ENOMEM;
	t->total = n > 0;
	t->head[0] = tr(r, N_("Service kind"));
	t->head[1] = tr(r, N_("People"));
	bool any = false;
	for (size_t i = 0; i < n; i++) {
		const struct report_cell *x = &v.t.cells[i * v.t.ncols + col];
		t->cells[i * 2] = v.row_labels[i];
		t->cells[i * 2 + 1] = report_figure(r, x);
		any |= x->withheld;
	}
	if (n) {
		t->cells[n * 2] = tr(r, N_("In all"));
		t->cells[n * 2 + 1] = report_figure(r, &v.t.col_totals[col]);
		any |= v.t.col_totals[col].withheld;
	}
	s->withheld = any;
	s->note = n ? tr(r, N_("People enrolled now, and every service they received in the year, "
			       "in any programme or none."))
		    : tr(r, N_("None in the year."));
	return 0;
}

static int programme(struct req *r, struct fixed_params *p, struct field_errors *errs,
		     struct doc *d)
{
	int64_t id = 0, year = 0, this_year = 0;
	parse_i64(arena_printf(&r->arena, "%.4s", r->today), 1900, 9999, &this_year);
	if (!p->programme || parse_i64(p->programme, 1, INT64_MAX, &id))
		field_error_add(errs, "programme", N_("Choose a value from the list."));
	if (!p->year || !*p->year)
		p->year = arena_printf(&r->arena, "%lld", (long long)this_year);
	if (parse_i64(p->year, 1900, this_year, &year))
		field_error_add(errs, "year", N_("Enter a year from 1900 to this year."));
	if (errs->n)
		return K_EINVAL;
	struct programme pr;
	int rc = store_programme_get(req_db(r), &r->arena, r->who, id, &pr);
	if (rc)
		return rc;
	char from[11], to[11];
	snprintf(from, sizeof from, "%04lld-01-01", (long long)year);
	snprintf(to, sizeof to, "%04lld-12-31", (long long)year);
	if (year == this_year)
		memcpy(to, r->today, sizeof to);
	d->title = tr(r, titles[FIXED_PROGRAMME]);
	d->name = arena_printf(&r->arena, "programme-%lld-%lld", (long long)id, (long long)year);
	doc_line(d, programme_name_in(r->lang, pr.name, pr.name_kk, pr.name_ru));
	doc_line(d, whose(r));
	doc_line(d, arena_printf(&r->arena, "%s – %s", from, to));
	made_on(r, d);
	if (pr.has_quota && (rc = quotas(r, d, id, year)))
		return rc;
	struct programme_region_figures *rf;
	struct programme_support_figures *sf;
	size_t nr, ns;
	rc = store_programme_figures(req_db(r), &r->arena, r->who, report_all_orgs(r->who), id,
				     year, &rf, &nr, &sf, &ns);
	if (!rc)
		rc = enrolments(r, d, rf, nr);
	if (!rc)
		rc = support(r, d, sf, ns);
	return rc ? rc : outcomes(r, d, id, from, to);
}

/* ---- a cohort ---- */

int fixed_cohort_filter(struct req *r, struct fixed_params *p, struct integration_cohort_filter *f,
			struct field_errors *errs)
{
	memset(f, 0, sizeof *f);
	f->category = p->category && *p->category ? p->category : NULL;
	f->region = p->region && *p->region ? p->region : NULL;
	if (f->category && !ref_valid("categories", f->category))
		field_error_add(errs, "category", N_("Choose a value from the list."));
	if (f->region && !ref_valid("regions", f->region))
		field_error_add(errs, "region", N_("Choose a value from the list."));
	int64_t v;
	if (p->programme && *p->programme && !parse_i64(p->programme, 1, INT64_MAX, &v))
		f->programme_id = v;
	else if (p->programme && *p->programme)
		field_error_add(errs, "programme", N_("Choose a value from the list."));
	int64_t this_year = 2100;
	parse_i64(arena_printf(&r->arena, "%.4s", r->today), 1900, 9999, &this_year);
	if (p->arrival_year && *p->arrival_year && !parse_i64(p->arrival_year, 1900, this_year, &v))
		f->arrival_year = (int)v;
	else if (p->arrival_year && *p->arrival_year)
		field_error_add(errs, "arrival_year", N_("Enter a year from 1900 to this year."));
	return errs->n ? K_EINVAL : 0;
}

static const char *mean(struct req *r, int64_t v)
{
	return arena_printf(&r->arena, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
}

static int cohort(struct req *r, struct fixed_params *p, struct field_errors *errs, struct doc *d)
{
	struct integration_cohort_filter f;
	int rc = fixed_cohort_filter(r, p, &f, errs);
	if (rc)
		return rc;
	struct integration_cohort_domain dom[INTEGRATION_DOMAINS_N];
	int64_t people = 0;
	if ((rc = store_integration_cohort(req_db(r), &r->arena, r->who, &f, dom, &people)))
		return rc;
	d->title = tr(r, titles[FIXED_COHORT]);
	d->name = "cohort";
	doc_line(d, r->who->org_name);
	/* Whom the cohort takes. */
	const char *who[4] = { 0 };
	size_t nw = 0;
	if (f.category)
		who[nw++] = ref_label(ref_find(ref_list_find("categories"), f.category), r->lang);
	if (f.region)
		who[nw++] = region_label(r, f.region);
	if (f.programme_id) {
		struct programme pr;
		if ((rc = store_programme_get(req_db(r), &r->arena, r->who, f.programme_id, &pr)))
			return rc;
		who[nw++] = programme_name_in(r->lang, pr.name, pr.name_kk, pr.name_ru);
	}
	if (f.arrival_year)
		who[nw++] =
		    arena_printf(&r->arena, "%s: %d", tr(r, N_("Year of arrival")), f.arrival_year);
	const char *line = tr(r, N_("Everyone with a review"));
	for (size_t i = 0; i < nw; i++)
		line = i ? arena_printf(&r->arena, "%s · %s", line, who[i]) : who[i];
	doc_line(d, line);
	doc_line(d, people && people < INTEGRATION_SMALL_CELL
			? tr(r, N_("Fewer than five people: no figures are shown."))
			: arena_printf(&r->arena, "%s: %lld", tr(r, N_("People with a review")),
				       (long long)people));
	made_on(r, d);
	struct doc_section *s = doc_section_add(r, d, N_("How each domain moved"));
	struct doc_table *t = s ? doc_table_new(r, s, INTEGRATION_DOMAINS_N, 7, 1) : NULL;
	if (!t)
		return K_ENOMEM;
	static const char *const head[7] = {
		N_("Domain"),
		N_("People"),
		N_("Mean at first (1–4)"),
		N_("Mean at latest (1–4)"),
		N_("Improved"),
		N_("Stayed"),
		N_("Declined"),
	};
	for (size_t c = 0; c < 7; c++)
		t->head[c] = tr(r, head[c]);
	bool any = false;
	for (size_t i = 0; i < INTEGRATION_DOMAINS_N; i++) {
		const char **row = t->cells + i * 7;
		row[0] = ref_label(ref_find(ref_list_find("integration_domains"), dom[i].domain),
				   r->lang);
		if (dom[i].suppressed) {
			any = true;
			continue;
		}
		row[1] = num(r, dom[i].people);
		row[2] = dom[i].people ? mean(r, dom[i].mean_first) : "";
		row[3] = dom[i].people ? mean(r, dom[i].mean_latest) : "";
		row[4] = num(r, dom[i].improved);
		row[5] = num(r, dom[i].stayed);
		row[6] = num(r, dom[i].declined);
	}
	s->withheld = any;
	s->note = tr(r, N_("Statuses from 1 (at risk) to 4 (thriving), at each person's first and "
			   "latest review that scored the domain."));
	return 0;
}

/* ---- running one ---- */

int fixed_run(struct req *r, enum fixed_report k, struct fixed_params *p, struct field_errors *errs,
	      struct doc *out)
{
	memset(out, 0, sizeof *out);
	*p = (struct fixed_params){
		.month = req_query(r, "month"),
		.programme = req_query(r, "programme"),
		.year = req_query(r, "year"),
		.category = req_query(r, "category"),
		.region = req_query(r, "region"),
		.arrival_year = req_query(r, "arrival_year"),
	};
	if (!fixed_may(r->who, k))
		return K_EFORBIDDEN;
	int rc = k == FIXED_MONTHLY     ? monthly(r, p, errs, out)
		 : k == FIXED_PROGRAMME ? programme(r, p, errs, out)
					: cohort(r, p, errs, out);
	if (rc)
		return rc;
	const char *detail =
	    k == FIXED_MONTHLY ? arena_printf(&r->arena, "month=%s", p->month)
	    : k == FIXED_PROGRAMME
		? arena_printf(&r->arena, "programme=%s year=%s", p->programme, p->year)
		: arena_printf(&r->arena,
			       "category=%s region=%s programme=%s "
			       "arrival_year=%s",
			       p->category ? p->category : "", p->region ? p->region : "",
			       p->programme ? p->programme : "",
			       p->arrival_year ? p->arrival_year : "");
	return audit_writer_log(r->app->audit, r->who, "report.fixed", "org", r->who->org_id,
				arena_printf(&r->arena, "report=%s %s", codes[k], detail), false);
}
