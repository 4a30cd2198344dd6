/* report.c: see report.h.
 *
 * Summing. Every fact gives one key per figure it counts in: its cell, its row's total, its
 * column's total and the grand total (a fact of two categories: two cells and two row
 * totals, but one column total and one grand total). A key is the figure's number and the
 * person's id in one 64-bit word; sorting the keys (a radix sort: a year's services give
 * millions) puts each figure's keys together, so that its records are the keys and its
 * people the distinct ones. */
#include "domain/report.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/reference.h"

static const char *const measure_codes[RM_COUNT] = {
	"persons", "cases", "services", "referrals", "group_sessions", "event_participants",
};
static const char *const measure_names[RM_COUNT] = {
	N_("People who received a service"),
	N_("Cases opened"),
	N_("Services delivered"),
	N_("Referrals sent"),
	N_("Group sessions held"),
	N_("Event participants"),
};
static const char *const axis_codes[RA_COUNT] = {
	"",         "category", "service_kind", "form",        "function",
	"means",    "region",   "organisation", "programme",   "sex",
	"age_band", "month",    "quarter",      "case_status",
};
static const char *const axis_names[RA_COUNT] = {
	N_("Not cut"),  N_("Category"), N_("Service kind"), N_("Form of work"), N_("Function"),
	N_("Means"),    N_("Region"),   N_("Organisation"), N_("Programme"),    N_("Sex"),
	N_("Age band"), N_("Month"),    N_("Quarter"),      N_("Case status"),
};
static const char *const axis_lists[RA_COUNT] = {
	[RA_CATEGORY] = "categories", [RA_SERVICE_KIND] = "service_kinds",
	[RA_FORM] = "forms",          [RA_FUNCTION] = "functions",
	[RA_MEANS] = "means",         [RA_REGION] = "regions",
	[RA_SEX] = "sexes",           [RA_CASE_STATUS] = "case_statuses",
};

#define AX(a) (1u << (a))
#define PERSON_AXES                                                                                \
	(AX(RA_CATEGORY) | AX(RA_REGION) | AX(RA_ORGANISATION) | AX(RA_PROGRAMME) | AX(RA_SEX) |   \
	 AX(RA_AGE_BAND) | AX(RA_MONTH) | AX(RA_QUARTER))
/* Which axes each measure has values for. */
static const unsigned measure_axes[RM_COUNT] = {
	[RM_PERSONS] = PERSON_AXES | AX(RA_SERVICE_KIND) | AX(RA_FORM) | AX(RA_FUNCTION) |
		       AX(RA_MEANS) | AX(RA_CASE_STATUS),
	[RM_SERVICES] = PERSON_AXES | AX(RA_SERVICE_KIND) | AX(RA_FORM) | AX(RA_FUNCTION) |
			AX(RA_MEANS) | AX(RA_CASE_STATUS),
	[RM_CASES] = PERSON_AXES | AX(RA_CASE_STATUS),
	[RM_REFERRALS] = PERSON_AXES | AX(RA_SERVICE_KIND) | AX(RA_CASE_STATUS),
	[RM_GROUP_SESSIONS] = AX(RA_FORM) | AX(RA_FUNCTION) | AX(RA_MEANS) | AX(RA_ORGANISATION) |
			      AX(RA_MONTH) | AX(RA_QUARTER),
	[RM_EVENT_PARTICIPANTS] = PERSON_AXES | AX(RA_FORM) | AX(RA_FUNCTION) | AX(RA_MEANS),
};

enum report_fact_kind report_fact_of(enum report_measure m)
{
	static const enum report_fact_kind kinds[RM_COUNT] = {
		RF_SERVICE,  RF_CASE,          RF_SERVICE,
		RF_REFERRAL, RF_GROUP_SESSION, RF_EVENT_PARTICIPANT,
	};
	return kinds[m];
}

const char *report_measure_code(enum report_measure m)
{
	return measure_codes[m];
}

const char *report_measure_name(enum report_measure m)
{
	return measure_names[m];
}

static int parse_code(const char *const *codes, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return i;
	return -1;
}

int report_measure_parse(const char *code)
{
	return parse_code(measure_codes, RM_COUNT, code);
}

const char *report_axis_code(enum report_axis a)
{
	return axis_codes[a];
}

