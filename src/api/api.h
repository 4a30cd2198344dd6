/* api.h: the JSON API under /api/v1: handlers, and the helpers they share (answers, the
 * error envelope, the JSON form of a person). Built with jansson, never with printf. */
#ifndef KOMEK_API_API_H
#define KOMEK_API_API_H

#include <jansson.h>

#include "domain/person.h"
#include "http/request.h"

/* Sends json (the reference is stolen) with status. */
int api_send(struct req *r, int status, json_t *json);
/* {"error": {"code", "message", "field"}} with the message translated. */
void api_error(struct req *r, int status, const char *field, const char *msgid);
/* The same envelope with a code of its own (a new reference), for an answer that adds to it. */
json_t *api_error_json(struct req *r, const char *code, const char *field, const char *msgid);
struct person_row;
/* A person as a list shows them (id, names, birth date, sex, region, legal status,
 * categories, restricted, household_id): a new reference. */
json_t *api_person_row(const struct person_row *p);
/* A list that shows people's records: one view (action, under the person) of each distinct
 * person among n, a restricted one's on disk before the answer. */
int api_log_views(struct req *r, const char *action, const char *detail, const int64_t *person,
		  const bool *restricted, size_t n);
/* Sets "score" (0..100) and "reasons" (match_reason_next's codes) on o: a search result or a
 * likely duplicate. */
void api_match_fields(json_t *o, int score, unsigned reasons);
/* 409 on "version": the record changed since the version the request carries. */
int api_stale(struct req *r);
/* 422 with every field error, the first one as "field". */
int api_validation(struct req *r, const struct field_errors *errs);
/* The request body as a JSON object, or NULL after answering 400. */
json_t *api_body(struct req *r);

/* A string, or null for NULL (a new reference). */
json_t *api_text(const char *s);
/* A string member of a body: NULL for null or ""; a field error for any other type or for
 * text that is not valid UTF-8. Copied into the request's arena. */
const char *api_str(struct req *r, json_t *v, const char *field, struct field_errors *e);
/* A positive integer member (an id): 0 and a field error otherwise. */
int64_t api_id(json_t *v, const char *field, struct field_errors *e);
/* A boolean member: a field error otherwise. */
bool api_bool(json_t *v, const char *field, struct field_errors *e);
/* A request body's members, read by name into their slots: strings with api_str, ids with
 * api_id (API_ID_OPT: null leaves the slot as it is), booleans with api_bool. */
enum api_kind {
	API_STR,
	API_ID,
	API_ID_OPT,
	API_ID_NULL, /* an id, or null for none (0) */
	API_COUNT,   /* a whole number, zero or more; null: -1 (none) */
	API_BOOL,
	API_STR_LIST,
	API_ID_LIST,
	API_JSON /* any value, as a new reference (json_t **) the caller releases */
};
/* The slot of an API_STR_LIST: an array of strings (null: empty) of at most max items. */
struct api_str_list {
	const char **items;
	size_t *n;
	size_t max;
};
/* The slot of an API_ID_LIST: an array of ids of at most max items. */
struct api_id_list {
	int64_t *items;
	size_t *n;
	size_t max;
};
struct api_member {
	const char *name;
	enum api_kind kind;
	void *slot; /* const char **, int64_t *, bool *, struct api_str_list * or api_id_list * */
};
/* Reads the body (a JSON object) through members; a member not among them is an unknown
 * field. false after answering 400 (the body is not a JSON object). */
bool api_read_members(struct req *r, const struct api_member *members, size_t n,
		      struct field_errors *e);

/* A query parameter that must be an integer in range (absent: *out unchanged); false
 * after answering 422. */
bool api_query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t *out);
/* A query parameter that must be a code of a reference list, or a date YYYY-MM-DD (absent or
 * empty: *out NULL); false after answering 422. */
bool api_query_ref(struct req *r, const char *name, const char *list, const char **out);
bool api_query_date(struct req *r, const char *name, const char **out);

json_t *api_person_json(struct req *r, const struct person *p);
/* A referral as its reader's side sees it (referrals.c). */
struct referral;
json_t *api_referral_json(struct req *r, const struct referral *f);
/* Applies a JSON object to p: every member present replaces the field (null clears it).
 * Unknown members and wrong types are field errors. */
void api_person_apply(struct req *r, json_t *in, struct person *p, struct field_errors *errs);

