/* test_report.c: reports of counts cut by two axes (domain/report.h): the parameters, age
 * bands and keys, the sums of a small hand-made set of facts (records and distinct people,
 * categories spread over rows, the order of keys, the shapes of an axis not cut), small-cell
 * suppression with its complementary figures, and who reads reports. Every figure expected
 * here was worked out by hand from the facts written next to it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/access.h"
#include "domain/report.h"

#include "base/banned.h"

#define TODAY "2026-06-15"

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&a);
	return 0;
}

/* ---- helpers ---- */

static int parse(const char *measure, const char *rows, const char *cols, const char *from,
		 const char *to, struct report_spec *s, struct field_errors *e)
{
	memset(e, 0, sizeof *e);
	return report_spec_parse(measure, rows, cols, from, to, TODAY, s, e);
}

/* Sums the facts into a table; every fact must be accepted. */
static void run(const struct report_spec *spec, const struct report_fact *f, size_t n,
		bool suppress, struct report_table *t)
{
	struct report_acc *acc = report_acc_new(spec);
	assert_non_null(acc);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(report_acc_add(acc, &f[i]), 0);
	assert_int_equal(report_acc_finish(acc, &a, suppress, t), 0);
	report_acc_free(acc);
}

#define CELL(t, r, c) ((t)->cells[(r) * (t)->ncols + (c)])
#define assert_fig(x, v, p)                                                                        \
	do {                                                                                       \
		assert_int_equal((x).value, (v));                                                  \
		assert_int_equal((x).people, (p));                                                 \
	} while (0)

/* The figure at row r and column c, with r == nrows the column totals' row and c == ncols
 * the row totals' column (their meeting: the grand total). */
static const struct report_cell *fig(const struct report_table *t, size_t r, size_t c)
{
	if (r < t->nrows)
		return c < t->ncols ? &t->cells[r * t->ncols + c] : &t->row_totals[r];
	return c < t->ncols ? &t->col_totals[c] : &t->total;
}

/* Which figures are withheld, row by row (its cells, then its total), then the column totals
 * and the grand total: 'x' withheld, '.' shown, rows separated by '|'. */
static const char *withheld_map(const struct report_table *t)
{
	char *s = arena_alloc(&a, (t->nrows + 1) * (t->ncols + 2) + 1);
	size_t k = 0;
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c <= t->ncols; c++)
			s[k++] = fig(t, r, c)->withheld ? 'x' : '.';
		if (r < t->nrows)
			s[k++] = '|';
	}
	s[k] = '\0';
	return s;
}

/* The lines (rows and columns, with their totals, the totals' row and column included) with
 * exactly one figure withheld: the documented rule leaves none. */
static size_t lone_withheld(const struct report_table *t)
{
	size_t lone = 0;
	for (size_t r = 0; r <= t->nrows; r++) {
		size_t n = 0;
		for (size_t c = 0; c <= t->ncols; c++)
			n += fig(t, r, c)->withheld;
		lone += n == 1;
	}
	for (size_t c = 0; c <= t->ncols; c++) {
		size_t n = 0;
		for (size_t r = 0; r <= t->nrows; r++)
			n += fig(t, r, c)->withheld;
		lone += n == 1;
	}
	return lone;
}

/* A table built by hand: m holds (nrows + 1) × (ncols + 1) figures row by row, each row's
 * total last and the column totals' row last; people[] likewise, or NULL for people = value
 * (a count of persons). */
struct hand {
	struct report_table t;
	struct report_cell cells[32], rt[8], ct[8];
};

static void hand(struct hand *h, size_t nr, size_t nc, const int64_t *m, const int64_t *people)
{
	memset(h, 0, sizeof *h);
	h->t.spec.measure = people ? RM_SERVICES : RM_PERSONS;
	h->t.spec.rows = RA_SEX; /* cut both ways, unless a test says otherwise */
	h->t.spec.cols = RA_MONTH;
	h->t.nrows = nr;
	h->t.ncols = nc;
	for (size_t r = 0; r <= nr; r++)
		for (size_t c = 0; c <= nc; c++) {
			size_t i = r * (nc + 1) + c;
			struct report_cell x = { .value = m[i],
						 .people = people ? people[i] : m[i] };
			if (r < nr && c < nc)
				h->cells[r * nc + c] = x;
			else if (r < nr)
				h->rt[r] = x;
			else if (c < nc)
				h->ct[c] = x;
			else
				h->t.total = x;
		}
	h->t.cells = h->cells;
	h->t.row_totals = h->rt;
	h->t.col_totals = h->ct;
}

static size_t suppress_hand(struct hand *h)
{
	return report_suppress(&h->t, h->cells, h->rt, h->ct);
}

/* ---- codes ---- */

static void test_codes(void **state)
{
	(void)state;
	for (int m = 0; m < RM_COUNT; m++)
		assert_int_equal(report_measure_parse(report_measure_code((enum report_measure)m)),
				 m);
	for (int x = 1; x < RA_COUNT; x++)
		assert_int_equal(report_axis_parse(report_axis_code((enum report_axis)x)), x);
	assert_int_equal(report_measure_parse("people"), -1);
	assert_int_equal(report_measure_parse(NULL), -1);
	assert_int_equal(report_axis_parse(""), -1);
	assert_int_equal(report_axis_parse("none"), -1);
	assert_int_equal(report_axis_parse("Sex"), -1);
	/* Persons are counted from services. */
	assert_int_equal(report_fact_of(RM_PERSONS), RF_SERVICE);
	assert_int_equal(report_fact_of(RM_SERVICES), RF_SERVICE);
	assert_int_equal(report_fact_of(RM_CASES), RF_CASE);
	assert_int_equal(report_fact_of(RM_REFERRALS), RF_REFERRAL);
	assert_int_equal(report_fact_of(RM_GROUP_SESSIONS), RF_GROUP_SESSION);
	assert_int_equal(report_fact_of(RM_EVENT_PARTICIPANTS), RF_EVENT_PARTICIPANT);
	assert_string_equal(report_axis_list(RA_CATEGORY), "categories");
	assert_null(report_axis_list(RA_MONTH));
	assert_null(report_axis_list(RA_ORGANISATION));
}

/* ---- the parameters ---- */

