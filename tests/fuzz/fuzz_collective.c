/* fuzz_collective.c: the validation of the collective and public-state records (issue 7) on
 * hostile strings: groups, members and sessions; donations, spendings and the service
 * numbers a spending form lists; events and participants; programmes, quotas, enrolments,
 * ages and support against a family's entitlements; resettlers' organisations, councils,
 * meetings, decisions and proposals.
 *
 * The input is split at NUL bytes into fields that fill the records (a field's first bytes
 * also make numbers). Properties: nothing crashes or leaks; what a validation accepts keeps
 * its rules: a money donation has an amount and a three-letter currency; the services parsed
 * are positive and at most SPENDING_SERVICES_MAX; a session's count of unregistered people is
 * in range; an enrolment's family is 1..30 and its year 2000..2100; support accepted is within
 * the entitlement of its kind; a decided proposal says what became of it; an age is -1 or
 * at most the years between. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "domain/campaign.h"
#include "domain/civic.h"
#include "domain/event.h"
#include "domain/group.h"
#include "domain/programme.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 10

/* A number from a field's first bytes, signed, anywhere in the int64 range's small part. */
static int64_t num(const char *f)
{
	int64_t v = 0;
	for (size_t i = 0; f && f[i] && i < 7; i++)
		v = v * 251 + (unsigned char)f[i];
	return f && f[0] == '-' ? -v : v;
}

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
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

	struct group g = { .kind = f[0],
			   .form = f[1],
			   .function = f[2],
			   .name = f[3],
			   .starts_on = f[4],
			   .ends_on = f[5],
			   .place = f[6],
			   .schedule = f[7],
			   .description = f[8],
			   .facilitator_id = num(f[9]) };
	group_validate(&a, &g, &e);
	struct group_member m = { .person_id = num(f[0]), .joined_on = f[1], .note = f[2] };
	e = (struct field_errors){ 0 };
	member_validate(&a, &m, today, &e);
	leave_validate(f[1], f[2], today, &e);
	struct group_session gs = {
		.held_on = f[3], .topic = f[4], .note = f[5], .unregistered = num(f[6])
	};
	e = (struct field_errors){ 0 };
	if (session_validate(&a, &gs, today, &e) == 0 &&
	    (gs.unregistered < 0 || gs.unregistered > GROUP_UNREGISTERED_MAX))
		__builtin_trap();

	struct campaign k = { .name = f[0],
			      .purpose = f[1],
			      .currency = f[2],
			      .goal = num(f[3]),
			      .starts_on = f[4],
			      .ends_on = f[5] };
	e = (struct field_errors){ 0 };
	campaign_validate(&a, &k, &e);
	struct donation d = { .donor = f[1],
			      .donor_kind = f[2],
			      .kind = f[3],
			      .amount = num(f[4]),
			      .currency = f[5],
			      .received_on = f[6],
			      .description = f[7],
			      .note = f[8] };
	e = (struct field_errors){ 0 };
	if (donation_validate(&a, &d, today, &e) == 0 && is(d.kind, "money") &&
	    (d.amount <= 0 || !d.currency || strlen(d.currency) != 3))
		__builtin_trap();
	struct spending *x = arena_alloc(&a, sizeof(*x));
	*x = (struct spending){ .amount = num(f[0]),
				.currency = f[1],
				.spent_on = f[2],
				.purpose = f[3],
				.note = f[4] };
	e = (struct field_errors){ 0 };
	spending_services_parse(f[5], x, &e);
	if (x->nservices > SPENDING_SERVICES_MAX)
		__builtin_trap();
	for (size_t i = 0; i < x->nservices; i++)
		if (x->services[i] <= 0)
			__builtin_trap();
	spending_validate(&a, x, today, &e);

	struct event ev = { .kind = f[0],
			    .form = f[1],
			    .function = f[2],
			    .means = f[3],
			    .title = f[4],
			    .held_on = f[5],
			    .ends_on = f[6],
			    .medium = f[7],
			    .migrants = num(f[8]),
			    .hosts = num(f[9]),
			    .circulation = num(f[6]) };
	e = (struct field_errors){ 0 };
	if (event_validate(&a, &ev, &e) == 0 &&
	    (ev.migrants < 0 || ev.hosts < 0 || (!event_is_publication(&ev) && ev.medium)))
		__builtin_trap();
	struct event_participant pa = { .person_id = num(f[0]), .role = f[1] };
	e = (struct field_errors){ 0 };
	participant_validate(&a, &pa, &e);

	struct programme p = { .kind = f[0],
			       .name = f[1],
			       .description = f[2],
			       .categories = { f[3], f[4] },
			       .ncategories = 2,
			       .legal_statuses = { f[5] },
			       .nlegal_statuses = 1,
			       .age_min = num(f[6]) % 200 - 1,
			       .age_max = num(f[7]) % 200 - 1,
			       .has_quota = size & 1 };
	e = (struct field_errors){ 0 };
	programme_validate(&a, &p, &e);
	struct person who = {
		.legal_status = f[5], .birth_date = f[8], .categories = { f[3] }, .ncategories = 1
	};
	const char *why;
	programme_eligible(&p, &who, today, &why);
	int age = person_age_on(f[8], today);
	if (age < -1 || age > 2026)
		__builtin_trap();
	struct quota q = { .region = f[1], .year = num(f[2]), .quota = num(f[3]) };
	e = (struct field_errors){ 0 };
	quota_validate(&a, &q, &e);
	struct enrolment en = { .person_id = num(f[0]),
				.region = f[1],
				.year = num(f[2]) % 4000,
				.family_size = num(f[3]) % 64,
				.enrolled_on = f[4],
				.note = f[5] };
	e = (struct field_errors){ 0 };
	if (enrolment_validate(&a, &en, &p, today, &e) == 0 &&
	    (en.family_size < 1 || en.family_size > PROGRAMME_FAMILY_MAX || en.year < 2000 ||
	     en.year > 2100))
		__builtin_trap();
	static const struct support_rule rules[] = {
		{ "relocation_subsidy", "2000-01-01", 70, 0, 0, 0 },
		{ "rent_support", "2000-01-01", 0, 15, 30, 12 },
		{ "housing_certificate", "2000-01-01", 0, 0, 1160, 0 },
		{ "housing_certificate", "2026-01-01", 0, 0, 1625, 0 },
	};
	const struct rates r = { 2026, 8500000, 432500, 5085100 };
	struct entitlements ent;
	programme_entitlements(&r, rules, 4, 1 + (size % 30), f[6] ? f[6] : today, &ent);
	struct enrolment fixed = { .family_size = 1 + (size % 30), .enrolled_on = "2026-01-01" };
	struct support s = { .kind = f[7], .amount = num(f[8]), .given_on = f[9] };
	e = (struct field_errors){ 0 };
	if (support_validate(&a, &s, &fixed, &ent, NULL, 0, today, &e) == 0) {
		if (s.amount <= 0 ||
		    (is(s.kind, "relocation_subsidy") && s.amount > ent.relocation) ||
		    (is(s.kind, "housing_certificate") && s.amount > ent.certificate_max) ||
		    (is(s.kind, "rent_support") &&
		     (s.amount < ent.rent_month_min || s.amount > ent.rent_month_max)))
			__builtin_trap();
	}

	struct resettler_org o = { .name = f[0],
				   .kind = f[1],
				   .region = f[2],
				   .initiators = f[3],
				   .contact = f[4],
				   .note = f[5] };
	e = (struct field_errors){ 0 };
	resettler_org_validate(&a, &o, &e);
	struct org_step st = { .step = f[6], .done_on = f[7], .note = f[8] };
	e = (struct field_errors){ 0 };
	org_step_validate(&a, &st, today, &e);
	struct council c = { .name = f[0], .kind = f[1], .region = f[2], .note = f[3] };
	e = (struct field_errors){ 0 };
	council_validate(&a, &c, &e);
	struct council_meeting cm = {
		.held_on = f[4], .place = f[5], .agenda = f[6], .minutes = f[7]
	};
	e = (struct field_errors){ 0 };
	meeting_validate(&a, &cm, &e);
	struct decision de = { .text = f[8], .status = f[9], .due_on = f[4] };
	e = (struct field_errors){ 0 };
	decision_validate(&a, &de, &e);
	struct proposal pr = { .title = f[0],
			       .text = f[1],
			       .addressee = f[2],
			       .submitted_on = f[3],
			       .status = f[4],
			       .outcome = f[5],
			       .outcome_on = f[6] };
	e = (struct field_errors){ 0 };
	if (proposal_validate(&a, &pr, today, &e) == 0 &&
	    (is(pr.status, "accepted") || is(pr.status, "rejected") ||
	     is(pr.status, "partly_accepted") || is(pr.status, "implemented")) &&
	    !pr.outcome)
		__builtin_trap();

	arena_release(&a);
	free(buf);
	return 0;
}
