/* test_integration.c: integration indicators (domain/integration.h,
 * store/store_integration.h): the framework and its lists, validation by field, a person's
 * trajectory in date order, the cohort summary (means, who improved, stayed or declined, the
 * small-cell rule) on a table computed by hand; and the store on a temporary SQLite file (or,
 * with KOMEK_TEST_PG, on a new database of that PostgreSQL cluster): reviews listed newest
 * first with their scores, the cohort by category, region, programme and arrival year giving
 * the same hand-computed figures, and the triggers that keep a review as made. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/access.h"
#include "domain/integration.h"
#include "domain/person.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_integration.h"

#include "base/banned.h"

#define TODAY "2026-11-25"

/* ---- the framework and its lists ---- */

static void check_items(const struct ref_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		assert_non_null(items[i].code);
		assert_true(items[i].kk && *items[i].kk);
		assert_true(items[i].ru && *items[i].ru);
		assert_true(items[i].en && *items[i].en);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(items[i].code, items[j].code);
	}
}

static void test_framework(void **state)
{
	(void)state;
	check_items(integration_domains, INTEGRATION_DOMAINS_N);
	check_items(integration_groups, INTEGRATION_GROUPS_N);
	check_items(integration_statuses, INTEGRATION_STATUSES_N);
	check_items(integration_review_kinds, INTEGRATION_REVIEW_KINDS_N);
	/* Fourteen domains in four groups (5, 3, 5, 1), group by group, named by the list. */
	int per_group[INTEGRATION_GROUPS_N] = { 0 };
	int last = 0;
	for (size_t i = 0; i < INTEGRATION_DOMAINS_N; i++) {
		const struct integration_domain *d = &integration_framework[i];
		assert_string_equal(d->code, integration_domains[i].code);
		assert_true(d->hint && *d->hint);
		int g = -1;
		for (int k = 0; k < INTEGRATION_GROUPS_N; k++)
			if (strcmp(integration_groups[k].code, d->group) == 0)
				g = k;
		assert_true(g >= 0 && g >= last);
		last = g;
		per_group[g]++;
		assert_int_equal(integration_domain_index(d->code), (int)i);
	}
	static const int want[INTEGRATION_GROUPS_N] = { 5, 3, 5, 1 };
	for (int k = 0; k < INTEGRATION_GROUPS_N; k++)
		assert_int_equal(per_group[k], want[k]);
	assert_string_equal(integration_framework[0].code, "work");
	assert_string_equal(integration_framework[13].code, "rights_responsibilities");
	assert_int_equal(integration_domain_index("employment"), -1); /* Ager and Strang's */
	assert_int_equal(integration_domain_index(NULL), -1);

	/* The scale: the position is the status. */
	static const char *const codes[] = { "at_risk", "building", "stable", "thriving" };
	for (int s = 1; s <= 4; s++) {
		assert_string_equal(integration_status_code(s), codes[s - 1]);
		assert_int_equal(integration_status_parse(codes[s - 1]), s);
		char digit[2] = { (char)('0' + s), '\0' };
		assert_int_equal(integration_status_parse(digit), s);
	}
	assert_null(integration_status_code(0));
	assert_null(integration_status_code(5));
	assert_int_equal(integration_status_parse("0"), 0);
	assert_int_equal(integration_status_parse("5"), 0);
	assert_int_equal(integration_status_parse("11"), 0);
	assert_int_equal(integration_status_parse(""), 0);
	assert_int_equal(integration_status_parse(NULL), 0);
	assert_string_equal(INTEGRATION_FRAMEWORK, "home_office_2019");
}

/* ---- validation ---- */

static void expect_field(int rc, const struct field_errors *e, const char *field, const char *msg)
{
	assert_int_equal(rc, K_EINVAL);
	const char *got = field_error_for(e, field);
	if (!got)
		fail_msg("no error on %s (first: %s)", field, e->n ? e->e[0].field : "none");
	if (msg)
		assert_string_equal(got, msg);
}

static struct integration_review good_review(void)
{
	struct integration_review r = { .person_id = 1, .kind = " intake " };
	r.scores[0] = (struct integration_score){ .domain = "housing", .status = 2 };
	r.scores[1] = (struct integration_score){ .domain = " work ",
						  .status = 1,
						  .indicator = "no contract",
						  .evidence = "Works at a market\nfor cash." };
	r.scores[2] =
	    (struct integration_score){ .domain = "rights_responsibilities", .status = 4 };
	r.nscores = 3;
	return r;
}