int report_axis_parse(const char *code)
{
	return code && *code ? parse_code(axis_codes, RA_COUNT, code) : -1;
}

const char *report_axis_name(enum report_axis a)
{
	return axis_names[a];
}

const char *report_axis_list(enum report_axis a)
{
	return axis_lists[a];
}

bool report_axis_applies(enum report_measure m, enum report_axis a)
{
	return a == RA_NONE || (measure_axes[m] & AX(a));
}

int report_age_band(int32_t born, int32_t day)
{
	if (born <= 0 || day < born)
		return 0;
	int age = (day - born) / 10000; /* YYYYMMDD: whole years, birthdays included */
	return age < 5 ? 1 : age < 12 ? 2 : age < 18 ? 3 : age < 60 ? 4 : 5;
}

const char *report_age_band_label(int band)
{
	static const char *const labels[] = { NULL, "0–4", "5–11", "12–17", "18–59", "60+" };
	return band >= 1 && band <= REPORT_AGE_BANDS ? labels[band] : NULL;
}

const char *report_age_band_code(int band)
{
	static const char *const codes[] = { NULL, "0-4", "5-11", "12-17", "18-59", "60+" };
	return band >= 1 && band <= REPORT_AGE_BANDS ? codes[band] : NULL;
}

/* ---- the parameters ---- */

/* A valid date YYYY-MM-DD as YYYYMMDD. */
static int32_t day_of(const char *date)
{
	int32_t d = 0;
	for (const char *p = date; *p; p++)
		if (*p >= '0' && *p <= '9')
			d = d * 10 + (*p - '0');
	return d;
}

static void read_axis(const char *field, const char *code, enum report_measure m,
		      enum report_axis *out, struct field_errors *errs)
{
	*out = RA_NONE;
	if (!code || !*code || strcmp(code, "none") == 0)
		return;
	int a = report_axis_parse(code);
	if (a < 0)
		field_error_add(errs, field, N_("Choose a value from the list."));
	else if (!report_axis_applies(m, (enum report_axis)a))
		field_error_add(errs, field, N_("This measure cannot be cut by this axis."));
	else
		*out = (enum report_axis)a;
}

static void read_date(const char *field, const char *v, const char *dflt, char out[11],
		      struct field_errors *errs)
{
	if (!v || !*v)
		v = dflt;
	if (!date_valid(v)) {
		field_error_add(errs, field, N_("Enter a date as YYYY-MM-DD."));
		v = dflt;
	}
	memcpy(out, v, 10);
	out[10] = '\0';
}

int report_spec_parse(const char *measure, const char *rows, const char *cols, const char *from,
		      const char *to, const char *today, struct report_spec *out,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	memset(out, 0, sizeof *out);
	out->measure = RM_SERVICES;
	if (measure && *measure) {
		int m = report_measure_parse(measure);
		if (m < 0)
			field_error_add(errs, "measure", N_("Choose a value from the list."));
		else
			out->measure = (enum report_measure)m;
	}
	read_axis("rows", rows, out->measure, &out->rows, errs);
	read_axis("cols", cols, out->measure, &out->cols, errs);
	if (out->rows != RA_NONE && out->rows == out->cols)
		field_error_add(errs, "cols", N_("Choose two different axes."));
	char year_start[11];
	memcpy(year_start, today, 4);
	memcpy(year_start + 4, "-01-01", 7);
	read_date("from", from, year_start, out->from, errs);
	read_date("to", to, today, out->to, errs);
	out->from_day = day_of(out->from);
	out->to_day = day_of(out->to);
	if (!field_error_for(errs, "from") && !field_error_for(errs, "to")) {
		if (out->to_day < out->from_day)
			field_error_add(errs, "to", N_("The end is before the start."));
		else if (out->to_day >= out->from_day + REPORT_YEARS_MAX * 10000) /* YYYYMMDD */
			field_error_add(errs, "to", N_("A report covers at most ten years."));
	}
	return errs->n > before ? K_EINVAL : 0;
}

/* ---- keys ---- */

