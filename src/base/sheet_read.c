/* sheet_read.c: reading CSV (libcsv) and XLSX (libzip, expat) tables (sheet_read.h). */
#include "base/sheet_read.h"

#include <errno.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <expat.h>
#include <zip.h>

#include "base/banned.h"
#include "base/buf.h"
#include "base/util.h"

/* One row being gathered: its cells' bytes one after another, each ended by a NUL. */
struct row {
	struct buf bytes;
	size_t off[SHEET_READ_COLS_MAX];
	size_t n;        /* cells so far */
	size_t nonempty; /* cells up to the last that is not empty */
};

static void row_init(struct row *w)
{
	buf_init(&w->bytes, (size_t)SHEET_READ_COLS_MAX * (SHEET_READ_CELL_MAX + 1));
	w->n = w->nonempty = 0;
}

static void row_clear(struct row *w)
{
	buf_reset(&w->bytes);
	w->n = w->nonempty = 0;
}

static void fail(struct sheet_read_error *err, long row, const char *msg)
{
	if (!err->msg) {
		err->row = row;
		err->msg = msg;
	}
}

/* Puts cell col (0-based, later than the cells so far) of row. K_EINVAL with err filled. */
static int row_put(struct row *w, size_t col, const char *s, size_t len, long rowno,
		   struct sheet_read_error *err)
{
	if (col >= SHEET_READ_COLS_MAX) {
		if (!len)
			return 0;
		fail(err, rowno, N_("The row has more columns than an import reads (64)."));
		return K_EINVAL;
	}
	if (len > SHEET_READ_CELL_MAX) {
		fail(err, rowno, N_("A cell holds more text than an import reads (4000 bytes)."));
		return K_EINVAL;
	}
	while (w->n < col) {
		w->off[w->n++] = w->bytes.len;
		if (buf_putc(&w->bytes, '\0'))
			return K_ENOMEM;
	}
	w->off[w->n++] = w->bytes.len;
	/* Line breaks inside a cell become \n, whatever the file's convention. */
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (buf_putc(&w->bytes, c))
			return K_ENOMEM;
	}
	if (buf_putc(&w->bytes, '\0'))
		return K_ENOMEM;
	const char *cell = w->bytes.data + w->off[w->n - 1];
	size_t clen = strlen(cell);
	if (clen != w->bytes.len - 1 - w->off[w->n - 1] || !utf8_valid_text(cell, clen)) {
		fail(err, rowno, N_("A cell holds characters that are not text."));
		return K_EINVAL;
	}
	if (clen)
		w->nonempty = w->n;
	return 0;
}

/* Hands a gathered row to the callback (unless it is empty) and clears it. */
static int row_emit(struct row *w, long rowno, sheet_row_fn fn, void *ctx)
{
	int rc = 0;
	if (w->nonempty) {
		const char *cells[SHEET_READ_COLS_MAX];
		for (size_t i = 0; i < w->nonempty; i++)
			cells[i] = w->bytes.data + w->off[i];
		rc = fn(ctx, rowno, cells, w->nonempty);
	}
	row_clear(w);
	return rc;
}

enum sheet_format sheet_sniff(const void *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0 ? SHEET_XLSX : SHEET_CSV;
}

/* ---- CSV ---- */

struct csv_state {
	struct row w;
	long rowno;
	int rc;
	sheet_row_fn fn;
	void *ctx;
	struct sheet_read_error *err;
};

static void csv_field(void *s, size_t len, void *data)
{
	struct csv_state *st = data;
	if (st->rc)
		return;
	/* The apostrophe sheet.c puts before what a spreadsheet would run as a formula. */
	const char *c = s ? s : "";
	if (!s)
		len = 0;
	if (len > 1 && c[0] == '\'' && strchr("=+-@\t\r", c[1])) {
		c++;
		len--;
	}
	st->rc = row_put(&st->w, st->w.n, c, len, st->rowno + 1, st->err);
}

