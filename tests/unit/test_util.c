/* test_util.c: unit tests for parsing, UTF-8 and date checks, bounded buffers and the arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/util.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- parse_i64 ---- */

static void parse_ok(const char *s, int64_t min, int64_t max, int64_t want)
{
	int64_t v = 12345;

	assert_int_equal(parse_i64(s, min, max, &v), 0);
	assert_true(v == want);
}

/* A refused input must leave *out alone, so a caller's default survives. */
static void parse_bad(const char *s, int64_t min, int64_t max)
{
	int64_t v = 12345;

	assert_int_equal(parse_i64(s, min, max, &v), -1);
	assert_true(v == 12345);
}

static void test_parse_i64_valid(void **state)
{
	(void)state;
	parse_ok("0", INT64_MIN, INT64_MAX, 0);
	parse_ok("7", 0, 10, 7);
	parse_ok("-5", -10, 10, -5);
	parse_ok("-0", -10, 10, 0);
	parse_ok("10", 0, 10, 10); /* bounds are inclusive */
	parse_ok("-10", -10, 10, -10);
	parse_ok("9223372036854775807", INT64_MIN, INT64_MAX, INT64_MAX);
	parse_ok("-9223372036854775808", INT64_MIN, INT64_MAX, INT64_MIN);
}

static void test_parse_i64_invalid(void **state)
{
	(void)state;
	int64_t v = 1;

	assert_int_equal(parse_i64(NULL, 0, 10, &v), -1);
	parse_bad("", INT64_MIN, INT64_MAX);
	parse_bad("+1", INT64_MIN, INT64_MAX);
	parse_bad(" 1", INT64_MIN, INT64_MAX);
	parse_bad("1 ", INT64_MIN, INT64_MAX);
	parse_bad("\t1", INT64_MIN, INT64_MAX);
	parse_bad("1\n", INT64_MIN, INT64_MAX);
	parse_bad("-", INT64_MIN, INT64_MAX);
	parse_bad("--1", INT64_MIN, INT64_MAX);
	parse_bad("1-2", INT64_MIN, INT64_MAX);
	parse_bad("0x10", INT64_MIN, INT64_MAX);
	parse_bad("1e3", INT64_MIN, INT64_MAX);
	parse_bad("1.0", INT64_MIN, INT64_MAX);
	parse_bad("١٢", INT64_MIN, INT64_MAX); /* Arabic-Indic digits */
	/* Overflow in either direction. */
	parse_bad("9223372036854775808", INT64_MIN, INT64_MAX);
	parse_bad("-9223372036854775809", INT64_MIN, INT64_MAX);
	parse_bad("99999999999999999999999999", INT64_MIN, INT64_MAX);
	/* Outside the asked-for range. */
	parse_bad("11", 0, 10);
	parse_bad("-1", 0, 10);
	parse_bad("-11", -10, 10);
}

/* ---- utf8_valid_text ---- */

static bool valid_s(const char *s)
{
	return utf8_valid_text(s, strlen(s));
}

static void test_utf8_valid(void **state)
{
	(void)state;
	assert_true(utf8_valid_text("", 0));
	assert_true(valid_s("plain ASCII, with punctuation!~"));
	assert_true(valid_s("tab\tnewline\ncr\r"));
	assert_true(valid_s("Тұрсынбаев Нұрсұлтан"));
	assert_true(valid_s("中文 한국어 日本語"));
	assert_true(valid_s("\xc2\xa0"));         /* U+00A0, first after the C1 block */
	assert_true(valid_s("\xc2\xa9"));         /* © */
	assert_true(valid_s("\xe0\xa0\x80"));     /* U+0800, smallest 3-byte */
	assert_true(valid_s("\xed\x9f\xbf"));     /* U+D7FF, just below the surrogates */
	assert_true(valid_s("\xee\x80\x80"));     /* U+E000, just above them */
	assert_true(valid_s("\xef\xbb\xbe"));     /* U+FEFE, next to the BOM */
	assert_true(valid_s("\xf0\x90\x80\x80")); /* U+10000, smallest 4-byte */
	assert_true(valid_s("\xf0\x9f\x98\x80")); /* an emoji */
	assert_true(valid_s("\xf4\x8f\xbf\xbf")); /* U+10FFFF, the last code point */
}

