/* test_html.c: unit tests for the escaping HTML writer (src/web/html.c) and hostile input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "web/html.h"

#include "base/banned.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
	struct buf out;
	struct html h;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	buf_init(&f->out, 4u << 20);
	f->h.out = &f->out;
	f->h.lang = "en";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	buf_release(&f->out);
	free(f);
	return 0;
}

static int group_setup(void **state)
{
	(void)state;
	return i18n_init();
}

/* The text written so far ("" when nothing was). */
static const char *out(struct fixture *f)
{
	return f->out.data ? f->out.data : "";
}

static bool unreserved(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

/* Undoes HTML escaping of the five characters; NULL if an '&' starts anything else. */
static char *unescape_html(const char *s, size_t n)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = { { "&amp;", '&' },
		     { "&lt;", '<' },
		     { "&gt;", '>' },
		     { "&quot;", '"' },
		     { "&#39;", '\'' } };
	char *r = malloc(n + 1);
	size_t o = 0;
	assert_non_null(r);
	for (size_t i = 0; i < n;) {
		if (s[i] != '&') {
			r[o++] = s[i++];
			continue;
		}
		size_t k;
		for (k = 0; k < ARRAY_SIZE(ents); k++) {
			size_t el = strlen(ents[k].ent);
			if (n - i >= el && memcmp(s + i, ents[k].ent, el) == 0) {
				r[o++] = ents[k].c;
				i += el;
				break;
			}
		}
		if (k == ARRAY_SIZE(ents)) {
			free(r);
			return NULL;
		}
	}
	r[o] = '\0';
	return r;
}

static int hexv(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Undoes %u; NULL if anything but unreserved characters and %XX (upper-case hex) appears. */
static char *unescape_url(const char *s, size_t n)
{
	char *r = malloc(n + 1);
	size_t o = 0;
	assert_non_null(r);
	for (size_t i = 0; i < n; i++) {
		if (unreserved((unsigned char)s[i])) {
			r[o++] = s[i];
		} else if (s[i] == '%' && n - i >= 3 && hexv(s[i + 1]) >= 0 &&
			   hexv(s[i + 2]) >= 0) {
			r[o++] = (char)(hexv(s[i + 1]) * 16 + hexv(s[i + 2]));
			i += 2;
		} else {
			free(r);
			return NULL;
		}
	}
	r[o] = '\0';
	return r;
}

/* ---- directives ---- */

static void test_s_escapes(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "<p>%s</p>", "a&b<c>d\"e'f");
	assert_string_equal(out(f), "<p>a&amp;b&lt;c&gt;d&quot;e&#39;f</p>");
	buf_reset(&f->out);
	html(&f->h, "%s", "&amp;"); /* already-escaped text is escaped again, not trusted */
	assert_string_equal(out(f), "&amp;amp;");
	buf_reset(&f->out);
	html(&f->h, "[%s][%s]", "Тұрсынбаев", "");
	assert_string_equal(out(f), "[Тұрсынбаев][]");
	buf_reset(&f->out);
	html(&f->h, "%s%s%s", "<", ">", "&");
	assert_string_equal(out(f), "&lt;&gt;&amp;");
}

static void test_s_null_writes_nothing(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "<b>%s</b>|%u|%t", (const char *)NULL, (const char *)NULL, (const char *)NULL);
	assert_string_equal(out(f), "<b></b>||");
	buf_reset(&f->out);
	html_text(&f->h, NULL);
	assert_string_equal(out(f), "");
}

static void test_t_translates_and_escapes(void **state)
{
	struct fixture *f = *state;

	/* No catalog entry: the msgid itself, escaped. */
	html(&f->h, "<h1>%t</h1>", "Komek test <msgid> & \"quotes\" 'x'");
	assert_string_equal(out(f), "<h1>Komek test &lt;msgid&gt; &amp; &quot;quotes&quot; "
				    "&#39;x&#39;</h1>");
	assert_string_equal(html_tr(&f->h, "Komek test msgid"), "Komek test msgid");

	/* Whatever a catalog says, %t writes exactly the escaped translation. */
	static const char *const langs[] = { "kk", "ru", "en" };
	static const char *const ids[] = { "Log in", "Log out", "Save", "Persons" };
	for (size_t l = 0; l < ARRAY_SIZE(langs); l++) {
		for (size_t i = 0; i < ARRAY_SIZE(ids); i++) {
			struct buf want;
			struct html wh = { .out = &want, .lang = langs[l] };
			buf_init(&want, 4096);
			html_text(&wh, i18n_tr(langs[l], ids[i]));
			buf_reset(&f->out);
			f->h.lang = langs[l];
			html(&f->h, "%t", ids[i]);
			assert_string_equal(out(f), want.data ? want.data : "");
			assert_true(strlen(out(f)) > 0);
			buf_release(&want);
		}
	}

	/* No language: the msgid. */
	buf_reset(&f->out);
	f->h.lang = NULL;
	html(&f->h, "%t", "Log in");
	assert_string_equal(out(f), "Log in");
}

