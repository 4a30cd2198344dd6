/* form.c: URL decoding and application/x-www-form-urlencoded bodies. */
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "http/request.h"

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *url_decode(struct arena *a, const char *s, size_t n)
{
	char *out = arena_alloc(a, n + 1);
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			if (n - i < 3)
				return NULL;
			int hi = hexval(s[i + 1]), lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	/* Text fields may hold newlines and tabs; nothing else below a space, and no NUL. */
	if (!utf8_valid_text(out, o))
		return NULL;
	return out;
}

int form_parse(struct arena *a, const char *data, size_t len, struct form *out)
{
	out->f = NULL;
	out->n = 0;
	if (!len)
		return 0;
	size_t count = 1;
	for (size_t i = 0; i < len; i++)
		count += data[i] == '&';
	if (count > HTTP_FORM_FIELDS_MAX)
		return K_EINVAL;
	out->f = arena_alloc(a, count * sizeof(*out->f));
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && data[i] != '&')
			continue;
		const char *pair = data + start;
		size_t plen = i - start;
		start = i + 1;
		if (!plen)
			continue;
		const char *eq = memchr(pair, '=', plen);
		size_t klen = eq ? (size_t)(eq - pair) : plen;
		char *k = url_decode(a, pair, klen);
		char *v = eq ? url_decode(a, eq + 1, plen - klen - 1) : arena_strdup(a, "");
		if (!k || !v)
			return K_EINVAL;
		out->f[out->n++] = (struct form_field){ k, v };
	}
	return 0;
}
