/* test_sheet_read.c: unit tests for reading tables (src/base/sheet_read.c: CSV separators,
 * encodings, quotes, limits; XLSX strings, dates, sparse cells, broken files) and for rows
 * read into people (src/domain/import.c: header guesses, labels, dates, documents). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/i18n.h"
#include "base/sheet.h"
#include "base/sheet_read.h"
#include "base/util.h"
#include "domain/import.h"

/* Every row read, as "row:cell|cell|…" lines. */
struct got {
	char text[8192];
	size_t len;
	long stop_at; /* stop (return 7) at this row */
};

static int collect(void *ctx, long row, const char *const *cells, size_t n)
{
	struct got *g = ctx;
	int w = snprintf(g->text + g->len, sizeof(g->text) - g->len, "%ld:", row);
	g->len += (size_t)w;
	for (size_t i = 0; i < n; i++) {
		w = snprintf(g->text + g->len, sizeof(g->text) - g->len, "%s%s", i ? "|" : "",
			     cells[i]);
		g->len += (size_t)w;
	}
	g->text[g->len++] = '\n';
	g->text[g->len] = '\0';
	return g->stop_at == row ? 7 : 0;
}

static int read_csv(const char *s, enum sheet_encoding enc, struct got *g,
		    struct sheet_read_error *err)
{
	memset(g, 0, sizeof(*g));
	return sheet_read(SHEET_CSV, enc, s, strlen(s), collect, g, err);
}

static void test_csv_separators_and_quotes(void **state)
{
	(void)state;
	struct got g;
	struct sheet_read_error err;
	assert_int_equal(
	    read_csv("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n", SHEET_ENC_AUTO, &g, &err), 0);
	assert_string_equal(g.text, "1:a|b|c\n2:1|x, y|say \"hi\"\n");
	/* A spreadsheet saved in a Russian locale: semicolons; a BOM; a cell on two lines. */
	assert_int_equal(read_csv("\xEF\xBB\xBFФамилия;Имя\nИванов;\"Иван\r\nИванович\"\n",
				  SHEET_ENC_AUTO, &g, &err),
			 0);
	assert_string_equal(g.text, "1:Фамилия|Имя\n2:Иванов|Иван\nИванович\n");
	/* Tabs; trailing empty cells are not counted; an empty row is skipped. */
	assert_int_equal(read_csv("a\tb\t\t\n\t\t\nc\n", SHEET_ENC_AUTO, &g, &err), 0);
	assert_string_equal(g.text, "1:a|b\n3:c\n");
}

static void test_csv_refusals(void **state)
{
	(void)state;
	struct got g;
	struct sheet_read_error err;
	assert_int_equal(read_csv("a,b\n1,\"open\n", SHEET_ENC_AUTO, &g, &err), K_EINVAL);
	assert_int_equal(err.row, 2);
	assert_non_null(err.msg);
	assert_int_equal(read_csv("a,b\n1,\"x\"y\n", SHEET_ENC_AUTO, &g, &err), K_EINVAL);
	assert_int_equal(err.row, 2);
	/* A control character in a cell. */
	assert_int_equal(read_csv("a\n\x01x\n", SHEET_ENC_UTF8, &g, &err), K_EINVAL);
	assert_int_equal(err.row, 2);
	/* Too wide a row, too long a cell. */
	char wide[400] = "";
	for (int i = 0; i < SHEET_READ_COLS_MAX + 1; i++)
		strcat(wide, "x,");
	strcat(wide, "x\n");
	assert_int_equal(read_csv(wide, SHEET_ENC_AUTO, &g, &err), K_EINVAL);
	assert_int_equal(err.row, 1);
	char *longcell = malloc(SHEET_READ_CELL_MAX + 10);
	memset(longcell, 'x', SHEET_READ_CELL_MAX + 8);
	longcell[SHEET_READ_CELL_MAX + 8] = '\0';
	assert_int_equal(read_csv(longcell, SHEET_ENC_AUTO, &g, &err), K_EINVAL);
	free(longcell);
	/* The callback stops the reading with its own code. */
	memset(&g, 0, sizeof(g));
	g.stop_at = 2;
	assert_int_equal(sheet_read(SHEET_CSV, SHEET_ENC_AUTO, "a\nb\nc\n", 6, collect, &g, &err),
			 7);
	assert_string_equal(g.text, "1:a\n2:b\n");
}

static void test_csv_encodings(void **state)
{
	(void)state;
	struct got g;
	struct sheet_read_error err;
	/* "Иванов;Анна" in Windows-1251: not UTF-8, so read as 1251. */
	assert_int_equal(
	    read_csv("\xC8\xE2\xE0\xED\xEE\xE2;\xC0\xED\xED\xE0\n", SHEET_ENC_AUTO, &g, &err), 0);
	assert_string_equal(g.text, "1:Иванов|Анна\n");
	/* KZ-1048 when asked: 0xA3 is Ә... and 0xBA ... ә in RK1048 */
	assert_int_equal(read_csv("\xC0\xE9\xE3\xF3\xEB\n", SHEET_ENC_KZ1048, &g, &err), 0);
	assert_string_equal(g.text, "1:Айгул\n");
}

