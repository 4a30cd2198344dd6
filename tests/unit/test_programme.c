/* test_programme.c: programmes (domain/programme.h): a family's entitlements from the rates and
 * the dated support rules of instruments.md §4, ages, eligibility, and support checked
 * against the entitlements. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/programme.h"

#include "base/banned.h"

/* As the migration ships them. */
static const struct support_rule rules[] = {
	{ "relocation_subsidy", "2000-01-01", 70, 0, 0, 0 },
	{ "rent_support", "2000-01-01", 0, 15, 30, 12 },
	{ "housing_certificate", "2000-01-01", 0, 0, 1160, 0 },
	{ "housing_certificate", "2026-01-01", 0, 0, 1625, 0 },
};
#define NRULES (sizeof(rules) / sizeof(rules[0]))
static const struct rates y2025 = { 2025, 8500000, 393200, 4622800 };
static const struct rates y2026 = { 2026, 8500000, 432500, 5085100 };

static void test_entitlements(void **state)
{
	(void)state;
	static const struct {
		const struct rates *r;
		int64_t family;
		const char *on;
		int64_t relocation, rent_min, rent_max, certificate;
	} cases[] = {
		/* 70 MRP per member; 15..30 MRP a month; the certificate 1,160 then 1,625 MRP. */
		{ &y2026, 1, "2026-06-01", 30275000, 6487500, 12975000, 702812500 },
		{ &y2026, 4, "2026-01-01", 121100000, 6487500, 12975000, 702812500 },
		{ &y2025, 3, "2025-12-31", 82572000, 5898000, 11796000, 456112000 },
		{ &y2025, 1, "2025-01-01", 27524000, 5898000, 11796000, 456112000 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct entitlements e;
		programme_entitlements(cases[i].r, rules, NRULES, cases[i].family, cases[i].on, &e);
		assert_true(e.known);
		assert_int_equal(e.relocation, cases[i].relocation);
		assert_int_equal(e.rent_month_min, cases[i].rent_min);
		assert_int_equal(e.rent_month_max, cases[i].rent_max);
		assert_int_equal(e.rent_months, 12);
		assert_int_equal(e.rent_total_max, 12 * cases[i].rent_max);
		assert_int_equal(e.certificate_max, cases[i].certificate);
	}
	struct entitlements e;
	programme_entitlements(NULL, rules, NRULES, 2, "2031-01-01", &e);
	assert_false(e.known);
	assert_null(support_rule_on(rules, NRULES, "housing_certificate", "1999-12-31"));
	assert_int_equal(
	    support_rule_on(rules, NRULES, "housing_certificate", "2025-12-31")->max_mrp, 1160);
	assert_int_equal(
	    support_rule_on(rules, NRULES, "housing_certificate", "2026-01-01")->max_mrp, 1625);
}

static void test_ages(void **state)
{
	(void)state;
	assert_int_equal(person_age_on("2000-03-15", "2026-03-14"), 25);
	assert_int_equal(person_age_on("2000-03-15", "2026-03-15"), 26);
	assert_int_equal(person_age_on("2000", "2026-06-30"), 25); /* a year: from 1 July */
	assert_int_equal(person_age_on("2000", "2026-07-01"), 26);
	assert_int_equal(person_age_on(NULL, "2026-07-01"), -1);
	assert_int_equal(person_age_on("2030-01-01", "2026-07-01"), -1);
}

static void test_eligibility(void **state)
{
	(void)state;
	struct programme p = { .categories = { "kandas", "kandas_candidate" },
			       .ncategories = 2,
			       .legal_statuses = { "kandas" },
			       .nlegal_statuses = 1,
			       .age_min = 18,
			       .age_max = -1 };
	struct person who = { .legal_status = "citizen", .birth_date = "1990-01-01" };
	const char *why;
	assert_false(programme_eligible(&p, &who, "2026-01-01", &why));
	assert_non_null(why);
	who.categories[who.ncategories++] = "kandas_candidate";
	assert_true(programme_eligible(&p, &who, "2026-01-01", &why));
	who.ncategories = 0;
	who.legal_status = "kandas";
	assert_true(programme_eligible(&p, &who, "2026-01-01", &why));
	who.birth_date = "2010-01-01";
	assert_false(programme_eligible(&p, &who, "2026-01-01", &why));
	who.birth_date = NULL;
	assert_false(programme_eligible(&p, &who, "2026-01-01", &why));
	struct programme any = { .age_min = -1, .age_max = -1 };
	assert_true(programme_eligible(&any, &who, "2026-01-01", &why));
}

static void test_support(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct entitlements ent;
	programme_entitlements(&y2026, rules, NRULES, 2, "2026-03-01", &ent);
	struct enrolment en = { .family_size = 2, .enrolled_on = "2026-02-01" };
	struct support given[13];
	for (int i = 0; i < 13; i++)
		given[i] = (struct support){ .kind = "rent_support" };
	const struct {
		const char *kind;
		int64_t amount;
		size_t given;
		const char *field; /* NULL: valid */
	} cases[] = {
		{ "relocation_subsidy", 60550000, 0, NULL },
		{ "relocation_subsidy", 60550001, 0, "amount" },
		{ "rent_support", 6487500, 0, NULL },
		{ "rent_support", 6487499, 0, "amount" },
		{ "rent_support", 12975000, 11, NULL },
		{ "rent_support", 12975000, 12, "kind" },
		{ "housing_certificate", 702812500, 0, NULL },
		{ "housing_certificate", 702812501, 0, "amount" },
		{ "other", 1, 0, NULL },
		{ "gift", 1, 0, "kind" },
		{ "other", 0, 0, "amount" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct support s = { .kind = cases[i].kind,
				     .amount = cases[i].amount,
				     .given_on = "2026-03-01" };
		struct field_errors e = { 0 };
		int rc =
		    support_validate(&a, &s, &en, &ent, given, cases[i].given, "2026-11-26", &e);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
		} else {
			assert_int_equal(rc, K_EINVAL);
			assert_non_null(field_error_for(&e, cases[i].field));
		}
	}
	/* Before the enrolment, or ahead of today. */
	struct support early = { .kind = "other", .amount = 5, .given_on = "2026-01-31" };
	struct field_errors e = { 0 };
	assert_int_equal(support_validate(&a, &early, &en, &ent, NULL, 0, "2026-11-26", &e),
			 K_EINVAL);
	assert_non_null(field_error_for(&e, "given_on"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entitlements),
		cmocka_unit_test(test_ages),
		cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_support),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
