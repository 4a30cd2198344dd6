/* commands.c: the subcommands that manage the server, the database and accounts. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "auth/auth.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "cli/cli.h"
#include "domain/access.h"
#include "http/proxy.h"
#include "http/server.h"
#include "import/import.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "store/store_report.h"

#ifndef KOMEK_VERSION
#define KOMEK_VERSION "0.1.0"
#endif

/* Opens (creating its folder if need be) and migrates the database. */
const char *cli_db_label(const char *target)
{
	static char label[512];
	const char *scheme = strstr(target, "://");
	const char *at = scheme ? strchr(scheme + 3, '@') : NULL;
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
	if (!at || (slash && slash < at) || !colon || colon > at)
		return target;
	snprintf(label, sizeof(label), "%.*s:***%s", (int)(colon - target), target, at);
	return label;
}

int cli_open_db(const char *path, int pool, struct db **db)
{
	if (!strstr(path, "://")) {
		const char *slash = strrchr(path, '/');
		if (slash && slash != path) {
			char dir[4096];
			snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
			if (mkdir(dir, 0700) && errno != EEXIST) {
				fprintf(stderr, "komek: cannot create %s: %s\n", dir,
					strerror(errno));
				return 1;
			}
		}
	}
	if (db_open(path, pool, db)) {
		fprintf(stderr, "komek: cannot open the database %s\n", cli_db_label(path));
		return 1;
	}
	int applied;
	if (store_migrate(*db, &applied)) {
		fprintf(stderr, "komek: migration failed\n");
		db_close(*db);
		*db = NULL;
		return 1;
	}
	if (cli_open_keys(path, *db)) {
		db_close(*db);
		*db = NULL;
		return 1;
	}
	return 0;
}

/* Reads one line (a password) from standard input without echo on a terminal. */
static int read_secret(const char *prompt, char *out, size_t cap)
{
	struct termios old, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
	if (tty) {
		fprintf(stderr, "%s", prompt);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	char *line = fgets(out, (int)cap, stdin);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
		fprintf(stderr, "\n");
	}
	if (!line)
		return -1;
	out[strcspn(out, "\r\n")] = '\0';
	return 0;
}

/* Reads a new password from standard input and hashes it: 0, or the exit status to give. */
static int new_password_hash(char *hash, size_t cap)
{
	char pw[AUTH_PW_MAX + 2];
	if (auth_init())
		return 1;
	if (read_secret("password: ", pw, sizeof(pw)) || auth_password_check(pw)) {
		fprintf(stderr,
			"komek: a password of %d to %d characters is needed on standard "
			"input\n",
			AUTH_PW_MIN, AUTH_PW_MAX);
		return 2;
	}
	int rc = auth_hash_password(pw, hash, cap) ? 1 : 0;
	explicit_bzero(pw, sizeof(pw));
	return rc;
}

