/* url.c: percent-decoding of the request path and query values (see url.h). */
#include "http/url.h"

#include "base/banned.h"

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

size_t url_unescape(char *s)
{
	char *out = s;
	for (const char *in = s; *in; in++) {
		/* in[2] is read only when in[1] is a hex digit, so never past the NUL. */
		int hi = in[0] == '%' ? hex_digit(in[1]) : -1;
		int lo = hi >= 0 ? hex_digit(in[2]) : -1;
		int v = lo >= 0 ? hi * 16 + lo : 0;
		if (v > 0) {
			*out++ = (char)v;
			in += 2;
		} else {
			*out++ = *in;
		}
	}
	*out = '\0';
	return (size_t)(out - s);
}
