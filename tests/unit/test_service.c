/* test_service.c: services delivered, material assistance and loans (domain/service.h):
 * amounts as typed and shown, a loan's schedule, its balance and repayments, and the rules of
 * what each kind of catalogue entry carries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/service.h"

#include "base/banned.h"

static void test_amounts(void **state)
{
	(void)state;
	int64_t m;
	assert_true(amount_parse("15000", &m));
	assert_int_equal(m, 1500000);
	assert_true(amount_parse("15000.5", &m));
	assert_int_equal(m, 1500050);
	assert_true(amount_parse("15 000,75", &m));
	assert_int_equal(m, 1500075);
	assert_true(amount_parse("0.01", &m));
	assert_int_equal(m, 1);
	static const char *const bad[] = { "",     "0",         "0.00",  "-5",       "1.234",
					   "1.",   ".5",        "abc",   " 5",       "1e3",
					   "5..0", "100000001", "1,2,3", "12 34.5.6" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (amount_parse(bad[i], &m))
			fail_msg("\"%s\" parsed as %lld", bad[i], (long long)m);
	struct arena a;
	arena_init(&a);
	assert_string_equal(amount_text(&a, 1500075), "15 000.75");
	assert_string_equal(amount_text(&a, 1), "0.01");
	assert_string_equal(amount_text(&a, 123456789012), "1 234 567 890.12");
	arena_release(&a);
}

static void test_loan_schedule_and_balance(void **state)
{
	(void)state;
	struct service_rec s = { .amount = 1000000,
				 .installments = 3,
				 .every_days = 30,
				 .first_due_on = "2026-12-20",
				 .delivered_on = "2026-11-20" };
	char due[11];
	int64_t amt, sum = 0;
	for (int64_t i = 0; i < 3; i++) {
		assert_true(loan_installment(&s, i, due, &amt));
		sum += amt;
	}
	assert_int_equal(sum, 1000000);
	assert_true(loan_installment(&s, 2, due, &amt));
	assert_string_equal(due, "2027-02-18");
	assert_int_equal(amt, 333334);
	assert_false(loan_installment(&s, 3, due, &amt));
	s.repaid = 400000;
	assert_int_equal(loan_balance(&s), 600000);
	struct arena a;
	arena_init(&a);
	struct repayment r = { .paid_on = "2026-11-25", .amount = 600001 };
	struct field_errors e = { 0 };
	assert_int_equal(repayment_validate(&a, &r, &s, "2026-11-26", &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "amount"));
	r = (struct repayment){ .paid_on = "2026-11-19", .amount = 100 };
	e = (struct field_errors){ 0 };
	assert_int_equal(repayment_validate(&a, &r, &s, "2026-11-26", &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "paid_on"));
	r = (struct repayment){ .paid_on = "2026-11-25", .amount = 600000 };
	e = (struct field_errors){ 0 };
	assert_int_equal(repayment_validate(&a, &r, &s, "2026-11-26", &e), 0);
	arena_release(&a);
}

static void test_what_each_entry_carries(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const struct service_type plain = { .id = 1,
					    .service_kind = "social_legal",
					    .active = true };
	const struct service_type cash = {
		.id = 2, .service_kind = "social_economic", .material = true, .active = true
	};
	const struct service_type loan = {
		.id = 3, .service_kind = "social_economic", .loan = true, .active = true
	};
	const struct service_type off = { .id = 4, .service_kind = "care", .active = false };
	struct service_rec base = { .form = "individual",
				    .function = "adaptation",
				    .means = "individual",
				    .delivered_on = "2026-11-20" };
	struct {
		const struct service_type *t;
		struct service_rec s;
		const char *field; /* NULL: valid */
	} cases[] = {
		{ &plain, base, NULL },
		{ &off, base, "type_id" },
		{ NULL, base, "type_id" },
		{ &plain,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .amount = 100,
		    .currency = "KZT" },
		  "amount" },
		{ &cash,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .assistance = "cash" },
		  "amount" },
		{ &cash,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .assistance = "cash",
		    .amount = 100,
		    .currency = "kzt" },
		  "currency" },
		{ &cash,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .assistance = "in_kind" },
		  NULL },
		{ &loan,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .amount = 100,
		    .currency = "KZT",
		    .installments = 2,
		    .first_due_on = "2026-11-19" },
		  "first_due_on" },
		{ &loan,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-20",
		    .amount = 100,
		    .currency = "KZT",
		    .installments = 2,
		    .first_due_on = "2026-12-01" },
		  NULL },
		{ &plain,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-11-27" },
		  "delivered_on" },
		{ &plain,
		  { .form = "individual",
		    .function = "adaptation",
		    .means = "individual",
		    .delivered_on = "2026-01-01" },
		  "delivered_on" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct field_errors e = { 0 };
		int rc =
		    service_validate(&a, &cases[i].s, cases[i].t, "2026-11-01", "2026-11-26", &e);
		if (!cases[i].field && rc)
			fail_msg("case %zu refused: %s", i, e.e[0].field);
		if (cases[i].field && !field_error_for(&e, cases[i].field))
			fail_msg("case %zu: no error on %s", i, cases[i].field);
	}
	/* The kind follows the entry; a loan's interval defaults to 30 days. */
	assert_string_equal(cases[0].s.service_kind, "social_legal");
	assert_int_equal(cases[8].s.every_days, 30);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amounts),
		cmocka_unit_test(test_loan_schedule_and_balance),
		cmocka_unit_test(test_what_each_entry_carries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
