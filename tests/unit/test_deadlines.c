/* test_deadlines.c: the legal-status and document deadlines of a person (domain/deadlines.h)
 * on the days around each: kandas status a year after its grant, the asylum petition five
 * days after arrival (overdue, or filed late), and document expiries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "domain/deadlines.h"

#include "base/banned.h"

static size_t at(const struct person *p, const char *today, struct deadline *d)
{
	return person_deadlines(p, today, d, DEADLINES_MAX);
}

static void test_kandas_status(void **state)
{
	(void)state;
	struct person p = { .legal_status = "kandas", .legal_status_since = "2026-01-10" };
	struct deadline d[DEADLINES_MAX];
	assert_int_equal(at(&p, "2026-11-10", d), 0); /* 61 days before */
	assert_int_equal(at(&p, "2026-11-11", d), 1); /* 60 days before */
	assert_string_equal(d[0].due_on, "2027-01-10");
	assert_int_equal(d[0].kind, DEADLINE_KANDAS_STATUS);
	assert_false(d[0].overdue);
	assert_int_equal(at(&p, "2027-01-11", d), 1);
	assert_true(d[0].overdue);
	p.legal_status_since = "2024-02-29";
	assert_int_equal(at(&p, "2025-02-20", d), 1);
	assert_string_equal(d[0].due_on, "2025-03-01");
	p.legal_status = "refugee";
	assert_int_equal(at(&p, "2025-02-20", d), 0);
}

static void test_asylum_petition(void **state)
{
	(void)state;
	struct person p = { .legal_status = "asylum_seeker", .arrival_date = "2026-11-20" };
	struct deadline d[DEADLINES_MAX];
	assert_int_equal(at(&p, "2026-11-20", d), 1);
	assert_string_equal(d[0].due_on, "2026-11-25");
	assert_false(d[0].overdue);
	assert_int_equal(at(&p, "2026-11-26", d), 1);
	assert_true(d[0].overdue);
	p.asylum_petition_on = "2026-11-24";
	assert_int_equal(at(&p, "2026-11-26", d), 0);
	p.asylum_petition_on = "2026-11-26";
	assert_int_equal(at(&p, "2026-11-27", d), 1);
	assert_true(d[0].late);
	assert_false(d[0].overdue);
}

static void test_documents_in_date_order(void **state)
{
	(void)state;
	struct person p = { .ndocs = 3 };
	p.docs[0] =
	    (struct person_doc){ .type = "passport", .number = "A1", .expires_on = "2027-03-01" };
	p.docs[1] =
	    (struct person_doc){ .type = "id_card", .number = "B2", .expires_on = "2026-12-01" };
	p.docs[2] = (struct person_doc){ .type = "passport", .number = "C3" };
	p.legal_status = "kandas";
	p.legal_status_since = "2026-01-20";
	struct deadline d[DEADLINES_MAX];
	size_t n = at(&p, "2026-12-15", d);
	assert_int_equal(n, 3);
	assert_string_equal(d[0].due_on, "2026-12-01");
	assert_true(d[0].overdue);
	assert_string_equal(d[0].doc->number, "B2");
	assert_int_equal(d[1].kind, DEADLINE_KANDAS_STATUS);
	assert_string_equal(d[2].doc->number, "A1");
	assert_int_equal(at(&p, "2026-08-01", d), 0);
	/* A bad date is left out, not guessed. */
	p.docs[0].expires_on = "2026-02-30";
	assert_int_equal(at(&p, "2026-12-15", d), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kandas_status),
		cmocka_unit_test(test_asylum_petition),
		cmocka_unit_test(test_documents_in_date_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