static void test_validation(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	struct field_errors e = { 0 };
	struct integration_review r = good_review();
	assert_int_equal(integration_review_validate(&a, &r, NULL, TODAY, &e), 0);
	assert_string_equal(r.reviewed_on, TODAY); /* the default */
	assert_string_equal(r.framework, "home_office_2019");
	assert_string_equal(r.kind, "intake");
	/* Put in the framework's order. */
	assert_int_equal(r.nscores, 3);
	assert_string_equal(r.scores[0].domain, "work");
	assert_int_equal(r.scores[0].status, 1);
	assert_string_equal(r.scores[0].indicator, "no contract");
	assert_string_equal(r.scores[1].domain, "housing");
	assert_string_equal(r.scores[2].domain, "rights_responsibilities");

	r = good_review();
	r.nscores = 0;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "domains",
		     "Score at least one domain.");

	/* An unknown domain, a status of 0 or 5, a domain twice. */
	r = good_review();
	r.scores[0].domain = "employment";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "domains.employment",
		     "Unknown domain.");
	r = good_review();
	r.scores[1].status = 0;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e,
		     "domains.work.status", NULL);
	r = good_review();
	r.scores[1].status = 5;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e,
		     "domains.work.status", NULL);
	r = good_review();
	r.scores[2] = (struct integration_score){ .domain = "housing", .status = 3 };
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "domains.housing",
		     "Given twice.");
	assert_int_equal(e.n, 1);

	/* The date: not ahead, a real date, not before the person's birth. */
	r = good_review();
	r.reviewed_on = "2026-11-26";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "reviewed_on",
		     "The date is in the future.");
	r = good_review();
	r.reviewed_on = "2026-02-30";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "reviewed_on", NULL);
	struct person p = { .birth_date = "2020" };
	r = good_review();
	r.reviewed_on = "2019-12-31";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, &p, TODAY, &e), &e, "reviewed_on",
		     "The date is before the person's birth.");
	r = good_review();
	r.reviewed_on = "2020-01-01";
	e = (struct field_errors){ 0 };
	assert_int_equal(integration_review_validate(&a, &r, &p, TODAY, &e), 0);

	/* The kind, the framework, the person. */
	r = good_review();
	r.kind = NULL;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "kind",
		     "This field is required.");
	r = good_review();
	r.kind = "exit";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "kind", NULL);
	r = good_review();
	r.framework = "ager_strang_2008";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "framework", NULL);
	r = good_review();
	r.person_id = 0;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "person_id", NULL);

	/* The texts: an indicator is one line; the evidence and the note have ceilings. */
	r = good_review();
	r.scores[1].indicator = "two\nlines";
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e,
		     "domains.work.indicator", NULL);
	char *long_text = arena_alloc(&a, INTEGRATION_NOTE_MAX + 2);
	memset(long_text, 'x', INTEGRATION_NOTE_MAX + 1);
	r = good_review();
	r.scores[0].evidence = long_text;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e,
		     "domains.housing.evidence", "Too long.");
	r = good_review();
	r.note = long_text;
	e = (struct field_errors){ 0 };
	expect_field(integration_review_validate(&a, &r, NULL, TODAY, &e), &e, "note", "Too long.");
	long_text[INTEGRATION_NOTE_MAX] = '\0';
	r = good_review();
	r.note = long_text;
	e = (struct field_errors){ 0 };
	assert_int_equal(integration_review_validate(&a, &r, NULL, TODAY, &e), 0);
	arena_release(&a);
}

/* ---- the trajectory ---- */

static void test_trajectory(void **state)
{
	(void)state;
	struct arena a;
	arena_init(&a);
	/* Newest first, as the store lists them; two on one day (ids 7 and 9). */
	struct integration_review r[4] = {
		{ .id = 9, .reviewed_on = "2026-03-01" },
		{ .id = 7, .reviewed_on = "2026-03-01" },
		{ .id = 3, .reviewed_on = "2025-09-15" },
		{ .id = 5, .reviewed_on = "2025-01-20" }, /* recorded later, dated earlier */
	};
	r[0].scores[0] = (struct integration_score){ .domain = "work", .status = 4 };
	r[0].nscores = 1;
	r[1].scores[0] = (struct integration_score){ .domain = "work", .status = 3 };
	r[1].scores[1] = (struct integration_score){ .domain = "housing", .status = 2 };
	r[1].nscores = 2;
	r[2].scores[0] = (struct integration_score){ .domain = "work", .status = 2 };
	r[2].scores[1] = (struct integration_score){ .domain = "employment", .status = 2 };
	r[2].scores[2] = (struct integration_score){ .domain = "housing", .status = 9 };
	r[2].nscores = 3;
	r[3].scores[0] = (struct integration_score){ .domain = "housing", .status = 1 };
	r[3].scores[1] = (struct integration_score){ .domain = "work", .status = 1 };
	r[3].nscores = 2;

	struct integration_series t[INTEGRATION_DOMAINS_N];
	integration_trajectory(&a, r, 4, t);
	assert_string_equal(t[0].domain, "work");
	assert_int_equal(t[0].n, 4);
	static const struct {
		const char *date;
		int status;
		int64_t id;
	} work[] = { { "2025-01-20", 1, 5 },
		     { "2025-09-15", 2, 3 },
		     { "2026-03-01", 3, 7 },
		     { "2026-03-01", 4, 9 } };
	for (size_t i = 0; i < ARRAY_SIZE(work); i++) {
		assert_string_equal(t[0].points[i].date, work[i].date);
		assert_int_equal(t[0].points[i].status, work[i].status);
		assert_int_equal(t[0].points[i].review_id, work[i].id);
	}
	/* Housing: the status 9 left out. */
	int k = integration_domain_index("housing");
	assert_int_equal(t[k].n, 2);
	assert_string_equal(t[k].points[0].date, "2025-01-20");
	assert_int_equal(t[k].points[0].status, 1);
	assert_int_equal(t[k].points[1].status, 2);
	/* A domain never scored: no points. */
	k = integration_domain_index("safety");
	assert_string_equal(t[k].domain, "safety");
	assert_int_equal(t[k].n, 0);
	assert_null(t[k].points);
	integration_trajectory(&a, NULL, 0, t);
	assert_int_equal(t[0].n, 0);

	assert_int_equal(integration_change(1, 3), 1);
	assert_int_equal(integration_change(3, 3), 0);
	assert_int_equal(integration_change(3, 2), -1);
	arena_release(&a);
}

