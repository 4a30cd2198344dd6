/* test_labour.c: labour (domain/labour.h, store/store_labour.h): the minimum wage in force
 * across its changes, the alerts' thresholds (equal to the minimum, one tiyn below, part-time
 * pro-rating, the legal week, documents held), validation by field, matching people to
 * vacancies; and the store on a temporary SQLite file (or, with KOMEK_TEST_PG, on a new
 * database of that PostgreSQL cluster): alerts raised, kept single, corrected by an edit, the
 * minimum of an employment's own date, and the access rule on the supervisor's list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/access.h"
#include "domain/labour.h"
#include "domain/person.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_labour.h"

#include "base/banned.h"

#define TODAY "2026-11-25"

/* As the migration ships them (0025_labour.sql), in no particular order. */
static const struct minimum_wage wages[] = {
	{ "2025-01-01", 8500000, 0, 0 }, { "2026-01-01", 8500000, 0, 0 },
	{ "2019-01-01", 4250000, 0, 0 }, { "2022-01-01", 6000000, 0, 0 },
	{ "2023-01-01", 7000000, 0, 0 }, { "2024-01-01", 8500000, 0, 0 },
};
static const struct labour_rule rules[] = { { "2016-01-01", 40 } };

static int64_t minimum_on(const char *date)
{
	const struct minimum_wage *m = minimum_wage_on(wages, ARRAY_SIZE(wages), date);
	return m ? m->amount : 0;
}

/* ---- the pure rules ---- */