static void test_utf8_invalid_sequences(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", /* lone continuation bytes */
		"\xbf",
		"a\x80z",
		"\xc3",     /* truncated 2-byte */
		"\xc3(",    /* bad continuation */
		"\xe2\x82", /* truncated 3-byte */
		"\xe2(\xa1",
		"\xe2\x82(",
		"\xf0\x9f\x98", /* truncated 4-byte */
		"\xf0(\x8c\xbc",
		"\xf0\x9f(\xbc",
		"\xf0\x9f\x98(",
		"\xc0\xaf",                 /* overlong '/' */
		"\xc0\x80",                 /* overlong NUL */
		"\xc1\xbf",                 /* overlong 0x7f */
		"\xe0\x80\xaf",             /* overlong 3-byte '/' */
		"\xe0\x9f\xbf",             /* overlong U+07FF */
		"\xf0\x80\x80\xaf",         /* overlong 4-byte '/' */
		"\xf0\x8f\xbf\xbf",         /* overlong U+FFFF */
		"\xed\xa0\x80",             /* U+D800, high surrogate */
		"\xed\xaf\xbf",             /* U+DBFF */
		"\xed\xb0\x80",             /* U+DC00, low surrogate */
		"\xed\xbf\xbf",             /* U+DFFF */
		"\xed\xa0\xbd\xed\xb8\x80", /* a CESU-8 surrogate pair */
		"\xf4\x90\x80\x80",         /* U+110000 */
		"\xf5\x80\x80\x80",         /* leads that can only start values past U+10FFFF */
		"\xf7\xbf\xbf\xbf",
		"\xf8\x88\x80\x80\x80",     /* 5-byte form */
		"\xfc\x84\x80\x80\x80\x80", /* 6-byte form */
		"\xfe",
		"\xff",
		"\xef\xbb\xbf",     /* BOM */
		"name\xef\xbb\xbf", /* BOM anywhere */
		"\xc2\x80",         /* U+0080, C1 control */
		"\xc2\x85",         /* NEL */
		"\xc2\x9f",         /* U+009F, last C1 control */
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		if (valid_s(bad[i]))
			fail_msg("accepted invalid sequence #%zu", i);
	}
}

static void test_utf8_controls(void **state)
{
	(void)state;
	/* Every single byte: only printable ASCII and \t \n \r pass. */
	for (int c = 0; c < 256; c++) {
		char s[1] = { (char)c };
		bool want = (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
		if (utf8_valid_text(s, 1) != want)
			fail_msg("byte 0x%02x: want %d", c, want);
	}
	/* NUL inside the counted length is refused, even though strlen would stop there. */
	assert_false(utf8_valid_text("ab\0cd", 5));
	assert_true(utf8_valid_text("ab\0cd", 2));
	/* The length is honoured: a sequence cut by n is truncated. */
	assert_false(utf8_valid_text("\xd0\x90", 1));
	assert_true(utf8_valid_text("\xd0\x90", 2));
	assert_false(utf8_valid_text("x\xf0\x9f\x98\x80", 4));
}

static void test_utf8_len(void **state)
{
	(void)state;
	assert_int_equal(utf8_len(""), 0);
	assert_int_equal(utf8_len("abc"), 3);
	assert_int_equal(utf8_len("Нұр"), 3);
	assert_int_equal(utf8_len("a\xf0\x9f\x98\x80z"), 3);
}

/* ---- date_valid ---- */

static void test_date_valid(void **state)
{
	(void)state;
	static const char *const good[] = {
		"2000-02-29", /* divisible by 400: leap */
		"2024-02-29", /* divisible by 4: leap */
		"1900-01-01", "2100-12-31", "2026-11-25", "2026-01-31",
		"2026-04-30", "2026-12-31", "1996-02-29",
	};
	static const char *const bad[] = {
		"1900-02-29", /* divisible by 100 but not 400: not leap */
		"2100-02-29", "2023-02-29", "2026-02-30",  "2026-04-31",
		"2026-13-01",                            /* month 13 */
		"2026-00-10",                            /* month 0 */
		"2026-01-00",                            /* day 0 */
		"2026-01-32", "1899-12-31",              /* outside 1900..2100 */
		"2101-01-01", "0000-01-01", "2026-1-01", /* wrong lengths */
		"2026-01-1",  "26-01-01",   "2026-01-011", "2026-11-25T00:00",
		"20260125",   "2026/01/25", "2026-0a-25",  " 2026-01-25",
		"+026-01-25", "-026-01-25", "2026--1-25",  "",
		"1990",       "20xx-01-01",
	};
	for (size_t i = 0; i < ARRAY_SIZE(good); i++)
		if (!date_valid(good[i]))
			fail_msg("refused %s", good[i]);
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++)
		if (date_valid(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
	assert_false(date_valid(NULL));
}

static void test_time_helpers(void **state)
{
	(void)state;
	char iso[21], day[11], hex[9];
	static const unsigned char bytes[] = { 0x00, 0x7f, 0xab, 0xff };

	time_iso(0, iso);
	assert_string_equal(iso, "1970-01-01T00:00:00Z");
	time_iso(1795564800, iso); /* 2026-11-25 */
	assert_string_equal(iso, "2026-11-25T00:00:00Z");
	date_today(day);
	assert_true(date_valid(day));
	hex_encode(bytes, sizeof(bytes), hex);
	assert_string_equal(hex, "007fabff");
	assert_string_equal(k_strerror(K_ENOTFOUND), "not found");
	assert_string_equal(k_strerror(12345), "unknown error");
}

/* ---- buf ---- */

static void test_buf_ceiling(void **state)
{
	(void)state;
	struct buf b;

	buf_init(&b, 10);
	assert_int_equal(buf_append(&b, "0123456789", 10), 0); /* exactly the maximum */
	assert_int_equal(b.len, 10);
	assert_false(b.overflow);
	assert_int_equal(buf_putc(&b, 'x'), -1);
	assert_true(b.overflow);
	/* Content is unchanged and still terminated. */
	assert_int_equal(b.len, 10);
	assert_string_equal(b.data, "0123456789");
	/* Overflow is sticky: nothing more goes in, even what would fit after a reset. */
	assert_int_equal(buf_append(&b, "", 0), -1);
	buf_reset(&b);
	assert_false(b.overflow);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	assert_int_equal(buf_puts(&b, "abc"), 0);
	assert_int_equal(buf_puts(&b, "defghijk"), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "abc");
	buf_release(&b);
	assert_null(b.data);
	assert_int_equal(b.max, 10); /* the buffer can be reused with the same ceiling */
}

static void test_buf_huge_append(void **state)
{
	(void)state;
	struct buf b;

	/* A length near SIZE_MAX must fail on the ceiling, not wrap around into a small size. */
	buf_init(&b, 1u << 20);
	assert_int_equal(buf_puts(&b, "ab"), 0);
	assert_int_equal(buf_append(&b, "x", SIZE_MAX), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "ab");
	buf_release(&b);
}

static void test_buf_printf(void **state)
{
	(void)state;
	struct buf b;

	buf_init(&b, 16);
	assert_int_equal(buf_printf(&b, "%d-%s", 42, "abc"), 0);
	assert_string_equal(b.data, "42-abc");
	assert_int_equal(buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, 6);
	assert_int_equal(buf_printf(&b, "%s", "0123456789"), 0); /* 16: at the ceiling */
	assert_int_equal(b.len, 16);
	assert_int_equal(buf_printf(&b, "%c", 'z'), -1);
	assert_true(b.overflow);
	assert_string_equal(b.data, "42-abc0123456789");
	buf_release(&b);
}

static void test_buf_growth(void **state)
{
	(void)state;
	struct buf b;

	buf_init(&b, 100000);
	for (int i = 0; i < 100000; i++)
		assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), 0);
	assert_int_equal(b.len, 100000);
	assert_true(b.cap > b.len);
	assert_int_equal(b.data[b.len], '\0');
	for (int i = 0; i < 100000; i++)
		assert_int_equal(b.data[i], 'a' + i % 26);
	assert_int_equal(buf_putc(&b, 'x'), -1);
	buf_release(&b);
}