/* ---- the cohort ---- */

/* Six people's first and latest statuses, and how many of their reviews scored the domain:
 *
 *   person   work (first→latest)   housing        safety (intake only)
 *   1        1 → 3  improved       2 → 2 stayed   4
 *   2        2 → 3  improved       2 → 1 declined 3
 *   3        2 → 2  stayed         3 → 3 stayed   3
 *   4        3 → 4  improved       3 → 4 improved 2
 *   5        2 → 3  improved       1 → 2 improved 4
 *   6        3 → 3  stayed         2 → 3 improved 3
 *
 *   work:    first 13 / 6 = 2.1666… → 217, latest 18 / 6 = 3.00 → 300; 4 up, 2 same, 0 down.
 *   housing: first 13 / 6 → 217, latest 15 / 6 = 2.50 → 250; 3 up, 2 same, 1 down.
 *   safety:  19 / 6 = 3.1666… → 317 at both; nobody followed.
 *   language and communication: four people (1→2, 2, 3→3, 2): fewer than five, withheld. */
static const struct integration_cohort_row cohort_rows[] = {
	{ "work", 1, 3, 3 },
	{ "work", 2, 3, 2 },
	{ "work", 2, 2, 2 },
	{ "work", 3, 4, 2 },
	{ "work", 2, 3, 2 },
	{ "work", 3, 3, 2 },
	{ "housing", 2, 2, 3 },
	{ "housing", 2, 1, 2 },
	{ "housing", 3, 3, 2 },
	{ "housing", 3, 4, 2 },
	{ "housing", 1, 2, 2 },
	{ "housing", 2, 3, 2 },
	{ "safety", 4, 4, 1 },
	{ "safety", 3, 3, 1 },
	{ "safety", 3, 3, 1 },
	{ "safety", 2, 2, 1 },
	{ "safety", 4, 4, 1 },
	{ "safety", 3, 3, 1 },
	{ "language_communication", 1, 2, 2 },
	{ "language_communication", 2, 2, 1 },
	{ "language_communication", 3, 3, 2 },
	{ "language_communication", 2, 2, 1 },
};

struct want_domain {
	const char *domain;
	bool suppressed;
	int64_t people, followed, mean_first, mean_latest, improved, stayed, declined;
};

/* The figures of the six people (the table above), whatever the route. */
static const struct want_domain six[] = {
	{ "work", false, 6, 6, 217, 300, 4, 2, 0 },
	{ "housing", false, 6, 6, 217, 250, 3, 2, 1 },
	{ "safety", false, 6, 0, 317, 317, 0, 0, 0 },
	{ "language_communication", true, 0, 0, 0, 0, 0, 0, 0 },
	{ "education", false, 0, 0, 0, 0, 0, 0, 0 },
};

static void expect_domains(const struct integration_cohort_domain *out,
			   const struct want_domain *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int k = integration_domain_index(want[i].domain);
		assert_true(k >= 0);
		const struct integration_cohort_domain *d = &out[k];
		assert_string_equal(d->domain, want[i].domain);
		if (d->suppressed != want[i].suppressed || d->people != want[i].people ||
		    d->followed != want[i].followed || d->mean_first != want[i].mean_first ||
		    d->mean_latest != want[i].mean_latest || d->improved != want[i].improved ||
		    d->stayed != want[i].stayed || d->declined != want[i].declined)
			fail_msg("%s: suppressed %d people %lld followed %lld means %lld→%lld"
				 " %lld up %lld same %lld down",
				 d->domain, d->suppressed, (long long)d->people,
				 (long long)d->followed, (long long)d->mean_first,
				 (long long)d->mean_latest, (long long)d->improved,
				 (long long)d->stayed, (long long)d->declined);
	}
}