static void csv_record(int c, void *data)
{
	(void)c;
	struct csv_state *st = data;
	st->rowno++;
	if (!st->rc)
		st->rc = row_emit(&st->w, st->rowno, st->fn, st->ctx);
	row_clear(&st->w);
}

/* The separator of the first line: the most frequent of , ; and tab outside quotes. */
static unsigned char csv_delim(const char *s, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	bool quoted = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (c == '\n' || c == '\r')
			break;
		else if (c == ',')
			comma++;
		else if (c == ';')
			semi++;
		else if (c == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

/* The file as UTF-8: data itself, or a new conversion in *owned (free it). */
static int csv_text(enum sheet_encoding enc, const char *data, size_t len, const char **out,
		    size_t *outlen, char **owned, struct sheet_read_error *err)
{
	*owned = NULL;
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
		if (enc == SHEET_ENC_AUTO)
			enc = SHEET_ENC_UTF8;
	}
	if (enc == SHEET_ENC_AUTO)
		enc = utf8_valid_text(data, len) ? SHEET_ENC_UTF8 : SHEET_ENC_CP1251;
	if (enc == SHEET_ENC_UTF8) {
		*out = data;
		*outlen = len;
		return 0;
	}
	iconv_t cd = iconv_open("UTF-8", enc == SHEET_ENC_KZ1048 ? "RK1048" : "WINDOWS-1251");
	if (cd == (iconv_t)-1)
		return K_ENOMEM;
	size_t cap = len * 3 + 1;
	char *buf = malloc(cap);
	if (!buf) {
		iconv_close(cd);
		return K_ENOMEM;
	}
	/* iconv's input is not const in its prototype; it only reads it. */
	char *in, *o = buf;
	memcpy(&in, &data, sizeof(in));
	size_t inleft = len, oleft = cap;
	size_t r = iconv(cd, &in, &inleft, &o, &oleft);
	iconv_close(cd);
	if (r == (size_t)-1) {
		free(buf);
		fail(err, 0, N_("The file is not text in the encoding chosen."));
		return K_EINVAL;
	}
	*owned = buf;
	*out = buf;
	*outlen = (size_t)(o - buf);
	return 0;
}

static int read_csv(enum sheet_encoding enc, const char *data, size_t len, sheet_row_fn fn,
		    void *ctx, struct sheet_read_error *err)
{
	const char *text;
	size_t n;
	char *owned;
	int rc = csv_text(enc, data, len, &text, &n, &owned, err);
	if (rc)
		return rc;
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI)) {
		free(owned);
		return K_ENOMEM;
	}
	csv_set_delim(&p, csv_delim(text, n));
	struct csv_state st = { .fn = fn, .ctx = ctx, .err = err };
	row_init(&st.w);
	/* In pieces, so that a callback's stop is heard before the whole file is parsed. */
	size_t at = 0;
	while (at < n && !st.rc) {
		size_t part = n - at < 65536 ? n - at : 65536;
		if (csv_parse(&p, text + at, part, csv_field, csv_record, &st) != part) {
			if (!st.rc) {
				fail(err, st.rowno + 1,
				     csv_error(&p) == CSV_ENOMEM
					 ? N_("The file is too large to read.")
					 : N_("A quoted cell is not closed or has text after "
					      "its closing quote."));
				st.rc = csv_error(&p) == CSV_ENOMEM ? K_ENOMEM : K_EINVAL;
			}
			break;
		}
		at += part;
	}
	if (!st.rc && csv_fini(&p, csv_field, csv_record, &st) && !st.rc) {
		fail(err, st.rowno + 1, N_("A quoted cell is not closed at the end of the file."));
		st.rc = K_EINVAL;
	}
	csv_free(&p);
	buf_release(&st.w.bytes);
	free(owned);
	return st.rc;
}

/* ---- XLSX ---- */

