/* test_recommend.c: the recommendation rules. The engine on rules made here (conditions
 * together, urgency thresholds, the registry standing in for the language needs before an
 * assessment, inactive rules), and the starting rule set of migration 0007 on a table of
 * inputs and the proposals the seed and issue 5 expect for them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/recommend.h"
#include "store/db.h"
#include "store/store.h"

#include "base/banned.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define MAXP 64

static void set_need(struct rec_facts *f, const char *need, int urgency)
{
	int i = need_index(need);
	assert_true(i >= 0);
	f->assessed = true;
	f->urgency[i] = urgency;
}

static void test_conditions_hold_together(void **state)
{
	(void)state;
	const struct rec_rule rules[] = {
		{ .id = 1,
		  .category = "kandas",
		  .need = "language_kk",
		  .min_urgency = 2,
		  .active = true },
		{ .id = 2, .legal_status = "asylum_seeker", .active = true },
		{ .id = 3, .need = "housing", .min_urgency = 3, .active = true },
		{ .id = 4, .category = "kandas", .active = false },
		{ .id = 5, .active = true }, /* no condition: never proposed */
	};
	struct rec_proposal p[MAXP];
	struct rec_facts f = { .categories = { "kandas" }, .ncategories = 1, .lang_kk = "none" };
	/* Before an assessment: Kazakh "none" stands for an urgent need. */
	size_t n = recommend(rules, COUNT(rules), &f, p, MAXP);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].rule->id, 1);
	assert_int_equal(p[0].nreasons, 2);
	assert_int_equal(p[0].reasons[0].kind, REASON_CATEGORY);
	assert_int_equal(p[0].reasons[1].kind, REASON_NEED);
	assert_int_equal(p[0].reasons[1].urgency, 3);
	assert_true(p[0].reasons[1].registry);
	/* "basic" is moderate: still proposed; "intermediate": not. */
	f.lang_kk = "basic";
	assert_int_equal(recommend(rules, COUNT(rules), &f, p, MAXP), 1);
	f.lang_kk = "intermediate";
	assert_int_equal(recommend(rules, COUNT(rules), &f, p, MAXP), 0);
	/* An assessment replaces the registry: a low score does not reach 2. */
	f.lang_kk = "none";
	set_need(&f, "language_kk", 1);
	assert_int_equal(recommend(rules, COUNT(rules), &f, p, MAXP), 0);
	set_need(&f, "language_kk", 2);
	n = recommend(rules, COUNT(rules), &f, p, MAXP);
	assert_int_equal(n, 1);
	assert_false(p[0].reasons[1].registry);
	/* Thresholds and legal status. */
	set_need(&f, "housing", 2);
	f.legal_status = "asylum_seeker";
	n = recommend(rules, COUNT(rules), &f, p, MAXP);
	assert_int_equal(n, 2);
	assert_int_equal(p[1].rule->id, 2);
	set_need(&f, "housing", 3);
	assert_int_equal(recommend(rules, COUNT(rules), &f, p, MAXP), 3);
	/* max is respected. */
	assert_int_equal(recommend(rules, COUNT(rules), &f, p, 1), 1);
}

static void test_rule_and_decision_validation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct rec_rule r = { .need = "housing",
			      .min_urgency = 4,
			      .function = "adaptation",
			      .means = "individual",
			      .service_kind = "social_household",
			      .form = "flying",
			      .label_kk = "a",
			      .label_ru = " ",
			      .label_en = "c" };
	struct field_errors e = { 0 };
	assert_int_equal(rec_rule_validate(&a, &r, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "min_urgency"));
	assert_non_null(field_error_for(&e, "form"));
	assert_non_null(field_error_for(&e, "label_ru"));
	assert_null(field_error_for(&e, "label_kk"));
	struct rec_rule none = { .function = "adaptation",
				 .means = "individual",
				 .service_kind = "social_household",
				 .form = "individual",
				 .label_kk = "a",
				 .label_ru = "b",
				 .label_en = "c" };
	e = (struct field_errors){ 0 };
	assert_int_equal(rec_rule_validate(&a, &none, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "category"));

	struct rec_rule ok = none;
	ok.category = "refugee";
	struct rec_decision d = { .decision = "accepted" };
	e = (struct field_errors){ 0 };
	assert_int_equal(rec_decision_validate(&a, &ok, &d, &e), 0);
	assert_string_equal(d.form, "individual");
	d = (struct rec_decision){ .decision = "changed" };
	assert_int_equal(rec_decision_validate(&a, &ok, &d, &e), K_EINVAL); /* nothing changed */
	d = (struct rec_decision){ .decision = "changed", .form = "adaptation_centre" };
	e = (struct field_errors){ 0 };
	assert_int_equal(rec_decision_validate(&a, &ok, &d, &e), 0);
	assert_string_equal(d.function, "adaptation");
	d = (struct rec_decision){ .decision = "maybe" };
	e = (struct field_errors){ 0 };
	assert_int_equal(rec_decision_validate(&a, &ok, &d, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "decision"));
	d = (struct rec_decision){ .decision = "rejected", .form = "training" };
	e = (struct field_errors){ 0 };
	assert_int_equal(rec_decision_validate(&a, &ok, &d, &e), 0);
	assert_null(d.form);
	arena_release(&a);
}

/* ---- the starting rule set ---- */

struct seeded {
	char dir[64];
	struct db *db;
	struct dbconn *c;
	struct arena a;
	struct rec_rule *rules;
	size_t n;
};