static void test_cohort_summary(void **state)
{
	(void)state;
	struct integration_cohort_domain out[INTEGRATION_DOMAINS_N];
	integration_cohort_summarise(cohort_rows, ARRAY_SIZE(cohort_rows), out);
	expect_domains(out, six, ARRAY_SIZE(six));
	for (size_t k = 0; k < INTEGRATION_DOMAINS_N; k++) {
		assert_int_equal(out[k].sum_first, 0);
		assert_int_equal(out[k].sum_latest, 0);
	}

	/* Four people: withheld; a fifth makes the cell: 1, 2, 2, 3 and 4 → 12 / 5 = 2.40. */
	struct integration_cohort_row rows[] = {
		{ "bridges", 1, 2, 2 },
		{ "bridges", 2, 2, 2 },
		{ "bridges", 2, 1, 2 },
		{ "bridges", 3, 4, 2 },
		{ "bridges", 4, 4, 1 },
		/* Left out: another framework's domain, statuses outside the scale. */
		{ "employment", 1, 4, 2 },
		{ "bridges", 0, 2, 2 },
		{ "bridges", 2, 5, 2 },
		{ NULL, 2, 2, 2 },
	};
	integration_cohort_summarise(rows, 4, out);
	int k = integration_domain_index("bridges");
	assert_true(out[k].suppressed);
	assert_int_equal(out[k].people, 0);
	assert_int_equal(out[k].mean_first, 0);
	assert_int_equal(out[k].improved, 0);
	integration_cohort_summarise(rows, ARRAY_SIZE(rows), out);
	static const struct want_domain five[] = {
		{ "bridges", false, 5, 4, 240, 260, 2, 1, 1 },
		{ "work", false, 0, 0, 0, 0, 0, 0, 0 },
	};
	expect_domains(out, five, ARRAY_SIZE(five));

	/* Rounded half up: 13 / 8 = 1.625 → 163; 15 / 8 = 1.875 → 188. */
	integration_cohort_start(out);
	for (int i = 0; i < 8; i++) {
		struct integration_cohort_row r = { "culture", i < 5 ? 2 : 1, i < 7 ? 2 : 1, 2 };
		integration_cohort_add(out, &r);
	}
	integration_cohort_finish(out);
	k = integration_domain_index("culture");
	assert_int_equal(out[k].mean_first, 163);
	assert_int_equal(out[k].mean_latest, 188);
	assert_int_equal(out[k].improved, 2); /* 1 → 2 twice */
	assert_int_equal(out[k].stayed, 6);
}

static void test_who_may(void **state)
{
	(void)state;
	static const struct {
		enum role role;
		bool read, write, cohort;
	} cases[] = {
		{ ROLE_ADMIN, true, false, true },        { ROLE_SUPERVISOR, true, true, true },
		{ ROLE_SOCIAL_WORKER, true, true, true }, { ROLE_PSYCHOLOGIST, true, true, true },
		{ ROLE_LAWYER, true, true, true },        { ROLE_ANALYST, false, false, true },
	};
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct actor who = { .role = cases[i].role };
		assert_int_equal(integration_may_read(&who), cases[i].read);
		assert_int_equal(integration_may_write(&who), cases[i].write);
		assert_int_equal(integration_may_read_cohort(&who), cases[i].cohort);
	}
}

/* ---- the store ---- */

struct fixture {
	char dir[64], path[128];
	char pg_name[48]; /* on PostgreSQL: the test's database */
	struct db *admin_db;
	struct dbconn *admin_c;
	struct db *db;
	struct dbconn *c;
	struct arena a;
	int64_t org_a, org_b;
	struct actor sup, w1, w2, psy, analyst, sup_b;
};

static const char *pg_url(void)
{
	const char *u = getenv("KOMEK_TEST_PG");
	return u && *u ? u : NULL;
}

static void add_user(struct fixture *f, int64_t org, const char *login, enum role role,
		     struct actor *out)
{
	int64_t id = 0;
	assert_int_equal(
	    store_user_add(f->c, org, login, "hash", role_code(role), login, "en", &id), 0);
	*out = (struct actor){ .user_id = id,
			       .org_id = org,
			       .role = role,
			       .login = login,
			       .full_name = login,
			       .lang = "en",
			       .addr = "127.0.0.1" };
}