static void test_minimum_wage_on(void **state)
{
	(void)state;
	static const struct {
		const char *date;
		int64_t amount;
	} cases[] = {
		{ "2018-12-31", 0 },       { "2019-01-01", 4250000 }, { "2021-12-31", 4250000 },
		{ "2022-01-01", 6000000 }, { "2022-12-31", 6000000 }, { "2023-01-01", 7000000 },
		{ "2023-01-02", 7000000 }, { "2023-12-31", 7000000 }, { "2024-01-01", 8500000 },
		{ "2024-01-02", 8500000 }, { "2026-11-25", 8500000 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++)
		assert_int_equal(minimum_on(cases[i].date), cases[i].amount);
	assert_null(minimum_wage_on(wages, ARRAY_SIZE(wages), "2018-12-31"));
	assert_string_equal(minimum_wage_on(wages, ARRAY_SIZE(wages), "2025-06-30")->valid_from,
			    "2025-01-01");
	assert_null(minimum_wage_on(NULL, 0, "2025-06-30"));
	assert_int_equal(legal_week_on(rules, ARRAY_SIZE(rules), "2015-12-31"), 0);
	assert_int_equal(legal_week_on(rules, ARRAY_SIZE(rules), "2016-01-01"), 40);
	assert_int_equal(legal_week_on(rules, ARRAY_SIZE(rules), "2026-11-25"), 40);
}

/* The kinds employment_alerts finds, joined by spaces ("" for none). */
static const char *kinds(struct arena *a, int64_t wage, int64_t hours, const char *holder,
			 int64_t min_wage, int week)
{
	struct employment e = { .wage = wage,
				.hours_per_week = hours,
				.documents_held_by = holder };
	struct labour_finding f[LABOUR_ALERT_KINDS];
	size_t n = employment_alerts(a, &e, min_wage, week, f);
	const char *out = "";
	for (size_t i = 0; i < n; i++) {
		assert_non_null(f[i].detail);
		out = arena_printf(a, "%s%s%s", out, *out ? " " : "", f[i].kind);
	}
	return out;
}

static void test_alert_thresholds(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	static const struct {
		int64_t wage, hours;
		const char *holder;
		int64_t min_wage;
		int week;
		const char *kinds;
	} cases[] = {
		/* Full time: equal to the minimum raises nothing, one tiyn below does. */
		{ 8500000, 40, "worker", 8500000, 40, "" },
		{ 8499999, 40, "worker", 8500000, 40, "below_minimum_wage" },
		{ 9000000, 40, "worker", 8500000, 40, "" },
		{ 0, 40, "worker", 8500000, 40, "below_minimum_wage" },
		/* Part time: 20 hours owe half the minimum. */
		{ 4250000, 20, "worker", 8500000, 40, "" },
		{ 4249999, 20, "worker", 8500000, 40, "below_minimum_wage" },
		{ 212500, 1, "worker", 8500000, 40, "" },
		{ 212499, 1, "worker", 8500000, 40, "below_minimum_wage" },
		/* Rounded down: 8,500,001 × 20 / 40 = 4,250,000.5. */
		{ 4250000, 20, "worker", 8500001, 40, "" },
		{ 4249999, 20, "worker", 8500001, 40, "below_minimum_wage" },
		/* The legal week: 40 is lawful, 41 is not; overtime does not raise the minimum. */
		{ 8500000, 41, "worker", 8500000, 40, "excessive_hours" },
		{ 8499999, 60, "worker", 8500000, 40, "below_minimum_wage excessive_hours" },
		/* Documents: the employer or an agency holding them. */
		{ 8500000, 40, "employer", 8500000, 40, "documents_held" },
		{ 8500000, 40, "agency", 8500000, 40, "documents_held" },
		{ 8500000, 40, "other", 8500000, 40, "" },
		{ 8500000, 40, "unknown", 8500000, 40, "" },
		{ 1, 80, "agency", 8500000, 40,
		  "below_minimum_wage excessive_hours documents_held" },
		/* No minimum in force, or no legal week: those rules are not decided. */
		{ 1, 40, "worker", 0, 40, "" },
		{ 1, 80, "worker", 8500000, 0, "" },
		{ 1, 80, "employer", 0, 0, "documents_held" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = kinds(&a, cases[i].wage, cases[i].hours, cases[i].holder,
					cases[i].min_wage, cases[i].week);
		if (strcmp(got, cases[i].kinds) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, got, cases[i].kinds);
	}
	assert_int_equal(labour_wage_threshold(8500000, 20, 40), 4250000);
	assert_int_equal(labour_wage_threshold(8500000, 41, 40), 8500000);
	assert_int_equal(labour_wage_threshold(8500001, 20, 40), 4250000);
	assert_int_equal(labour_wage_threshold(8500000, 30, 0), 8500000);

	/* The figures, never a decision in words. */
	struct employment e = { .wage = 8499999,
				.hours_per_week = 45,
				.documents_held_by = "agency" };
	struct labour_finding f[LABOUR_ALERT_KINDS];
	assert_int_equal(employment_alerts(&a, &e, 8500000, 40, f), 3);
	assert_string_equal(
	    f[0].detail, "wage=8499999 minimum=8500000 threshold=8500000 hours=45 legal_week=40");
	assert_string_equal(f[1].detail, "hours=45 legal_week=40");
	assert_string_equal(f[2].detail, "documents_held_by=agency");
	arena_release(&a);
}

/* The same wage across a change of the minimum: the minimum of the employment's own date. */
static void test_alerts_across_a_change(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	static const struct {
		const char *started_on;
		int64_t wage;
		const char *kinds;
	} cases[] = {
		{ "2022-12-31", 6500000, "" },
		{ "2023-01-01", 6500000, "below_minimum_wage" },
		{ "2023-01-01", 7000000, "" },
		{ "2023-06-01", 6999999, "below_minimum_wage" },
		{ "2023-12-31", 7000000, "" },
		{ "2024-01-01", 7000000, "below_minimum_wage" },
		{ "2024-01-01", 8500000, "" },
		{ "2018-06-01", 1000000, "" }, /* before the table: not decided */
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		int week = legal_week_on(rules, ARRAY_SIZE(rules), cases[i].started_on);
		const char *got =
		    kinds(&a, cases[i].wage, 40, "worker", minimum_on(cases[i].started_on), week);
		if (strcmp(got, cases[i].kinds) != 0)
			fail_msg("case %zu: \"%s\", want \"%s\"", i, got, cases[i].kinds);
	}
	arena_release(&a);
}

/* ---- validation ---- */

static void expect_field(int rc, const struct field_errors *e, const char *field)
{
	assert_int_equal(rc, K_EINVAL);
	if (!field_error_for(e, field))
		fail_msg("no error on %s (first: %s)", field, e->n ? e->e[0].field : "none");
}

static struct employment good_employment(void)
{
	return (struct employment){ .person_id = 1,
				    .employer_name = " ТОО Құрылыс ",
				    .job_title = "бетонщик",
				    .occupation = "71",
				    .region = "KZ-75",
				    .wage = 8500000,
				    .hours_per_week = 40,
				    .started_on = "2026-03-01",
				    .contract = "oral",
				    .documents_held_by = "employer" };
}

static void test_validation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct field_errors e;

	/* Employment. */
	struct employment x = good_employment();
	e = (struct field_errors){ 0 };
	assert_int_equal(employment_validate(&a, &x, TODAY, &e), 0);
	assert_string_equal(x.employer_name, "ТОО Құрылыс");
	struct employment empty = { 0 };
	e = (struct field_errors){ 0 };
	int rc = employment_validate(&a, &empty, TODAY, &e);
	static const char *const required[] = { "person_id",        "employer_id", "job_title",
						"hours_per_week",   "started_on",  "contract",
						"documents_held_by" };
	for (size_t i = 0; i < ARRAY_SIZE(required); i++)
		expect_field(rc, &e, required[i]);
	assert_null(field_error_for(&e, "wage")); /* 0 is a wage: unpaid work */
	x = good_employment(), x.wage = -1;
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "wage");
	x = good_employment(), x.hours_per_week = 169;
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "hours_per_week");
	x = good_employment(), x.hours_per_week = 168;
	e = (struct field_errors){ 0 };
	assert_int_equal(employment_validate(&a, &x, TODAY, &e), 0);
	x = good_employment(), x.started_on = "2026-11-26";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "started_on");
	x = good_employment(), x.started_on = "2026-02-30";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "started_on");
	x = good_employment(), x.ended_on = "2026-02-28";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "ended_on");
	x = good_employment(), x.ended_on = "2027-03-01"; /* a fixed-term contract's end */
	e = (struct field_errors){ 0 };
	assert_int_equal(employment_validate(&a, &x, TODAY, &e), 0);
	x = good_employment(), x.occupation = "99";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "occupation");
	x = good_employment(), x.region = "KZ-99";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "region");
	x = good_employment(), x.contract = "handshake";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "contract");
	x = good_employment(), x.documents_held_by = "police";
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "documents_held_by");
	x = good_employment(), x.employer_name = "  ", x.employer_id = 0;
	e = (struct field_errors){ 0 };
	expect_field(employment_validate(&a, &x, TODAY, &e), &e, "employer_id");
	x = good_employment(), x.employer_name = NULL, x.employer_id = 7;
	e = (struct field_errors){ 0 };
	assert_int_equal(employment_validate(&a, &x, TODAY, &e), 0);

	/* Employer: a BIN of 12 digits with its check digit. */
	assert_true(labour_bin_valid("971240001315"));
	assert_true(labour_bin_valid("940140000385"));
	assert_false(labour_bin_valid("971240001316"));
	assert_false(labour_bin_valid("97124000131"));
	assert_false(labour_bin_valid("97124000131a"));
	struct employer r = { .name = " ТОО Құрылыс ", .bin = "971240001315", .region = "KZ-ALA" };
	e = (struct field_errors){ 0 };
	assert_int_equal(employer_validate(&a, &r, &e), 0);
	assert_string_equal(r.name, "ТОО Құрылыс");
	assert_string_equal(r.region, ref_region_canonical("KZ-ALA"));
	r = (struct employer){ .bin = "12345" };
	e = (struct field_errors){ 0 };
	rc = employer_validate(&a, &r, &e);
	expect_field(rc, &e, "name");
	expect_field(rc, &e, "bin");
	r = (struct employer){ .name = "X", .bin = "971240001316", .phone = "12" };
	e = (struct field_errors){ 0 };
	rc = employer_validate(&a, &r, &e);
	expect_field(rc, &e, "bin");
	expect_field(rc, &e, "phone");

	/* Vacancy. */
	struct vacancy v = { .employer_id = 1,
			     .title = "Бетонщик",
			     .occupation = "71",
			     .region = "KZ-75",
			     .languages = "RU, kk ru",
			     .places = 3 };
	e = (struct field_errors){ 0 };
	assert_int_equal(vacancy_validate(&a, &v, TODAY, &e), 0);
	assert_string_equal(v.languages, "ru kk");
	assert_string_equal(v.status, "open");
	assert_string_equal(v.opened_on, TODAY);
	struct vacancy bad_v = { .languages = "xx1",
				 .closes_on = "2026-01-01",
				 .opened_on = "2026-02-01",
				 .hours_per_week = 200,
				 .wage = -5,
				 .status = "paused" };
	e = (struct field_errors){ 0 };
	rc = vacancy_validate(&a, &bad_v, TODAY, &e);
	static const char *const vfields[] = { "employer_id", "title",          "occupation",
					       "region",      "languages",      "places",
					       "closes_on",   "hours_per_week", "wage",
					       "status" };
	for (size_t i = 0; i < ARRAY_SIZE(vfields); i++)
		expect_field(rc, &e, vfields[i]);

	/* Skills, education, work history. */
	struct person_skill s = { .person_id = 1,
				  .kind = "education",
				  .level = "6",
				  .title = "инженер-строитель",
				  .from_year = 2001,
				  .to_year = 2005 };
	e = (struct field_errors){ 0 };
	assert_int_equal(person_skill_validate(&a, &s, TODAY, &e), 0);
	s = (struct person_skill){ .person_id = 1, .kind = "skill", .level = "6", .title = "x" };
	e = (struct field_errors){ 0 };
	expect_field(person_skill_validate(&a, &s, TODAY, &e), &e, "level");
	s = (struct person_skill){
		.person_id = 1, .kind = "education", .level = "9", .title = "x"
	};
	e = (struct field_errors){ 0 };
	expect_field(person_skill_validate(&a, &s, TODAY, &e), &e, "level");
	s = (struct person_skill){
		.person_id = 1, .kind = "education", .occupation = "71", .title = "x"
	};
	e = (struct field_errors){ 0 };
	expect_field(person_skill_validate(&a, &s, TODAY, &e), &e, "occupation");
	s = (struct person_skill){ .person_id = 1,
				   .kind = "work",
				   .occupation = "72",
				   .title = "x",
				   .from_year = 2010,
				   .to_year = 2009 };
	e = (struct field_errors){ 0 };
	expect_field(person_skill_validate(&a, &s, TODAY, &e), &e, "to_year");
	s = (struct person_skill){
		.person_id = 1, .kind = "work", .title = "x", .from_year = 1899, .to_year = 2027
	};
	e = (struct field_errors){ 0 };
	rc = person_skill_validate(&a, &s, TODAY, &e);
	expect_field(rc, &e, "from_year");
	expect_field(rc, &e, "to_year");
	s = (struct person_skill){ .kind = "hobby" };
	e = (struct field_errors){ 0 };
	rc = person_skill_validate(&a, &s, TODAY, &e);
	expect_field(rc, &e, "person_id");
	expect_field(rc, &e, "kind");
	expect_field(rc, &e, "title");

	/* The minimum wage; a resolution. */
	struct minimum_wage m = { .valid_from = "2027-01-01", .amount = 9000000 };
	e = (struct field_errors){ 0 };
	assert_int_equal(minimum_wage_validate(&a, &m, &e), 0);
	m = (struct minimum_wage){ .valid_from = "2027-13-01", .amount = 0 };
	e = (struct field_errors){ 0 };
	rc = minimum_wage_validate(&a, &m, &e);
	expect_field(rc, &e, "valid_from");
	expect_field(rc, &e, "amount");
	const char *note = "  ";
	e = (struct field_errors){ 0 };
	expect_field(labour_resolution_validate(&a, &note, &e), &e, "resolution");
	arena_release(&a);
}

