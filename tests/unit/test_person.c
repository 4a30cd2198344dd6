/* test_person.c: unit tests for validation, normalisation and keys of src/domain/person.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/person.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define TODAY "2026-11-25"

struct fixture {
	struct arena a;
	struct person p;
	struct field_errors e;
};

/* A complete, valid person with input as a form would send it (spaces, mixed case). */
static void fill_valid(struct person *p)
{
	*p = (struct person){
		.family_name = "  Тұрсынбаев ",
		.given_name = "Нұрсұлтан\t",
		.patronymic = " Әбілұлы",
		.name_original = "Tursunbayev Nursulton",
		.sex = "male",
		.birth_date = "1990-05-17",
		.citizenship = " uz",
		.country_of_origin = "Cn ",
		.legal_status = "kandas",
		.region = "KZ-ALA",
		.locality = "Алматы",
		.arrival_date = "2015-03-01",
		.phone = "+7 (701) 123-45-67",
		.lang_kk = "fluent",
		.lang_ru = "basic",
		.languages = "UZ, zh",
		.child_status = NULL,
		.household_id = 5,
		.household_relation = "head",
		.disability = true,
		.categories = { "refugee", "kandas", "refugee", "labour_migrant" },
		.ncategories = 4,
		.docs = { { .type = "passport",
			    .number = " fa 123-4567 ",
			    .country = "uz",
			    .issued_on = "2015-01-10",
			    .expires_on = "2025-01-10" },
			  { .type = "kandas_certificate", .number = "k-77" } },
		.ndocs = 2,
	};
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	arena_init(&f->a);
	fill_valid(&f->p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	arena_release(&f->a);
	free(f);
	return 0;
}

static int validate(struct fixture *f)
{
	memset(&f->e, 0, sizeof(f->e));
	return person_validate(&f->a, &f->p, TODAY, &f->e);
}

/* The message of a field's error, to tell which rule fired without depending on wording
 * that translators and writers may still change. */
static const char *msg(struct fixture *f, const char *field)
{
	const char *m = field_error_for(&f->e, field);
	assert_non_null(m);
	return m;
}

/* Validation fails, and among the errors is one for `field`. */
static void expect_error(struct fixture *f, const char *field)
{
	int rc = validate(f);
	if (rc != K_EINVAL || !field_error_for(&f->e, field)) {
		fprintf(stderr, "errors:");
		for (size_t i = 0; i < f->e.n; i++)
			fprintf(stderr, " [%s: %s]", f->e.e[i].field, f->e.e[i].msg);
		fprintf(stderr, "\n");
		fail_msg("want an error for %s (rc %d)", field, rc);
	}
}

/* Validation fails with an error for `field` and for no other field. */
static void expect_only_error(struct fixture *f, const char *field)
{
	expect_error(f, field);
	if (f->e.n != 1)
		fail_msg("want only %s, got %zu errors, first %s", field, f->e.n, f->e.e[0].field);
}

static void expect_valid(struct fixture *f)
{
	int rc = validate(f);
	if (rc != 0) {
		for (size_t i = 0; i < f->e.n; i++)
			fprintf(stderr, " [%s: %s]", f->e.e[i].field, f->e.e[i].msg);
		fprintf(stderr, "\n");
		fail_msg("want valid, rc %d", rc);
	}
	assert_int_equal(f->e.n, 0);
}

/* ---- the valid person and its normalisation ---- */

static void test_valid_normalised(void **state)
{
	struct fixture *f = *state;
	struct person *p = &f->p;

	expect_valid(f);
	assert_string_equal(p->family_name, "Тұрсынбаев");
	assert_string_equal(p->given_name, "Нұрсұлтан");
	assert_string_equal(p->patronymic, "Әбілұлы");
	assert_string_equal(p->citizenship, "UZ");
	assert_string_equal(p->country_of_origin, "CN");
	assert_string_equal(p->region, "KZ-75");
	assert_string_equal(p->languages, "uz zh");
	assert_string_equal(p->child_status, "none");
	assert_int_equal(p->ncategories, 3);
	assert_string_equal(p->categories[0], "kandas");
	assert_string_equal(p->categories[1], "labour_migrant");
	assert_string_equal(p->categories[2], "refugee");
	assert_false(p->restricted);
	assert_string_equal(p->docs[0].number, "FA 123-4567");
	assert_string_equal(p->docs[0].country, "UZ");
	assert_string_equal(p->docs[1].number, "K-77");
	assert_null(p->docs[1].country);
	assert_int_equal(person_birth_year(p), 1990);
}

static void test_minimal_valid(void **state)
{
	struct fixture *f = *state;

	f->p = (struct person){ .family_name = "Ли", .given_name = "Мин", .sex = "female" };
	expect_valid(f);
	assert_null(f->p.patronymic);
	assert_null(f->p.languages);
	assert_string_equal(f->p.child_status, "none");
}

static void test_region_forms(void **state)
{
	struct fixture *f = *state;

	f->p.region = "kz-ala";
	expect_valid(f);
	assert_string_equal(f->p.region, "KZ-75");
	fill_valid(&f->p);
	f->p.region = " KZ-75 ";
	expect_valid(f);
	assert_string_equal(f->p.region, "KZ-75");
	fill_valid(&f->p);
	f->p.region = "KZ-ALM"; /* split in 2022: maps to the part that kept the name */
	expect_valid(f);
	assert_string_equal(f->p.region, "KZ-19");
}

static void test_languages_forms(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "UZ, zh", "uz zh" }, { "uz zh", "uz zh" },
		{ "uz;zh", "uz zh" },  { "uz, ZH, uz", "uz zh" },
		{ " , ", NULL },       { "tl", "tl" },
		{ "ru", "ru" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		fill_valid(&f->p);
		f->p.languages = cases[i].in;
		expect_valid(f);
		if (cases[i].want)
			assert_string_equal(f->p.languages, cases[i].want);
		else
			assert_null(f->p.languages);
	}
}