static int open_db(struct fixture *f)
{
	static int seq;
	if (pg_url()) {
		char sql[96], target[512];
		snprintf(f->pg_name, sizeof(f->pg_name), "kint_%d_%d", (int)getpid(), ++seq);
		if (db_open(pg_url(), 1, &f->admin_db))
			return -1;
		f->admin_c = db_acquire(f->admin_db);
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->pg_name);
		if (db_exec_script(f->admin_c, sql))
			return -1;
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", f->pg_name);
		if (db_exec_script(f->admin_c, sql))
			return -1;
		const char *slash = strrchr(pg_url(), '/');
		snprintf(target, sizeof(target), "%.*s/%s", (int)(slash - pg_url()), pg_url(),
			 f->pg_name);
		return db_open(target, 2, &f->db);
	}
	snprintf(f->dir, sizeof(f->dir), "/tmp/komek-test-integration-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/komek.db", f->dir);
	return db_open(f->path, 2, &f->db);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	int applied = 0;
	if (!f)
		return -1;
	if (open_db(f) || store_migrate(f->db, &applied)) {
		free(f);
		return -1;
	}
	arena_init(&f->a);
	f->c = db_acquire(f->db);
	*state = f;
	assert_int_equal(store_org_add(f->c, "Org A", &f->org_a), 0);
	assert_int_equal(store_org_add(f->c, "Org B", &f->org_b), 0);
	add_user(f, f->org_a, "sup", ROLE_SUPERVISOR, &f->sup);
	add_user(f, f->org_a, "w1", ROLE_SOCIAL_WORKER, &f->w1);
	add_user(f, f->org_a, "w2", ROLE_SOCIAL_WORKER, &f->w2);
	add_user(f, f->org_a, "psy", ROLE_PSYCHOLOGIST, &f->psy);
	add_user(f, f->org_a, "analyst", ROLE_ANALYST, &f->analyst);
	add_user(f, f->org_b, "sup_b", ROLE_SUPERVISOR, &f->sup_b);
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	if (f->db) {
		db_release(f->db, f->c);
		db_close(f->db);
	}
	arena_release(&f->a);
	if (f->admin_db) {
		char sql[96];
		snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s", f->pg_name);
		db_exec_script(f->admin_c, sql);
		db_release(f->admin_db, f->admin_c);
		db_close(f->admin_db);
	} else {
		static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
		static const char *const files[] = { "komek.db", "komek.viewlog.db" };
		char p[200];
		for (size_t j = 0; j < ARRAY_SIZE(files); j++)
			for (size_t i = 0; i < ARRAY_SIZE(suffixes); i++) {
				snprintf(p, sizeof(p), "%s/%s%s", f->dir, files[j], suffixes[i]);
				unlink(p);
			}
		rmdir(f->dir);
	}
	free(f);
	return 0;
}

/* A person of who's organisation; category2 may be NULL. */
static int64_t person(struct fixture *f, const struct actor *who, const char *family,
		      const char *region, const char *category, const char *category2,
		      const char *arrival)
{
	struct person p = { .family_name = family,
			    .given_name = "Test",
			    .sex = "female",
			    .birth_date = "1990-01-01",
			    .region = region,
			    .arrival_date = arrival,
			    .lang_ru = "fluent" };
	p.categories[p.ncategories++] = category;
	if (category2)
		p.categories[p.ncategories++] = category2;
	struct field_errors e = { 0 };
	assert_int_equal(person_validate(&f->a, &p, TODAY, &e), 0);
	assert_int_equal(store_begin(f->c), 0);
	assert_int_equal(store_person_insert(f->c, &f->a, who, &p), 0);
	assert_int_equal(store_commit(f->c), 0);
	return p.id;
}

/* Records a review of four domains (0: not scored), validated first. */
static int64_t review(struct fixture *f, const struct actor *who, int64_t pid, const char *on,
		      const char *kind, int work, int housing, int language, int safety)
{
	struct integration_review r = {
		.person_id = pid, .reviewed_on = on, .kind = kind, .note = "Met at the centre."
	};
	/* Given out of the framework's order: saved in it. */
	if (safety)
		r.scores[r.nscores++] =
		    (struct integration_score){ .domain = "safety", .status = safety };
	if (language)
		r.scores[r.nscores++] =
		    (struct integration_score){ .domain = "language_communication",
						.status = language };
	if (housing)
		r.scores[r.nscores++] =
		    (struct integration_score){ .domain = "housing", .status = housing };
	if (work)
		r.scores[r.nscores++] =
		    (struct integration_score){ .domain = "work",
						.status = work,
						.indicator = "written contract",
						.evidence = "Saw the contract of ТОО Құрылыс." };
	struct field_errors e = { 0 };
	assert_int_equal(integration_review_validate(&f->a, &r, NULL, TODAY, &e), 0);
	assert_int_equal(store_integration_review_add(f->c, &f->a, who, &r), 0);
	assert_true(r.id > 0);
	return r.id;
}

static int64_t count(struct fixture *f, const char *sql)
{
	struct dbstmt *s = db_prep(f->c, sql);
	assert_non_null(s);
	assert_int_equal(db_step(s), DB_ROW);
	int64_t n = db_col_int(s, 0);
	db_reset(s);
	return n;
}

/* Runs sql with ?1 bound to id: 0 or the error. */
static int run(struct fixture *f, const char *sql, int64_t id)
{
	struct dbstmt *s = db_prep(f->c, sql);
	assert_non_null(s);
	db_bind_int(s, 1, id);
	return db_run(s);
}

static const char SQL_AUDIT_ADDS[] =
    "SELECT COUNT(*) FROM audit WHERE action = 'integration.add' AND entity = 'person'";
static const char SQL_AUDIT_TEXTS[] =
    "SELECT COUNT(*) FROM audit WHERE detail LIKE '%contract%' OR detail LIKE '%centre%'";
static const char SQL_STATUS_UPDATE[] =
    "UPDATE integration_domains SET status = 4 WHERE review_id = ?1";