/* ---- matching ---- */

static void test_matching(void **state)
{
	(void)state;
	int total = 0;
	for (size_t i = 0; i < LABOUR_MATCH_WEIGHTS_N; i++)
		total += labour_match_weights[i].points;
	assert_int_equal(total, 140); /* the exclusive pairs: at most 40 + 40 + 20 */
	struct vacancy v = { .occupation = "71", .region = "KZ-75", .languages = "ru" };
	struct person p = { .region = "KZ-75", .lang_ru = "fluent" };
	struct person_skill same = { .kind = "work", .occupation = "71", .title = "x" };
	struct person_skill near = { .kind = "skill", .occupation = "72", .title = "x" };
	struct person_skill far = { .kind = "skill", .occupation = "52", .title = "x" };
	struct person_skill school = { .kind = "education", .level = "3", .title = "x" };
	unsigned r = 0;

	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 100);
	assert_int_equal(r, LABOUR_MATCH_REGION | LABOUR_MATCH_OCCUPATION | LABOUR_MATCH_LANGUAGES);
	struct person_skill both[] = { near, same };
	assert_int_equal(vacancy_match(&v, &p, both, 2, &r), 100);
	assert_int_equal(r & LABOUR_MATCH_OCCUPATION_GROUP, 0);
	assert_int_equal(vacancy_match(&v, &p, &near, 1, &r), 80);
	assert_int_equal(r, LABOUR_MATCH_REGION | LABOUR_MATCH_OCCUPATION_GROUP |
				LABOUR_MATCH_LANGUAGES);
	assert_int_equal(vacancy_match(&v, &p, &far, 1, &r), 60);
	assert_int_equal(vacancy_match(&v, &p, &school, 1, &r), 60);
	assert_int_equal(vacancy_match(&v, &p, NULL, 0, NULL), 60);

	/* Another region: nothing for it, unless housing is offered. */
	p.region = "KZ-11";
	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 60);
	assert_int_equal(r, LABOUR_MATCH_OCCUPATION | LABOUR_MATCH_LANGUAGES);
	v.housing = true;
	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 80);
	assert_int_equal(r,
			 LABOUR_MATCH_HOUSING | LABOUR_MATCH_OCCUPATION | LABOUR_MATCH_LANGUAGES);

	/* Languages: every one required; Kazakh and Russian from an intermediate level. */
	v = (struct vacancy){ .occupation = "71", .region = "KZ-75", .languages = "kk ru" };
	p = (struct person){ .region = "KZ-75", .lang_ru = "native", .lang_kk = "basic" };
	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 80);
	assert_int_equal(r & LABOUR_MATCH_LANGUAGES, 0);
	p.lang_kk = "intermediate";
	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 100);
	p = (struct person){ .region = "KZ-75", .languages = "uz kk ru" };
	assert_int_equal(vacancy_match(&v, &p, &same, 1, &r), 100);
	assert_true(labour_speaks(&p, "uz"));
	assert_false(labour_speaks(&p, "u"));
	assert_false(labour_speaks(&p, "zh"));
	v.languages = NULL; /* none required */
	p = (struct person){ 0 };
	assert_int_equal(vacancy_match(&v, &p, NULL, 0, &r), 20);
	assert_int_equal(r, LABOUR_MATCH_LANGUAGES);
}

