/* integration.h: integration indicators (issue 8, part 5; ../shared/instruments.md §3). At
 * intake and at each review the worker records the person's standing in the domains of a
 * framework: per domain a status on a four-step scale, the indicator used and the evidence.
 * There is no summed score: a person's page draws each domain's trajectory, and the cohort
 * view shows how the domains moved between people's first and latest reviews.
 *
 * The framework is the UK Home Office Indicators of Integration framework 2019 (code
 * "home_office_2019", stored with each review), fourteen domains in four groups, kept here as
 * data. It grew out of Ager and Strang (2008), whose ten domains map onto it so:
 *   employment                           → work
 *   housing                              → housing
 *   education                            → education
 *   health                               → health_social_care
 *   social bridges                       → bridges
 *   social bonds                         → bonds
 *   social links                         → links
 *   language and cultural knowledge      → language_communication and culture
 *   safety and stability                 → safety and stability
 *   rights and citizenship               → rights_responsibilities
 * and leisure and digital skills are the Home Office's additions.
 *
 * The status scale (integration_statuses; the value is the position, 1 to 4):
 *   1 at_risk   an urgent need
 *   2 building  some steps taken
 *   3 stable    mostly in place
 *   4 thriving  fully in place
 *
 * Any review may be a person's first: a person first met at a review (records begun after
 * intake, or brought over from paper) need not have an "intake", and a person who comes back
 * may have a second one. The trajectory and the cohort go by the dates, never by the kind.
 *
 * Pure functions, no I/O. Strings are static or owned by the caller's arena. */
#ifndef KOMEK_DOMAIN_INTEGRATION_H
#define KOMEK_DOMAIN_INTEGRATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"
#include "domain/reference.h"

/* The framework's code, with its version: stored with each review. */
#define INTEGRATION_FRAMEWORK "home_office_2019"
/* Where it is published (not translated). */
#define INTEGRATION_FRAMEWORK_SOURCE                                                               \
	"Home Office (2019), Indicators of Integration framework 2019, third edition, Home"        \
	" Office Research Report 109; after Ager A. and Strang A. (2008), Understanding"           \
	" Integration: A Conceptual Framework, Journal of Refugee Studies 21(2)"

#define INTEGRATION_DOMAINS_N 14
#define INTEGRATION_GROUPS_N 4
#define INTEGRATION_STATUSES_N 4
#define INTEGRATION_REVIEW_KINDS_N 2
#define INTEGRATION_STATUS_MIN 1
#define INTEGRATION_STATUS_MAX 4
#define INTEGRATION_INDICATOR_MAX 300 /* characters, one line */
#define INTEGRATION_EVIDENCE_MAX 2000 /* characters, several lines */
#define INTEGRATION_NOTE_MAX 4000
#define INTEGRATION_REVIEWS_MAX 200 /* a person's reviews read at once */
/* A cohort's domain counting fewer people than this shows no figures. */
#define INTEGRATION_SMALL_CELL 5

/* A domain of the framework: its code (as integration_domains[i].code, whose labels name
 * it), its group (a code of integration_groups) and the kind of indicator that shows it
 * (msgid, one line, for the form). */
struct integration_domain {
	const char *code, *group, *hint;
};
/* The framework's domains in its order: group by group, as integration_domains. */
extern const struct integration_domain integration_framework[INTEGRATION_DOMAINS_N];

/* ---- reference lists (codes with kk/ru/en labels) ---- */

/* The domains' names, in integration_framework's order: "work", "education", "housing",
 * "health_social_care", "leisure", "bonds", "bridges", "links", "language_communication",
 * "culture", "digital_skills", "safety", "stability", "rights_responsibilities". */
extern const struct ref_item integration_domains[INTEGRATION_DOMAINS_N];
/* "markers_means", "social_connections", "facilitators", "foundation". */
extern const struct ref_item integration_groups[INTEGRATION_GROUPS_N];
/* The status scale in order: integration_statuses[s - 1] is status s ("at_risk",
 * "building", "stable", "thriving"). */
extern const struct ref_item integration_statuses[INTEGRATION_STATUSES_N];
/* "intake", "review". */
extern const struct ref_item integration_review_kinds[INTEGRATION_REVIEW_KINDS_N];

/* The index of a domain in integration_framework (and integration_domains), or -1. */
int integration_domain_index(const char *code);
/* A status's code ("at_risk" for 1), or NULL outside 1..4. */
const char *integration_status_code(int status);
/* A status from its code or its digit ("at_risk" or "1" give 1), or 0. */
int integration_status_parse(const char *v);

/* ---- a review ---- */

