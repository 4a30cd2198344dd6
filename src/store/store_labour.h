/* store_labour.h: labour (domain/labour.h): employers and vacancies of the actor's
 * organisation, a person's skills, employments and the working-condition alerts they raise,
 * the minimum-wage table and the legal week.
 *
 * Employers and vacancies are their organisation's alone: another organisation's is
 * K_ENOTFOUND. A person's skills and employments follow the person: the functions that take a
 * person_id expect the caller to have read the person with its access rule
 * (store_person_get); those that reach a person from another record (an employment by id, the
 * alerts) apply the rule themselves, so that a restricted person's record never leaves the
 * database for a reader who may not see them. Every write is one transaction, audited; an
 * audit row names fields and kinds, never a wage. A reader's view of a person through these
 * lists is for the caller to audit (store_audit_view). */
#ifndef KOMEK_STORE_STORE_LABOUR_H
#define KOMEK_STORE_STORE_LABOUR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/labour.h"
#include "store/store.h"

/* ---- employers ---- */

/* The organisation's employers by name (active ones only, or all), at most 2000, each with
 * its open vacancies. */
int store_employers(struct dbconn *c, struct arena *a, const struct actor *who, bool active_only,
		    struct employer **rows, size_t *n);
int store_employer_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct employer *out);
/* Adds an employer (e->id 0) or changes one (its version checked: K_ECONFLICT when it moved
 * on), audited. The caller has validated it (employer_validate). */
int store_employer_save(struct dbconn *c, const struct actor *who, struct employer *e);

/* ---- vacancies ---- */

/* NULL or 0: any. */
struct vacancy_filter {
	const char *status, *region, *occupation;
	int64_t employer_id;
};
/* The organisation's vacancies, newest first, at most 2000, with their employer's name. */
int store_vacancies(struct dbconn *c, struct arena *a, const struct actor *who,
		    const struct vacancy_filter *f, struct vacancy **rows, size_t *n);
int store_vacancy_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		      struct vacancy *out);
/* Adds a vacancy (v->id 0) or changes one (version checked), audited: K_EINVAL with errs
 * when the employer is not one of the organisation's. The caller has validated it
 * (vacancy_validate). */
int store_vacancy_save(struct dbconn *c, const struct actor *who, struct vacancy *v,
		       struct field_errors *errs);

/* ---- a person's skills, education and work history ---- */

/* By kind (education, skill, work), the latest first; at most 500. */
int store_person_skills(struct dbconn *c, struct arena *a, int64_t person_id,
			struct person_skill **rows, size_t *n);
/* Adds a row (validated: person_skill_validate), audited. */
int store_person_skill_add(struct dbconn *c, const struct actor *who, struct person_skill *s);
/* Deletes a row of the person, audited: K_ENOTFOUND when the person has no such row. */
int store_person_skill_delete(struct dbconn *c, const struct actor *who, int64_t person_id,
			      int64_t id);

/* ---- matching ---- */

struct vacancy_match_row {
	struct vacancy vacancy;
	int score;        /* 0..100 (vacancy_match) */
	unsigned reasons; /* enum labour_match_reason */
};
/* The organisation's open vacancies for a person (read by the caller with store_person_get),
 * best first, those scoring at least min_score. */
int store_vacancies_for_person(struct dbconn *c, struct arena *a, const struct actor *who,
			       const struct person *p, int min_score,
			       struct vacancy_match_row **rows, size_t *n);
struct labour_candidate {
	struct person_row person;
	int score;
	unsigned reasons;
};
/* The people the actor sees who may suit a vacancy, best first, those scoring at least
 * min_score, at most 200: among those of the vacancy's region, those with a skill or job of
 * its major group, and (when it offers housing) anyone. K_ENOTFOUND for another
 * organisation's vacancy. */
int store_vacancy_candidates(struct dbconn *c, struct arena *a, const struct actor *who,
			     int64_t vacancy_id, int min_score, struct labour_candidate **rows,
			     size_t *n);

/* ---- employments ---- */

/* A person's employments, the latest first, at most 500, each with its employer's name and
 * open alerts. */
int store_employments_of_person(struct dbconn *c, struct arena *a, const struct actor *who,
				int64_t person_id, struct employment **rows, size_t *n);
/* One employment of the organisation whose person the actor sees, else K_ENOTFOUND. */
int store_employment_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			 struct employment *out);
/* Adds an employment (e->id 0) or changes one of e->person_id (version checked: K_ECONFLICT),
 * audited with the names of the fields changed. The caller has read the person and validated
 * e (employment_validate). K_EINVAL with errs when the employer or the vacancy is not the
 * organisation's, the vacancy another employer's, or the case not the person's; a vacancy
 * gives the employer, occupation and region not given. In the same transaction, the alerts
 * of the employment (employment_alerts, with the minimum wage and the legal week in force on
 * started_on) are raised when not open yet (raised_on today), their figures kept current, and
 * the open ones that no longer apply resolved as "corrected"; each raised or corrected alert
 * audited. */
int store_employment_save(struct dbconn *c, struct arena *a, const struct actor *who,
			  struct employment *e, const char *today, struct field_errors *errs);
/* Decides the alerts of every employment again, of every organisation (the minimum-wage table
 * is national), in one transaction; *changed counts the alerts raised or corrected. A
 * condition a worker resolved by hand with the same figures is not raised again. */
int store_labour_recheck(struct dbconn *c, struct arena *a, const struct actor *who,
			 const char *today, int64_t *changed);

/* ---- alerts ---- */

/* 0: any. */
struct labour_alert_filter {
	bool open_only;
	int64_t person_id, case_id, employment_id;
};
/* The organisation's alerts whose person the actor sees (a supervisor's list, a case's, a
 * person's), open first, the latest first, at most 2000, with the person's names, the job and
 * the employer. */
int store_labour_alerts(struct dbconn *c, struct arena *a, const struct actor *who,
			const struct labour_alert_filter *f, struct labour_alert **rows, size_t *n);
int store_labour_alert_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
			   struct labour_alert *out);
/* Resolves an open alert by hand with a note (labour_resolution_validate), audited:
 * K_EINVAL with errs, K_ENOTFOUND when the actor does not see it, K_ECONFLICT when it is
 * resolved already. */
int store_labour_alert_resolve(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t id, const char *resolution, const char *today,
			       struct field_errors *errs);

/* ---- the minimum wage and the legal week ---- */

/* The whole table, by valid_from. */
int store_minimum_wages(struct dbconn *c, struct arena *a, struct minimum_wage **rows, size_t *n);
/* Adds a row or replaces the amount of the row of m->valid_from (validated:
 * minimum_wage_validate), audited. Alerts already raised are not decided again:
 * store_labour_recheck does that. */
int store_minimum_wage_set(struct dbconn *c, const struct actor *who, const struct minimum_wage *m);
int store_labour_rules(struct dbconn *c, struct arena *a, struct labour_rule **rows, size_t *n);

#endif