/* ---- the reference lists ---- */

static void check_items(const struct ref_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_non_null(items[i].code);
		assert_true(items[i].kk && *items[i].kk);
		assert_true(items[i].ru && *items[i].ru);
		assert_true(items[i].en && *items[i].en);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(items[i].code, items[j].code);
	}
}

static void test_reference_lists(void **state)
{
	(void)state;
	check_items(labour_occupations, LABOUR_OCCUPATIONS_N);
	check_items(labour_contracts, LABOUR_CONTRACTS_N);
	check_items(labour_document_holders, LABOUR_DOCUMENT_HOLDERS_N);
	check_items(labour_alert_kinds, LABOUR_ALERT_KINDS_N);
	check_items(education_levels, EDUCATION_LEVELS_N);
	check_items(labour_skill_kinds, LABOUR_SKILL_KINDS_N);
	check_items(vacancy_statuses, VACANCY_STATUSES_N);
	/* ISCO-08: 43 sub-major groups in code order, ten major groups 0..9. */
	int per_major[10] = { 0 };
	for (size_t i = 0; i < LABOUR_OCCUPATIONS_N; i++) {
		const char *code = labour_occupations[i].code;
		assert_int_equal(strlen(code), 2);
		assert_true(code[0] >= '0' && code[0] <= '9' && code[1] >= '1' && code[1] <= '9');
		if (i)
			assert_true(strcmp(labour_occupations[i - 1].code, code) < 0);
		per_major[code[0] - '0']++;
		assert_true(labour_occupation_valid(code));
	}
	static const int want[10] = { 3, 4, 6, 5, 4, 4, 3, 5, 3, 6 };
	for (int i = 0; i < 10; i++)
		assert_int_equal(per_major[i], want[i]);
	assert_false(labour_occupation_valid("1"));
	assert_false(labour_occupation_valid("04"));
	assert_false(labour_occupation_valid(NULL));
	for (size_t i = 0; i < EDUCATION_LEVELS_N; i++)
		assert_int_equal(education_levels[i].code[0], (char)('0' + i));
	assert_string_equal(labour_alert_kinds[0].code, "below_minimum_wage");
	assert_string_equal(labour_alert_kinds[1].code, "excessive_hours");
	assert_string_equal(labour_alert_kinds[2].code, "documents_held");
}

static void test_who_may(void **state)
{
	(void)state;
	static const struct {
		enum role role;
		bool read, write, rates;
	} cases[] = {
		{ ROLE_ADMIN, true, false, true },
		{ ROLE_SUPERVISOR, true, true, false },
		{ ROLE_SOCIAL_WORKER, true, true, false },
		{ ROLE_PSYCHOLOGIST, true, false, false },
		{ ROLE_LAWYER, true, true, false },
		{ ROLE_ANALYST, false, false, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct actor who = { .role = cases[i].role };
		assert_int_equal(labour_may_read(&who), cases[i].read);
		assert_int_equal(labour_may_write(&who), cases[i].write);
		assert_int_equal(labour_may_keep_rates(&who), cases[i].rates);
	}
}

/* ---- the store ---- */

struct fixture {
	char dir[64], path[128];
	char pg_name[48]; /* on PostgreSQL: the test's database */
	struct db *admin_db;
	struct dbconn *admin_c;
	struct db *db;
	struct dbconn *c;
	struct arena a;
	int64_t org_a, org_b;
	struct actor sup, w1, w2, lawyer, admin, sup_b;
};

static const char *pg_url(void)
{
	const char *u = getenv("KOMEK_TEST_PG");
	return u && *u ? u : NULL;
}

static void add_user(struct fixture *f, int64_t org, const char *login, enum role role,
		     struct actor *out)
{
	int64_t id = 0;
	assert_int_equal(
	    store_user_add(f->c, org, login, "hash", role_code(role), login, "en", &id), 0);
	*out = (struct actor){ .user_id = id,
			       .org_id = org,
			       .role = role,
			       .login = login,
			       .full_name = login,
			       .lang = "en",
			       .addr = "127.0.0.1" };
}

static int open_db(struct fixture *f)
{
	static int seq;
	if (pg_url()) {
		char sql[96], target[512];
		snprintf(f->pg_name, sizeof(f->pg_name), "klab_%d_%d", (int)getpid(), ++seq);
		if (db_open(pg_url(), 1, &f->admin_db))
			return -1;
		f->admin_c = db_acquire(f->admin_db);
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->pg_name);
		if (db_exec_script(f->admin_c, sql))
			return -1;
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->pg_name);
		if (db_exec_script(f->admin_c, sql))
			return -1;
		const char *slash = strrchr(pg_url(), '/');
		snprintf(target, sizeof(target), "%.*s/%s", (int)(slash - pg_url()), pg_url(),
			 f->pg_name);
		return db_open(target, 2, &f->db);
	}
	snprintf(f->dir, sizeof(f->dir), "/tmp/komek-test-labour-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/komek.db", f->dir);
	return db_open(f->path, 2, &f->db);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int applied = 0;
	if (!f)
		return -1;
	if (open_db(f) || store_migrate(f->db, &applied)) {
		free(f);
		return -1;
	}
	arena_init(&f->a);
	f->c = db_acquire(f->db);
	*state = f;
	assert_int_equal(store_org_add(f->c, "Org A", &f->org_a), 0);
	assert_int_equal(store_org_add(f->c, "Org B", &f->org_b), 0);
	add_user(f, f->org_a, "sup", ROLE_SUPERVISOR, &f->sup);
	add_user(f, f->org_a, "w1", ROLE_SOCIAL_WORKER, &f->w1);
	add_user(f, f->org_a, "w2", ROLE_SOCIAL_WORKER, &f->w2);
	add_user(f, f->org_a, "lawyer", ROLE_LAWYER, &f->lawyer);
	add_user(f, f->org_a, "admin", ROLE_ADMIN, &f->admin);
	add_user(f, f->org_b, "sup_b", ROLE_SUPERVISOR, &f->sup_b);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->db) {
		db_release(f->db, f->c);
		db_close(f->db);
	}
	arena_release(&f->a);
	if (f->admin_db) {
		char sql[96];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->pg_name);
		db_exec_script(f->admin_c, sql);
		db_release(f->admin_db, f->admin_c);
		db_close(f->admin_db);
	} else {
		static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
		static const char *const files[] = { "komek.db", "komek.viewlog.db" };
		char p[200];
		for (size_t j = 0; j < ARRAY_SIZE(files); j++)
			for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
				snprintf(p, sizeof(p), "%s/%s%s", f->dir, files[j], suffixes[i]);
				unlink(p);
			}
		rmdir(f->dir);
	}
	free(f);
	return 0;
}

