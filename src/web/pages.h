/* pages.h: the server-rendered pages. One file per page group; each handler is named for
 * what it serves and answers through the request (see http/request.h). */
#ifndef KOMEK_WEB_PAGES_H
#define KOMEK_WEB_PAGES_H

#include "http/request.h"

/* login.c */
int page_login_get(struct req *r);
int page_login_post(struct req *r);
int page_logout_post(struct req *r);
int page_lang_post(struct req *r);
int page_home_get(struct req *r);
/* Whether p (the language switch's "back") is a plain path of this site, safe to redirect
 * to: "/" then only letters, digits and / - _ . with no "//", at most 200 bytes. */
bool local_path(const char *p);

/* persons.c and person_form.c */
int page_persons_get(struct req *r);
int page_person_new_get(struct req *r);
int page_persons_post(struct req *r);
int page_person_get(struct req *r);
int page_person_edit_get(struct req *r);
int page_person_post(struct req *r);
int page_person_history_get(struct req *r);
int page_person_disclosures_get(struct req *r);
int page_person_workers_post(struct req *r);
int page_person_worker_remove_post(struct req *r);
int page_person_consents_post(struct req *r);
int page_person_consent_withdraw_post(struct req *r);
int page_person_erase_post(struct req *r);

/* exports.c */
int page_exports_get(struct req *r);
int page_persons_export_get(struct req *r);
int page_cases_export_get(struct req *r);
int page_services_export_get(struct req *r);
int page_referrals_export_get(struct req *r);

/* imports.c */
int page_imports_get(struct req *r);
int page_imports_post(struct req *r);
int page_import_get(struct req *r);
int page_import_progress_get(struct req *r);
int page_import_check_post(struct req *r);
int page_import_run_post(struct req *r);
int page_import_discard_post(struct req *r);

/* duplicates.c */
int page_duplicates_get(struct req *r);
int page_duplicate_get(struct req *r);
int page_duplicate_link_post(struct req *r);
int page_duplicate_dismiss_post(struct req *r);
int page_duplicates_scan_post(struct req *r);
int page_person_unlink_post(struct req *r);
/* The records linked to a person as the same person, and the pairs of the queue they are
 * in, on the person's page (nothing when there are none). */
struct html;
struct person;
void page_person_links_box(struct req *r, struct html *h, const struct person *p);

/* centres.c */
int page_centres_get(struct req *r);
int page_centre_new_get(struct req *r);
int page_centres_post(struct req *r);
int page_centre_get(struct req *r);
int page_centre_edit_get(struct req *r);
int page_centre_post(struct req *r);
int page_centre_rooms_post(struct req *r);
int page_centre_placements_post(struct req *r);
int page_centre_checkout_post(struct req *r);
int page_centre_waiting_post(struct req *r);
int page_centre_waiting_withdraw_post(struct req *r);
int page_centre_presence_get(struct req *r);
int page_centre_presence_post(struct req *r);
/* The person's stays in centres, on their page (nothing when there are none). */
void page_person_centres_box(struct req *r, struct html *h, int64_t person_id);
/* groups.c */
int page_groups_get(struct req *r);
int page_group_new_get(struct req *r);
int page_groups_post(struct req *r);
int page_group_get(struct req *r);
int page_group_edit_get(struct req *r);
int page_group_post(struct req *r);
int page_group_members_post(struct req *r);
int page_group_member_leave_post(struct req *r);
int page_group_session_new_get(struct req *r);
int page_group_sessions_post(struct req *r);
int page_group_session_get(struct req *r);
int page_group_session_post(struct req *r);
/* The person's groups and attendance, on their page (nothing when there are none). */
void page_person_groups_box(struct req *r, struct html *h, int64_t person_id);
/* campaigns.c */
int page_campaigns_get(struct req *r);
int page_campaign_new_get(struct req *r);
int page_campaigns_post(struct req *r);
int page_campaign_get(struct req *r);
int page_campaign_edit_get(struct req *r);
int page_campaign_post(struct req *r);
int page_campaign_donations_post(struct req *r);
int page_campaign_spendings_post(struct req *r);
/* events.c */
int page_events_get(struct req *r);
int page_event_new_get(struct req *r);
int page_events_post(struct req *r);
int page_event_get(struct req *r);
int page_event_edit_get(struct req *r);
int page_event_post(struct req *r);
int page_event_participants_post(struct req *r);
int page_event_participant_remove_post(struct req *r);
/* The events a person took part in, on their page (nothing when there are none). */
void page_person_events_box(struct req *r, struct html *h, int64_t person_id);
/* programmes.c */
int page_programmes_get(struct req *r);
int page_programme_new_get(struct req *r);
int page_programmes_post(struct req *r);
int page_programme_get(struct req *r);
int page_programme_edit_get(struct req *r);
int page_programme_post(struct req *r);
int page_programme_quotas_post(struct req *r);
int page_programme_enrolments_post(struct req *r);
int page_enrolment_get(struct req *r);
int page_enrolment_support_post(struct req *r);
int page_enrolment_withdraw_post(struct req *r);
/* The programmes a person is or was enrolled in, on their page (nothing when none). */
void page_person_programmes_box(struct req *r, struct html *h, int64_t person_id);
/* screenings.c: a person's screenings (the box lists the latest when `has`). */
int page_person_screenings_get(struct req *r);
int page_person_screenings_post(struct req *r);
int page_person_screening_new_get(struct req *r);
int page_person_screening_get(struct req *r);
void page_person_screenings_box(struct req *r, struct html *h, const struct person *p, bool has);
/* labour.c: labour (issue 8, parts 1 and 2). */
int page_labour_get(struct req *r);
int page_labour_alerts_get(struct req *r);
int page_labour_alert_resolve_post(struct req *r);
int page_employer_new_get(struct req *r);
int page_employers_post(struct req *r);
int page_employer_get(struct req *r);
int page_employer_post(struct req *r);
int page_vacancy_new_get(struct req *r);
int page_vacancies_post(struct req *r);
int page_vacancy_get(struct req *r);
int page_vacancy_post(struct req *r);
int page_employment_new_get(struct req *r);
int page_person_employments_post(struct req *r);
int page_employment_get(struct req *r);
int page_employment_post(struct req *r);
int page_person_skills_post(struct req *r);
int page_person_skill_delete_post(struct req *r);
int page_person_vacancies_get(struct req *r);
int page_minimum_wages_get(struct req *r);
int page_minimum_wages_post(struct req *r);
/* A person's work (employments, skills); a case's person's open working-condition alerts. */
void page_person_labour_box(struct req *r, struct html *h, const struct person *p, bool has);
void page_case_labour_box(struct req *r, struct html *h, int64_t person_id);
/* integration.c: integration indicators (issue 8, part 5). */
int page_integration_get(struct req *r);
int page_integration_new_get(struct req *r);
int page_person_integration_post(struct req *r);
void page_person_integration_box(struct req *r, struct html *h, const struct person *p, bool has);
/* civic.c */
int page_civic_get(struct req *r);
int page_resettler_orgs_get(struct req *r);
int page_resettler_org_new_get(struct req *r);
int page_resettler_orgs_post(struct req *r);
int page_resettler_org_get(struct req *r);
int page_resettler_org_edit_get(struct req *r);
int page_resettler_org_post(struct req *r);
int page_resettler_org_steps_post(struct req *r);
int page_councils_get(struct req *r);
int page_council_new_get(struct req *r);
int page_councils_post(struct req *r);
int page_council_get(struct req *r);
int page_council_edit_get(struct req *r);
int page_council_post(struct req *r);
int page_council_meetings_post(struct req *r);
int page_meeting_get(struct req *r);
int page_meeting_decisions_post(struct req *r);
int page_decision_post(struct req *r);
int page_proposals_get(struct req *r);
int page_proposal_new_get(struct req *r);
int page_proposals_post(struct req *r);
int page_proposal_get(struct req *r);
int page_proposal_edit_get(struct req *r);
int page_proposal_post(struct req *r);

