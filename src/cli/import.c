/* import.c: komek import FILE: the people of a CSV or XLSX file registered from the command
 * line, for files larger than an upload (import/import.h; the same check and import as the
 * web page, recorded as an import of the user named). */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "import/import.h"
#include "store/store.h"

static const char usage_text[] =
    "usage: komek import FILE --user LOGIN [--map FIELD,FIELD,...] [--encoding "
    "auto|utf8|cp1251|kz1048] [--duplicates skip|register] [--check]\n";

/* The mapping: --map's fields (empty to leave a column out), or the header's guesses. */
static int mapping_of(struct arena *a, const char *map_opt, const char *header,
		      struct import_map *m)
{
	m->n = 0;
	const char *p = map_opt ? map_opt : header;
	char sep = map_opt ? ',' : '\t';
	while (m->n < IMPORT_COLS_MAX) {
		size_t len = strcspn(p, (char[]){ sep, '\0' });
		const char *cell = arena_strndup(a, p, len);
		const struct import_target *t =
		    map_opt ? import_target_find(cell) : import_guess(cell);
		if (map_opt && len && !t) {
			fprintf(stderr, "komek: --map: no field %s\n", cell);
			return K_EINVAL;
		}
		m->col[m->n++] = t;
		if (!p[len])
			break;
		p += len + 1;
	}
	return 0;
}

static void print_issues(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id)
{
	struct import_issue *is;
	size_t n;
	if (store_import_issues(c, a, who, id, 0, 20, &is, &n))
		return;
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  row %lld: %s: %s\n", (long long)is[i].row, is[i].field,
			i18n_tr("en", is[i].msg));
	if (n == 20)
		fprintf(stderr, "  … (the first 20)\n");
}

static int run(struct dbconn *c, struct arena *a, const struct actor *who, const char *file,
	       const void *data, size_t len, int argc, char **argv)
{
	const char *enc = cli_opt(argc, argv, "--encoding");
	const char *dups = cli_opt(argc, argv, "--duplicates");
	bool check_only = false;
	for (int i = 0; i < argc; i++)
		check_only |= strcmp(argv[i], "--check") == 0;
	if ((enc && strcmp(enc, "auto") && import_encoding(enc) == SHEET_ENC_AUTO) ||
	    (dups && strcmp(dups, "skip") && strcmp(dups, "register"))) {
		fputs(usage_text, stderr);
		return K_EINVAL;
	}
	size_t fl = strlen(file);
	struct import_settings st = {
		.format = (fl > 5 && strcasecmp(file + fl - 5, ".xlsx") == 0) ||
				  sheet_sniff(data, len) == SHEET_XLSX
			      ? SHEET_XLSX
			      : SHEET_CSV,
		.encoding = import_encoding(enc),
		.register_duplicates = dups && strcmp(dups, "register") == 0,
	};
	const char *header;
	size_t ncols;
	struct sheet_read_error err;
	int rc = import_header(a, st.format, st.encoding, data, len, &header, &ncols, &err);
	if (rc == K_EINVAL)
		fprintf(stderr, "komek: %s: row %ld: %s\n", file, err.row, i18n_tr("en", err.msg));
	if (!rc)
		rc = mapping_of(a, cli_opt(argc, argv, "--map"), header, &st.map);
	const char *msg;
	if (!rc && !import_map_valid(&st.map, &msg)) {
		fprintf(stderr, "komek: %s\n", i18n_tr("en", msg));
		rc = K_EINVAL;
	}
	if (rc)
		return rc;
	for (size_t i = 0; i < st.map.n; i++)
		printf("column %zu: %s\n", i + 1,
		       st.map.col[i] ? st.map.col[i]->name : "(left out)");
	const char *base = strrchr(file, '/');
	int64_t id;
	rc = store_import_create(c, who, base ? base + 1 : file,
				 st.format == SHEET_XLSX ? "xlsx" : "csv", enc ? enc : "auto", NULL,
				 len, header, &id);
	char today[11];
	date_today(today);
	struct import_counts k;
	const char *mapping = import_map_text(a, &st.map);
	int64_t t0 = clock_us();
	if (!rc)
		rc = store_import_move(c, who, id, 1, "uploaded", "checking", mapping, NULL,
				       import_runner());
	if (!rc)
		rc = import_execute(c, who, id, data, len, &st, false, today, NULL, &k);
	if (rc != K_EDB && rc != K_ENOMEM && (rc == 0 || rc == K_EINVAL)) {
		printf("checked in %.1f s: %lld rows, %lld with errors, %lld likely registered "
		       "already\n",
		       (double)(clock_us() - t0) / 1e6, (long long)k.total, (long long)k.invalid,
		       (long long)k.duplicate);
		print_issues(c, a, who, id);
	}
	if (rc || check_only)
		return rc;
	t0 = clock_us();
	rc = store_import_move(c, who, id, 3, "checked", "running", NULL, dups ? dups : "skip",
			       import_runner());
	if (!rc)
		rc = import_execute(c, who, id, data, len, &st, true, today, NULL, &k);
	if (!rc)
		printf("imported in %.1f s: %lld people registered, %lld rows left out\n",
		       (double)(clock_us() - t0) / 1e6, (long long)k.created,
		       (long long)(k.total - k.created));
	return rc;
}

int cli_import(const char *path, int argc, char **argv)
{
	const char *login = cli_opt(argc, argv, "--user");
	if (argc < 3 || argv[0][0] == '-' || !login) {
		fputs(usage_text, stderr);
		return 2;
	}
	const char *file = argv[0];
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat sb;
	if (fd < 0 || fstat(fd, &sb) || sb.st_size == 0) {
		fprintf(stderr, "komek: cannot read %s\n", file);
		if (fd >= 0)
			close(fd);
		return 1;
	}
	void *data = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (data == MAP_FAILED) {
		fprintf(stderr, "komek: cannot read %s\n", file);
		return 1;
	}
	struct db *db;
	if (i18n_init() || cli_open_db(path, 1, &db)) {
		munmap(data, (size_t)sb.st_size);
		return 1;
	}
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	struct store_user u;
	int rc = store_user_by_login(c, &a, login, &u);
	if (rc || !u.active)
		fprintf(stderr, "komek: no active user %s\n", login);
	struct actor who = { .user_id = u.id,
			     .org_id = u.org_id,
			     .role = rc ? ROLE_ANALYST : (enum role)role_parse(u.role),
			     .login = u.login,
			     .full_name = u.full_name,
			     .org_name = u.org_name,
			     .lang = "en",
			     .addr = "cli" };
	if (!rc && u.active && !access_may_write_persons(&who)) {
		fprintf(stderr, "komek: %s may not register people\n", login);
		rc = K_EFORBIDDEN;
	}
	if (!rc && u.active)
		rc = run(c, &a, &who, file, data, (size_t)sb.st_size, argc - 1, argv + 1);
	else if (!rc)
		rc = K_ENOTFOUND;
	arena_release(&a);
	db_release(db, c);
	db_close(db);
	munmap(data, (size_t)sb.st_size);
	return rc ? 1 : 0;
}