static int64_t person(struct fixture *f, const struct actor *who, const char *family,
		      const char *region, const char *category)
{
	struct person p = { .family_name = family,
			    .given_name = "Test",
			    .sex = "female",
			    .birth_date = "1990-01-01",
			    .region = region,
			    .lang_ru = "fluent" };
	if (category)
		p.categories[p.ncategories++] = category;
	struct field_errors e = { 0 };
	assert_int_equal(person_validate(&f->a, &p, TODAY, &e), 0);
	assert_int_equal(store_begin(f->c), 0);
	assert_int_equal(store_person_insert(f->c, &f->a, who, &p), 0);
	assert_int_equal(store_commit(f->c), 0);
	return p.id;
}

static int64_t employer(struct fixture *f, const struct actor *who, const char *name)
{
	struct employer r = { .name = name, .region = "KZ-75", .active = true };
	struct field_errors e = { 0 };
	assert_int_equal(employer_validate(&f->a, &r, &e), 0);
	assert_int_equal(store_employer_save(f->c, who, &r), 0);
	return r.id;
}

static int save(struct fixture *f, const struct actor *who, struct employment *x,
		struct field_errors *e)
{
	*e = (struct field_errors){ 0 };
	int rc = employment_validate(&f->a, x, TODAY, e);
	return rc ? rc : store_employment_save(f->c, &f->a, who, x, TODAY, e);
}

static struct labour_alert *alerts(struct fixture *f, const struct actor *who, bool open_only,
				   int64_t employment_id, size_t *n)
{
	struct labour_alert *rows = NULL;
	struct labour_alert_filter flt = { .open_only = open_only, .employment_id = employment_id };
	assert_int_equal(store_labour_alerts(f->c, &f->a, who, &flt, &rows, n), 0);
	return rows;
}

static int64_t count(struct fixture *f, const char *sql)
{
	struct dbstmt *s = db_prep(f->c, sql);
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

static const char SQL_AUDIT_WAGES[] =
    "SELECT COUNT(*) FROM audit WHERE detail LIKE '%8499999%' OR detail LIKE '%8500000%'";
static const char SQL_AUDIT_FIELDS[] =
    "SELECT COUNT(*) FROM audit WHERE action = 'employment.update' AND detail LIKE '%: wage note'";
static const char SQL_AUDIT_ALERTS[] =
    "SELECT COUNT(*) FROM audit WHERE action IN ('labour.alert', 'labour.alert_corrected')";
static const char SQL_SEEDED[] =
    "SELECT COUNT(*) FROM minimum_wages WHERE (valid_from = '2022-01-01' AND amount = 6000000)"
    " OR (valid_from = '2023-01-01' AND amount = 7000000) OR (valid_from = '2024-01-01' AND"
    " amount = 8500000) OR (valid_from = '2025-01-01' AND amount = 8500000) OR (valid_from ="
    " '2026-01-01' AND amount = 8500000)";

static void test_store_alerts(void **state)
{
	struct fixture *f = *state;
	struct field_errors e;
	size_t n;
	assert_int_equal(count(f, SQL_SEEDED), 5);
	int64_t pid = person(f, &f->w1, "Әлиева", "KZ-75", NULL);
	int64_t rid = employer(f, &f->w1, "ТОО Құрылыс");

	/* Below the minimum of 2025: exactly one open alert of that kind. */
	struct employment x = good_employment();
	x.person_id = pid;
	x.employer_id = rid;
	x.employer_name = NULL;
	x.documents_held_by = "worker";
	x.started_on = "2025-03-01";
	x.wage = 8499999;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	struct labour_alert *rows = alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].kind, "below_minimum_wage");
	assert_string_equal(rows[0].raised_on, TODAY);
	assert_string_equal(rows[0].employer, "ТОО Құрылыс");
	assert_non_null(strstr(rows[0].detail, "minimum=8500000"));
	struct employment got;
	assert_int_equal(store_employment_get(f->c, &f->a, &f->w1, x.id, &got), 0);
	assert_int_equal(got.open_alerts, 1);
	assert_string_equal(got.employer, "ТОО Құрылыс");

	/* Saved again, still below: still one, its figures current. */
	x.wage = 8000000;
	x.note = "paid in cash";
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	rows = alerts(f, &f->sup, false, x.id, &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(rows[0].detail, "wage=8000000"));
	assert_int_equal(count(f, SQL_AUDIT_FIELDS), 1); /* the names of the fields changed */
	/* A stale version changes nothing. */
	struct employment stale = x;
	stale.version = 1;
	stale.wage = 8500000;
	assert_int_equal(save(f, &f->w1, &stale, &e), K_ECONFLICT);
	assert_int_equal(alerts(f, &f->sup, true, x.id, &n) != NULL, 1);
	assert_int_equal(n, 1);

	/* Paid the minimum: the alert is corrected. */
	x.wage = 8500000;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 0);
	rows = alerts(f, &f->sup, false, x.id, &n);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].resolution, "corrected");
	assert_string_equal(rows[0].resolved_on, TODAY);
	assert_int_equal(rows[0].resolved_by, f->w1.user_id);

	/* Documents taken by the employer and 48 hours: two new alerts; below again: a new one,
	 * beside the corrected one. */
	x.documents_held_by = "employer";
	x.hours_per_week = 48;
	x.wage = 8499999;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 3);
	alerts(f, &f->sup, false, x.id, &n);
	assert_int_equal(n, 4);
	assert_int_equal(count(f, SQL_AUDIT_ALERTS), 5);
	/* The audit names fields and kinds, never a wage. */
	assert_int_equal(count(f, SQL_AUDIT_WAGES), 0);

	/* Resolved by hand, with a note; not twice. */
	rows = alerts(f, &f->sup, true, x.id, &n);
	int64_t docs = 0;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].kind, "documents_held") == 0)
			docs = rows[i].id;
	assert_true(docs > 0);
	assert_int_equal(store_labour_alert_resolve(f->c, &f->a, &f->sup, docs, " ", TODAY, &e),
			 K_EINVAL);
	assert_non_null(field_error_for(&e, "resolution"));
	e = (struct field_errors){ 0 };
	assert_int_equal(store_labour_alert_resolve(f->c, &f->a, &f->sup, docs,
						    "Referred to the labour inspectorate.", TODAY,
						    &e),
			 0);
	assert_int_equal(store_labour_alert_resolve(f->c, &f->a, &f->sup, docs, "again", TODAY, &e),
			 K_ECONFLICT);
	alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 2);
	/* Saved again with the same figures, the condition a worker resolved by hand stays
	 * resolved; when its figures change (an agency holds them now), it is raised anew. */
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 2);
	x.documents_held_by = "agency";
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 3);

	/* Another organisation sees none of it. */
	alerts(f, &f->sup_b, false, 0, &n);
	assert_int_equal(n, 0);
	assert_int_equal(store_employment_get(f->c, &f->a, &f->sup_b, x.id, &got), K_ENOTFOUND);
}