/* ---- each field's failure names that field ---- */

static void test_family_name(void **state)
{
	struct fixture *f = *state;
	char long_name[101 * 2 + 1];
	const char *m_required, *m_long;

	f->p.family_name = NULL;
	expect_only_error(f, "family_name");
	m_required = msg(f, "family_name");

	fill_valid(&f->p);
	f->p.family_name = " \t ";
	expect_only_error(f, "family_name");

	/* 100 characters (200 bytes of Cyrillic) fit; 101 do not. */
	for (int i = 0; i < 101; i++)
		memcpy(long_name + 2 * i, "Ә", 2);
	long_name[202] = '\0';
	fill_valid(&f->p);
	f->p.family_name = long_name;
	expect_only_error(f, "family_name");
	m_long = msg(f, "family_name");
	assert_string_not_equal(m_long, m_required);
	fill_valid(&f->p);
	f->p.family_name = long_name + 2;
	expect_valid(f);

	static const char *const bad[] = {
		"Iva\nnov",           "Iva\rnov",    "Iva\tnov",
		"Ivan\x01ov",         "Ivan\x7fov",  "Ivan\xc2\x85ov",
		"Ivan\xef\xbb\xbfov", "Ivan\xc3(ov", "Ivan\xed\xa0\x80ov",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		fill_valid(&f->p);
		f->p.family_name = bad[i];
		expect_only_error(f, "family_name");
		assert_string_not_equal(msg(f, "family_name"), m_required);
		assert_string_not_equal(msg(f, "family_name"), m_long);
	}
}

static void test_other_names(void **state)
{
	struct fixture *f = *state;

	f->p.given_name = NULL;
	expect_only_error(f, "given_name");
	fill_valid(&f->p);
	f->p.patronymic = "a\nb";
	expect_only_error(f, "patronymic");
	fill_valid(&f->p);
	f->p.locality = "Алма\x02ты";
	expect_only_error(f, "locality");
}

static void test_sex(void **state)
{
	struct fixture *f = *state;

	f->p.sex = "x";
	expect_only_error(f, "sex");
	fill_valid(&f->p);
	f->p.sex = "Male"; /* codes are exact */
	expect_only_error(f, "sex");
	fill_valid(&f->p);
	f->p.sex = NULL;
	expect_only_error(f, "sex");
}