int64_t report_fact_key(const struct report_fact *f, enum report_axis a)
{
	switch (a) {
	case RA_SERVICE_KIND: return f->kind;
	case RA_FORM: return f->form;
	case RA_FUNCTION: return f->function;
	case RA_MEANS: return f->means;
	case RA_REGION: return f->region;
	case RA_ORGANISATION: return f->org_id;
	case RA_PROGRAMME: return f->programme_id;
	case RA_SEX: return f->sex;
	case RA_AGE_BAND: return report_age_band(f->born, f->day);
	case RA_MONTH: return f->day / 100;
	case RA_QUARTER: return (int64_t)(f->day / 10000) * 10 + (f->day / 100 % 100 + 2) / 3;
	case RA_CASE_STATUS: return f->case_status;
	case RA_NONE:
	case RA_CATEGORY:
	case RA_COUNT: break;
	}
	return 0;
}

/* ---- summing ---- */

/* The values an axis took: a small open-addressing map from key to index. */
struct axis_values {
	int64_t keys[REPORT_AXIS_MAX];
	int32_t slot[2048]; /* index + 1; 0 empty */
	size_t n;
};

static int axis_index(struct axis_values *v, int64_t key)
{
	uint64_t h = ((uint64_t)key * 0x9E3779B97F4A7C15u) >> 53; /* 11 bits */
	for (;; h = (h + 1) & 2047) {
		int32_t s = v->slot[h];
		if (!s) {
			if (v->n == REPORT_AXIS_MAX)
				return -1;
			v->keys[v->n] = key;
			v->slot[h] = (int32_t)++v->n;
			return (int)v->n - 1;
		}
		if (v->keys[s - 1] == key)
			return s - 1;
	}
}

/* What a report sums: for every fact and every cell it falls in (several when an axis is
 * the categories), a key of the person (the top 44 bits) and the cell (row index r and
 * column index c, as first seen, in the 20 below); sorted, the keys of one person are
 * together, so a cell's, a row's, a column's and the whole table's distinct people are
 * counted in one pass with no key per total. The records of the totals are counted as they
 * come: a record in two categories is one record of its row. */
#define FIG_STRIDE (REPORT_AXIS_MAX + 1)
#define FIG_BITS 20 /* FIG_STRIDE * FIG_STRIDE < 1 << 20 */
#define FIG_MASK ((UINT64_C(1) << FIG_BITS) - 1)
#define PERSON_MASK ((UINT64_C(1) << (64 - FIG_BITS)) - 1)

struct report_acc {
	struct report_spec spec;
	struct axis_values rows, cols;
	uint64_t *keys;
	size_t n, cap;
	int64_t row_records[REPORT_AXIS_MAX], col_records[REPORT_AXIS_MAX], records;
};

struct report_acc *report_acc_new(const struct report_spec *spec)
{
	struct report_acc *acc = calloc(1, sizeof *acc);
	if (acc)
		acc->spec = *spec;
	return acc;
}

void report_acc_free(struct report_acc *acc)
{
	if (acc)
		free(acc->keys);
	free(acc);
}

static int push(struct report_acc *acc, size_t r, size_t c, uint64_t person)
{
	if (acc->n == acc->cap) {
		size_t cap = acc->cap ? acc->cap * 2 : 4096;
		uint64_t *k = realloc(acc->keys, cap * sizeof *k);
		if (!k)
			return K_ENOMEM;
		acc->keys = k;
		acc->cap = cap;
	}
	acc->keys[acc->n++] = person << FIG_BITS | (uint64_t)(r * FIG_STRIDE + c);
	return 0;
}

/* The indexes of a fact on an axis: its categories' (bit i: key i + 1; none: 0), else the
 * one key. Returns how many, or -1 when the axis has too many values. */
static int indexes(struct axis_values *v, enum report_axis a, const struct report_fact *f,
		   int out[32])
{
	if (a == RA_NONE) {
		out[0] = 0;
		return 1;
	}
	if (a != RA_CATEGORY) {
		out[0] = axis_index(v, report_fact_key(f, a));
		return out[0] < 0 ? -1 : 1;
	}
	int n = 0;
	for (uint32_t bits = f->cats, i = 0; bits; bits >>= 1, i++)
		if (bits & 1)
			out[n++] = axis_index(v, (int64_t)i + 1);
	if (!n)
		out[n++] = axis_index(v, 0);
	for (int i = 0; i < n; i++)
		if (out[i] < 0)
			return -1;
	return n;
}

