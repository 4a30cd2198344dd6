/* archive.h: encrypted backup files.
 *
 * A backup holds named files (the database and its view log) in one file, encrypted and
 * authenticated with libsodium's secretstream (XChaCha20-Poly1305) under a key derived from
 * the current key of keyring.h. Layout:
 *     "KOMEKBK1"  KEY_ID (8 hex)  secretstream header (24 bytes)
 *     then records, each [u32 big-endian length][encrypted record]
 * A record is 'H' name '\0' (a member starts), 'D' bytes (its data, at most 64 KiB), or
 * 'E' (the end: the only record with the stream's FINAL tag). Every record is bound to the
 * header, so a file cut short, reordered, altered anywhere or made with another key is
 * refused whole: archive_extract writes nothing that stays. */
#ifndef KOMEK_CRYPT_ARCHIVE_H
#define KOMEK_CRYPT_ARCHIVE_H

#include <stddef.h>

struct archive_member {
	const char *name; /* stored in the archive */
	const char *path; /* read from (write) or written to (extract) */
};

/* Writes dest (a new file, mode 0600) from the members' files, and syncs it. */
int archive_write(const char *dest, const struct archive_member *m, size_t n);
/* Checks and unpacks src: each member must be in the archive and is written to its path (a
 * new file, mode 0600). K_EINVAL if the file is not a whole, unaltered Komek backup, or the
 * key it names is not loaded; then no file is left behind. */
int archive_extract(const char *src, const struct archive_member *m, size_t n);

#endif
