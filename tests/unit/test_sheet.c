/* test_sheet.c: unit tests for src/base/sheet.c (CSV quoting, the formula guard, XLSX). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/sheet.h"

static const char *csv_of(const char *const *cells, size_t n, struct buf *out)
{
	struct sheet *s = sheet_new(SHEET_CSV, "t");
	assert_non_null(s);
	assert_int_equal(sheet_row(s, cells, n), 0);
	buf_init(out, 1 << 20);
	assert_int_equal(sheet_finish(s, out), 0);
	return out->data;
}

static void test_csv_quoting(void **state)
{
	(void)state;
	struct buf b;
	const char *cells[] = { "plain", "a,b", "say \"hi\"", "two\nlines", NULL, "Жанар" };
	const char *out = csv_of(cells, 6, &b);
	assert_string_equal(out, "\xEF\xBB\xBFplain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,"
				 "Жанар\r\n");
	buf_release(&b);
}

static void test_csv_formula_guard(void **state)
{
	(void)state;
	struct buf b;
	const char *cells[] = { "=HYPERLINK(\"http://x\")", "+7 701", "-1", "@SUM(A1)", "a=b" };
	const char *out = csv_of(cells, 5, &b);
	assert_string_equal(out, "\xEF\xBB\xBF\"'=HYPERLINK(\"\"http://x\"\")\",\"'+7 701\","
				 "\"'-1\",\"'@SUM(A1)\",a=b\r\n");
	buf_release(&b);
}

static void test_xlsx_is_a_workbook(void **state)
{
	(void)state;
	struct sheet *s = sheet_new(SHEET_XLSX, "people");
	assert_non_null(s);
	const char *header[] = { "id", "family_name" };
	const char *row[] = { "1", "=cmd|' /C calc'!A0" };
	assert_int_equal(sheet_row(s, header, 2), 0);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(sheet_row(s, row, 2), 0);
	struct buf b;
	buf_init(&b, 1 << 24);
	assert_int_equal(sheet_finish(s, &b), 0);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "PK\x03\x04", 4);
	assert_non_null(memmem(b.data, b.len, "xl/worksheets/sheet1.xml", 24));
	buf_release(&b);
	/* Freed unwritten: nothing leaks. */
	s = sheet_new(SHEET_XLSX, "people");
	assert_non_null(s);
	assert_int_equal(sheet_row(s, row, 2), 0);
	sheet_free(s);
	assert_string_equal(sheet_ext(SHEET_XLSX), "xlsx");
	assert_string_equal(sheet_ext(SHEET_CSV), "csv");
}

/* Any title makes a workbook: Excel's sheet names are at most 31 characters, without
 * []:*?/\ or an apostrophe at either end; the title is cut to fit, by characters. */
static void test_xlsx_any_title(void **state)
{
	(void)state;
	static const char *const titles[] = {
		"Integration indicators of a cohort",
		"Бағдарлама квотасы мен нәтижелері туралы есеп",
		"a/b\\c[d]e:f*g?h",
		"'quoted'",
		"",
		NULL,
		"''''",
	};
	for (size_t i = 0; i < sizeof titles / sizeof titles[0]; i++) {
		struct sheet *s = sheet_new(SHEET_XLSX, titles[i]);
		assert_non_null(s);
		const char *row[] = { "1" };
		assert_int_equal(sheet_row(s, row, 1), 0);
		struct buf b;
		buf_init(&b, 1 << 24);
		assert_int_equal(sheet_finish(s, &b), 0);
		assert_memory_equal(b.data, "PK\x03\x04", 4);
		buf_release(&b);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_quoting),
		cmocka_unit_test(test_csv_formula_guard),
		cmocka_unit_test(test_xlsx_is_a_workbook),
		cmocka_unit_test(test_xlsx_any_title),
	};
	return cmocka_run_group_tests_name("sheet", tests, NULL, NULL);
}
