/* keys.c: the keys of values sealed at rest: found and checked when a command opens the
 * database, made on first use, rotated with `key new` and `rekey` (crypt/keyring.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "cli/cli.h"
#include "crypt/keyring.h"
#include "store/store.h"

#include "base/banned.h"

const char *cli_key_file;

/* --key-file, else KOMEK_KEY_FILE, else beside the database; malloc'd or NULL. */
static char *key_path(const char *db_target)
{
	const char *p = cli_key_file;
	if (!p || !*p)
		p = getenv("KOMEK_KEY_FILE");
	if (p && *p)
		return strdup(p);
	return keyring_default_path(db_target);
}

int cli_open_keys(const char *db_target, struct db *db)
{
	char *path = key_path(db_target);
	int rc = keyring_load(path);
	struct dbconn *c = db_acquire(db);
	struct arena a;
	arena_init(&a);
	bool any = false;
	if (rc == K_ENOTFOUND) {
		/* No key yet: a database without sealed values gets its first key. */
		rc = store_sealed_check(c, &a, &any);
		if (!rc && any) {
			fprintf(stderr,
				"komek: %s holds encrypted values but there is no key file %s; set "
				"KOMEK_KEY_FILE or --key-file to the database's key file\n",
				cli_db_label(db_target), path ? path : "(none)");
			rc = K_EINVAL;
		} else if (!rc && !path) {
			fprintf(stderr,
				"komek: set KOMEK_KEY_FILE or --key-file: a database server "
				"has no folder to keep the key file in\n");
			rc = K_EINVAL;
		} else if (!rc) {
			rc = keyring_create(path);
			if (!rc)
				rc = keyring_load(path);
			if (!rc)
				log_info("keys: made a new key file %s; keep a copy apart from the "
					 "database and its backups",
					 path);
		}
	} else if (!rc) {
		rc = store_sealed_check(c, &a, &any);
		if (rc == K_EAUTH)
			fprintf(stderr,
				"komek: the keys in %s do not open the encrypted values of %s\n",
				path ? path : "KOMEK_KEY", cli_db_label(db_target));
	} else {
		fprintf(stderr, "komek: cannot use the key file %s\n", path ? path : "KOMEK_KEY");
	}
	arena_release(&a);
	db_release(db, c);
	free(path);
	return rc ? 1 : 0;
}

int cli_key_new(const char *db_target, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char *path = key_path(db_target);
	if (!path || getenv("KOMEK_KEY")) {
		fprintf(stderr, "komek: key new works on a key file (KOMEK_KEY is set, or there "
				"is no key file path)\n");
		free(path);
		return 1;
	}
	int rc = keyring_add_new(path);
	if (!rc)
		rc = keyring_load(path);
	if (!rc)
		printf("new key %s is first in %s; the older keys stay to open older values.\n"
		       "Run `komek rekey` to seal everything under the new key.\n",
		       keyring_current()->id, path);
	free(path);
	return rc ? 1 : 0;
}

int cli_rekey(const char *db_target, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct db *db;
	if (cli_open_db(db_target, 1, &db))
		return 1;
	struct dbconn *c = db_acquire(db);
	int64_t resealed = 0, seen = 0;
	int rc = store_rekey(c, 500, &resealed, &seen);
	db_release(db, c);
	db_close(db);
	if (rc) {
		fprintf(stderr,
			"komek: rekey stopped; %lld values were sealed again before it "
			"did, run it again to finish\n",
			(long long)resealed);
		return 1;
	}
	printf("%lld encrypted values, %lld sealed again under key %s.\n", (long long)seen,
	       (long long)resealed, keyring_current()->id);
	if (keyring_count() > 1)
		printf("Older keys in the key file are now needed only for backups made before; "
		       "remove them when those backups are gone.\n");
	return 0;
}
