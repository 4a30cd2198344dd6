/* case_services.c: the services delivered in a case, material assistance and loans, on its
 * page, and the forms that record them. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/casework.h"
#include "domain/service.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/case_page.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

static const struct service_type *type_in(const struct service_type *t, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].id == id)
			return &t[i];
	return NULL;
}

static const char *int_text(struct req *r, int64_t v)
{
	return v ? arena_printf(&r->arena, "%lld", (long long)v) : NULL;
}

static void service_form(struct req *r, struct html *h, const struct case_rec *k,
			 const struct service_type *types, size_t nt, const struct case_input *in)
{
	const struct service_rec *v = in ? in->service : NULL;
	const struct field_errors *e = v ? in->service_errs : NULL;
	html(h,
	     "<details%s><summary>%t</summary><form method=\"post\" action=\"/cases/%D/services\" "
	     "class=\"service\">",
	     v ? " open" : "", N_("Record a service"), k->id);
	form_hidden_csrf(r, h);
	const char *err = e ? field_error_for(e, "type_id") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-s-type_id\">%t</label>",
	     err ? " invalid" : "", N_("What was given"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-s-type_id\">%t</p>", err);
	case_select_open(h, "f-s-type_id", "type_id", err != NULL);
	html(h, "<option value=\"\">—</option>");
	for (size_t i = 0; i < nt; i++)
		html(h, "<option value=\"%D\"%s>%s: %s</option>", types[i].id,
		     v && v->type_id == types[i].id ? " selected" : "",
		     ref_text(r, "service_kinds", types[i].service_kind),
		     service_type_label(&types[i], r->lang));
	html(h, "</select></div>");
	form_select_ref_in(h, "s", "form", N_("Form of work"), "forms", v ? v->form : "individual",
			   e, false);
	form_select_ref_in(h, "s", "function", N_("Function"), "functions", v ? v->function : NULL,
			   e, true);
	form_select_ref_in(h, "s", "means", N_("Means"), "means", v ? v->means : "individual", e,
			   false);
	form_text_in(h, "s", "delivered_on", N_("Date"), v ? v->delivered_on : r->today, e, "date");
	form_text_in(h, "s", "minutes", N_("Duration in minutes"),
		     v ? int_text(r, v->minutes) : NULL, e, "number");
	html(h,
	     "<div class=\"field\"><label for=\"f-s-result\">%t</label><textarea id=\"f-s-result\" "
	     "name=\"result\" rows=\"2\">%s</textarea></div>",
	     N_("Result"), v ? v->result : NULL);
	html(h, "<fieldset><legend>%t</legend>", N_("Material assistance or a loan"));
	const char *aerr = e ? field_error_for(e, "assistance") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-s-assistance\">%t</label>",
	     aerr ? " invalid" : "", N_("Assistance"));
	if (aerr)
		html(h, "<p class=\"error\" id=\"e-s-assistance\">%t</p>", aerr);
	const char *as = v ? v->assistance : NULL;
	case_select_open(h, "f-s-assistance", "assistance", aerr != NULL);
	html(h,
	     "<option value=\"\">—</option>"
	     "<option value=\"cash\"%s>%t</option><option value=\"in_kind\"%s>%t</option></select>"
	     "</div>",
	     as && strcmp(as, "cash") == 0 ? " selected" : "", N_("in cash"),
	     as && strcmp(as, "in_kind") == 0 ? " selected" : "", N_("in kind"));
	form_text_in(h, "s", "amount", N_("Amount"),
		     v && v->amount ? amount_text(&r->arena, v->amount) : NULL, e, NULL);
	form_text_in(h, "s", "currency", N_("Currency"), v ? v->currency : "KZT", e, NULL);
	form_text_in(h, "s", "installments", N_("A loan: number of repayments"),
		     v ? int_text(r, v->installments) : NULL, e, "number");
	form_text_in(h, "s", "first_due_on", N_("A loan: first repayment on"),
		     v ? v->first_due_on : NULL, e, "date");
	form_text_in(h, "s", "every_days", N_("A loan: days between repayments"),
		     v ? int_text(r, v->every_days) : NULL, e, "number");
	html(h, "</fieldset><button class=\"primary\">%t</button></form></details>",
	     N_("Record the service"));
}

static void loan_box(struct req *r, struct html *h, const struct case_rec *k,
		     const struct service_rec *s, bool work, const struct case_input *in)
{
	struct repayment *rp;
	size_t n;
	if (store_repayments(req_db(r), &r->arena, s->id, &rp, &n))
		return;
	html(h, "<p>%t: %s %s · %t: %s %s</p><ul>", N_("Repaid"), amount_text(&r->arena, s->repaid),
	     s->currency, N_("Owed"), amount_text(&r->arena, loan_balance(s)), s->currency);
	for (int64_t i = 0; i < s->installments && i < 12; i++) {
		char due[11];
		int64_t amount;
		if (loan_installment(s, i, due, &amount))
			html(h, "<li>%s: %s</li>", layout_date(r, due),
			     amount_text(&r->arena, amount));
	}
	html(h, "</ul>");
	for (size_t i = 0; i < n; i++)
		html(h, "<p>%t %s: %s</p>", N_("Repayment of"), layout_date(r, rp[i].paid_on),
		     amount_text(&r->arena, rp[i].amount));
	if (!work || !loan_balance(s))
		return;
	bool mine = in && in->repayment && in->repayment->service_id == s->id;
	const struct field_errors *e = mine ? in->service_errs : NULL;
	const char *prefix = arena_printf(&r->arena, "l%lld", (long long)s->id);
	html(h, "<form method=\"post\" action=\"/cases/%D/services/%D/repayments\">", k->id, s->id);
	form_hidden_csrf(r, h);
	form_text_in(h, prefix, "paid_on", N_("Paid on"), mine ? in->repayment->paid_on : r->today,
		     e, "date");
	form_text_in(h, prefix, "amount", N_("Amount"),
		     mine && in->repayment->amount ? amount_text(&r->arena, in->repayment->amount)
						   : NULL,
		     e, NULL);
	html(h, "<button>%t</button></form>", N_("Record the repayment"));
}

/* The services delivered in the case, and the form to record one. */
void case_services_box(struct req *r, struct html *h, const struct case_rec *k,
		       const struct case_input *in, bool work)
{
	struct service_rec *s;
	struct service_type *t;
	size_t n, nt;
	if (store_services(req_db(r), &r->arena, k->id, &s, &n) ||
	    store_service_types(req_db(r), &r->arena, false, &t, &nt))
		return;
	html(h, "<section class=\"services\"><h2>%t</h2>", N_("Services delivered"));
	if (!n)
		html(h, "<p>%t</p>", N_("None yet."));
	for (size_t i = 0; i < n; i++) {
		const struct service_type *ty = type_in(t, nt, s[i].type_id);
		html(h, "<article class=\"service\"><h3>%s · %s</h3><p>%s · %s · %s · %s",
		     layout_date(r, s[i].delivered_on), ty ? service_type_label(ty, r->lang) : "",
		     ref_text(r, "service_kinds", s[i].service_kind),
		     ref_text(r, "forms", s[i].form), ref_text(r, "functions", s[i].function),
		     case_member_name(s[i].provider_name, s[i].provider_login));
		if (s[i].minutes)
			html(h, " · %D %t", s[i].minutes, N_("min"));
		if (s[i].amount)
			html(h, " · %s %s", amount_text(&r->arena, s[i].amount), s[i].currency);
		if (s[i].assistance)
			html(h, " (%t)",
			     strcmp(s[i].assistance, "cash") == 0 ? N_("in cash") : N_("in kind"));
		html(h, "</p>");
		if (s[i].result)
			html(h, "<p class=\"note\">%s</p>", s[i].result);
		if (s[i].installments)
			loan_box(r, h, k, &s[i], work, in);
		html(h, "</article>");
	}
	if (work) {
		struct service_type *active;
		size_t na;
		if (!store_service_types(req_db(r), &r->arena, true, &active, &na))
			service_form(r, h, k, active, na, in);
	}
	html(h, "</section>");
}

