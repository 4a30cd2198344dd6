/* fuzz_lang.c: the interface language from an Accept-Language header and from the "lang"
 * cookie (base/i18n.c: i18n_accept, i18n_lang).
 *
 * Properties: both give NULL or one of the static strings "kk", "ru", "en"; i18n_lang gives
 * a language exactly when the cookie is that code; i18n_accept gives what RFC 9110 §12.5.4
 * reads, with i18n.h's simplification (the first listed range we have wins, weights other
 * than zero are not compared): elements split at ',', optional whitespace (space, tab)
 * around elements and parameters, a range "xx" or "xx-…" in any case, and a q=0 (Q=0, 0.,
 * 0.000) weight refusing its range. The input is tried whole, and split at its first NUL into
 * a header and a cookie. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const langs[] = { "kk", "ru", "en" };

static bool ws(char c)
{
	return c == ' ' || c == '\t';
}

/* s[*b..*e) without the whitespace at either end. */
static void trim(const char *s, size_t *b, size_t *e)
{
	while (*b < *e && ws(s[*b]))
		(*b)++;
	while (*e > *b && ws(s[*e - 1]))
		(*e)--;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* "q=0", "q=0.", "q=0.0", … in either case of q. */
static bool zero_weight(const char *s, size_t n)
{
	if (n < 3 || lower(s[0]) != 'q' || s[1] != '=' || s[2] != '0')
		return false;
	if (n == 3)
		return true;
	if (s[3] != '.')
		return false;
	for (size_t i = 4; i < n; i++)
		if (s[i] != '0')
			return false;
	return true;
}

/* The language RFC 9110 with i18n.h's simplification picks, or NULL. */
static const char *oracle(const char *h)
{
	size_t len = strlen(h);
	for (size_t start = 0; start <= len;) {
		const char *comma = memchr(h + start, ',', len - start);
		size_t stop = comma ? (size_t)(comma - h) : len;
		/* The parts of this element, split at ';'. */
		size_t part = 0, pb = start;
		const char *range = NULL;
		size_t range_n = 0;
		bool refused = false, bad = false;
		for (size_t i = start; i <= stop; i++) {
			if (i < stop && h[i] != ';')
				continue;
			size_t b = pb, e = i;
			trim(h, &b, &e);
			if (part == 0) {
				range = h + b;
				range_n = e - b;
				for (size_t k = b; k < e; k++)
					bad |= ws(h[k]);
			} else if (zero_weight(h + b, e - b)) {
				refused = true;
			}
			part++;
			pb = i + 1;
		}
		if (range && !bad && !refused && range_n >= 2) {
			for (size_t l = 0; l < 3; l++) {
				if (lower(range[0]) == langs[l][0] &&
				    lower(range[1]) == langs[l][1] &&
				    (range_n == 2 || range[2] == '-'))
					return langs[l];
			}
		}
		start = stop + 1;
	}
	return NULL;
}

static void check(const char *s)
{
	/* Pointer equality with the table: the strings are i18n's static ones. */
	const char *l = i18n_lang(s);
	const char *statics[3] = { i18n_lang("kk"), i18n_lang("ru"), i18n_lang("en") };
	for (size_t i = 0; i < 3; i++)
		if (!statics[i] || strcmp(statics[i], langs[i]) != 0)
			__builtin_trap();
	bool is_code = strcmp(s, "kk") == 0 || strcmp(s, "ru") == 0 || strcmp(s, "en") == 0;
	if (is_code != (l != NULL))
		__builtin_trap();
	if (l && (strcmp(l, s) != 0 || (l != statics[0] && l != statics[1] && l != statics[2])))
		__builtin_trap();

	const char *a = i18n_accept(s);
	if (a && a != statics[0] && a != statics[1] && a != statics[2])
		__builtin_trap();
	const char *want = oracle(s);
	if ((a == NULL) != (want == NULL) || (a && strcmp(a, want) != 0))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	check(s);
	size_t n = strlen(s);
	if (n < size)
		check(s + n + 1);
	free(s);
	return 0;
}
