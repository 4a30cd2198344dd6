/* sheet.c: CSV and XLSX tables (sheet.h). */
#include "base/sheet.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/banned.h"

struct sheet {
	enum sheet_format format;
	struct buf csv;
	int fd; /* the XLSX file: a memfd */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_row_t row;
	bool failed;
};

const char *sheet_ctype(enum sheet_format f)
{
	return f == SHEET_XLSX ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			       : "text/csv; charset=utf-8";
}

const char *sheet_ext(enum sheet_format f)
{
	return f == SHEET_XLSX ? "xlsx" : "csv";
}

/* A sheet's name as Excel allows it: the title's first 31 characters (not bytes: UTF-8),
 * with none of []:*?/\ (each a space) and no apostrophe at either end; "Komek" for none. */
static const char *sheet_name(const char *title, char out[32 * 4])
{
	size_t n = 0, chars = 0;
	for (const unsigned char *p = (const unsigned char *)(title ? title : ""); *p; p++) {
		if ((*p & 0xC0) != 0x80 && chars++ == 31)
			break;
		out[n++] = strchr("[]:*?/\\", *p) ? ' ' : (char)*p;
	}
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\''))
		n--;
	out[n] = '\0';
	size_t skip = strspn(out, "' ");
	if (!out[skip])
		return "Komek";
	return out + skip;
}

struct sheet *sheet_new(enum sheet_format f, const char *title)
{
	struct sheet *s = calloc(1, sizeof(*s));
	if (!s)
		return NULL;
	s->format = f;
	s->fd = -1;
	if (f == SHEET_CSV) {
		buf_init(&s->csv, 1u << 30);
		buf_puts(&s->csv, "\xEF\xBB\xBF");
		return s;
	}
	s->fd = memfd_create("komek-export", MFD_CLOEXEC);
	if (s->fd < 0) {
		free(s);
		return NULL;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", s->fd);
	struct stat st;
	lxw_workbook_options o = { .constant_memory = LXW_TRUE,
				   .tmpdir = stat("/dev/shm", &st) == 0 ? "/dev/shm" : NULL };
	s->wb = workbook_new_opt(path, &o);
	char name[32 * 4];
	s->ws = s->wb ? workbook_add_worksheet(s->wb, sheet_name(title, name)) : NULL;
	if (!s->ws) {
		sheet_free(s);
		return NULL;
	}
	return s;
}

/* A cell a spreadsheet would read as a formula. */
static bool formula_like(const char *v)
{
	return *v == '=' || *v == '+' || *v == '-' || *v == '@' || *v == '\t' || *v == '\r';
}

static void csv_cell(struct buf *b, const char *v)
{
	if (!v || !*v)
		return;
	bool quote = formula_like(v) || strpbrk(v, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(b, '"');
	if (formula_like(v))
		buf_putc(b, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	if (quote)
		buf_putc(b, '"');
}

int sheet_row(struct sheet *s, const char *const *cells, size_t n)
{
	if (s->failed)
		return -1;
	if (s->format == SHEET_CSV) {
		for (size_t i = 0; i < n; i++) {
			if (i)
				buf_putc(&s->csv, ',');
			csv_cell(&s->csv, cells[i]);
		}
		buf_puts(&s->csv, "\r\n");
		s->failed = s->csv.overflow;
		return s->failed ? -1 : 0;
	}
	for (size_t i = 0; i < n && i < LXW_COL_MAX; i++)
		if (cells[i] && *cells[i] &&
		    worksheet_write_string(s->ws, s->row, (lxw_col_t)i, cells[i], NULL) !=
			LXW_NO_ERROR)
			s->failed = true;
	s->row++;
	return s->failed ? -1 : 0;
}

int sheet_finish(struct sheet *s, struct buf *out)
{
	int rc = s->failed ? -1 : 0;
	if (s->format == SHEET_CSV) {
		if (!rc && buf_append(out, s->csv.data, s->csv.len))
			rc = -1;
		sheet_free(s);
		return rc;
	}
	lxw_error e = workbook_close(s->wb);
	s->wb = NULL;
	if (e != LXW_NO_ERROR)
		rc = -1;
	off_t size = rc ? -1 : lseek(s->fd, 0, SEEK_END);
	if (size > 0) {
		void *m = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, s->fd, 0);
		if (m == MAP_FAILED || buf_append(out, m, (size_t)size))
			rc = -1;
		if (m != MAP_FAILED)
			munmap(m, (size_t)size);
	} else {
		rc = -1;
	}
	sheet_free(s);
	return rc;
}

void sheet_free(struct sheet *s)
{
	if (!s)
		return;
	if (s->wb)
		workbook_close(s->wb); /* frees it; the half-written file goes with the memfd */
	if (s->fd >= 0)
		close(s->fd);
	buf_release(&s->csv);
	free(s);
}
