/* i18n.c: reads the embedded .mo catalogs and translates per request (see i18n.h). */
#include "base/i18n.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"
#include "base/embedded.h"
#include "base/util.h"

struct catalog {
	const char *lang;
	const unsigned char *data;
	size_t len;
	uint32_t n, orig, trans; /* count and table offsets, native byte order */
	bool swapped;            /* the file's byte order is not the machine's */
};

static struct catalog catalogs[] = { { .lang = "kk" }, { .lang = "ru" }, { .lang = "en" } };

static uint32_t rd32(const struct catalog *c, size_t off, bool swap)
{
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	return swap ? __builtin_bswap32(v) : v;
}

/* Checks the .mo header and that every string table entry lies inside the file. */
static int load(struct catalog *c)
{
	char name[32];
	snprintf(name, sizeof(name), "locale/%s.mo", c->lang);
	const struct embedded_file *f = embedded_find(name);
	if (!f)
		return 0; /* no catalog: the msgids (English) are shown */
	c->data = f->data;
	c->len = f->len;
	if (c->len < 28)
		return K_EINVAL;
	uint32_t magic;
	memcpy(&magic, c->data, 4);
	if (magic == 0x950412de)
		c->swapped = false;
	else if (magic == 0xde120495)
		c->swapped = true;
	else
		return K_EINVAL;
	c->n = rd32(c, 8, c->swapped);
	c->orig = rd32(c, 12, c->swapped);
	c->trans = rd32(c, 16, c->swapped);
	if ((uint64_t)c->orig + (uint64_t)c->n * 8 > c->len ||
	    (uint64_t)c->trans + (uint64_t)c->n * 8 > c->len)
		return K_EINVAL;
	for (uint32_t i = 0; i < c->n; i++) {
		for (int t = 0; t < 2; t++) {
			uint32_t base = t ? c->trans : c->orig;
			uint32_t len = rd32(c, base + i * 8, c->swapped);
			uint32_t off = rd32(c, base + i * 8 + 4, c->swapped);
			if ((uint64_t)off + len >= c->len || c->data[off + len] != '\0')
				return K_EINVAL;
		}
	}
	return 0;
}

int i18n_init(void)
{
	for (size_t i = 0; i < sizeof(catalogs) / sizeof(catalogs[0]); i++) {
		if (load(&catalogs[i])) {
			log_error("i18n: catalog %s is malformed", catalogs[i].lang);
			return K_EINVAL;
		}
	}
	return 0;
}

const char *i18n_lang(const char *code)
{
	if (!code)
		return NULL;
	for (size_t i = 0; i < sizeof(catalogs) / sizeof(catalogs[0]); i++)
		if (strcmp(code, catalogs[i].lang) == 0)
			return catalogs[i].lang;
	return NULL;
}

static bool ows(char c)
{
	return c == ' ' || c == '\t';
}

/* Whether the parameters of one Accept-Language element (s[0..n), from its first ';') hold
 * a weight of zero: "q=0", "q=0.", "q=0.000" or with Q, whitespace allowed around each
 * parameter (RFC 9110 §12.4.2: "not acceptable"). */
static bool refused(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t b = i + 1, e = b; /* s[i] is ';' */
		while (e < n && s[e] != ';')
			e++;
		i = e;
		while (b < e && ows(s[b]))
			b++;
		while (e > b && ows(s[e - 1]))
			e--;
		if (e - b < 3 || (s[b] | 0x20) != 'q' || s[b + 1] != '=' || s[b + 2] != '0')
			continue;
		size_t d = b + 3;
		if (d < e && s[d] == '.') {
			d++;
			while (d < e && s[d] == '0')
				d++;
		}
		if (d == e)
			return true;
	}
	return false;
}

const char *i18n_accept(const char *h)
{
	/* The first listed language we have wins, unless refused with q=0; other weights are
	 * rarely other than descending. Whitespace (space, tab) may surround elements and
	 * parameters; an element whose range is not "xx" or "xx-…" is skipped. */
	while (h && *h) {
		const char *end = strchr(h, ',');
		size_t n = end ? (size_t)(end - h) : strlen(h);
		while (n && ows(*h))
			h++, n--;
		size_t r = 0;
		while (r < n && h[r] != ';' && !ows(h[r]))
			r++;
		size_t p = r;
		while (p < n && ows(h[p]))
			p++;
		if (r >= 2 && (r == 2 || h[2] == '-') && (p == n || h[p] == ';') &&
		    !refused(h + p, n - p)) {
			for (size_t i = 0; i < sizeof(catalogs) / sizeof(catalogs[0]); i++)
				if (strncasecmp(h, catalogs[i].lang, 2) == 0)
					return catalogs[i].lang;
		}
		h = end ? end + 1 : NULL;
	}
	return NULL;
}

const char *i18n_tr(const char *lang, const char *msgid)
{
	const struct catalog *c = NULL;
	for (size_t i = 0; i < sizeof(catalogs) / sizeof(catalogs[0]); i++)
		if (lang && strcmp(lang, catalogs[i].lang) == 0)
			c = &catalogs[i];
	if (!c || !c->data || !msgid)
		return msgid;
	/* msgfmt writes the original strings sorted, so a binary search finds the id. */
	uint32_t lo = 0, hi = c->n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		uint32_t off = rd32(c, c->orig + mid * 8 + 4, c->swapped);
		int cmp = strcmp(msgid, (const char *)c->data + off);
		if (cmp == 0) {
			uint32_t len = rd32(c, c->trans + mid * 8, c->swapped);
			uint32_t toff = rd32(c, c->trans + mid * 8 + 4, c->swapped);
			return len ? (const char *)c->data + toff : msgid;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return msgid;
}