static const char SQL_DATE_UPDATE[] =
    "UPDATE integration_reviews SET reviewed_on = '2020-01-01' WHERE id = ?1";
static const char SQL_REVIEW_DELETE[] = "DELETE FROM integration_reviews WHERE id = ?1";
static const char SQL_SCORE_DELETE[] = "DELETE FROM integration_domains WHERE review_id = ?1";
static const char SQL_TEXTS_LEFT[] =
    "SELECT COUNT(*) FROM integration_domains WHERE indicator IS NOT NULL OR evidence IS NOT"
    " NULL";
static const char SQL_NOTES_LEFT[] =
    "SELECT COUNT(*) FROM integration_reviews WHERE note IS NOT NULL";
static const char SQL_STATUSES[] = "SELECT SUM(status) FROM integration_domains";

static void test_store_reviews(void **state)
{
	struct fixture *f = *state;
	int64_t pid = person(f, &f->w1, "Әлиева", "KZ-75", "kandas", NULL, "2019-03-10");
	int64_t other = person(f, &f->w1, "Бекова", "KZ-75", "kandas", NULL, NULL);
	int64_t intake = review(f, &f->w1, pid, "2025-01-15", "intake", 1, 2, 1, 4);
	int64_t second = review(f, &f->psy, pid, "2025-07-15", "review", 2, 2, 0, 0);
	int64_t third = review(f, &f->w1, pid, "2026-01-15", "review", 3, 2, 2, 0);
	review(f, &f->w1, other, "2025-02-01", "intake", 2, 0, 0, 0);

	/* Newest first, each with its scores in the framework's order and its reviewer. */
	struct integration_review *rows = NULL;
	size_t n = 0;
	assert_int_equal(store_integration_reviews(f->c, &f->a, &f->w1, pid, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].id, third);
	assert_int_equal(rows[1].id, second);
	assert_int_equal(rows[2].id, intake);
	assert_string_equal(rows[1].reviewer_name, "psy");
	assert_string_equal(rows[2].kind, "intake");
	assert_string_equal(rows[2].framework, "home_office_2019");
	assert_string_equal(rows[2].note, "Met at the centre.");
	assert_int_equal(rows[2].nscores, 4);
	static const char *const order[] = { "work", "housing", "language_communication",
					     "safety" };
	for (size_t i = 0; i < ARRAY_SIZE(order); i++)
		assert_string_equal(rows[2].scores[i].domain, order[i]);
	assert_int_equal(rows[2].scores[0].status, 1);
	assert_string_equal(rows[2].scores[0].indicator, "written contract");
	assert_string_equal(rows[2].scores[0].evidence, "Saw the contract of ТОО Құрылыс.");
	assert_null(rows[2].scores[1].indicator);
	assert_int_equal(rows[2].scores[3].status, 4);
	assert_int_equal(rows[1].nscores, 2);

	/* The page's trajectory, oldest first. */
	struct integration_series t[INTEGRATION_DOMAINS_N];
	integration_trajectory(&f->a, rows, n, t);
	assert_int_equal(t[0].n, 3);
	assert_int_equal(t[0].points[0].status, 1);
	assert_int_equal(t[0].points[1].status, 2);
	assert_int_equal(t[0].points[2].status, 3);
	assert_string_equal(t[0].points[2].date, "2026-01-15");
	assert_int_equal(t[integration_domain_index("language_communication")].n, 2);

	/* One review, of its person and organisation only. */
	struct integration_review one;
	assert_int_equal(store_integration_review_get(f->c, &f->a, &f->w2, pid, second, &one), 0);
	assert_int_equal(one.nscores, 2);
	assert_string_equal(one.scores[0].domain, "work");
	assert_string_equal(one.reviewed_on, "2025-07-15");
	assert_int_equal(store_integration_review_get(f->c, &f->a, &f->w1, other, second, &one),
			 K_ENOTFOUND);
	assert_int_equal(store_integration_review_get(f->c, &f->a, &f->sup_b, pid, second, &one),
			 K_ENOTFOUND);
	assert_int_equal(store_integration_reviews(f->c, &f->a, &f->sup_b, pid, &rows, &n), 0);
	assert_int_equal(n, 0);
	/* Another organisation's person cannot be reviewed. */
	struct integration_review r = { .person_id = pid, .kind = "intake" };
	r.scores[r.nscores++] = (struct integration_score){ .domain = "work", .status = 2 };
	struct field_errors e = { 0 };
	assert_int_equal(integration_review_validate(&f->a, &r, NULL, TODAY, &e), 0);
	assert_int_equal(store_integration_review_add(f->c, &f->a, &f->sup_b, &r), K_ENOTFOUND);

	/* Audited without a text or a status. */
	assert_int_equal(count(f, SQL_AUDIT_ADDS), 4);
	assert_int_equal(count(f, SQL_AUDIT_TEXTS), 0);

	/* Kept as made: no status, date or row changes; the texts may be emptied. */
	assert_int_not_equal(run(f, SQL_STATUS_UPDATE, intake), 0);
	assert_int_not_equal(run(f, SQL_DATE_UPDATE, intake), 0);
	assert_int_not_equal(run(f, SQL_SCORE_DELETE, intake), 0);
	assert_int_not_equal(run(f, SQL_REVIEW_DELETE, intake), 0);
	int64_t statuses = count(f, SQL_STATUSES);
	assert_int_equal(count(f, SQL_TEXTS_LEFT), 4);
	assert_int_equal(run(f, STORE_INTEGRATION_ERASE_NOTES, pid), 0);
	assert_int_equal(run(f, STORE_INTEGRATION_ERASE_SCORES, pid), 0);
	assert_int_equal(count(f, SQL_TEXTS_LEFT), 1); /* the other person's */
	assert_int_equal(count(f, SQL_NOTES_LEFT), 1);
	assert_int_equal(count(f, SQL_STATUSES), statuses);
	assert_int_equal(store_integration_reviews(f->c, &f->a, &f->w1, pid, &rows, &n), 0);
	assert_int_equal(n, 3);
	assert_null(rows[2].note);
	assert_null(rows[2].scores[0].evidence);
	assert_int_equal(rows[2].scores[0].status, 1);
}