int report_acc_add(struct report_acc *acc, const struct report_fact *f)
{
	int ri[32], ci[32];
	int nr = indexes(&acc->rows, acc->spec.rows, f, ri);
	int nc = indexes(&acc->cols, acc->spec.cols, f, ci);
	if (nr < 0 || nc < 0)
		return K_ETOOBIG;
	uint64_t who =
	    (uint64_t)(acc->spec.measure == RM_GROUP_SESSIONS ? f->id : f->person_id) & PERSON_MASK;
	acc->records++;
	for (int j = 0; j < nc; j++)
		acc->col_records[ci[j]]++;
	int rc = 0;
	for (int i = 0; i < nr && !rc; i++) {
		acc->row_records[ri[i]]++;
		for (int j = 0; j < nc && !rc; j++)
			rc = push(acc, (size_t)ri[i], (size_t)ci[j], who);
	}
	return rc;
}

/* Where each of an axis's indexes in src goes in dst (an axis not cut: its one index 0). */
static int remap(struct axis_values *dst, const struct axis_values *src, enum report_axis a,
		 int map[REPORT_AXIS_MAX], size_t *n)
{
	*n = a == RA_NONE ? 1 : src->n;
	map[0] = 0;
	for (size_t i = 0; a != RA_NONE && i < src->n; i++)
		if ((map[i] = axis_index(dst, src->keys[i])) < 0)
			return K_ETOOBIG;
	return 0;
}

int report_acc_merge(struct report_acc *dst, const struct report_acc *src)
{
	int rmap[REPORT_AXIS_MAX], cmap[REPORT_AXIS_MAX];
	size_t nr, nc;
	if (remap(&dst->rows, &src->rows, dst->spec.rows, rmap, &nr) ||
	    remap(&dst->cols, &src->cols, dst->spec.cols, cmap, &nc))
		return K_ETOOBIG;
	if (dst->cap - dst->n < src->n) {
		uint64_t *k = realloc(dst->keys, (dst->n + src->n) * sizeof *k);
		if (!k)
			return K_ENOMEM;
		dst->keys = k;
		dst->cap = dst->n + src->n;
	}
	for (size_t i = 0; i < src->n; i++) {
		uint64_t fig = src->keys[i] & FIG_MASK;
		uint64_t to = (uint64_t)rmap[fig / FIG_STRIDE] * FIG_STRIDE +
			      (uint64_t)cmap[fig % FIG_STRIDE];
		dst->keys[dst->n++] = (src->keys[i] & ~FIG_MASK) | to;
	}
	for (size_t i = 0; i < nr; i++)
		dst->row_records[rmap[i]] += src->row_records[i];
	for (size_t i = 0; i < nc; i++)
		dst->col_records[cmap[i]] += src->col_records[i];
	dst->records += src->records;
	return 0;
}

static int u64_cmp(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
	return (a > b) - (a < b);
}

/* LSD radix sort, 16 bits a pass, the four counts made in one read; a pass whose digit is
 * the same in every key (the top bits of small ids) is skipped. A few keys: qsort (the
 * passes' counters cost more). */
