/* referral.c: partner organisations and referrals (referral.h). */
#include "domain/referral.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/reference.h"
#include "domain/validate.h"

#define PARTNER_NAME_MAX 200
#define PARTNER_LINE_MAX 300
#define PARTNER_DESCRIPTION_MAX 2000
#define DECLINE_REASON_MAX 1000

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Sorts a list of codes and drops repeats and empty entries; checks each against `list`. */
static void codes_settle(const char **codes, size_t *n, const char *list, const char *field,
			 struct field_errors *errs)
{
	size_t w = 0;
	for (size_t i = 0; i < *n; i++)
		if (codes[i] && codes[i][0])
			codes[w++] = codes[i];
	qsort(codes, w, sizeof(*codes), cmp_str);
	*n = w;
	w = 0;
	for (size_t i = 0; i < *n; i++)
		if (!w || strcmp(codes[w - 1], codes[i]) != 0)
			codes[w++] = codes[i];
	*n = w;
	for (size_t i = 0; i < w; i++)
		if (!ref_valid(list, codes[i])) {
			field_error_add(errs, field, N_("Choose a value from the list."));
			return;
		}
}

int partner_validate(struct arena *a, struct partner *p, struct field_errors *errs)
{
	size_t before = errs->n;
	const char **texts[] = { &p->name,  &p->description, &p->address,       &p->phone,
				 &p->email, &p->website,     &p->contact_person };
	for (size_t i = 0; i < ARRAY_SIZE(texts); i++)
		*texts[i] = val_trim(a, *texts[i]);
	val_text(errs, "name", p->name, true, PARTNER_NAME_MAX);
	val_ref(errs, "kind", "partner_kinds", p->kind, true);
	val_note(errs, "description", p->description, PARTNER_DESCRIPTION_MAX);
	val_text(errs, "address", p->address, false, PARTNER_LINE_MAX);
	val_phone(errs, "phone", p->phone);
	val_email(errs, "email", p->email);
	val_url(errs, "website", p->website);
	val_text(errs, "contact_person", p->contact_person, false, PARTNER_LINE_MAX);
	codes_settle(p->services, &p->nservices, "service_kinds", "services", errs);
	codes_settle(p->regions, &p->nregions, "regions", "regions", errs);
	if (errs->n > before)
		return K_EINVAL;
	p->name_key = names_search_key(a, p->name);
	return 0;
}

static bool among(const char *const *codes, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return true;
	return false;
}

bool partner_offers(const struct partner *p, const char *service_kind)
{
	return among(p->services, p->nservices, service_kind);
}

bool partner_covers(const struct partner *p, const char *region)
{
	return among(p->regions, p->nregions, region);
}

bool partner_may_edit(const struct actor *a, const struct partner *p)
{
	return access_may_admin(a) && (!p->org_id || p->org_id == a->org_id);
}

int referral_validate_send(struct arena *a, struct referral *r, const char *today,
			   struct field_errors *errs)
{
	size_t before = errs->n;
	char deflt[11], last[11];
	r->message = val_trim(a, r->message);
	r->expires_on = val_trim(a, r->expires_on);
	val_ref(errs, "service_kind", "service_kinds", r->service_kind, true);
	val_note(errs, "message", r->message, CASE_TEXT_MAX);
	if (!r->expires_on && date_add_days(today, REFERRAL_DAYS_DEFAULT, deflt))
		r->expires_on = arena_strdup(a, deflt);
	val_date(errs, "expires_on", r->expires_on, today, false);
	if (r->expires_on && date_valid(r->expires_on) &&
	    date_add_days(today, REFERRAL_DAYS_MAX, last) &&
	    (strcmp(r->expires_on, today) <= 0 || strcmp(r->expires_on, last) > 0))
		field_error_add(errs, "expires_on",
				N_("Choose a date after today and within a year."));
	r->sent_on = today;
	r->status = "sent";
	return errs->n > before ? K_EINVAL : 0;
}

