/* sheet.h: tables written as CSV or XLSX, for exports.
 *
 * CSV is RFC 4180 (CRLF, quotes doubled) in UTF-8 with a byte-order mark, which spreadsheet
 * programs need to read Cyrillic right. A cell that a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe: a name typed
 * as "=HYPERLINK(…)" must stay text on the worker's machine. XLSX is written with
 * libxlsxwriter, every cell as a string (never a formula), in constant-memory mode, into an
 * anonymous memory file (memfd) rather than a named file, with libxlsxwriter's own temporary
 * files in /dev/shm when it exists: people's data never rests on the disk on its way out.
 *
 * Every cell is copied as it comes; a sheet owns what it allocated until sheet_finish. */
#ifndef KOMEK_BASE_SHEET_H
#define KOMEK_BASE_SHEET_H

#include <stddef.h>

#include "base/buf.h"

enum sheet_format { SHEET_CSV, SHEET_XLSX };

struct sheet;

/* NULL if the format cannot be written (the XLSX writer could not start). */
struct sheet *sheet_new(enum sheet_format f, const char *title);
/* One row of n cells (NULL is an empty cell). 0, or -1 once writing failed. */
int sheet_row(struct sheet *s, const char *const *cells, size_t n);
/* Appends the whole file to out and frees the sheet: 0, or -1 (out may hold part of it). */
int sheet_finish(struct sheet *s, struct buf *out);
/* Frees a sheet without writing it. */
void sheet_free(struct sheet *s);

/* The media type and file extension of a format. */
const char *sheet_ctype(enum sheet_format f);
const char *sheet_ext(enum sheet_format f);

#endif
