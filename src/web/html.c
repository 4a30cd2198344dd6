/* html.c: the escaping HTML writer (see html.h). */
#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"

void html_text_n(struct html *h, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(h->out, s + start, i - start);
		buf_puts(h->out, rep);
		start = i + 1;
	}
	buf_append(h->out, s + start, n - start);
}

void html_text(struct html *h, const char *s)
{
	if (s)
		html_text_n(h, s, strlen(s));
}

static void html_url(struct html *h, const char *s)
{
	static const char hx[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
			buf_putc(h->out, (char)*p);
		} else {
			char e[3] = { '%', hx[*p >> 4], hx[*p & 15] };
			buf_append(h->out, e, 3);
		}
	}
}

const char *html_tr(const struct html *h, const char *msgid)
{
	return i18n_tr(h->lang, msgid);
}

void html_format_(struct html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *lit = fmt;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		buf_append(h->out, lit, (size_t)(p - lit));
		char num[32];
		switch (*++p) {
		case 's': html_text(h, va_arg(ap, const char *)); break;
		case 't': html_text(h, html_tr(h, va_arg(ap, const char *))); break;
		case 'u': html_url(h, va_arg(ap, const char *)); break;
		case 'd':
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			buf_puts(h->out, num);
			break;
		case 'D':
			snprintf(num, sizeof(num), "%lld", (long long)va_arg(ap, int64_t));
			buf_puts(h->out, num);
			break;
		case '%': buf_putc(h->out, '%'); break;
		default:
			/* A format literal is ours; a wrong directive is a bug found by tests. */
			buf_puts(h->out, "%?");
			if (!*p)
				p--;
			break;
		}
		lit = p + 1;
	}
	buf_puts(h->out, lit);
	va_end(ap);
}