const char *cli_opt(int argc, char **argv, const char *name)
{
	for (int i = 0; i + 1 < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return argv[i + 1];
	return NULL;
}

/* An import that was running in a process of this host that is gone failed (import.h). */
static int mark_interrupted(struct db *db)
{
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	int rc = store_begin(c);
	if (!rc)
		rc = store_finish(
		    c, store_import_interrupted(c, &a, import_runner_gone, import_stopped));
	arena_release(&a);
	db_release(db, c);
	if (rc)
		fprintf(stderr, "komek: could not read the imports: %s\n", k_strerror(rc));
	return rc;
}

int cli_serve(const char *path, int argc, char **argv)
{
	struct server_opts o = {
		.listen = "127.0.0.1:8080",
		.threads = 2,
		.max_connections = 512,
		.idle_timeout = 30,
	};
	int64_t v;
	if (cli_opt(argc, argv, "--listen"))
		o.listen = cli_opt(argc, argv, "--listen");
	if (cli_opt(argc, argv, "--threads")) {
		if (parse_i64(cli_opt(argc, argv, "--threads"), 1, 64, &v)) {
			fprintf(stderr, "komek: --threads wants 1 to 64\n");
			return 2;
		}
		o.threads = (int)v;
	} else {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		o.threads = n > 0 && n < 64 ? (int)n : 2;
	}
	static struct proxies proxies;
	const char *trusted = cli_opt(argc, argv, "--trusted-proxy");
	if (trusted && proxies_parse(trusted, &proxies)) {
		fprintf(stderr,
			"komek: --trusted-proxy wants addresses or networks separated by "
			"commas, such as 127.0.0.1,10.0.0.0/8,::1 (at most %d)\n",
			PROXY_NETS_MAX);
		return 2;
	}
	if (auth_init() || i18n_init())
		return 1;
	struct app app = { .threads = o.threads,
			   .secure_cookies = getenv("KOMEK_SECURE_COOKIES") != NULL,
			   .proxies = trusted ? &proxies : NULL };
	/* One connection per worker thread, one for the audit writer, one for an import, and
	 * one spare. */
	if (cli_open_db(path, o.threads + 3, &app.db))
		return 1;
	int rc = mark_interrupted(app.db);
	if (!rc)
		rc = audit_writer_start(app.db, &app.audit);
	if (!rc)
		rc = server_run(&app, &o);
	import_wait(); /* a running import gives up and rolls back */
	audit_writer_stop(app.audit);
	db_close(app.db);
	return rc ? 1 : 0;
}

int cli_migrate(const char *path, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int v = 0;
	store_schema_version(c, &v);
	db_release(db, c);
	printf("schema version %d\n", v);
	db_close(db);
	return 0;
}

int cli_org_add(const char *path, int argc, char **argv)
{
	if (argc < 1 || !*argv[0] || strlen(argv[0]) > 200 ||
	    !utf8_valid_text(argv[0], strlen(argv[0]))) {
		fprintf(stderr, "usage: komek org add NAME\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int64_t id;
	int rc = store_org_add(c, argv[0], &id);
	db_release(db, c);
	db_close(db);
	if (rc == K_ECONFLICT)
		fprintf(stderr, "komek: organisation \"%s\" exists already\n", argv[0]);
	else if (!rc)
		printf("organisation %lld: %s\n", (long long)id, argv[0]);
	return rc ? 1 : 0;
}

/* komek org link NAME PARTNER_ID | --none: which entry of the directory of partner
 * organisations the organisation is, so that the people referred to that entry reach its
 * workers. The operator's decision, never an administrator's: an administrator who could
 * claim any entry could receive people referred to someone else. */
int cli_org_link(const char *path, int argc, char **argv)
{
	int64_t partner = 0;
	if (argc < 2 || !*argv[0] ||
	    (strcmp(argv[1], "--none") != 0 && parse_i64(argv[1], 1, INT64_MAX, &partner))) {
		fprintf(stderr, "usage: komek org link NAME PARTNER_ID|--none\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int64_t org;
	int rc = store_org_find(c, argv[0], &org);
	if (rc == K_ENOTFOUND)
		fprintf(stderr, "komek: no organisation \"%s\"\n", argv[0]);
	if (!rc && !(rc = store_begin(c))) {
		rc = store_finish(c, store_partner_link(c, org, partner));
		if (rc == K_ENOTFOUND)
			fprintf(stderr, "komek: no entry %lld in the directory\n",
				(long long)partner);
		else if (rc == K_ECONFLICT)
			fprintf(stderr, "komek: entry %lld is another organisation's\n",
				(long long)partner);
	}
	db_release(db, c);
	db_close(db);
	if (!rc)
		printf(partner ? "organisation \"%s\" is entry %lld of the directory\n"
			       : "organisation \"%s\" is no entry of the directory\n",
		       argv[0], (long long)partner);
	return rc ? 1 : 0;
}

/* komek retain [--dry-run]: applies every organisation's retention rule (store.h); meant
 * for a daily timer (docs/deploy.md). */
int cli_retain(const char *path, int argc, char **argv)
{
	bool dry = argc >= 1 && strcmp(argv[0], "--dry-run") == 0;
	if (argc > 1 || (argc == 1 && !dry)) {
		fprintf(stderr, "usage: komek retain [--dry-run]\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	struct arena a;
	struct retention_result *r = NULL;
	size_t n = 0;
	char today[11];
	arena_init(&a);
	date_today(today);
	int rc = store_retention_run(c, &a, 0, today, dry, &r, &n);
	/* The files of imports never imported wait a week for a decision. */
	int64_t files = 0;
	if (!rc)
		rc = store_import_expire(c, time_now() - IMPORT_FILE_DAYS * 86400, dry, &files);
	if (!rc && files)
		printf(dry ? "%lld import files older than %d days are due\n"
			   : "%lld import files older than %d days discarded\n",
		       (long long)files, IMPORT_FILE_DAYS);
	for (size_t i = 0; i < n; i++)
		printf(dry ? "%s: %lld cases closed by %s are due (kept %lld months)\n"
			   : "%s: %lld cases closed by %s anonymised, and %lld people (kept %lld "
			     "months)\n",
		       r[i].org_name, (long long)r[i].cases, r[i].cutoff,
		       dry ? (long long)r[i].months : (long long)r[i].persons,
		       (long long)r[i].months);
	if (!n && !rc)
		printf("no organisation has a retention rule\n");
	if (rc)
		fprintf(stderr, "komek: retention stopped: %d (what is done stays done)\n", rc);
	arena_release(&a);
	db_release(db, c);
	db_close(db);
	return rc ? 1 : 0;
}

/* komek duplicates scan [--org NAME]: finds the likely duplicates of every organisation's
 * registry (or one's) into its review queue; meant for a nightly timer on a large registry
 * (docs/deploy.md), since the button on /duplicates makes a worker wait for it. */
int cli_duplicates_scan(const char *path, int argc, char **argv)
{
	const char *org = cli_opt(argc, argv, "--org");
	if (argc != (org ? 2 : 0)) {
		fprintf(stderr, "usage: komek duplicates scan [--org NAME]\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	int64_t *ids = NULL, one = 0;
	size_t n = 0;
	int rc = org ? store_org_find(c, org, &one) : store_org_ids(c, &a, &ids, &n);
	if (org && !rc) {
		ids = &one;
		n = 1;
	} else if (rc == K_ENOTFOUND) {
		fprintf(stderr, "komek: no organisation %s\n", org);
	}
	for (size_t i = 0; !rc && i < n; i++) {
		struct dup_scan_result res;
		struct actor cli = { .org_id = ids[i], .addr = "cli" };
		rc = store_dup_scan(c, &cli, ids[i], "cli", &res);
		if (!rc)
			printf("organisation %lld: %lld pairs compared, %lld new likely duplicates"
			       "%s\n",
			       (long long)ids[i], (long long)res.compared, (long long)res.found,
			       res.skipped_groups ? " (some groups too large to compare)" : "");
	}
	if (rc && rc != K_ENOTFOUND)
		fprintf(stderr, "komek: the scan stopped: %d (the pairs found so far are kept)\n",
			rc);
	arena_release(&a);
	db_release(db, c);
	db_close(db);
	return rc ? 1 : 0;
}

/* komek reindex: makes every person's name keys again (they are made at start when the
 * matcher's version changed; this forces it, after restoring an old backup by hand). */
int cli_reindex(const char *path, int argc, char **argv)
{
	(void)argv;
	if (argc) {
		fprintf(stderr, "usage: komek reindex\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int rc = store_match_reindex(c, true);
	if (rc)
		fprintf(stderr, "komek: reindex failed: %d\n", rc);
	db_release(db, c);
	db_close(db);
	return rc ? 1 : 0;
}

/* komek reports rebuild: derives the reports' facts again from the records (they are derived
 * at start when the reference lists' codes changed; this forces it, after records were
 * loaded or mended by hand in SQL). */
int cli_reports_rebuild(const char *path, int argc, char **argv)
{
	(void)argv;
	if (argc) {
		fprintf(stderr, "usage: komek reports rebuild\n");
		return 2;
	}
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int rc = store_report_rebuild(c, true);
	if (rc)
		fprintf(stderr, "komek: reports rebuild failed: %d\n", rc);
	db_release(db, c);
	db_close(db);
	return rc ? 1 : 0;
}

static int audit_cli(struct dbconn *c, const char *action, int64_t id, const char *detail)
{
	struct actor cli = { .addr = "cli" };
	return store_audit(c, &cli, action, "user", id, detail);
}

int cli_user_add(const char *path, int argc, char **argv)
{
	const char *org = cli_opt(argc, argv, "--org"), *role = cli_opt(argc, argv, "--role");
	const char *name = cli_opt(argc, argv, "--name"), *lang = cli_opt(argc, argv, "--lang");
	if (argc < 1 || argv[0][0] == '-' || !org || !role) {
		fprintf(stderr, "usage: komek user add LOGIN --org NAME --role ROLE\n");
		return 2;
	}
	if (role_parse(role) < 0) {
		fprintf(stderr,
			"komek: unknown role %s (admin, supervisor, social_worker, "
			"psychologist, lawyer, analyst)\n",
			role);
		return 2;
	}
	if (lang && !i18n_lang(lang)) {
		fprintf(stderr, "komek: --lang wants kk, ru or en\n");
		return 2;
	}
	char hash[128];
	int bad = new_password_hash(hash, sizeof(hash));
	if (bad)
		return bad;
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int64_t org_id, id = 0;
	int rc = store_org_find(c, org, &org_id);
	if (rc == K_ENOTFOUND)
		fprintf(stderr, "komek: no organisation \"%s\" (komek org add NAME)\n", org);
	if (!rc)
		rc = store_begin(c);
	if (!rc)
		rc = store_user_add(c, org_id, argv[0], hash, role, name, lang, &id);
	if (!rc)
		rc = audit_cli(c, "user.create", id, role);
	rc = store_finish(c, rc);
	if (rc == K_ECONFLICT)
		fprintf(stderr, "komek: login %s is taken\n", argv[0]);
	db_release(db, c);
	db_close(db);
	if (!rc)
		printf("user %lld: %s (%s)\n", (long long)id, argv[0], role);
	return rc ? 1 : 0;
}

int cli_user_passwd(const char *path, int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "usage: komek user passwd LOGIN\n");
		return 2;
	}
	char hash[128];
	int bad = new_password_hash(hash, sizeof(hash));
	if (bad)
		return bad;
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	struct store_user u;
	int rc = store_user_by_login(c, &a, argv[0], &u);
	if (rc == K_ENOTFOUND)
		fprintf(stderr, "komek: no user %s\n", argv[0]);
	if (!rc)
		rc = store_begin(c);
	if (!rc)
		rc = store_user_set_password(c, u.id, hash);
	/* A new password ends every session opened with the old one. */
	if (!rc)
		rc = store_sessions_revoke_user(c, u.id, time_now());
	if (!rc)
		rc = audit_cli(c, "user.password", u.id, NULL);
	rc = store_finish(c, rc);
	arena_release(&a);
	db_release(db, c);
	db_close(db);
	if (!rc)
		printf("password changed for %s\n", argv[0]);
	return rc ? 1 : 0;
}

int cli_check(const char *path, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct db *db;
	if (cli_open_db(path, 1, &db))
		return 1;
	int rc = db_check(db);
	db_close(db);
	printf("%s\n", rc ? "integrity check FAILED" : "ok");
	return rc ? 1 : 0;
}

int cli_version(const char *path, int argc, char **argv)
{
	(void)path;
	(void)argc;
	(void)argv;
	printf("komek %s\n", KOMEK_VERSION);
	return 0;
}
