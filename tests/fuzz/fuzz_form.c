/* fuzz_form.c: urlencoded form bodies and URL components (http/form.c). */
#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "http/request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena a;
	arena_init(&a);
	struct form f;
	if (form_parse(&a, (const char *)data, size, &f) == 0) {
		/* Whatever was accepted is text that a page may show. */
		for (size_t i = 0; i < f.n; i++) {
			if (!utf8_valid_text(f.f[i].name, strlen(f.f[i].name)) ||
			    !utf8_valid_text(f.f[i].value, strlen(f.f[i].value)))
				__builtin_trap();
		}
	}
	url_decode(&a, (const char *)data, size);
	arena_release(&a);
	return 0;
}
