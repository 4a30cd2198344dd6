/* doc.c: see doc.h. */
#include "export/doc.h"

#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "export/pdf.h"

struct doc_table *doc_table_new(struct req *r, struct doc_section *s, size_t nrows, size_t ncols,
				size_t labels)
{
	struct doc_table *t = &s->table;
	memset(t, 0, sizeof *t);
	size_t nh = ncols ? ncols : 1, nc = nrows * ncols;
	nc = nc ? nc : 1;
	t->head = arena_alloc(&r->arena, nh * sizeof *t->head);
	t->cells = arena_alloc(&r->arena, nc * sizeof *t->cells);
	if (!t->head || !t->cells)
		return NULL;
	memset(t->head, 0, nh * sizeof *t->head);
	memset(t->cells, 0, nc * sizeof *t->cells);
	t->nrows = nrows;
	t->ncols = ncols;
	t->labels = labels;
	return t;
}

struct doc_section *doc_section_add(struct req *r, struct doc *d, const char *msgid)
{
	if (d->nsections == DOC_SECTIONS_MAX)
		return NULL;
	struct doc_section *s = &d->sections[d->nsections++];
	memset(s, 0, sizeof *s);
	s->heading = msgid ? i18n_tr(r->lang, msgid) : NULL;
	return s;
}

void doc_line(struct doc *d, const char *text)
{
	if (d->nlines < DOC_LINES_MAX && text)
		d->lines[d->nlines++] = text;
}

int doc_report_section(struct req *r, struct doc *d, const char *heading,
		       const struct report_view *v)
{
	const struct report_table *t = &v->t;
	struct doc_section *s = doc_section_add(r, d, heading);
	if (!s)
		return K_ETOOBIG;
	/* Not cut by columns: the one column is the total; by rows: the one row is. */
	bool cols = t->spec.cols != RA_NONE, rows = t->spec.rows != RA_NONE;
	size_t ncols = 1 + t->ncols + (cols ? 1 : 0), nrows = t->nrows + (rows ? 1 : 0);
	struct doc_table *dt = doc_table_new(r, s, nrows, ncols, 1);
	if (!dt)
		return K_ENOMEM;
	dt->total = rows;
	dt->head[0] = cols ? arena_printf(&r->arena, "%s \\ %s",
					  i18n_tr(r->lang, report_axis_name(t->spec.rows)),
					  i18n_tr(r->lang, report_axis_name(t->spec.cols)))
			   : i18n_tr(r->lang, rows ? report_axis_name(t->spec.rows)
						   : report_measure_name(t->spec.measure));
	if (cols)
		dt->rows_name = i18n_tr(r->lang, report_axis_name(t->spec.rows));
	for (size_t c = 0; c < t->ncols; c++)
		dt->head[c + 1] = cols ? v->col_labels[c] : i18n_tr(r->lang, N_("Count"));
	if (cols)
		dt->head[ncols - 1] = i18n_tr(r->lang, N_("In all"));
	for (size_t row = 0; row < nrows; row++) {
		bool tot = row == t->nrows;
		const char **line = dt->cells + row * ncols;
		line[0] = tot ? i18n_tr(r->lang, N_("In all")) : v->row_labels[row];
		for (size_t c = 0; c < t->ncols; c++)
			line[c + 1] = report_figure(r, tot ? &t->col_totals[c]
							   : &t->cells[row * t->ncols + c]);
		if (cols)
			line[ncols - 1] = report_figure(r, tot ? &t->total : &t->row_totals[row]);
	}
	s->withheld = t->withheld > 0;
	return 0;
}

int doc_write_sheet(struct req *r, enum sheet_format f, const struct doc *d)
{
	struct sheet *sh = sheet_new(f, d->title);
	if (!sh)
		return K_ENOMEM;
	size_t width = 1 + d->nlines;
	for (size_t i = 0; i < d->nsections; i++)
		if (d->sections[i].table.ncols > width)
			width = d->sections[i].table.ncols;
	const char **cells = arena_alloc(&r->arena, width * sizeof *cells);
	if (!cells) {
		sheet_free(sh);
		return K_ENOMEM;
	}
	/* The title and its lines, then each section: its heading, its table, its note. */
	cells[0] = d->title;
	for (size_t i = 0; i < d->nlines; i++)
		cells[i + 1] = d->lines[i];
	sheet_row(sh, cells, 1 + d->nlines);
	for (size_t i = 0; i < d->nsections; i++) {
		const struct doc_section *s = &d->sections[i];
		if (s->heading)
			sheet_row(sh, &s->heading, 1);
		sheet_row(sh, s->table.head, s->table.ncols);
		for (size_t row = 0; row < s->table.nrows; row++)
			sheet_row(sh, s->table.cells + row * s->table.ncols, s->table.ncols);
		if (s->withheld) {
			const char *note = i18n_tr(
			    r->lang, N_("Empty cells: figures of fewer than five people, "
					"and figures that would reveal them, are withheld."));
			sheet_row(sh, &note, 1);
		}
		if (s->note)
			sheet_row(sh, &s->note, 1);
	}
	buf_reset(&r->out);
	if (sheet_finish(sh, &r->out))
		return K_ETOOBIG;
	r->ctype = sheet_ctype(f);
	req_header_add(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"komek-%s-%s.%s\"", d->name,
				    r->today, sheet_ext(f)));
	return 0;
}

int doc_write(struct req *r, const char *format, const struct doc *d)
{
	if (format && strcmp(format, "pdf") == 0)
		return doc_write_pdf(r, d);
	return doc_write_sheet(r, format && strcmp(format, "xlsx") == 0 ? SHEET_XLSX : SHEET_CSV,
			       d);
}
