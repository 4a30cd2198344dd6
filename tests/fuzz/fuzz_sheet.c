/* fuzz_sheet.c: files as an import reads them (base/sheet_read.c: CSV in every encoding,
 * XLSX) and their rows read into people (domain/import.c). The first byte picks the
 * format and the encoding; every cell handed over must be text a page may show. */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/i18n.h"
#include "base/sheet_read.h"
#include "base/util.h"
#include "domain/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int row(void *ctx, long n, const char *const *cells, size_t ncells)
{
	(void)n;
	struct import_map *m = ctx;
	for (size_t i = 0; i < ncells; i++)
		if (!utf8_valid_text(cells[i], strlen(cells[i])))
			__builtin_trap();
	struct arena a;
	arena_init(&a);
	struct person p;
	struct field_errors e;
	import_row(&a, m, cells, ncells, "2026-11-26", &p, &e);
	for (size_t i = 0; i < ncells; i++)
		import_guess(cells[i]);
	arena_release(&a);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	if (!init)
		init = i18n_init() == 0 ? 1 : -1;
	if (!size)
		return 0;
	struct import_map m = { .n = 0 };
	/* Every target, one per column, in a rotating order. */
	size_t ntargets = 0;
	while (import_targets[ntargets].name)
		ntargets++;
	for (size_t i = 0; i < ntargets && i < IMPORT_COLS_MAX; i++)
		m.col[m.n++] = &import_targets[(i + data[0]) % ntargets];
	enum sheet_format f = data[0] & 1 ? SHEET_XLSX : SHEET_CSV;
	enum sheet_encoding enc = (enum sheet_encoding)((data[0] >> 1) & 3);
	struct sheet_read_error err;
	sheet_read(f, enc, data + 1, size - 1, row, &m, &err);
	return 0;
}
