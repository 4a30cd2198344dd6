/* html.h: the only way Komek writes HTML. Escaping is done by the writer, by type.
 *
 * html(h, FORMAT, ...) appends FORMAT, which must be a string literal (the macro refuses
 * anything else at compile time), with these directives replaced:
 *   %s  text, HTML-escaped (safe in element content and in quoted attribute values)
 *   %t  a message id, translated into the page's language, then HTML-escaped
 *   %u  a URL component, percent-encoded (safe in a quoted href or src)
 *   %d  an int          %D  an int64_t
 *   %%  a percent sign
 * A NULL %s or %u writes nothing. %s and %t change only & < > " ' (into &amp; &lt; &gt;
 * &quot; &#39;) and copy every other byte as it is, invalid UTF-8 included: input is checked
 * for UTF-8 where it enters, and a browser's UTF-8 decoder never lets a broken sequence take
 * the quote or bracket after it. %u keeps A-Z a-z 0-9 - _ . ~ and writes %XX (upper-case
 * hex) for every other byte. There is no directive for raw text: markup comes only
 * from format literals, so user data cannot become markup. Attributes are always quoted in
 * the formats. Nothing is ever written inside <script> or style attributes. */
#ifndef KOMEK_WEB_HTML_H
#define KOMEK_WEB_HTML_H

#include <stdint.h>

#include "base/buf.h"

struct html {
	struct buf *out;
	const char *lang; /* for %t */
};

#define html(h, fmt, ...) html_format_((h), "" fmt "", ##__VA_ARGS__)
void html_format_(struct html *h, const char *fmt, ...);

/* Writers that the format cannot express. */
void html_text(struct html *h, const char *s); /* like %s */
void html_text_n(struct html *h, const char *s, size_t n);
const char *html_tr(const struct html *h, const char *msgid); /* translated, not escaped */

#endif