/* An XLSX file written with libxlsxwriter into a temporary file, read back whole. */
static unsigned char *xlsx_file(void (*fill)(lxw_workbook *, lxw_worksheet *), size_t *len)
{
	char path[] = "/tmp/komek-test-XXXXXX.xlsx";
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "People");
	fill(wb, ws);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	*len = (size_t)ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *data = malloc(*len);
	assert_int_equal(fread(data, 1, *len, f), *len);
	fclose(f);
	unlink(path);
	return data;
}

static void fill_people(lxw_workbook *wb, lxw_worksheet *ws)
{
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd.mm.yyyy");
	worksheet_write_string(ws, 0, 0, "Family name", NULL);
	worksheet_write_string(ws, 0, 1, "Birth date", NULL);
	worksheet_write_string(ws, 0, 3, "Phone", NULL);
	worksheet_write_string(ws, 1, 0, "Жұмабаев", NULL);
	lxw_datetime dt = { 1990, 5, 12, 0, 0, 0 };
	worksheet_write_datetime(ws, 1, 1, &dt, date);
	worksheet_write_number(ws, 1, 3, 87011234567.0, NULL);
	worksheet_write_boolean(ws, 1, 4, 1, NULL);
	/* Row 3 is blank; row 4 has a cell in column C only. */
	worksheet_write_string(ws, 3, 2, "王·小明", NULL);
}

static void test_xlsx_read(void **state)
{
	(void)state;
	size_t len;
	unsigned char *data = xlsx_file(fill_people, &len);
	assert_int_equal(sheet_sniff(data, len), SHEET_XLSX);
	struct got g = { 0 };
	struct sheet_read_error err;
	assert_int_equal(sheet_read(SHEET_XLSX, SHEET_ENC_AUTO, data, len, collect, &g, &err), 0);
	assert_string_equal(g.text, "1:Family name|Birth date||Phone\n"
				    "2:Жұмабаев|1990-05-12||87011234567|1\n"
				    "4:||王·小明\n");
	/* A broken archive, and CSV bytes called XLSX. */
	memset(&g, 0, sizeof(g));
	assert_int_equal(sheet_read(SHEET_XLSX, SHEET_ENC_AUTO, data, len / 2, collect, &g, &err),
			 K_EINVAL);
	assert_non_null(err.msg);
	assert_int_equal(sheet_read(SHEET_XLSX, SHEET_ENC_AUTO, "a,b\n", 4, collect, &g, &err),
			 K_EINVAL);
	free(data);
}

/* What the export writes (sheet.c) reads back as it was. */
static void test_roundtrip_export(void **state)
{
	(void)state;
	for (int f = 0; f < 2; f++) {
		struct sheet *s = sheet_new(f ? SHEET_XLSX : SHEET_CSV, "t");
		const char *h[] = { "Family name", "Given name" };
		const char *r1[] = { "=cmd", "Айгүл, \"Ая\"" };
		sheet_row(s, h, 2);
		sheet_row(s, r1, 2);
		struct buf out;
		buf_init(&out, 1 << 20);
		assert_int_equal(sheet_finish(s, &out), 0);
		struct got g = { 0 };
		struct sheet_read_error err;
		assert_int_equal(sheet_read(f ? SHEET_XLSX : SHEET_CSV, SHEET_ENC_AUTO, out.data,
					    out.len, collect, &g, &err),
				 0);
		/* The CSV's formula guard (an apostrophe) is taken off again. */
		assert_string_equal(g.text, "1:Family name|Given name\n2:=cmd|Айгүл, \"Ая\"\n");
		buf_release(&out);
	}
}

static void test_guess(void **state)
{
	(void)state;
	assert_non_null(import_guess("family_name"));
	assert_string_equal(import_guess("FAMILY NAME")->name, "family_name");
	assert_string_equal(import_guess("Family name:")->name, "family_name");
	assert_string_equal(import_guess("#adm1 +code")->name, "region");
	assert_string_equal(import_guess("#beneficiary+name+given")->name, "given_name");
	assert_null(import_guess("Favourite colour"));
	/* Headers as lists kept in spreadsheets have them. */
	assert_string_equal(import_guess("Паспорт")->name, "document_number");
	assert_string_equal(import_guess("Дата рождения")->name, "birth_date");
	assert_string_equal(import_guess("Last name")->name, "family_name");
	assert_string_equal(import_guess("№ паспорта")->name, "document_number");
	assert_null(import_guess(""));
	/* The registration form's labels in Russian and Kazakh. */
	const char *ru = i18n_tr("ru", "Family name"), *kk = i18n_tr("kk", "Birth date");
	assert_string_equal(import_guess(ru)->name, "family_name");
	assert_string_equal(import_guess(kk)->name, "birth_date");
}

