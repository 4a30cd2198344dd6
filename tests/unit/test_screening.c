/* test_screening.c: screening instruments (domain/screening.h) against their published scoring
 * (../shared/instruments.md §1–2): the RHS-15 and RHS-13 cut-offs, every PHQ-9 and GAD-7 band
 * edge, the SDQ's reverse scoring and norm sets, the ILO forced-labour checklist, the ILO–EC
 * dimension rule and definition of trafficking; validation, proposals, access, and the tables
 * themselves. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/screening.h"

#include "base/banned.h"

/* The arena of the whole run: validation leaves trimmed strings in it that the answers keep. */
static struct arena arena;

static int setup(void **state)
{
	(void)state;
	arena_init(&arena);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&arena);
	return 0;
}

/* Validates (which must pass) and scores. */
static void score_valid(const struct instrument *in, struct screen_answers *ans,
			struct screen_result *r)
{
	struct field_errors e = { 0 };
	assert_int_equal(screening_validate(&arena, in, ans, &e), 0);
	assert_int_equal(e.n, 0);
	screening_score(in, ans, r);
}

/* The reasons joined with commas, for comparing with a table. */
static const char *joined(const char *const *list, size_t n, char *buf, size_t size)
{
	buf[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + len, size - len, "%s%s", i ? "," : "", list[i]);
		assert_true(w >= 0 && (size_t)w < size - len);
		len += (size_t)w;
	}
	return buf;
}

static const struct instrument *find(const char *code)
{
	const struct instrument *in = instrument_find(code);
	assert_non_null(in);
	return in;
}

/* Fills items first..last (1-based) with scores adding up to sum, each at most max. */
static void spread(struct screen_answers *ans, int first, int last, int max, int sum)
{
	for (int i = first; i <= last; i++) {
		int v = sum < max ? sum : max;
		ans->scores[i - 1] = v;
		sum -= v;
	}
	assert_int_equal(sum, 0);
}

