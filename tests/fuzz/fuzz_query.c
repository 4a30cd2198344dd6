/* fuzz_query.c: the query parameters of GET /persons and GET /api/v1/persons (and the
 * audit page's dates), parsed as the server does: the query split at '&' and '=', '+' made
 * a space, decoded by http/url.c, refused unless valid UTF-8 text (req_query), then every
 * value given to every parser those handlers use.
 *
 * Properties: parse_i64 accepts exactly an optional '-' and decimal digits whose value lies
 * in the range, gives that value, round-trips it through printf, and leaves *out alone when
 * it refuses; date_valid accepts exactly YYYY-MM-DD dates that exist (1900..2100), checked
 * against the C library's calendar, and accepted dates sort as text in calendar order (the
 * handlers compare them with strcmp); a search query's key (person_query_key) is valid text
 * with no '|' and no space at either end or twice in a row, and is its own key; a document
 * key is upper-case letters and digits; a region code maps to a current region code that
 * maps to itself, ignoring case; a code valid in a list is found in it; and a paging link
 * built with html()'s %u gives the query back unchanged. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/util.h"
#include "domain/person.h"
#include "domain/reference.h"
#include "http/url.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define VALUES_MAX 64

/* ---- integers ---- */

/* The value of an optional '-' and digits, if that is all s is and it fits in int64. */
static bool exact_i64(const char *s, int64_t *out)
{
	bool neg = s[0] == '-';
	const char *d = s + neg;
	if (!*d)
		return false;
	for (const char *p = d; *p; p++)
		if (*p < '0' || *p > '9')
			return false;
	while (d[0] == '0' && d[1])
		d++;
	if (strlen(d) > 19)
		return false;
	__int128 v = 0;
	for (; *d; d++)
		v = v * 10 + (*d - '0');
	if (neg)
		v = -v;
	if (v < INT64_MIN || v > INT64_MAX)
		return false;
	*out = (int64_t)v;
	return true;
}

static void check_i64(const char *s)
{
	static const int64_t ranges[][2] = {
		{ 0, 150 },               /* age_min, age_max */
		{ 1, INT64_MAX },         /* household_id, ids */
		{ 1, 200 },               /* limit */
		{ 0, 100000000 },         /* offset */
		{ 1, 100000 },            /* page */
		{ 1900, 2026 },           /* a birth year */
		{ INT64_MIN, INT64_MAX }, /* everything */
		{ INT64_MIN, -1 },
		{ 0, 0 },
		{ -10, 10 },
	};
	int64_t want;
	bool exact = exact_i64(s, &want);
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		int64_t v = 0x5eed;
		int rc = parse_i64(s, ranges[i][0], ranges[i][1], &v);
		bool ok = exact && want >= ranges[i][0] && want <= ranges[i][1];
		if (rc != (ok ? 0 : -1) || (rc && v != 0x5eed) || (!rc && v != want))
			__builtin_trap();
		if (rc)
			continue;
		char back[32];
		snprintf(back, sizeof(back), "%lld", (long long)v);
		int64_t again = 0;
		if (parse_i64(back, ranges[i][0], ranges[i][1], &again) || again != v)
			__builtin_trap();
	}
}

/* ---- dates ---- */

/* Seconds since the epoch of a YYYY-MM-DD that exists, or false. */
static bool real_date(const char *s, int64_t *t)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
	if (y < 1900 || y > 2100)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12 };
	time_t tt = timegm(&tm);
	struct tm back;
	if (!gmtime_r(&tt, &back))
		return false;
	/* timegm carries day 0, day 31 of a short month and month 13 into the next field. */
	if (back.tm_year != y - 1900 || back.tm_mon != m - 1 || back.tm_mday != d)
		return false;
	*t = (int64_t)tt;
	return true;
}

/* ---- the parsers of one value ---- */

struct seen {
	const char *dates[VALUES_MAX];
	int64_t times[VALUES_MAX];
	size_t ndates;
};

