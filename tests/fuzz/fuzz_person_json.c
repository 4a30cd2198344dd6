/* fuzz_person_json.c: a JSON body applied to a person and validated (api/json.c,
 * domain/person.c), then written back as JSON and HTML as the pages would. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/buf.h"
#include "domain/person.h"
#include "web/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t e;
	json_t *in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &e);
	if (!in || !json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	struct req r = { 0 };
	arena_init(&r.arena);
	r.lang = "en";
	struct person p = { 0 };
	struct field_errors errs = { 0 };
	api_person_apply(&r, in, &p, &errs);
	json_decref(in);
	if (!errs.n)
		person_validate(&r.arena, &p, "2026-11-25", &errs);
	json_t *out = api_person_json(&r, &p);
	char *s = json_dumps(out, JSON_COMPACT);
	free(s);
	json_decref(out);
	/* The HTML writer must never let a value out of its quotes. */
	struct buf b;
	buf_init(&b, 1 << 20);
	struct html h = { .out = &b, .lang = "en" };
	html(&h, "<input value=\"%s\"><a href=\"/x?q=%u\">%s</a>", p.family_name, p.given_name,
	     p.patronymic);
	/* Every quote in the output is one of the format's own four. */
	size_t quotes = 0;
	for (size_t j = 0; j < b.len; j++)
		quotes += b.data[j] == '"';
	if (quotes != 4 || memchr(b.data, '<', b.len) != b.data)
		__builtin_trap();
	buf_release(&b);
	arena_release(&r.arena);
	return 0;
}
