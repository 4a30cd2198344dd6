/* fuzz_report.c: a report's parameters as hostile strings (report_spec_parse), and the sums
 * and suppression over facts made of the input's bytes (report_acc_*).
 *
 * The input's first five NUL-separated fields are the measure, rows, cols, from and to; the
 * bytes after them, 24 at a time, make facts. Properties: nothing crashes or leaks; an
 * accepted spec names a measure, two different axes that apply to it and a period from ≤ to;
 * a refused one names only its own fields; a finished table's totals are never below any of
 * their cells' people; with suppression, no figure of 1 to 4 people is shown (group sessions
 * aside) and no row or column holds exactly one withheld figure; facts summed in two parts
 * and merged (report_acc_merge) give the table they give summed together. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool small(const struct report_cell *x)
{
	return x->people > 0 && x->people < REPORT_SMALL_CELL;
}

static void check_table(const struct report_table *t, bool suppress)
{
	size_t nr = t->nrows, nc = t->ncols;
	for (size_t r = 0; r < nr; r++)
		for (size_t c = 0; c < nc; c++) {
			const struct report_cell *x = &t->cells[r * nc + c];
			const struct report_cell *over[] = { &t->row_totals[r], &t->col_totals[c],
							     &t->total };
			for (size_t k = 0; k < 3; k++)
				if (x->people > over[k]->people || x->value > over[k]->value)
					abort();
			if (suppress && t->spec.measure != RM_GROUP_SESSIONS && small(x) &&
			    !x->withheld)
				abort();
		}
	if (!suppress || t->spec.measure == RM_GROUP_SESSIONS)
		return;
	for (size_t r = 0; r <= nr; r++) {
		size_t n = r < nr ? t->row_totals[r].withheld : t->total.withheld;
		for (size_t c = 0; c < nc; c++)
			n += r < nr ? t->cells[r * nc + c].withheld : t->col_totals[c].withheld;
		if (n == 1)
			abort();
	}
	for (size_t c = 0; c <= nc; c++) {
		size_t n = c < nc ? t->col_totals[c].withheld : t->total.withheld;
		for (size_t r = 0; r < nr; r++)
			n += c < nc ? t->cells[r * nc + c].withheld : t->row_totals[r].withheld;
		if (n == 1)
			abort();
	}
}

static void same_cell(const struct report_cell *x, const struct report_cell *y)
{
	if (x->value != y->value || x->people != y->people || x->withheld != y->withheld)
		abort();
}

static void same_table(const struct report_table *t, const struct report_table *m)
{
	if (t->nrows != m->nrows || t->ncols != m->ncols || t->withheld != m->withheld)
		abort();
	for (size_t r = 0; r < t->nrows; r++) {
		if (t->row_keys[r] != m->row_keys[r])
			abort();
		same_cell(&t->row_totals[r], &m->row_totals[r]);
	}
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->col_keys[c] != m->col_keys[c])
			abort();
		same_cell(&t->col_totals[c], &m->col_totals[c]);
	}
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		same_cell(&t->cells[i], &m->cells[i]);
	same_cell(&t->total, &m->total);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *f[5] = { 0 };
	size_t n = 0, i = 0;
	for (; i <= size && n < 5; i++) {
		f[n++] = buf + i;
		while (i < size && buf[i])
			i++;
	}
	struct report_spec spec;
	struct field_errors e = { 0 };
	int rc = report_spec_parse(f[0], f[1], f[2], f[3], f[4], "2026-11-26", &spec, &e);
	static const char *const fields[] = { "measure", "rows", "cols", "from", "to" };
	for (size_t k = 0; k < e.n; k++) {
		bool known = false;
		for (size_t j = 0; j < 5; j++)
			known |= strcmp(e.e[k].field, fields[j]) == 0;
		if (!known)
			abort();
	}
	if (!rc) {
		if (spec.measure >= RM_COUNT || !report_axis_applies(spec.measure, spec.rows) ||
		    !report_axis_applies(spec.measure, spec.cols) ||
		    (spec.rows && spec.rows == spec.cols) || spec.from_day > spec.to_day)
			abort();
	} else {
		/* Go on with a spec of the input's bytes, so the sums see every axis. */
		spec = (struct report_spec){ 0 };
		spec.measure = size ? (enum report_measure)(data[0] % RM_COUNT) : RM_SERVICES;
		spec.rows = size > 1 ? (enum report_axis)(data[1] % RA_COUNT) : RA_NONE;
		spec.cols = size > 2 ? (enum report_axis)(data[2] % RA_COUNT) : RA_NONE;
		if (spec.rows == spec.cols)
			spec.cols = RA_NONE;
	}
	for (int suppress = 0; suppress < 2; suppress++) {
		struct report_acc *acc = report_acc_new(&spec);
		struct report_acc *part[2] = { report_acc_new(&spec), report_acc_new(&spec) };
		if (!acc || !part[0] || !part[1]) {
			report_acc_free(acc);
			report_acc_free(part[0]);
			report_acc_free(part[1]);
			break;
		}
		bool parts = true;
		for (size_t k = i; k + 24 <= size; k += 24) {
			const uint8_t *b = data + k;
			struct report_fact x = {
				.day = 20200101 + (int32_t)(b[0] % 7) * 10000 + (b[1] % 12) * 100 +
				       b[2] % 28,
				.born = b[3] % 4 ? 19400101 + (int32_t)(b[4] % 90) * 10000 : 0,
				.org_id = b[5] % 5,
				.person_id = b[6] % 16,
				.programme_id = b[7] % 3,
				.id = b[8],
				.cats = (uint32_t)(b[9] | b[10] << 8),
				.kind = b[11] % 13,
				.form = b[12] % 15,
				.function = b[13] % 4,
				.means = b[14] % 4,
				.case_status = b[15] % 5,
				.sex = b[16] % 3,
				.region = b[17] % 80,
			};
			if (report_acc_add(acc, &x))
				break;
			parts = parts && !report_acc_add(part[b[18] & 1], &x);
		}
		struct arena a;
		arena_init(&a);
		struct report_table t, m;
		if (!report_acc_finish(acc, &a, suppress, &t)) {
			check_table(&t, suppress);
			if (parts && !report_acc_merge(part[0], part[1]) &&
			    !report_acc_finish(part[0], &a, suppress, &m))
				same_table(&t, &m);
		}
		arena_release(&a);
		report_acc_free(acc);
		report_acc_free(part[0]);
		report_acc_free(part[1]);
	}
	free(buf);
	return 0;
}
