/* buf.h: a growable byte buffer with a ceiling (after curl's dynbuf).
 *
 * The buffer owns its heap memory until buf_detach hands it to someone else (for example a
 * libmicrohttpd response that frees it). Every append past `max` fails with -1 and marks the
 * buffer as overflowed, so a caller may append many times and check once at the end. The
 * content is always NUL-terminated. */
#ifndef KOMEK_BASE_BUF_H
#define KOMEK_BASE_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len, cap, max;
	bool overflow;
};

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);              /* frees the memory; the buffer can be reused */
void buf_reset(struct buf *b);                /* empties it, keeping the memory */
char *buf_detach(struct buf *b, size_t *len); /* new: caller frees; buffer is empty after */

int buf_append(struct buf *b, const void *p, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_putc(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
