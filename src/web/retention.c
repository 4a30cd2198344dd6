/* retention.c: an organisation's retention rule, for its administrators (store.h): how many
 * months what was written in a closed case is kept, how many cases are due now, and a button
 * that applies the rule at once (a daily `komek retain` does it otherwise). */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define RETENTION_MONTHS_MIN 12
#define RETENTION_MONTHS_MAX 1200

static int render_retention(struct req *r, const char *months_in, const struct field_errors *e,
			    const char *notice)
{
	int64_t months = 0, due = 0;
	char cutoff[11] = "";
	int rc = store_retention_get(req_db(r), r->who->org_id, &months);
	if (!rc && months && date_add_months(r->today, -(int)months, cutoff))
		rc = store_retention_due(req_db(r), r->who->org_id, cutoff, &due);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Retention"), NULL);
	html(
	    &h, "<h1>%t</h1><p>%t</p>", N_("Retention"),
	    N_("How long what was written in a closed case is kept. After that, Komek empties "
	       "the case's notes, assessments, reviews, results and referrals, and makes anonymous "
	       "a person whose cases have all gone that way. Dates, statuses and the "
	       "classification stay, so the figures do not change."));
	if (notice)
		html(&h, "<p class=\"notice\" role=\"status\">%s</p>", notice);
	if (months)
		html(&h, "<p>%t: <strong>%D</strong>. %t %s: <strong>%D</strong>.</p>",
		     N_("Months a closed case is kept"), months, N_("Cases closed on or before"),
		     layout_date(r, cutoff), due);
	else
		html(&h, "<p>%t</p>",
		     N_("No rule: closed cases are kept until a person asks to be erased."));
	html(&h, "<form method=\"post\" action=\"/retention\">"
		 "<input type=\"hidden\" name=\"rule\" value=\"1\">");
	form_hidden_csrf(r, &h);
	form_text(&h, "months", N_("Months a closed case is kept (12 to 1200; empty: no rule)"),
		  months_in ? months_in
		  : months  ? arena_printf(&r->arena, "%lld", (long long)months)
			    : NULL,
		  e, "number");
	html(&h, "<button class=\"primary\">%t</button></form>", N_("Save"));
	if (months && due) {
		html(&h, "<form method=\"post\" action=\"/retention/apply\">");
		form_hidden_csrf(r, &h);
		html(&h, "<button>%t</button></form>", N_("Apply the rule now"));
	}
	layout_end(r, &h);
	return 0;
}

int page_retention_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	return render_retention(r, NULL, NULL, NULL);
}

int page_retention_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	const char *v = req_form(r, "months");
	int64_t months = 0;
	struct field_errors e = { 0 };
	/* An empty months field is a choice (no rule); a form without the marker is not one. */
	if (!req_form(r, "rule"))
		field_error_add(&e, "months", N_("The form is incomplete. Reload the page."));
	else if (v && parse_i64(v, RETENTION_MONTHS_MIN, RETENTION_MONTHS_MAX, &months))
		field_error_add(&e, "months", N_("Must be a whole number in range."));
	if (e.n) {
		r->status = 422;
		return render_retention(r, v, &e, NULL);
	}
	int rc = store_retention_set(req_db(r), r->who, months);
	return rc ? rc : req_redirect(r, "/retention");
}

int page_retention_apply_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct retention_result *res = NULL;
	size_t n = 0;
	int rc =
	    store_retention_run(req_db(r), &r->arena, r->who->org_id, r->today, false, &res, &n);
	if (rc)
		return rc;
	const char *notice =
	    arena_printf(&r->arena, "%s: %lld; %s: %lld.", i18n_tr(r->lang, N_("Cases anonymised")),
			 (long long)(n ? res[0].cases : 0), i18n_tr(r->lang, N_("People")),
			 (long long)(n ? res[0].persons : 0));
	return render_retention(r, NULL, NULL, notice);
}
