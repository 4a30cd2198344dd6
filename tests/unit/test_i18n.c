/* test_i18n.c: unit tests for language choice and catalog lookup (src/base/i18n.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <string.h>

#include "base/i18n.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static void test_init(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	assert_int_equal(i18n_init(), 0); /* loading twice is harmless */
}

static void test_lang(void **state)
{
	(void)state;
	static const char *const langs[] = { "kk", "ru", "en" };
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++) {
		char copy[3];
		memcpy(copy, langs[i], 3);
		const char *l = i18n_lang(copy);
		assert_non_null(l);
		assert_string_equal(l, langs[i]);
		assert_ptr_not_equal(l, copy); /* a static string, not the caller's */
	}
	static const char *const bad[] = {
		"de", "kz", "", "k", "kkk", "en-US", "ru ", " en", "uz"
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (i18n_lang(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	assert_null(i18n_lang(NULL));
	assert_string_equal(i18n_lang(I18N_DEFAULT), "kk");
}

static void test_accept(void **state)
{
	(void)state;
	static const struct {
		const char *header, *want;
	} cases[] = {
		{ "ru-RU,ru;q=0.9,en;q=0.8", "ru" },
		{ "de, kk", "kk" },
		{ "kk", "kk" },
		{ "en", "en" },
		{ "EN-gb", "en" },
		{ "kk-KZ", "kk" },
		{ "de-DE,de;q=0.9,ru;q=0.5", "ru" },
		{ "fr;q=0.9, en;q=0.8", "en" },
		{ "  ,  , ru", "ru" },
		{ "*", NULL },
		{ "de, fr", NULL },
		{ "kkk, rus", NULL },
		{ "english", NULL },
		{ "k", NULL },
		{ "", NULL },
		{ ",,,", NULL },
		{ "\xff\xfe garbage ;;;", NULL },
		{ "x-klingon;q=1.0", NULL },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *got = i18n_accept(cases[i].header);
		if (!cases[i].want) {
			if (got)
				fail_msg("\"%s\" gave %s, want NULL", cases[i].header, got);
		} else if (!got || strcmp(got, cases[i].want) != 0) {
			fail_msg("\"%s\" gave %s, want %s", cases[i].header, got ? got : "NULL",
				 cases[i].want);
		}
	}
	assert_null(i18n_accept(NULL));
}

/* q=0 means "not acceptable" (RFC 9110 §12.4.2): a language refused outright must not be
 * chosen, even when it is listed first. */
static void test_accept_q_zero(void **state)
{
	(void)state;
	assert_null(i18n_accept("kk;q=0, de"));
	const char *l = i18n_accept("ru;q=0, en");
	assert_non_null(l);
	assert_string_equal(l, "en");
	/* Whitespace around the parameter, an upper-case Q, other parameters, 0.000: all refuse
	 * (RFC 9110 §12.4.2); the fuzzer found the first. */
	static const char *const refusals[] = { "kk; q=0, ru", "kk;q=0\t, ru", "kk;Q=0, ru",
						"kk ;q=0.5;q=0, ru", "kk;q=0.000, ru" };
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		l = i18n_accept(refusals[i]);
		assert_non_null(l);
		assert_string_equal(l, "ru");
	}
	l = i18n_accept("\tkk ;q=0.5, ru");
	assert_non_null(l);
	assert_string_equal(l, "kk");
}

static void test_tr(void **state)
{
	(void)state;
	static const char id[] = "A message id that no catalog has";
	static const char *const langs[] = { "kk", "ru", "en" };

	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		assert_ptr_equal(i18n_tr(langs[i], id), id);
	assert_ptr_equal(i18n_tr(NULL, id), id);
	assert_ptr_equal(i18n_tr("de", id), id);
	assert_null(i18n_tr("ru", NULL));
	assert_null(i18n_tr(NULL, NULL));

	/* Catalogs are being filled in: if a translation exists, it is a real string. */
	static const char *const ids[] = { "Log in", "Log out", "Save" };
	for (size_t l = 0; l < ARRAY_SIZE(langs); l++) {
		for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
			const char *t = i18n_tr(langs[l], ids[i]);
			assert_non_null(t);
			if (strcmp(t, ids[i]) != 0)
				assert_true(strlen(t) > 0);
		}
	}
	const char *ru = i18n_tr("ru", "Log in");
	if (strcmp(ru, "Log in") != 0)
		assert_true(ru[0] != '\0');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),   cmocka_unit_test(test_lang),
		cmocka_unit_test(test_accept), cmocka_unit_test(test_accept_q_zero),
		cmocka_unit_test(test_tr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
