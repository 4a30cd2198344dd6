/* fuzz_url.c: percent-decoding of the request path and query values (http/url.c), the
 * unescape callback the server installs in libmicrohttpd.
 *
 * Properties: the result is never longer than the input and has no NUL before its length
 * (so %00 never decodes); it matches a reference decoder written independently; text with
 * nothing left to decode is a fixed point; and any text without a NUL, encoded with %25 for
 * every '%' and %XX (either case) for bytes the input picks, decodes back to itself. */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "http/url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int hexval(unsigned char c)
{
	const char *d = c ? memchr("0123456789abcdef", tolower(c), 16) : NULL;
	return d ? (int)(d - "0123456789abcdef") : -1;
}

/* The decoding url.h describes, written from its text: %XX with XX hex and not 00. */
static size_t reference(const char *in, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (in[i] == '%' && n - i >= 3) {
			int hi = hexval((unsigned char)in[i + 1]),
			    lo = hexval((unsigned char)in[i + 2]);
			if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
				out[o++] = (char)(hi * 16 + lo);
				i += 2;
				continue;
			}
		}
		out[o++] = in[i];
	}
	out[o] = '\0';
	return o;
}

static bool decodable(const char *s, size_t n)
{
	for (size_t i = 0; i + 2 < n; i++)
		if (s[i] == '%' && hexval((unsigned char)s[i + 1]) >= 0 &&
		    hexval((unsigned char)s[i + 2]) >= 0 && (s[i + 1] != '0' || s[i + 2] != '0'))
			return true;
	return false;
}

static void check_decode(const char *in, size_t n)
{
	char *s = malloc(n + 1), *want = malloc(n + 1);
	if (!s || !want)
		goto out;
	memcpy(s, in, n);
	s[n] = '\0';
	size_t got = url_unescape(s);
	/* Never longer, and no NUL hidden before the returned length. */
	if (got > n || s[got] != '\0' || strlen(s) != got)
		__builtin_trap();
	size_t wn = reference(in, n, want);
	if (wn != got || memcmp(s, want, got) != 0)
		__builtin_trap();
	/* Without a '%' nothing changes. */
	if (!memchr(in, '%', n) && (got != n || memcmp(s, in, n) != 0))
		__builtin_trap();
	/* Once nothing is left to decode, decoding again changes nothing. */
	if (!decodable(s, got)) {
		memcpy(want, s, got + 1);
		if (url_unescape(want) != got || memcmp(want, s, got) != 0)
			__builtin_trap();
	}
out:
	free(s);
	free(want);
}

/* Encodes in (no NUL) with %25 for '%' and, where the next control byte says so, %XX for
 * any other byte; decoding must give back exactly in. */
static void check_round_trip(const char *in, size_t n, const uint8_t *ctl, size_t nctl)
{
	static const char up[] = "0123456789ABCDEF", lo[] = "0123456789abcdef";
	char *enc = malloc(3 * n + 1);
	if (!enc)
		return;
	size_t e = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)in[i];
		uint8_t k = nctl ? ctl[i % nctl] >> (i % 5) : 0;
		if (c == '%' || (k & 1)) {
			const char *hx = (k & 2) ? lo : up;
			enc[e++] = '%';
			enc[e++] = hx[c >> 4];
			enc[e++] = hx[c & 15];
		} else {
			enc[e++] = (char)c;
		}
	}
	enc[e] = '\0';
	size_t got = url_unescape(enc);
	if (got != n || memcmp(enc, in, n) != 0)
		__builtin_trap();
	free(enc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* libmicrohttpd hands over C strings: the text ends at the first NUL; what follows
	 * steers which bytes the round trip escapes. */
	const char *in = (const char *)data;
	size_t n = strnlen(in, size);
	check_decode(in, n);
	const uint8_t *ctl = n < size ? data + n + 1 : data;
	size_t nctl = n < size ? size - n - 1 : size;
	check_round_trip(in, n, ctl, nctl);
	return 0;
}