static void test_spec_defaults(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	assert_int_equal(parse(NULL, NULL, NULL, NULL, NULL, &s, &e), 0);
	assert_int_equal(e.n, 0);
	assert_int_equal(s.measure, RM_SERVICES);
	assert_int_equal(s.rows, RA_NONE);
	assert_int_equal(s.cols, RA_NONE);
	assert_string_equal(s.from, "2026-01-01");
	assert_string_equal(s.to, TODAY);
	assert_int_equal(s.from_day, 20260101);
	assert_int_equal(s.to_day, 20260615);

	/* "" is the default too, and "none" (or "") is an axis not cut. */
	assert_int_equal(parse("", "", "", "", "", &s, &e), 0);
	assert_int_equal(s.measure, RM_SERVICES);
	assert_int_equal(s.rows, RA_NONE);
	assert_int_equal(s.cols, RA_NONE);
	assert_string_equal(s.from, "2026-01-01");
	assert_string_equal(s.to, TODAY);
	assert_int_equal(parse("persons", "none", "none", NULL, NULL, &s, &e), 0);
	assert_int_equal(s.measure, RM_PERSONS);
	assert_int_equal(s.rows, RA_NONE);
	assert_int_equal(s.cols, RA_NONE);

	/* Everything given. */
	assert_int_equal(parse("persons", "category", "month", "2025-03-01", "2025-05-31", &s, &e),
			 0);
	assert_int_equal(s.measure, RM_PERSONS);
	assert_int_equal(s.rows, RA_CATEGORY);
	assert_int_equal(s.cols, RA_MONTH);
	assert_string_equal(s.from, "2025-03-01");
	assert_string_equal(s.to, "2025-05-31");
	assert_int_equal(s.from_day, 20250301);
	assert_int_equal(s.to_day, 20250531);
	assert_int_equal(parse("cases", "none", "case_status", NULL, NULL, &s, &e), 0);
	assert_int_equal(s.rows, RA_NONE);
	assert_int_equal(s.cols, RA_CASE_STATUS);
	/* One day is a period. */
	assert_int_equal(parse(NULL, NULL, NULL, "2026-03-01", "2026-03-01", &s, &e), 0);
}

static void test_spec_unknown_codes(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	assert_int_equal(parse("people", NULL, NULL, NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "measure"));
	assert_int_equal(s.measure, RM_SERVICES); /* filled as far as it could be */

	assert_int_equal(parse(NULL, "colour", NULL, NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "rows"));
	assert_int_equal(s.rows, RA_NONE);

	assert_int_equal(parse(NULL, "sex", "Month", NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "cols"));
	assert_int_equal(s.rows, RA_SEX);
	assert_int_equal(s.cols, RA_NONE);

	/* Every field at once, each named. */
	assert_int_equal(parse("x", "y", "z", "2026-13-01", "tomorrow", &s, &e), K_EINVAL);
	assert_int_equal(e.n, 5);
	assert_non_null(field_error_for(&e, "measure"));
	assert_non_null(field_error_for(&e, "rows"));
	assert_non_null(field_error_for(&e, "cols"));
	assert_non_null(field_error_for(&e, "from"));
	assert_non_null(field_error_for(&e, "to"));
}

static void test_spec_axes_that_do_not_apply(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	/* A group session has no sex, a case no service kind, a referral no form of work. */
	assert_int_equal(parse("group_sessions", "sex", NULL, NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "rows"));
	assert_int_equal(s.rows, RA_NONE);
	assert_int_equal(parse("cases", NULL, "service_kind", NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "cols"));
	assert_int_equal(parse("referrals", "form", NULL, NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "rows"));
	assert_int_equal(parse("group_sessions", "month", "category", NULL, NULL, &s, &e),
			 K_EINVAL);
	assert_null(field_error_for(&e, "rows"));
	assert_non_null(field_error_for(&e, "cols"));
	/* An unknown measure: the axes are read against the default (services). */
	assert_int_equal(parse("people", "service_kind", NULL, NULL, NULL, &s, &e), K_EINVAL);
	assert_null(field_error_for(&e, "rows"));
	assert_int_equal(s.rows, RA_SERVICE_KIND);

	/* What does apply. */
	assert_int_equal(parse("group_sessions", "form", "organisation", NULL, NULL, &s, &e), 0);
	assert_int_equal(parse("cases", "case_status", "age_band", NULL, NULL, &s, &e), 0);
	assert_int_equal(parse("referrals", "service_kind", "region", NULL, NULL, &s, &e), 0);
	assert_int_equal(parse("event_participants", "means", "sex", NULL, NULL, &s, &e), 0);
	assert_true(report_axis_applies(RM_GROUP_SESSIONS, RA_NONE));
	assert_false(report_axis_applies(RM_GROUP_SESSIONS, RA_CATEGORY));
	assert_false(report_axis_applies(RM_CASES, RA_FORM));
	assert_false(report_axis_applies(RM_EVENT_PARTICIPANTS, RA_CASE_STATUS));
	assert_true(report_axis_applies(RM_PERSONS, RA_SERVICE_KIND));
}

static void test_spec_equal_axes(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	assert_int_equal(parse(NULL, "month", "month", NULL, NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "cols"));
	assert_null(field_error_for(&e, "rows"));
	/* Neither cut is not two equal axes. */
	assert_int_equal(parse(NULL, "none", "", NULL, NULL, &s, &e), 0);
	assert_int_equal(parse(NULL, "month", "quarter", NULL, NULL, &s, &e), 0);
}

static void test_spec_dates(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	assert_int_equal(parse(NULL, NULL, NULL, "2026-02-30", NULL, &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "from"));
	assert_string_equal(s.from, "2026-01-01"); /* the default in its place */
	assert_int_equal(parse(NULL, NULL, NULL, NULL, "2026/06/01", &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "to"));
	assert_string_equal(s.to, TODAY);
	assert_int_equal(parse(NULL, NULL, NULL, "2026-1-01", NULL, &s, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "from"));

	/* The end before the start, on "to". */
	assert_int_equal(parse(NULL, NULL, NULL, "2026-03-02", "2026-03-01", &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "to"));
	/* An end given before the default start (the year of today). */
	assert_int_equal(parse(NULL, NULL, NULL, NULL, "2025-12-31", &s, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "to"));
}