/* An element's name without its namespace prefix. */
static const char *local(const char *name)
{
	const char *c = strrchr(name, ':');
	return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

/* Streams one part of the archive through an expat parser set up by the caller. */
static int xml_part(zip_t *z, const char *name, XML_Parser xp, bool required,
		    struct sheet_read_error *err, int *cb_rc)
{
	zip_stat_t zs;
	zip_file_t *f = NULL;
	if (zip_stat(z, name, 0, &zs) || !(f = zip_fopen(z, name, 0))) {
		if (!required)
			return 0;
		fail(err, 0, N_("The file is not an XLSX workbook."));
		return K_EINVAL;
	}
	char chunk[65536];
	uint64_t total = 0;
	int rc = 0;
	for (;;) {
		zip_int64_t got = zip_fread(f, chunk, sizeof(chunk));
		if (got < 0) {
			fail(err, 0, N_("The file is not an XLSX workbook."));
			rc = K_EINVAL;
			break;
		}
		total += (uint64_t)got;
		if (total > SHEET_READ_ENTRY_MAX) {
			fail(err, 0, N_("The file is too large to read."));
			rc = K_ETOOBIG;
			break;
		}
		if (XML_Parse(xp, chunk, (int)got, got == 0) == XML_STATUS_ERROR) {
			if (*cb_rc) {
				rc = *cb_rc;
			} else {
				fail(err, 0, N_("The file is not an XLSX workbook."));
				rc = K_EINVAL;
			}
			break;
		}
		if (got == 0)
			break;
	}
	zip_fclose(f);
	return rc;
}

/* What the small parts say: the first sheet's relation id and part, the date system. */
struct book {
	char rid[64];
	char target[256];
	bool date1904, have_sheet;
};

static void book_start(void *data, const char *el, const char **atts)
{
	struct book *b = data;
	const char *n = local(el);
	if (strcmp(n, "sheet") == 0 && !b->have_sheet) {
		const char *id = attr(atts, "id");
		if (id && strlen(id) < sizeof(b->rid)) {
			memcpy(b->rid, id, strlen(id) + 1);
			b->have_sheet = true;
		}
	} else if (strcmp(n, "workbookPr") == 0) {
		const char *d = attr(atts, "date1904");
		b->date1904 = d && (strcmp(d, "1") == 0 || strcmp(d, "true") == 0);
	}
}

static void rels_start(void *data, const char *el, const char **atts)
{
	struct book *b = data;
	if (strcmp(local(el), "Relationship") != 0 || !b->have_sheet || b->target[0])
		return;
	const char *id = attr(atts, "Id"), *t = attr(atts, "Target");
	if (!id || !t || strcmp(id, b->rid) != 0)
		return;
	/* Relative to xl/, or absolute from the archive's root. */
	int w = t[0] == '/' ? snprintf(b->target, sizeof(b->target), "%s", t + 1)
			    : snprintf(b->target, sizeof(b->target), "xl/%s", t);
	if (w < 0 || (size_t)w >= sizeof(b->target))
		b->target[0] = '\0';
}

/* The shared strings, one after another with their NULs; and which styles are dates. */
struct strings {
	struct buf bytes;
	size_t *off;
	size_t n, cap;
	int depth_t;   /* inside <t> (not within <rPh>) */
	int depth_rph; /* inside a phonetic run, whose text is not the cell's */
	bool in_si, failed;
	size_t si_start;
};

static void ss_start(void *data, const char *el, const char **atts)
{
	(void)atts;
	struct strings *s = data;
	const char *n = local(el);
	if (strcmp(n, "si") == 0) {
		s->in_si = true;
		s->si_start = s->bytes.len;
	} else if (strcmp(n, "rPh") == 0) {
		s->depth_rph++;
	} else if (strcmp(n, "t") == 0 && s->in_si && !s->depth_rph) {
		s->depth_t++;
	}
}

static void ss_end(void *data, const char *el)
{
	struct strings *s = data;
	const char *n = local(el);
	if (strcmp(n, "si") == 0 && s->in_si) {
		s->in_si = false;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 1024;
			size_t *off = realloc(s->off, cap * sizeof(*off));
			if (!off) {
				s->failed = true;
				return;
			}
			s->off = off;
			s->cap = cap;
		}
		s->off[s->n++] = s->si_start;
		if (buf_putc(&s->bytes, '\0'))
			s->failed = true;
	} else if (strcmp(n, "rPh") == 0 && s->depth_rph) {
		s->depth_rph--;
	} else if (strcmp(n, "t") == 0 && s->depth_t) {
		s->depth_t--;
	}
}

