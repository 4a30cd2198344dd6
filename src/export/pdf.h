/* pdf.h: a document (doc.h) as a PDF, for printing and filing: A4, the title and its lines,
 * then each section's heading, table (its head repeated on every page it runs over, figures
 * right-aligned, the total row bold, "–" for a withheld figure) and note; the title and the
 * page's number at the foot of every page.
 *
 * Cairo draws; pango lays the text out and shapes it with the system's fonts (fontconfig:
 * DejaVu Sans, which has every letter of Kazakh, Russian and English), so the text is real
 * text in the file, which pdftotext reads back. */
#ifndef KOMEK_EXPORT_PDF_H
#define KOMEK_EXPORT_PDF_H

#include "base/buf.h"
#include "export/doc.h"
#include "http/request.h"

/* Appends the PDF of d to out; lang ("kk", "ru", "en") guides the shaping. 0, K_ENOMEM, or
 * K_EINVAL when cairo fails. */
int pdf_render(const struct doc *d, const char *lang, struct buf *out);

/* Writes the document as the answer: a PDF file named komek-NAME-DATE.pdf. */
int doc_write_pdf(struct req *r, const struct doc *d);

#endif
