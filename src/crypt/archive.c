/* archive.c: encrypted backup files (see archive.h). */
#include "crypt/archive.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "crypt/keyring.h"

#include "base/banned.h"

#define MAGIC "KOMEKBK1"
#define MAGIC_LEN 8
#define HEAD_LEN (MAGIC_LEN + KEY_ID_LEN)
#define SS_HEADER crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SS_ABYTES crypto_secretstream_xchacha20poly1305_ABYTES
#define DATA_MAX (64 * 1024)
#define RECORD_MAX (1 + DATA_MAX)
#define NAME_MAX_LEN 255

static int write_all(int fd, const void *p, size_t n)
{
	const unsigned char *b = p;
	while (n > 0) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return K_EINVAL;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Reads exactly n bytes: 0, K_ENOTFOUND at a clean end of file, K_EINVAL otherwise. */
static int read_all(int fd, void *p, size_t n)
{
	unsigned char *b = p;
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return K_EINVAL;
		if (r == 0)
			return got == 0 ? K_ENOTFOUND : K_EINVAL;
		got += (size_t)r;
	}
	return 0;
}

static void derive(const struct key *k, unsigned char out[crypto_kdf_KEYBYTES])
{
	crypto_kdf_derive_from_key(out, crypto_kdf_KEYBYTES, 1, "komekbak", k->bytes);
}

struct writer {
	int fd;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char head[HEAD_LEN];
	unsigned char *buf; /* one encrypted record */
};

static int put_record(struct writer *w, const unsigned char *rec, size_t len, unsigned char tag)
{
	unsigned long long clen = 0;
	crypto_secretstream_xchacha20poly1305_push(&w->st, w->buf, &clen, rec, len, w->head,
						   HEAD_LEN, tag);
	unsigned char be[4] = { (unsigned char)(clen >> 24), (unsigned char)(clen >> 16),
				(unsigned char)(clen >> 8), (unsigned char)clen };
	int rc = write_all(w->fd, be, sizeof(be));
	return rc ? rc : write_all(w->fd, w->buf, (size_t)clen);
}

static int put_member(struct writer *w, const struct archive_member *m, unsigned char *rec)
{
	size_t nlen = strlen(m->name);
	if (nlen == 0 || nlen > NAME_MAX_LEN)
		return K_EINVAL;
	rec[0] = 'H';
	memcpy(rec + 1, m->name, nlen + 1);
	int rc = put_record(w, rec, nlen + 2, 0);
	int in = open(m->path, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		log_error("backup: cannot read %s: %s", m->path, strerror(errno));
		return K_EINVAL;
	}
	for (;;) {
		if (rc)
			break;
		ssize_t r = read(in, rec + 1, DATA_MAX);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			rc = K_EINVAL;
		if (r <= 0)
			break;
		rec[0] = 'D';
		rc = put_record(w, rec, (size_t)r + 1, 0);
	}
	close(in);
	return rc;
}

