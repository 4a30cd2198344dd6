/* campaigns.c: fundraising for a migrant-assistance fund (domain/campaign.h): the list, a
 * campaign's page (its balance per currency, the donations and spendings, the forms to record
 * them), and the campaign's form. A refused form shows the page again with its errors and the
 * input kept. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/campaign.h"
#include "domain/service.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* Which form of the campaign's page was sent back, with what. */
struct campaign_input {
	const char *form; /* "donation", "spending", or NULL */
	const struct field_errors *errs;
	const char *donor, *donor_kind, *kind, *amount, *currency, *date, *description, *note,
	    *purpose, *services;
};

/* The campaign of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * campaign is looked up). */
static int campaign_for(struct req *r, bool (*may)(const struct actor *), struct campaign *k)
{
	if (!campaign_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_campaign_get(req_db(r), &r->arena, r->who, r->param[0], k);
}

static const char *money(struct req *r, int64_t minor, const char *currency)
{
	return arena_printf(&r->arena, "%s %s", amount_text(&r->arena, minor), currency);
}

int page_campaigns_get(struct req *r)
{
	if (!campaign_may_read(r->who))
		return K_EFORBIDDEN;
	struct campaign *k;
	size_t n;
	int rc = store_campaigns(req_db(r), &r->arena, r->who, &k, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Fundraising"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Fundraising"),
	     N_("Campaigns for the migrant-assistance fund: what was given, in money and in kind, "
		"what was spent and on which services, and what is left."));
	if (campaign_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/campaigns/new\">%t</a></p>",
		     N_("Start a campaign"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("Your organisation has no campaign yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Campaign"), N_("Goal"), N_("Received"), N_("Spent"), N_("Balance"));
	for (size_t i = 0; i < n; i++) {
		const struct fund_balance *b = &k[i].balances[0];
		html(&h,
		     "<tr><td><a href=\"/campaigns/%D\">%s</a> %s</td><td class=\"num\">%s</td>",
		     k[i].id, k[i].name, k[i].active ? "" : i18n_tr(r->lang, N_("(closed)")),
		     k[i].goal ? money(r, k[i].goal, k[i].currency) : "");
		html(&h,
		     "<td class=\"num\">%s</td><td class=\"num\">%s</td><td "
		     "class=\"num\">%s</td></tr>",
		     money(r, b->received, b->currency), money(r, b->spent, b->currency),
		     money(r, b->balance, b->currency));
	}
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* ---- the campaign's form ---- */

static void render_campaign_form(struct req *r, const struct campaign *k, const char *goal,
				 const struct field_errors *e, const char *notice)
{
	struct html h;
	const char *title = k->id ? k->name : i18n_tr(r->lang, N_("Start a campaign"));
	layout_begin(r, &h, N_("Fundraising"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/campaigns\">%t</a></p>", title, N_("All campaigns"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (k->id)
		html(&h, "<form method=\"post\" action=\"/campaigns/%D\">", k->id);
	else
		html(&h, "<form method=\"post\" action=\"/campaigns\">");
	form_hidden_csrf(r, &h);
	if (k->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", k->version);
	form_text(&h, "name", N_("Name of the campaign"), k->name, e, NULL);
	form_textarea(&h, "purpose", N_("Purpose"), k->purpose, e,
		      N_("Whom the fund helps, and with what."));
	html(&h, "<div class=\"row\">");
	form_text(&h, "goal", N_("Goal"), goal, e, NULL);
	form_text(&h, "currency", N_("Currency"), k->currency, e, NULL);
	form_text(&h, "starts_on", N_("Starts on"), k->starts_on, e, "date");
	form_text(&h, "ends_on", N_("Ends on"), k->ends_on, e, "date");
	html(&h, "</div>");
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> "
	     "%t</label></div>",
	     k->active ? " checked" : "", N_("Open: takes donations"));
	html(&h,
	     "<p><button class=\"primary\">%t</button> <a href=\"/campaigns%s\">%t</a></p></form>",
	     N_("Save"), k->id ? arena_printf(&r->arena, "/%lld", (long long)k->id) : "",
	     N_("Cancel"));
	layout_end(r, &h);
}

int page_campaign_new_get(struct req *r)
{
	if (!campaign_may_manage(r->who))
		return K_EFORBIDDEN;
	struct campaign k = { .active = true, .currency = "KZT", .starts_on = r->today };
	render_campaign_form(r, &k, NULL, NULL, NULL);
	return 0;
}

int page_campaign_edit_get(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	if (!rc)
		render_campaign_form(r, &k, k.goal ? amount_text(&r->arena, k.goal) : NULL, NULL,
				     NULL);
	return rc;
}

/* An amount typed in a form: 0 when empty; an error on field when not an amount. */
static int64_t form_amount(const char *v, const char *field, struct field_errors *e)
{
	int64_t minor = 0;
	if (v && *v && !amount_parse(v, &minor))
		field_error_add(e, field,
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
	return minor;
}

/* POST /campaigns and POST /campaigns/{id}. */
static int campaign_save(struct req *r, bool existing)
{
	struct campaign k = { 0 };
	int rc = existing                      ? campaign_for(r, campaign_may_manage, &k)
		 : campaign_may_manage(r->who) ? 0
					       : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	const char *goal = req_form(r, "goal");
	k.name = req_form(r, "name");
	k.purpose = req_form(r, "purpose");
	k.currency = req_form(r, "currency");
	k.starts_on = req_form(r, "starts_on");
	k.ends_on = req_form(r, "ends_on");
	k.active = req_form(r, "active") != NULL;
	k.goal = form_amount(goal, "goal", &e);
	if (existing)
		k.version = form_version(r, &e);
	rc = campaign_validate(&r->arena, &k, &e);
	if (!e.n)
		rc = store_campaign_save(req_db(r), r->who, &k);
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_campaign_form(r, &k, goal, &e,
				     N_("Someone else changed this campaign while you were "
					"editing. Your changes are "
					"below and were not saved; check them and save again."));
		return 0;
	}
	if (e.n || rc == K_EINVAL) {
		r->status = 422;
		render_campaign_form(r, &k, goal, &e, NULL);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/campaigns/%lld", (long long)k.id));
}

int page_campaigns_post(struct req *r)
{
	return campaign_save(r, false);
}

int page_campaign_post(struct req *r)
{
	return campaign_save(r, true);
}

/* ---- the campaign's page ---- */

static void balances_table(struct req *r, struct html *h, const struct campaign *k)
{
	html(h,
	     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("The fund: received less spent is what is left"), N_("Currency"), N_("Received"),
	     N_("Spent"), N_("Balance"), N_("Given in kind (value)"));
	for (size_t i = 0; i < k->nbalances; i++) {
		const struct fund_balance *b = &k->balances[i];
		html(h,
		     "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
		     "<td class=\"num\"><strong>%s</strong></td><td class=\"num\">%s</td></tr>",
		     b->currency, amount_text(&r->arena, b->received),
		     amount_text(&r->arena, b->spent), amount_text(&r->arena, b->balance),
		     amount_text(&r->arena, b->in_kind));
	}
	html(h, "</tbody></table>");
}

static void donations_section(struct req *r, struct html *h, const struct campaign *k,
			      const struct donation *d, size_t n, const struct campaign_input *in)
{
	html(h, "<h2 id=\"donations\">%t</h2>", N_("Donations"));
	if (!n) {
		html(h, "<p>%t</p>", N_("No donations yet."));
	} else {
		html(h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\">%t</th>"
		     "</tr></thead><tbody>",
		     N_("Received on"), N_("Donor"), N_("What"), N_("Amount or value"),
		     N_("Recorded by"));
		for (size_t i = 0; i < n; i++) {
			html(h, "<tr><td>%s</td><td>%s</td><td>%s",
			     layout_date(r, d[i].received_on),
			     d[i].donor ? d[i].donor : ref_text(r, "donor_kinds", d[i].donor_kind),
			     ref_text(r, "donation_kinds", d[i].kind));
			if (d[i].description)
				html(h, ": %s", d[i].description);
			html(h, "</td><td class=\"num\">%s</td><td>%s</td></tr>",
			     d[i].amount ? money(r, d[i].amount, d[i].currency) : "",
			     d[i].created_by);
		}
		html(h, "</tbody></table>");
	}
	if (!campaign_may_manage(r->who) || !k->active)
		return;
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "donation") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/campaigns/%D/donations\">",
	     N_("Record a donation"), k->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_select_ref_in(h, "d", "donor_kind", N_("Donor is"), "donor_kinds",
			   e && in->donor_kind ? in->donor_kind : "person", e, false);
	form_text_in(h, "d", "donor", N_("Donor"), e ? in->donor : NULL, e, NULL);
	form_select_ref_in(h, "d", "kind", N_("Given as"), "donation_kinds",
			   e && in->kind ? in->kind : "money", e, false);
	html(h, "</div><div class=\"row\">");
	form_text_in(h, "d", "amount", N_("Amount or value"), e ? in->amount : NULL, e, NULL);
	form_text_in(h, "d", "currency", N_("Currency"), e ? in->currency : k->currency, e, NULL);
	form_text_in(h, "d", "received_on", N_("Received on"), e && in->date ? in->date : r->today,
		     e, "date");
	html(h, "</div>");
	form_text_in(h, "d", "description", N_("What was given in kind"),
		     e ? in->description : NULL, e, NULL);
	form_textarea_in(h, "d", "note", N_("Note"), e ? in->note : NULL, e, NULL);
	html(h, "<p><button>%t</button></p></form>", N_("Record the donation"));
}

static void spendings_section(struct req *r, struct html *h, const struct campaign *k,
			      const struct spending *x, size_t n, const struct campaign_input *in)
{
	html(h, "<h2 id=\"spendings\">%t</h2>", N_("Spending"));
	if (!n) {
		html(h, "<p>%t</p>", N_("Nothing spent yet."));
	} else {
		html(h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Spent on"), N_("Purpose"), N_("Amount"), N_("Services paid for"),
		     N_("Recorded by"));
		for (size_t i = 0; i < n; i++) {
			html(h, "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>",
			     layout_date(r, x[i].spent_on), x[i].purpose,
			     money(r, x[i].amount, x[i].currency));
			for (size_t j = 0; j < x[i].nservices; j++)
				html(h, "%s№%D", j ? ", " : "", x[i].services[j]);
			html(h, "</td><td>%s</td></tr>", x[i].created_by);
		}
		html(h, "</tbody></table>");
	}
	if (!campaign_may_manage(r->who))
		return;
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "spending") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/campaigns/%D/spendings\">",
	     N_("Record a spending"), k->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "s", "amount", N_("Amount"), e ? in->amount : NULL, e, NULL);
	form_text_in(h, "s", "currency", N_("Currency"), e ? in->currency : k->currency, e, NULL);
	form_text_in(h, "s", "spent_on", N_("Spent on"), e && in->date ? in->date : r->today, e,
		     "date");
	html(h, "</div>");
	form_text_in(h, "s", "purpose", N_("Purpose"), e ? in->purpose : NULL, e, NULL);
	form_text_in(h, "s", "services",
		     N_("Numbers of the services paid for, separated by commas"),
		     e ? in->services : NULL, e, NULL);
	form_textarea_in(h, "s", "note", N_("Note"), e ? in->note : NULL, e, NULL);
	html(h, "<p><button>%t</button></p></form>", N_("Record the spending"));
}

static int render_campaign(struct req *r, const struct campaign *k, const struct campaign_input *in)
{
	struct donation *d;
	struct spending *x;
	size_t nd, nx;
	int rc = store_donations(req_db(r), &r->arena, k->id, &d, &nd);
	if (!rc)
		rc = store_spendings(req_db(r), &r->arena, k->id, &x, &nx);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Fundraising"), k->name);
	html(&h, "<h1>%s</h1><p><a href=\"/campaigns\">%t</a>", k->name, N_("All campaigns"));
	if (campaign_may_manage(r->who))
		html(&h, " · <a href=\"/campaigns/%D/edit\">%t</a>", k->id,
		     N_("Edit the campaign"));
	html(&h, "</p>");
	if (in && in->errs && in->errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (!k->active)
		html(&h, "<p class=\"badge\">%t</p>",
		     N_("Closed: the campaign takes no donations."));
	if (k->purpose)
		html(&h, "<p class=\"note\">%s</p>", k->purpose);
	html(&h, "<dl>");
	if (k->goal) {
		layout_dl(&h, N_("Goal"), money(r, k->goal, k->currency));
		layout_dl(&h, N_("Raised towards it"),
			  arena_printf(&r->arena, "%s (%lld%%)",
				       money(r, k->balances[0].received, k->currency),
				       (long long)(k->balances[0].received * 100 / k->goal)));
	}
	layout_dl(&h, N_("Starts on"), layout_date(r, k->starts_on));
	layout_dl(&h, N_("Ends on"), layout_date(r, k->ends_on));
	html(&h, "</dl>");
	balances_table(r, &h, k);
	donations_section(r, &h, k, d, nd, in);
	spendings_section(r, &h, k, x, nx, in);
	layout_end(r, &h);
	return 0;
}

int page_campaign_get(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_read, &k);
	return rc ? rc : render_campaign(r, &k, NULL);
}

/* The answer to a form of the campaign's page: back to the page, or the page again with the
 * form's errors (422). */
static int campaign_answer(struct req *r, const struct campaign *k, int rc,
			   const struct campaign_input *in, const char *anchor)
{
	if (rc == K_EINVAL) {
		r->status = 422;
		struct campaign now;
		if ((rc = store_campaign_get(req_db(r), &r->arena, r->who, k->id, &now)))
			return rc;
		return render_campaign(r, &now, in);
	}
	if (rc)
		return rc;
	return req_redirect(
	    r, arena_printf(&r->arena, "/campaigns/%lld#%s", (long long)k->id, anchor));
}

int page_campaign_donations_post(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct campaign_input in = { .form = "donation",
				     .errs = &e,
				     .donor = req_form(r, "donor"),
				     .donor_kind = req_form(r, "donor_kind"),
				     .kind = req_form(r, "kind"),
				     .amount = req_form(r, "amount"),
				     .currency = req_form(r, "currency"),
				     .date = req_form(r, "received_on"),
				     .description = req_form(r, "description"),
				     .note = req_form(r, "note") };
	struct donation d = { .campaign_id = k.id,
			      .donor = in.donor,
			      .donor_kind = in.donor_kind,
			      .kind = in.kind,
			      .currency = in.currency,
			      .received_on = in.date,
			      .description = in.description,
			      .note = in.note };
	d.amount = form_amount(in.amount, "amount", &e);
	rc = donation_validate(&r->arena, &d, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_donation_add(req_db(r), &r->arena, r->who, &d, &e);
	return campaign_answer(r, &k, rc, &in, "donations");
}

int page_campaign_spendings_post(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct campaign_input in = { .form = "spending",
				     .errs = &e,
				     .amount = req_form(r, "amount"),
				     .currency = req_form(r, "currency"),
				     .date = req_form(r, "spent_on"),
				     .purpose = req_form(r, "purpose"),
				     .services = req_form(r, "services"),
				     .note = req_form(r, "note") };
	struct spending *x = arena_alloc(&r->arena, sizeof(*x));
	*x = (struct spending){ .campaign_id = k.id,
				.currency = in.currency,
				.spent_on = in.date,
				.purpose = in.purpose,
				.note = in.note };
	x->amount = form_amount(in.amount, "amount", &e);
	spending_services_parse(in.services, x, &e);
	rc = spending_validate(&r->arena, x, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_spending_add(req_db(r), &r->arena, r->who, x, &e);
	return campaign_answer(r, &k, rc, &in, "spendings");
}
