/* fuzz_casework.c: the validation of what a case's forms and bodies carry (a needs
 * assessment, a decision on a proposal, a goal, a task, a review, a case's change) and the
 * recommendation engine, on hostile strings.
 *
 * The input is split at NUL bytes into fields that fill the records. Properties: nothing
 * crashes or leaks; a validated assessment holds every need once, in the list's order, each
 * urgency within 0..3; an accepted decision carries its rule's codes and a rejected one none;
 * every proposal's reasons hold for the facts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/casework.h"
#include "domain/recommend.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 12

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

	/* An assessment: pairs of (need, urgency digit). */
	struct assessment x = { .assessed_on = f[5], .summary = f[2] };
	for (size_t i = 0; i + 1 < n && x.n < NEEDS_MAX; i += 2)
		x.needs[x.n++] = (struct need_score){ .need = f[i],
						      .urgency = f[i + 1] ? f[i + 1][0] - '0' : 0,
						      .note = f[2] };
	struct field_errors e = { 0 };
	if (assessment_validate(&a, &x, f[5], today, &e) == 0) {
		for (size_t i = 0; i < x.n; i++)
			if (need_index(x.needs[i].need) != (int)i || x.needs[i].urgency < 0 ||
			    x.needs[i].urgency > URGENCY_MAX)
				__builtin_trap();
	}

	/* The engine on facts from the input. */
	struct rec_rule rules[2] = {
		{ .id = 1,
		  .category = f[3],
		  .need = f[0],
		  .min_urgency = 2,
		  .active = true,
		  .function = "adaptation",
		  .means = "individual",
		  .service_kind = "information",
		  .form = "individual",
		  .label_kk = "a",
		  .label_ru = "b",
		  .label_en = "c" },
		{ .id = 2,
		  .legal_status = f[4],
		  .active = true,
		  .function = f[7],
		  .means = "individual",
		  .service_kind = "information",
		  .form = f[7],
		  .label_kk = f[2],
		  .label_ru = f[2],
		  .label_en = f[2] },
	};
	struct rec_facts facts = { .categories = { f[3] ? f[3] : "" },
				   .ncategories = 1,
				   .legal_status = f[4],
				   .lang_kk = f[4],
				   .lang_ru = f[3] };
	struct rec_proposal p[4];
	size_t np = recommend(rules, 2, &facts, p, 4);
	for (size_t i = 0; i < np; i++)
		for (size_t j = 0; j < p[i].nreasons; j++)
			if (p[i].reasons[j].kind == REASON_NEED &&
			    (p[i].reasons[j].urgency < p[i].rule->min_urgency ||
			     p[i].reasons[j].urgency > URGENCY_MAX))
				__builtin_trap();
	e = (struct field_errors){ 0 };
	rec_rule_validate(&a, &rules[1], &e);

	/* A decision on the first rule. */
	struct rec_decision d = { .decision = f[6], .form = f[7], .note = f[2] };
	e = (struct field_errors){ 0 };
	if (rec_decision_validate(&a, &rules[0], &d, &e) == 0) {
		if (strcmp(d.decision, "accepted") == 0 && d.form != rules[0].form)
			__builtin_trap();
		if (strcmp(d.decision, "rejected") == 0 && d.form)
			__builtin_trap();
	}

	/* A goal, a task, a review, a note, a case's change. */
	struct plan_goal g = { .title = f[2], .form = f[7], .status = f[6] };
	e = (struct field_errors){ 0 };
	plan_goal_validate(&a, &g, &e);
	struct plan_task t = { .title = f[2], .due_on = f[5], .responsible_id = 1 };
	e = (struct field_errors){ 0 };
	plan_task_validate(&a, &t, f[5], &e);
	struct case_review rv = { .reviewed_on = f[5], .note = f[2] };
	e = (struct field_errors){ 0 };
	case_review_validate(&a, &rv, "2026-01-01", today, &e);
	struct case_note note = { .text = f[2], .noted_on = f[5] };
	e = (struct field_errors){ 0 };
	case_validate_note(&a, &note, "2026-01-01", today, &e);
	struct case_rec old = { .status = "open", .opened_on = "2026-01-01" };
	struct case_rec k = old;
	k.status = f[6];
	k.closing_reason = f[0];
	k.outcome = f[2];
	k.closed_on = f[5];
	k.opening_reason = f[2];
	e = (struct field_errors){ 0 };
	case_validate_change(&a, &old, &k, today, &e);

	arena_release(&a);
	free(buf);
	return 0;
}
