/* arena.c: the request bump allocator (see arena.h). */
#include "base/arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"

struct arena_block {
	struct arena_block *next;
	size_t cap, used;
	max_align_t data[];
};

#define ARENA_FIRST 8192u

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

static _Noreturn void arena_oom(size_t n)
{
	fprintf(stderr, "komek: out of memory (arena request of %zu bytes)\n", n);
	abort();
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	size_t need = (n + align - 1) / align * align;
	if (need < n)
		arena_oom(n);
	struct arena_block *b = a->head;
	if (!b || b->cap - b->used < need) {
		size_t cap = b ? b->cap * 2 : ARENA_FIRST;
		while (cap < need)
			cap *= 2;
		if (a->total + cap > ARENA_MAX)
			arena_oom(n);
		b = malloc(sizeof(*b) + cap);
		if (!b)
			arena_oom(n);
		b->cap = cap;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += cap;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