static void test_spec_longest_period(void **state)
{
	(void)state;
	struct report_spec s;
	struct field_errors e;
	/* Ten years, to the day before the tenth anniversary of the start. */
	assert_int_equal(parse(NULL, NULL, NULL, "2016-01-01", "2025-12-31", &s, &e), 0);
	assert_int_equal(parse(NULL, NULL, NULL, "2016-07-01", "2026-06-30", &s, &e), 0);
	assert_int_equal(parse(NULL, NULL, NULL, "2016-06-15", "2026-06-14", &s, &e), 0);
	/* A day more. */
	assert_int_equal(parse(NULL, NULL, NULL, "2016-01-01", "2026-01-01", &s, &e), K_EINVAL);
	assert_int_equal(e.n, 1);
	assert_non_null(field_error_for(&e, "to"));
	assert_int_equal(parse(NULL, NULL, NULL, "2016-01-01", "2026-01-31", &s, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "to"));
	assert_int_equal(parse(NULL, NULL, NULL, "2016-06-15", "2026-06-15", &s, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "to"));
}

/* ---- age bands and keys ---- */

static void test_age_band(void **state)
{
	(void)state;
	/* 4 or 5: the day before and on the 5th birthday. */
	assert_int_equal(report_age_band(20210615, 20260614), 1);
	assert_int_equal(report_age_band(20210615, 20260615), 2);
	/* 11 or 12. */
	assert_int_equal(report_age_band(20140615, 20260614), 2);
	assert_int_equal(report_age_band(20140615, 20260615), 3);
	/* 17 or 18. */
	assert_int_equal(report_age_band(20080615, 20260614), 3);
	assert_int_equal(report_age_band(20080615, 20260615), 4);
	/* 59 or 60. */
	assert_int_equal(report_age_band(19660615, 20260614), 4);
	assert_int_equal(report_age_band(19660615, 20260615), 5);
	assert_int_equal(report_age_band(19200101, 20260615), 5);
	/* A birthday at the end of a month, and on a 29 February (1 March in other years). */
	assert_int_equal(report_age_band(20211231, 20261130), 1);
	assert_int_equal(report_age_band(20200229, 20250228), 1);
	assert_int_equal(report_age_band(20200229, 20250301), 2);
	/* Unknown. */
	assert_int_equal(report_age_band(0, 20260615), 0);
	/* The year alone: the age is the difference of the years. */
	assert_int_equal(report_age_band(20210000, 20251231), 1);
	assert_int_equal(report_age_band(20210000, 20260101), 2);
	assert_int_equal(report_age_band(20080000, 20260101), 4);
	assert_int_equal(report_age_band(20260000, 20260615), 1);
	/* Born after the day; born on it. */
	assert_int_equal(report_age_band(20260615, 20260614), 0);
	assert_int_equal(report_age_band(20270000, 20260615), 0);
	assert_int_equal(report_age_band(20260615, 20260615), 1);

	assert_null(report_age_band_label(0));
	assert_string_equal(report_age_band_label(1), "0–4");
	assert_string_equal(report_age_band_label(5), "60+");
	assert_null(report_age_band_label(6));
	assert_null(report_age_band_code(0));
	assert_string_equal(report_age_band_code(3), "12-17");
	assert_null(report_age_band_code(REPORT_AGE_BANDS + 1));
}

static void test_fact_key(void **state)
{
	(void)state;
	struct report_fact f = { .day = 20260115,
				 .born = 20100301,
				 .org_id = 77,
				 .person_id = 5,
				 .programme_id = 9,
				 .id = 400,
				 .cats = 6,
				 .kind = 3,
				 .form = 2,
				 .function = 4,
				 .means = 1,
				 .case_status = 2,
				 .sex = 2,
				 .region = 11 };
	assert_int_equal(report_fact_key(&f, RA_MONTH), 202601);
	assert_int_equal(report_fact_key(&f, RA_QUARTER), 20261);
	f.day = 20260331;
	assert_int_equal(report_fact_key(&f, RA_MONTH), 202603);
	assert_int_equal(report_fact_key(&f, RA_QUARTER), 20261);
	f.day = 20260401;
	assert_int_equal(report_fact_key(&f, RA_MONTH), 202604);
	assert_int_equal(report_fact_key(&f, RA_QUARTER), 20262);
	f.day = 20251231;
	assert_int_equal(report_fact_key(&f, RA_MONTH), 202512);
	assert_int_equal(report_fact_key(&f, RA_QUARTER), 20254);

	assert_int_equal(report_fact_key(&f, RA_SERVICE_KIND), 3);
	assert_int_equal(report_fact_key(&f, RA_FORM), 2);
	assert_int_equal(report_fact_key(&f, RA_FUNCTION), 4);
	assert_int_equal(report_fact_key(&f, RA_MEANS), 1);
	assert_int_equal(report_fact_key(&f, RA_REGION), 11);
	assert_int_equal(report_fact_key(&f, RA_ORGANISATION), 77);
	assert_int_equal(report_fact_key(&f, RA_PROGRAMME), 9);
	assert_int_equal(report_fact_key(&f, RA_SEX), 2);
	assert_int_equal(report_fact_key(&f, RA_CASE_STATUS), 2);
	/* 15 on 31 December 2025: 12–17. */
	assert_int_equal(report_fact_key(&f, RA_AGE_BAND), 3);
	f.born = 0;
	assert_int_equal(report_fact_key(&f, RA_AGE_BAND), 0);
	/* Not keyed this way: categories are spread by report_acc_add. */
	assert_int_equal(report_fact_key(&f, RA_CATEGORY), 0);
	assert_int_equal(report_fact_key(&f, RA_NONE), 0);
}

/* ---- sums ---- */

/* Seven services of four people, added out of order:
 *
 *   fact  person  sex  day
 *   a     p4      0    2026-03-01
 *   b     p2      2    2026-03-31
 *   c     p1      1    2026-01-20
 *   d     p1      1    2026-01-10
 *   e     p2      2    2026-01-15
 *   f     p3      1    2026-02-10
 *   g     p1      1    2026-02-05
 *
 * Services (records / people), rows sex 1, 2, 0 (not stated, last), columns Jan, Feb, Mar:
 *
 *          Jan     Feb     Mar   | all
 *   1      2/1     2/2     0/0   | 4/2
 *   2      1/1     0/0     1/1   | 2/1
 *   0      0/0     0/0     1/1   | 1/1
 *   all    3/2     2/2     2/2   | 7/4
 *
 * Persons: the people of each figure. */
