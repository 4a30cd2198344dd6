/* auth.c: passwords, tokens, login with throttling, sessions (see auth.h). */
#include "auth/auth.h"

#include <pthread.h>
#include <semaphore.h>
#include <sodium.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"

static sem_t hash_slots;

int auth_init(void)
{
	if (sodium_init() < 0)
		return K_EDB;
	return sem_init(&hash_slots, 0, AUTH_HASH_PARALLEL) ? K_ENOMEM : 0;
}

int auth_password_check(const char *pw)
{
	size_t n = pw ? strlen(pw) : 0;
	if (n > AUTH_PW_MAX || !utf8_valid_text(pw ? pw : "", n) ||
	    utf8_len(pw ? pw : "") < AUTH_PW_MIN)
		return K_EINVAL;
	return 0;
}

int auth_hash_password(const char *pw, char *out, size_t cap)
{
	if (cap < crypto_pwhash_STRBYTES)
		return K_EINVAL;
	sem_wait(&hash_slots);
	int rc =
	    crypto_pwhash_str_alg(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
				  crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13);
	sem_post(&hash_slots);
	return rc ? K_ENOMEM : 0;
}

bool auth_verify_password(const char *hash, const char *pw)
{
	sem_wait(&hash_slots);
	int rc = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	sem_post(&hash_slots);
	return rc == 0;
}

void auth_random_token(char *token)
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token, AUTH_TOKEN_LEN + 1, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

void auth_token_hash(const char *token, char *hash)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	hex_encode(h, sizeof(h), hash);
}

void auth_token_new(char *token, char *hash)
{
	auth_random_token(token);
	auth_token_hash(token, hash);
}

bool auth_token_equal(const char *x, const char *y)
{
	size_t n = strlen(x);
	if (n != strlen(y))
		return false;
	return sodium_memcmp(x, y, n) == 0;
}

/* A hash of a password nobody has, verified when the login does not exist, so that the
 * answer takes as long for an unknown login as for a wrong password. */
static char dummy[crypto_pwhash_STRBYTES];
static void make_dummy(void)
{
	char pw[AUTH_TOKEN_LEN + 1];
	auth_random_token(pw);
	auth_hash_password(pw, dummy, sizeof(dummy));
}

static int record_failure(struct dbconn *c, const char *ukey, const char *akey, const char *login,
			  const char *addr)
{
	int64_t now = time_now();
	int rc = store_begin(c);
	if (!rc)
		rc = store_throttle_fail(c, ukey, now, AUTH_WINDOW);
	if (!rc)
		rc = store_throttle_fail(c, akey, now, AUTH_WINDOW);
	struct actor anon = { .addr = addr };
	if (!rc)
		rc = store_audit(c, &anon, "login.failed", "user", 0, login);
	rc = store_finish(c, rc);
	return rc;
}

int auth_login(struct dbconn *c, struct arena *a, const char *login, const char *password,
	       const char *addr, const char *kind, char *token, struct actor *who)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, make_dummy);
	if (!login || !password || strlen(login) > 64 || strlen(password) > AUTH_PW_MAX)
		return K_EAUTH;
	const char *ukey = arena_printf(a, "user:%s", login);
	const char *akey = arena_printf(a, "addr:%s", addr ? addr : "?");
	int64_t now = time_now(), nuser = 0, naddr = 0;
	int rc = store_throttle_count(c, ukey, now, AUTH_WINDOW, &nuser);
	if (!rc)
		rc = store_throttle_count(c, akey, now, AUTH_WINDOW, &naddr);
	if (rc)
		return rc;
	if (nuser >= AUTH_MAX_FAIL_ACCOUNT || naddr >= AUTH_MAX_FAIL_ADDR) {
		/* Refused without checking the password, and counted, so that guessing on
		 * during the lock gains nothing. */
		record_failure(c, ukey, akey, login, addr);
		return K_ETHROTTLED;
	}
	struct store_user u;
	rc = store_user_by_login(c, a, login, &u);
	if (rc && rc != K_ENOTFOUND)
		return rc;
	bool ok = auth_verify_password(rc ? dummy : u.pw_hash, password);
	if (rc || !ok || !u.active) {
		rc = record_failure(c, ukey, akey, login, addr);
		return rc ? rc : K_EAUTH;
	}
	char hash[AUTH_HASH_HEX], csrf[AUTH_TOKEN_LEN + 1];
	auth_token_new(token, hash);
	auth_random_token(csrf);
	*who = (struct actor){
		.user_id = u.id,
		.org_id = u.org_id,
		.role = role_parse(u.role) < 0 ? ROLE_ANALYST : (enum role)role_parse(u.role),
		.login = u.login,
		.full_name = u.full_name,
		.org_name = u.org_name,
		.lang = u.lang,
		.addr = addr,
		.csrf = arena_strdup(a, csrf),
	};
	rc = store_begin(c);
	if (!rc)
		rc = store_throttle_clear(c, ukey);
	if (!rc)
		rc =
		    store_session_create(c, hash, u.id, kind, csrf,
					 now + (strcmp(kind, "api") ? AUTH_WEB_TTL : AUTH_API_TTL));
	if (!rc)
		rc = store_audit(c, who, "login", "user", u.id, kind);
	rc = store_finish(c, rc);
	return rc;
}

int auth_session(struct dbconn *c, struct arena *a, const char *token, const char *kind,
		 struct actor *who)
{
	if (!token || strlen(token) != AUTH_TOKEN_LEN)
		return K_ENOTFOUND;
	char hash[AUTH_HASH_HEX];
	auth_token_hash(token, hash);
	return store_session_lookup(c, a, hash, kind, time_now(), who);
}

int auth_logout(struct dbconn *c, const struct actor *who, const char *token)
{
	char hash[AUTH_HASH_HEX];
	auth_token_hash(token, hash);
	int rc = store_begin(c);
	if (!rc)
		rc = store_session_revoke(c, hash, time_now());
	if (!rc)
		rc = store_audit(c, who, "logout", "user", who->user_id, NULL);
	rc = store_finish(c, rc);
	return rc;
}