/* An employment of 2023-06-01 is measured against 70,000 KZT, across the change of 2024. */
static void test_store_dates(void **state)
{
	struct fixture *f = *state;
	struct field_errors e;
	size_t n;
	int64_t pid = person(f, &f->w1, "Бекова", "KZ-75", NULL);
	static const struct {
		const char *started_on;
		int64_t wage;
		size_t alerts;
		const char *minimum;
	} cases[] = {
		{ "2023-06-01", 7000000, 0, NULL }, { "2023-06-01", 6999999, 1, "minimum=7000000" },
		{ "2022-12-31", 6500000, 0, NULL }, { "2023-01-01", 6500000, 1, "minimum=7000000" },
		{ "2023-12-31", 7000000, 0, NULL }, { "2024-01-01", 7000000, 1, "minimum=8500000" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct employment x = good_employment();
		x.person_id = pid;
		x.documents_held_by = "worker";
		x.started_on = cases[i].started_on;
		x.wage = cases[i].wage;
		assert_int_equal(save(f, &f->w1, &x, &e), 0);
		struct labour_alert *rows = alerts(f, &f->w1, true, x.id, &n);
		if (n != cases[i].alerts)
			fail_msg("case %zu: %zu alerts, want %zu", i, n, cases[i].alerts);
		if (cases[i].minimum)
			assert_non_null(strstr(rows[0].detail, cases[i].minimum));
	}

	/* Moving the start across the change decides again. */
	struct employment x = good_employment();
	x.person_id = pid;
	x.documents_held_by = "worker";
	x.started_on = "2023-12-31";
	x.wage = 7000000;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->w1, true, x.id, &n);
	assert_int_equal(n, 0);
	x.started_on = "2024-01-01";
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	alerts(f, &f->w1, true, x.id, &n);
	assert_int_equal(n, 1);

	/* The administrator's table: a corrected minimum for 2023, then the organisation's
	 * employments decided again. */
	struct minimum_wage m = { .valid_from = "2023-01-01", .amount = 6500000 };
	assert_int_equal(minimum_wage_validate(&f->a, &m, &e), 0);
	assert_int_equal(store_minimum_wage_set(f->c, &f->admin, &m), 0);
	struct minimum_wage *table;
	size_t nt;
	assert_int_equal(store_minimum_wages(f->c, &f->a, &table, &nt), 0);
	assert_int_equal(nt, 6);
	assert_int_equal(minimum_wage_on(table, nt, "2023-06-01")->amount, 6500000);
	assert_int_equal(minimum_wage_on(table, nt, "2023-06-01")->set_by, f->admin.user_id);
	int64_t changed = 0;
	assert_int_equal(store_labour_recheck(f->c, &f->a, &f->admin, TODAY, &changed), 0);
	assert_int_equal(changed, 2); /* 2023-06-01 at 69,999.99 and 2023-01-01 at 65,000 */
	alerts(f, &f->w1, true, 0, &n);
	assert_int_equal(n, 2); /* the two of 2024 */
	assert_int_equal(store_labour_recheck(f->c, &f->a, &f->admin, TODAY, &changed), 0);
	assert_int_equal(changed, 0);
}

/* A restricted person's alert: the supervisor's list and the worker assigned, never an
 * unassigned worker. */