static void test_u_encodes(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "%u", "AZaz09-_.~");
	assert_string_equal(out(f), "AZaz09-_.~");
	buf_reset(&f->out);
	html(&f->h, "%u", "a b&c=d/e#f?g\"h'i+j%k<l>m;n:o@p,q");
	assert_string_equal(out(f),
			    "a%20b%26c%3Dd%2Fe%23f%3Fg%22h%27i%2Bj%25k%3Cl%3Em%3Bn%3Ao%40p%2Cq");
	buf_reset(&f->out);
	html(&f->h, "%u", "Ә ж"); /* UTF-8 bytes, upper-case hex */
	assert_string_equal(out(f), "%D3%98%20%D0%B6");
	buf_reset(&f->out);
	html(&f->h, "%u", "\t\n\r\x7f\xff");
	assert_string_equal(out(f), "%09%0A%0D%7F%FF");
	buf_reset(&f->out);
	html(&f->h, "<a href=\"/persons?q=%u&amp;page=%d\">", "Нұр & co", 2);
	assert_string_equal(out(f),
			    "<a href=\"/persons?q=%D0%9D%D2%B1%D1%80%20%26%20co&amp;page=2\">");

	/* Every byte on its own: unreserved as is, the rest %XX. */
	for (int c = 1; c < 256; c++) {
		char in[2] = { (char)c, '\0' };
		buf_reset(&f->out);
		html(&f->h, "%u", in);
		if (unreserved((unsigned char)c)) {
			assert_int_equal(f->out.len, 1);
			assert_int_equal(out(f)[0], c);
		} else {
			static const char hx[] = "0123456789ABCDEF";
			char want[4] = { '%', hx[c >> 4], hx[c & 15], '\0' };
			assert_string_equal(out(f), want);
		}
	}
}

static void test_numbers(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "%d|%d|%d|%d|%d", 0, -1, 42, INT_MAX, INT_MIN);
	assert_string_equal(out(f), "0|-1|42|2147483647|-2147483648");
	buf_reset(&f->out);
	html(&f->h, "%D|%D|%D|%D", INT64_MIN, INT64_MAX, (int64_t)0, (int64_t)-7);
	assert_string_equal(out(f), "-9223372036854775808|9223372036854775807|0|-7");
	buf_reset(&f->out);
	/* Mixed with strings, so the va_list is read with the right widths. */
	html(&f->h, "%D %s %d %u %D", (int64_t)1 << 40, "x", 5, "y z", INT64_MIN);
	assert_string_equal(out(f), "1099511627776 x 5 y%20z -9223372036854775808");
}

static void test_percent_and_literals(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "100%%");
	assert_string_equal(out(f), "100%");
	buf_reset(&f->out);
	html(&f->h, "%%%s%%", "<");
	assert_string_equal(out(f), "%&lt;%");
	buf_reset(&f->out);
	html(&f->h, "<p class=\"x\">plain</p>");
	assert_string_equal(out(f), "<p class=\"x\">plain</p>");
	buf_reset(&f->out);
	html(&f->h, "");
	assert_string_equal(out(f), "");
	/* A wrong directive is made visible, never taken as an argument. */
	buf_reset(&f->out);
	html(&f->h, "a%xb");
	assert_string_equal(out(f), "a%?b");
	buf_reset(&f->out);
	html(&f->h, "end%");
	assert_string_equal(out(f), "end%?");
}

static void test_text_n(void **state)
{
	struct fixture *f = *state;

	html_text_n(&f->h, "<ab>cd", 3); /* stops at n even though the string goes on */
	assert_string_equal(out(f), "&lt;ab");
	buf_reset(&f->out);
	html_text_n(&f->h, "x", 0);
	assert_string_equal(out(f), "");
}

/* ---- hostile input ---- */

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\"onmouseover=\"alert(1)",
	"\" onmouseover=alert(1) x=\"",
	"' onfocus='alert(1)' autofocus '",
	"\"><img src=x onerror=alert(1)>",
	"</textarea><script>alert(document.cookie)</script>",
	"javascript:alert(1)",
	"JaVaScRiPt:alert(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"&#34;&quot;&lt;",
	"<!--",
	"]]><![CDATA[",
	"{{constructor.constructor('alert(1)')()}}",
	"\xe2\x80\xae\"reversed", /* U+202E before a quote */
	"`backtick` ${x}",
	"\\\"",
	"a\tb\nc\rd",
	"\xef\xbc\x9c\xef\xbc\x9e", /* fullwidth < > stay themselves */
};

/* A value written with %s into a quoted attribute can never end the attribute or the tag:
 * the output has exactly the markup of the format, and decodes back to the input. */
