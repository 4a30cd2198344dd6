/* test_form.c: unit tests for URL decoding and urlencoded form bodies (src/http/form.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "http/request.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int setup(void **state)
{
	struct arena *a = malloc(sizeof(*a));
	if (!a)
		return -1;
	arena_init(a);
	*state = a;
	return 0;
}

static int teardown(void **state)
{
	struct arena *a = *state;
	arena_release(a);
	free(a);
	return 0;
}

/* Parses a body from a heap copy of exactly its length, with no NUL after it, so that a
 * read past the end is caught by the sanitizers. */
static int parse(struct arena *a, const char *body, struct form *f)
{
	size_t len = strlen(body);
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, body, len);
	int rc = form_parse(a, copy, len, f);
	free(copy);
	return rc;
}

static void expect_field(const struct form *f, size_t i, const char *name, const char *value)
{
	assert_true(i < f->n);
	assert_string_equal(f->f[i].name, name);
	assert_string_equal(f->f[i].value, value);
}

static void expect_rejected(struct arena *a, const char *body)
{
	struct form f;
	if (parse(a, body, &f) != K_EINVAL)
		fail_msg("accepted \"%s\"", body);
}

static void test_pairs(void **state)
{
	struct arena *a = *state;
	struct form f;

	assert_int_equal(parse(a, "a=1&b=2&family_name=Ivanov", &f), 0);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "a", "1");
	expect_field(&f, 1, "b", "2");
	expect_field(&f, 2, "family_name", "Ivanov");

	assert_int_equal(parse(a, "", &f), 0);
	assert_int_equal(f.n, 0);
}

static void test_plus_and_escapes(void **state)
{
	struct arena *a = *state;
	struct form f;

	assert_int_equal(parse(a, "name=John+Smith&q=a%2Bb&s=%20+%20", &f), 0);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "name", "John Smith");
	expect_field(&f, 1, "q", "a+b"); /* an encoded plus is a plus */
	expect_field(&f, 2, "s", "   ");

	/* Upper- and lower-case hex, in keys and values. */
	assert_int_equal(parse(a, "x=%41%62%2f%2F&%6b%65%79=%3d%3D&%D0%90=%d2%9b", &f), 0);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "x", "Ab//");
	expect_field(&f, 1, "key", "==");
	expect_field(&f, 2, "А", "қ");

	/* Raw UTF-8 passes as is; '=' after the first belongs to the value. */
	assert_int_equal(parse(a, "n=Нұрсұлтан&e=a=b=c&k%3Dx=y", &f), 0);
	expect_field(&f, 0, "n", "Нұрсұлтан");
	expect_field(&f, 1, "e", "a=b=c");
	expect_field(&f, 2, "k=x", "y"); /* split on the raw '=', then decoded */

	/* Tab, newline and CR are allowed in text (textareas). */
	assert_int_equal(parse(a, "note=line1%0D%0Aline2%09end", &f), 0);
	expect_field(&f, 0, "note", "line1\r\nline2\tend");
}

static void test_repeated_and_empty(void **state)
{
	struct arena *a = *state;
	struct form f;

	assert_int_equal(parse(a, "categories=refugee&categories=kandas&categories=refugee", &f),
			 0);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "categories", "refugee");
	expect_field(&f, 1, "categories", "kandas");
	expect_field(&f, 2, "categories", "refugee");

	assert_int_equal(parse(a, "a=&b=", &f), 0);
	assert_int_equal(f.n, 2);
	expect_field(&f, 0, "a", "");
	expect_field(&f, 1, "b", "");

	assert_int_equal(parse(a, "flag&x=1&other", &f), 0);
	assert_int_equal(f.n, 3);
	expect_field(&f, 0, "flag", "");
	expect_field(&f, 1, "x", "1");
	expect_field(&f, 2, "other", "");

	assert_int_equal(parse(a, "a=1&&b=2&", &f), 0);
	assert_int_equal(f.n, 2);
	expect_field(&f, 0, "a", "1");
	expect_field(&f, 1, "b", "2");

	assert_int_equal(parse(a, "&&&", &f), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(parse(a, "&", &f), 0);
	assert_int_equal(f.n, 0);
}

static void test_malformed_escapes(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
		"a=%",    "a=%4", "a=x%",  "a=%4&b=1", "a=%G1",    "a=%1G", "a=%%41", "a=%-1",
		"a=% 41", "%=1",  "%zz=1", "k%4=v",    "a=1&b=%g", "a=%0",  "a=%x0",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(a, bad[i]);
}

static void test_nul_and_controls(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
		"a=%00",       "a=x%00y",     "%00=1", "a%00b=1",  "a=%01",
		"a=%1F",       "a=%1b%5B31m", "a=%7F", "a=%C2%80", /* C1 control */
		"a=%EF%BB%BF",                                     /* BOM */
		"a=\x01",                                          /* raw control */
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(a, bad[i]);

	/* A NUL byte in the raw body (not escaped) is refused too. */
	struct form f;
	static const char body[] = { 'a', '=', 'x', '\0', 'y' };
	assert_int_equal(form_parse(a, body, sizeof(body), &f), K_EINVAL);
}