static const struct report_fact seven[] = {
	{ .day = 20260301, .person_id = 4, .id = 1, .sex = 0 },
	{ .day = 20260331, .person_id = 2, .id = 2, .sex = 2 },
	{ .day = 20260120, .person_id = 1, .id = 3, .sex = 1 },
	{ .day = 20260110, .person_id = 1, .id = 4, .sex = 1 },
	{ .day = 20260115, .person_id = 2, .id = 5, .sex = 2 },
	{ .day = 20260210, .person_id = 3, .id = 6, .sex = 1 },
	{ .day = 20260205, .person_id = 1, .id = 7, .sex = 1 },
};

static void test_sum_services_and_persons(void **state)
{
	(void)state;
	struct report_spec spec = { .measure = RM_SERVICES, .rows = RA_SEX, .cols = RA_MONTH };
	struct report_table t;
	run(&spec, seven, 7, false, &t);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.row_keys[0], 1);
	assert_int_equal(t.row_keys[1], 2);
	assert_int_equal(t.row_keys[2], 0);
	assert_int_equal(t.col_keys[0], 202601);
	assert_int_equal(t.col_keys[1], 202602);
	assert_int_equal(t.col_keys[2], 202603);
	assert_fig(CELL(&t, 0, 0), 2, 1);
	assert_fig(CELL(&t, 0, 1), 2, 2);
	assert_fig(CELL(&t, 0, 2), 0, 0);
	assert_fig(CELL(&t, 1, 0), 1, 1);
	assert_fig(CELL(&t, 1, 1), 0, 0);
	assert_fig(CELL(&t, 1, 2), 1, 1);
	assert_fig(CELL(&t, 2, 0), 0, 0);
	assert_fig(CELL(&t, 2, 1), 0, 0);
	assert_fig(CELL(&t, 2, 2), 1, 1);
	assert_fig(t.row_totals[0], 4, 2);
	assert_fig(t.row_totals[1], 2, 1);
	assert_fig(t.row_totals[2], 1, 1);
	assert_fig(t.col_totals[0], 3, 2);
	assert_fig(t.col_totals[1], 2, 2);
	assert_fig(t.col_totals[2], 2, 2);
	assert_fig(t.total, 7, 4);
	assert_false(t.suppressed);
	assert_int_equal(t.withheld, 0);

	/* Persons: p1's two services of January count once, and p1 (January and February)
	 * once in the row's total and in the grand total. */
	spec.measure = RM_PERSONS;
	run(&spec, seven, 7, false, &t);
	assert_fig(CELL(&t, 0, 0), 1, 1);
	assert_fig(CELL(&t, 0, 1), 2, 2);
	assert_fig(CELL(&t, 0, 2), 0, 0);
	assert_fig(CELL(&t, 1, 0), 1, 1);
	assert_fig(CELL(&t, 1, 2), 1, 1);
	assert_fig(CELL(&t, 2, 2), 1, 1);
	assert_fig(t.row_totals[0], 2, 2);
	assert_fig(t.row_totals[1], 1, 1);
	assert_fig(t.row_totals[2], 1, 1);
	assert_fig(t.col_totals[0], 2, 2);
	assert_fig(t.col_totals[1], 2, 2);
	assert_fig(t.col_totals[2], 2, 2);
	assert_fig(t.total, 4, 4);

	/* The same facts by quarter: one column. */
	spec.cols = RA_QUARTER;
	run(&spec, seven, 7, false, &t);
	assert_int_equal(t.ncols, 1);
	assert_int_equal(t.col_keys[0], 20261);
	assert_fig(CELL(&t, 0, 0), 2, 2);
	assert_fig(t.row_totals[0], 2, 2);
	assert_fig(t.total, 4, 4);
}

/* Categories (bit i: key i + 1):
 *
 *   fact  person  cats            sex
 *   a     p1      bits 0 and 2    1     → rows 1 and 3
 *   b     p2      bit 0           2     → row 1
 *   c     p3      none            1     → row 0 (not stated)
 *   d     p4      bit 2           2     → row 3
 *
 * Services, rows 1, 3, 0 (last), columns sex 1, 2:
 *
 *          1   2  | all
 *   1      1   1  | 2
 *   3      1   1  | 2
 *   0      1   0  | 1
 *   all    2   2  | 4     (a counts once below and in all: the rows sum to 5)
 */
static void test_sum_categories(void **state)
{
	(void)state;
	static const struct report_fact f[] = {
		{ .day = 20260110, .person_id = 1, .id = 1, .cats = 5, .sex = 1 },
		{ .day = 20260110, .person_id = 2, .id = 2, .cats = 1, .sex = 2 },
		{ .day = 20260110, .person_id = 3, .id = 3, .cats = 0, .sex = 1 },
		{ .day = 20260110, .person_id = 4, .id = 4, .cats = 4, .sex = 2 },
	};
	struct report_spec spec = { .measure = RM_SERVICES, .rows = RA_CATEGORY, .cols = RA_SEX };
	struct report_table t;
	run(&spec, f, 4, false, &t);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.ncols, 2);
	assert_int_equal(t.row_keys[0], 1);
	assert_int_equal(t.row_keys[1], 3);
	assert_int_equal(t.row_keys[2], 0);
	assert_int_equal(t.col_keys[0], 1);
	assert_int_equal(t.col_keys[1], 2);
	assert_fig(CELL(&t, 0, 0), 1, 1);
	assert_fig(CELL(&t, 0, 1), 1, 1);
	assert_fig(CELL(&t, 1, 0), 1, 1);
	assert_fig(CELL(&t, 1, 1), 1, 1);
	assert_fig(CELL(&t, 2, 0), 1, 1);
	assert_fig(CELL(&t, 2, 1), 0, 0);
	assert_fig(t.row_totals[0], 2, 2);
	assert_fig(t.row_totals[1], 2, 2);
	assert_fig(t.row_totals[2], 1, 1);
	assert_fig(t.col_totals[0], 2, 2);
	assert_fig(t.col_totals[1], 2, 2);
	assert_fig(t.total, 4, 4);

	/* Categories as columns, persons: p1 counts in columns 1 and 3, once in the row of
	 * sex 1 and once in all. */
	spec = (struct report_spec){ .measure = RM_PERSONS, .rows = RA_SEX, .cols = RA_CATEGORY };
	run(&spec, f, 4, false, &t);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.ncols, 3);
	assert_int_equal(t.col_keys[2], 0);
	assert_fig(CELL(&t, 0, 0), 1, 1); /* sex 1, category 1: p1 */
	assert_fig(CELL(&t, 0, 1), 1, 1); /* sex 1, category 3: p1 */
	assert_fig(CELL(&t, 0, 2), 1, 1); /* sex 1, not stated: p3 */
	assert_fig(t.row_totals[0], 2, 2);
	assert_fig(t.row_totals[1], 2, 2);
	assert_fig(t.col_totals[0], 2, 2);
	assert_fig(t.col_totals[1], 2, 2);
	assert_fig(t.col_totals[2], 1, 1);
	assert_fig(t.total, 4, 4);
}

