/* auth.h: passwords, tokens, login with throttling, and session lookup.
 *
 * Passwords are hashed with argon2id (libsodium, interactive limits: about 110 ms and
 * 64 MiB each), and at most AUTH_HASH_PARALLEL hashes run at once so that a burst of logins
 * cannot take the machine's memory. Session and API tokens are 256 random bits sent as
 * base64url; the database keeps only their SHA-256, so a stolen database opens no session. */
#ifndef KOMEK_AUTH_AUTH_H
#define KOMEK_AUTH_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "store/db.h"

#define AUTH_HASH_PARALLEL 2
#define AUTH_TOKEN_LEN 43 /* base64url of 32 bytes, no padding */
#define AUTH_HASH_HEX 65  /* SHA-256 as hex, with NUL */
#define AUTH_PW_MIN 10
#define AUTH_PW_MAX 256

#define AUTH_WEB_TTL (12 * 3600)
#define AUTH_API_TTL (30 * 24 * 3600)
#define AUTH_WINDOW (15 * 60)
#define AUTH_MAX_FAIL_ACCOUNT 5
#define AUTH_MAX_FAIL_ADDR 20

int auth_init(void);

/* K_EINVAL if the password is too short, too long or not text. out is crypto_pwhash_STRBYTES. */
int auth_password_check(const char *pw);
int auth_hash_password(const char *pw, char *out, size_t cap);
bool auth_verify_password(const char *hash, const char *pw);

/* A new random token (token[AUTH_TOKEN_LEN + 1]) and the hash the database keeps. */
void auth_token_new(char *token, char *hash);
void auth_token_hash(const char *token, char *hash);
/* A random token for forms (CSRF), token[AUTH_TOKEN_LEN + 1]. */
void auth_random_token(char *token);
bool auth_token_equal(const char *x, const char *y); /* constant time */

/* Checks credentials with throttling per account and per address, audits the outcome, and
 * on success opens a session of `kind` ("web" or "api"): token is filled (AUTH_TOKEN_LEN + 1)
 * and who describes the user. K_EAUTH, K_ETHROTTLED or K_EDB. Runs its own transactions. */
int auth_login(struct dbconn *c, struct arena *a, const char *login, const char *password,
	       const char *addr, const char *kind, char *token, struct actor *who);
/* Finds the live session of a token; K_ENOTFOUND if none. */
int auth_session(struct dbconn *c, struct arena *a, const char *token, const char *kind,
		 struct actor *who);
int auth_logout(struct dbconn *c, const struct actor *who, const char *token);

#endif