static void test_attribute_cannot_close(void **state)
{
	struct fixture *f = *state;

	for (size_t i = 0; i < ARRAY_SIZE(hostile); i++) {
		buf_reset(&f->out);
		html(&f->h,
		     "<input value=\"%s\" title='%s' data-x=\"%t\"><a href=\"/p?q=%u\">%s</a>",
		     hostile[i], hostile[i], hostile[i], hostile[i], hostile[i]);
		const char *o = out(f);
		size_t dq = 0, sq = 0, lt = 0, gt = 0;
		for (const char *p = o; *p; p++) {
			dq += *p == '"';
			sq += *p == '\'';
			lt += *p == '<';
			gt += *p == '>';
		}
		if (dq != 6 || sq != 2 || lt != 3 || gt != 3)
			fail_msg("hostile #%zu broke out: %s", i, o);

		/* The attribute value is everything up to the next quote, and it is the input. */
		const char *v = o + strlen("<input value=\"");
		const char *end = strchr(v, '"');
		assert_non_null(end);
		char *back = unescape_html(v, (size_t)(end - v));
		assert_non_null(back);
		assert_string_equal(back, hostile[i]);
		free(back);

		/* The URL part has no scheme separator or anything else outside %XX. */
		const char *u = strstr(o, "href=\"/p?q=") + strlen("href=\"/p?q=");
		const char *uend = strchr(u, '"');
		assert_null(memchr(u, ':', (size_t)(uend - u)));
		back = unescape_url(u, (size_t)(uend - u));
		assert_non_null(back);
		assert_string_equal(back, hostile[i]);
		free(back);
	}
}

static void test_javascript_url(void **state)
{
	struct fixture *f = *state;

	html(&f->h, "<a href=\"/go?to=%u\">", "javascript:alert(1)");
	assert_string_equal(out(f), "<a href=\"/go?to=javascript%3Aalert%281%29\">");
}

/* Random bytes, fixed seed: %s output never holds a markup character, every '&' starts an
 * entity, and %u output is only unreserved characters and %XX; both decode to the input. */
static void test_random_round_trip(void **state)
{
	struct fixture *f = *state;
	uint32_t seed = 2463534242u;
	char in[300];

	for (int round = 0; round < 2000; round++) {
		size_t n = 0;
		seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
		size_t len = seed % (sizeof(in) - 1);
		while (n < len) {
			seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
			char c = (char)(seed & 0xff);
			if (c)
				in[n++] = c;
		}
		in[n] = '\0';

		buf_reset(&f->out);
		html(&f->h, "%s", in);
		const char *o = out(f);
		assert_null(strpbrk(o, "<>\"'"));
		char *back = unescape_html(o, f->out.len);
		assert_non_null(back);
		assert_string_equal(back, in);
		free(back);

		buf_reset(&f->out);
		html(&f->h, "%u", in);
		back = unescape_url(out(f), f->out.len);
		assert_non_null(back);
		assert_string_equal(back, in);
		free(back);
	}
}

static void test_long_string(void **state)
{
	struct fixture *f = *state;
	enum { N = 100000 };
	static const char unit[] = "<&\"'x";
	static const char unit_esc[] = "&lt;&amp;&quot;&#39;x";
	char *s = malloc(N + 1);

	assert_non_null(s);
	for (size_t i = 0; i < N; i++)
		s[i] = unit[i % 5];
	s[N] = '\0';

	html(&f->h, "<p title=\"%s\">", s);
	size_t want = strlen("<p title=\"\">") + (N / 5) * strlen(unit_esc);
	assert_int_equal(f->out.len, want);
	assert_false(f->out.overflow);
	const char *o = out(f);
	for (size_t i = 0; i < N / 5; i += 997)
		assert_memory_equal(o + strlen("<p title=\"") + i * strlen(unit_esc), unit_esc,
				    strlen(unit_esc));
	assert_string_equal(o + f->out.len - 2, "\">");

	buf_reset(&f->out);
	html(&f->h, "%u", s);
	assert_int_equal(f->out.len, (N / 5) * (4 * 3 + 1));

	/* Past the buffer's ceiling the writer stops and the buffer says so; nothing is cut
	 * in a way that could be mistaken for a whole page. */
	struct buf small;
	struct html sh = { .out = &small, .lang = "en" };
	buf_init(&small, 1000);
	html(&sh, "<p>%s</p>", s);
	assert_true(small.overflow);
	assert_true(small.len <= 1000);
	buf_release(&small);
	free(s);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_s_escapes),
		T(test_s_null_writes_nothing),
		T(test_t_translates_and_escapes),
		T(test_u_encodes),
		T(test_numbers),
		T(test_percent_and_literals),
		T(test_text_n),
		T(test_attribute_cannot_close),
		T(test_javascript_url),
		T(test_random_round_trip),
		T(test_long_string),
	};
#undef T
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
