/* sheet_read.h: tables read from CSV or XLSX files, for imports; the other half of sheet.h.
 *
 * CSV goes through libcsv in strict mode. The separator is the one of , ; and tab that the
 * first line has most of outside quotes (a spreadsheet saved in a Russian or Kazakh locale
 * writes ;). A byte-order mark is dropped. The text is UTF-8; a file that is not valid UTF-8
 * is read as Windows-1251, or as KZ-1048 when asked (the code pages a Cyrillic spreadsheet
 * saves CSV in), converted with iconv. The apostrophe that sheet.h puts before a cell a
 * spreadsheet would run as a formula is dropped, so that an export reads back as it was.
 *
 * XLSX is read with libzip (from memory) and expat: the workbook's first sheet, its shared
 * and inline strings, and the styles, so that a cell formatted as a date comes out as
 * YYYY-MM-DD (the 1900 and 1904 date systems) rather than as the spreadsheet's serial
 * number. Booleans come as 1 and 0, numbers as written in the file, formulas as their
 * cached value. Nothing is ever unpacked whole: the sheet streams through expat, only the
 * shared strings are held (at most SHEET_READ_STRINGS_MAX bytes, against zip bombs).
 *
 * Every row is handed over as it is read, with its number as a spreadsheet shows it (CSV:
 * the record's number; XLSX: the row's own number, blank rows skipped), as cells of valid
 * UTF-8 text without control characters other than tab and newline ("" for an empty cell;
 * trailing empty cells are not counted). */
#ifndef KOMEK_BASE_SHEET_READ_H
#define KOMEK_BASE_SHEET_READ_H

#include <stddef.h>

#include "base/sheet.h"

#define SHEET_READ_COLS_MAX 64               /* cells of a row; more is an error */
#define SHEET_READ_CELL_MAX 4000             /* bytes of a cell; more is an error */
#define SHEET_READ_STRINGS_MAX (64u << 20)   /* bytes of an XLSX file's shared strings */
#define SHEET_READ_ENTRY_MAX (1024ull << 20) /* unpacked bytes of any one XLSX part */

enum sheet_encoding { SHEET_ENC_AUTO, SHEET_ENC_UTF8, SHEET_ENC_CP1251, SHEET_ENC_KZ1048 };

/* A row: return 0 to go on, anything else stops the reading and is returned. */
typedef int (*sheet_row_fn)(void *ctx, long row, const char *const *cells, size_t n);

struct sheet_read_error {
	long row;        /* where it went wrong, or 0 */
	const char *msg; /* an untranslated message id (N_) */
};

/* Reads every row of the file in data (len bytes) in order. 0 when every row was read and
 * accepted; K_EINVAL with *err filled when the file cannot be read (not CSV or XLSX as
 * said, a broken quote, a row too wide, a cell too long, text that is not UTF-8 after
 * conversion); what the callback returned when it stopped the reading; K_ENOMEM. */
int sheet_read(enum sheet_format f, enum sheet_encoding enc, const void *data, size_t len,
	       sheet_row_fn fn, void *ctx, struct sheet_read_error *err);

/* The format a file is in by its first bytes ("PK\3\4" is XLSX), for an upload whose name
 * says nothing. */
enum sheet_format sheet_sniff(const void *data, size_t len);

#endif
