/* import_bench.c: how fast the import reads and validates a file (issue 6), without the
 * database, for bench/import.sh.
 *
 *   import_bench FILE [-r REPS=3] [-o TSV]
 *
 * FILE is a CSV or XLSX file of people with a header row (bench/gen_people --csv N writes
 * one). It is mapped once (mmap with MAP_POPULATE, so that page faults are not timed; the
 * file is in the page cache after the first read) and read REPS times by each stage, the
 * stages taking turns in each round so that they share the minutes of a noisy machine:
 *
 *   read             sheet_read (base/sheet_read.h: libcsv or libzip/expat, the UTF-8 check
 *                    and control-character cleaning of every cell) over the whole file, with
 *                    a callback that only counts rows;
 *   read + validate  the same, with a callback that does what an import does to a row before
 *                    the database (src/import/import.c, on_row): the header row's cells map
 *                    to targets by import_guess, one per column, as `komek import` guesses a
 *                    mapping; every later row gets an arena of its own (arena_init), is read
 *                    into a struct person and validated by import_row (values trimmed, dates
 *                    and coded values read, person_validate), counted valid or invalid, and
 *                    the arena released.
 *
 * Figures per stage:
 *
 *   rows        the data rows of the file: its records after the header;
 *   median s    the median over the REPS runs of the wall time (CLOCK_MONOTONIC) around one
 *               sheet_read call over the whole file; min s the least of them;
 *   rows/s      rows ÷ median s (and rows ÷ min s, "best");
 *   CPU s       the median of the process CPU time (CLOCK_PROCESS_CPUTIME_ID) over the same
 *               calls: below the wall time when other work on the machine takes the cores.
 *
 * A markdown table goes to stdout, with the count of valid and invalid rows and the mapping
 * guessed; with -o, one tab-separated line per stage (stage, rows, runs, median s, min s,
 * median CPU s) for the script. The first few invalid rows' errors go to stderr.
 * i18n_init() runs first: import_guess matches headers against the catalogs' labels.
 * Not part of the product: built by bench/build_gen.sh against libkomek_core.a. */
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/sheet_read.h"
#include "base/util.h"
#include "domain/import.h"
#include "domain/person.h"

#define REPS_MAX 100
#define ERRORS_SHOWN 5 /* invalid rows whose errors go to stderr */

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- the stages' callbacks ---- */

static int count_row(void *ctx, long row, const char *const *cells, size_t n)
{
	(void)row;
	(void)cells;
	(void)n;
	(*(int64_t *)ctx)++;
	return 0;
}

struct validate {
	bool header_done;
	struct import_map map;
	const char *today;
	int64_t rows, valid, invalid;
	int shown; /* invalid rows reported on stderr */
};

static int validate_row(void *ctx, long row, const char *const *cells, size_t n)
{
	struct validate *v = ctx;
	if (!v->header_done) {
		/* The mapping a header guesses, column by column (cli/import.c, mapping_of). */
		v->header_done = true;
		v->map.n = 0;
		for (size_t i = 0; i < n && i < IMPORT_COLS_MAX; i++)
			v->map.col[v->map.n++] = import_guess(cells[i]);
		const char *msg;
		if (!import_map_valid(&v->map, &msg)) {
			fprintf(stderr, "import_bench: the header maps to no valid mapping: %s\n",
				i18n_tr("en", msg));
			return K_EINVAL;
		}
		return 0;
	}
	v->rows++;
	struct arena a;
	arena_init(&a);
	struct person p;
	struct field_errors e;
	if (import_row(&a, &v->map, cells, n, v->today, &p, &e) == 0) {
		v->valid++;
	} else {
		v->invalid++;
		for (size_t i = 0; i < e.n && v->shown < ERRORS_SHOWN; i++)
			fprintf(stderr, "import_bench: row %ld: %s: %s\n", row, e.e[i].field,
				i18n_tr("en", e.e[i].msg));
		v->shown += v->shown < ERRORS_SHOWN;
	}
	arena_release(&a);
	return 0;
}

/* ---- timing ---- */

struct stage {
	const char *name;
	double wall[REPS_MAX], cpu[REPS_MAX];
	int runs;
	int64_t rows; /* data rows, header excluded */
};

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* The median of v[0..n) (sorted in place; the mean of the middle two for an even n). */
static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double least(const double *v, int n)
{
	double m = v[0];
	for (int i = 1; i < n; i++)
		m = v[i] < m ? v[i] : m;
	return m;
}