static void test_invalid_utf8(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
		"a=%C3%28",                                     /* bad continuation */
		"a=%C3",                                        /* truncated */
		"a=%E2%82",       "a=%C0%AF",                   /* overlong '/' */
		"a=%E0%80%AF",                                  /* overlong, 3 bytes */
		"a=%F0%80%80%AF",                               /* overlong, 4 bytes */
		"a=%ED%A0%80",                                  /* surrogate */
		"a=%ED%BF%BF",    "a=%F4%90%80%80",             /* past U+10FFFF */
		"a=%FF",          "a=%80",          "%C3%28=v", /* in a key */
		"a=\xc3\x28",                                   /* raw, not escaped */
		"a=\xed\xa0\x80",
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		expect_rejected(a, bad[i]);
}

static void test_field_limit(void **state)
{
	struct arena *a = *state;
	struct buf b;
	struct form f;

	buf_init(&b, 1u << 20);
	for (int i = 0; i < HTTP_FORM_FIELDS_MAX; i++)
		assert_int_equal(buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i), 0);
	assert_int_equal(form_parse(a, b.data, b.len, &f), 0);
	assert_int_equal(f.n, HTTP_FORM_FIELDS_MAX);
	expect_field(&f, 0, "f0", "0");
	expect_field(&f, HTTP_FORM_FIELDS_MAX - 1, "f255", "255");

	assert_int_equal(buf_puts(&b, "&one=more"), 0);
	assert_int_equal(form_parse(a, b.data, b.len, &f), K_EINVAL);

	/* A body of separators alone is refused before any work, however long. */
	buf_reset(&b);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(buf_putc(&b, '&'), 0);
	assert_int_equal(form_parse(a, b.data, b.len, &f), K_EINVAL);
	buf_release(&b);
}

static void test_one_mib_body(void **state)
{
	struct arena *a = *state;
	const size_t len = HTTP_BODY_MAX;
	char *body = malloc(len);
	struct form f;

	assert_non_null(body);
	/* One field that fills the whole body. */
	memcpy(body, "note=", 5);
	memset(body + 5, 'x', len - 5);
	assert_int_equal(form_parse(a, body, len, &f), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.f[0].name, "note");
	assert_int_equal(strlen(f.f[0].value), len - 5);

	/* The same size made of escapes: a third of it once decoded. */
	memcpy(body, "note=", 5);
	size_t used = 5;
	while (used + 6 <= len) {
		memcpy(body + used, "%D0%90", 6); /* А */
		used += 6;
	}
	assert_int_equal(form_parse(a, body, used, &f), 0);
	assert_int_equal(f.n, 1);
	assert_int_equal(strlen(f.f[0].value), (used - 5) / 3);
	assert_int_equal(utf8_len(f.f[0].value), (used - 5) / 6);

	/* 256 fields of 4 KiB each. */
	size_t o = 0;
	for (int k = 0; k < HTTP_FORM_FIELDS_MAX; k++) {
		if (k)
			body[o++] = '&';
		memcpy(body + o, "k=", 2);
		o += 2;
		memset(body + o, 'a' + k % 26, 4000);
		o += 4000;
	}
	assert_true(o <= len);
	assert_int_equal(form_parse(a, body, o, &f), 0);
	assert_int_equal(f.n, HTTP_FORM_FIELDS_MAX);
	assert_int_equal(strlen(f.f[255].value), 4000);
	assert_int_equal(f.f[255].value[0], 'a' + 255 % 26);
	free(body);
}

static void test_url_decode(void **state)
{
	struct arena *a = *state;

	assert_string_equal(url_decode(a, "a%20b+c", 7), "a b c");
	assert_string_equal(url_decode(a, "", 0), "");
	/* Only n bytes are read, whatever follows. */
	assert_string_equal(url_decode(a, "abc%41", 3), "abc");
	assert_null(url_decode(a, "ab%41", 4)); /* the escape is cut by n */
	assert_null(url_decode(a, "ab%4", 4));
	assert_null(url_decode(a, "%", 1));
	assert_null(url_decode(a, "%00", 3));
	assert_null(url_decode(a, "%C3%28", 6));
	assert_null(url_decode(a, "%C0%AF", 6));
	assert_null(url_decode(a, "%ED%A0%80", 9));
	assert_string_equal(url_decode(a, "%D2%9B%d2%9b", 12), "ққ");
	assert_string_equal(url_decode(a, "%25%32%30", 9), "%20"); /* decoded once only */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_pairs),
		T(test_plus_and_escapes),
		T(test_repeated_and_empty),
		T(test_malformed_escapes),
		T(test_nul_and_controls),
		T(test_invalid_utf8),
		T(test_field_limit),
		T(test_one_mib_body),
		T(test_url_decode),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
