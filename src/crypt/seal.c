/* seal.c: sealing and opening values (see seal.h). */
#include "crypt/seal.h"

#include <sodium.h>
#include <string.h>

#include "base/arena.h"
#include "base/banned.h"
#include "base/util.h"
#include "crypt/keyring.h"

#define PREFIX "k1."
#define PREFIX_LEN 3
#define HEAD_LEN (PREFIX_LEN + KEY_ID_LEN + 1) /* "k1." id "." */
#define NONCE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG crypto_aead_xchacha20poly1305_ietf_ABYTES
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING

int seal(struct arena *a, const char *field, const char *plain, const char **out)
{
	*out = NULL;
	if (!plain)
		return 0;
	const struct key *k = keyring_current();
	if (!k) {
		log_error("seal: no key loaded");
		return K_EINVAL;
	}
	size_t n = strlen(plain);
	size_t raw_len = NONCE + n + TAG;
	unsigned char *raw = arena_alloc(a, raw_len);
	randombytes_buf(raw, NONCE);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(raw + NONCE, &clen, (const unsigned char *)plain,
						   n, (const unsigned char *)field, strlen(field),
						   NULL, raw, k->bytes);
	size_t b64 = sodium_base64_ENCODED_LEN(raw_len, B64);
	char *s = arena_alloc(a, HEAD_LEN + b64);
	memcpy(s, PREFIX, PREFIX_LEN);
	memcpy(s + PREFIX_LEN, k->id, KEY_ID_LEN);
	s[HEAD_LEN - 1] = '.';
	sodium_bin2base64(s + HEAD_LEN, b64, raw, raw_len, B64);
	*out = s;
	return 0;
}

/* The key id of a sealed value into id; false if it is not one. */
static bool sealed_id(const char *sealed, char id[KEY_ID_LEN + 1])
{
	if (strncmp(sealed, PREFIX, PREFIX_LEN) != 0 || strlen(sealed) < HEAD_LEN ||
	    sealed[HEAD_LEN - 1] != '.')
		return false;
	memcpy(id, sealed + PREFIX_LEN, KEY_ID_LEN);
	id[KEY_ID_LEN] = '\0';
	return true;
}

int seal_open(struct arena *a, const char *field, const char *sealed, const char **out)
{
	*out = NULL;
	if (!sealed)
		return 0;
	char id[KEY_ID_LEN + 1];
	if (!sealed_id(sealed, id)) {
		log_error("seal: a value of %s is not sealed", field);
		return K_EDB;
	}
	const struct key *k = keyring_find(id);
	if (!k && keyring_reload() == 0)
		k = keyring_find(id); /* a rotation under way: komek key new, then rekey */
	if (!k) {
		log_error("seal: a value of %s is sealed with key %s, which is not loaded", field,
			  id);
		return K_EDB;
	}
	const char *b64 = sealed + HEAD_LEN;
	size_t b64_len = strlen(b64);
	unsigned char *raw = arena_alloc(a, b64_len);
	size_t raw_len = 0;
	if (sodium_base642bin(raw, b64_len, b64, b64_len, NULL, &raw_len, NULL, B64) != 0 ||
	    raw_len < NONCE + TAG) {
		log_error("seal: a value of %s is damaged", field);
		return K_EDB;
	}
	size_t n = raw_len - NONCE - TAG;
	unsigned char *plain = arena_alloc(a, n + 1);
	unsigned long long plen = 0;
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(
		plain, &plen, NULL, raw + NONCE, raw_len - NONCE, (const unsigned char *)field,
		strlen(field), raw, k->bytes) != 0) {
		log_error("seal: a value of %s does not open: altered, or moved from elsewhere",
			  field);
		return K_EDB;
	}
	plain[plen] = '\0';
	*out = (const char *)plain;
	return 0;
}

bool seal_is_current(const char *sealed)
{
	char id[KEY_ID_LEN + 1];
	const struct key *k = keyring_current();
	return sealed && k && sealed_id(sealed, id) && strcmp(id, k->id) == 0;
}