static void test_sum_keys_in_order(void **state)
{
	(void)state;
	/* Age bands met as unknown, 60+, 0–4, 18–59, 5–11 on 2026-06-15: 1, 2, 4, 5, then 0. */
	static const struct report_fact f[] = {
		{ .day = 20260615, .born = 0, .person_id = 1 },
		{ .day = 20260615, .born = 19500101, .person_id = 2 },
		{ .day = 20260615, .born = 20250101, .person_id = 3 },
		{ .day = 20260615, .born = 19900101, .person_id = 4 },
		{ .day = 20260615, .born = 20180101, .person_id = 5 },
		{ .day = 20260615, .born = 20250000, .person_id = 6 },
	};
	struct report_spec spec = { .measure = RM_PERSONS, .rows = RA_AGE_BAND };
	struct report_table t;
	run(&spec, f, 6, false, &t);
	assert_int_equal(t.nrows, 5);
	assert_int_equal(t.ncols, 1);
	static const int64_t keys[] = { 1, 2, 4, 5, 0 };
	static const int64_t people[] = { 2, 1, 1, 1, 1 };
	for (size_t r = 0; r < 5; r++) {
		assert_int_equal(t.row_keys[r], keys[r]);
		assert_fig(CELL(&t, r, 0), people[r], people[r]);
		assert_fig(t.row_totals[r], people[r], people[r]);
	}
	assert_fig(t.col_totals[0], 6, 6);
	assert_fig(t.total, 6, 6);

	/* Organisation ids as columns, met 30, 7, 1000000, 12. */
	static const struct report_fact g[] = {
		{ .day = 20260101, .org_id = 30, .person_id = 1 },
		{ .day = 20260101, .org_id = 7, .person_id = 2 },
		{ .day = 20260101, .org_id = 1000000, .person_id = 3 },
		{ .day = 20260101, .org_id = 12, .person_id = 4 },
		{ .day = 20260101, .org_id = 7, .person_id = 5 },
	};
	spec = (struct report_spec){ .measure = RM_SERVICES, .cols = RA_ORGANISATION };
	run(&spec, g, 5, false, &t);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.ncols, 4);
	assert_int_equal(t.col_keys[0], 7);
	assert_int_equal(t.col_keys[1], 12);
	assert_int_equal(t.col_keys[2], 30);
	assert_int_equal(t.col_keys[3], 1000000);
	assert_fig(CELL(&t, 0, 0), 2, 2);
	assert_fig(CELL(&t, 0, 3), 1, 1);
}

static void test_sum_shapes(void **state)
{
	(void)state;
	struct report_table t;
	/* Neither axis cut: one cell, and every total is it. p1 twice. */
	static const struct report_fact three[] = {
		{ .day = 20260101, .person_id = 1, .id = 1 },
		{ .day = 20260102, .person_id = 1, .id = 2 },
		{ .day = 20260103, .person_id = 2, .id = 3 },
	};
	struct report_spec spec = { .measure = RM_SERVICES };
	run(&spec, three, 3, false, &t);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.ncols, 1);
	assert_int_equal(t.row_keys[0], 0);
	assert_int_equal(t.col_keys[0], 0);
	assert_fig(CELL(&t, 0, 0), 3, 2);
	assert_fig(t.row_totals[0], 3, 2);
	assert_fig(t.col_totals[0], 3, 2);
	assert_fig(t.total, 3, 2);
	spec.measure = RM_PERSONS;
	run(&spec, three, 3, false, &t);
	assert_fig(CELL(&t, 0, 0), 2, 2);
	assert_fig(t.total, 2, 2);

	/* Rows only, by category: p1 (bits 0 and 1) in rows 1 and 2, p2 (bit 1) in row 2. The
	 * row totals are the cells; the one column's total and the grand total count p1
	 * once. */
	static const struct report_fact two[] = {
		{ .day = 20260101, .person_id = 1, .id = 1, .cats = 3 },
		{ .day = 20260101, .person_id = 2, .id = 2, .cats = 2 },
	};
	spec = (struct report_spec){ .measure = RM_SERVICES, .rows = RA_CATEGORY };
	run(&spec, two, 2, false, &t);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.ncols, 1);
	assert_fig(CELL(&t, 0, 0), 1, 1);
	assert_fig(CELL(&t, 1, 0), 2, 2);
	assert_fig(t.row_totals[0], 1, 1);
	assert_fig(t.row_totals[1], 2, 2);
	assert_fig(t.col_totals[0], 2, 2);
	assert_fig(t.total, 2, 2);

	/* Columns only, the same. */
	spec = (struct report_spec){ .measure = RM_SERVICES, .cols = RA_CATEGORY };
	run(&spec, two, 2, false, &t);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.ncols, 2);
	assert_fig(CELL(&t, 0, 0), 1, 1);
	assert_fig(CELL(&t, 0, 1), 2, 2);
	assert_fig(t.col_totals[0], 1, 1);
	assert_fig(t.col_totals[1], 2, 2);
	assert_fig(t.row_totals[0], 2, 2);
	assert_fig(t.total, 2, 2);

	/* No facts at all. */
	spec = (struct report_spec){ .measure = RM_SERVICES, .rows = RA_SEX };
	run(&spec, NULL, 0, true, &t);
	assert_int_equal(t.nrows, 0);
	assert_int_equal(t.ncols, 1);
	assert_fig(t.total, 0, 0);
	assert_false(t.total.withheld);
	assert_int_equal(t.withheld, 0);
	spec = (struct report_spec){ .measure = RM_SERVICES };
	run(&spec, NULL, 0, true, &t);
	assert_int_equal(t.nrows, 1);
	assert_int_equal(t.ncols, 1);
	assert_fig(t.total, 0, 0);
	assert_int_equal(t.withheld, 0);
}

