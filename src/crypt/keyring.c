/* keyring.c: loading, creating and rotating the keys (see keyring.h). */
#include "crypt/keyring.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/banned.h"
#include "base/util.h"

#define KEY_FILE_MAX 8192
#define KEY_B64_LEN 44 /* base64 of 32 bytes with padding */

struct ring {
	struct ring *older; /* rings replaced by a reload: kept, since readers may hold keys */
	char *path;         /* NULL when the key came from KOMEK_KEY */
	size_t n;
	struct key keys[KEYRING_MAX];
};

static _Atomic(struct ring *) current_ring;
static pthread_mutex_t reload_mu = PTHREAD_MUTEX_INITIALIZER;
static time_t last_reload;

char *keyring_default_path(const char *db_target)
{
	if (strstr(db_target, "://"))
		return NULL;
	size_t n = strlen(db_target);
	char *p = malloc(n + sizeof(".key"));
	if (!p)
		return NULL;
	memcpy(p, db_target, n);
	if (n > 3 && strcmp(db_target + n - 3, ".db") == 0)
		n -= 3;
	memcpy(p + n, ".key", sizeof(".key"));
	return p;
}

static void key_id(const unsigned char *k, char out[KEY_ID_LEN + 1])
{
	static const unsigned char context[] = "komek key id";
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), k, KEY_BYTES, context, sizeof(context) - 1);
	sodium_bin2hex(out, KEY_ID_LEN + 1, h, KEY_ID_LEN / 2);
}

static void ring_free(struct ring *r)
{
	while (r) {
		struct ring *older = r->older;
		for (size_t i = 0; i < r->n; i++)
			sodium_free(r->keys[i].bytes);
		free(r->path);
		free(r);
		r = older;
	}
}

/* Adds one base64 key to the ring; K_EINVAL if it is not 32 bytes of base64. */
static int ring_add(struct ring *r, const char *b64, size_t len)
{
	if (r->n == KEYRING_MAX) {
		log_error("keys: more than %d keys", KEYRING_MAX);
		return K_EINVAL;
	}
	unsigned char *k = sodium_malloc(KEY_BYTES);
	if (!k)
		return K_ENOMEM;
	size_t got = 0;
	if (sodium_base642bin(k, KEY_BYTES, b64, len, " \t\r", &got, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    got != KEY_BYTES) {
		sodium_free(k);
		log_error("keys: a key is not 32 bytes of base64");
		return K_EINVAL;
	}
	struct key *key = &r->keys[r->n];
	key_id(k, key->id);
	for (size_t i = 0; i < r->n; i++) {
		if (strcmp(r->keys[i].id, key->id) == 0) {
			sodium_free(k);
			return 0; /* the same key twice: once is enough */
		}
	}
	sodium_mprotect_readonly(k);
	key->bytes = k;
	r->n++;
	return 0;
}

/* The whole key file, refused if others may read it. */
static int read_key_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0) {
		if (errno == ENOENT)
			return K_ENOTFOUND;
		log_error("keys: cannot open %s: %s", path, strerror(errno));
		return K_EINVAL;
	}
	struct stat st;
	int rc = 0;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		log_error("keys: %s is not a regular file", path);
		rc = K_EINVAL;
	} else if (st.st_mode & 077) {
		log_error("keys: %s may be read by other users; chmod 600 it", path);
		rc = K_EINVAL;
	} else if ((size_t)st.st_size >= cap) {
		log_error("keys: %s is too large for a key file", path);
		rc = K_EINVAL;
	}
	size_t n = 0;
	while (!rc && n < cap - 1) {
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			log_error("keys: cannot read %s: %s", path, strerror(errno));
			rc = K_EINVAL;
		}
		if (got <= 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	close(fd);
	return rc;
}

/* One key per line; blank lines and lines starting with '#' are skipped. */
static int parse_keys(struct ring *r, const char *text)
{
	for (const char *p = text; *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > 0 && p[0] != '#' && strspn(p, " \t\r") < len) {
			int rc = ring_add(r, p, len);
			if (rc)
				return rc;
		}
		p += len + (end ? 1 : 0);
	}
	if (r->n == 0) {
		log_error("keys: the key file holds no key");
		return K_EINVAL;
	}
	return 0;
}

static int ring_read(const char *path, struct ring **out)
{
	*out = NULL;
	if (sodium_init() < 0)
		return K_ENOMEM;
	struct ring *r = calloc(1, sizeof(*r));
	if (!r)
		return K_ENOMEM;
	const char *env = getenv("KOMEK_KEY");
	int rc;
	if (env && *env) {
		rc = ring_add(r, env, strlen(env));
	} else if (!path) {
		log_error("keys: no key file (set KOMEK_KEY_FILE or --key-file)");
		rc = K_EINVAL;
	} else {
		char *buf = sodium_malloc(KEY_FILE_MAX);
		rc = buf ? read_key_file(path, buf, KEY_FILE_MAX) : K_ENOMEM;
		if (!rc)
			rc = parse_keys(r, buf);
		if (!rc && !(r->path = strdup(path)))
			rc = K_ENOMEM;
		if (buf)
			sodium_free(buf);
	}
	if (rc) {
		ring_free(r);
		return rc;
	}
	*out = r;
	return 0;
}