const char *referral_status_now(const struct referral *r, const char *today)
{
	if (r->status && strcmp(r->status, "sent") == 0 && r->expires_on &&
	    strcmp(r->expires_on, today) < 0)
		return "expired";
	return r->status;
}

enum referral_side referral_side(const struct actor *a, const struct referral *r)
{
	if (!access_may_read_persons(a))
		return REFERRAL_NONE;
	if (a->org_id == r->from_org_id)
		return REFERRAL_SENDER;
	if (!r->to_org_id || a->org_id != r->to_org_id)
		return REFERRAL_NONE;
	if (r->restricted && !access_sees_restricted(a) && r->handler_id != a->user_id)
		return REFERRAL_NONE;
	return REFERRAL_RECEIVER;
}

/* Who records the step: the receiving organisation when it is in this Komek (its workers
 * take or turn down a referral; completing is for the worker who took it or a supervisor),
 * else the sending case's team while the case is open. */
bool referral_may_answer(const struct actor *who, const struct referral *r,
			 const struct case_rec *k, const char *to)
{
	if (!to)
		to = strcmp(r->status, "accepted") == 0 ? "completed" : "accepted";
	if (!access_may_write_persons(who))
		return false;
	if (r->to_org_id) {
		if (referral_side(who, r) != REFERRAL_RECEIVER)
			return false;
		return strcmp(to, "completed") != 0 || !r->handler_id ||
		       r->handler_id == who->user_id || access_sees_restricted(who);
	}
	return referral_side(who, r) == REFERRAL_SENDER && k && case_may_work(who, k) &&
	       strcmp(k->status, "closed") != 0;
}

int referral_answer(struct arena *a, const struct actor *who, const struct referral *old,
		    const struct case_rec *k, const char *to, const char *on, const char *text,
		    const char *today, struct referral *out, struct field_errors *errs)
{
	size_t before = errs->n;
	const char *now = referral_status_now(old, today);
	bool accept = to && strcmp(to, "accepted") == 0;
	bool decline = to && strcmp(to, "declined") == 0;
	bool complete = to && strcmp(to, "completed") == 0;

	if (!accept && !decline && !complete) {
		field_error_add(errs, "status", N_("Choose a value from the list."));
		return K_EINVAL;
	}
	if (!referral_may_answer(who, old, k, to))
		return K_EFORBIDDEN;
	*out = *old;
	if ((accept || decline) && strcmp(now, "sent") != 0)
		field_error_add(errs, "status",
				strcmp(now, "expired") == 0
				    ? N_("The referral has expired; send a new one.")
				    : N_("The referral has been answered already."));
	if (complete && strcmp(now, "accepted") != 0)
		field_error_add(errs, "status", N_("Only an accepted referral can be completed."));
	on = val_trim(a, on);
	if (!on)
		on = today;
	val_date(errs, "on", on, today, true);
	const char *since = complete ? old->answered_on : old->sent_on;
	if (date_valid(on) && since && strcmp(on, since) < 0)
		field_error_add(errs, "on", N_("The date is before the referral's previous step."));
	text = val_trim(a, text);
	const char *field = decline ? "reason" : "outcome";
	if (decline || complete) {
		if (!text)
			field_error_add(errs, field, N_("This field is required."));
		val_note(errs, field, text, decline ? DECLINE_REASON_MAX : CASE_TEXT_MAX);
	} else if (text) {
		field_error_add(errs, "reason", N_("Only a declined referral carries a reason."));
	}
	if (errs->n > before)
		return K_EINVAL;
	out->status = to;
	if (complete) {
		out->completed_on = on;
		out->completed_by = who->user_id;
		out->outcome = text;
		return 0;
	}
	out->answered_on = on;
	out->answered_by = who->user_id;
	if (decline)
		out->decline_reason = text;
	else if (old->to_org_id)
		out->handler_id = who->user_id; /* who takes it in the receiving organisation */
	return 0;
}