/* cases.c */
int page_cases_get(struct req *r);
int page_case_new_get(struct req *r);
int page_cases_post(struct req *r);
int page_case_get(struct req *r);
int page_case_post(struct req *r);
int page_case_notes_post(struct req *r);
int page_case_workers_post(struct req *r);
int page_case_worker_remove_post(struct req *r);
int page_case_assessments_get(struct req *r);
int page_case_assessment_new_get(struct req *r);
int page_case_assessments_post(struct req *r);
int page_case_recommendation_post(struct req *r);
int page_case_goals_post(struct req *r);
int page_case_goal_status_post(struct req *r);
int page_case_tasks_post(struct req *r);
int page_case_task_status_post(struct req *r);
int page_case_plan_approve_post(struct req *r);
int page_case_reviews_post(struct req *r);
int page_case_services_post(struct req *r);
int page_case_repayments_post(struct req *r);

/* referrals.c */
int page_case_referrals_post(struct req *r);
int page_referrals_get(struct req *r);
int page_referral_get(struct req *r);
int page_referral_post(struct req *r);

/* partners.c */
int page_partners_get(struct req *r);
int page_partners_post(struct req *r);
int page_partner_new_get(struct req *r);
int page_partner_get(struct req *r);
int page_partner_post(struct req *r);

/* rules.c */
int page_rules_get(struct req *r);
int page_rules_post(struct req *r);
int page_rule_new_get(struct req *r);
int page_rule_get(struct req *r);
int page_rule_post(struct req *r);

/* catalogue.c */
int page_service_types_get(struct req *r);
int page_service_types_post(struct req *r);
int page_service_type_post(struct req *r);

/* retention.c */
int page_retention_get(struct req *r);
int page_retention_post(struct req *r);
int page_retention_apply_post(struct req *r);

/* audit.c */
int page_audit_get(struct req *r);

/* users.c */
int page_users_get(struct req *r);
int page_users_post(struct req *r);
int page_user_get(struct req *r);
int page_user_post(struct req *r);

/* static.c */
int page_static_get(struct req *r);

/* An error page with a translated message. */
void page_error(struct req *r, int status, const char *msgid);

/* reports.c: the report builder and its files (issue 9). */
int page_reports_get(struct req *r);
int page_reports_export_get(struct req *r);
/* documents.c: the fixed reports' printable pages, and their files (format=pdf|csv|xlsx). */
int page_report_monthly_get(struct req *r);
int page_report_programme_get(struct req *r);
int page_report_cohort_get(struct req *r);
/* A dashboard per role: a worker's own figures, a supervisor's team, the organisation over
 * time for those who read reports. */
int page_dashboard_get(struct req *r);

#endif