static void test_store_visibility(void **state)
{
	struct fixture *f = *state;
	struct field_errors e;
	size_t n;
	int64_t open_id = person(f, &f->w1, "Ашық", "KZ-75", NULL);
	int64_t secret = person(f, &f->w1, "Құпия", "KZ-75", "trafficking_victim");
	struct employment x = good_employment(), y = good_employment();
	x.person_id = secret;
	y.person_id = open_id;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	assert_int_equal(save(f, &f->w1, &y, &e), 0);

	struct labour_alert *rows = alerts(f, &f->sup, true, 0, &n);
	assert_int_equal(n, 2);
	bool seen = false;
	for (size_t i = 0; i < n; i++)
		if (rows[i].person_id == secret) {
			seen = true;
			assert_true(rows[i].restricted);
			assert_string_equal(rows[i].family_name, "Құпия");
		}
	assert_true(seen);
	rows = alerts(f, &f->w1, true, 0, &n);
	assert_int_equal(n, 2);
	rows = alerts(f, &f->w2, true, 0, &n);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].person_id, open_id);
	struct labour_alert_filter by_person = { .person_id = secret };
	assert_int_equal(store_labour_alerts(f->c, &f->a, &f->w2, &by_person, &rows, &n), 0);
	assert_int_equal(n, 0);

	/* Nor by id, an employment or an alert. */
	struct employment got;
	struct labour_alert one;
	assert_int_equal(store_employment_get(f->c, &f->a, &f->w2, x.id, &got), K_ENOTFOUND);
	assert_int_equal(store_employment_get(f->c, &f->a, &f->w1, x.id, &got), 0);
	rows = alerts(f, &f->sup, true, x.id, &n);
	assert_int_equal(n, 1);
	int64_t aid = rows[0].id;
	assert_int_equal(store_labour_alert_get(f->c, &f->a, &f->w2, aid, &one), K_ENOTFOUND);
	e = (struct field_errors){ 0 };
	assert_int_equal(store_labour_alert_resolve(f->c, &f->a, &f->w2, aid, "seen", TODAY, &e),
			 K_ENOTFOUND);
	assert_int_equal(store_labour_alert_get(f->c, &f->a, &f->sup, aid, &one), 0);

	/* Assigned, the worker sees it. */
	assert_int_equal(store_person_assign(f->c, &f->sup, secret, f->w2.user_id), 0);
	alerts(f, &f->w2, true, 0, &n);
	assert_int_equal(n, 2);
	alerts(f, &f->sup_b, true, 0, &n);
	assert_int_equal(n, 0);
}

/* An employment's references are the organisation's and the person's. */
static void test_store_references(void **state)
{
	struct fixture *f = *state;
	struct field_errors e;
	int64_t pid = person(f, &f->w1, "Серікова", "KZ-75", NULL);
	int64_t other = person(f, &f->w1, "Басқа", "KZ-75", NULL);
	int64_t mine = employer(f, &f->w1, "ТОО Бір");
	int64_t second = employer(f, &f->w1, "ТОО Екі");
	int64_t theirs = employer(f, &f->sup_b, "ТОО Басқа");

	struct vacancy v = { .employer_id = mine,
			     .title = "Бетонщик",
			     .occupation = "71",
			     .region = "KZ-75",
			     .places = 2 };
	assert_int_equal(vacancy_validate(&f->a, &v, TODAY, &e), 0);
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &v, &e), 0);
	struct vacancy foreign = v;
	foreign.id = 0;
	foreign.employer_id = theirs;
	e = (struct field_errors){ 0 };
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &foreign, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "employer_id"));

	struct case_rec k = { .person_id = other,
			      .worker_id = f->w1.user_id,
			      .opening_reason = "work",
			      .opened_on = "2026-01-05" };
	assert_int_equal(store_case_open(f->c, &f->w1, &k), 0);

	struct employment x = good_employment();
	x.person_id = pid;
	x.employer_name = NULL;
	x.employer_id = theirs;
	assert_int_equal(save(f, &f->w1, &x, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "employer_id"));
	x = good_employment();
	x.person_id = pid;
	x.employer_id = second;
	x.vacancy_id = v.id;
	assert_int_equal(save(f, &f->w1, &x, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "vacancy_id"));
	x = good_employment();
	x.person_id = pid;
	x.case_id = k.id; /* the other person's case */
	assert_int_equal(save(f, &f->w1, &x, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "case_id"));

	/* Through a vacancy: its employer, occupation and region; the alert on the case. */
	x = good_employment();
	x.person_id = other;
	x.employer_name = NULL;
	x.occupation = NULL;
	x.region = NULL;
	x.vacancy_id = v.id;
	x.case_id = k.id;
	assert_int_equal(save(f, &f->w1, &x, &e), 0);
	struct employment got;
	assert_int_equal(store_employment_get(f->c, &f->a, &f->w1, x.id, &got), 0);
	assert_int_equal(got.employer_id, mine);
	assert_string_equal(got.occupation, "71");
	assert_string_equal(got.region, "KZ-75");
	assert_string_equal(got.employer, "ТОО Бір");
	struct labour_alert_filter by_case = { .case_id = k.id, .open_only = true };
	struct labour_alert *rows;
	size_t n;
	assert_int_equal(store_labour_alerts(f->c, &f->a, &f->sup, &by_case, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].kind, "documents_held");
	/* The employment of one person cannot be saved as another's. */
	x.person_id = pid;
	x.case_id = 0;
	assert_int_equal(save(f, &f->w1, &x, &e), K_ENOTFOUND);
	struct employment *list;
	assert_int_equal(store_employments_of_person(f->c, &f->a, &f->w1, other, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].open_alerts, 1);
}

