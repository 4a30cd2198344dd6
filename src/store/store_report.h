/* store_report.h: the facts reports count (0027_reports.sql) and the reports themselves
 * (domain/report.h).
 *
 * The facts are derived from the records, never written by hand: each function below
 * deletes the rows of what it is given and derives them again from the records, inside the
 * caller's transaction. A new service, case or referral derives its own facts
 * (store_report_service, _case, _referral); a write that changes what a person's facts say
 * (a case's status, an event they are named at, their categories, region, sex, birth date or
 * programme, a merge or its undoing) calls store_report_person before it commits. */
#ifndef KOMEK_STORE_STORE_REPORT_H
#define KOMEK_STORE_STORE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/report.h"
#include "store/store.h"

/* A person's services, cases, referrals and event participations. */
int store_report_person(struct dbconn *c, int64_t person_id);
/* One record's fact: a service, a case (its opening), a referral. */
int store_report_service(struct dbconn *c, int64_t id);
int store_report_case(struct dbconn *c, int64_t id);
int store_report_referral(struct dbconn *c, int64_t id);
/* A group session (its date, attendance), every session of a group (its form, function),
 * every participant of an event (its date, form, function, means). */
int store_report_session(struct dbconn *c, int64_t session_id);
int store_report_group(struct dbconn *c, int64_t group_id);
int store_report_event(struct dbconn *c, int64_t event_id);
/* Derives every fact again, in one transaction, when the reference lists' codes differ from
 * those the facts were coded with (or always, with force). Run by store_migrate. */
int store_report_rebuild(struct dbconn *c, bool force);

/* Runs a report for the actor: their organisation's facts (every organisation's for
 * report_all_orgs), summed by report_acc, suppressed when report_suppresses, on c; a
 * period of more than a month reads its second half at once on another connection of db,
 * if one is free. K_EFORBIDDEN when the actor may not read reports; K_ETOOBIG when an axis
 * has too many values. */
int store_report_run(struct db *db, struct dbconn *c, struct arena *a, const struct actor *who,
		     const struct report_spec *spec, struct report_table *out);
/* The names of an axis's keys that are records (organisations; programmes, in lang):
 * names[i] for keys[i], NULL for 0 or one not found; other axes: all NULL. */
int store_report_names(struct dbconn *c, struct arena *a, enum report_axis axis, const char *lang,
		       const int64_t *keys, size_t n, const char ***names);

/* ---- dashboards ---- */

/* A worker's own figures (the team's, for a supervisor: one row per worker). */
struct dashboard_worker {
	int64_t user_id;
	const char *login, *full_name, *role;
	int64_t open_cases, overdue_tasks, tasks_this_week, closures_waiting, services_this_month;
};
/* The organisation's figures, counting only the records the actor may see. */
struct dashboard_org {
	int64_t open_cases, closures_waiting, referrals_to_answer, referrals_waiting, labour_alerts;
};
/* The actor's own row (*n = 1), or for a supervisor one row per active supervisor, social
 * worker, psychologist and lawyer of the organisation, by name. `today` is YYYY-MM-DD. */
int store_dashboard_team(struct dbconn *c, struct arena *a, const struct actor *who,
			 const char *today, struct dashboard_worker **rows, size_t *n);
/* The organisation's open cases and closures waiting, new referrals to answer (restricted
 * ones for those who see them), referrals sent and waiting (a worker's: their own), neither
 * expired on `today`, and the open working-condition alerts: of the people the actor sees. */
int store_dashboard_org(struct dbconn *c, const struct actor *who, const char *today,
			struct dashboard_org *out);

#endif
