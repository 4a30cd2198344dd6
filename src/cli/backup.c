/* backup.c: `komek backup` and `komek restore`: a consistent online copy of the database and
 * its view log, encrypted into one file (crypt/archive.h), and back. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "cli/cli.h"
#include "crypt/archive.h"
#include "crypt/keyring.h"
#include "store/db.h"

#include "base/banned.h"

/* A private folder beside path for the plain copies: "PATH.tmp-XXXXXX". */
static char *temp_dir_beside(const char *path)
{
	size_t n = strlen(path);
	char *d = malloc(n + sizeof(".tmp-XXXXXX"));
	if (!d)
		return NULL;
	memcpy(d, path, n);
	memcpy(d + n, ".tmp-XXXXXX", sizeof(".tmp-XXXXXX"));
	if (!mkdtemp(d)) {
		fprintf(stderr, "komek: cannot make a folder beside %s: %s\n", path,
			strerror(errno));
		free(d);
		return NULL;
	}
	return d;
}

static void remove_copies(const char *dir, const char *db, const char *log)
{
	static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };
	char p[4200];
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", db, suffixes[i]);
		unlink(p);
		snprintf(p, sizeof(p), "%s%s", log, suffixes[i]);
		unlink(p);
	}
	rmdir(dir);
}

int cli_backup(const char *path, int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "usage: komek backup FILE\n");
		return 2;
	}
	const char *dest = argv[0];
	if (access(dest, F_OK) == 0) {
		fprintf(stderr, "komek: %s exists; choose a new file\n", dest);
		return 1;
	}
	struct db *db = NULL;
	if (cli_open_db(path, 1, &db))
		return 1;
	int rc = 1;
	char *dir = temp_dir_beside(dest);
	char copy[4200], log[4200];
	if (dir && strstr(path, "://")) {
		/* PostgreSQL: pg_dump's snapshot of the database, view log included. */
		snprintf(copy, sizeof(copy), "%s/komek.pgdump", dir);
		const struct archive_member members[] = { { "komek.pgdump", copy } };
		if (db_backup(db, copy) == 0 && archive_write(dest, members, 1) == 0)
			rc = 0;
		unlink(copy);
		rmdir(dir);
		free(dir);
	} else if (dir) {
		/* The plain copies live only as long as it takes to encrypt them. */
		snprintf(copy, sizeof(copy), "%s/komek.db", dir);
		snprintf(log, sizeof(log), "%s/komek.viewlog.db", dir);
		const struct archive_member members[] = {
			{ "komek.db", copy },
			{ "komek.viewlog.db", log },
		};
		if (db_backup(db, copy) == 0 && archive_write(dest, members, 2) == 0)
			rc = 0;
		remove_copies(dir, copy, log);
		free(dir);
	}
	db_close(db);
	if (!rc)
		printf("encrypted backup written to %s (key %s)\n", dest, keyring_current()->id);
	else
		fprintf(stderr, "komek: the backup failed\n");
	return rc;
}

/* The key file for restoring into target: --key-file, KOMEK_KEY_FILE, or beside it. */
static char *restore_key_path(const char *target)
{
	const char *kf = cli_key_file && *cli_key_file ? cli_key_file : getenv("KOMEK_KEY_FILE");
	return kf && *kf ? strdup(kf) : keyring_default_path(target);
}

/* Opens the restored database as any command would (migrations, keys) and checks it. */
static int open_restored(const char *target)
{
	struct db *db = NULL;
	int rc = 1;
	if (cli_open_db(target, 1, &db) == 0 && db_check(db) == 0)
		rc = 0;
	db_close(db);
	if (rc)
		fprintf(stderr, "komek: the restored database fails its checks\n");
	return rc;
}

/* PostgreSQL: into an empty database that exists (made with createdb or CREATE DATABASE). */
static int restore_pg(const char *target, const char *backup)
{
	char *key = restore_key_path(target);
	if (!key || keyring_load(key)) {
		fprintf(stderr, "komek: restore needs the key file the backup was made with "
				"(--key-file or KOMEK_KEY_FILE)\n");
		free(key);
		return 1;
	}
	free(key);
	char tmpl[] = "/tmp/komek-restore-XXXXXX";
	if (!mkdtemp(tmpl)) {
		fprintf(stderr, "komek: cannot make a temporary folder: %s\n", strerror(errno));
		return 1;
	}
	char dump[sizeof(tmpl) + 32];
	snprintf(dump, sizeof(dump), "%s/komek.pgdump", tmpl);
	const struct archive_member members[] = { { "komek.pgdump", dump } };
	int rc = 1;
	if (archive_extract(backup, members, 1) != 0)
		fprintf(stderr,
			"komek: %s is damaged, altered or not a Komek backup of a "
			"PostgreSQL database; nothing was restored\n",
			backup);
	else if (db_pg_restore(target, dump) != 0)
		fprintf(stderr, "komek: pg_restore failed (is the database empty?); its "
				"transaction was rolled back\n");
	else
		rc = open_restored(target);
	unlink(dump);
	rmdir(tmpl);
	if (!rc)
		printf("restored %s from %s\n", cli_db_label(target), backup);
	return rc;
}

int cli_restore(const char *path, int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "usage: komek --db NEW_FILE restore BACKUP\n");
		return 2;
	}
	if (strstr(path, "://"))
		return restore_pg(path, argv[0]);
	char *log = db_viewlog_path(path);
	if (!log)
		return 1;
	int rc = 1;
	if (access(path, F_OK) == 0 || access(log, F_OK) == 0) {
		fprintf(stderr, "komek: %s or %s exists; restore into a new file\n", path, log);
		free(log);
		return 1;
	}
	char *key = restore_key_path(path);
	if (!key || keyring_load(key)) {
		fprintf(stderr,
			"komek: restore needs the key file the backup was made with, at %s (or "
			"named by --key-file or KOMEK_KEY_FILE)\n",
			key ? key : "?");
		free(key);
		free(log);
		return 1;
	}
	const struct archive_member members[] = {
		{ "komek.db", path },
		{ "komek.viewlog.db", log },
	};
	if (archive_extract(argv[0], members, 2) == 0) {
		rc = open_restored(path);
	} else {
		fprintf(stderr,
			"komek: %s is damaged, altered or not a Komek backup; nothing was "
			"restored\n",
			argv[0]);
	}
	if (!rc)
		printf("restored %s and %s from %s\n", path, log, argv[0]);
	free(key);
	free(log);
	return rc;
}