static void test_buf_detach(void **state)
{
	(void)state;
	struct buf b;
	size_t len = 99;

	buf_init(&b, 64);
	char *p = buf_detach(&b, &len); /* an empty buffer still gives a string to free */
	assert_non_null(p);
	assert_string_equal(p, "");
	assert_int_equal(len, 0);
	free(p);

	assert_int_equal(buf_puts(&b, "hello"), 0);
	p = buf_detach(&b, &len);
	assert_string_equal(p, "hello");
	assert_int_equal(len, 5);
	/* The buffer is empty afterwards, owns nothing and keeps its ceiling. */
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	assert_int_equal(b.max, 64);
	assert_false(b.overflow);
	assert_int_equal(buf_puts(&b, "again"), 0);
	assert_string_equal(b.data, "again");
	assert_ptr_not_equal(b.data, p);
	free(p);
	p = buf_detach(&b, NULL);
	assert_string_equal(p, "again");
	free(p);
	buf_release(&b);
}

/* ---- arena ---- */

static void test_arena_alignment_and_zero(void **state)
{
	(void)state;
	struct arena a;
	enum { N = 20000 };
	static unsigned char *ptrs[N];
	static size_t sizes[N];

	arena_init(&a);
	for (size_t i = 0; i < N; i++) {
		size_t n = 1 + (i * 7919) % 97; /* sizes 1..97, in no particular order */
		if (i % 1000 == 999)
			n = 20000 + i; /* now and then bigger than a whole first block */
		unsigned char *p = arena_alloc(&a, n);
		assert_non_null(p);
		if ((uintptr_t)p % _Alignof(max_align_t) != 0)
			fail_msg("allocation %zu of %zu bytes misaligned: %p", i, n, (void *)p);
		for (size_t k = 0; k < n; k++)
			if (p[k] != 0)
				fail_msg("allocation %zu not zeroed at %zu", i, k);
		memset(p, (int)(i & 0xff), n);
		ptrs[i] = p;
		sizes[i] = n;
	}
	/* No allocation overlaps another: each still holds its own pattern. */
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < sizes[i]; k++)
			if (ptrs[i][k] != (unsigned char)(i & 0xff))
				fail_msg("allocation %zu was overwritten at %zu", i, k);
	assert_true(a.total <= ARENA_MAX);
	arena_release(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);

	/* Reused after release, fresh memory is zeroed again. */
	unsigned char *p = arena_alloc(&a, 4096);
	for (size_t k = 0; k < 4096; k++)
		assert_int_equal(p[k], 0);
	arena_release(&a);
}

