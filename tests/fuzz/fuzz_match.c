/* fuzz_match.c: a search box's query and stored names through the matcher (domain/match.c):
 * tokens are lower-case ASCII letters and digits, keys parse back to the same tokens, and
 * every score is within 0..100. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_token(const char *t)
{
	if (!*t || strlen(t) > MATCH_TOKEN_MAX)
		__builtin_trap();
	for (const char *p = t; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p)))
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	struct arena a;
	arena_init(&a);

	struct match_query q;
	match_query_parse(&a, in, &q);
	for (size_t i = 0; i < q.names.n; i++)
		check_token(q.names.tok[i]);

	/* The input as stored names (with "|" between spellings), and as a person's. */
	struct match_names m;
	match_names_of(&a, in, true, &m);
	for (size_t i = 0; i < m.n; i++)
		check_token(m.tok[i]);
	struct person p = { .family_name = in, .given_name = in, .name_original = in };
	const char *key = match_person_key(&a, &p);
	struct match_names back;
	match_key_parse(&a, key, &back);
	for (size_t i = 0; i < back.n; i++) {
		check_token(back.tok[i]);
		if (strlen(back.sound[i]) > 2 * MATCH_TOKEN_MAX)
			__builtin_trap();
	}

	struct match_result r = match_score(&q, &m, in, size % 2);
	if (r.score < 0 || r.score > 100)
		__builtin_trap();
	r = match_score(&q, &back, "1990-05-12", false);
	if (r.score < 0 || r.score > 100)
		__builtin_trap();
	double j = match_jaro_winkler(in, key);
	if (!(j >= 0 && j <= 1))
		__builtin_trap();

	arena_release(&a);
	free(in);
	return 0;
}