static void check_text_value(struct arena *a, const char *v, struct seen *seen)
{
	check_i64(v);

	int64_t t;
	bool real = real_date(v, &t);
	if (date_valid(v) != real)
		__builtin_trap();
	if (real) {
		for (size_t i = 0; i < seen->ndates; i++) {
			int c = strcmp(v, seen->dates[i]);
			int64_t dt = t - seen->times[i];
			if ((c < 0) != (dt < 0) || (c == 0) != (dt == 0))
				__builtin_trap();
		}
		if (seen->ndates < VALUES_MAX) {
			seen->dates[seen->ndates] = v;
			seen->times[seen->ndates++] = t;
		}
	}

	/* The search, as the store binds it, for a query that is not too long. */
	if (*v && utf8_len(v) <= PERSON_QUERY_MAX) {
		const char *k = person_query_key(a, v);
		size_t n = strlen(k);
		if (!utf8_valid_text(k, n) || strchr(k, '|') || strstr(k, "  ") ||
		    (n && (k[0] == ' ' || k[n - 1] == ' ')))
			__builtin_trap();
		if (strcmp(person_query_key(a, k), k) != 0)
			__builtin_trap();
		const char *dk = person_doc_key(a, v);
		if (strlen(dk) > strlen(v))
			__builtin_trap();
		for (const char *p = dk; *p; p++)
			if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
				__builtin_trap();
	}

	/* Region, any case; category and sex. */
	const char *reg = ref_region_canonical(v);
	if (reg && (!ref_valid("regions", reg) || ref_region_canonical(reg) != reg))
		__builtin_trap();
	char *flip = arena_strdup(a, v);
	for (char *p = flip; *p; p++)
		if ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')
			*p ^= 0x20;
	if (ref_region_canonical(flip) != reg)
		__builtin_trap();
	static const char *const lists[] = { "categories", "sexes", "regions", "legal_statuses" };
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		if (!ref_valid(lists[i], v))
			continue;
		const struct ref_item *it = ref_find(ref_list_find(lists[i]), v);
		if (!it || strcmp(it->code, v) != 0)
			__builtin_trap();
	}
}

/* A paging link's query ("q=%u&…"), split and decoded again, gives q back. */
static void check_link(struct arena *a, const char *q)
{
	struct buf b;
	buf_init(&b, 1 << 22);
	struct html h = { .out = &b };
	html(&h, "q=%u&category=%u&age_min=%D", q, "", (int64_t)18);
	if (b.overflow || !b.data)
		__builtin_trap();
	char *amp = strchr(b.data, '&');
	if (!amp || strncmp(b.data, "q=", 2) != 0)
		__builtin_trap();
	*amp = '\0';
	char *v = arena_strdup(a, b.data + 2);
	url_unescape(v);
	if (strcmp(v, q) != 0)
		__builtin_trap();
	buf_release(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	/* libmicrohttpd's view: the query up to a NUL, pairs at '&', name and value at the
	 * first '=', '+' as a space, then the unescape callback; req_query then refuses what
	 * is not valid UTF-8 text. */
	char *s = arena_alloc(&a, size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	struct seen seen = { .ndates = 0 };
	size_t nvalues = 0;
	for (char *pair = s; pair && nvalues < VALUES_MAX; nvalues++) {
		char *next = strchr(pair, '&');
		if (next)
			*next++ = '\0';
		char *eq = strchr(pair, '=');
		char *v = eq ? eq + 1 : pair + strlen(pair);
		if (eq)
			*eq = '\0';
		for (char *p = pair; *p; p++)
			if (*p == '+')
				*p = ' ';
		for (char *p = v; *p; p++)
			if (*p == '+')
				*p = ' ';
		url_unescape(pair);
		url_unescape(v);
		if (utf8_valid_text(v, strlen(v))) {
			check_text_value(&a, v, &seen);
			check_link(&a, v);
		}
		pair = next;
	}
	arena_release(&a);
	return 0;
}