static void test_birth_date(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
		"2020-02-30", "1899", "1899-12-31", "2027",  "2026-11-26",
		"2027-01-01", "20xx", "199",        "19900", "1990-5-17",
		"17.05.1990", "-990", "+990",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		fill_valid(&f->p);
		f->p.birth_date = bad[i];
		f->p.arrival_date = NULL;
		expect_only_error(f, "birth_date");
	}
	static const char *const good[] = { "1990", "1900", "2026", TODAY, "2024-02-29" };
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		fill_valid(&f->p);
		f->p.birth_date = good[i];
		f->p.arrival_date = NULL;
		expect_valid(f);
	}
	/* A future date and a malformed one are told apart. */
	fill_valid(&f->p);
	f->p.birth_date = "2020-02-30";
	f->p.arrival_date = NULL;
	expect_error(f, "birth_date");
	const char *m_format = msg(f, "birth_date");
	fill_valid(&f->p);
	f->p.birth_date = "2027-01-01";
	f->p.arrival_date = NULL;
	expect_error(f, "birth_date");
	assert_string_not_equal(msg(f, "birth_date"), m_format);
}

static void test_countries_and_status(void **state)
{
	struct fixture *f = *state;

	f->p.citizenship = "XX";
	expect_only_error(f, "citizenship");
	fill_valid(&f->p);
	f->p.citizenship = "xk"; /* not an ISO 3166-1 code */
	expect_only_error(f, "citizenship");
	fill_valid(&f->p);
	f->p.citizenship = "UZB";
	expect_only_error(f, "citizenship");
	fill_valid(&f->p);
	f->p.country_of_origin = "ZZ";
	expect_only_error(f, "country_of_origin");
	fill_valid(&f->p);
	f->p.legal_status = "tourist";
	expect_only_error(f, "legal_status");
	fill_valid(&f->p);
	f->p.region = "KZ-99";
	expect_only_error(f, "region");
	fill_valid(&f->p);
	f->p.region = "Almaty";
	expect_only_error(f, "region");
}

static void test_arrival(void **state)
{
	struct fixture *f = *state;

	f->p.arrival_date = "1989-12-31"; /* born 1990-05-17 */
	expect_only_error(f, "arrival_date");
	const char *m_before = msg(f, "arrival_date");
	fill_valid(&f->p);
	f->p.arrival_date = "1990-05-16";
	expect_only_error(f, "arrival_date");
	fill_valid(&f->p);
	f->p.arrival_date = "1990-05-17"; /* born on arrival */
	expect_valid(f);

	/* With only a birth year, any day of that year will do. */
	fill_valid(&f->p);
	f->p.birth_date = "1990";
	f->p.arrival_date = "1990-01-01";
	expect_valid(f);
	fill_valid(&f->p);
	f->p.birth_date = "1990";
	f->p.arrival_date = "1989-12-31";
	expect_only_error(f, "arrival_date");

	fill_valid(&f->p);
	f->p.arrival_date = "2026-11-26";
	expect_only_error(f, "arrival_date");
	assert_string_not_equal(msg(f, "arrival_date"), m_before);
	fill_valid(&f->p);
	f->p.arrival_date = "2015-02-29";
	expect_only_error(f, "arrival_date");
}

static void test_phone(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
		"+7 701 abc 45 67", /* letters */
		"1234",             /* too few digits */
		"12-34",
		"7+7011234567",             /* + not first */
		"+7 701 123 45 67 89 01 2", /* 16 digits */
		"+7/701/1234567",
		"+7.701.123.45.67",
		"+7 701\n1234567",
		"(((((((((((((((12345)))))))))))",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		fill_valid(&f->p);
		f->p.phone = bad[i];
		expect_only_error(f, "phone");
	}
	static const char *const good[] = { "12345", "+77011234567", "8 (701) 123-45-67" };
	for (size_t i = 0; i < ARRAY_SIZE(good); i++) {
		fill_valid(&f->p);
		f->p.phone = good[i];
		expect_valid(f);
	}
}