static void test_rhs15(void **state)
{
	(void)state;
	const struct instrument *in = find("rhs15");
	assert_int_equal(in->nitems, 15);
	static const struct {
		int rhs13, item14, thermometer; /* the sum of items 1–13, item 14, item 15 */
		int total, positive;
		const char *reasons, *conclusion;
	} cases[] = {
		{ 10, 1, 4, 11, 0, "", "rhs13_negative" },
		{ 10, 2, 4, 12, 1, "rhs15_sum", "rhs13_negative" },
		{ 11, 0, 4, 11, 0, "", "rhs13_positive" },
		{ 11, 1, 0, 12, 1, "rhs15_sum", "rhs13_positive" },
		{ 0, 0, 5, 0, 1, "rhs15_thermometer", "rhs13_negative" },
		{ 0, 4, 4, 4, 0, "", "rhs13_negative" },
		{ 11, 1, 5, 12, 1, "rhs15_sum,rhs15_thermometer", "rhs13_positive" },
		{ 52, 4, 10, 56, 1, "rhs15_sum,rhs15_thermometer", "rhs13_positive" },
		{ 0, 0, 0, 0, 0, "", "rhs13_negative" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { .nscores = 15 };
		spread(&ans, 1, 13, 4, cases[i].rhs13);
		ans.scores[13] = cases[i].item14;
		ans.scores[14] = cases[i].thermometer;
		struct screen_result r;
		score_valid(in, &ans, &r);
		char buf[200];
		assert_int_equal(r.total, cases[i].total);
		assert_int_equal(r.positive, cases[i].positive);
		assert_string_equal(joined(r.reasons, r.nreasons, buf, sizeof(buf)),
				    cases[i].reasons);
		assert_string_equal(r.conclusion, cases[i].conclusion);
		assert_null(r.band);
		assert_int_equal(r.nalerts, 0);
	}
}

static void test_phq9(void **state)
{
	(void)state;
	const struct instrument *in = find("phq9");
	assert_int_equal(in->nitems, 9);
	assert_int_equal(in->scale_max, 3);
	static const struct {
		int total;
		const char *band;
		int positive;
	} cases[] = {
		{ 0, "minimal", 0 },
		{ 4, "minimal", 0 },
		{ 5, "mild", 0 },
		{ 9, "mild", 0 },
		{ 10, "moderate", 1 },
		{ 14, "moderate", 1 },
		{ 15, "moderately_severe", 1 },
		{ 19, "moderately_severe", 1 },
		{ 20, "severe", 1 },
		{ 24, "severe", 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		/* Items 1–8 only: item 9 stays 0, so no alert. */
		struct screen_answers ans = { .nscores = 9 };
		spread(&ans, 1, 8, 3, cases[i].total);
		struct screen_result r;
		score_valid(in, &ans, &r);
		assert_int_equal(r.total, cases[i].total);
		assert_string_equal(r.band, cases[i].band);
		assert_int_equal(r.positive, cases[i].positive);
		assert_int_equal(r.nreasons, (size_t)cases[i].positive);
		if (cases[i].positive)
			assert_string_equal(r.reasons[0], "total_10_or_more");
		assert_int_equal(r.nalerts, 0);
		assert_null(r.conclusion);
	}
	/* The highest total, item 9 included: severe, and the alert. */
	struct screen_answers all = { .nscores = 9 };
	spread(&all, 1, 9, 3, 27);
	struct screen_result r;
	score_valid(in, &all, &r);
	assert_int_equal(r.total, 27);
	assert_string_equal(r.band, "severe");
	assert_int_equal(r.nalerts, 1);
	/* Item 9 alone at 1: minimal, negative, but the safety alert. */
	struct screen_answers item9 = { .nscores = 9, .scores = { [8] = 1 } };
	score_valid(in, &item9, &r);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.band, "minimal");
	assert_int_equal(r.positive, 0);
	assert_int_equal(r.nreasons, 0);
	assert_int_equal(r.nalerts, 1);
	assert_string_equal(r.alerts[0], "phq9_item9");
}

static void test_gad7(void **state)
{
	(void)state;
	const struct instrument *in = find("gad7");
	assert_int_equal(in->nitems, 7);
	static const struct {
		int total;
		const char *band;
		int positive;
	} cases[] = {
		{ 0, "minimal", 0 }, { 4, "minimal", 0 },   { 5, "mild", 0 },
		{ 9, "mild", 0 },    { 10, "moderate", 1 }, { 14, "moderate", 1 },
		{ 15, "severe", 1 }, { 21, "severe", 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { .nscores = 7 };
		spread(&ans, 1, 7, 3, cases[i].total);
		struct screen_result r;
		score_valid(in, &ans, &r);
		assert_int_equal(r.total, cases[i].total);
		assert_string_equal(r.band, cases[i].band);
		assert_int_equal(r.positive, cases[i].positive);
		assert_int_equal(r.nreasons, (size_t)cases[i].positive);
		if (cases[i].positive)
			assert_string_equal(r.reasons[0], "total_10_or_more");
		assert_int_equal(r.nalerts, 0);
	}
}

/* SDQ answers (raw, as ticked) whose total difficulties score is total: every difficulty at
 * its lowest (the reversed items ticked "certainly true"), then raised item by item. */
static void sdq_for_total(const struct instrument *in, struct screen_answers *ans, int total)
{
	ans->nscores = in->nitems;
	for (size_t i = 0; i < in->nitems; i++)
		ans->scores[i] = in->items[i].reversed ? 2 : 0;
	for (size_t i = 0; i < in->nitems && total > 0; i++) {
		const struct screen_item *it = &in->items[i];
		if (strcmp(in->groups[it->group - 1].code, "prosocial") == 0)
			continue;
		int step = total < 2 ? total : 2;
		ans->scores[i] = it->reversed ? 2 - step : step;
		total -= step;
	}
	assert_int_equal(total, 0);
}

static void test_sdq_scoring(void **state)
{
	(void)state;
	const struct instrument *in = find("sdq");
	assert_int_equal(in->nitems, 25);
	assert_int_equal(in->ngroups, 5);
	assert_true(in->informant);
	/* Every answer "not true": only the reversed items score, 2 each. Items 7 (conduct), 11
	 * and 14 (peer problems), 21 and 25 (hyperactivity): conduct 2, hyperactivity 4, peer 4;
	 * the prosocial scale has no reversed item. */
	struct screen_answers ans = { .nscores = 25, .informant = "parent", .norm = "uk" };
	struct screen_result r;
	score_valid(in, &ans, &r);
	assert_int_equal(r.groups[0], 0); /* emotional */
	assert_int_equal(r.groups[1], 2); /* conduct */
	assert_int_equal(r.groups[2], 4); /* hyperactivity */
	assert_int_equal(r.groups[3], 4); /* peer problems */
	assert_int_equal(r.groups[4], 0); /* prosocial */
	assert_int_equal(r.total, 10);
	assert_string_equal(r.band, "normal");
	assert_int_equal(r.positive, 0);
	/* Every answer "certainly true": emotional 10, conduct 8, hyperactivity 6, peer 6,
	 * prosocial 10 (not in the total). */
	for (int i = 0; i < 25; i++)
		ans.scores[i] = 2;
	score_valid(in, &ans, &r);
	assert_int_equal(r.groups[0], 10);
	assert_int_equal(r.groups[1], 8);
	assert_int_equal(r.groups[2], 6);
	assert_int_equal(r.groups[3], 6);
	assert_int_equal(r.groups[4], 10);
	assert_int_equal(r.total, 30);
	assert_string_equal(r.band, "abnormal");
	assert_int_equal(r.positive, 1);
	assert_int_equal(r.nreasons, 1);
	assert_string_equal(r.reasons[0], "abnormal");
	/* The prosocial scale moves no total. */
	sdq_for_total(in, &ans, 0);
	score_valid(in, &ans, &r);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.groups[4], 0);
	static const int prosocial[] = { 1, 4, 9, 17, 20 };
	for (size_t i = 0; i < ARRAY_SIZE(prosocial); i++)
		ans.scores[prosocial[i] - 1] = 2;
	score_valid(in, &ans, &r);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.groups[4], 10);
	sdq_for_total(in, &ans, 40);
	score_valid(in, &ans, &r);
	assert_int_equal(r.total, 40);
}

