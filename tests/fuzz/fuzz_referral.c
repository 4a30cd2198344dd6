/* fuzz_referral.c: the directory's entries and a referral's steps (domain/referral.h) on
 * hostile strings.
 *
 * The input is split at NUL bytes into fields that fill an entry of the directory, a new
 * referral and an answer. Properties: nothing crashes or leaks; a validated entry has a
 * name, a known kind, its codes sorted, known and without repeats, an e-mail address and a
 * web address that cannot leave an attribute; a sent referral is dated today and expires
 * after it; an answer that passes moves a referral only along sent → accepted or declined →
 * completed, dated between its previous step and today, and declining or completing
 * carries its text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/util.h"
#include "domain/reference.h"
#include "domain/referral.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FIELDS 10

static void check_codes(const char *const *codes, size_t n, const char *list)
{
	for (size_t i = 0; i < n; i++) {
		if (!ref_valid(list, codes[i]))
			__builtin_trap();
		if (i && strcmp(codes[i - 1], codes[i]) >= 0)
			__builtin_trap();
	}
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

	struct partner p = { .name = f[0],
			     .kind = f[1],
			     .email = f[2],
			     .website = f[3],
			     .phone = f[4],
			     .description = f[8],
			     .services = { f[5], f[6], f[5], f[1] },
			     .nservices = 4,
			     .regions = { f[6], f[5], f[6] },
			     .nregions = 3 };
	struct field_errors e = { 0 };
	if (partner_validate(&a, &p, &e) == 0) {
		if (!p.name || !ref_valid("partner_kinds", p.kind))
			__builtin_trap();
		check_codes(p.services, p.nservices, "service_kinds");
		check_codes(p.regions, p.nregions, "regions");
		if (p.email && (!strchr(p.email, '@') || strpbrk(p.email, "<>\"' ")))
			__builtin_trap();
		if (p.website &&
		    (strncmp(p.website, "http", 4) != 0 || strpbrk(p.website, "<>\"' `")))
			__builtin_trap();
	}

	struct referral r = { .service_kind = f[5], .message = f[8], .expires_on = f[9] };
	e = (struct field_errors){ 0 };
	if (referral_validate_send(&a, &r, today, &e) == 0) {
		if (strcmp(r.sent_on, today) != 0 || strcmp(r.expires_on, today) <= 0 ||
		    !date_valid(r.expires_on))
			__builtin_trap();
	}

	/* An answer from each side, from each status. */
	static const char *const statuses[] = { "sent", "accepted", "declined", "completed" };
	struct actor receiver = { .user_id = 7, .org_id = 2, .role = ROLE_SOCIAL_WORKER };
	struct actor team = { .user_id = 1, .org_id = 1, .role = ROLE_SOCIAL_WORKER };
	struct case_rec k = { .id = 10, .status = "active", .on_team = true };
	for (size_t s = 0; s < sizeof(statuses) / sizeof(statuses[0]); s++)
		for (int in_komek = 0; in_komek < 2; in_komek++) {
			struct referral old = { .id = 1,
						.case_id = 10,
						.from_org_id = 1,
						.to_org_id = in_komek ? 2 : 0,
						.status = statuses[s],
						.sent_on = "2026-11-01",
						.expires_on =
						    f[9] && date_valid(f[9]) ? f[9] : "2026-12-01",
						.answered_on = s ? "2026-11-10" : NULL,
						.handler_id = s && in_komek ? 7 : 0 };
			struct referral out;
			e = (struct field_errors){ 0 };
			const struct actor *who = in_komek ? &receiver : &team;
			if (referral_answer(&a, who, &old, in_komek ? NULL : &k, f[7], f[9], f[8],
					    today, &out, &e) != 0)
				continue;
			const char *was = referral_status_now(&old, today);
			bool step =
			    (strcmp(was, "sent") == 0 && (strcmp(out.status, "accepted") == 0 ||
							  strcmp(out.status, "declined") == 0)) ||
			    (strcmp(was, "accepted") == 0 && strcmp(out.status, "completed") == 0);
			if (!step)
				__builtin_trap();
			const char *on = strcmp(out.status, "completed") == 0 ? out.completed_on
									      : out.answered_on;
			if (!date_valid(on) || strcmp(on, today) > 0 || strcmp(on, old.sent_on) < 0)
				__builtin_trap();
			if (strcmp(out.status, "declined") == 0 && !out.decline_reason)
				__builtin_trap();
			if (strcmp(out.status, "completed") == 0 && !out.outcome)
				__builtin_trap();
		}

	arena_release(&a);
	free(buf);
	return 0;
}