static void test_language_fields(void **state)
{
	struct fixture *f = *state;

	f->p.lang_kk = "expert";
	expect_only_error(f, "lang_kk");
	fill_valid(&f->p);
	f->p.lang_ru = "Fluent";
	expect_only_error(f, "lang_ru");
	fill_valid(&f->p);
	f->p.languages = "zz";
	expect_only_error(f, "languages");
	fill_valid(&f->p);
	f->p.languages = "uz, uzb";
	expect_only_error(f, "languages");
	fill_valid(&f->p);
	f->p.languages = "a b c d e f g h i j k l"; /* not codes anyway */
	expect_only_error(f, "languages");
	fill_valid(&f->p);
	f->p.languages = "ar az be bg cs de el en es fa fr"; /* 11 codes: more than 10 */
	expect_only_error(f, "languages");
}

static void test_categories(void **state)
{
	struct fixture *f = *state;

	f->p.categories[1] = "tourist";
	expect_only_error(f, "categories");
	fill_valid(&f->p);
	f->p.categories[0] = "Refugee";
	expect_only_error(f, "categories");
}

static void test_child_status(void **state)
{
	struct fixture *f = *state;

	f->p.child_status = "unaccompanied"; /* the person is 36 */
	expect_only_error(f, "child_status");
	fill_valid(&f->p);
	f->p.birth_date = "1986-01-01";
	f->p.arrival_date = NULL;
	f->p.child_status = "separated";
	expect_only_error(f, "child_status");
	fill_valid(&f->p);
	f->p.birth_date = "2015-06-01";
	f->p.arrival_date = "2020-01-01";
	f->p.child_status = "unaccompanied";
	expect_valid(f);
	fill_valid(&f->p);
	f->p.child_status = "orphan";
	expect_only_error(f, "child_status");
}

static void test_household_relation(void **state)
{
	struct fixture *f = *state;

	f->p.household_id = 0;
	expect_only_error(f, "household_relation");
	const char *m_no_household = msg(f, "household_relation");
	fill_valid(&f->p);
	f->p.household_relation = "cousin";
	expect_only_error(f, "household_relation");
	assert_string_not_equal(msg(f, "household_relation"), m_no_household);
	fill_valid(&f->p);
	f->p.household_relation = NULL; /* in a household without a stated relation */
	expect_valid(f);
}

static void test_documents(void **state)
{
	struct fixture *f = *state;

	f->p.docs[0].type = NULL;
	expect_only_error(f, "documents[0].type");
	fill_valid(&f->p);
	f->p.docs[1].type = "visa";
	expect_only_error(f, "documents[1].type");
	fill_valid(&f->p);
	f->p.docs[0].number = "!!!";
	expect_only_error(f, "documents[0].number");
	fill_valid(&f->p);
	f->p.docs[1].number = NULL;
	expect_only_error(f, "documents[1].number");
	fill_valid(&f->p);
	f->p.docs[1].number = "AB\n12";
	expect_only_error(f, "documents[1].number");
	fill_valid(&f->p);
	f->p.docs[0].expires_on = "2014-01-10"; /* issued 2015-01-10 */
	expect_only_error(f, "documents[0].expires_on");
	const char *m_order = msg(f, "documents[0].expires_on");
	fill_valid(&f->p);
	f->p.docs[0].expires_on = "2015-01-10"; /* the same day */
	expect_only_error(f, "documents[0].expires_on");
	fill_valid(&f->p);
	f->p.docs[0].issued_on = "2027-01-01";
	f->p.docs[0].expires_on = "2037-01-01";
	expect_only_error(f, "documents[0].issued_on");
	fill_valid(&f->p);
	f->p.docs[0].expires_on = "2040-02-30";
	expect_only_error(f, "documents[0].expires_on");
	assert_string_not_equal(msg(f, "documents[0].expires_on"), m_order);
	fill_valid(&f->p);
	f->p.docs[0].country = "XX";
	expect_only_error(f, "documents[0].country");
	fill_valid(&f->p);
	f->p.docs[0].expires_on = "2036-01-01"; /* expiring in the future is fine */
	expect_valid(f);
}