static void ss_text(void *data, const char *txt, int len)
{
	struct strings *s = data;
	if (s->depth_t && buf_append(&s->bytes, txt, (size_t)len))
		s->failed = true;
}

#define STYLES_MAX 4096

struct styles {
	bool date_fmt[1024]; /* custom number formats (ids 164…) that show a date */
	bool xf_date[STYLES_MAX];
	size_t nxf;
	bool in_xfs;
};

/* Whether a number format shows a date: a day, month or year outside quotes and brackets. */
static bool format_is_date(const char *code)
{
	bool quoted = false;
	int bracket = 0;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			bracket++;
		else if (*p == ']' && bracket)
			bracket--;
		else if (!bracket && strchr("dDyY", *p))
			return true;
	}
	return false;
}

static bool builtin_date(long id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	       (id >= 50 && id <= 58);
}

static void st_start(void *data, const char *el, const char **atts)
{
	struct styles *st = data;
	const char *n = local(el);
	int64_t id;
	if (strcmp(n, "numFmt") == 0) {
		const char *i = attr(atts, "numFmtId"), *code = attr(atts, "formatCode");
		if (i && code && !parse_i64(i, 164, 164 + 1023, &id))
			st->date_fmt[id - 164] = format_is_date(code);
	} else if (strcmp(n, "cellXfs") == 0) {
		st->in_xfs = true;
	} else if (strcmp(n, "xf") == 0 && st->in_xfs && st->nxf < STYLES_MAX) {
		const char *i = attr(atts, "numFmtId");
		bool date = false;
		if (i && !parse_i64(i, 0, 100000, &id))
			date = id >= 164 ? id < 164 + 1024 && st->date_fmt[id - 164]
					 : builtin_date((long)id);
		st->xf_date[st->nxf++] = date;
	}
}

static void st_end(void *data, const char *el)
{
	struct styles *st = data;
	if (strcmp(local(el), "cellXfs") == 0)
		st->in_xfs = false;
}

/* The sheet, streaming. */
struct sheet_state {
	struct row w;
	const struct strings *ss;
	const struct styles *st;
	bool date1904;
	long rowno, next_row;
	size_t col, next_col;
	char type[12];
	long style;
	bool in_v, in_is_t, in_cell;
	int depth_rph;
	struct buf val;
	sheet_row_fn fn;
	void *ctx;
	struct sheet_read_error *err;
	int rc;
	XML_Parser xp;
};

static void sh_stop(struct sheet_state *s, int rc)
{
	if (!s->rc)
		s->rc = rc;
	XML_StopParser(s->xp, XML_FALSE);
}

/* "BC12" → column 54 (0-based), or -1. */
static long column_of(const char *ref)
{
	long c = 0;
	size_t i = 0;
	for (; ref[i] >= 'A' && ref[i] <= 'Z'; i++) {
		c = c * 26 + (ref[i] - 'A' + 1);
		if (c > 16384)
			return -1;
	}
	return i ? c - 1 : -1;
}

