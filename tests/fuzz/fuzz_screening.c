/* fuzz_screening.c: a screening's validation and scoring (domain/screening.h) on hostile
 * input: the instrument, the language, the dates, the person's birth date, the SDQ's informant
 * and norms, the finding and its reason, item scores from raw bytes, indicator codes from
 * fields.
 *
 * The input is split at NUL bytes into fields. Properties: nothing crashes or leaks; what is
 * accepted keeps the rules: every item answered within 0..max; the total within the sum of
 * the items' maxima (or -1 where there is none); a band where the instrument has bands; the
 * positive flag 0 or 1 (the ILO forced-labour list: -1); the indicators known, once each, in
 * the instrument's order; an ILO instrument has a finding with a reason; the proposals fit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/person.h"
#include "domain/screening.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 12

static size_t item_index(const struct instrument *in, const char *code)
{
	for (size_t i = 0; i < in->nitems; i++)
		if (strcmp(in->items[i].code, code) == 0)
			return i;
	return (size_t)-1;
}

static void check(const struct screening *x)
{
	const struct instrument *in = instrument_find(x->instrument);
	if (!in)
		abort();
	const struct screen_result *r = &x->result;
	if (in->kind == SCREEN_SCORED) {
		int max = 0;
		if (x->answers.nscores != in->nitems)
			abort();
		for (size_t i = 0; i < in->nitems; i++) {
			if (x->answers.scores[i] < 0 || x->answers.scores[i] > in->items[i].max)
				abort();
			max += in->items[i].max;
		}
		if (r->total < 0 || r->total > max || (r->positive != 0 && r->positive != 1))
			abort();
		if (strcmp(in->code, "rhs15") != 0 && !r->band)
			abort();
	} else {
		size_t last = 0;
		for (size_t i = 0; i < x->answers.ncodes; i++) {
			size_t k = item_index(in, x->answers.codes[i]);
			if (k == (size_t)-1 || (i && k <= last))
				abort();
			last = k;
		}
		if (!x->finding || !x->finding_reason || !screening_finding_valid(x->finding))
			abort();
		if (r->total != -1 || r->positive > 1 || r->positive < -1)
			abort();
	}
	if (r->nreasons > SCREEN_REASONS_MAX || r->nalerts > SCREEN_ALERTS_MAX)
		abort();
	const char *prop[SCREEN_PROPOSALS_MAX];
	if (screening_proposals(in, r, x->finding, prop) > SCREEN_PROPOSALS_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = malloc(size + 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	const char *f[FIELDS] = { 0 };
	size_t n = 0;
	for (size_t i = 0; i <= size && n < FIELDS; i++) {
		f[n++] = buf + i;
		while (i < size && buf[i])
			i++;
	}
	struct arena a;
	arena_init(&a);
	/* The first byte picks the instrument (or a field names one). */
	const struct instrument *in =
	    size ? instrument_at(data[0] % instrument_count()) : instrument_at(0);
	struct person p = { .birth_date = f[1] };
	struct screening x = { .instrument = data[0] & 0x80 && f[2] ? f[2] : in->code,
			       .lang = f[3],
			       .screened_on = f[4],
			       .finding = f[5],
			       .finding_reason = f[6] };
	x.answers.informant = f[7];
	x.answers.norm = f[8];
	/* Scores from the bytes of field 9 (small numbers around the range, and wild ones). */
	const char *s = f[9] ? f[9] : "";
	for (size_t i = 0; s[i] && x.answers.nscores < SCREEN_ITEMS_MAX; i++)
		x.answers.scores[x.answers.nscores++] = (unsigned char)s[i] < 200
							    ? (unsigned char)s[i] % 13 - 1
							    : (signed char)s[i] * 1000;
	/* Codes: fields 10 and 11, and the instrument's own codes picked by the bytes of field 9.
	 */
	for (size_t i = 10; i < FIELDS; i++)
		if (f[i])
			x.answers.codes[x.answers.ncodes++] = f[i];
	for (size_t i = 0; s[i] && x.answers.ncodes < SCREEN_ITEMS_MAX; i++)
		x.answers.codes[x.answers.ncodes++] =
		    in->items[(unsigned char)s[i] % in->nitems].code;
	struct field_errors e = { 0 };
	if (screening_record_validate(&a, &x, &p, "2026-11-26", &e) == 0)
		check(&x);
	arena_release(&a);
	free(buf);
	return 0;
}
