/* case_page.h: what the files of a case's page share (private to web/): cases.c draws the
 * page and its core forms; case_assessment.c the needs and proposed technologies;
 * case_plan.c the individual plan; case_services.c the services delivered; referrals.c
 * the referrals. Each form posts
 * back to the case, and a refused input shows the page again with its errors and input. */
#ifndef KOMEK_WEB_CASE_PAGE_H
#define KOMEK_WEB_CASE_PAGE_H

#include <stdbool.h>

#include "domain/casework.h"
#include "domain/referral.h"
#include "domain/service.h"
#include "http/request.h"
#include "web/html.h"

/* What a refused form on the case page brings back to it. */
struct case_input {
	const char *notice;            /* a message id above everything, or NULL */
	const struct case_rec *change; /* the status form's input, or NULL */
	const struct field_errors *change_errs;
	const struct case_note *note; /* the note form's input, or NULL */
	const struct field_errors *note_errs;
	const struct field_errors *team_errs;
	/* The plan's forms: a goal's title, a task (of goal task->goal_id), a review. */
	const char *goal_title;
	const struct plan_task *task;
	const struct case_review *review;
	const struct field_errors *plan_errs;
	/* The services' forms: a service, a repayment (of repayment->service_id). */
	const struct service_rec *service;
	const struct repayment *repayment;
	const struct field_errors *service_errs;
	/* The referral form's input. */
	const struct referral *referral;
	const struct field_errors *referral_errs;
};

/* Shows the case page (a recorded view of its person), with in's input and errors if any. */
int case_page_render(struct req *r, const struct case_rec *k, const struct case_input *in);
/* Reads the case of the path (a case the actor may not see is 404). */
int case_page_read(struct req *r, struct case_rec *k);
/* The same, for a change by its team or a supervisor, the case not closed: else 403. */
int case_page_for_work(struct req *r, struct case_rec *k);
const char *case_member_name(const char *full_name, const char *login);
/* Opens a select with id "f-X" and name; an invalid one points at its message "e-X". */
void case_select_open(struct html *h, const char *id, const char *name, bool invalid);

/* The sections of the page. */
void case_needs_box(struct req *r, struct html *h, const struct case_rec *k, bool work);
void case_proposals_box(struct req *r, struct html *h, const struct case_rec *k, bool work);
void case_plan_box(struct req *r, struct html *h, const struct case_rec *k,
		   const struct case_member *m, size_t nm, const struct case_input *in, bool work);
void case_services_box(struct req *r, struct html *h, const struct case_rec *k,
		       const struct case_input *in, bool work);
void case_referrals_box(struct req *r, struct html *h, const struct case_rec *k,
			const struct case_input *in, bool work);
/* The caseload's new referrals to the actor's organisation and those they took. */
int referrals_caseload_box(struct req *r, struct html *h);

#endif
