/* referrals.c: referrals of a person to a partner organisation (domain/referral.h): the
 * section of the case page that sends them and follows them, the organisation's referrals
 * (received and sent), and a referral's page where it is answered.
 *
 * The receiving organisation's pages read only the referral, the copy of what it shares;
 * every page that shows one records a view of its person. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/referral.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/case_page.h"
#include "web/layout.h"
#include "web/pages.h"

#define REFERRALS_PAGE 200

static const char *status_text(struct req *r, const struct referral *f)
{
	return ref_text(r, "referral_statuses", referral_status_now(f, r->today));
}

/* The dated steps of a referral, as a line. */
static void steps_line(struct req *r, struct html *h, const struct referral *f)
{
	html(h, "<p>%t %s", N_("Sent"), layout_date(r, f->sent_on));
	if (f->answered_on)
		html(h, " · %s %s",
		     ref_text(r, "referral_statuses", f->decline_reason ? "declined" : "accepted"),
		     layout_date(r, f->answered_on));
	if (f->completed_on)
		html(h, " · %s %s", ref_text(r, "referral_statuses", "completed"),
		     layout_date(r, f->completed_on));
	if (strcmp(f->status, "sent") == 0)
		html(h, " · %t %s", N_("answer by"), layout_date(r, f->expires_on));
	html(h, "</p>");
}

/* ---- on the case page ---- */