static struct seeded seed;

static int seed_setup(void **state)
{
	(void)state;
	snprintf(seed.dir, sizeof(seed.dir), "/tmp/komek-test-rec-XXXXXX");
	if (!mkdtemp(seed.dir))
		return -1;
	char path[128];
	snprintf(path, sizeof(path), "%s/k.db", seed.dir);
	int applied;
	if (db_open(path, 1, &seed.db) || store_migrate(seed.db, &applied))
		return -1;
	arena_init(&seed.a);
	seed.c = db_acquire(seed.db);
	return store_rules(seed.c, &seed.a, true, &seed.rules, &seed.n);
}

static int seed_teardown(void **state)
{
	(void)state;
	db_release(seed.db, seed.c);
	db_close(seed.db);
	arena_release(&seed.a);
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", seed.dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* One row of the table: the facts ("category=… legal=… kk=… ru=… need=urgency …") and
 * the proposals expected, each as "service_kind/form", in the rules' order. */
static const struct {
	const char *facts;
	const char *expect;
} table[] = {
	/* The seed: a trafficking victim is proposed social-psychological and social-legal
	 * services and a temporary accommodation place. */
	{ "category=trafficking_victim kk=fluent",
	  "social_psychological/psychotherapy social_legal/individual "
	  "social_household/temporary_accommodation" },
	/* A kandas with no Kazakh: a language course in an adaptation centre, at once. */
	{ "category=kandas kk=none ru=basic",
	  "social_pedagogical/adaptation_centre social_pedagogical/training" },
	{ "category=kandas kk=native ru=native", "" },
	/* After an assessment its scores count, not the registry. */
	{ "category=kandas kk=none language_kk=1 housing=3", "social_household/individual" },
	/* A potential kandas is told about the status and the quota; the course follows the
	 * status. */
	{ "category=kandas_candidate kk=basic", "information/migration_service_work" },
	{ "legal=asylum_seeker category=asylum_seeker kk=none ru=none",
	  "social_legal/migration_service_work social_pedagogical/training" },
	{ "category=refugee kk=fluent ru=fluent", "information/migration_service_work" },
	{ "category=forced_labour_victim kk=fluent ru=fluent",
	  "social_legal/individual social_psychological/psychotherapy" },
	{ "category=persecution_victim kk=fluent ru=fluent", "social_psychological/psychotherapy" },
	/* Needs alone, at moderate or more; low is not enough. */
	{ "category=labour_migrant employment=2 medical_care=1 schooling=3 family=2",
	  "social_labour/individual social_psychological/family_therapy "
	  "social_pedagogical/individual" },
	{ "material_assistance=3 legal_status=2 physical_health=2 psychological=2 "
	  "law_knowledge=2 culture=2 social_ties=2",
	  "social_medical/individual social_economic/individual social_legal/individual "
	  "social_psychological/psychotherapy information/training "
	  "social_cultural/adaptation_centre social_cultural/self_help_group" },
	{ "category=internal_migrant kk=native ru=native", "" },
};

static void facts_from(const char *spec, struct rec_facts *f)
{
	memset(f, 0, sizeof(*f));
	static char buf[512];
	snprintf(buf, sizeof(buf), "%s", spec);
	char *save = NULL;
	for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(t, '=');
		assert_non_null(eq);
		*eq = '\0';
		const char *v = eq + 1;
		if (strcmp(t, "category") == 0)
			f->categories[f->ncategories++] = v;
		else if (strcmp(t, "legal") == 0)
			f->legal_status = v;
		else if (strcmp(t, "kk") == 0)
			f->lang_kk = v;
		else if (strcmp(t, "ru") == 0)
			f->lang_ru = v;
		else {
			int64_t u;
			assert_int_equal(parse_i64(v, 0, 3, &u), 0);
			set_need(f, t, (int)u);
		}
	}
}

static void test_the_starting_rules_on_a_table(void **state)
{
	(void)state;
	assert_true(seed.n >= 20);
	for (size_t i = 0; i < COUNT(table); i++) {
		struct rec_facts f;
		facts_from(table[i].facts, &f);
		struct rec_proposal p[MAXP];
		size_t n = recommend(seed.rules, seed.n, &f, p, MAXP);
		char got[1024] = "";
		for (size_t j = 0; j < n; j++)
			snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s/%s",
				 j ? " " : "", p[j].rule->service_kind, p[j].rule->form);
		if (strcmp(got, table[i].expect) != 0)
			fail_msg("%s:\n  got  %s\n  want %s", table[i].facts, got, table[i].expect);
		/* Every proposal says why, and every rule's codes and labels are valid. */
		for (size_t j = 0; j < n; j++) {
			assert_true(p[j].nreasons > 0);
			struct field_errors e = { 0 };
			struct rec_rule r = *p[j].rule;
			if (rec_rule_validate(&seed.a, &r, &e))
				fail_msg("rule %lld: %s %s", (long long)r.id, e.e[0].field,
					 e.e[0].msg);
		}
	}
}

int main(void)
{
	const struct CMUnitTest engine[] = {
		cmocka_unit_test(test_conditions_hold_together),
		cmocka_unit_test(test_rule_and_decision_validation),
	};
	const struct CMUnitTest seeded[] = {
		cmocka_unit_test(test_the_starting_rules_on_a_table),
	};
	int rc = cmocka_run_group_tests(engine, NULL, NULL);
	return rc | cmocka_run_group_tests(seeded, seed_setup, seed_teardown);
}