static void test_arena_strings(void **state)
{
	(void)state;
	struct arena a;

	arena_init(&a);
	assert_string_equal(arena_printf(&a, "%d-%s-%lld", 42, "x", (long long)INT64_MIN),
			    "42-x--9223372036854775808");
	assert_string_equal(arena_printf(&a, "%s", ""), "");
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_strdup(&a, "Нұр"), "Нұр");
	assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
	char *s = arena_strndup(&a, "abc", 0);
	assert_string_equal(s, "");

	/* A long formatted string goes to a block of its own. */
	char *big = malloc(50001);
	assert_non_null(big);
	memset(big, 'q', 50000);
	big[50000] = '\0';
	char *out = arena_printf(&a, "<%s>", big);
	assert_int_equal(strlen(out), 50002);
	assert_int_equal(out[0], '<');
	assert_int_equal(out[50001], '>');
	assert_int_equal(out[25000], 'q');
	assert_true((uintptr_t)out % _Alignof(max_align_t) == 0);
	free(big);
	arena_release(&a);
}

/* Past ARENA_MAX the arena aborts rather than let one request take the machine. */
static void test_arena_cap_aborts(void **state)
{
	(void)state;
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct arena a;
		arena_init(&a);
		(void)arena_alloc(&a, 100);
		(void)arena_alloc(&a, ARENA_MAX);
		_exit(0); /* reached only if the cap did not hold */
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
}

static void test_date_add_days(void **state)
{
	(void)state;
	char out[11];
	assert_true(date_add_days("2026-11-25", 30, out));
	assert_string_equal(out, "2026-12-25");
	assert_true(date_add_days("2026-12-31", 1, out));
	assert_string_equal(out, "2027-01-01");
	assert_true(date_add_days("2028-02-28", 1, out));
	assert_string_equal(out, "2028-02-29");
	assert_true(date_add_days("2027-02-28", 1, out));
	assert_string_equal(out, "2027-03-01");
	assert_true(date_add_days("2026-03-01", -1, out));
	assert_string_equal(out, "2026-02-28");
	assert_false(date_add_days("2026-02-30", 1, out));
	assert_false(date_add_days("2100-12-31", 1, out));
	assert_false(date_add_days(NULL, 1, out));
}

static void test_date_add_months(void **state)
{
	(void)state;
	static const struct {
		const char *from;
		int months;
		const char *to;
	} ok[] = {
		{ "2026-11-26", -12, "2025-11-26" },   { "2026-01-15", -1, "2025-12-15" },
		{ "2026-01-15", -13, "2024-12-15" },   { "2024-03-31", -1, "2024-02-29" },
		{ "2025-03-31", -1, "2025-02-28" },    { "2024-02-29", -12, "2023-02-28" },
		{ "2026-12-31", 2, "2027-02-28" },     { "2026-05-31", 0, "2026-05-31" },
		{ "2026-11-26", -1200, "1926-11-26" },
	};
	char out[11];
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(date_add_months(ok[i].from, ok[i].months, out));
		assert_string_equal(out, ok[i].to);
	}
	assert_false(date_add_months("2026-02-30", -1, out));
	assert_false(date_add_months("1900-06-01", -12, out));
	assert_false(date_add_months("2100-06-01", 12, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_date_add_days),
		cmocka_unit_test(test_date_add_months),
		cmocka_unit_test(test_parse_i64_valid),
		cmocka_unit_test(test_parse_i64_invalid),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_invalid_sequences),
		cmocka_unit_test(test_utf8_controls),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_date_valid),
		cmocka_unit_test(test_time_helpers),
		cmocka_unit_test(test_buf_ceiling),
		cmocka_unit_test(test_buf_huge_append),
		cmocka_unit_test(test_buf_printf),
		cmocka_unit_test(test_buf_growth),
		cmocka_unit_test(test_buf_detach),
		cmocka_unit_test(test_arena_alignment_and_zero),
		cmocka_unit_test(test_arena_strings),
		cmocka_unit_test(test_arena_cap_aborts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
