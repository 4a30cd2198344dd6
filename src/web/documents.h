/* documents.h: a document (export/doc.h) written into a page (private to web/). */
#ifndef KOMEK_WEB_DOCUMENTS_H
#define KOMEK_WEB_DOCUMENTS_H

#include "export/doc.h"
#include "web/html.h"

/* A section: its heading as an h2 (the caption instead, when caption is given), its table
 * (the label columns as row headers, "–" with "withheld" for screen readers where a figure
 * is withheld, the total row in the table's foot) and its notes (that on withheld figures
 * only without a caption: the report builder says it above its table). */
void doc_section_html(struct html *h, const struct doc_section *s, const char *caption);

#endif
