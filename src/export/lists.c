/* lists.c: the lists as CSV or XLSX (export.h): cases, services delivered and referrals,
 * with the HXL hashtags of a 3W ("who does what where") table where they have one. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/reference.h"
#include "export/export.h"
#include "export/table.h"

/* Rows are read from the store in pages of this many (its lists cap a page). */
#define PAGE 500

static const struct export_col case_cols[] = {
	{ N_("Case"), "#activity +case +id" },
	{ N_("Person"), "#beneficiary +id" },
	{ N_("Family name"), "#beneficiary +name +family" },
	{ N_("Given name"), "#beneficiary +name +given" },
	{ N_("Status"), "#status +code" },
	{ N_("Opened on"), "#date +start" },
	{ N_("Closed on"), "#date +end" },
	{ N_("Reason for closing"), "#status +closing +code" },
	{ N_("Household"), "#affected +household" },
	{ N_("Assigned worker"), "#contact +name" },
	{ N_("Next review"), "#date +review" },
	{ N_("Organisation"), "#org +name" },
};

static const struct export_col service_cols[] = {
	{ N_("Service"), "#activity +id" },
	{ N_("Delivered on"), "#date" },
	{ N_("Organisation"), "#org +name" },
	{ N_("Service kind"), "#sector +code" },
	{ N_("Form"), "#activity +form +code" },
	{ N_("Function"), "#activity +function +code" },
	{ N_("Means"), "#activity +means +code" },
	{ N_("Region"), "#adm1 +code" },
	{ N_("Person"), "#beneficiary +id" },
	{ N_("Household"), "#affected +household" },
	{ N_("Assistance"), "#value +type" },
	{ N_("Amount"), "#value +amount" },
	{ N_("Currency"), "#currency" },
	{ N_("Duration in minutes"), "#output +minutes" },
	{ N_("Given by"), "#contact +name" },
	{ N_("Case"), "#activity +case +id" },
};

static const struct export_col referral_cols[] = {
	{ N_("Referral"), "#activity +referral +id" },
	{ N_("Sent on"), "#date +start" },
	{ N_("From"), "#org +from +name" },
	{ N_("To"), "#org +to +name" },
	{ N_("Service kind"), "#sector +code" },
	{ N_("Status"), "#status +code" },
	{ N_("Answered on"), "#date +answered" },
	{ N_("Completed on"), "#date +end" },
	{ N_("Expires on"), "#date +expiry" },
	{ N_("Person"), "#beneficiary +id" },
	{ N_("Case"), "#activity +case +id" },
};

static const char *num(struct req *r, int64_t v)
{
	return v ? arena_printf(&r->arena, "%lld", (long long)v) : NULL;
}

static const char *yes(bool v)
{
	return v ? "1" : "0";
}

static int cases_table(struct req *r, const struct export_request *x, struct export_table *t)
{
	struct case_filter f = x->cases;
	f.limit = PAGE;
	for (f.offset = 0;; f.offset += PAGE) {
		struct case_rec *rows;
		size_t n;
		int rc = store_case_list(req_db(r), &r->arena, r->who, &f, &rows, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			const struct case_rec *k = &rows[i];
			const char **c = export_row(r, t);
			if (!c)
				return K_ETOOBIG;
			const char *v[] = { num(r, k->id),     num(r, k->person_id),
					    k->family_name,    k->given_name,
					    k->status,         k->opened_on,
					    k->closed_on,      k->closing_reason,
					    yes(k->household), k->worker_name,
					    k->next_review_on, r->who->org_name };
			memcpy(c, v, sizeof(v));
			if (k->restricted)
				export_restricted(r, t, k->person_id);
		}
		if (n < PAGE)
			return 0;
	}
}

static int services_table(struct req *r, const struct export_request *x, struct export_table *t)
{
	struct service_filter f = x->services;
	f.limit = PAGE;
	for (f.offset = 0;; f.offset += PAGE) {
		struct service_rec *rows;
		size_t n;
		int rc = store_services_find(req_db(r), &r->arena, r->who, &f, &rows, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			const struct service_rec *s = &rows[i];
			const char **c = export_row(r, t);
			if (!c)
				return K_ETOOBIG;
			const char *v[] = { num(r, s->id),
					    s->delivered_on,
					    r->who->org_name,
					    s->service_kind,
					    s->form,
					    s->function,
					    s->means,
					    s->region,
					    num(r, s->person_id),
					    yes(s->household),
					    s->assistance,
					    num(r, s->amount),
					    s->currency,
					    num(r, s->minutes),
					    s->provider_name,
					    num(r, s->case_id) };
			memcpy(c, v, sizeof(v));
			if (s->restricted)
				export_restricted(r, t, s->person_id);
		}
		if (n < PAGE)
			return 0;
	}
}

static int referrals_table(struct req *r, const struct export_request *x, struct export_table *t)
{
	struct referral_filter f = x->referrals;
	f.today = r->today;
	f.limit = PAGE;
	for (f.offset = 0;; f.offset += PAGE) {
		struct referral *rows;
		size_t n;
		int rc = store_referrals(req_db(r), &r->arena, r->who, &f, &rows, &n);
		if (rc)
			return rc;
		for (size_t i = 0; i < n; i++) {
			const struct referral *k = &rows[i];
			const char **c = export_row(r, t);
			if (!c)
				return K_ETOOBIG;
			const char *v[] = { num(r, k->id), k->sent_on, k->from_org_name,
					    k->partner_name, k->service_kind,
					    referral_status_now(k, r->today), k->answered_on,
					    k->completed_on, k->expires_on,
					    /* The receiving side knows the person by what was
					     * shared, not by the sender's record. */
					    f.inbox ? NULL : num(r, k->person_id),
					    f.inbox ? NULL : num(r, k->case_id) };
			memcpy(c, v, sizeof(v));
			if (k->restricted && !f.inbox)
				export_restricted(r, t, k->person_id);
		}
		if (n < PAGE)
			return 0;
	}
}

int export_list(struct req *r, const struct export_request *x)
{
	static const struct {
		const char *name, *action;
		const struct export_col *cols;
		size_t ncols;
		int (*fill)(struct req *r, const struct export_request *x, struct export_table *t);
	} lists[] = {
		[EXPORT_CASES] = { "cases", "cases.export", case_cols, ARRAY_SIZE(case_cols),
				   cases_table },
		[EXPORT_SERVICES] = { "services", "services.export", service_cols,
				      ARRAY_SIZE(service_cols), services_table },
		[EXPORT_REFERRALS] = { "referrals", "referrals.export", referral_cols,
				       ARRAY_SIZE(referral_cols), referrals_table },
	};
	if (x->list == EXPORT_PERSONS)
		return export_persons(r, x);
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct export_table t = { .cols = lists[x->list].cols, .ncols = lists[x->list].ncols };
	int rc = lists[x->list].fill(r, x, &t);
	if (rc)
		return rc;
	const char *detail = arena_printf(&r->arena, "format=%s,rows=%zu,%s", sheet_ext(x->format),
					  t.nrows, x->query ? x->query : "");
	return export_write(r, x->format, x->hxl, lists[x->list].name, &t, lists[x->list].action,
			    detail, "case.view");
}