static int sort_keys(uint64_t *k, size_t n)
{
	if (n < 65536) {
		qsort(k, n, sizeof *k, u64_cmp);
		return 0;
	}
	uint64_t *tmp = malloc(n * sizeof *tmp);
	size_t *count = calloc(4 * 65536, sizeof *count);
	if (!tmp || !count) {
		free(tmp);
		free(count);
		return K_ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		for (int d = 0; d < 4; d++)
			count[d * 65536 + ((k[i] >> (16 * d)) & 0xFFFF)]++;
	uint64_t *src = k, *dst = tmp;
	for (int d = 0; d < 4; d++) {
		size_t *cd = count + d * 65536;
		if (cd[(k[0] >> (16 * d)) & 0xFFFF] == n)
			continue;
		size_t sum = 0;
		for (size_t b = 0; b < 65536; b++) {
			size_t c = cd[b];
			cd[b] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[cd[(src[i] >> (16 * d)) & 0xFFFF]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != k)
		memcpy(k, src, n * sizeof *k);
	free(tmp);
	free(count);
	return 0;
}

/* The order of an axis's values: by key, "not stated" (0) last. */
static int key_cmp(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	if ((a == 0) != (b == 0))
		return a == 0 ? 1 : -1;
	return (a > b) - (a < b);
}

/* An axis's keys in order, and where each index went. */
static int64_t *order(struct arena *a, const struct axis_values *v, enum report_axis axis,
		      size_t *n, size_t *pos)
{
	*n = axis == RA_NONE ? 1 : v->n;
	int64_t *keys = arena_alloc(a, (*n ? *n : 1) * sizeof *keys);
	if (!keys)
		return NULL;
	if (axis == RA_NONE) {
		keys[0] = 0;
		pos[0] = 0;
		return keys;
	}
	memcpy(keys, v->keys, *n * sizeof *keys);
	qsort(keys, *n, sizeof *keys, key_cmp);
	for (size_t i = 0; i < v->n; i++) {
		const int64_t *k = bsearch(&v->keys[i], keys, *n, sizeof *keys, key_cmp);
		pos[i] = (size_t)(k - keys);
	}
	return keys;
}

int report_acc_finish(struct report_acc *acc, struct arena *a, bool suppress,
		      struct report_table *out)
{
	memset(out, 0, sizeof *out);
	out->spec = acc->spec;
	if (acc->n && sort_keys(acc->keys, acc->n))
		return K_ENOMEM;
	size_t *rpos = arena_alloc(a, (REPORT_AXIS_MAX + 1) * sizeof *rpos);
	size_t *cpos = arena_alloc(a, (REPORT_AXIS_MAX + 1) * sizeof *cpos);
	if (!rpos || !cpos)
		return K_ENOMEM;
	out->row_keys = order(a, &acc->rows, acc->spec.rows, &out->nrows, rpos);
	out->col_keys = order(a, &acc->cols, acc->spec.cols, &out->ncols, cpos);
	rpos[REPORT_AXIS_MAX] = out->nrows;
	cpos[REPORT_AXIS_MAX] = out->ncols;
	size_t ncells = out->nrows * out->ncols;
	struct report_cell *cells = arena_alloc(a, (ncells + 1) * sizeof *cells);
	struct report_cell *rt = arena_alloc(a, (out->nrows + 1) * sizeof *rt);
	struct report_cell *ct = arena_alloc(a, (out->ncols + 1) * sizeof *ct);
	if (!out->row_keys || !out->col_keys || !cells || !rt || !ct)
		return K_ENOMEM;
	memset(cells, 0, (ncells + 1) * sizeof *cells);
	memset(rt, 0, (out->nrows + 1) * sizeof *rt);
	memset(ct, 0, (out->ncols + 1) * sizeof *ct);
	/* The records (cells: their keys; totals: counted as they came) … */
	for (size_t i = 0; i < acc->n; i++) {
		uint64_t fig = acc->keys[i] & FIG_MASK;
		cells[rpos[fig / FIG_STRIDE] * out->ncols + cpos[fig % FIG_STRIDE]].value++;
	}
	for (size_t r = 0; r < out->nrows; r++)
		rt[rpos[r]].value = acc->row_records[r];
	for (size_t c = 0; c < out->ncols; c++)
		ct[cpos[c]].value = acc->col_records[c];
	out->total.value = acc->records;
	/* … and the people: one run of keys a person, in the order of their cells. */
	uint32_t *seen = arena_alloc(a, (out->ncols + 1) * sizeof *seen); /* column: run + 1 */
	if (!seen)
		return K_ENOMEM;
	memset(seen, 0, (out->ncols + 1) * sizeof *seen);
	uint32_t run = 0;
	for (size_t i = 0; i < acc->n; run++) {
		uint64_t person = acc->keys[i] >> FIG_BITS;
		size_t last_r = SIZE_MAX;
		for (uint64_t last = UINT64_MAX; i < acc->n && acc->keys[i] >> FIG_BITS == person;
		     last = acc->keys[i++]) {
			if (acc->keys[i] == last)
				continue;
			uint64_t fig = acc->keys[i] & FIG_MASK;
			size_t r = rpos[fig / FIG_STRIDE], c = cpos[fig % FIG_STRIDE];
			cells[r * out->ncols + c].people++;
			if (r != last_r)
				rt[r].people++;
			last_r = r;
			if (seen[c] != run + 1) {
				seen[c] = run + 1;
				ct[c].people++;
			}
		}
		out->total.people++;
	}
	if (acc->spec.measure == RM_PERSONS) {
		for (size_t i = 0; i < ncells; i++)
			cells[i].value = cells[i].people;
		for (size_t r = 0; r < out->nrows; r++)
			rt[r].value = rt[r].people;
		for (size_t c = 0; c < out->ncols; c++)
			ct[c].value = ct[c].people;
		out->total.value = out->total.people;
	}
	out->cells = cells;
	out->row_totals = rt;
	out->col_totals = ct;
	if (suppress && acc->spec.measure != RM_GROUP_SESSIONS) {
		out->suppressed = true;
		out->withheld = report_suppress(out, cells, rt, ct);
	}
	return 0;
}

/* ---- suppression ---- */

static bool small(const struct report_cell *x)
{
	return x->people > 0 && x->people < REPORT_SMALL_CELL;
}

/* A line (a row or a column with its total): if exactly one of its figures is withheld,
 * withholds the smallest other figure that is not 0. Returns whether it withheld one. */
static bool complement(struct report_cell **line, size_t n)
{
	size_t withheld = 0, pick = n;
	for (size_t i = 0; i < n; i++) {
		if (line[i]->withheld)
			withheld++;
		else if (line[i]->value && (pick == n || line[i]->value < line[pick]->value))
			pick = i;
	}
	if (withheld != 1 || pick == n)
		return false;
	line[pick]->withheld = true;
	return true;
}

size_t report_suppress(struct report_table *t, struct report_cell *cells,
		       struct report_cell *row_totals, struct report_cell *col_totals)
{
	size_t nr = t->nrows, nc = t->ncols;
	struct report_cell *all[] = { &t->total };
	for (size_t i = 0; i < nr * nc; i++)
		cells[i].withheld = small(&cells[i]);
	for (size_t r = 0; r < nr; r++)
		row_totals[r].withheld = small(&row_totals[r]);
	for (size_t c = 0; c < nc; c++)
		col_totals[c].withheld = small(&col_totals[c]);
	all[0]->withheld = small(all[0]);
	size_t longest = (nr > nc ? nr : nc) + 1;
	struct report_cell **line = malloc(longest * sizeof *line);
	if (!line) { /* withhold everything rather than too little */
		for (size_t i = 0; i < nr * nc; i++)
			cells[i].withheld = true;
		for (size_t r = 0; r < nr; r++)
			row_totals[r].withheld = true;
		for (size_t c = 0; c < nc; c++)
			col_totals[c].withheld = true;
		t->total.withheld = true;
		return nr * nc + nr + nc + 1;
	}
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t r = 0; r <= nr; r++) { /* the rows, then the column totals' row */
			for (size_t c = 0; c < nc; c++)
				line[c] = r < nr ? &cells[r * nc + c] : &col_totals[c];
			line[nc] = r < nr ? &row_totals[r] : &t->total;
			changed |= complement(line, nc + 1);
		}
		for (size_t c = 0; c <= nc; c++) {
			for (size_t r = 0; r < nr; r++)
				line[r] = c < nc ? &cells[r * nc + c] : &row_totals[r];
			line[nr] = c < nc ? &col_totals[c] : &t->total;
			changed |= complement(line, nr + 1);
		}
	}
	free(line);
	/* The figures a reader sees: an axis not cut has its totals in its cells. */
	bool rows = t->spec.rows != RA_NONE, cols = t->spec.cols != RA_NONE;
	size_t n = rows && cols ? t->total.withheld : 0;
	for (size_t i = 0; i < nr * nc; i++)
		n += cells[i].withheld;
	for (size_t r = 0; cols && r < nr; r++)
		n += row_totals[r].withheld;
	for (size_t c = 0; rows && c < nc; c++)
		n += col_totals[c].withheld;
	return n;
}

/* ---- who ---- */

bool report_may_read(const struct actor *a)
{
	return a->role == ROLE_SUPERVISOR || a->role == ROLE_ADMIN || a->role == ROLE_ANALYST;
}

bool report_suppresses(const struct actor *a)
{
	return a->role != ROLE_SUPERVISOR;
}

bool report_all_orgs(const struct actor *a)
{
	return a->role == ROLE_ANALYST;
}
