/* keyring.h: the keys that encrypt the most sensitive values at rest.
 *
 * A key file holds one key per line, base64 (32 random bytes); the first line is the
 * current key, which seals new values, and the lines after it are older keys, kept to open
 * values sealed before a rotation. The file is read from KOMEK_KEY_FILE, or the path the
 * command line names with --key-file, or beside the database (keyring_default_path); the
 * key itself may instead come from KOMEK_KEY (one base64 key). Never from the command line,
 * where every user of the machine can read it.
 *
 * A key is named by its id: 8 hex digits of a BLAKE2b hash of the key, stored with every
 * value it seals. Keys live in memory locked out of swap (sodium_malloc), read-only.
 *
 * Rotation without downtime (docs/security.md): `komek key new` puts a new key first in the
 * file; a running server that meets a value sealed with a key it does not hold reads the
 * file again (keyring_reload), so `komek rekey` can re-seal every value under the new key
 * while the server runs. */
#ifndef KOMEK_CRYPT_KEYRING_H
#define KOMEK_CRYPT_KEYRING_H

#include <stdbool.h>
#include <stddef.h>

#define KEY_BYTES 32
#define KEY_ID_LEN 8 /* hex digits */
#define KEYRING_MAX 16

struct key {
	char id[KEY_ID_LEN + 1];
	unsigned char *bytes; /* KEY_BYTES, sodium_malloc'd, read-only */
};

/* "data/komek.db" → "data/komek.key"; malloc'd, NULL for a postgresql:// target (which
 * needs KOMEK_KEY_FILE or --key-file) or when out of memory. */
char *keyring_default_path(const char *db_target);

/* Loads the process's keys: KOMEK_KEY if set, else the file at path. K_ENOTFOUND when the
 * file does not exist, K_EINVAL when it is malformed or readable by others (logged). */
int keyring_load(const char *path);
/* Creates a key file with one new random key, mode 0600; fails if the file exists. */
int keyring_create(const char *path);
/* Writes a new random key as the first line of the key file, keeping the others. */
int keyring_add_new(const char *path);
/* Reads the key file again if it was loaded from a file, at most once a second; 0 if the
 * keys changed or were read anew. */
int keyring_reload(void);

/* The current key, or NULL when no keys are loaded. Valid until the process ends. */
const struct key *keyring_current(void);
/* The key with this id, or NULL. */
const struct key *keyring_find(const char *id);
/* How many keys are loaded, and the i-th (0 is current). */
size_t keyring_count(void);
const struct key *keyring_at(size_t i);

/* Drops the loaded keys (tests). */
void keyring_clear(void);

#endif