/* One bad value does not hide the others: every field is checked. */
static void test_errors_accumulate(void **state)
{
	struct fixture *f = *state;

	f->p.family_name = NULL;
	f->p.sex = "x";
	f->p.birth_date = "2020-02-30";
	f->p.arrival_date = NULL;
	f->p.citizenship = "XX";
	f->p.legal_status = "unknown";
	f->p.region = "KZ-00";
	f->p.phone = "call me";
	f->p.lang_kk = "lots";
	f->p.languages = "zz";
	f->p.categories[0] = "nope";
	f->p.household_relation = "cousin";
	f->p.docs[0].number = "!!!";
	f->p.docs[1].type = NULL;
	assert_int_equal(validate(f), K_EINVAL);
	static const char *const fields[] = {
		"family_name",
		"sex",
		"birth_date",
		"citizenship",
		"legal_status",
		"region",
		"phone",
		"lang_kk",
		"languages",
		"categories",
		"household_relation",
		"documents[0].number",
		"documents[1].type",
	};
	for (size_t i = 0; i < ARRAY_SIZE(fields); i++)
		if (!field_error_for(&f->e, fields[i]))
			fail_msg("no error for %s", fields[i]);
	assert_int_equal(f->e.n, ARRAY_SIZE(fields));
	assert_null(field_error_for(&f->e, "given_name"));
}

static void test_field_errors(void **state)
{
	(void)state;
	struct field_errors e = { 0 };

	field_error_add(&e, "a", "first");
	field_error_add(&e, "a", "second"); /* the first problem is the one shown */
	assert_int_equal(e.n, 1);
	assert_string_equal(field_error_for(&e, "a"), "first");
	assert_null(field_error_for(&e, "b"));
	/* Never more than the array holds. */
	char names[FIELD_ERRORS_MAX + 5][8];
	for (int i = 0; i < FIELD_ERRORS_MAX + 5; i++) {
		snprintf(names[i], sizeof(names[i]), "f%d", i);
		field_error_add(&e, names[i], "x");
	}
	assert_int_equal(e.n, FIELD_ERRORS_MAX);
}

/* ---- protection ---- */

static void test_protected(void **state)
{
	struct fixture *f = *state;
	static const char *const protected_codes[] = {
		"trafficking_victim",
		"forced_labour_victim",
		"persecution_victim",
	};
	static const char *const open_codes[] = {
		"kandas", "kandas_candidate", "refugee", "asylum_seeker", "labour_migrant",
	};

	for (size_t i = 0; i < ARRAY_SIZE(protected_codes); i++) {
		struct person p = { .categories = { protected_codes[i] }, .ncategories = 1 };
		assert_true(person_is_protected(&p));
		struct person q = { .categories = { "kandas", protected_codes[i] },
				    .ncategories = 2 };
		assert_true(person_is_protected(&q));
		/* Validation marks the record restricted. */
		fill_valid(&f->p);
		f->p.categories[3] = protected_codes[i];
		expect_valid(f);
		assert_true(f->p.restricted);
	}
	for (size_t i = 0; i < ARRAY_SIZE(open_codes); i++) {
		struct person p = { .categories = { open_codes[i] }, .ncategories = 1 };
		assert_false(person_is_protected(&p));
	}
	struct person none = { 0 };
	assert_false(person_is_protected(&none));
	struct person unknown = { .categories = { "not_a_code" }, .ncategories = 1 };
	assert_false(person_is_protected(&unknown));
	assert_true(person_has_category(
	    &(struct person){ .categories = { "a", "kandas" }, .ncategories = 2 }, "kandas"));
	assert_false(person_has_category(&none, "kandas"));
}

/* ---- derived names and keys ---- */

