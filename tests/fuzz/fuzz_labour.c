/* fuzz_labour.c: the validation of labour records and integration reviews (issue 8) on
 * hostile strings, and the rules they feed: employers, vacancies, skills, employments, the
 * minimum wage, an alert's resolution; a review's domains.
 *
 * The input is split at NUL bytes into fields (a field's first bytes also make numbers).
 * Properties: nothing crashes or leaks; what a validation accepts keeps its rules: an
 * employment's hours are 1..168 and its wage 0..LABOUR_WAGE_MAX, its alerts at most one per
 * kind; the threshold is never above the minimum; a vacancy's places are at least one; a
 * review has one to fourteen known domains, each once, each status 1..4. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/integration.h"
#include "domain/labour.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 14

static int64_t num(const char *f)
{
	int64_t v = 0;
	for (size_t i = 0; f && f[i] && i < 7; i++)
		v = v * 251 + (unsigned char)f[i];
	return f && f[0] == '-' ? -v : v;
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
	const char *today = "2026-11-26";
	struct arena a;
	arena_init(&a);
	struct field_errors e = { 0 };

	struct employer er = {
		.name = f[0], .bin = f[1], .region = f[2], .phone = f[3], .note = f[4]
	};
	employer_validate(&a, &er, &e);

	e = (struct field_errors){ 0 };
	struct vacancy v = { .employer_id = num(f[5]),
			     .title = f[0],
			     .occupation = f[6],
			     .region = f[2],
			     .wage = num(f[7]),
			     .hours_per_week = num(f[8]),
			     .languages = f[9],
			     .places = num(f[10]),
			     .opened_on = f[11],
			     .closes_on = f[12],
			     .status = f[13] };
	if (vacancy_validate(&a, &v, today, &e) == 0 && v.places < 1)
		abort();

	e = (struct field_errors){ 0 };
	struct person_skill s = { .person_id = 1,
				  .kind = f[13],
				  .occupation = f[6],
				  .level = f[9],
				  .title = f[0],
				  .place = f[4],
				  .from_year = num(f[7]),
				  .to_year = num(f[8]) };
	person_skill_validate(&a, &s, today, &e);

	e = (struct field_errors){ 0 };
	struct employment em = { .person_id = 1,
				 .employer_id = num(f[5]),
				 .employer_name = f[1],
				 .job_title = f[0],
				 .occupation = f[6],
				 .region = f[2],
				 .wage = num(f[7]),
				 .hours_per_week = num(f[8]),
				 .started_on = f[11],
				 .ended_on = f[12],
				 .contract = f[13],
				 .documents_held_by = f[9],
				 .note = f[4] };
	if (employment_validate(&a, &em, today, &e) == 0) {
		if (em.hours_per_week < 1 || em.hours_per_week > LABOUR_HOURS_MAX || em.wage < 0 ||
		    em.wage > LABOUR_WAGE_MAX)
			abort();
		int64_t min = num(f[10]) % 100000000;
		min = min < 0 ? -min : min;
		struct labour_finding out[LABOUR_ALERT_KINDS];
		size_t k = employment_alerts(&a, &em, min, 40, out);
		if (k > LABOUR_ALERT_KINDS)
			abort();
		for (size_t i = 0; i < k; i++)
			for (size_t j = i + 1; j < k; j++)
				if (strcmp(out[i].kind, out[j].kind) == 0)
					abort();
		if (labour_wage_threshold(min, em.hours_per_week, 40) > min)
			abort();
	}

	e = (struct field_errors){ 0 };
	struct minimum_wage m = { .valid_from = f[11], .amount = num(f[7]) };
	minimum_wage_validate(&a, &m, &e);
	const char *resolution = f[4];
	e = (struct field_errors){ 0 };
	labour_resolution_validate(&a, &resolution, &e);

	/* A review: the domains named by fields 0..6, statuses from field 7's bytes. */
	e = (struct field_errors){ 0 };
	struct integration_review x = {
		.person_id = 1, .kind = f[13], .reviewed_on = f[11], .note = f[4]
	};
	const char *st = f[7] ? f[7] : "";
	for (size_t i = 0; i < 7 && x.nscores < INTEGRATION_DOMAINS_N; i++)
		if (f[i])
			x.scores[x.nscores++] = (struct integration_score){
				.domain = f[i],
				.status = st[i % (strlen(st) + 1)] % 7 - 1,
				.indicator = f[8],
				.evidence = f[9],
			};
	if (integration_review_validate(&a, &x, NULL, today, &e) == 0) {
		if (x.nscores < 1 || x.nscores > INTEGRATION_DOMAINS_N)
			abort();
		for (size_t i = 0; i < x.nscores; i++) {
			if (integration_domain_index(x.scores[i].domain) < 0 ||
			    x.scores[i].status < 1 || x.scores[i].status > 4)
				abort();
			for (size_t j = i + 1; j < x.nscores; j++)
				if (strcmp(x.scores[i].domain, x.scores[j].domain) == 0)
					abort();
		}
	}
	arena_release(&a);
	free(buf);
	return 0;
}