int archive_write(const char *dest, const struct archive_member *m, size_t n)
{
	const struct key *k = keyring_current();
	if (!k) {
		log_error("backup: no key loaded");
		return K_EINVAL;
	}
	struct writer w = { .fd = -1 };
	unsigned char *rec = malloc(RECORD_MAX);
	w.buf = malloc(RECORD_MAX + SS_ABYTES);
	unsigned char key[crypto_kdf_KEYBYTES];
	unsigned char ss_header[SS_HEADER];
	int rc = rec && w.buf ? 0 : K_ENOMEM;
	if (!rc) {
		w.fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
		if (w.fd < 0) {
			log_error("backup: cannot create %s: %s", dest, strerror(errno));
			rc = K_EINVAL;
		}
	}
	if (!rc) {
		memcpy(w.head, MAGIC, MAGIC_LEN);
		memcpy(w.head + MAGIC_LEN, k->id, KEY_ID_LEN);
		derive(k, key);
		crypto_secretstream_xchacha20poly1305_init_push(&w.st, ss_header, key);
		sodium_memzero(key, sizeof(key));
		rc = write_all(w.fd, w.head, HEAD_LEN);
		if (!rc)
			rc = write_all(w.fd, ss_header, sizeof(ss_header));
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = put_member(&w, &m[i], rec);
	if (!rc) {
		rec[0] = 'E';
		rc = put_record(&w, rec, 1, crypto_secretstream_xchacha20poly1305_TAG_FINAL);
	}
	if (!rc && fsync(w.fd) != 0)
		rc = K_EINVAL;
	if (w.fd >= 0 && close(w.fd) != 0)
		rc = rc ? rc : K_EINVAL;
	if (rc && w.fd >= 0) {
		log_error("backup: writing %s failed", dest);
		unlink(dest);
	}
	sodium_memzero(&w.st, sizeof(w.st));
	free(rec);
	free(w.buf);
	return rc;
}

/* ---- extraction ---- */

struct reader {
	int fd;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char head[HEAD_LEN];
	unsigned char *buf;
};

/* The next record into rec; *tag is the stream's tag. K_EINVAL for anything wrong. */
static int get_record(struct reader *rd, unsigned char *rec, size_t *len, unsigned char *tag)
{
	unsigned char be[4];
	int rc = read_all(rd->fd, be, sizeof(be));
	if (rc)
		return K_EINVAL; /* the end of the file before the end record */
	size_t clen = (size_t)be[0] << 24 | (size_t)be[1] << 16 | (size_t)be[2] << 8 | be[3];
	if (clen < SS_ABYTES + 1 || clen > RECORD_MAX + SS_ABYTES)
		return K_EINVAL;
	if (read_all(rd->fd, rd->buf, clen))
		return K_EINVAL;
	unsigned long long mlen = 0;
	if (crypto_secretstream_xchacha20poly1305_pull(&rd->st, rec, &mlen, tag, rd->buf, clen,
						       rd->head, HEAD_LEN) != 0)
		return K_EINVAL;
	*len = (size_t)mlen;
	return 0;
}

static int open_reader(struct reader *rd, const char *src)
{
	rd->fd = open(src, O_RDONLY | O_CLOEXEC);
	if (rd->fd < 0) {
		log_error("restore: cannot open %s: %s", src, strerror(errno));
		return K_EINVAL;
	}
	unsigned char ss_header[SS_HEADER];
	if (read_all(rd->fd, rd->head, HEAD_LEN) || memcmp(rd->head, MAGIC, MAGIC_LEN) != 0 ||
	    read_all(rd->fd, ss_header, sizeof(ss_header))) {
		log_error("restore: %s is not a Komek backup", src);
		return K_EINVAL;
	}
	char id[KEY_ID_LEN + 1];
	memcpy(id, rd->head + MAGIC_LEN, KEY_ID_LEN);
	id[KEY_ID_LEN] = '\0';
	const struct key *k = keyring_find(id);
	if (!k) {
		log_error("restore: %s was made with key %s, which is not in the key file", src,
			  id);
		return K_EINVAL;
	}
	unsigned char key[crypto_kdf_KEYBYTES];
	derive(k, key);
	int rc = crypto_secretstream_xchacha20poly1305_init_pull(&rd->st, ss_header, key);
	sodium_memzero(key, sizeof(key));
	return rc == 0 ? 0 : K_EINVAL;
}

int archive_extract(const char *src, const struct archive_member *m, size_t n)
{
	struct reader rd = { .fd = -1 };
	unsigned char *rec = malloc(RECORD_MAX + 1);
	rd.buf = malloc(RECORD_MAX + SS_ABYTES);
	int *out = calloc(n ? n : 1, sizeof(*out));
	bool *done = calloc(n ? n : 1, sizeof(*done));
	int rc = rec && rd.buf && out && done ? 0 : K_ENOMEM;
	for (size_t i = 0; out && i < n; i++)
		out[i] = -1;
	if (!rc)
		rc = open_reader(&rd, src);
	int cur = -1; /* the member being written, or -1 for one this caller does not want */
	bool ended = false;
	while (!rc && !ended) {
		size_t len = 0;
		unsigned char tag = 0;
		rc = get_record(&rd, rec, &len, &tag);
		if (rc)
			break;
		bool final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
		if (rec[0] == 'E' && len == 1 && final) {
			ended = true;
		} else if (final || len < 1) {
			rc = K_EINVAL;
		} else if (rec[0] == 'H') {
			rec[len] = '\0';
			if (len < 3 || strlen((char *)rec + 1) != len - 2)
				rc = K_EINVAL;
			cur = -1;
			for (size_t i = 0; !rc && i < n; i++) {
				if (strcmp(m[i].name, (char *)rec + 1) != 0)
					continue;
				if (done[i]) {
					rc = K_EINVAL; /* the same member twice */
					break;
				}
				out[i] = open(m[i].path,
					      O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW,
					      0600);
				if (out[i] < 0) {
					log_error("restore: cannot create %s: %s", m[i].path,
						  strerror(errno));
					rc = K_EINVAL;
				}
				done[i] = true;
				cur = (int)i;
			}
		} else if (rec[0] == 'D') {
			if (cur >= 0)
				rc = write_all(out[cur], rec + 1, len - 1);
		} else {
			rc = K_EINVAL;
		}
	}
	/* Nothing may follow the end record. */
	if (!rc && read_all(rd.fd, rec, 1) != K_ENOTFOUND)
		rc = K_EINVAL;
	for (size_t i = 0; !rc && i < n; i++)
		if (!done[i])
			rc = K_EINVAL;
	for (size_t i = 0; out && i < n; i++) {
		if (out[i] < 0)
			continue;
		if (!rc && fsync(out[i]) != 0)
			rc = K_EINVAL;
		if (close(out[i]) != 0 && !rc)
			rc = K_EINVAL;
	}
	if (rc) {
		for (size_t i = 0; out && i < n; i++)
			if (out[i] >= 0)
				unlink(m[i].path);
	}
	if (rd.fd >= 0)
		close(rd.fd);
	sodium_memzero(&rd.st, sizeof(rd.st));
	free(rec);
	free(rd.buf);
	free(out);
	free(done);
	return rc;
}