static void test_kazakh_name(void **state)
{
	struct fixture *f = *state;
	struct person p = { .family_name = "Тұрсынбаев", .given_name = "Нұрсұлтан" };

	assert_string_equal(person_passport(&f->a, &p), "Tursynbaev Nursultan");
	assert_string_equal(person_latin2021(&f->a, &p), "Tūrsynbaev Nūrsūltan");
	const char *key = person_name_key(&f->a, &p);
	assert_non_null(strstr(key, "tursynbaev nursultan"));
	assert_int_equal(key[0], ' '); /* padded, so that a search can anchor on words */
	assert_int_equal(key[strlen(key) - 1], ' ');

	/* The same person typed in Latin has the same key words. */
	struct person latin = { .family_name = "TURSYNBAEV", .given_name = "Nursultan" };
	assert_non_null(strstr(person_name_key(&f->a, &latin), "tursynbaev nursultan"));

	/* The patronymic follows the given name; the original spelling is in the key. */
	struct person full = { .family_name = "Тұрсынбаев",
			       .given_name = "Нұрсұлтан",
			       .patronymic = "Әбілұлы",
			       .name_original = "Турсунбаев" };
	assert_string_equal(person_passport(&f->a, &full), "Tursynbaev Nursultan Abiluly");
	key = person_name_key(&f->a, &full);
	assert_non_null(strstr(key, "tursynbaev nursultan abiluly"));
	assert_non_null(strstr(key, "tursunbaev"));
}

static void test_doc_key(void **state)
{
	struct fixture *f = *state;

	assert_string_equal(person_doc_key(&f->a, "fa 123-4567"), "FA1234567");
	assert_string_equal(person_doc_key(&f->a, " N\t01/23.45 "), "N012345");
	assert_string_equal(person_doc_key(&f->a, "!!!"), "");
	assert_string_equal(person_doc_key(&f->a, ""), "");
	/* Only ASCII letters and digits count. */
	assert_string_equal(person_doc_key(&f->a, "№ АБ 12"), "12");
}

static void test_field_text(void **state)
{
	struct fixture *f = *state;
	struct person *p = &f->p;

	expect_valid(f);
	assert_string_equal(person_field_text(&f->a, p, "family_name"), "Тұрсынбаев");
	assert_string_equal(person_field_text(&f->a, p, "region"), "KZ-75");
	assert_string_equal(person_field_text(&f->a, p, "disability"), "yes");
	assert_string_equal(person_field_text(&f->a, p, "household_id"), "5");
	assert_null(person_field_text(&f->a, p, "no_such_field"));
	const char *cats = person_field_text(&f->a, p, "categories");
	assert_non_null(cats);
	assert_true(strstr(cats, "kandas") < strstr(cats, "labour_migrant"));
	assert_true(strstr(cats, "labour_migrant") < strstr(cats, "refugee"));
	/* Documents: type, number, country and expiry, one after another. */
	const char *docs = person_field_text(&f->a, p, "documents");
	assert_non_null(docs);
	assert_non_null(strstr(docs, "passport FA 123-4567 UZ"));
	assert_non_null(strstr(docs, "2025-01-10"));
	assert_non_null(strstr(docs, "kandas_certificate K-77"));
	assert_true(strstr(docs, "passport") < strstr(docs, "kandas_certificate"));

	struct person empty = { 0 };
	assert_null(person_field_text(&f->a, &empty, "categories"));
	assert_null(person_field_text(&f->a, &empty, "documents"));
	assert_null(person_field_text(&f->a, &empty, "household_id"));
	assert_string_equal(person_field_text(&f->a, &empty, "disability"), "no");

	/* Every tracked field has an answer for a full record (or NULL when not given). */
	for (const char *const *name = person_fields; *name; name++)
		(void)person_field_text(&f->a, p, *name);
}

/* person.h documents the history text of categories as the codes joined by ", ". */
static void test_field_text_categories(void **state)
{
	struct fixture *f = *state;

	expect_valid(f);
	assert_string_equal(person_field_text(&f->a, &f->p, "categories"),
			    "kandas, labour_migrant, refugee");
	struct person one = { .categories = { "refugee" }, .ncategories = 1 };
	assert_string_equal(person_field_text(&f->a, &one, "categories"), "refugee");
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_valid_normalised),
		T(test_minimal_valid),
		T(test_region_forms),
		T(test_languages_forms),
		T(test_family_name),
		T(test_other_names),
		T(test_sex),
		T(test_birth_date),
		T(test_countries_and_status),
		T(test_arrival),
		T(test_phone),
		T(test_language_fields),
		T(test_categories),
		T(test_child_status),
		T(test_household_relation),
		T(test_documents),
		T(test_errors_accumulate),
		T(test_field_errors),
		T(test_protected),
		T(test_kazakh_name),
		T(test_doc_key),
		T(test_field_text),
		T(test_field_text_categories),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
