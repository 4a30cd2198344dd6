/* seal.h: values encrypted at rest, one by one.
 *
 * The most sensitive text (why a person's record is protected; later case notes, screening
 * answers, accounts of persecution or exploitation) is stored sealed: XChaCha20-Poly1305
 * (libsodium's IETF AEAD) under the current key of keyring.h, with a random 192-bit nonce
 * per value and the field's name as associated data, so that a value moved to another
 * column does not open. The stored text is
 *     "k1." KEY_ID "." base64url(nonce || ciphertext || tag)
 * The store seals on the way in and opens on the way out: handlers only see plain text, and
 * the database file, its WAL and its backups only see sealed text. */
#ifndef KOMEK_CRYPT_SEAL_H
#define KOMEK_CRYPT_SEAL_H

#include <stdbool.h>

struct arena;

/* The sealed form of plain (NULL for NULL), allocated in a; K_EINVAL without a key. */
int seal(struct arena *a, const char *field, const char *plain, const char **out);
/* The plain text of a sealed value (NULL for NULL). A value that does not open (a missing
 * key even after reading the key file again, or altered bytes) is K_EDB, logged. */
int seal_open(struct arena *a, const char *field, const char *sealed, const char **out);
/* Whether a sealed value is under the current key (komek rekey re-seals the others). */
bool seal_is_current(const char *sealed);

#endif
