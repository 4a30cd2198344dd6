/* test_referral.c: the directory of partner organisations and the rules of a referral
 * (domain/referral.h): validation, who edits an entry, the sides a referral is read from, its
 * steps and who records each, and expiry. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/referral.h"

#include "base/banned.h"

#define TODAY "2026-06-15"

static struct arena a;

static int setup(void **state)
{
	(void)state;
	arena_init(&a);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	arena_release(&a);
	return 0;
}

static void test_partner_validation(void **state)
{
	(void)state;
	struct partner p = { .name = "  Kömek NGO  ",
			     .kind = "ngo",
			     .email = "info@komek.kz",
			     .website = "https://komek.kz",
			     .phone = "+7 701 000 00 00",
			     .services = { "social_legal", "counselling", "social_legal" },
			     .nservices = 3,
			     .regions = { "KZ-75", "KZ-55" },
			     .nregions = 2 };
	struct field_errors e = { 0 };
	assert_int_equal(partner_validate(&a, &p, &e), 0);
	assert_string_equal(p.name, "Kömek NGO");
	/* Sorted, without repeats. */
	assert_int_equal(p.nservices, 2);
	assert_string_equal(p.services[0], "counselling");
	assert_string_equal(p.regions[0], "KZ-55");
	assert_true(partner_offers(&p, "social_legal"));
	assert_false(partner_offers(&p, "care"));
	assert_true(partner_covers(&p, "KZ-75"));

	static const struct {
		const char *field;
		struct partner p;
	} bad[] = {
		{ "name", { .kind = "ngo" } },
		{ "kind", { .name = "x", .kind = "bank" } },
		{ "email", { .name = "x", .kind = "ngo", .email = "no at sign" } },
		{ "email", { .name = "x", .kind = "ngo", .email = "a@b" } },
		{ "email", { .name = "x", .kind = "ngo", .email = "a<b@c.kz" } },
		{ "website", { .name = "x", .kind = "ngo", .website = "javascript:alert(1)" } },
		{ "website", { .name = "x", .kind = "ngo", .website = "https://a.kz/\"x" } },
		{ "phone", { .name = "x", .kind = "ngo", .phone = "call me" } },
		{ "services",
		  { .name = "x",
		    .kind = "ngo",
		    .services = { "social_legal", "magic" },
		    .nservices = 2 } },
		{ "regions",
		  { .name = "x", .kind = "ngo", .regions = { "KZ-ALA" }, .nregions = 1 } },
		{ "name", { .name = "two\nlines", .kind = "ngo" } },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct partner q = bad[i].p;
		struct field_errors ee = { 0 };
		assert_int_equal(partner_validate(&a, &q, &ee), K_EINVAL);
		if (!field_error_for(&ee, bad[i].field))
			fail_msg("case %zu: no error on %s (first: %s)", i, bad[i].field,
				 ee.n ? ee.e[0].field : "none");
	}
}

static void test_who_edits_an_entry(void **state)
{
	(void)state;
	struct actor admin1 = { .user_id = 1, .org_id = 1, .role = ROLE_ADMIN };
	struct actor sup1 = { .user_id = 2, .org_id = 1, .role = ROLE_SUPERVISOR };
	struct partner free_entry = { .id = 1 }, ours = { .id = 2, .org_id = 1 },
		       theirs = { .id = 3, .org_id = 2 };
	assert_true(partner_may_edit(&admin1, &free_entry));
	assert_true(partner_may_edit(&admin1, &ours));
	assert_false(partner_may_edit(&admin1, &theirs));
	assert_false(partner_may_edit(&sup1, &free_entry));
}