static void ring_install(struct ring *r)
{
	r->older = atomic_exchange(&current_ring, r);
}

int keyring_load(const char *path)
{
	struct ring *r;
	int rc = ring_read(path, &r);
	if (!rc)
		ring_install(r);
	return rc;
}

int keyring_reload(void)
{
	struct ring *cur = atomic_load(&current_ring);
	if (!cur || !cur->path)
		return K_ENOTFOUND;
	pthread_mutex_lock(&reload_mu);
	time_t now = time(NULL);
	int rc = K_ETHROTTLED;
	if (now != last_reload) {
		last_reload = now;
		struct ring *r;
		rc = ring_read(cur->path, &r);
		if (!rc) {
			ring_install(r);
			log_info("keys: read the key file again (%zu keys)", r->n);
		}
	}
	pthread_mutex_unlock(&reload_mu);
	return rc;
}

/* Writes text to path through a new file renamed into place, mode 0600. */
static int write_key_file(const char *path, const char *text, bool replace)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + sizeof(".new"));
	if (!tmp)
		return K_ENOMEM;
	memcpy(tmp, path, n);
	memcpy(tmp + n, ".new", sizeof(".new"));
	int rc = K_EINVAL;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		log_error("keys: cannot create %s: %s", tmp, strerror(errno));
		free(tmp);
		return K_EINVAL;
	}
	size_t len = strlen(text), off = 0;
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	bool ok = off == len && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (ok && !replace && link(tmp, path) != 0) {
		log_error("keys: cannot create %s: %s", path, strerror(errno));
		ok = false;
	} else if (ok && replace && rename(tmp, path) != 0) {
		log_error("keys: cannot replace %s: %s", path, strerror(errno));
		ok = false;
	}
	unlink(tmp); /* after link, or after a failure; a no-op after rename */
	if (ok)
		rc = 0;
	else if (off != len)
		log_error("keys: cannot write %s", tmp);
	free(tmp);
	return rc;
}

static void new_key_line(char *out, size_t cap)
{
	unsigned char k[KEY_BYTES];
	randombytes_buf(k, sizeof(k));
	sodium_bin2base64(out, cap, k, sizeof(k), sodium_base64_VARIANT_ORIGINAL);
	sodium_memzero(k, sizeof(k));
}

int keyring_create(const char *path)
{
	if (sodium_init() < 0)
		return K_ENOMEM;
	char line[KEY_B64_LEN + 1];
	new_key_line(line, sizeof(line));
	char text[256];
	snprintf(text, sizeof(text),
		 "# Komek's keys for values encrypted at rest: the first is current.\n"
		 "# Keep a copy apart from the database and its backups.\n%s\n",
		 line);
	int rc = write_key_file(path, text, false);
	sodium_memzero(line, sizeof(line));
	sodium_memzero(text, sizeof(text));
	return rc;
}

int keyring_add_new(const char *path)
{
	if (sodium_init() < 0)
		return K_ENOMEM;
	char *old = sodium_malloc(KEY_FILE_MAX);
	char *text = sodium_malloc(KEY_FILE_MAX + 128);
	int rc = old && text ? read_key_file(path, old, KEY_FILE_MAX) : K_ENOMEM;
	if (!rc) {
		char line[KEY_B64_LEN + 1];
		new_key_line(line, sizeof(line));
		/* The comment lines stay on top, the new key goes before the old ones. */
		const char *p = old;
		while (*p == '#') {
			const char *nl = strchr(p, '\n');
			p = nl ? nl + 1 : p + strlen(p);
		}
		snprintf(text, KEY_FILE_MAX + 128, "%.*s%s\n%s", (int)(p - old), old, line, p);
		sodium_memzero(line, sizeof(line));
		rc = write_key_file(path, text, true);
	}
	if (old)
		sodium_free(old);
	if (text)
		sodium_free(text);
	return rc;
}

const struct key *keyring_current(void)
{
	struct ring *r = atomic_load(&current_ring);
	return r && r->n ? &r->keys[0] : NULL;
}

const struct key *keyring_find(const char *id)
{
	struct ring *r = atomic_load(&current_ring);
	for (size_t i = 0; r && i < r->n; i++)
		if (strcmp(r->keys[i].id, id) == 0)
			return &r->keys[i];
	return NULL;
}

size_t keyring_count(void)
{
	struct ring *r = atomic_load(&current_ring);
	return r ? r->n : 0;
}

const struct key *keyring_at(size_t i)
{
	struct ring *r = atomic_load(&current_ring);
	return r && i < r->n ? &r->keys[i] : NULL;
}

void keyring_clear(void)
{
	ring_free(atomic_exchange(&current_ring, NULL));
	last_reload = 0;
}