/* Group sessions count the sessions (their ids; they name nobody, person 0): four sessions
 * of form 1, one of form 2, none withheld although every figure is under 5. */
static void test_sum_group_sessions(void **state)
{
	(void)state;
	static const struct report_fact f[] = {
		{ .day = 20260110, .id = 101, .form = 1 },
		{ .day = 20260111, .id = 102, .form = 1 },
		{ .day = 20260112, .id = 103, .form = 1 },
		{ .day = 20260113, .id = 104, .form = 2 },
		{ .day = 20260210, .id = 105, .form = 1 },
	};
	struct report_spec spec = { .measure = RM_GROUP_SESSIONS,
				    .rows = RA_FORM,
				    .cols = RA_MONTH };
	struct report_table t;
	run(&spec, f, 5, true, &t);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.ncols, 2);
	assert_fig(CELL(&t, 0, 0), 3, 3);
	assert_fig(CELL(&t, 0, 1), 1, 1);
	assert_fig(CELL(&t, 1, 0), 1, 1);
	assert_fig(CELL(&t, 1, 1), 0, 0);
	assert_fig(t.row_totals[0], 4, 4);
	assert_fig(t.row_totals[1], 1, 1);
	assert_fig(t.col_totals[0], 4, 4);
	assert_fig(t.col_totals[1], 1, 1);
	assert_fig(t.total, 5, 5);
	assert_string_equal(withheld_map(&t), "...|...|...");
	assert_int_equal(t.withheld, 0);
	assert_false(t.suppressed); /* suppression is not applied to them */
}

static void test_sum_too_many_values(void **state)
{
	(void)state;
	struct report_spec spec = { .measure = RM_SERVICES, .rows = RA_ORGANISATION };
	struct report_acc *acc = report_acc_new(&spec);
	assert_non_null(acc);
	/* Ids given from the top down, so that the order is the table's work. */
	for (int64_t i = REPORT_AXIS_MAX; i >= 1; i--) {
		struct report_fact f = { .day = 20260101, .org_id = i * 3, .person_id = i };
		assert_int_equal(report_acc_add(acc, &f), 0);
	}
	/* A value already met is still taken; a new one is one too many. */
	struct report_fact f = { .day = 20260101, .org_id = 1500, .person_id = 1 };
	assert_int_equal(report_acc_add(acc, &f), 0);
	f.org_id = 1;
	assert_int_equal(report_acc_add(acc, &f), K_ETOOBIG);
	f.org_id = 0; /* "not stated" is a value too */
	assert_int_equal(report_acc_add(acc, &f), K_ETOOBIG);
	struct report_table t;
	assert_int_equal(report_acc_finish(acc, &a, false, &t), 0);
	report_acc_free(acc);
	assert_int_equal(t.nrows, REPORT_AXIS_MAX);
	for (size_t r = 0; r < t.nrows; r++)
		assert_int_equal(t.row_keys[r], (int64_t)(r + 1) * 3);
	assert_fig(CELL(&t, 0, 0), 1, 1);
	assert_fig(CELL(&t, 499, 0), 2, 2); /* org 1500: persons 500 and 1 */
	assert_fig(t.total, REPORT_AXIS_MAX + 1, REPORT_AXIS_MAX);

	/* The same on the columns, by month: 1001 months. */
	spec = (struct report_spec){ .measure = RM_SERVICES, .cols = RA_MONTH };
	acc = report_acc_new(&spec);
	assert_non_null(acc);
	int rc = 0;
	int n = 0;
	for (int y = 1900; y < 2100 && !rc; y++)
		for (int m = 1; m <= 12 && !rc; m++, n++) {
			struct report_fact g = { .day = y * 10000 + m * 100 + 1, .person_id = 1 };
			rc = report_acc_add(acc, &g);
		}
	assert_int_equal(rc, K_ETOOBIG);
	assert_int_equal(n, REPORT_AXIS_MAX + 1);
	report_acc_free(acc);
}

/* ---- suppression ---- */

/* Persons (each in one cell, distinct), rows sex 1 and 2, columns January to March:
 *
 *          Jan  Feb  Mar | all
 *   1       3   10    6  | 19
 *   2       7    8    9  | 24
 *   all    10   18   15  | 43
 *
 * 3 is withheld; its row then has one withheld figure, so its smallest other, 6, goes too;
 * the January column then holds one (3): 7 goes; March holds one (6): 9 goes. Every line
 * now holds two or none: 4 figures withheld, 10 and 8 and every total shown. */
static size_t people_in(struct report_fact *f, size_t n, int32_t day, uint8_t sex, int k,
			int64_t *next)
{
	for (int i = 0; i < k; i++)
		f[n++] = (struct report_fact){ .day = day, .sex = sex, .person_id = (*next)++ };
	return n;
}

static void test_suppress_accumulated(void **state)
{
	(void)state;
	struct report_fact f[64];
	size_t n = 0;
	int64_t next = 1;
	n = people_in(f, n, 20260105, 1, 3, &next);
	n = people_in(f, n, 20260205, 1, 10, &next);
	n = people_in(f, n, 20260305, 1, 6, &next);
	n = people_in(f, n, 20260105, 2, 7, &next);
	n = people_in(f, n, 20260205, 2, 8, &next);
	n = people_in(f, n, 20260305, 2, 9, &next);
	/* A second service of someone of the small cell: still 3 people. */
	f[n++] = (struct report_fact){ .day = 20260120, .sex = 1, .person_id = 1 };
	assert_int_equal(n, 44);

	struct report_spec spec = { .measure = RM_PERSONS, .rows = RA_SEX, .cols = RA_MONTH };
	struct report_table t;
	run(&spec, f, n, true, &t);
	assert_fig(CELL(&t, 0, 0), 3, 3);
	assert_fig(t.total, 43, 43);
	assert_true(t.suppressed);
	assert_string_equal(withheld_map(&t), "x.x.|x.x.|....");
	assert_int_equal(t.withheld, 4);
	assert_int_equal(lone_withheld(&t), 0);

	/* Services: the January cell of sex 1 is 4 records of 3 people, withheld all the
	 * same (people decide, whatever the measure). */
	spec.measure = RM_SERVICES;
	run(&spec, f, n, true, &t);
	assert_fig(CELL(&t, 0, 0), 4, 3);
	assert_true(CELL(&t, 0, 0).withheld);
	assert_string_equal(withheld_map(&t), "x.x.|x.x.|....");
	assert_int_equal(t.withheld, 4);

	/* Without suppression nothing is withheld. */
	spec.measure = RM_PERSONS;
	run(&spec, f, n, false, &t);
	assert_false(t.suppressed);
	assert_int_equal(t.withheld, 0);
	assert_string_equal(withheld_map(&t), "....|....|....");

	/* Suppression on, but nothing small: applied, nothing withheld. */
	run(&spec, f + 3, n - 4, true, &t);
	assert_fig(t.total, 40, 40);
	assert_true(t.suppressed);
	assert_int_equal(t.withheld, 0);
	assert_string_equal(withheld_map(&t), "....|....|....");
}