static int timed_read(struct stage *s, enum sheet_format f, const void *data, size_t len,
		      sheet_row_fn fn, void *ctx)
{
	struct sheet_read_error err = { 0 };
	double w0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
	int rc = sheet_read(f, SHEET_ENC_AUTO, data, len, fn, ctx, &err);
	double c1 = clock_s(CLOCK_PROCESS_CPUTIME_ID), w1 = clock_s(CLOCK_MONOTONIC);
	if (rc) {
		fprintf(stderr, "import_bench: %s: sheet_read failed (%d) at row %ld: %s\n",
			s->name, rc, err.row, err.msg ? i18n_tr("en", err.msg) : "-");
		return rc;
	}
	s->wall[s->runs] = w1 - w0;
	s->cpu[s->runs] = c1 - c0;
	s->runs++;
	return 0;
}

int main(int argc, char **argv)
{
	int reps = 3;
	const char *tsv = NULL;
	for (int o; (o = getopt(argc, argv, "r:o:")) != -1;) {
		switch (o) {
		case 'r':
			reps = (int)strtol(optarg, NULL, 10);
			break;
		case 'o':
			tsv = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (optind != argc - 1 || reps < 1 || reps > REPS_MAX) {
	usage:
		fprintf(stderr, "usage: import_bench FILE [-r REPS=3 (1..%d)] [-o TSV]\n", REPS_MAX);
		return 2;
	}
	const char *file = argv[optind];
	if (i18n_init()) {
		fprintf(stderr, "import_bench: i18n_init failed\n");
		return 1;
	}
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) || sb.st_size == 0) {
		fprintf(stderr, "import_bench: cannot read %s\n", file);
		return 1;
	}
	size_t len = (size_t)sb.st_size;
	void *data = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED) {
		fprintf(stderr, "import_bench: cannot map %s\n", file);
		return 1;
	}
	size_t fl = strlen(file);
	enum sheet_format f =
	    (fl > 5 && strcasecmp(file + fl - 5, ".xlsx") == 0) || sheet_sniff(data, len) == SHEET_XLSX
		? SHEET_XLSX
		: SHEET_CSV;
	char today[11];
	date_today(today);

	struct stage st[2] = { { .name = "read" }, { .name = "read + validate" } };
	struct validate last = { 0 };
	for (int r = 0; r < reps; r++) {
		int64_t rows = 0;
		if (timed_read(&st[0], f, data, len, count_row, &rows))
			return 1;
		st[0].rows = rows > 0 ? rows - 1 : 0;
		struct validate v = { .today = today, .shown = r ? ERRORS_SHOWN : 0 };
		if (timed_read(&st[1], f, data, len, validate_row, &v))
			return 1;
		st[1].rows = v.rows;
		last = v;
	}

	FILE *out = tsv ? fopen(tsv, "w") : NULL;
	if (tsv && !out) {
		fprintf(stderr, "import_bench: cannot write %s\n", tsv);
		return 1;
	}
	printf("| stage | rows | runs | median s | min s | rows/s (median) | rows/s (best) | CPU s "
	       "(median) |\n");
	printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < ARRAY_SIZE(st); i++) {
		struct stage *s = &st[i];
		double mn = least(s->wall, s->runs), med = median(s->wall, s->runs);
		double cpu = median(s->cpu, s->runs);
		printf("| %s | %lld | %d | %.3f | %.3f | %.0f | %.0f | %.3f |\n", s->name,
		       (long long)s->rows, s->runs, med, mn, (double)s->rows / med,
		       (double)s->rows / mn, cpu);
		if (out)
			fprintf(out, "%s\t%lld\t%d\t%.6f\t%.6f\t%.6f\n", s->name, (long long)s->rows,
				s->runs, med, mn, cpu);
	}
	size_t mapped = 0;
	for (size_t i = 0; i < last.map.n; i++)
		mapped += last.map.col[i] != NULL;
	printf("\nimport_bench read a %s file of %.1f MiB; read + validate found %lld valid and %lld "
	       "invalid rows, the header's guessed mapping taking %zu of its %zu columns.\n",
	       f == SHEET_XLSX ? "XLSX" : "CSV", (double)len / 1048576.0, (long long)last.valid,
	       (long long)last.invalid, mapped, last.map.n);
	if (out && fclose(out)) {
		fprintf(stderr, "import_bench: cannot write %s\n", tsv);
		return 1;
	}
	munmap(data, len);
	return 0;
}