/* ---- services' forms ---- */

/* A form's whole number (empty: 0); false when not a number in range. */
static bool form_int(struct req *r, const char *name, int64_t max, int64_t *out)
{
	const char *v = req_form(r, name);
	*out = 0;
	return !v || !parse_i64(v, 1, max, out);
}

int page_case_services_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct service_rec s = { .form = req_form(r, "form"),
				 .function = req_form(r, "function"),
				 .means = req_form(r, "means"),
				 .delivered_on = req_form(r, "delivered_on"),
				 .result = req_form(r, "result"),
				 .assistance = req_form(r, "assistance"),
				 .currency = req_form(r, "currency"),
				 .first_due_on = req_form(r, "first_due_on") };
	struct field_errors e = { 0 };
	int64_t type_id = 0;
	if (!form_int(r, "type_id", INT64_MAX, &type_id))
		type_id = 0;
	if (!form_int(r, "minutes", SERVICE_MINUTES_MAX, &s.minutes))
		field_error_add(&e, "minutes", N_("Must be a whole number in range."));
	if (!form_int(r, "installments", LOAN_INSTALLMENTS_MAX, &s.installments))
		field_error_add(&e, "installments", N_("Must be a whole number in range."));
	if (!form_int(r, "every_days", 366, &s.every_days))
		field_error_add(&e, "every_days", N_("Must be a whole number in range."));
	const char *amount = req_form(r, "amount");
	if (amount && !amount_parse(amount, &s.amount))
		field_error_add(&e, "amount", N_("Enter an amount such as 15000 or 15000.50."));
	/* A currency with no amount is the form's default, not a choice. */
	if (!amount && s.currency && strcmp(s.currency, "KZT") == 0)
		s.currency = NULL;
	struct service_type t;
	rc = type_id ? store_service_type_get(req_db(r), &r->arena, type_id, &t) : K_ENOTFOUND;
	if (rc && rc != K_ENOTFOUND)
		return rc;
	service_validate(&r->arena, &s, rc ? NULL : &t, k.opened_on, r->today, &e);
	struct case_input in = { .service = &s, .service_errs = &e };
	if (e.n) {
		r->status = 422;
		in.notice = N_("Some fields need attention; they are marked below.");
		return case_page_render(r, &k, &in);
	}
	if ((rc = store_service_write(req_db(r), &r->arena, r->who, &k, &s)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}

int page_case_repayments_post(struct req *r)
{
	struct case_rec k;
	int rc = case_page_for_work(r, &k);
	if (rc)
		return rc;
	struct repayment p = { .service_id = r->param[1], .paid_on = req_form(r, "paid_on") };
	struct field_errors e = { 0 };
	const char *amount = req_form(r, "amount");
	if (amount && !amount_parse(amount, &p.amount))
		field_error_add(&e, "amount", N_("Enter an amount such as 15000 or 15000.50."));
	struct case_input in = { .repayment = &p, .service_errs = &e };
	rc = e.n ? K_EINVAL
		 : store_repayment_write(req_db(r), &r->arena, r->who, &k, &p, r->today, &e);
	if (rc == K_EINVAL) {
		r->status = 422;
		in.notice = N_("Some fields need attention; they are marked below.");
		return case_page_render(r, &k, &in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/cases/%lld", (long long)k.id));
}
