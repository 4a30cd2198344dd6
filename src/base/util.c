/* util.c: error names, logging, strict parsing, UTF-8 checks and time. */
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

const char *k_strerror(int rc)
{
	switch (rc) {
	case K_OK: return "ok";
	case K_ENOTFOUND: return "not found";
	case K_EINVAL: return "invalid input";
	case K_ECONFLICT: return "conflict";
	case K_EFORBIDDEN: return "forbidden";
	case K_EDB: return "database error";
	case K_ENOMEM: return "out of memory";
	case K_EAUTH: return "authentication failed";
	case K_ETHROTTLED: return "too many attempts";
	case K_ETOOBIG: return "too large";
	case K_EFULL: return "disk full";
	case K_EBUSY: return "busy";
	}
	return "unknown error";
}

static void log_v(const char *level, const char *fmt, va_list ap)
{
	char ts[21], line[1024];
	time_iso(time_now(), ts);
	int n = vsnprintf(line, sizeof(line), fmt, ap);
	if (n < 0)
		return;
	/* One write per line so that lines from several threads do not interleave. */
	fprintf(stderr, "%s %s %s\n", ts, level, line);
}

void log_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v("info", fmt, ap);
	va_end(ap);
}

void log_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_v("error", fmt, ap);
	va_end(ap);
}

bool ids_contain(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

int parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (!s || !*s)
		return -1;
	for (const char *p = s; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (p == s && *p == '-')))
			return -1;
	errno = 0;
	char *end = NULL;
	long long v = strtoll(s, &end, 10);
	if (errno || !end || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

bool utf8_valid_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + n;
	while (p < e) {
		unsigned c = *p;
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				return false;
			if (c == 0x7f)
				return false;
			p++;
			continue;
		}
		size_t len;
		unsigned cp, min;
		if ((c & 0xe0) == 0xc0) {
			len = 2, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if ((size_t)(e - p) < len)
			return false;
		for (size_t i = 1; i < len; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		/* C1 controls and the BOM have no place in a name or a note. */
		if ((cp >= 0x80 && cp < 0xa0) || cp == 0xfeff)
			return false;
		p += len;
	}
	return true;
}

size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xc0) != 0x80)
			n++;
	return n;
}

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

bool date_valid(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days_in_month(y, m);
}

bool date_add_days(const char *date, int days, char out[11])
{
	if (!date_valid(date))
		return false;
	struct tm tm = { .tm_year = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
				    (date[2] - '0') * 10 + (date[3] - '0') - 1900,
			 .tm_mon = (date[5] - '0') * 10 + (date[6] - '0') - 1,
			 .tm_mday = (date[8] - '0') * 10 + (date[9] - '0') + days,
			 .tm_hour = 12 };
	time_t t = timegm(&tm);
	struct tm norm;
	if (t == (time_t)-1 || !gmtime_r(&t, &norm))
		return false;
	strftime(out, 11, "%Y-%m-%d", &norm);
	return date_valid(out);
}

bool date_add_months(const char *date, int months, char out[11])
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (!date_valid(date))
		return false;
	int y =
	    (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
	int m = (date[5] - '0') * 10 + (date[6] - '0') - 1 + months;
	int d = (date[8] - '0') * 10 + (date[9] - '0');
	y += m >= 0 ? m / 12 : -((11 - m) / 12);
	m = ((m % 12) + 12) % 12;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int last = days[m] + (m == 1 && leap);
	if (y < 1900 || y > 2100)
		return false;
	struct tm tm = { .tm_year = y - 1900, .tm_mon = m, .tm_mday = d < last ? d : last };
	strftime(out, 11, "%Y-%m-%d", &tm);
	return date_valid(out);
}

int64_t time_now(void)
{
	return (int64_t)time(NULL);
}

void date_today(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

void time_iso(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int64_t clock_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = hx[in[i] >> 4];
		out[2 * i + 1] = hx[in[i] & 15];
	}
	out[2 * n] = '\0';
}
