/* pdf.c: see pdf.h. Sizes are in points (1/72 inch); pango's in its units (PANGO_SCALE a
 * point). */
#include "export/pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"

#define PAGE_W 595.276 /* A4 */
#define PAGE_H 841.890
#define MARGIN 48.0
#define FOOT 24.0 /* the foot's band, above the bottom margin */
#define WIDTH (PAGE_W - 2 * MARGIN)
#define PAD 3.0 /* around a cell's text */
#define FONT "DejaVu Sans"

enum style { TITLE, LINE, HEADING, HEAD, CELL, TOTAL, NOTE, FOOTER, STYLES };

static const struct {
	double size;
	bool bold, italic;
} styles[STYLES] = {
	[TITLE] = { 16, true, false },   [LINE] = { 10, false, false },
	[HEADING] = { 12, true, false }, [HEAD] = { 8.5, true, false },
	[CELL] = { 9, false, false },    [TOTAL] = { 9, true, false },
	[NOTE] = { 8, false, true },     [FOOTER] = { 8, false, false },
};

struct pen {
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *fonts[STYLES];
	const struct doc *d;
	double y;
	int page;
};

/* Lays s out in style st, wrapped at width (≤ 0: not wrapped); returns its height and sets
 * *w to its width. */
static double lay(struct pen *p, enum style st, const char *s, double width, PangoAlignment al,
		  double *w)
{
	pango_layout_set_font_description(p->layout, p->fonts[st]);
	pango_layout_set_width(p->layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_alignment(p->layout, al);
	pango_layout_set_text(p->layout, s ? s : "–", -1);
	int lw, lh;
	pango_layout_get_size(p->layout, &lw, &lh);
	if (w)
		*w = (double)lw / PANGO_SCALE;
	return (double)lh / PANGO_SCALE;
}

/* Draws what lay() laid out last, its top left corner at (x, y). */
static void draw(struct pen *p, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

/* The foot of the page: the title and the page's number. */
static void foot(struct pen *p)
{
	char n[16];
	snprintf(n, sizeof n, "%d", p->page);
	lay(p, FOOTER, p->d->title, WIDTH - 40, PANGO_ALIGN_LEFT, NULL);
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_END);
	draw(p, MARGIN, PAGE_H - MARGIN - FOOT / 2);
	pango_layout_set_ellipsize(p->layout, PANGO_ELLIPSIZE_NONE);
	lay(p, FOOTER, n, 40, PANGO_ALIGN_RIGHT, NULL);
	draw(p, PAGE_W - MARGIN - 40, PAGE_H - MARGIN - FOOT / 2);
}

static void new_page(struct pen *p)
{
	if (p->page) {
		foot(p);
		cairo_show_page(p->cr);
	}
	p->page++;
	p->y = MARGIN;
}

/* Whether h more points fit on the page; if not, starts the next. Returns whether it did. */
static bool room(struct pen *p, double h)
{
	if (p->y + h <= PAGE_H - MARGIN - FOOT || p->y == MARGIN)
		return false;
	new_page(p);
	return true;
}

/* A block of text across the page. */
static void block(struct pen *p, enum style st, const char *s, double after)
{
	double h = lay(p, st, s, WIDTH, PANGO_ALIGN_LEFT, NULL);
	room(p, h);
	lay(p, st, s, WIDTH, PANGO_ALIGN_LEFT, NULL);
	draw(p, MARGIN, p->y);
	p->y += h + after;
}

/* The columns' widths: each figure column as wide as its widest text (head included, at
 * most 90 points), the label columns sharing the rest; narrowed evenly when the figures
 * would leave the labels less than a third of the page. */
static void widths(struct pen *p, const struct doc_table *t, double *w)
{
	double figures = 0;
	for (size_t c = t->labels; c < t->ncols; c++) {
		double x, most = 28;
		lay(p, HEAD, t->head[c], 90 - 2 * PAD, PANGO_ALIGN_RIGHT, &x);
		most = x > most ? x : most;
		for (size_t r = 0; r < t->nrows; r++) {
			lay(p, TOTAL, t->cells[r * t->ncols + c], -1, PANGO_ALIGN_RIGHT, &x);
			most = x > most ? x : most;
		}
		w[c] = (most > 90 - 2 * PAD ? 90 - 2 * PAD : most) + 2 * PAD;
		figures += w[c];
	}
	double labels = t->labels ? WIDTH / 3 : 0;
	if (figures > WIDTH - labels)
		for (size_t c = t->labels; c < t->ncols; c++)
			w[c] *= (WIDTH - labels) / figures;
	else
		labels = WIDTH - figures;
	for (size_t c = 0; c < t->labels; c++)
		w[c] = labels / (double)t->labels;
}

/* One row of a table (the head when cells is t->head); returns its height. */
static double row(struct pen *p, const struct doc_table *t, const char *const *cells,
		  const double *w, enum style st, bool draw_it)
{
	double h = 0, x = MARGIN;
	for (size_t c = 0; c < t->ncols; c++) {
		PangoAlignment al = c < t->labels ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT;
		double ch = lay(p, st, cells[c], w[c] - 2 * PAD, al, NULL);
		if (draw_it)
			draw(p, x + PAD, p->y + PAD);
		h = ch > h ? ch : h;
		x += w[c];
	}
	return h + 2 * PAD;
}

static void rule(struct pen *p, double width)
{
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, MARGIN + WIDTH, p->y);
	cairo_stroke(p->cr);
}