static void test_sdq_norms(void **state)
{
	(void)state;
	const struct instrument *in = find("sdq");
	static const struct {
		const char *informant, *norm;
		int total;
		const char *band;
		int positive;
	} cases[] = {
		{ "parent", "uk", 0, "normal", 0 },
		{ "parent", "uk", 13, "normal", 0 },
		{ "parent", "uk", 14, "borderline", 0 },
		{ "parent", "uk", 16, "borderline", 0 },
		{ "parent", "uk", 17, "abnormal", 1 },
		{ "parent", "uk", 40, "abnormal", 1 },
		{ "teacher", "uk", 0, "close_to_average", 0 },
		{ "teacher", "uk", 11, "close_to_average", 0 },
		{ "teacher", "uk", 12, "slightly_raised", 0 },
		{ "teacher", "uk", 15, "slightly_raised", 0 },
		{ "teacher", "uk", 16, "high", 1 },
		{ "teacher", "uk", 18, "high", 1 },
		{ "teacher", "uk", 19, "very_high", 1 },
		{ "teacher", "uk", 40, "very_high", 1 },
		{ "parent", "mn", 16, "normal", 0 },
		{ "parent", "mn", 17, "borderline", 0 },
		{ "parent", "mn", 19, "borderline", 0 },
		{ "parent", "mn", 20, "abnormal", 1 },
		{ "parent", "mn", 40, "abnormal", 1 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { .informant = cases[i].informant,
					      .norm = cases[i].norm };
		sdq_for_total(in, &ans, cases[i].total);
		struct screen_result r;
		score_valid(in, &ans, &r);
		assert_int_equal(r.total, cases[i].total);
		assert_string_equal(r.band, cases[i].band);
		assert_int_equal(r.positive, cases[i].positive);
		assert_int_equal(r.nreasons, 1);
		assert_string_equal(r.reasons[0], cases[i].band);
	}
	/* The tables as instruments.md gives them. */
	assert_int_equal(sdq_norm_count(), 3);
	const struct sdq_norm *n = sdq_norm_find("parent", "uk");
	assert_non_null(n);
	assert_int_equal(n->nbands, 3);
	assert_int_equal(n->from[1], 14);
	assert_int_equal(n->from[2], 17);
	n = sdq_norm_find("teacher", "uk");
	assert_non_null(n);
	assert_int_equal(n->nbands, 4);
	assert_int_equal(n->from[1], 12);
	assert_int_equal(n->from[2], 16);
	assert_int_equal(n->from[3], 19);
	n = sdq_norm_find("parent", "mn");
	assert_non_null(n);
	assert_int_equal(n->from[1], 17);
	assert_int_equal(n->from[2], 20);
	assert_null(sdq_norm_find("self", "uk"));
	assert_null(sdq_norm_find("teacher", "mn"));
	assert_null(sdq_norm_find(NULL, "uk"));
	for (size_t i = 0; i < sdq_norm_count(); i++) {
		n = sdq_norm_at(i);
		assert_non_null(n->name);
		assert_int_equal(n->from[0], 0);
		for (int b = 1; b < n->nbands; b++)
			assert_true(n->from[b] > n->from[b - 1]);
	}
	assert_null(sdq_norm_at(sdq_norm_count()));
}

static void test_forced_labour(void **state)
{
	(void)state;
	const struct instrument *in = find("ilo_forced_labour");
	assert_int_equal(in->kind, SCREEN_CHECKLIST);
	assert_true(in->finding);
	assert_false(in->mental);
	struct screen_answers ans = {
		.codes = { " debt_bondage ", "deception", "debt_bondage", "", "\tisolation\n", NULL,
			   "abuse_of_vulnerability" },
		.ncodes = 7,
	};
	struct screen_result r;
	score_valid(in, &ans, &r);
	char buf[300];
	assert_string_equal(joined(ans.codes, ans.ncodes, buf, sizeof(buf)),
			    "abuse_of_vulnerability,deception,isolation,debt_bondage");
	assert_string_equal(joined(r.reasons, r.nreasons, buf, sizeof(buf)),
			    "abuse_of_vulnerability,deception,isolation,debt_bondage");
	assert_int_equal(r.total, -1);
	assert_int_equal(r.positive, -1);
	assert_null(r.band);
	assert_null(r.conclusion);
	/* Nothing observed is an answer too. */
	struct screen_answers none = { .ncodes = 0 };
	score_valid(in, &none, &r);
	assert_int_equal(r.nreasons, 0);
	assert_int_equal(r.positive, -1);
	/* Every indicator: the eleven, in the ILO's order. */
	static const char *const eleven[] = {
		"abuse_of_vulnerability",
		"deception",
		"restriction_of_movement",
		"isolation",
		"physical_and_sexual_violence",
		"intimidation_and_threats",
		"retention_of_identity_documents",
		"withholding_of_wages",
		"debt_bondage",
		"abusive_working_and_living_conditions",
		"excessive_overtime",
	};
	assert_int_equal(in->nitems, ARRAY_SIZE(eleven));
	struct screen_answers all = { .ncodes = ARRAY_SIZE(eleven) };
	for (size_t i = 0; i < ARRAY_SIZE(eleven); i++) {
		assert_string_equal(in->items[i].code, eleven[i]);
		all.codes[ARRAY_SIZE(eleven) - 1 - i] = eleven[i];
	}
	score_valid(in, &all, &r);
	assert_int_equal(r.nreasons, ARRAY_SIZE(eleven));
	for (size_t i = 0; i < ARRAY_SIZE(eleven); i++)
		assert_string_equal(r.reasons[i], eleven[i]);
}

/* The codes of the first n indicators of grade g in dimension group (1-based) of the ILO–EC
 * list, appended to ans; false if the dimension has fewer. */
static bool pick(const struct instrument *in, int group, char g, int n, struct screen_answers *ans)
{
	for (size_t i = 0; i < in->nitems && n > 0; i++)
		if (in->items[i].group == group && in->items[i].grade == g) {
			ans->codes[ans->ncodes++] = in->items[i].code;
			n--;
		}
	return n == 0;
}

/* The published rule, for the exhaustive check below. */
static bool rule(int s, int m, int w)
{
	return s >= 2 || (s >= 1 && m + w >= 1) || m >= 3 || (m >= 2 && w >= 1);
}

static void test_trafficking_dimension_rule(void **state)
{
	(void)state;
	const struct instrument *in = find("ilo_ec_trafficking");
	/* Coercion at destination (5) has strong, medium and weak indicators. */
	static const struct {
		int s, m, w, positive;
	} cases[] = {
		{ 2, 0, 0, 1 }, /* two strong */
		{ 1, 0, 1, 1 }, /* one strong and one weak */
		{ 1, 1, 0, 1 }, /* one strong and one medium */
		{ 0, 3, 0, 1 }, /* three medium */
		{ 0, 2, 1, 1 }, /* two medium and one weak */
		{ 0, 2, 0, 0 }, /* two medium alone */
		{ 1, 0, 0, 0 }, /* one strong alone */
		{ 0, 1, 1, 0 }, /* one medium and one weak */
		{ 0, 0, 1, 0 }, /* one weak */
		{ 0, 0, 0, 0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { 0 };
		assert_true(pick(in, 5, 's', cases[i].s, &ans));
		assert_true(pick(in, 5, 'm', cases[i].m, &ans));
		assert_true(pick(in, 5, 'w', cases[i].w, &ans));
		struct screen_result r;
		score_valid(in, &ans, &r);
		assert_int_equal(r.groups[4], cases[i].positive);
		for (int g = 0; g < 6; g++)
			if (g != 4)
				assert_int_equal(r.groups[g], 0);
	}
	/* Three weak: negative. No dimension of the adult labour list has three weak indicators,
	 * so two weak of recruitment by abuse of vulnerability stand for it. */
	struct screen_answers weak = { 0 };
	assert_true(pick(in, 3, 'w', 2, &weak));
	struct screen_result r;
	score_valid(in, &weak, &r);
	assert_int_equal(r.groups[2], 0);
	/* Every combination each dimension allows (up to 3 of a grade), against the rule. */
	for (int g = 1; g <= 6; g++)
		for (int s = 0; s <= 3; s++)
			for (int m = 0; m <= 3; m++)
				for (int w = 0; w <= 3; w++) {
					struct screen_answers ans = { 0 };
					if (!pick(in, g, 's', s, &ans) ||
					    !pick(in, g, 'm', m, &ans) ||
					    !pick(in, g, 'w', w, &ans))
						continue;
					score_valid(in, &ans, &r);
					assert_int_equal(r.groups[g - 1], rule(s, m, w));
				}
}

static void test_trafficking_conclusion(void **state)
{
	(void)state;
	const struct instrument *in = find("ilo_ec_trafficking");
	static const struct {
		bool child;
		const char *codes[8];
		const char *groups; /* per dimension */
		const char *reasons, *conclusion;
		int positive;
	} cases[] = {
		/* Deceived (strong + medium), exploited (strong + medium), documents and debt
		 * (two strong): the adult definition. */
		{ false,
		  { "dr_nature_of_job", "dr_wages", "ec_excessive_hours", "ec_low_or_no_salary",
		    "cd_confiscation_of_documents", "cd_debt_bondage" },
		  "100110",
		  "deceptive_recruitment,exploitative_conditions,coercion_at_destination",
		  "trafficking",
		  1 },
		/* Recruitment by abuse of vulnerability and abuse of vulnerability at destination
		 * (three medium each) with exploitation. */
		{ false,
		  { "rv_illegal_status", "rv_economic_reasons", "rv_family_situation",
		    "ec_excessive_hours", "ec_hazardous_work", "vd_dependency_on_exploiters",
		    "vd_unknown_area", "vd_economic_reasons" },
		  "001101",
		  "recruitment_abuse_of_vulnerability,exploitative_conditions,"
		  "abuse_of_vulnerability_at_destination",
		  "trafficking",
		  1 },
		/* Coercive recruitment (violence, strong, and a threat, medium). */
		{ false,
		  { "cr_violence", "cr_threat_of_violence", "ec_excessive_hours",
		    "ec_wage_manipulation", "cd_violence", "cd_isolation" },
		  "010110",
		  "coercive_recruitment,exploitative_conditions,coercion_at_destination",
		  "trafficking",
		  1 },
		/* Exploitation alone: an exploited worker. */
		{ false,
		  { "ec_excessive_hours", "ec_no_access_to_education" },
		  "000100",
		  "exploitative_conditions",
		  "exploited_worker",
		  0 },
		/* Deceived and exploited, free at destination: not the adult definition. */
		{ false,
		  { "dr_nature_of_job", "dr_housing", "ec_bad_living_conditions",
		    "ec_very_bad_working_conditions", "ec_low_or_no_salary" },
		  "100100",
		  "deceptive_recruitment,exploitative_conditions",
		  "exploited_worker",
		  0 },
		/* Exploited and coerced, no recruitment dimension. */
		{ false,
		  { "ec_excessive_hours", "ec_hazardous_work", "cd_debt_bondage",
		    "cd_withholding_of_wages" },
		  "000110",
		  "exploitative_conditions,coercion_at_destination",
		  "exploited_worker",
		  0 },
		/* Means without exploitation. */
		{ false,
		  { "dr_nature_of_job", "dr_wages", "cd_confiscation_of_documents",
		    "cd_debt_bondage" },
		  "100010",
		  "deceptive_recruitment,coercion_at_destination",
		  "not_met",
		  0 },
		{ false, { NULL }, "000000", "", "not_met", 0 },
		/* A child: exploitation suffices, no means required. */
		{ true,
		  { "ec_excessive_hours", "ec_hazardous_work" },
		  "000100",
		  "exploitative_conditions",
		  "trafficking",
		  1 },
		{ true,
		  { "ec_excessive_hours", "dr_nature_of_job", "dr_wages" },
		  "100000",
		  "deceptive_recruitment",
		  "not_met",
		  0 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { .child = cases[i].child };
		for (size_t k = 0; k < 8 && cases[i].codes[k]; k++)
			ans.codes[ans.ncodes++] = cases[i].codes[k];
		struct screen_result r;
		score_valid(in, &ans, &r);
		char groups[7] = { 0 };
		for (int g = 0; g < 6; g++)
			groups[g] = (char)('0' + r.groups[g]);
		assert_string_equal(groups, cases[i].groups);
		char buf[300];
		assert_string_equal(joined(r.reasons, r.nreasons, buf, sizeof(buf)),
				    cases[i].reasons);
		assert_string_equal(r.conclusion, cases[i].conclusion);
		assert_int_equal(r.positive, cases[i].positive);
		assert_int_equal(r.total, -1);
		assert_null(r.band);
	}
}

static void test_validation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	const struct instrument *phq9 = find("phq9"), *rhs15 = find("rhs15"), *sdq = find("sdq"),
				*fl = find("ilo_forced_labour"), *ec = find("ilo_ec_trafficking");
	static const struct {
		const char *instrument;
		size_t nscores;
		int item, value; /* 1-based item set to value; 0 none */
		const char *field, *msg;
	} cases[] = {
		{ "phq9", 8, 0, 0, "answers", "Answer every item." },
		{ "phq9", 0, 0, 0, "answers", "Answer every item." },
		{ "phq9", 10, 0, 0, "answers", "Too many answers." },
		{ "phq9", 9, 3, 4, "answers.3", "Out of range for this item." },
		{ "phq9", 9, 1, -1, "answers.1", "Out of range for this item." },
		{ "phq9", 9, 9, 3, NULL, NULL },
		{ "gad7", 7, 7, 4, "answers.7", "Out of range for this item." },
		{ "rhs15", 15, 14, 5, "answers.14", "Out of range for this item." },
		{ "rhs15", 15, 15, 11, "answers.15", "Out of range for this item." },
		{ "rhs15", 15, 15, 10, NULL, NULL },
		{ "rhs15", 14, 0, 0, "answers", "Answer every item." },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct screen_answers ans = { .nscores = cases[i].nscores };
		if (cases[i].item)
			ans.scores[cases[i].item - 1] = cases[i].value;
		struct field_errors e = { 0 };
		int rc = screening_validate(&a, find(cases[i].instrument), &ans, &e);
		if (!cases[i].field) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, K_EINVAL);
		assert_int_equal(e.n, 1);
		assert_string_equal(e.e[0].field, cases[i].field);
		assert_string_equal(e.e[0].msg, cases[i].msg);
	}
	/* Two items out of range: each named. */
	struct screen_answers two = { .nscores = 15, .scores = { [0] = 5, [14] = 11 } };
	struct field_errors e = { 0 };
	assert_int_equal(screening_validate(&a, rhs15, &two, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "answers.1"));
	assert_non_null(field_error_for(&e, "answers.15"));
	assert_null(field_error_for(&e, "answers"));
	/* Too few answers, and one of them out of range. */
	struct screen_answers few = { .nscores = 2, .scores = { 0, 9 } };
	e = (struct field_errors){ 0 };
	assert_int_equal(screening_validate(&a, phq9, &few, &e), K_EINVAL);
	assert_string_equal(field_error_for(&e, "answers"), "Answer every item.");
	assert_non_null(field_error_for(&e, "answers.2"));
	/* The SDQ: a known informant and norm set, trimmed. */
	static const struct {
		const char *informant, *norm;
		bool ok;
	} norms[] = {
		{ "parent", "uk", true },   { " teacher ", "uk\n", true },
		{ "parent", "mn", true },   { "self", "uk", false },
		{ "teacher", "mn", false }, { NULL, "uk", false },
		{ "parent", NULL, false },  { "", "", false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(norms); i++) {
		struct screen_answers ans = { .nscores = 25,
					      .informant = norms[i].informant,
					      .norm = norms[i].norm };
		e = (struct field_errors){ 0 };
		int rc = screening_validate(&a, sdq, &ans, &e);
		if (norms[i].ok) {
			assert_int_equal(rc, 0);
			assert_non_null(sdq_norm_find(ans.informant, ans.norm));
		} else {
			assert_int_equal(rc, K_EINVAL);
			assert_string_equal(field_error_for(&e, "informant"),
					    "Choose who answered and the norms.");
			assert_string_equal(field_error_for(&e, "norm"),
					    "Choose who answered and the norms.");
		}
	}
	/* An SDQ answer of 3 is out of range (0..2). */
	struct screen_answers sdq3 = { .nscores = 25, .informant = "parent", .norm = "uk" };
	sdq3.scores[6] = 3;
	e = (struct field_errors){ 0 };
	assert_int_equal(screening_validate(&a, sdq, &sdq3, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "answers.7"));
	/* Checklists: an unknown code, or one of the other instrument. */
	const char *unknown[][2] = { { "deception", "slavery" },
				     { "dr_wages", "" },
				     { "deception ", "DECEPTION" } };
	for (size_t i = 0; i < ARRAY_SIZE(unknown); i++) {
		struct screen_answers ans = { .codes = { unknown[i][0], unknown[i][1] },
					      .ncodes = 2 };
		e = (struct field_errors){ 0 };
		assert_int_equal(screening_validate(&a, fl, &ans, &e), K_EINVAL);
		assert_string_equal(field_error_for(&e, "answers"), "Unknown indicator.");
	}
	struct screen_answers flcode = { .codes = { "deception" }, .ncodes = 1 };
	e = (struct field_errors){ 0 };
	assert_int_equal(screening_validate(&a, ec, &flcode, &e), K_EINVAL);
	assert_string_equal(field_error_for(&e, "answers"), "Unknown indicator.");
	/* Duplicates and blanks of the ILO–EC list: once each, in order. */
	struct screen_answers dup = {
		.codes = { "cd_debt_bondage", " dr_wages", "cd_debt_bondage", " ", "dr_wages" },
		.ncodes = 5,
	};
	e = (struct field_errors){ 0 };
	assert_int_equal(screening_validate(&a, ec, &dup, &e), 0);
	assert_int_equal(dup.ncodes, 2);
	assert_string_equal(dup.codes[0], "dr_wages");
	assert_string_equal(dup.codes[1], "cd_debt_bondage");
	arena_release(&a);
}

static void test_proposals(void **state)
{
	(void)state;
	const char *out[SCREEN_PROPOSALS_MAX];
	const struct instrument *phq9 = find("phq9"), *gad7 = find("gad7"), *rhs15 = find("rhs15"),
				*sdq = find("sdq"), *fl = find("ilo_forced_labour"),
				*ec = find("ilo_ec_trafficking");
	/* Mental-health screens: positive or an alert. */
	struct screen_result pos = { .positive = 1 }, neg = { .positive = 0 },
			     alert = { .positive = 0, .alerts = { "phq9_item9" }, .nalerts = 1 },
			     none = { .positive = -1 };
	const struct instrument *mental[] = { phq9, gad7, rhs15, sdq };
	for (size_t i = 0; i < ARRAY_SIZE(mental); i++) {
		assert_int_equal(screening_proposals(mental[i], &pos, NULL, out), 1);
		assert_string_equal(out[0], "psychologist_referral");
		assert_int_equal(screening_proposals(mental[i], &neg, NULL, out), 0);
		assert_int_equal(screening_proposals(mental[i], &neg, "likely", out), 0);
	}
	assert_int_equal(screening_proposals(phq9, &alert, NULL, out), 1);
	assert_string_equal(out[0], "psychologist_referral");
	/* From a real score: item 9 alone. */
	struct screen_answers item9 = { .nscores = 9, .scores = { [8] = 2 } };
	struct screen_result r;
	score_valid(phq9, &item9, &r);
	assert_int_equal(screening_proposals(phq9, &r, NULL, out), 1);
	/* The ILO instruments: the worker's finding decides, not the result. */
	static const char *const pathway[] = { "restrict_record", "accommodation",
					       "social_legal_service",
					       "social_psychological_service", "referral" };
	const struct instrument *ilo[] = { fl, ec };
	for (size_t i = 0; i < ARRAY_SIZE(ilo); i++) {
		size_t n = screening_proposals(ilo[i], &none, "likely", out);
		assert_int_equal(n, ARRAY_SIZE(pathway));
		for (size_t k = 0; k < n; k++)
			assert_string_equal(out[k], pathway[k]);
		assert_int_equal(screening_proposals(ilo[i], &pos, "unclear", out), 0);
		assert_int_equal(screening_proposals(ilo[i], &pos, "unlikely", out), 0);
		assert_int_equal(screening_proposals(ilo[i], &pos, NULL, out), 0);
	}
	/* Findings. */
	assert_true(screening_finding_valid("likely"));
	assert_true(screening_finding_valid("unlikely"));
	assert_true(screening_finding_valid("unclear"));
	assert_false(screening_finding_valid("Likely"));
	assert_false(screening_finding_valid("victim"));
	assert_false(screening_finding_valid(""));
	assert_false(screening_finding_valid(NULL));
}

static void test_access(void **state)
{
	(void)state;
	static const struct {
		enum role role;
		bool may;
	} cases[] = {
		{ ROLE_ADMIN, false },        { ROLE_SUPERVISOR, true },
		{ ROLE_SOCIAL_WORKER, true }, { ROLE_PSYCHOLOGIST, true },
		{ ROLE_LAWYER, true },        { ROLE_ANALYST, false },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct actor a = { .role = cases[i].role };
		assert_int_equal(screening_may_read(&a), cases[i].may);
		assert_int_equal(screening_may_write(&a), cases[i].may);
	}
}

static void test_tables(void **state)
{
	(void)state;
	static const char *const order[] = {
		"rhs15", "phq9", "gad7", "sdq", "ilo_forced_labour", "ilo_ec_trafficking"
	};
	assert_int_equal(instrument_count(), ARRAY_SIZE(order));
	assert_null(instrument_at(instrument_count()));
	assert_null(instrument_find("k10"));
	assert_null(instrument_find(NULL));
	for (size_t i = 0; i < instrument_count(); i++) {
		const struct instrument *in = instrument_at(i);
		assert_string_equal(in->code, order[i]);
		assert_ptr_equal(instrument_find(order[i]), in);
		assert_non_null(in->version);
		assert_non_null(in->name);
		assert_non_null(in->intro);
		assert_non_null(in->source);
		assert_true(in->nitems > 0 && in->nitems <= SCREEN_ITEMS_MAX);
		assert_true(in->ngroups <= SCREEN_GROUPS_MAX);
		assert_true(in->mental != in->finding);
		/* Every item code unique within the instrument. */
		for (size_t j = 0; j < in->nitems; j++)
			for (size_t k = j + 1; k < in->nitems; k++)
				assert_string_not_equal(in->items[j].code, in->items[k].code);
		for (size_t j = 0; j < in->nitems; j++) {
			const struct screen_item *it = &in->items[j];
			assert_true(it->group >= 0 && (size_t)it->group <= in->ngroups);
			if (in->kind == SCREEN_SCORED) {
				char code[24];
				snprintf(code, sizeof(code), "%zu", j + 1);
				assert_string_equal(it->code, code);
				assert_true(it->max > 0);
				assert_non_null(in->scale);
				/* The SDQ's wording may not be reproduced. */
				if (strcmp(in->code, "sdq") == 0)
					assert_null(it->text);
				else
					assert_non_null(it->text);
			} else {
				assert_non_null(it->text);
				assert_null(in->scale);
			}
		}
	}
	/* Versions as stored with each screening. */
	assert_string_equal(find("rhs15")->version, "rhs15-2013");
	assert_string_equal(find("phq9")->version, "phq9-2001");
	assert_string_equal(find("gad7")->version, "gad7-2006");
	assert_string_equal(find("sdq")->version, "sdq-goodman");
	assert_string_equal(find("ilo_forced_labour")->version, "ilo-fl-2012");
	assert_string_equal(find("ilo_ec_trafficking")->version, "ilo-ec-2009");
	/* RHS-15: 1–14 scored 0..4, the thermometer 0..10. */
	const struct instrument *rhs15 = find("rhs15");
	for (size_t i = 0; i < 14; i++)
		assert_int_equal(rhs15->items[i].max, 4);
	assert_int_equal(rhs15->items[14].max, 10);
	assert_int_equal(rhs15->scale_max, 4);
	/* SDQ: five subscales of five, the reversed items 7, 11, 14, 21, 25. */
	const struct instrument *sdq = find("sdq");
	static const char *const subscales[] = { "emotional", "conduct", "hyperactivity",
						 "peer_problems", "prosocial" };
	static const int members[5][5] = { { 3, 8, 13, 16, 24 },
					   { 5, 7, 12, 18, 22 },
					   { 2, 10, 15, 21, 25 },
					   { 6, 11, 14, 19, 23 },
					   { 1, 4, 9, 17, 20 } };
	for (int g = 0; g < 5; g++) {
		assert_string_equal(sdq->groups[g].code, subscales[g]);
		for (int k = 0; k < 5; k++)
			assert_int_equal(sdq->items[members[g][k] - 1].group, g + 1);
	}
	for (size_t i = 0; i < sdq->nitems; i++) {
		int n = (int)i + 1;
		assert_int_equal(sdq->items[i].reversed,
				 n == 7 || n == 11 || n == 14 || n == 21 || n == 25);
		assert_int_equal(sdq->items[i].max, 2);
	}
	/* ILO–EC: the six dimensions with 10, 10, 16, 9, 15 and 7 graded indicators. */
	const struct instrument *ec = find("ilo_ec_trafficking");
	static const char *const dimensions[] = { "deceptive_recruitment",
						  "coercive_recruitment",
						  "recruitment_abuse_of_vulnerability",
						  "exploitative_conditions",
						  "coercion_at_destination",
						  "abuse_of_vulnerability_at_destination" };
	static const int count[] = { 10, 10, 16, 9, 15, 7 };
	assert_int_equal(ec->ngroups, 6);
	int seen[6] = { 0 };
	for (size_t i = 0; i < ec->nitems; i++) {
		const struct screen_item *it = &ec->items[i];
		assert_true(it->group >= 1 && it->group <= 6);
		assert_true(it->grade == 's' || it->grade == 'm' || it->grade == 'w');
		seen[it->group - 1]++;
		/* In dimension order. */
		if (i > 0)
			assert_true(it->group >= ec->items[i - 1].group);
	}
	for (int g = 0; g < 6; g++) {
		assert_string_equal(ec->groups[g].code, dimensions[g]);
		assert_non_null(ec->groups[g].name);
		assert_int_equal(seen[g], count[g]);
	}
	assert_int_equal(ec->nitems, 67);
	/* instruments.md's example grades. */
	static const struct {
		const char *code;
		char grade;
	} grades[] = {
		{ "dr_nature_of_job", 's' },
		{ "dr_wages", 'm' },
		{ "ec_excessive_hours", 's' },
		{ "ec_low_or_no_salary", 'm' },
		{ "ec_bad_living_conditions", 'm' },
		{ "ec_very_bad_working_conditions", 'm' },
		{ "cd_confiscation_of_documents", 's' },
		{ "cd_debt_bondage", 's' },
		{ "cd_isolation", 's' },
		{ "cd_violence", 's' },
		{ "cd_threat_of_denunciation", 'm' },
		{ "cd_withholding_of_wages", 'm' },
	};
	for (size_t i = 0; i < ARRAY_SIZE(grades); i++) {
		bool found = false;
		for (size_t k = 0; k < ec->nitems; k++)
			if (strcmp(ec->items[k].code, grades[i].code) == 0) {
				assert_int_equal(ec->items[k].grade, grades[i].grade);
				found = true;
			}
		assert_true(found);
	}
	/* No grades or groups on the other checklist. */
	const struct instrument *fl = find("ilo_forced_labour");
	for (size_t i = 0; i < fl->nitems; i++) {
		assert_int_equal(fl->items[i].grade, 0);
		assert_int_equal(fl->items[i].group, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rhs15),
		cmocka_unit_test(test_phq9),
		cmocka_unit_test(test_gad7),
		cmocka_unit_test(test_sdq_scoring),
		cmocka_unit_test(test_sdq_norms),
		cmocka_unit_test(test_forced_labour),
		cmocka_unit_test(test_trafficking_dimension_rule),
		cmocka_unit_test(test_trafficking_conclusion),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_proposals),
		cmocka_unit_test(test_access),
		cmocka_unit_test(test_tables),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
