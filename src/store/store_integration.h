/* store_integration.h: integration reviews (domain/integration.h): a person's reviews with
 * their domain scores, kept as made, and the cohort figures of an organisation.
 *
 * A person's reviews follow the person: the functions that take a person_id expect the
 * caller to have read the person with its access rule (store_person_get), and read only the
 * actor's organisation's reviews. Adding a review is one transaction, audited with its kind
 * and the codes of the domains scored, never a status or a text. A reader's view of a person
 * through these lists is for the caller to audit (store_audit_view).
 *
 * The cohort is an aggregate and names nobody: it counts every person of the organisation
 * who has a review, restricted ones included, whoever reads it (analysts too:
 * integration_may_read_cohort), and withholds the figures of a domain counting fewer than
 * INTEGRATION_SMALL_CELL people (integration_cohort_finish). Erased records, and records
 * linked to another as the same person (whose reviews moved to it), are left out. */
#ifndef KOMEK_STORE_STORE_INTEGRATION_H
#define KOMEK_STORE_STORE_INTEGRATION_H

#include <stddef.h>
#include <stdint.h>

#include "domain/integration.h"
#include "store/store.h"

/* Adds a review with its scores (validated: integration_review_validate) in one
 * transaction, audited; sets r->id, org_id, reviewer_id (the actor) and created_at.
 * K_ENOTFOUND when the person is not one of the organisation's live records. */
int store_integration_review_add(struct dbconn *c, struct arena *a, const struct actor *who,
				 struct integration_review *r);
/* A person's reviews, newest first (by reviewed_on, then id), at most
 * INTEGRATION_REVIEWS_MAX, each with its scores in the framework's order and the reviewer's
 * name. */
int store_integration_reviews(struct dbconn *c, struct arena *a, const struct actor *who,
			      int64_t person_id, struct integration_review **rows, size_t *n);
/* One review of a person, else K_ENOTFOUND. */
int store_integration_review_get(struct dbconn *c, struct arena *a, const struct actor *who,
				 int64_t person_id, int64_t id, struct integration_review *out);

/* Whom a cohort takes: NULL or 0 is any. */
struct integration_cohort_filter {
	const char *category; /* a code of "categories": the people in it */
	const char *region;   /* a region's code: the people living there */
	int64_t programme_id; /* the people with an enrolment in it, withdrawn or not */
	int arrival_year;     /* the people who arrived in that year (persons.arrival_date) */
};
/* How the domains moved across the organisation's people whom the filter takes and who have
 * a review of INTEGRATION_FRAMEWORK: for each person and domain the status at the first and
 * at the latest review that scored it (the first by reviewed_on, then id), summarised by
 * integration_cohort_add and _finish into out (out[i] for integration_framework[i]); *people
 * counts the people with any review. One statement, its rows summed as they are read:
 * nothing is kept, and `a` is not used. */
int store_integration_cohort(struct dbconn *c, struct arena *a, const struct actor *who,
			     const struct integration_cohort_filter *f,
			     struct integration_cohort_domain out[INTEGRATION_DOMAINS_N],
			     int64_t *people);

/* The erasure of a person (store_person.c's erase_rest, with ?1 the person): what the workers
 * wrote on their reviews goes, the notes, the indicators and the evidence; the dates, kinds
 * and statuses stay, for the figures. The triggers of 0026_integration.sql allow
 * these updates. */
#define STORE_INTEGRATION_ERASE_NOTES                                                              \
	"UPDATE integration_reviews SET note = NULL WHERE person_id = ?1 AND note IS NOT NULL"
#define STORE_INTEGRATION_ERASE_SCORES                                                             \
	"UPDATE integration_domains SET indicator = NULL, evidence = NULL WHERE review_id IN"      \
	" (SELECT id FROM integration_reviews WHERE person_id = ?1) AND (indicator IS NOT NULL"    \
	" OR evidence IS NOT NULL)"

#endif