static void test_suppress_small_totals_accumulated(void **state)
{
	(void)state;
	/* Three people, neither axis cut: the one cell and the total are withheld. The table
	 * holds the cell, the row's and the column's totals and the grand total, all the same
	 * figure; `withheld` counts the figures a reader sees, one. */
	static const struct report_fact three[] = {
		{ .day = 20260101, .person_id = 1 },
		{ .day = 20260102, .person_id = 2 },
		{ .day = 20260103, .person_id = 3 },
	};
	struct report_spec spec = { .measure = RM_PERSONS };
	struct report_table t;
	run(&spec, three, 3, true, &t);
	assert_fig(t.total, 3, 3);
	assert_true(CELL(&t, 0, 0).withheld);
	assert_true(t.total.withheld);
	assert_string_equal(withheld_map(&t), "xx|xx");
	assert_int_equal(t.withheld, 1);
	assert_int_equal(lone_withheld(&t), 0);

	/* Five people: shown. */
	static const struct report_fact five[] = {
		{ .day = 20260101, .person_id = 1 }, { .day = 20260101, .person_id = 2 },
		{ .day = 20260101, .person_id = 3 }, { .day = 20260101, .person_id = 4 },
		{ .day = 20260101, .person_id = 5 }, { .day = 20260102, .person_id = 5 },
	};
	run(&spec, five, 6, true, &t);
	assert_fig(t.total, 5, 5);
	assert_string_equal(withheld_map(&t), "..|..");
	assert_int_equal(t.withheld, 0);
}

/*          c0  c1  c2  c3 | all
 *   r0      4   1   5   0 | 10
 *   r1      6   9   7   8 | 30
 *   all    10  10  12   8 | 40
 *
 * 4 and 1 are withheld (two in r0: no complement there); 5 and 0 are shown. Column c0 then
 * holds one withheld figure: its smallest other, 6, goes; c1 likewise: 9 goes. */
static void test_suppress_small_cells(void **state)
{
	(void)state;
	static const int64_t m[] = {
		4, 1, 5, 0, 10, 6, 9, 7, 8, 30, 10, 10, 12, 8, 40,
	};
	struct hand h;
	hand(&h, 2, 4, m, NULL);
	assert_int_equal(suppress_hand(&h), 4);
	assert_string_equal(withheld_map(&h.t), "xx...|xx...|.....");
	assert_int_equal(lone_withheld(&h.t), 0);

	/* Flags left by an earlier pass are recomputed, not kept. */
	for (size_t i = 0; i < 8; i++)
		h.cells[i].withheld = true;
	assert_int_equal(suppress_hand(&h), 4);
	assert_string_equal(withheld_map(&h.t), "xx...|xx...|.....");

	/* A zero is never the complement: r0 holds 3 alone, and its smallest other non-zero
	 * figure is 8, not the 0 beside it; then c0 gives 6 and c2 gives 9.
	 *
	 *          c0  c1  c2 | all
	 *   r0      3   0   8 | 11
	 *   r1      6   0   9 | 15
	 *   all     9   0  17 | 26
	 */
	static const int64_t z[] = { 3, 0, 8, 11, 6, 0, 9, 15, 9, 0, 17, 26 };
	hand(&h, 2, 3, z, NULL);
	assert_int_equal(suppress_hand(&h), 4);
	assert_string_equal(withheld_map(&h.t), "x.x.|x.x.|....");
	assert_int_equal(lone_withheld(&h.t), 0);
}

/*          c0  c1  c2 | all
 *   r0      6   2   9 | 17
 *   r1      7   0   8 | 15
 *   all    13   2  17 | 32
 *
 * 2 is withheld, and so is the total of c1 (2). r0 then holds one: its smallest other non-zero
 * figure, 6, goes; the totals' row holds one: 13 goes. Column c0 holds 6 and 13, column c1
 * 2 and 2: stable at 4. */
static void test_suppress_small_totals(void **state)
{
	(void)state;
	static const int64_t m[] = { 6, 2, 9, 17, 7, 0, 8, 15, 13, 2, 17, 32 };
	struct hand h;
	hand(&h, 2, 3, m, NULL);
	assert_int_equal(suppress_hand(&h), 4);
	assert_true(h.ct[1].withheld);
	assert_string_equal(withheld_map(&h.t), "xx..|....|xx..");
	assert_int_equal(lone_withheld(&h.t), 0);

	/* Everything under 5: every non-zero figure goes, the zeros stay. */
	static const int64_t s[] = { 1, 2, 3, 0, 0, 0, 1, 2, 3 };
	hand(&h, 2, 2, s, NULL);
	assert_int_equal(suppress_hand(&h), 6);
	assert_string_equal(withheld_map(&h.t), "xxx|...|xxx");
}

/*          c0  c1  c2 | all
 *   r0      2  10  20 | 32
 *   r1     30  70   8 | 108
 *   r2     50   9  60 | 119
 *   all    82  89  88 | 259
 *
 * Pass 1, rows: r0 holds 2 → 10 goes. Columns: c0 holds 2 → 30 goes; c1 holds 10 → 9 goes.
 * Pass 2, rows: r1 holds 30 → 8 goes; r2 holds 9 → 50 goes. Columns: c2 holds 8 → 20 goes.
 * Pass 3: every line holds two, three or none. 7 withheld; 70, 60 and the totals shown. */