static void head(struct pen *p, const struct doc_table *t, const double *w)
{
	double h = row(p, t, t->head, w, HEAD, false);
	cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
	cairo_rectangle(p->cr, MARGIN, p->y, WIDTH, h);
	cairo_fill(p->cr);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	row(p, t, t->head, w, HEAD, true);
	p->y += h;
	rule(p, 0.8);
}

static int table(struct pen *p, const struct doc_table *t)
{
	if (!t->ncols || !t->nrows) /* no table of nothing: its note says why */
		return 0;
	double *w = calloc(t->ncols, sizeof *w);
	if (!w)
		return K_ENOMEM;
	widths(p, t, w);
	double hh = row(p, t, t->head, w, HEAD, false);
	room(p, hh + (t->nrows ? row(p, t, t->cells, w, CELL, false) : 0));
	head(p, t, w);
	for (size_t r = 0; r < t->nrows; r++) {
		const char *const *cells = t->cells + r * t->ncols;
		enum style st = t->total && r + 1 == t->nrows ? TOTAL : CELL;
		double h = row(p, t, cells, w, st, false);
		if (room(p, h))
			head(p, t, w);
		if (st == TOTAL)
			rule(p, 0.8);
		row(p, t, cells, w, st, true);
		p->y += h;
		rule(p, 0.2);
	}
	free(w);
	return 0;
}

static cairo_status_t put(void *closure, const unsigned char *data, unsigned int n)
{
	return buf_append(closure, data, n) ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int pdf_render(const struct doc *d, const char *lang, struct buf *out)
{
	cairo_surface_t *sf = cairo_pdf_surface_create_for_stream(put, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE, d->title ? d->title : "");
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR, "Komek");
	struct pen p = { .cr = cairo_create(sf), .d = d };
	p.layout = pango_cairo_create_layout(p.cr);
	PangoContext *ctx = pango_layout_get_context(p.layout);
	pango_context_set_language(ctx, pango_language_from_string(lang ? lang : "en"));
	pango_layout_set_wrap(p.layout, PANGO_WRAP_WORD_CHAR);
	int rc = 0;
	for (size_t i = 0; i < STYLES; i++) {
		PangoFontDescription *f = pango_font_description_from_string(FONT);
		pango_font_description_set_size(f, (int)(styles[i].size * PANGO_SCALE));
		pango_font_description_set_weight(f, styles[i].bold ? PANGO_WEIGHT_BOLD
								    : PANGO_WEIGHT_NORMAL);
		pango_font_description_set_style(f, styles[i].italic ? PANGO_STYLE_ITALIC
								     : PANGO_STYLE_NORMAL);
		p.fonts[i] = f;
	}
	new_page(&p);
	block(&p, TITLE, d->title, 6);
	for (size_t i = 0; i < d->nlines; i++)
		block(&p, LINE, d->lines[i], 2);
	p.y += 10;
	for (size_t i = 0; i < d->nsections && !rc; i++) {
		const struct doc_section *s = &d->sections[i];
		if (s->heading) {
			/* A heading does not end a page: keep room for it and a row or two. */
			room(&p, 60);
			block(&p, HEADING, s->heading, 4);
		}
		rc = table(&p, &s->table);
		p.y += 4;
		if (s->withheld)
			block(&p, NOTE, i18n_tr(lang, DOC_WITHHELD_DASH), 2);
		if (s->note)
			block(&p, NOTE, s->note, 0);
		p.y += 14;
	}
	foot(&p);
	for (size_t i = 0; i < STYLES; i++)
		pango_font_description_free(p.fonts[i]);
	g_object_unref(p.layout);
	cairo_destroy(p.cr);
	cairo_surface_finish(sf);
	if (!rc && cairo_surface_status(sf) != CAIRO_STATUS_SUCCESS)
		rc = cairo_surface_status(sf) == CAIRO_STATUS_NO_MEMORY ? K_ENOMEM : K_EINVAL;
	cairo_surface_destroy(sf);
	if (!rc && out->overflow)
		rc = K_ETOOBIG;
	return rc;
}

int doc_write_pdf(struct req *r, const struct doc *d)
{
	buf_reset(&r->out);
	int rc = pdf_render(d, r->lang, &r->out);
	if (rc)
		return rc;
	r->ctype = "application/pdf";
	req_header_add(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"komek-%s-%s.pdf\"", d->name, r->today));
	return 0;
}
