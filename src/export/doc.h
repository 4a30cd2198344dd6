/* doc.h: a report as a document, the one shape that the printable page (web/reports.c),
 * the PDF (pdf.h), the spreadsheets (report.h) and the API's JSON are written from: a
 * title, lines under it (whose figures, which period), and sections of a heading and a
 * table, with a note under each when it needs one.
 *
 * Every text is already in the reader's language and is plain text: the writers escape it
 * for what they write. A table's first `labels` columns are labels, the others figures; a
 * NULL figure is withheld (a small cell) and written as "–" (empty in the files); "" is no
 * figure at all (a mean of nobody). Everything lives in the request's arena. */
#ifndef KOMEK_EXPORT_DOC_H
#define KOMEK_EXPORT_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "base/sheet.h"
#include "export/report.h"
#include "http/request.h"

struct doc_table {
	size_t ncols, nrows, labels;
	const char **head; /* ncols */
	/* The rows' name alone, where head[0] names both axes ("Region \ Sex", as the files
	 * have it): a page heads its first column with it (NULL: head[0]). */
	const char *rows_name;
	const char **cells; /* nrows * ncols */
	bool total;         /* the last row is the table's total */
};

struct doc_section {
	const char *heading;
	const char *note; /* under the table; NULL: none */
	bool withheld;    /* some figure is: each writer says how it shows them */
	struct doc_table table;
};

enum { DOC_SECTIONS_MAX = 16, DOC_LINES_MAX = 6 };

/* Where withheld figures show as "–" (the page, the PDF), the note under their table. */
#define DOC_WITHHELD_DASH                                                                          \
	N_("Figures of fewer than five people, and figures that would reveal them, are withheld "  \
	   "(–), so that nobody can be singled out.")

struct doc {
	const char *name; /* the file's: komek-NAME-DATE.pdf */
	const char *title;
	const char *lines[DOC_LINES_MAX];
	size_t nlines;
	struct doc_section sections[DOC_SECTIONS_MAX];
	size_t nsections;
};

/* A table of nrows × ncols empty cells with its head (NULL when out of memory). */
struct doc_table *doc_table_new(struct req *r, struct doc_section *s, size_t nrows, size_t ncols,
				size_t labels);
/* A new section with its heading, translated (NULL: none), or NULL past DOC_SECTIONS_MAX. */
struct doc_section *doc_section_add(struct req *r, struct doc *d, const char *msgid);
/* A line under the title (dropped past DOC_LINES_MAX). */
void doc_line(struct doc *d, const char *text);

/* A report's table as a section: the rows' axis (with the columns' after "\"), the columns'
 * values and "In all"; the rows with their totals and the row "In all". An axis not cut has
 * no total of its own. */
int doc_report_section(struct req *r, struct doc *d, const char *heading,
		       const struct report_view *v);

/* Writes the document as the answer, a file named komek-NAME-DATE.EXT: a row of the title
 * and its lines, then each section's heading, table and notes (withheld figures are empty
 * cells, and a note says so). */
int doc_write_sheet(struct req *r, enum sheet_format f, const struct doc *d);

/* The same as format says: "pdf" (pdf.h), "xlsx", or else CSV. */
int doc_write(struct req *r, const char *format, const struct doc *d);

#endif