static void test_suppress_until_stable(void **state)
{
	(void)state;
	static const int64_t m[] = {
		2, 10, 20, 32, 30, 70, 8, 108, 50, 9, 60, 119, 82, 89, 88, 259,
	};
	struct hand h;
	hand(&h, 3, 3, m, NULL);
	assert_int_equal(suppress_hand(&h), 7);
	assert_string_equal(withheld_map(&h.t), "xxx.|x.x.|xx..|....");
	assert_int_equal(lone_withheld(&h.t), 0);
	assert_false(h.cells[4].withheld);
	assert_false(h.cells[8].withheld);

	/* A pass where only the columns withhold still calls for another pass over the rows.
	 *
	 *          c0  c1  c2 | all
	 *   r0      3   2  10 | 15
	 *   r1     20  40  11 | 71
	 *   r2     30  25  12 | 67
	 *   all    53  67  33 | 153
	 *
	 * Pass 1, rows: r0 holds two, nothing to do. Columns: c0 holds 3 → 20 goes; c1 holds 2
	 * → 25 goes. Pass 2, rows: r1 holds 20 → 11 goes; r2 holds 25 → 12 goes. Then stable:
	 * 6 withheld. */
	static const int64_t k[] = {
		3, 2, 10, 15, 20, 40, 11, 71, 30, 25, 12, 67, 53, 67, 33, 153,
	};
	hand(&h, 3, 3, k, NULL);
	assert_int_equal(suppress_hand(&h), 6);
	assert_string_equal(withheld_map(&h.t), "xx..|x.x.|.xx.|....");
	assert_int_equal(lone_withheld(&h.t), 0);
}

/* Records and people differ (services): a cell of 12 records of 3 people is small; the
 * complement is the smallest figure shown, 30. With the column totals the same as the one
 * row (rows not cut), each column holds two and the row one withheld figure, until 30 goes.
 *
 *          c0       c1      | all
 *   r0     12 (3)   30 (5)  | 42 (8)
 *   all    12 (3)   30 (5)  | 42 (8)
 */
static void test_suppress_people_decide(void **state)
{
	(void)state;
	static const int64_t v[] = { 12, 30, 42, 12, 30, 42 };
	static const int64_t p[] = { 3, 5, 8, 3, 5, 8 };
	struct hand h;
	hand(&h, 1, 2, v, p);
	h.t.spec.rows = RA_NONE;
	/* Four flags, two figures a reader sees (the column totals are the cells). */
	assert_int_equal(suppress_hand(&h), 2);
	assert_string_equal(withheld_map(&h.t), "xx.|xx.");

	/* 12 records of 5 people: not small. */
	static const int64_t p5[] = { 5, 5, 10, 5, 5, 10 };
	hand(&h, 1, 2, v, p5);
	assert_int_equal(suppress_hand(&h), 0);
	assert_string_equal(withheld_map(&h.t), "...|...");
}

/* Many facts (the radix sort's path, past 65,536 keys): 90,000 services of 30,000 people,
 * each person served three times, in the month of (id % 3) + 1 and of sex (id % 2) + 1; by
 * sex × month, each cell holds 5,000 people and 15,000 services, counted the same way. */
static void test_sum_many(void **state)
{
	(void)state;
	/* Services without suppression, then people with it. */
	for (int m = 0; m < 2; m++) {
		struct report_spec spec = { .measure = m ? RM_PERSONS : RM_SERVICES,
					    .rows = RA_SEX,
					    .cols = RA_MONTH };
		struct report_acc *acc = report_acc_new(&spec);
		assert_non_null(acc);
		for (int64_t p = 1; p <= 30000; p++)
			for (int k = 0; k < 3; k++) {
				struct report_fact f = { .day = 20260000 +
								(int32_t)(p % 3 + 1) * 100 + 10 + k,
							 .person_id = p,
							 .id = p * 3 + k,
							 .sex = (uint8_t)(p % 2 + 1) };
				assert_int_equal(report_acc_add(acc, &f), 0);
			}
		struct report_table t;
		assert_int_equal(report_acc_finish(acc, &a, m == 1, &t), 0);
		report_acc_free(acc);
		int64_t per = m ? 1 : 3; /* records per person */
		assert_int_equal(t.nrows, 2);
		assert_int_equal(t.ncols, 3);
		for (size_t r = 0; r < 2; r++)
			for (size_t c = 0; c < 3; c++)
				assert_fig(CELL(&t, r, c), 5000 * per, 5000);
		assert_fig(t.total, 30000 * per, 30000);
		assert_fig(t.row_totals[0], 15000 * per, 15000);
		assert_fig(t.col_totals[2], 10000 * per, 10000);
		assert_int_equal(t.withheld, 0);
	}
}

/* ---- who ---- */

static void test_who(void **state)
{
	(void)state;
	static const struct {
		enum role role;
		bool may_read, suppresses, all_orgs;
	} cases[] = {
		{ ROLE_ADMIN, true, true, false },
		{ ROLE_SUPERVISOR, true, false, false },
		{ ROLE_SOCIAL_WORKER, false, true, false },
		{ ROLE_PSYCHOLOGIST, false, true, false },
		{ ROLE_LAWYER, false, true, false },
		{ ROLE_ANALYST, true, true, true },
	};
	assert_int_equal(sizeof cases / sizeof cases[0], ROLE_COUNT);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct actor who = { .user_id = 1, .org_id = 1, .role = cases[i].role };
		assert_int_equal(report_may_read(&who), cases[i].may_read);
		assert_int_equal(report_suppresses(&who), cases[i].suppresses);
		assert_int_equal(report_all_orgs(&who), cases[i].all_orgs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_spec_defaults),
		cmocka_unit_test(test_spec_unknown_codes),
		cmocka_unit_test(test_spec_axes_that_do_not_apply),
		cmocka_unit_test(test_spec_equal_axes),
		cmocka_unit_test(test_spec_dates),
		cmocka_unit_test(test_spec_longest_period),
		cmocka_unit_test(test_age_band),
		cmocka_unit_test(test_fact_key),
		cmocka_unit_test(test_sum_services_and_persons),
		cmocka_unit_test(test_sum_categories),
		cmocka_unit_test(test_sum_keys_in_order),
		cmocka_unit_test(test_sum_shapes),
		cmocka_unit_test(test_sum_group_sessions),
		cmocka_unit_test(test_sum_too_many_values),
		cmocka_unit_test(test_sum_many),
		cmocka_unit_test(test_suppress_accumulated),
		cmocka_unit_test(test_suppress_small_totals_accumulated),
		cmocka_unit_test(test_suppress_small_cells),
		cmocka_unit_test(test_suppress_small_totals),
		cmocka_unit_test(test_suppress_until_stable),
		cmocka_unit_test(test_suppress_people_decide),
		cmocka_unit_test(test_who),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
