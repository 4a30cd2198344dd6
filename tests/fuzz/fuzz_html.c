/* fuzz_html.c: the escaping HTML writer (web/html.c) with hostile text in %s, %u and %t.
 *
 * The input is split at NUL bytes into a text, a URL component and a message id; what is
 * left gives the numbers for %d and %D. Properties: what a %s or %t contributes has no
 * < > " ' and no & that does not begin one of the writer's five entities, and decodes back
 * to exactly the text (bytes that are not markup, invalid UTF-8 included, pass unchanged, as
 * html.h says); what a %u contributes is only unreserved characters and %XX with upper-case
 * hex, and the server's own decoder (http/url.c) gives back exactly the component; %d and %D
 * write what printf would; a NULL %s or %u writes nothing; and a format's literal parts come
 * out unchanged around the arguments, so the markup is the format's markup and nothing more. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/i18n.h"
#include "http/url.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define OUT_MAX (8u << 20)

/* What html() wrote for one directive alone, as a new string of *n bytes. */
static char *alone(const char *lang, const char *which, const char *arg, size_t *n)
{
	struct buf b;
	buf_init(&b, OUT_MAX);
	struct html h = { .out = &b, .lang = lang };
	switch (which[0]) {
	case 's': html(&h, "%s", arg); break;
	case 'u': html(&h, "%u", arg); break;
	default: html(&h, "%t", arg); break;
	}
	if (b.overflow)
		__builtin_trap();
	char *s = buf_detach(&b, n);
	if (!s) {
		s = calloc(1, 1);
		*n = 0;
	}
	return s;
}

/* Checks an escaped text t[0..n) and that it decodes to want[0..wn). */
static void check_text(const char *t, size_t n, const char *want, size_t wn)
{
	static const struct {
		const char *ent;
		char c;
	} ents[] = { { "&amp;", '&' },
		     { "&lt;", '<' },
		     { "&gt;", '>' },
		     { "&quot;", '"' },
		     { "&#39;", '\'' } };
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		char c = t[i];
		if (c == '<' || c == '>' || c == '"' || c == '\'')
			__builtin_trap();
		if (c == '&') {
			size_t k = 0;
			while (k < 5 && strncmp(t + i, ents[k].ent, strlen(ents[k].ent)) != 0)
				k++;
			if (k == 5)
				__builtin_trap();
			c = ents[k].c;
			i += strlen(ents[k].ent);
		} else {
			i++;
		}
		if (w >= wn || want[w++] != c)
			__builtin_trap();
	}
	if (w != wn)
		__builtin_trap();
}

static bool unreserved(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

static bool upper_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

/* Checks an encoded URL component u[0..n) and that the server decodes it to want. */
static void check_url(const char *u, size_t n, const char *want)
{
	for (size_t i = 0; i < n; i++) {
		if (unreserved(u[i]))
			continue;
		if (u[i] != '%' || n - i < 3 || !upper_hex(u[i + 1]) || !upper_hex(u[i + 2]))
			__builtin_trap();
		/* An escape only where one was needed: the byte is not unreserved. */
		char v = (char)(((u[i + 1] <= '9' ? u[i + 1] - '0' : u[i + 1] - 'A' + 10) << 4) |
				(u[i + 2] <= '9' ? u[i + 2] - '0' : u[i + 2] - 'A' + 10));
		if (unreserved(v) || v == '\0')
			__builtin_trap();
		i += 2;
	}
	char *copy = malloc(n + 1);
	if (!copy)
		return;
	memcpy(copy, u, n);
	copy[n] = '\0';
	size_t len = url_unescape(copy);
	if (len != strlen(want) || memcmp(copy, want, len) != 0)
		__builtin_trap();
	free(copy);
}

/* Appends n bytes to a growing expected string. */
static void put(struct buf *b, const char *s, size_t n)
{
	if (buf_append(b, s, n))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool loaded;
	if (!loaded) {
		/* %t reads the real catalogs. */
		if (i18n_init())
			__builtin_trap();
		loaded = true;
	}
	/* Fields: text \0 url \0 msgid \0 numbers. */
	const char *f[3] = { "", "", "" };
	size_t at = 0;
	char *copy = malloc(size + 1);
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	for (int i = 0; i < 3 && at <= size; i++) {
		f[i] = copy + at;
		at += strlen(copy + at) + 1;
	}
	int64_t d64 = 0;
	int d32 = 0;
	uint8_t sel = 0;
	if (at < size) {
		size_t k = size - at < 8 ? size - at : 8;
		memcpy(&d64, data + at, k);
		memcpy(&d32, data + at, k < 4 ? k : 4);
		sel = data[at];
	}
	static const char *const langs[] = { "kk", "ru", "en" };
	const char *lang = langs[sel % 3];

	size_t tn, un, mn, t2n;
	char *t = alone(lang, "s", f[0], &tn);
	char *u = alone(lang, "u", f[1], &un);
	char *m = alone(lang, "t", f[2], &mn);
	char *t2 = alone(lang, "s", f[1], &t2n);
	check_text(t, tn, f[0], strlen(f[0]));
	check_text(t2, t2n, f[1], strlen(f[1]));
	check_url(u, un, f[1]);
	const char *tr = i18n_tr(lang, f[2]);
	check_text(m, mn, tr, strlen(tr));

	/* Any bytes at all, NULs included, through html_text_n. */
	struct buf b;
	buf_init(&b, OUT_MAX);
	struct html h = { .out = &b, .lang = lang };
	html_text_n(&h, (const char *)data, size);
	check_text(b.data ? b.data : "", b.len, (const char *)data, size);

	/* A page-like format: the literals survive and hold all of the markup. */
	buf_reset(&b);
	bool nul_s = sel & 8, nul_u = sel & 16;
	html(&h, "<li><a href=\"/persons?q=%u&amp;page=%d\" title=\"%s\">%t</a> %D%%</li>",
	     nul_u ? NULL : f[1], d32, nul_s ? NULL : f[0], f[2], d64);
	char num[32];
	struct buf want;
	buf_init(&want, OUT_MAX);
	put(&want, "<li><a href=\"/persons?q=", 24);
	if (!nul_u)
		put(&want, u, un);
	put(&want, "&amp;page=", 10);
	snprintf(num, sizeof(num), "%d", d32);
	put(&want, num, strlen(num));
	put(&want, "\" title=\"", 9);
	if (!nul_s)
		put(&want, t, tn);
	put(&want, "\">", 2);
	put(&want, m, mn);
	put(&want, "</a> ", 5);
	snprintf(num, sizeof(num), "%lld", (long long)d64);
	put(&want, num, strlen(num));
	put(&want, "%</li>", 6);
	if (b.len != want.len || memcmp(b.data, want.data, b.len) != 0)
		__builtin_trap();
	size_t lt = 0, gt = 0, dq = 0, sq = 0;
	for (size_t i = 0; i < b.len; i++) {
		lt += b.data[i] == '<';
		gt += b.data[i] == '>';
		dq += b.data[i] == '"';
		sq += b.data[i] == '\'';
	}
	if (lt != 4 || gt != 4 || dq != 4 || sq != 0)
		__builtin_trap();

	buf_release(&want);
	buf_release(&b);
	free(t);
	free(u);
	free(m);
	free(t2);
	free(copy);
	return 0;
}
