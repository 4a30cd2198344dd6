/* referral.h: the directory of partner organisations ("who does what where") and referrals
 * of a person to them (issue 5): the records, their validation, and the rules of a
 * referral's life. No I/O.
 *
 * A referral moves sent → accepted or declined (with a reason), and accepted → completed
 * (with an outcome); each step is dated. A sent referral nobody answered by its expiry date
 * is expired, and can no longer be answered. When the partner works in this Komek, its
 * workers answer; otherwise the sending case's team records the answer they were given.
 * Strings are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_REFERRAL_H
#define KOMEK_DOMAIN_REFERRAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/casework.h"
#include "domain/person.h"

#define PARTNER_SERVICES_MAX 16 /* the service kinds of domain.md §2.4 */
#define PARTNER_REGIONS_MAX 24  /* Kazakhstan's regions and cities */
#define REFERRAL_DAYS_DEFAULT 30
#define REFERRAL_DAYS_MAX 365

struct partner {
	int64_t id, version, created_at, updated_at;
	int64_t org_id;       /* the organisation of this Komek it is, or 0 (komek org link) */
	const char *name_key; /* set by partner_validate: the name's match keys */
	const char *name, *kind, *description, *address, *phone, *email, *website;
	const char *contact_person;
	bool active;
	const char *services[PARTNER_SERVICES_MAX]; /* service_kinds codes */
	size_t nservices;
	const char *regions[PARTNER_REGIONS_MAX]; /* regions codes */
	size_t nregions;
	const char *org_name; /* read with it */
};

/* Trims the texts, sorts and de-duplicates the lists, then checks every field: a name (1..200
 * characters), a kind from "partner_kinds", known service kinds and regions, a phone, an
 * e-mail address and a web address when given; sets name_key. 0 or K_EINVAL with errs
 * filled. */
int partner_validate(struct arena *a, struct partner *p, struct field_errors *errs);
bool partner_offers(const struct partner *p, const char *service_kind);
bool partner_covers(const struct partner *p, const char *region);
/* Whether the actor may change the entry: an administrator, and for an entry that is an
 * organisation of this Komek only that organisation's administrators. Which organisation an
 * entry is (and so whose workers receive the people referred to it) is the operator's to
 * set, with `komek org link`, never an administrator's. */
bool partner_may_edit(const struct actor *a, const struct partner *p);

struct referral {
	int64_t id, case_id, person_id, from_org_id, partner_id, to_org_id, consent_id;
	int64_t sent_by, answered_by, handler_id, completed_by, version, created_at, updated_at;
	const char *service_kind, *message, *status, *sent_on, *expires_on;
	const char *answered_on, *decline_reason, *completed_on, *outcome;
	bool restricted, share_contact;
	/* What it shares, copied from the person when sent. */
	const char *family_name, *given_name, *patronymic, *birth_date, *sex, *phone;
	/* Read with it. */
	const char *partner_name, *from_org_name, *to_org_name;
	const char *sent_by_name, *handler_name;
};

/* Checks a new referral made on today: a service kind, a message of at most CASE_TEXT_MAX
 * characters, an expiry date after today and at most REFERRAL_DAYS_MAX days on (default
 * REFERRAL_DAYS_DEFAULT). Sets sent_on and status. 0 or K_EINVAL with errs filled. */
int referral_validate_send(struct arena *a, struct referral *r, const char *today,
			   struct field_errors *errs);
/* The status as of today: "expired" for a sent one past its expiry date. */
const char *referral_status_now(const struct referral *r, const char *today);

/* Which side of a referral the actor is on. */
enum referral_side {
	REFERRAL_NONE,     /* neither: the referral is invisible to them */
	REFERRAL_SENDER,   /* of the sending organisation */
	REFERRAL_RECEIVER, /* of the receiving organisation (one of this Komek) */
};
/* The side by organisation alone (the sender's view of the person is checked by the store). A
 * receiver who may not read people (an analyst) is on no side; a restricted person's referral
 * is seen on the receiving side by its supervisors and by the worker who took it. */
enum referral_side referral_side(const struct actor *a, const struct referral *r);

/* Whether the actor records step `to` of r (NULL: the step its status leads to): see
 * referral_answer. k is the sending case when the actor is on the sending side, else NULL. */
bool referral_may_answer(const struct actor *who, const struct referral *r,
			 const struct case_rec *k, const char *to);
/* Checks an answer: r (old, read in the same transaction, with k the sending case when the
 * actor is on the sending side) moved to `to` ("accepted", "declined", "completed") on `on`
 * (empty: today) with a reason (declined) or an outcome (completed). The receiving
 * organisation answers when it works in this Komek (its workers accept and decline; the
 * worker who took it or a supervisor completes), else the case's team or a supervisor records
 * it. K_EFORBIDDEN when the actor may not; K_EINVAL with errs (a step not allowed from the
 * status as of today is an error on "status"). On success new is old with the step made. */
int referral_answer(struct arena *a, const struct actor *who, const struct referral *old,
		    const struct case_rec *k, const char *to, const char *on, const char *text,
		    const char *today, struct referral *out, struct field_errors *errs);

#endif