static void test_sending_validation(void **state)
{
	(void)state;
	struct referral r = { .service_kind = "social_legal", .message = "  Needs a lawyer  " };
	struct field_errors e = { 0 };
	assert_int_equal(referral_validate_send(&a, &r, TODAY, &e), 0);
	assert_string_equal(r.message, "Needs a lawyer");
	assert_string_equal(r.sent_on, TODAY);
	assert_string_equal(r.status, "sent");
	assert_string_equal(r.expires_on, "2026-07-15"); /* REFERRAL_DAYS_DEFAULT */
	static const struct {
		const char *field, *kind, *expires;
	} bad[] = {
		{ "service_kind", NULL, NULL },
		{ "service_kind", "social_magic", NULL },
		{ "expires_on", "care", "2026-06-15" }, /* today: not after */
		{ "expires_on", "care", "2026-01-01" },
		{ "expires_on", "care", "2027-06-16" }, /* past a year */
		{ "expires_on", "care", "15.07.2026" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct referral q = { .service_kind = bad[i].kind, .expires_on = bad[i].expires };
		struct field_errors ee = { 0 };
		assert_int_equal(referral_validate_send(&a, &q, TODAY, &ee), K_EINVAL);
		if (!field_error_for(&ee, bad[i].field))
			fail_msg("case %zu: no error on %s", i, bad[i].field);
	}
}

/* A referral from organisation 1 (case 10) to a partner that is organisation 2. */
static struct referral sent_to_org2(void)
{
	return (struct referral){ .id = 5,
				  .case_id = 10,
				  .from_org_id = 1,
				  .to_org_id = 2,
				  .status = "sent",
				  .sent_on = "2026-06-01",
				  .expires_on = "2026-07-01",
				  .version = 1 };
}

static void test_sides(void **state)
{
	(void)state;
	struct actor w1 = { .user_id = 1, .org_id = 1, .role = ROLE_SOCIAL_WORKER };
	struct actor w2 = { .user_id = 7, .org_id = 2, .role = ROLE_SOCIAL_WORKER };
	struct actor s2 = { .user_id = 8, .org_id = 2, .role = ROLE_SUPERVISOR };
	struct actor an2 = { .user_id = 9, .org_id = 2, .role = ROLE_ANALYST };
	struct actor w3 = { .user_id = 10, .org_id = 3, .role = ROLE_SOCIAL_WORKER };
	struct referral r = sent_to_org2();
	assert_int_equal(referral_side(&w1, &r), REFERRAL_SENDER);
	assert_int_equal(referral_side(&w2, &r), REFERRAL_RECEIVER);
	assert_int_equal(referral_side(&an2, &r), REFERRAL_NONE);
	assert_int_equal(referral_side(&w3, &r), REFERRAL_NONE);
	/* A restricted person's: the receiving supervisors, and whoever took it. */
	r.restricted = true;
	assert_int_equal(referral_side(&w2, &r), REFERRAL_NONE);
	assert_int_equal(referral_side(&s2, &r), REFERRAL_RECEIVER);
	r.handler_id = 7;
	assert_int_equal(referral_side(&w2, &r), REFERRAL_RECEIVER);
	/* To a partner outside this Komek: only the sender. */
	struct referral out = sent_to_org2();
	out.to_org_id = 0;
	assert_int_equal(referral_side(&w2, &out), REFERRAL_NONE);
}

static void test_steps_in_komek(void **state)
{
	(void)state;
	struct actor w1 = { .user_id = 1, .org_id = 1, .role = ROLE_SOCIAL_WORKER };
	struct actor w2 = { .user_id = 7, .org_id = 2, .role = ROLE_SOCIAL_WORKER };
	struct actor x2 = { .user_id = 11, .org_id = 2, .role = ROLE_LAWYER };
	struct actor s2 = { .user_id = 8, .org_id = 2, .role = ROLE_SUPERVISOR };
	struct case_rec k = { .id = 10, .worker_id = 1, .status = "active", .on_team = true };
	struct referral r = sent_to_org2(), out;
	struct field_errors e = { 0 };
	/* The sender does not answer for an organisation that works in this Komek. */
	assert_int_equal(referral_answer(&a, &w1, &r, &k, "accepted", NULL, NULL, TODAY, &out, &e),
			 K_EFORBIDDEN);
	/* Completing before accepting, declining without a reason, a date in the future, a
	 * date before sending: each names its field. */
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &r, NULL, "completed", NULL, "done", TODAY, &out, &e),
	    K_EINVAL);
	assert_non_null(field_error_for(&e, "status"));
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &r, NULL, "declined", NULL, "  ", TODAY, &out, &e), K_EINVAL);
	assert_non_null(field_error_for(&e, "reason"));
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &r, NULL, "accepted", "2026-06-16", NULL, TODAY, &out, &e),
	    K_EINVAL);
	assert_non_null(field_error_for(&e, "on"));
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &r, NULL, "accepted", "2026-05-31", NULL, TODAY, &out, &e),
	    K_EINVAL);
	assert_non_null(field_error_for(&e, "on"));
	e.n = 0;
	assert_int_equal(referral_answer(&a, &w2, &r, NULL, "lost", NULL, NULL, TODAY, &out, &e),
			 K_EINVAL);
	assert_non_null(field_error_for(&e, "status"));
	/* Accepted: dated, taken by the worker who accepted. */
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &r, NULL, "accepted", NULL, NULL, TODAY, &out, &e), 0);
	assert_string_equal(out.status, "accepted");
	assert_string_equal(out.answered_on, TODAY);
	assert_int_equal(out.handler_id, 7);
	/* Answered once: not again. */
	struct referral acc = out;
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w2, &acc, NULL, "declined", NULL, "no", TODAY, &out, &e),
	    K_EINVAL);
	assert_non_null(field_error_for(&e, "status"));
	/* Completing is for the worker who took it, or a supervisor. */
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &x2, &acc, NULL, "completed", NULL, "done", TODAY, &out, &e),
	    K_EFORBIDDEN);
	assert_int_equal(
	    referral_answer(&a, &s2, &acc, NULL, "completed", NULL, "done", TODAY, &out, &e), 0);
	e.n = 0;
	assert_int_equal(referral_answer(&a, &w2, &acc, NULL, "completed", NULL, "Status renewed",
					 TODAY, &out, &e),
			 0);
	assert_string_equal(out.status, "completed");
	assert_string_equal(out.outcome, "Status renewed");
	assert_string_equal(out.completed_on, TODAY);
	assert_int_equal(out.completed_by, 7);
}

