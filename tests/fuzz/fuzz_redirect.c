/* fuzz_redirect.c: the check on the language switch's "back" before the redirect to it
 * (local_path in web/login.c, declared in web/pages.h).
 *
 * Each input is tried as it is, with a "/" before it, and URL-decoded as the form's value
 * would be (http/form.c). Properties: local_path accepts exactly what pages.h documents
 * ("/" then only A-Z a-z 0-9 / - _ . with no "//", at most 200 bytes); and whatever it
 * accepts, read the way a browser reads a Location (tabs and newlines dropped, backslash as
 * slash, leading spaces and controls trimmed), starts with one "/" and no second "/" or
 * "\", so it has no scheme and no host: the redirect never leaves the site. */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "http/request.h"
#include "web/pages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool documented(const char *p)
{
	size_t n = strlen(p);
	if (n == 0 || n > 200 || p[0] != '/')
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_' || c == '.';
		if (!ok || (c == '/' && p[i + 1] == '/'))
			return false;
	}
	return true;
}

/* Whether a browser following "Location: p" stays on this site (WHATWG URL, roughly:
 * enough to see every way out). */
static bool stays(const char *p)
{
	size_t n = strlen(p);
	char *u = malloc(n + 1);
	if (!u)
		return false;
	/* Leading and trailing C0 controls and spaces go; tabs and newlines anywhere go. */
	size_t b = 0, e = n, k = 0;
	while (b < e && (unsigned char)p[b] <= 0x20)
		b++;
	while (e > b && (unsigned char)p[e - 1] <= 0x20)
		e--;
	for (size_t i = b; i < e; i++)
		if (p[i] != '\t' && p[i] != '\n' && p[i] != '\r')
			u[k++] = p[i] == '\\' ? '/' : p[i];
	u[k] = '\0';
	bool ok = true;
	/* A scheme ("https:", "javascript:") takes the browser elsewhere. */
	size_t s = 0;
	if ((u[0] | 0x20) >= 'a' && (u[0] | 0x20) <= 'z') {
		while (u[s] && (((u[s] | 0x20) >= 'a' && (u[s] | 0x20) <= 'z') ||
				(u[s] >= '0' && u[s] <= '9') || strchr("+-.", u[s])))
			s++;
		if (u[s] == ':')
			ok = false;
	}
	/* A path-absolute reference: one slash, then anything but a second one (which would
	 * start a host). */
	if (u[0] != '/' || u[1] == '/')
		ok = false;
	free(u);
	return ok;
}

static void check(const char *p)
{
	bool got = local_path(p);
	if (got) {
		/* Checked first: these are what keeps the redirect on the site. */
		if (p[0] != '/' || p[1] == '/' || p[1] == '\\' || strchr(p, '\\') || !stays(p))
			__builtin_trap();
		for (const char *c = p; *c; c++)
			if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f || *c == '%' ||
			    *c == ':')
				__builtin_trap();
	}
	if (got != documented(p))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (local_path(NULL))
		__builtin_trap();
	char *s = malloc(size + 2);
	if (!s)
		return 0;
	s[0] = '/';
	memcpy(s + 1, data, size);
	s[size + 1] = '\0';
	check(s + 1);
	check(s);
	struct arena a;
	arena_init(&a);
	const char *v = url_decode(&a, (const char *)data, size);
	if (v)
		check(v);
	arena_release(&a);
	free(s);
	return 0;
}
