/* campaign.h: fundraising for a migrant-assistance fund (issue 7; domain.md §2.3 item 3,
 * `fundraising`): a campaign with its goal, the donations it received (money or in kind) and
 * what was spent from it, linked to the services it paid for. The records, their validation
 * and who may do what. No I/O.
 *
 * The fund keeps one balance per currency: every donation of money adds to it, every spending
 * takes from it, and a spending larger than what is left is refused, so that the balance is
 * always the money received less the money spent, and never below zero (the store holds the
 * rule in one conditional update, store_spending_add). Gifts in kind are counted apart, at
 * the value given. Amounts are minor units of their currency (tiyn for KZT). Strings are owned
 * by the filler's arena. */
#ifndef KOMEK_DOMAIN_CAMPAIGN_H
#define KOMEK_DOMAIN_CAMPAIGN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define CAMPAIGN_NAME_MAX 200
#define CAMPAIGN_LINE_MAX 300
#define CAMPAIGN_NOTE_MAX 2000
#define CAMPAIGN_CURRENCIES 8    /* currencies a campaign's balance is shown in, at most */
#define SPENDING_SERVICES_MAX 50 /* services one spending paid for */

/* What one currency holds: money received, spent, left; gifts in kind at their value. */
struct fund_balance {
	const char *currency;
	int64_t received, spent, balance, in_kind;
};

struct campaign {
	int64_t id, org_id, version, created_at, updated_at;
	const char *name, *purpose, *currency, *starts_on, *ends_on;
	int64_t goal; /* in currency; 0: none */
	bool active;
	/* Read with it: the balances (at most CAMPAIGN_CURRENCIES), donations and spendings. */
	struct fund_balance balances[CAMPAIGN_CURRENCIES];
	size_t nbalances;
	int64_t donations, spendings;
};

struct donation {
	int64_t id, campaign_id, amount;
	const char *donor, *donor_kind, *kind, *currency, *received_on, *description, *note;
	int64_t created_at;
	const char *created_by;
};

struct spending {
	int64_t id, campaign_id, amount;
	const char *currency, *spent_on, *purpose, *note;
	int64_t created_at;
	const char *created_by;
	/* The services it paid for (ids of services of the organisation). */
	int64_t services[SPENDING_SERVICES_MAX];
	size_t nservices;
};

/* Trims and checks a campaign: a name (1..CAMPAIGN_NAME_MAX), a purpose, a currency (ISO 4217
 * letters, KZT by default), a goal of 0 or an amount in range, dates with the end not before
 * the start. */
int campaign_validate(struct arena *a, struct campaign *c, struct field_errors *errs);
/* A donation: a donor (their name; "anonymous" needs none), money (an amount and currency) or
 * in kind (a description, and its value when known), received on a date not after today, a
 * note. */
int donation_validate(struct arena *a, struct donation *d, const char *today,
		      struct field_errors *errs);
/* A spending: an amount and currency, spent on a date not after today, a purpose, a note,
 * and at most SPENDING_SERVICES_MAX services. */
int spending_validate(struct arena *a, struct spending *s, const char *today,
		      struct field_errors *errs);

/* "12, 15 16": the service numbers a form lists (separated by commas, semicolons or spaces)
 * into x->services, at most SPENDING_SERVICES_MAX; K_EINVAL with an error on "services" for
 * anything else (x->nservices then counts those read before). */
int spending_services_parse(const char *s, struct spending *x, struct field_errors *errs);

/* Who may see a fund (its donors are named): everyone but analysts. */
bool campaign_may_read(const struct actor *a);
/* Who may keep a fund (campaigns, donations, spendings): administrators and supervisors. */
bool campaign_may_manage(const struct actor *a);

#endif