static int64_t programme_id(struct fixture *f)
{
	return count(f, "SELECT id FROM programmes WHERE code = 'kandas_resettlement'");
}

static void enrol(struct fixture *f, int64_t org, int64_t programme, int64_t pid)
{
	static const char sql[] =
	    "INSERT INTO enrolments (programme_id, org_id, person_id, year, family_size,"
	    " enrolled_on, status, created_at) VALUES (?1, ?2, ?3, 2019, 1, '2019-06-01',"
	    " 'enrolled', 0)";
	struct dbstmt *s = db_prep(f->c, sql);
	assert_non_null(s);
	db_bind_int(s, 1, programme);
	db_bind_int(s, 2, org);
	db_bind_int(s, 3, pid);
	assert_int_equal(db_run(s), 0);
}

static void cohort(struct fixture *f, const struct actor *who,
		   const struct integration_cohort_filter *flt, int64_t want_people,
		   const struct want_domain *want, size_t n)
{
	struct integration_cohort_domain out[INTEGRATION_DOMAINS_N];
	int64_t people = -1;
	assert_int_equal(store_integration_cohort(f->c, &f->a, who, flt, out, &people), 0);
	assert_int_equal(people, want_people);
	expect_domains(out, want, n);
}

static void test_store_cohort(void **state)
{
	struct fixture *f = *state;
	int64_t prog = programme_id(f);
	assert_true(prog > 0);

	/* The six people of test_cohort_summary's table: kandas of Almaty (KZ-75) who arrived
	 * in 2019 and were enrolled in the resettlement programme; the sixth restricted. */
	int64_t p[6];
	for (int i = 0; i < 6; i++) {
		p[i] = person(f, &f->w1, "Алтынбекова", "KZ-75", "kandas",
			      i == 5 ? "trafficking_victim" : NULL, "2019-03-10");
		enrol(f, f->org_a, prog, p[i]);
	}
	review(f, &f->w1, p[0], "2025-01-15", "intake", 1, 2, 1, 4);
	review(f, &f->w1, p[0], "2025-07-15", "review", 2, 2, 0, 0);
	review(f, &f->w1, p[0], "2026-01-15", "review", 3, 2, 2, 0);
	/* Two on one day: the later id is the latest. */
	review(f, &f->w1, p[1], "2025-02-01", "intake", 2, 2, 2, 3);
	review(f, &f->w1, p[1], "2025-02-01", "review", 3, 1, 0, 0);
	review(f, &f->w1, p[2], "2025-03-01", "intake", 2, 3, 3, 3);
	review(f, &f->w1, p[2], "2026-03-01", "review", 2, 3, 3, 0);
	/* Recorded in the wrong order: the dates decide, not the ids. */
	review(f, &f->w1, p[3], "2026-05-01", "review", 4, 4, 0, 0);
	review(f, &f->w1, p[3], "2025-02-01", "intake", 3, 3, 2, 2);
	review(f, &f->w1, p[4], "2025-04-01", "intake", 2, 1, 0, 4);
	review(f, &f->w1, p[4], "2025-10-01", "review", 3, 2, 0, 0);
	review(f, &f->w1, p[5], "2025-05-01", "intake", 3, 2, 0, 3);
	review(f, &f->w1, p[5], "2026-02-01", "review", 3, 3, 0, 0);

	/* Four who each fail one filter, with one intake at work 1: without the filters the
	 * work figures are over ten people, first (13 + 4) / 10 → 170, latest (18 + 4) / 10 →
	 * 220; a filter leaves nine, (13 + 3) / 9 = 1.777… → 178 and (18 + 3) / 9 → 233. */
	int64_t d[4];
	d[0] = person(f, &f->w1, "Басқа", "KZ-75", "labour_migrant", NULL, "2019-03-10");
	d[1] = person(f, &f->w1, "Басқа", "KZ-11", "kandas", NULL, "2019-03-10");
	d[2] = person(f, &f->w1, "Басқа", "KZ-75", "kandas", NULL, "2020-01-01");
	d[3] = person(f, &f->w1, "Басқа", "KZ-75", "kandas", NULL, "2019-12-31");
	for (int i = 0; i < 4; i++) {
		if (i != 3)
			enrol(f, f->org_a, prog, d[i]);
		review(f, &f->w1, d[i], "2025-06-01", "intake", 1, 0, 0, 0);
	}
	/* Never counted: another organisation's person, an erased one, one with no review. */
	int64_t theirs = person(f, &f->sup_b, "Шетел", "KZ-75", "kandas", NULL, "2019-03-10");
	enrol(f, f->org_b, prog, theirs);
	review(f, &f->sup_b, theirs, "2025-06-01", "intake", 1, 1, 1, 1);
	int64_t gone = person(f, &f->w1, "Өшірілген", "KZ-75", "kandas", NULL, "2019-03-10");
	enrol(f, f->org_a, prog, gone);
	review(f, &f->w1, gone, "2025-06-01", "intake", 4, 4, 4, 4);
	struct person g;
	assert_int_equal(store_person_get(f->c, &f->a, &f->sup, gone, &g), 0);
	assert_int_equal(store_begin(f->c), 0);
	assert_int_equal(store_person_erase(f->c, &f->a, &f->sup, &g), 0);
	assert_int_equal(store_commit(f->c), 0);
	person(f, &f->w1, "Жаңа", "KZ-75", "kandas", NULL, "2019-03-10");

	static const struct want_domain ten[] = {
		{ "work", false, 10, 6, 170, 220, 4, 2, 0 },
		{ "housing", false, 6, 6, 217, 250, 3, 2, 1 },
		{ "language_communication", true, 0, 0, 0, 0, 0, 0, 0 },
	};
	static const struct want_domain nine[] = {
		{ "work", false, 9, 6, 178, 233, 4, 2, 0 },
		{ "housing", false, 6, 6, 217, 250, 3, 2, 1 },
		{ "safety", false, 6, 0, 317, 317, 0, 0, 0 },
		{ "language_communication", true, 0, 0, 0, 0, 0, 0, 0 },
	};
	cohort(f, &f->sup, NULL, 10, ten, ARRAY_SIZE(ten));
	struct integration_cohort_filter none = { 0 };
	cohort(f, &f->sup, &none, 10, ten, ARRAY_SIZE(ten));
	struct integration_cohort_filter by_category = { .category = "kandas" };
	cohort(f, &f->sup, &by_category, 9, nine, ARRAY_SIZE(nine));
	struct integration_cohort_filter by_region = { .region = "KZ-75" };
	cohort(f, &f->sup, &by_region, 9, nine, ARRAY_SIZE(nine));
	struct integration_cohort_filter by_programme = { .programme_id = prog };
	cohort(f, &f->sup, &by_programme, 9, nine, ARRAY_SIZE(nine));
	struct integration_cohort_filter by_year = { .arrival_year = 2019 };
	cohort(f, &f->sup, &by_year, 9, nine, ARRAY_SIZE(nine));
	/* All four: the six, exactly the table's figures, whoever reads them: the restricted
	 * person counts for a worker who does not see them, and for an analyst. */
	struct integration_cohort_filter all = {
		.category = "kandas", .region = "KZ-75", .programme_id = prog, .arrival_year = 2019
	};
	cohort(f, &f->sup, &all, 6, six, ARRAY_SIZE(six));
	cohort(f, &f->w2, &all, 6, six, ARRAY_SIZE(six));
	cohort(f, &f->analyst, &all, 6, six, ARRAY_SIZE(six));
	/* The protected category alone: one person, every domain withheld. */
	struct integration_cohort_filter protected_only = { .category = "trafficking_victim" };
	static const struct want_domain withheld[] = {
		{ "work", true, 0, 0, 0, 0, 0, 0, 0 },
		{ "housing", true, 0, 0, 0, 0, 0, 0, 0 },
	};
	cohort(f, &f->analyst, &protected_only, 1, withheld, ARRAY_SIZE(withheld));
	/* Nobody: zeros, nothing withheld. */
	struct integration_cohort_filter nobody = { .arrival_year = 2001 };
	static const struct want_domain zeros[] = {
		{ "work", false, 0, 0, 0, 0, 0, 0, 0 },
	};
	cohort(f, &f->sup, &nobody, 0, zeros, ARRAY_SIZE(zeros));
	/* The other organisation sees its one person. */
	cohort(f, &f->sup_b, &all, 1, withheld, ARRAY_SIZE(withheld));
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_framework),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_trajectory),
		cmocka_unit_test(test_cohort_summary),
		cmocka_unit_test(test_who_may),
		T(test_store_reviews),
		T(test_store_cohort),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