/* A domain's standing at a review. */
struct integration_score {
	const char *domain; /* a code of integration_domains */
	int status;         /* 1..4 */
	const char *indicator, *evidence;
};

/* A review as recorded: the person, the day, intake or review, the framework, who reviewed,
 * the domains scored (the others not looked at this time) and a note. */
struct integration_review {
	int64_t id, org_id, person_id, reviewer_id, created_at;
	const char *reviewed_on, *kind, *framework, *note;
	struct integration_score scores[INTEGRATION_DOMAINS_N];
	size_t nscores;
	/* Read with it. */
	const char *reviewer_name;
};

/* Trims and checks a review: reviewed_on a date (default today) not after today nor before
 * p's birth (p may be NULL: not checked); kind "intake" or "review"; framework
 * INTEGRATION_FRAMEWORK (the default); at least one domain scored ("domains"); each domain
 * known and scored once ("domains.<code>"), its status 1..4 ("domains.<code>.status"), its
 * indicator one line of at most INTEGRATION_INDICATOR_MAX characters
 * ("domains.<code>.indicator") and its evidence at most INTEGRATION_EVIDENCE_MAX
 * ("domains.<code>.evidence"), both optional; a note of at most INTEGRATION_NOTE_MAX. The
 * caller leaves out the domains not scored. A valid review's scores are put in the
 * framework's order. 0 or K_EINVAL with errs. */
int integration_review_validate(struct arena *a, struct integration_review *r,
				const struct person *p, const char *today,
				struct field_errors *errs);

/* ---- a person's trajectory ---- */

struct integration_point {
	const char *date; /* the review's reviewed_on */
	int status;
	int64_t review_id;
};
/* A domain's statuses over time. */
struct integration_series {
	const char *domain;               /* integration_framework[i].code */
	struct integration_point *points; /* oldest first; arena-owned, NULL when n is 0 */
	size_t n;
};
/* For each domain of the framework (out[i] for integration_framework[i]), the statuses the
 * reviews gave it, in date order (a day's reviews by id, then as given). Reviews may come in
 * any order; scores of unknown domains or statuses outside 1..4 are left out. */
void integration_trajectory(struct arena *a, const struct integration_review *reviews, size_t n,
			    struct integration_series out[INTEGRATION_DOMAINS_N]);
/* How a domain moved from one status to another: 1 up, 0 the same, -1 down. */
int integration_change(int first, int latest);

/* ---- a cohort ---- */

/* One person's standing in one domain: the status at the first and at the latest of their
 * reviews that scored it (the first by reviewed_on, then id), and how many scored it. */
struct integration_cohort_row {
	const char *domain;
	int first, latest;
	int64_t reviews;
};

/* How a domain moved across a cohort. `people` counts those with a score in it; of them,
 * `followed` those scored at two reviews or more, who moved up (improved), not
 * (stayed) or down (declined) between their first and latest; a person scored once counts
 * in people and in both means, in none of the three. The means are over the people,
 * in hundredths rounded half up (217: 2.17). Small cells: a domain counting 1 to
 * INTEGRATION_SMALL_CELL - 1 people is `suppressed`, every figure 0, so that nobody can be
 * singled out; a domain nobody was scored in shows its zeros. */
struct integration_cohort_domain {
	const char *domain; /* integration_framework[i].code */
	bool suppressed;
	int64_t people, followed;
	int64_t mean_first, mean_latest;
	int64_t improved, stayed, declined;
	/* The running sums of the statuses, for integration_cohort_add (0 when finished). */
	int64_t sum_first, sum_latest;
};

/* The summary of the rows (one per person and domain), out[i] for integration_framework[i]:
 * integration_cohort_start, integration_cohort_add for each row, integration_cohort_finish.
 * Rows of unknown domains, or with a status outside 1..4, are left out. */
void integration_cohort_summarise(const struct integration_cohort_row *rows, size_t n,
				  struct integration_cohort_domain out[INTEGRATION_DOMAINS_N]);
/* The same in steps, for a caller that reads the rows one at a time. */
void integration_cohort_start(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N]);
void integration_cohort_add(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N],
			    const struct integration_cohort_row *row);
/* Makes the means and applies the small-cell rule. */
void integration_cohort_finish(struct integration_cohort_domain out[INTEGRATION_DOMAINS_N]);

/* ---- who may ---- */

/* Who may read a person's reviews (which follow the person's visibility): everyone but
 * analysts. Who may record them: social workers, psychologists, lawyers and supervisors. Who
 * may read a cohort's figures: everyone, analysts included, since they are aggregates that
 * name nobody. */
bool integration_may_read(const struct actor *a);
bool integration_may_write(const struct actor *a);
bool integration_may_read_cohort(const struct actor *a);

#endif