int api_imports_get(struct req *r);
int api_imports_post(struct req *r);
int api_import_get(struct req *r);
int api_import_issues_get(struct req *r);
int api_import_check_post(struct req *r);
int api_import_run_post(struct req *r);
int api_import_discard_post(struct req *r);
int api_session_post(struct req *r);
int api_session_delete(struct req *r);
int api_persons_get(struct req *r);
int api_persons_post(struct req *r);
int api_person_get(struct req *r);
int api_person_patch(struct req *r);
int api_households_post(struct req *r);
int api_household_get(struct req *r);
int api_cases_get(struct req *r);
int api_cases_post(struct req *r);
int api_case_get(struct req *r);
int api_case_patch(struct req *r);
int api_case_notes_get(struct req *r);
int api_case_notes_post(struct req *r);
int api_case_workers_post(struct req *r);
int api_case_worker_delete(struct req *r);
int api_case_assessments_get(struct req *r);
int api_case_assessments_post(struct req *r);
int api_case_recommendations_get(struct req *r);
int api_case_recommendation_post(struct req *r);
int api_case_plan_get(struct req *r);
int api_case_goals_post(struct req *r);
int api_case_goal_patch(struct req *r);
int api_case_tasks_post(struct req *r);
int api_case_task_patch(struct req *r);
int api_case_plan_approval_post(struct req *r);
int api_case_reviews_post(struct req *r);
int api_service_types_get(struct req *r);
int api_case_deadlines_get(struct req *r);
int api_deadlines_get(struct req *r);
int api_case_services_get(struct req *r);
int api_services_get(struct req *r);
int api_case_services_post(struct req *r);
int api_case_service_get(struct req *r);
int api_case_repayments_post(struct req *r);
int api_organisations_get(struct req *r);
int api_organisations_post(struct req *r);
int api_organisation_get(struct req *r);
int api_organisation_patch(struct req *r);
int api_referrals_get(struct req *r);
int api_referrals_post(struct req *r);
int api_referral_get(struct req *r);
int api_referral_patch(struct req *r);
int api_case_referrals_get(struct req *r);
int api_persons_export_get(struct req *r);
int api_cases_export_get(struct req *r);
int api_services_export_get(struct req *r);
int api_referrals_export_get(struct req *r);
int api_duplicates_get(struct req *r);
int api_duplicate_get(struct req *r);
int api_duplicate_link_post(struct req *r);
int api_duplicate_dismiss_post(struct req *r);
int api_duplicates_scan_post(struct req *r);
int api_person_links_get(struct req *r);
int api_person_link_delete(struct req *r);
int api_centres_get(struct req *r);
int api_centres_post(struct req *r);
int api_centre_get(struct req *r);
int api_centre_patch(struct req *r);
int api_centre_rooms_post(struct req *r);
int api_centre_placements_post(struct req *r);
int api_centre_checkout_post(struct req *r);
int api_centre_presence_get(struct req *r);
int api_centre_presence_post(struct req *r);
int api_centre_waiting_post(struct req *r);
int api_centre_waiting_withdraw_post(struct req *r);
int api_person_placements_get(struct req *r);
int api_groups_get(struct req *r);
int api_groups_post(struct req *r);
int api_group_get(struct req *r);
int api_group_patch(struct req *r);
int api_group_members_post(struct req *r);
int api_group_member_leave_post(struct req *r);
int api_group_sessions_post(struct req *r);
int api_group_session_get(struct req *r);
int api_group_session_patch(struct req *r);
int api_person_groups_get(struct req *r);
int api_campaigns_get(struct req *r);
int api_campaigns_post(struct req *r);
int api_campaign_get(struct req *r);
int api_campaign_patch(struct req *r);
int api_campaign_donations_post(struct req *r);
int api_campaign_spendings_post(struct req *r);
int api_events_get(struct req *r);
int api_events_post(struct req *r);
int api_event_get(struct req *r);
int api_event_patch(struct req *r);
int api_event_participants_post(struct req *r);
int api_event_participant_delete(struct req *r);
int api_person_events_get(struct req *r);
int api_programmes_get(struct req *r);
int api_programmes_post(struct req *r);
int api_programme_get(struct req *r);
int api_programme_patch(struct req *r);
int api_programme_quotas_post(struct req *r);
int api_programme_enrolments_post(struct req *r);
int api_enrolment_get(struct req *r);
int api_enrolment_withdraw_post(struct req *r);
int api_enrolment_support_post(struct req *r);
int api_entitlements_get(struct req *r);
int api_instruments_get(struct req *r);
int api_person_screenings_get(struct req *r);
int api_person_screenings_post(struct req *r);
int api_person_screening_get(struct req *r);
int api_employers_get(struct req *r);
int api_employers_post(struct req *r);
int api_employer_get(struct req *r);
int api_employer_patch(struct req *r);
int api_vacancies_get(struct req *r);
int api_vacancies_post(struct req *r);
int api_vacancy_get(struct req *r);
int api_vacancy_patch(struct req *r);
int api_vacancy_candidates_get(struct req *r);
int api_person_skills_get(struct req *r);
int api_person_skills_post(struct req *r);
int api_person_skill_delete(struct req *r);
int api_person_vacancies_get(struct req *r);
int api_employments_post(struct req *r);
int api_employment_get(struct req *r);
int api_employment_patch(struct req *r);
int api_person_employments_get(struct req *r);
int api_labour_alerts_get(struct req *r);
int api_labour_alert_resolve_post(struct req *r);
int api_minimum_wages_get(struct req *r);
int api_minimum_wages_post(struct req *r);
int api_person_integration_get(struct req *r);
int api_person_integration_post(struct req *r);
int api_integration_cohort_get(struct req *r);
int api_reports_get(struct req *r);
int api_dashboard_get(struct req *r);
/* The fixed reports (export/fixed.h): JSON, or format=pdf|csv|xlsx. */
int api_report_monthly_get(struct req *r);
int api_report_programme_get(struct req *r);
int api_report_cohort_get(struct req *r);
int api_person_enrolments_get(struct req *r);
int api_resettler_orgs_get(struct req *r);
int api_resettler_orgs_post(struct req *r);
int api_resettler_org_get(struct req *r);
int api_resettler_org_patch(struct req *r);
int api_resettler_org_steps_post(struct req *r);
int api_councils_get(struct req *r);
int api_councils_post(struct req *r);
int api_council_get(struct req *r);
int api_council_patch(struct req *r);
int api_council_meetings_post(struct req *r);
int api_meeting_get(struct req *r);
int api_meeting_decisions_post(struct req *r);
int api_decision_patch(struct req *r);
int api_proposals_get(struct req *r);
int api_proposals_post(struct req *r);
int api_proposal_get(struct req *r);
int api_proposal_patch(struct req *r);
int api_reference_index(struct req *r);
int api_reference_get(struct req *r);
int api_openapi_get(struct req *r);

#endif