static void test_store_employers_vacancies(void **state)
{
	struct fixture *f = *state;
	struct field_errors e = { 0 };
	int64_t rid = employer(f, &f->w1, "ТОО Бір");
	struct employer r;
	assert_int_equal(store_employer_get(f->c, &f->a, &f->w1, rid, &r), 0);
	assert_int_equal(store_employer_get(f->c, &f->a, &f->sup_b, rid, &r), K_ENOTFOUND);
	r.bin = "971240001315";
	assert_int_equal(store_employer_save(f->c, &f->w1, &r), 0);
	assert_int_equal(r.version, 2);
	struct employer stale = r;
	stale.version = 1;
	assert_int_equal(store_employer_save(f->c, &f->w1, &stale), K_ECONFLICT);
	struct employer foreign = r;
	assert_int_equal(store_employer_save(f->c, &f->sup_b, &foreign), K_ENOTFOUND);
	r.active = false;
	assert_int_equal(store_employer_save(f->c, &f->w1, &r), 0);
	struct employer *rows;
	size_t n;
	assert_int_equal(store_employers(f->c, &f->a, &f->w1, true, &rows, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_employers(f->c, &f->a, &f->w1, false, &rows, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].bin, "971240001315");

	struct vacancy v = { .employer_id = rid,
			     .title = "Аспаз",
			     .occupation = "51",
			     .region = "KZ-75",
			     .wage = 15000000,
			     .housing = true,
			     .languages = "kk",
			     .places = 1 };
	assert_int_equal(vacancy_validate(&f->a, &v, TODAY, &e), 0);
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &v, &e), 0);
	struct vacancy got;
	assert_int_equal(store_vacancy_get(f->c, &f->a, &f->w1, v.id, &got), 0);
	assert_int_equal(got.wage, 15000000);
	assert_int_equal(got.hours_per_week, 0);
	assert_true(got.housing);
	assert_string_equal(got.employer_name, "ТОО Бір");
	assert_int_equal(store_vacancy_get(f->c, &f->a, &f->sup_b, v.id, &got), K_ENOTFOUND);
	got.status = "filled";
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &got, &e), 0);
	got.version = 1;
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &got, &e), K_ECONFLICT);
	struct vacancy *list;
	struct vacancy_filter flt = { .status = "open" };
	assert_int_equal(store_vacancies(f->c, &f->a, &f->w1, &flt, &list, &n), 0);
	assert_int_equal(n, 0);
	flt = (struct vacancy_filter){ .region = "KZ-75", .occupation = "51" };
	assert_int_equal(store_vacancies(f->c, &f->a, &f->w1, &flt, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_vacancies(f->c, &f->a, &f->w1, NULL, &list, &n), 0);
	assert_int_equal(n, 1);
}

static void test_store_skills_matching(void **state)
{
	struct fixture *f = *state;
	struct field_errors e = { 0 };
	int64_t near = person(f, &f->w1, "Жақын", "KZ-75", NULL);
	int64_t far = person(f, &f->w1, "Алыс", "KZ-11", NULL);
	int64_t secret = person(f, &f->w1, "Құпия", "KZ-75", "trafficking_victim");
	int64_t rid = employer(f, &f->w1, "ТОО Бір");

	struct person_skill s = { .person_id = near,
				  .kind = "work",
				  .occupation = "71",
				  .title = "бетонщик",
				  .from_year = 2015,
				  .to_year = 2020 };
	assert_int_equal(person_skill_validate(&f->a, &s, TODAY, &e), 0);
	assert_int_equal(store_person_skill_add(f->c, &f->w1, &s), 0);
	struct person_skill edu = {
		.person_id = near, .kind = "education", .level = "3", .title = "мектеп"
	};
	assert_int_equal(store_person_skill_add(f->c, &f->w1, &edu), 0);
	struct person_skill s2 = {
		.person_id = far, .kind = "skill", .occupation = "72", .title = "дәнекерлеуші"
	};
	assert_int_equal(store_person_skill_add(f->c, &f->w1, &s2), 0);
	struct person_skill s3 = {
		.person_id = secret, .kind = "skill", .occupation = "71", .title = "x"
	};
	assert_int_equal(store_person_skill_add(f->c, &f->w1, &s3), 0);
	struct person_skill *rows;
	size_t n;
	assert_int_equal(store_person_skills(f->c, &f->a, near, &rows, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_person_skill_delete(f->c, &f->w1, far, edu.id), K_ENOTFOUND);
	assert_int_equal(store_person_skill_delete(f->c, &f->w1, near, edu.id), 0);
	assert_int_equal(store_person_skills(f->c, &f->a, near, &rows, &n), 0);
	assert_int_equal(n, 1);

	struct vacancy v = { .employer_id = rid,
			     .title = "Бетонщик",
			     .occupation = "71",
			     .region = "KZ-75",
			     .languages = "ru",
			     .places = 1 };
	assert_int_equal(vacancy_validate(&f->a, &v, TODAY, &e), 0);
	assert_int_equal(store_vacancy_save(f->c, &f->w1, &v, &e), 0);
	struct labour_candidate *c;
	assert_int_equal(store_vacancy_candidates(f->c, &f->a, &f->w2, v.id, 0, &c, &n), 0);
	/* The near one (region, occupation, Russian) first; the far one by its major group;
	 * the restricted one not for an unassigned worker. */
	assert_int_equal(n, 2);
	assert_int_equal(c[0].person.id, near);
	assert_int_equal(c[0].score, 100);
	assert_int_equal(c[1].person.id, far);
	assert_int_equal(c[1].score, 40);
	assert_int_equal(c[1].reasons, LABOUR_MATCH_OCCUPATION_GROUP | LABOUR_MATCH_LANGUAGES);
	assert_int_equal(store_vacancy_candidates(f->c, &f->a, &f->sup, v.id, 50, &c, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_vacancy_candidates(f->c, &f->a, &f->sup_b, v.id, 0, &c, &n),
			 K_ENOTFOUND);

	struct person p;
	assert_int_equal(store_person_get(f->c, &f->a, &f->w1, far, &p), 0);
	struct vacancy_match_row *m;
	assert_int_equal(store_vacancies_for_person(f->c, &f->a, &f->w1, &p, 0, &m, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].vacancy.id, v.id);
	assert_int_equal(m[0].score, 40);
	assert_int_equal(store_vacancies_for_person(f->c, &f->a, &f->w1, &p, 50, &m, &n), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimum_wage_on),
		cmocka_unit_test(test_alert_thresholds),
		cmocka_unit_test(test_alerts_across_a_change),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_reference_lists),
		cmocka_unit_test(test_who_may),
		T(test_store_alerts),
		T(test_store_dates),
		T(test_store_visibility),
		T(test_store_references),
		T(test_store_employers_vacancies),
		T(test_store_skills_matching),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