static void sh_start(void *data, const char *el, const char **atts)
{
	struct sheet_state *s = data;
	if (s->rc)
		return;
	const char *n = local(el);
	if (strcmp(n, "row") == 0) {
		const char *r = attr(atts, "r");
		int64_t v;
		s->rowno = r && !parse_i64(r, 1, 1048576, &v) ? (long)v : s->next_row;
		s->next_row = s->rowno + 1;
		s->next_col = 0;
		row_clear(&s->w);
	} else if (strcmp(n, "c") == 0) {
		const char *r = attr(atts, "r"), *t = attr(atts, "t"), *sty = attr(atts, "s");
		long col = r ? column_of(r) : (long)s->next_col;
		if (col < 0 || (size_t)col < s->w.n) {
			fail(s->err, s->rowno, N_("The file is not an XLSX workbook."));
			sh_stop(s, K_EINVAL);
			return;
		}
		s->col = (size_t)col;
		s->next_col = s->col + 1;
		snprintf(s->type, sizeof(s->type), "%s", t ? t : "n");
		int64_t v;
		s->style = sty && !parse_i64(sty, 0, STYLES_MAX - 1, &v) ? (long)v : -1;
		s->in_cell = true;
		buf_reset(&s->val);
	} else if (s->in_cell && strcmp(n, "v") == 0) {
		s->in_v = true;
	} else if (s->in_cell && strcmp(n, "rPh") == 0) {
		s->depth_rph++;
	} else if (s->in_cell && strcmp(n, "t") == 0 && !s->depth_rph) {
		s->in_is_t = true;
	}
}

static void sh_text(void *data, const char *txt, int len)
{
	struct sheet_state *s = data;
	if (s->rc || !(s->in_v || s->in_is_t))
		return;
	if (s->val.len + (size_t)len > SHEET_READ_CELL_MAX * 4 ||
	    buf_append(&s->val, txt, (size_t)len)) {
		fail(s->err, s->rowno,
		     N_("A cell holds more text than an import reads (4000 bytes)."));
		sh_stop(s, K_EINVAL);
	}
}

/* A serial day number of the workbook's date system as YYYY-MM-DD; false if out of range. */
static bool serial_date(long days, bool date1904, char out[11])
{
	if (days < 1 || days >= 2958466) /* 9999-12-31 */
		return false;
	/* Days from 1970-01-01: the 1900 system counts a 29 February 1900 that never was. */
	long z = date1904 ? days - 24107 : (days < 60 ? days - 25568 : days - 25569);
	/* Civil from days (Howard Hinnant's algorithm). */
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000, (unsigned)m % 100,
		 (unsigned)d % 100);
	return true;
}

static void sh_cell_done(struct sheet_state *s)
{
	if (buf_putc(&s->val, '\0')) {
		sh_stop(s, K_ENOMEM);
		return;
	}
	s->val.len--;
	const char *v = s->val.data ? s->val.data : "";
	size_t len = s->val.len;
	char date[11];
	if (strcmp(s->type, "s") == 0) {
		int64_t i;
		if (parse_i64(v, 0, (int64_t)s->ss->n - 1, &i)) {
			fail(s->err, s->rowno, N_("The file is not an XLSX workbook."));
			sh_stop(s, K_EINVAL);
			return;
		}
		v = s->ss->bytes.data + s->ss->off[i];
		len = strlen(v);
	} else if (strcmp(s->type, "n") == 0 && len && s->style >= 0 &&
		   (size_t)s->style < s->st->nxf && s->st->xf_date[s->style]) {
		/* The day is the integer part; a time of day after the point is dropped. (Not
		 * strtod: the locale may want a decimal comma.) */
		long d = 0;
		size_t i = 0;
		while (i < 8 && v[i] >= '0' && v[i] <= '9')
			d = d * 10 + (v[i++] - '0');
		bool whole = v[i] == '\0' ||
			     (v[i] == '.' && strspn(v + i + 1, "0123456789") == strlen(v + i + 1));
		if (i && whole && serial_date(d, s->date1904, date)) {
			v = date;
			len = 10;
		}
	} else if (strcmp(s->type, "b") == 0) {
		v = strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ? "1" : "0";
		len = 1;
	}
	int rc = row_put(&s->w, s->col, v, len, s->rowno, s->err);
	if (rc)
		sh_stop(s, rc);
}

