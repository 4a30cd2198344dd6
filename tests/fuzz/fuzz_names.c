/* fuzz_names.c: normalisation and transliteration of names (domain/names.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "domain/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	size_t cap = size * 11 + 16;
	char *out = malloc(cap);
	if (out) {
		bool approx;
		int (*fns[])(const char *, char *, size_t) = { names_fold, names_passport,
							       names_key };
		for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
			int n = fns[i](in, out, cap);
			if (n >= 0 && (size_t)n != strlen(out))
				__builtin_trap();
		}
		int n = names_latin2021(in, out, cap, &approx);
		if (n >= 0 && (size_t)n != strlen(out))
			__builtin_trap();
		/* A key is a fixed point: keying it again changes nothing. */
		if (names_key(in, out, cap) >= 0) {
			char *again = malloc(cap);
			if (again && names_key(out, again, cap) >= 0 && strcmp(out, again) != 0)
				__builtin_trap();
			free(again);
		}
		/* Tiny buffers must fail cleanly. */
		char small[4];
		names_key(in, small, sizeof(small));
	}
	free(out);
	free(in);
	return 0;
}
