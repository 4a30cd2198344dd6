/* arena.h: a bump allocator that owns everything a request allocates.
 *
 * A request gets one arena when it starts and frees it once when libmicrohttpd reports the
 * request complete, so request code never frees anything it took from the arena. Blocks
 * grow geometrically; a request's total is capped (ARENA_MAX) so hostile input cannot make
 * one request take the machine's memory: past the cap, allocation aborts the process with a
 * message, since every size that reaches the arena is already bounded by the HTTP limits. */
#ifndef KOMEK_BASE_ARENA_H
#define KOMEK_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#define ARENA_MAX (64u << 20)

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total;
};

void arena_init(struct arena *a);
void arena_release(struct arena *a); /* frees every block; the arena can be reused */

void *arena_alloc(struct arena *a, size_t n); /* aligned, zeroed */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

#endif
