/* service.h: services delivered in a case (issue 5, domain.md §2.4), material assistance and
 * loans: the records, their validation and a loan's schedule and balance. No I/O.
 * Amounts are whole minor units of their currency (tiyn for KZT). */
#ifndef KOMEK_DOMAIN_SERVICE_H
#define KOMEK_DOMAIN_SERVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/person.h"

#define SERVICE_MINUTES_MAX 10080      /* a week */
#define SERVICE_AMOUNT_MAX 10000000000 /* minor units: 100 million of the currency */
#define LOAN_INSTALLMENTS_MAX 120

/* An entry of the catalogue the administrators keep: a sub-type of a service kind. */
struct service_type {
	int64_t id;
	const char *service_kind, *label_kk, *label_ru, *label_en;
	bool material; /* material assistance: cash or in kind, with an amount */
	bool loan;     /* a loan: amount, schedule, repayments */
	bool active;
};

struct service_rec {
	int64_t id, case_id, person_id, type_id, goal_id, provider_id, created_at;
	bool household;
	const char *service_kind, *form, *function, *means, *delivered_on, *result;
	int64_t minutes; /* 0: not recorded */
	/* Material assistance. */
	const char *assistance; /* "cash", "in_kind" */
	int64_t amount;         /* 0: none */
	const char *currency;   /* ISO 4217 */
	/* A loan: amount in `installments` parts, the first on first_due_on, then every
	 * every_days days; repaid: the sum of the repayments. */
	int64_t installments, every_days, repaid;
	const char *first_due_on;
	/* Read with it (restricted: the person's record is, and their region, in lists across
	 * cases). */
	const char *provider_login, *provider_name;
	bool restricted;
	const char *region;
	const struct service_type *type;
};

struct repayment {
	int64_t id, service_id, amount;
	const char *paid_on;
};

/* Checks a service of type t (active) in a case opened on opened_on: the type's kind is
 * copied; form, function and means from their lists; a delivery date not after today nor
 * before the case opened; minutes 1..SERVICE_MINUTES_MAX when given; a result of at most
 * 4000 characters. Material assistance needs its kind (cash or in kind) and, for cash, an
 * amount and currency; a loan an amount, currency, 1..LOAN_INSTALLMENTS_MAX installments, a
 * first due date not before delivery, and an interval (default 30 days). Other services
 * carry none of these. 0 or K_EINVAL with errs filled. */
int service_validate(struct arena *a, struct service_rec *s, const struct service_type *t,
		     const char *opened_on, const char *today, struct field_errors *errs);

/* The amount still owed on a loan (amount - repaid, never below 0). */
int64_t loan_balance(const struct service_rec *s);
/* The i-th installment (0-based) of a loan: its due date into due and its amount (equal
 * parts, the remainder with the last). false past the last or on a bad date. */
bool loan_installment(const struct service_rec *s, int64_t i, char due[11], int64_t *amount);
/* A repayment: a date not after today nor before the loan was given; an amount above 0 and
 * not above the balance. */
int repayment_validate(struct arena *a, struct repayment *r, const struct service_rec *loan,
		       const char *today, struct field_errors *errs);

/* The type's label in lang. */
const char *service_type_label(const struct service_type *t, const char *lang);
/* "12 345.67" for 1234567 minor units (two decimals). */
const char *amount_text(struct arena *a, int64_t minor);
/* Parses "12345", "12345.6" or "12 345,67" into minor units (two decimals); false if not an
 * amount above 0 and at most SERVICE_AMOUNT_MAX. */
bool amount_parse(const char *s, int64_t *minor);

#endif