static void test_steps_outside_komek_and_expiry(void **state)
{
	(void)state;
	struct actor w1 = { .user_id = 1, .org_id = 1, .role = ROLE_SOCIAL_WORKER };
	struct actor l1 = { .user_id = 3, .org_id = 1, .role = ROLE_LAWYER };
	struct case_rec k = { .id = 10, .worker_id = 1, .status = "active", .on_team = true };
	struct case_rec other = { .id = 10, .worker_id = 1, .status = "active", .on_team = false };
	struct referral r = sent_to_org2(), out;
	struct field_errors e = { 0 };
	r.to_org_id = 0;
	/* The team records what the partner answered; someone off the team does not. */
	assert_int_equal(
	    referral_answer(&a, &l1, &r, &other, "accepted", NULL, NULL, TODAY, &out, &e),
	    K_EFORBIDDEN);
	assert_int_equal(
	    referral_answer(&a, &w1, &r, &k, "declined", NULL, "No beds", TODAY, &out, &e), 0);
	assert_string_equal(out.decline_reason, "No beds");
	assert_int_equal(out.handler_id, 0);
	/* Nor on a closed case. */
	struct case_rec closed = k;
	closed.status = "closed";
	assert_int_equal(
	    referral_answer(&a, &w1, &r, &closed, "accepted", NULL, NULL, TODAY, &out, &e),
	    K_EFORBIDDEN);
	/* Past its date, a sent referral is expired, and can no longer be answered. */
	assert_string_equal(referral_status_now(&r, "2026-07-01"), "sent");
	assert_string_equal(referral_status_now(&r, "2026-07-02"), "expired");
	e.n = 0;
	assert_int_equal(
	    referral_answer(&a, &w1, &r, &k, "accepted", NULL, NULL, "2026-07-02", &out, &e),
	    K_EINVAL);
	assert_non_null(field_error_for(&e, "status"));
	/* An answered one does not expire. */
	struct referral done = r;
	done.status = "accepted";
	assert_string_equal(referral_status_now(&done, "2027-01-01"), "accepted");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partner_validation),
		cmocka_unit_test(test_who_edits_an_entry),
		cmocka_unit_test(test_sending_validation),
		cmocka_unit_test(test_sides),
		cmocka_unit_test(test_steps_in_komek),
		cmocka_unit_test(test_steps_outside_komek_and_expiry),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
