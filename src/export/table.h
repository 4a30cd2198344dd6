/* table.h: what the exports of export/ share (private to export/): a table of text cells
 * written as the answer, after its audit. */
#ifndef KOMEK_EXPORT_TABLE_H
#define KOMEK_EXPORT_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/sheet.h"
#include "http/request.h"

/* A column: its header (a msgid, in the user's language) and its HXL hashtag. */
struct export_col {
	const char *msgid, *hxl;
};

/* A table being filled: rows of ncols cells (NULL is empty), in the request's arena. */
struct export_table {
	const struct export_col *cols;
	size_t ncols;
	const char **cells; /* nrows * ncols */
	size_t nrows, cap;
	/* The people shown whose records are restricted: each is a view, audited. */
	int64_t *restricted;
	size_t nrestricted, caprestricted;
};

/* A new row's cells (zeroed), or NULL past EXPORT_MAX_ROWS. */
const char **export_row(struct req *r, struct export_table *t);
/* Notes a restricted person shown in the table. */
void export_restricted(struct req *r, struct export_table *t, int64_t person_id);

/* Writes the table as the answer (name gives the file's name: komek-NAME-DATE.EXT), after
 * auditing it: `action` with `detail` on the organisation, and each restricted person as a
 * view (`view_action`, "export"). */
int export_write(struct req *r, enum sheet_format f, bool hxl, const char *name,
		 const struct export_table *t, const char *action, const char *detail,
		 const char *view_action);

#endif