static void sh_end(void *data, const char *el)
{
	struct sheet_state *s = data;
	if (s->rc)
		return;
	const char *n = local(el);
	if (strcmp(n, "v") == 0) {
		s->in_v = false;
	} else if (strcmp(n, "t") == 0) {
		s->in_is_t = false;
	} else if (strcmp(n, "rPh") == 0 && s->depth_rph) {
		s->depth_rph--;
	} else if (strcmp(n, "c") == 0 && s->in_cell) {
		s->in_cell = false;
		sh_cell_done(s);
	} else if (strcmp(n, "row") == 0) {
		int rc = row_emit(&s->w, s->rowno, s->fn, s->ctx);
		if (rc)
			sh_stop(s, rc);
	}
}

static XML_Parser parser(void *data, XML_StartElementHandler start, XML_EndElementHandler end,
			 XML_CharacterDataHandler text)
{
	XML_Parser xp = XML_ParserCreate("UTF-8");
	if (!xp)
		return NULL;
	XML_SetUserData(xp, data);
	XML_SetElementHandler(xp, start, end);
	if (text)
		XML_SetCharacterDataHandler(xp, text);
	return xp;
}

/* Runs one small part through a fresh parser. */
static int small_part(zip_t *z, const char *name, void *data, XML_StartElementHandler start,
		      XML_EndElementHandler end, XML_CharacterDataHandler text, bool required,
		      struct sheet_read_error *err)
{
	XML_Parser xp = parser(data, start, end, text);
	if (!xp)
		return K_ENOMEM;
	int none = 0;
	int rc = xml_part(z, name, xp, required, err, &none);
	XML_ParserFree(xp);
	return rc;
}

static int read_xlsx(const void *data, size_t len, sheet_row_fn fn, void *ctx,
		     struct sheet_read_error *err)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(data, len, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z) {
		if (src)
			zip_source_free(src);
		fail(err, 0, N_("The file is not an XLSX workbook."));
		return K_EINVAL;
	}
	struct book b = { 0 };
	struct strings ss = { 0 };
	struct styles *st = calloc(1, sizeof(*st));
	struct sheet_state sh = { .fn = fn, .ctx = ctx, .err = err, .next_row = 1 };
	buf_init(&ss.bytes, SHEET_READ_STRINGS_MAX);
	buf_init(&sh.val, SHEET_READ_CELL_MAX * 4 + 1);
	row_init(&sh.w);
	int rc = st ? 0 : K_ENOMEM;
	if (!rc)
		rc = small_part(z, "xl/workbook.xml", &b, book_start, NULL, NULL, true, err);
	if (!rc)
		rc = small_part(z, "xl/_rels/workbook.xml.rels", &b, rels_start, NULL, NULL, true,
				err);
	if (!rc && !b.target[0]) {
		fail(err, 0, N_("The file is not an XLSX workbook."));
		rc = K_EINVAL;
	}
	if (!rc)
		rc = small_part(z, "xl/sharedStrings.xml", &ss, ss_start, ss_end, ss_text, false,
				err);
	if (!rc && ss.failed) {
		fail(err, 0, N_("The file is too large to read."));
		rc = K_ETOOBIG;
	}
	if (!rc)
		rc = small_part(z, "xl/styles.xml", st, st_start, st_end, NULL, false, err);
	if (!rc) {
		sh.ss = &ss;
		sh.st = st;
		sh.date1904 = b.date1904;
		sh.xp = parser(&sh, sh_start, sh_end, sh_text);
		if (!sh.xp)
			rc = K_ENOMEM;
		else
			rc = xml_part(z, b.target, sh.xp, true, err, &sh.rc);
		if (!rc)
			rc = sh.rc;
		if (sh.xp)
			XML_ParserFree(sh.xp);
	}
	zip_discard(z);
	buf_release(&ss.bytes);
	free(ss.off);
	free(st);
	buf_release(&sh.val);
	buf_release(&sh.w.bytes);
	return rc;
}

int sheet_read(enum sheet_format f, enum sheet_encoding enc, const void *data, size_t len,
	       sheet_row_fn fn, void *ctx, struct sheet_read_error *err)
{
	err->row = 0;
	err->msg = NULL;
	if (f == SHEET_XLSX)
		return read_xlsx(data, len, fn, ctx, err);
	return read_csv(enc, data, len, fn, ctx, err);
}