static bool has_referral_consent(struct req *r, int64_t person_id)
{
	struct consent *cs;
	size_t n;
	if (store_consents(req_db(r), &r->arena, person_id, &cs, &n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (strcmp(cs[i].purpose, "referral_sharing") == 0 && !cs[i].withdrawn_on &&
		    strcmp(cs[i].given_on, r->today) <= 0)
			return true;
	return false;
}

static void send_form(struct req *r, struct html *h, const struct case_rec *k,
		      const struct case_input *in)
{
	const struct referral *v = in ? in->referral : NULL;
	const struct field_errors *e = v ? in->referral_errs : NULL;
	struct partner_filter pf = { .active_only = true, .limit = PARTNERS_MAX };
	struct partner *p;
	size_t np;
	if (store_partners(req_db(r), &r->arena, &pf, &p, &np))
		return;
	html(h,
	     "<details%s><summary>%t</summary><form method=\"post\" action=\"/cases/%D/referrals\" "
	     "class=\"referral\">",
	     v ? " open" : "", N_("Refer to an organisation"), k->id);
	form_hidden_csrf(r, h);
	const char *cerr = e ? field_error_for(e, "consent") : NULL;
	if (cerr)
		html(h,
		     "<p class=\"error\" id=\"e-r-consent\" role=\"alert\">%t <a "
		     "href=\"/persons/%D\">%t</a></p>",
		     cerr, k->person_id, N_("Record their consent"));
	else if (!has_referral_consent(r, k->person_id))
		html(h, "<p class=\"hint\">%t <a href=\"/persons/%D\">%t</a></p>",
		     N_("The person has not consented to sharing their data for a referral."),
		     k->person_id, N_("Record their consent"));
	const char *err = e ? field_error_for(e, "partner_id") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-r-partner_id\">%t</label>",
	     err ? " invalid" : "", N_("To"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-r-partner_id\">%t</p>", err);
	case_select_open(h, "f-r-partner_id", "partner_id", err != NULL);
	html(h, "<option value=\"\">—</option>");
	for (size_t i = 0; i < np; i++) {
		if (p[i].org_id == r->who->org_id)
			continue;
		html(h, "<option value=\"%D\"%s>%s (%s)</option>", p[i].id,
		     v && v->partner_id == p[i].id ? " selected" : "", p[i].name,
		     ref_text(r, "partner_kinds", p[i].kind));
	}
	html(h, "</select><p class=\"hint\"><a href=\"/partners\">%t</a></p></div>",
	     N_("Who does what where"));
	form_select_ref_in(h, "r", "service_kind", N_("Service asked for"), "service_kinds",
			   v ? v->service_kind : NULL, e, true);
	form_textarea_in(h, "r", "message", N_("Message to the organisation"),
			 v ? v->message : NULL, e,
			 N_("What the person needs. The organisation sees this, the person's name, "
			    "sex and birth date, and nothing else of the record."));
	html(h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"share_contact\" "
	     "value=\"1\"%s> %t</label></div>",
	     v && v->share_contact ? " checked" : "", N_("Share the person's phone number"));
	form_text_in(h, "r", "expires_on", N_("Answer expected by"), v ? v->expires_on : NULL, e,
		     "date");
	html(h, "<button class=\"primary\">%t</button></form></details>", N_("Send the referral"));
}

/* The forms that record a step: accept, decline with a reason, complete with an outcome. */
struct answer_input {
	const char *to, *on, *text;
	const struct field_errors *errs;
};

static void answer_forms(struct req *r, struct html *h, const struct referral *f,
			 const struct answer_input *in)
{
	const struct field_errors *e = in ? in->errs : NULL;
	const char *to_in = in ? in->to : NULL, *text_in = in ? in->text : NULL;
	const char *now = referral_status_now(f, r->today);
	const char *prefix = arena_printf(&r->arena, "a%lld", (long long)f->id);
	bool sent = strcmp(now, "sent") == 0, accepted = strcmp(now, "accepted") == 0;
	if (!sent && !accepted)
		return;
	const char *serr = e ? field_error_for(e, "status") : NULL;
	if (serr)
		html(h, "<p class=\"error\" role=\"alert\">%t</p>", serr);
	html(h, "<form method=\"post\" action=\"/referrals/%D\" class=\"answer\">", f->id);
	form_hidden_csrf(r, h);
	html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", f->version);
	form_text_in(h, prefix, "on", N_("Date"), in && in->on ? in->on : r->today, e, "date");
	if (sent) {
		form_textarea_in(h, prefix, "reason", N_("Reason, if declined"),
				 to_in && strcmp(to_in, "declined") == 0 ? text_in : NULL, e, NULL);
		html(h,
		     "<p><button name=\"status\" value=\"accepted\" class=\"primary\">%t</button> "
		     "<button name=\"status\" value=\"declined\">%t</button></p></form>",
		     N_("Accept"), N_("Decline"));
		return;
	}
	form_textarea_in(h, prefix, "outcome", N_("Outcome"), text_in, e, NULL);
	html(h,
	     "<p><button name=\"status\" value=\"completed\" class=\"primary\">%t</button></p>"
	     "</form>",
	     N_("Mark as completed"));
}

void case_referrals_box(struct req *r, struct html *h, const struct case_rec *k,
			const struct case_input *in, bool work)
{
	struct referral_filter f = { .case_id = k->id, .today = r->today, .limit = REFERRALS_MAX };
	struct referral *rows;
	size_t n;
	if (store_referrals(req_db(r), &r->arena, r->who, &f, &rows, &n))
		return;
	html(h, "<section class=\"referrals\"><h2>%t</h2>", N_("Referrals"));
	if (!n)
		html(h, "<p>%t</p>", N_("None yet."));
	for (size_t i = 0; i < n; i++) {
		const struct referral *x = &rows[i];
		html(h,
		     "<article class=\"referral\"><h3><a href=\"/referrals/%D\">%s</a> · %s</h3>"
		     "<p>%s",
		     x->id, x->partner_name, status_text(r, x),
		     ref_text(r, "service_kinds", x->service_kind));
		if (x->to_org_id)
			html(h, " · <span class=\"tag\">%t</span>", N_("works in Komek"));
		html(h, "</p>");
		steps_line(r, h, x);
		if (x->decline_reason)
			html(h, "<p class=\"note\">%t: %s</p>", N_("Reason"), x->decline_reason);
		if (x->outcome)
			html(h, "<p class=\"note\">%t: %s</p>", N_("Outcome"), x->outcome);
		/* A partner outside this Komek answers by phone or letter: the team records it. */
		if (work && !x->to_org_id)
			answer_forms(r, h, x, NULL);
		html(h, "</article>");
	}
	if (work)
		send_form(r, h, k, in);
	html(h, "</section>");
}

int page_case_referrals_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct referral f = { .service_kind = req_form(r, "service_kind"),
			      .message = req_form(r, "message"),
			      .expires_on = req_form(r, "expires_on"),
			      .share_contact = req_form(r, "share_contact") != NULL };
	struct field_errors e = { 0 };
	const char *pid = req_form(r, "partner_id");
	if (!pid || parse_i64(pid, 1, INT64_MAX, &f.partner_id))
		field_error_add(&e, "partner_id", N_("Choose an organisation of the directory."));
	referral_validate_send(&r->arena, &f, r->today, &e);
	if (!e.n)
		rc = store_referral_send(req_db(r), &r->arena, r->who, &k, &f, &e);
	if (e.n || rc == K_EINVAL) {
		struct case_input in = { .referral = &f, .referral_errs = &e };
		r->status = 422;
		in.notice = N_("Some fields need attention; they are marked below.");
		return case_page_render(r, &k, &in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

/* ---- the organisation's referrals ---- */

static void referral_rows(struct req *r, struct html *h, const struct referral *rows, size_t n,
			  bool inbox, const char *empty_msgid)
{
	if (!n) {
		html(h, "<p>%t</p>", empty_msgid);
		return;
	}
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr>"
	     "</thead><tbody>",
	     N_("Referral"), N_("Person"), inbox ? N_("From") : N_("To"), N_("For"), N_("Status"));
	for (size_t i = 0; i < n; i++) {
		const struct referral *x = &rows[i];
		html(h, "<tr><td><a href=\"/referrals/%D\">№ %D</a> %s</td><td>%s", x->id, x->id,
		     layout_date(r, x->sent_on),
		     layout_person_name(r, x->family_name, x->given_name, x->patronymic));
		if (x->restricted)
			html(h, " <span class=\"badge\">%t</span>", N_("restricted"));
		html(h, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     inbox ? x->from_org_name : x->partner_name,
		     ref_text(r, "service_kinds", x->service_kind), status_text(r, x));
	}
	html(h, "</tbody></table>");
}

/* The caseload's box: new referrals to the actor's organisation, and those the actor took
 * and has not completed. */
int referrals_caseload_box(struct req *r, struct html *h)
{
	struct referral_filter nf = {
		.inbox = true, .status = "sent", .today = r->today, .limit = REFERRALS_PAGE
	};
	struct referral_filter mf = { .inbox = true,
				      .status = "accepted",
				      .mine = true,
				      .today = r->today,
				      .limit = REFERRALS_PAGE };
	struct referral *fresh, *taken;
	size_t nn, nt;
	int rc = store_referrals(req_db(r), &r->arena, r->who, &nf, &fresh, &nn);
	if (!rc)
		rc = store_referrals(req_db(r), &r->arena, r->who, &mf, &taken, &nt);
	if (rc)
		return rc;
	html(h, "<section><h2>%t</h2>", N_("New referrals to us"));
	referral_rows(r, h, fresh, nn, true, N_("None."));
	if (nt) {
		html(h, "<h3>%t</h3>", N_("Referrals I took"));
		referral_rows(r, h, taken, nt, true, N_("None."));
	}
	html(h, "</section>");
	return 0;
}

int page_referrals_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	const char *box = req_query(r, "box");
	bool sent = box && strcmp(box, "sent") == 0;
	const char *status = req_query(r, "status");
	if (status && (!*status || !ref_valid("referral_statuses", status)))
		status = NULL;
	struct referral_filter f = {
		.inbox = !sent, .status = status, .today = r->today, .limit = REFERRALS_PAGE
	};
	struct referral *rows;
	size_t n;
	int rc = store_referrals(req_db(r), &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Referrals"), NULL);
	html(&h, "<h1>%t</h1>", N_("Referrals"));
	html(&h,
	     "<form class=\"filters\" method=\"get\" action=\"/referrals\"><div class=\"field\">"
	     "<label for=\"f-box\">%t</label><select id=\"f-box\" name=\"box\">"
	     "<option value=\"received\"%s>%t</option><option value=\"sent\"%s>%t</option>"
	     "</select></div>",
	     N_("Which"), sent ? "" : " selected", N_("received by us"), sent ? " selected" : "",
	     N_("sent by us"));
	form_select_ref(&h, "status", N_("Status"), "referral_statuses", status, NULL, true);
	html(&h, "<button>%t</button></form>", N_("Show"));
	referral_rows(r, &h, rows, n, !sent, N_("No referrals match."));
	layout_end(r, &h);
	return 0;
}

/* ---- a referral's page ---- */

/* Whether the actor records the referral's next step on its page. */
static bool answers_here(struct req *r, const struct referral *f)
{
	bool may = false;
	return !store_referral_may_answer(req_db(r), &r->arena, r->who, f, NULL, &may) && may;
}

static int render_referral(struct req *r, const struct referral *f, const struct answer_input *in,
			   const char *notice)
{
	enum referral_side side = referral_side(r->who, f);
	/* A view of the person: a restricted person's referral is shown once that is on disk. */
	int rc = audit_writer_log(r->app->audit, r->who, "referral.view", "person", f->person_id,
				  arena_printf(&r->arena, "referral %lld", (long long)f->id),
				  f->restricted);
	if (rc)
		return rc;
	struct html h;
	const char *title = arena_printf(&r->arena, "№ %lld", (long long)f->id);
	layout_begin(r, &h, N_("Referral"), title);
	html(&h, "<h1>%t %s</h1>", N_("Referral"), title);
	if (side == REFERRAL_SENDER)
		html(&h, "<p><a href=\"/referrals?box=sent\">%t</a></p>", N_("All referrals"));
	else
		html(&h, "<p><a href=\"/referrals\">%t</a></p>", N_("All referrals"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	html(&h, "<dl>");
	layout_dl(&h, N_("Status"), status_text(r, f));
	layout_dl(&h, N_("From"), f->from_org_name);
	layout_dl(&h, N_("To"), f->partner_name);
	layout_dl(&h, N_("For"), ref_text(r, "service_kinds", f->service_kind));
	layout_dl(&h, N_("Person"),
		  layout_person_name(r, f->family_name, f->given_name, f->patronymic));
	layout_dl(&h, N_("Sex"), ref_text(r, "sexes", f->sex));
	layout_dl(&h, N_("Date of birth"), layout_date(r, f->birth_date));
	layout_dl(&h, N_("Phone"), f->phone);
	layout_dl(&h, N_("Sent by"), f->sent_by_name);
	layout_dl(&h, N_("Taken by"), f->handler_name);
	html(&h, "</dl>");
	if (f->restricted)
		html(&h, "<p class=\"badge\">%t</p>",
		     N_("A protected person: keep what you read here to those who help them."));
	steps_line(r, &h, f);
	if (f->message)
		html(&h, "<h2>%t</h2><p class=\"note\">%s</p>", N_("Message"), f->message);
	if (f->decline_reason)
		html(&h, "<h2>%t</h2><p class=\"note\">%s</p>", N_("Reason"), f->decline_reason);
	if (f->outcome)
		html(&h, "<h2>%t</h2><p class=\"note\">%s</p>", N_("Outcome"), f->outcome);
	if (side == REFERRAL_SENDER)
		html(&h, "<p><a href=\"/cases/%D\">%t</a></p>", f->case_id, N_("Back to the case"));
	if (answers_here(r, f))
		answer_forms(r, &h, f, in);
	layout_end(r, &h);
	return 0;
}

int page_referral_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct referral f;
	int rc = store_referral_get(req_db(r), &r->arena, r->who, r->param[0], &f);
	return rc ? rc : render_referral(r, &f, NULL, NULL);
}

int page_referral_post(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct referral old, now;
	int rc = store_referral_get(req_db(r), &r->arena, r->who, r->param[0], &old);
	if (rc)
		return rc;
	if (!answers_here(r, &old))
		return K_EFORBIDDEN;
	struct field_errors e = { 0 };
	struct answer_input in = { .to = req_form(r, "status"),
				   .on = req_form(r, "on"),
				   .errs = &e };
	in.text = req_form(r, in.to && strcmp(in.to, "completed") == 0 ? "outcome" : "reason");
	int64_t version = form_version(r, &e);
	if (!e.n)
		rc = store_referral_answer(req_db(r), &r->arena, r->who, old.id, version, in.to,
					   in.on, in.text, r->today, &now, &e);
	if (rc == K_ECONFLICT) {
		if ((rc = store_referral_get(req_db(r), &r->arena, r->who, old.id, &old)))
			return rc;
		r->status = 409;
		return render_referral(r, &old, &in,
				       N_("Someone else answered this referral meanwhile; it is "
					  "shown as it is now."));
	}
	if (e.n || rc == K_EINVAL) {
		r->status = 422;
		return render_referral(r, &old, &in,
				       N_("Some fields need attention; they are marked below."));
	}
	if (rc)
		return rc;
	/* Back where the answer was given: the case, for its team; else the referral. */
	if (referral_side(r->who, &now) == REFERRAL_SENDER)
		return req_redirect(r,
				    arena_printf(&r->arena, "/cases/%lld", (long long)now.case_id));
	return req_redirect(r, arena_printf(&r->arena, "/referrals/%lld", (long long)now.id));
}