static struct import_map map_of(const char *const *names, size_t n)
{
	struct import_map m = { .n = n };
	for (size_t i = 0; i < n; i++)
		m.col[i] = names[i] ? import_target_find(names[i]) : NULL;
	return m;
}

static void test_row(void **state)
{
	(void)state;
	const char *names[] = { "family_name", "given_name",      "sex",
				"birth_date",  "region",          "categories",
				"disability",  "document_number", NULL };
	struct import_map m = map_of(names, 9);
	const char *msg;
	assert_true(import_map_valid(&m, &msg));
	struct arena a;
	arena_init(&a);
	struct person p;
	struct field_errors e;
	const char *row[] = { " Karimov ",  "Aziz",        "MALE",
			      "12.04.1988", "KZ-ALA",      "labour_migrant; kandas",
			      "да",         "fa 123 4567", "ignored" };
	int rc = import_row(&a, &m, row, 9, "2026-11-26", &p, &e);
	for (size_t i = 0; i < e.n; i++)
		fprintf(stderr, "%s: %s\n", e.e[i].field, e.e[i].msg);
	assert_int_equal(rc, 0);
	assert_string_equal(p.family_name, "Karimov");
	assert_string_equal(p.sex, "male");
	assert_string_equal(p.birth_date, "1988-04-12");
	assert_string_equal(p.region, "KZ-75");
	assert_int_equal(p.ncategories, 2);
	assert_true(p.disability);
	assert_int_equal(p.ndocs, 1);
	assert_string_equal(p.docs[0].type, "passport");

	/* Dates as spreadsheets write them; anything else is left for validation to refuse. */
	static const char *const dates[][2] = {
		{ "1.2.1990", "1990-02-01" },   { "01/12/2000", "2000-12-01" },
		{ "1990-02-01", "1990-02-01" }, { "1.2/1990", NULL },
		{ "123.1.1990", NULL },         { "1.2.90", NULL },
		{ "32.1.1990", NULL },          { "..1990", NULL },
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++) {
		const char *r2[] = { "Karimov", "Aziz", "male", dates[i][0] };
		int rc2 = import_row(&a, &m, r2, 4, "2026-11-26", &p, &e);
		if (dates[i][1]) {
			assert_int_equal(rc2, 0);
			assert_string_equal(p.birth_date, dates[i][1]);
		} else {
			assert_int_equal(rc2, K_EINVAL);
			assert_non_null(field_error_for(&e, "birth_date"));
		}
	}

	/* Errors name the field; the column of each is found back. */
	const char *bad[] = { "", "Aziz", "x", "31.02.2020", "KZ-99", "", "maybe", "", "" };
	assert_int_equal(import_row(&a, &m, bad, 9, "2026-11-26", &p, &e), K_EINVAL);
	assert_int_equal(e.n, 1); /* what cannot be read is said first, alone */
	assert_string_equal(e.e[0].field, "disability");
	assert_int_equal(import_map_column(&m, "disability"), 6);
	bad[6] = "0";
	assert_int_equal(import_row(&a, &m, bad, 9, "2026-11-26", &p, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "family_name"));
	assert_non_null(field_error_for(&e, "sex"));
	assert_non_null(field_error_for(&e, "birth_date"));
	assert_non_null(field_error_for(&e, "region"));
	assert_int_equal(import_map_column(&m, "documents[0].number"), 7);

	/* The export's documents column reads back; a target twice is refused. */
	const char *names2[] = { "family_name", "given_name", "sex", "documents", "documents" };
	struct import_map m2 = map_of(names2, 5);
	assert_false(import_map_valid(&m2, &msg));
	m2.n = 4;
	assert_true(import_map_valid(&m2, &msg));
	const char *row2[] = { "Ли", "Мин", "male", "passport E123; birth_certificate 77" };
	import_row(&a, &m2, row2, 4, "2026-11-26", &p, &e);
	assert_int_equal(p.ndocs, 2);
	assert_string_equal(p.docs[1].type, "birth_certificate");
	assert_string_equal(p.docs[1].number, "77");
	/* Without what registration requires, nothing can be imported. */
	const char *names3[] = { "family_name", "given_name" };
	struct import_map m3 = map_of(names3, 2);
	assert_false(import_map_valid(&m3, &msg));
	assert_string_equal(import_map_text(&a, &m), "family_name\tgiven_name\tsex\tbirth_date\t"
						     "region\tcategories\tdisability\t"
						     "document_number\t");
	arena_release(&a);
}

int main(void)
{
	if (i18n_init())
		return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_separators_and_quotes),
		cmocka_unit_test(test_csv_refusals),
		cmocka_unit_test(test_csv_encodings),
		cmocka_unit_test(test_xlsx_read),
		cmocka_unit_test(test_roundtrip_export),
		cmocka_unit_test(test_guess),
		cmocka_unit_test(test_row),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
