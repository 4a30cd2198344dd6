/* labour.c: labour in the pages (issue 8, parts 1 and 2; domain/labour.h): the labour page
 * (open vacancies, employers), an employer's and a vacancy's pages with their forms and the
 * people a vacancy may suit, a person's work box (employments with their alerts, skills,
 * education and work history) and the vacancies that suit them, an employment's page with
 * its alerts, the list of working-condition alerts, and the minimum-wage table. Every page
 * that names a person is an audited view. */
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/service.h"
#include "store/audit_writer.h"
#include "store/store_labour.h"
#include "web/layout.h"
#include "web/pages.h"

static int log_view(struct req *r, int64_t person_id, bool restricted, const char *what)
{
	return audit_writer_log(r->app->audit, r->who, "labour.view", "person", person_id, what,
				restricted);
}

static const char *kzt(struct req *r, int64_t minor)
{
	return arena_printf(&r->arena, "%s KZT", amount_text(&r->arena, minor));
}

static const char *num(struct req *r, int64_t v)
{
	return v ? arena_printf(&r->arena, "%lld", (long long)v) : NULL;
}

/* A money field of a form: minor units, or -1 with an error when it is not an amount. */
static int64_t form_amount(struct req *r, const char *name, bool required, struct field_errors *e)
{
	const char *s = req_form(r, name);
	int64_t v = 0;
	if (!s || !*s) {
		if (required)
			field_error_add(e, name, N_("This field is required."));
		return required ? -1 : 0;
	}
	if (strcmp(s, "0") == 0)
		return 0;
	if (!amount_parse(s, &v)) {
		field_error_add(e, name, N_("Enter an amount, such as 85000 or 85000.50."));
		return -1;
	}
	return v;
}

/* A whole number field: 0 when empty; an error when it is not one. */
static int64_t form_count(struct req *r, const char *name, struct field_errors *e)
{
	const char *s = req_form(r, name);
	int64_t v = 0;
	if (s && *s && parse_i64(s, 0, INT64_MAX, &v))
		field_error_add(e, name, N_("Must be a whole number, zero or more."));
	return v;
}

static void form_check(struct html *h, const char *name, const char *label_msgid, bool on)
{
	html(h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"%s\" value=\"1\"%s> %t"
	     "</label></div>",
	     name, on ? " checked" : "", label_msgid);
}

static void form_save(struct html *h, const char *cancel)
{
	html(h, "<p><button class=\"primary\">%t</button> <a href=\"%s\">%t</a></p></form>",
	     N_("Save"), cancel, N_("Cancel"));
}

static const char *alert_text(struct req *r, const struct labour_alert *x)
{
	return ref_text(r, "labour_alert_kinds", x->kind);
}

/* ---- the labour page ---- */

static void vacancies_table(struct req *r, struct html *h, const struct vacancy *v, size_t n)
{
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t"
	     "</th><th scope=\"col\" class=\"num\">%t</th><th scope=\"col\">%t</th></tr></thead>"
	     "<tbody>",
	     N_("Vacancy"), N_("Employer"), N_("Occupation"), N_("Region"), N_("Wage a month"),
	     N_("Hours a week"), N_("Housing"));
	for (size_t i = 0; i < n; i++)
		html(
		    h,
		    "<tr><td><a href=\"/vacancies/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>"
		    "<td class=\"num\">%s</td><td class=\"num\">%s</td><td>%t</td></tr>",
		    v[i].id, v[i].title, v[i].employer_name,
		    ref_text(r, "occupations", v[i].occupation),
		    ref_text(r, "regions", v[i].region), v[i].wage ? kzt(r, v[i].wage) : "",
		    num(r, v[i].hours_per_week), v[i].housing ? N_("offered") : N_("no"));
	html(h, "</tbody></table>");
}

int page_labour_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	struct vacancy_filter f = { .status = "open" };
	struct vacancy *v;
	struct employer *e;
	size_t nv, ne;
	struct labour_alert_filter af = { .open_only = true };
	struct labour_alert *alerts;
	size_t na;
	int rc = store_vacancies(req_db(r), &r->arena, r->who, &f, &v, &nv);
	if (!rc)
		rc = store_employers(req_db(r), &r->arena, r->who, true, &e, &ne);
	if (!rc)
		rc = store_labour_alerts(req_db(r), &r->arena, r->who, &af, &alerts, &na);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Labour"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p><p><a href=\"/labour/alerts\">%t</a>: %D", N_("Labour"),
	     N_("Employers and their vacancies, the people they may suit, and the working "
		"conditions of the people you work with."),
	     N_("Working-condition alerts"), (int64_t)na);
	html(&h, " · <a href=\"/minimum-wages\">%t</a></p>", N_("The minimum wage"));
	html(&h, "<section aria-labelledby=\"vacancies-h\"><h2 id=\"vacancies-h\">%t</h2>",
	     N_("Open vacancies"));
	if (labour_may_write(r->who))
		html(&h, "<p><a class=\"button\" href=\"/vacancies/new\">%t</a></p>",
		     N_("New vacancy"));
	if (nv)
		vacancies_table(r, &h, v, nv);
	else
		html(&h, "<p>%t</p>", N_("No open vacancies."));
	html(&h,
	     "</section><section aria-labelledby=\"employers-h\"><h2 id=\"employers-h\">%t"
	     "</h2>",
	     N_("Employers"));
	if (labour_may_write(r->who))
		html(&h, "<p><a class=\"button\" href=\"/employers/new\">%t</a></p>",
		     N_("New employer"));
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
	     N_("Employer"), N_("Region"), N_("Open vacancies"));
	for (size_t i = 0; i < ne; i++)
		html(&h,
		     "<tr><td><a href=\"/employers/%D\">%s</a></td><td>%s</td><td class=\"num\">%D"
		     "</td></tr>",
		     e[i].id, e[i].name, ref_text(r, "regions", e[i].region), e[i].open_vacancies);
	html(&h, "</tbody></table></section>");
	layout_end(r, &h);
	return 0;
}

/* ---- employers ---- */

static void employer_form(struct req *r, struct html *h, const struct employer *e,
			  const struct field_errors *errs)
{
	if (e->id)
		html(h, "<form method=\"post\" action=\"/employers/%D\">", e->id);
	else
		html(h, "<form method=\"post\" action=\"/employers\">");
	form_hidden_csrf(r, h);
	if (e->id)
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", e->version);
	form_text(h, "name", N_("Organisation name"), e->name, errs, NULL);
	form_text(h, "bin", N_("BIN"), e->bin, errs, NULL);
	form_select_ref(h, "region", N_("Region"), "regions", e->region, errs, true);
	form_text(h, "address", N_("Address"), e->address, errs, NULL);
	form_text(h, "contact", N_("Contact person"), e->contact, errs, NULL);
	form_text(h, "phone", N_("Phone"), e->phone, errs, "tel");
	form_textarea(h, "note", N_("Note"), e->note, errs, NULL);
	if (e->id)
		form_check(h, "active", N_("Active"), e->active);
	form_save(h,
		  e->id ? arena_printf(&r->arena, "/employers/%lld", (long long)e->id) : "/labour");
}

static int render_employer(struct req *r, const struct employer *e, const struct field_errors *errs,
			   bool stale)
{
	struct html h;
	if (!e->id) {
		layout_begin(r, &h, N_("New employer"), NULL);
		html(&h, "<h1>%t</h1>", N_("New employer"));
		form_notice(&h, errs, stale);
		employer_form(r, &h, e, errs);
		layout_end(r, &h);
		return 0;
	}
	struct vacancy_filter f = { .employer_id = e->id };
	struct vacancy *v;
	size_t n;
	int rc = store_vacancies(req_db(r), &r->arena, r->who, &f, &v, &n);
	if (rc)
		return rc;
	layout_begin(r, &h, N_("Employer"), e->name);
	html(&h, "<h1>%s</h1><p><a href=\"/labour\">%t</a></p>", e->name, N_("Labour"));
	form_notice(&h, errs, stale);
	html(&h, "<dl>");
	layout_dl(&h, N_("BIN"), e->bin);
	layout_dl(&h, N_("Region"), ref_text(r, "regions", e->region));
	layout_dl(&h, N_("Address"), e->address);
	layout_dl(&h, N_("Contact person"), e->contact);
	layout_dl(&h, N_("Phone"), e->phone);
	html(&h, "</dl><section aria-labelledby=\"vacancies-h\"><h2 id=\"vacancies-h\">%t</h2>",
	     N_("Vacancies"));
	if (labour_may_write(r->who))
		html(&h, "<p><a class=\"button\" href=\"/vacancies/new?employer=%D\">%t</a></p>",
		     e->id, N_("New vacancy"));
	if (n)
		vacancies_table(r, &h, v, n);
	html(&h, "</section>");
	if (labour_may_write(r->who)) {
		html(&h, "<section aria-labelledby=\"edit-h\"><h2 id=\"edit-h\">%t</h2>",
		     N_("Change the employer"));
		employer_form(r, &h, e, errs);
		html(&h, "</section>");
	}
	layout_end(r, &h);
	return 0;
}

static int employer_for(struct req *r, bool (*may)(const struct actor *), struct employer *e)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_employer_get(req_db(r), &r->arena, r->who, r->param[0], e);
}

int page_employer_new_get(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employer e = { .active = true };
	return render_employer(r, &e, NULL, false);
}

int page_employer_get(struct req *r)
{
	struct employer e;
	int rc = employer_for(r, labour_may_read, &e);
	return rc ? rc : render_employer(r, &e, NULL, false);
}

/* POST /employers and POST /employers/{id}. */
static int employer_save(struct req *r, struct employer *e)
{
	struct field_errors errs = { 0 };
	int64_t version = e->id ? form_version(r, &errs) : 0;
	e->name = req_form(r, "name");
	e->bin = req_form(r, "bin");
	e->region = req_form(r, "region");
	e->address = req_form(r, "address");
	e->contact = req_form(r, "contact");
	e->phone = req_form(r, "phone");
	e->note = req_form(r, "note");
	if (e->id)
		e->active = req_form(r, "active") != NULL;
	employer_validate(&r->arena, e, &errs);
	int rc = 0;
	if (!errs.n) {
		bool stale = e->id && version != e->version;
		rc = stale ? K_ECONFLICT : store_employer_save(req_db(r), r->who, e);
	}
	if (form_refused(r, rc, &errs)) {
		e->version = version ? version : e->version;
		return render_employer(r, e, &errs, rc == K_ECONFLICT);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/employers/%lld", (long long)e->id));
}

int page_employers_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employer e = { .active = true };
	return employer_save(r, &e);
}

int page_employer_post(struct req *r)
{
	struct employer e;
	int rc = employer_for(r, labour_may_write, &e);
	return rc ? rc : employer_save(r, &e);
}

/* ---- vacancies ---- */

/* The opening of the employer select of a form, marked when refused (err). */
static void employer_select(struct html *h, const char *err)
{
	html(h,
	     "<div class=\"field%s\"><label for=\"f-employer_id\">%t</label><select "
	     "id=\"f-employer_id\" name=\"employer_id\"",
	     err ? " invalid" : "", N_("Employer"));
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-employer_id\"");
	html(h, "><option value=\"\"></option>");
}

/* A vacancy's form values as typed (amounts and numbers as text). */
struct vacancy_input {
	const char *wage, *hours, *places;
};

static void vacancy_form(struct req *r, struct html *h, const struct vacancy *v,
			 const struct vacancy_input *in, const struct field_errors *errs)
{
	struct employer *emp;
	size_t n = 0;
	if (store_employers(req_db(r), &r->arena, r->who, true, &emp, &n))
		n = 0;
	if (v->id)
		html(h, "<form method=\"post\" action=\"/vacancies/%D\">", v->id);
	else
		html(h, "<form method=\"post\" action=\"/vacancies\">");
	form_hidden_csrf(r, h);
	if (v->id)
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", v->version);
	const char *err = errs ? field_error_for(errs, "employer_id") : NULL;
	employer_select(h, err);
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%D\"%s>%s</option>", emp[i].id,
		     emp[i].id == v->employer_id ? " selected" : "", emp[i].name);
	html(h, "</select>");
	if (err)
		html(h, "<p class=\"error\" id=\"e-employer_id\">%t</p>", err);
	html(h, "</div>");
	form_text(h, "title", N_("Job"), v->title, errs, NULL);
	form_select_ref(h, "occupation", N_("Occupation"), "occupations", v->occupation, errs,
			true);
	form_select_ref(h, "region", N_("Region"), "regions", v->region, errs, true);
	form_text(h, "wage", N_("Wage a month, KZT"),
		  in ? in->wage : (v->wage ? amount_text(&r->arena, v->wage) : NULL), errs, NULL);
	form_text(h, "hours_per_week", N_("Hours a week"),
		  in ? in->hours : num(r, v->hours_per_week), errs, "number");
	form_text(h, "languages", N_("Languages required (codes: kk ru en)"), v->languages, errs,
		  NULL);
	form_text(h, "places", N_("Places"), in ? in->places : num(r, v->places), errs, "number");
	form_text(h, "opened_on", N_("Opened on"), v->opened_on ? v->opened_on : r->today, errs,
		  "date");
	form_text(h, "closes_on", N_("Closes on"), v->closes_on, errs, "date");
	if (v->id)
		form_select_ref(h, "status", N_("Status"), "vacancy_statuses", v->status, errs,
				false);
	form_check(h, "housing", N_("Housing offered"), v->housing);
	form_textarea(h, "note", N_("Note"), v->note, errs, NULL);
	form_save(h,
		  v->id ? arena_printf(&r->arena, "/vacancies/%lld", (long long)v->id) : "/labour");
}

static int render_vacancy(struct req *r, const struct vacancy *v, const struct vacancy_input *in,
			  const struct field_errors *errs, bool stale)
{
	struct html h;
	if (!v->id) {
		layout_begin(r, &h, N_("New vacancy"), NULL);
		html(&h, "<h1>%t</h1>", N_("New vacancy"));
		form_notice(&h, errs, stale);
		vacancy_form(r, &h, v, in, errs);
		layout_end(r, &h);
		return 0;
	}
	struct labour_candidate *c;
	size_t n;
	int rc = store_vacancy_candidates(req_db(r), &r->arena, r->who, v->id, 40, &c, &n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = log_view(r, c[i].person.id, c[i].person.restricted,
			      arena_printf(&r->arena, "vacancy %lld", (long long)v->id));
	if (rc)
		return rc;
	layout_begin(r, &h, N_("Vacancy"), v->title);
	html(&h, "<h1>%s</h1><p><a href=\"/employers/%D\">%s</a> · <a href=\"/labour\">%t</a></p>",
	     v->title, v->employer_id, v->employer_name, N_("Labour"));
	form_notice(&h, errs, stale);
	html(&h, "<dl>");
	layout_dl(&h, N_("Occupation"), ref_text(r, "occupations", v->occupation));
	layout_dl(&h, N_("Region"), ref_text(r, "regions", v->region));
	layout_dl(&h, N_("Wage a month"), v->wage ? kzt(r, v->wage) : NULL);
	layout_dl(&h, N_("Hours a week"), num(r, v->hours_per_week));
	layout_dl(&h, N_("Housing"), i18n_tr(r->lang, v->housing ? N_("offered") : N_("no")));
	layout_dl(&h, N_("Languages required"), v->languages);
	layout_dl(&h, N_("Places"), num(r, v->places));
	layout_dl(&h, N_("Status"), ref_text(r, "vacancy_statuses", v->status));
	layout_dl(&h, N_("Opened on"), layout_date(r, v->opened_on));
	layout_dl(&h, N_("Closes on"), v->closes_on ? layout_date(r, v->closes_on) : NULL);
	layout_dl(&h, N_("Note"), v->note);
	html(&h, "</dl><section aria-labelledby=\"candidates-h\"><h2 id=\"candidates-h\">%t</h2>",
	     N_("People it may suit"));
	if (!n)
		html(&h, "<p>%t</p>", N_("Nobody you see suits it yet."));
	else
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">"
		     "%t</th><th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
		     N_("Name"), N_("Region"), N_("Score"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/persons/%D\">%s</a></td><td>%s</td><td class=\"num\">%d%%"
		     "</td></tr>",
		     c[i].person.id,
		     layout_person_name(r, c[i].person.family_name, c[i].person.given_name,
					c[i].person.patronymic),
		     ref_text(r, "regions", c[i].person.region), c[i].score);
	if (n)
		html(&h, "</tbody></table>");
	html(&h, "</section>");
	if (labour_may_write(r->who)) {
		html(&h, "<section aria-labelledby=\"edit-h\"><h2 id=\"edit-h\">%t</h2>",
		     N_("Change the vacancy"));
		vacancy_form(r, &h, v, in, errs);
		html(&h, "</section>");
	}
	layout_end(r, &h);
	return 0;
}

static int vacancy_for(struct req *r, bool (*may)(const struct actor *), struct vacancy *v)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_vacancy_get(req_db(r), &r->arena, r->who, r->param[0], v);
}

int page_vacancy_new_get(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct vacancy v = { .places = 1 };
	const char *emp = req_query(r, "employer");
	if (emp && parse_i64(emp, 1, INT64_MAX, &v.employer_id))
		v.employer_id = 0;
	return render_vacancy(r, &v, NULL, NULL, false);
}

int page_vacancy_get(struct req *r)
{
	struct vacancy v;
	int rc = vacancy_for(r, labour_may_read, &v);
	return rc ? rc : render_vacancy(r, &v, NULL, NULL, false);
}

static int vacancy_save(struct req *r, struct vacancy *v)
{
	struct field_errors errs = { 0 };
	int64_t version = v->id ? form_version(r, &errs) : 0;
	struct vacancy_input in = { req_form(r, "wage"), req_form(r, "hours_per_week"),
				    req_form(r, "places") };
	v->employer_id = form_id(r, "employer_id", &errs, N_("Choose an employer."));
	v->title = req_form(r, "title");
	v->occupation = req_form(r, "occupation");
	v->region = req_form(r, "region");
	v->wage = form_amount(r, "wage", false, &errs);
	v->hours_per_week = form_count(r, "hours_per_week", &errs);
	v->languages = req_form(r, "languages");
	/* Codes may be typed with commas. */
	if (v->languages) {
		char *l = arena_strdup(&r->arena, v->languages);
		for (char *p = l; *p; p++)
			if (*p == ',' || *p == ';')
				*p = ' ';
		v->languages = l;
	}
	v->places = in.places && *in.places ? form_count(r, "places", &errs) : 1;
	v->opened_on = req_form(r, "opened_on");
	v->closes_on = req_form(r, "closes_on");
	if (v->id)
		v->status = req_form(r, "status");
	v->housing = req_form(r, "housing") != NULL;
	v->note = req_form(r, "note");
	if (v->wage < 0)
		v->wage = 0;
	vacancy_validate(&r->arena, v, r->today, &errs);
	int rc = 0;
	if (!errs.n) {
		bool stale = v->id && version != v->version;
		rc = stale ? K_ECONFLICT : store_vacancy_save(req_db(r), r->who, v, &errs);
	}
	if (form_refused(r, rc, &errs)) {
		v->version = version ? version : v->version;
		return render_vacancy(r, v, &in, &errs, rc == K_ECONFLICT);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/vacancies/%lld", (long long)v->id));
}

int page_vacancies_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct vacancy v = { 0 };
	return vacancy_save(r, &v);
}

int page_vacancy_post(struct req *r)
{
	struct vacancy v;
	int rc = vacancy_for(r, labour_may_write, &v);
	return rc ? rc : vacancy_save(r, &v);
}

/* ---- a person's work ---- */

static void alerts_list(struct req *r, struct html *h, const struct labour_alert *a, size_t n)
{
	html(h, "<ul class=\"alerts\">");
	for (size_t i = 0; i < n; i++)
		html(h, "<li><strong>%s</strong> · %s</li>", alert_text(r, &a[i]),
		     layout_date(r, a[i].raised_on));
	html(h, "</ul>");
}

/* has: whether the person has any employment or skill (store_person_has); without, a
 * writer's empty box asks nothing. */
void page_person_labour_box(struct req *r, struct html *h, const struct person *p, bool has)
{
	if (!labour_may_read(r->who) || p->erased_at) /* an erased person's: figures only */
		return;
	struct employment *e = NULL;
	struct person_skill *s = NULL;
	size_t ne = 0, ns = 0;
	if (has && (store_employments_of_person(req_db(r), &r->arena, r->who, p->id, &e, &ne) ||
		    store_person_skills(req_db(r), &r->arena, p->id, &s, &ns)))
		return;
	bool write = labour_may_write(r->who);
	if (!ne && !ns && !write)
		return;
	if ((ne || ns) && log_view(r, p->id, p->restricted, "work"))
		return;
	html(h, "<section aria-labelledby=\"work-h\"><h2 id=\"work-h\">%t</h2>", N_("Work"));
	if (ne) {
		html(h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t"
		     "</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t"
		     "</th></tr></thead><tbody>",
		     N_("Employment"), N_("Job"), N_("Employer"), N_("Started on"), N_("Alerts"));
		for (size_t i = 0; i < ne; i++) {
			html(h, "<tr><td><a href=\"/employments/%D\">%s</a></td><td>%s</td><td>%s",
			     e[i].id, e[i].job_title, e[i].employer,
			     layout_date(r, e[i].started_on));
			if (e[i].ended_on)
				html(h, " – %s", layout_date(r, e[i].ended_on));
			html(h, "</td><td>");
			if (e[i].open_alerts)
				html(h, "<strong class=\"alert\">%D</strong>", e[i].open_alerts);
			html(h, "</td></tr>");
		}
		html(h, "</tbody></table>");
	}
	if (ns) {
		html(h, "<h3>%t</h3><ul>", N_("Skills, education and work history"));
		for (size_t i = 0; i < ns; i++) {
			html(h, "<li>%s: %s", ref_text(r, "skill_kinds", s[i].kind), s[i].title);
			if (s[i].occupation)
				html(h, " (%s)", ref_text(r, "occupations", s[i].occupation));
			if (s[i].level)
				html(h, " (%s)", ref_text(r, "education_levels", s[i].level));
			if (s[i].place)
				html(h, ", %s", s[i].place);
			if (s[i].from_year)
				html(h, ", %D", s[i].from_year);
			if (s[i].to_year)
				html(h, "–%D", s[i].to_year);
			if (write)
				html(h,
				     " <form class=\"inline\" method=\"post\" "
				     "action=\"/persons/%D/skills/%D/delete\"><input "
				     "type=\"hidden\" "
				     "name=\"_csrf\" value=\"%s\"><button>%t</button></form>",
				     p->id, s[i].id, layout_csrf(r), N_("Remove"));
			html(h, "</li>");
		}
		html(h, "</ul>");
	}
	html(h, "<p><a href=\"/persons/%D/vacancies\">%t</a>", p->id,
	     N_("Vacancies that suit them"));
	if (write)
		html(h, " <a class=\"button\" href=\"/persons/%D/employments/new\">%t</a>", p->id,
		     N_("Record an employment"));
	html(h, "</p>");
	if (write) {
		html(h,
		     "<details><summary>%t</summary><form method=\"post\" "
		     "action=\"/persons/%D/skills\">",
		     N_("Add a skill, education or a job"), p->id);
		form_hidden_csrf(r, h);
		form_select_ref_in(h, "s", "kind", N_("Kind"), "skill_kinds", "skill", NULL, false);
		form_text_in(h, "s", "title", N_("Skill, education or job"), NULL, NULL, NULL);
		form_select_ref_in(h, "s", "occupation", N_("Occupation"), "occupations", NULL,
				   NULL, true);
		form_select_ref_in(h, "s", "level", N_("Level of education"), "education_levels",
				   NULL, NULL, true);
		form_text_in(h, "s", "place", N_("Where"), NULL, NULL, NULL);
		form_text_in(h, "s", "from_year", N_("From (year)"), NULL, NULL, "number");
		form_text_in(h, "s", "to_year", N_("To (year)"), NULL, NULL, "number");
		html(h, "<p><button>%t</button></p></form></details>", N_("Add"));
	}
	html(h, "</section>");
}

static int labour_person(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

/* A skill's form refused: the person's page is not the place to show it again, so the form
 * comes alone. */
int page_person_skills_post(struct req *r)
{
	struct person p;
	int rc = labour_person(r, labour_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	struct person_skill s = { .person_id = p.id,
				  .kind = req_form(r, "kind"),
				  .title = req_form(r, "title"),
				  .occupation = req_form(r, "occupation"),
				  .level = req_form(r, "level"),
				  .place = req_form(r, "place") };
	s.from_year = form_count(r, "from_year", &errs);
	s.to_year = form_count(r, "to_year", &errs);
	person_skill_validate(&r->arena, &s, r->today, &errs);
	if (!errs.n && (rc = store_person_skill_add(req_db(r), r->who, &s)))
		return rc;
	if (errs.n) {
		r->status = 422;
		struct html h;
		layout_begin(r, &h, N_("Add a skill, education or a job"), NULL);
		html(&h, "<h1>%t</h1>", N_("Add a skill, education or a job"));
		form_notice(&h, &errs, false);
		html(&h, "<form method=\"post\" action=\"/persons/%D/skills\">", p.id);
		form_hidden_csrf(r, &h);
		form_select_ref(&h, "kind", N_("Kind"), "skill_kinds", s.kind, &errs, false);
		form_text(&h, "title", N_("Skill, education or job"), s.title, &errs, NULL);
		form_select_ref(&h, "occupation", N_("Occupation"), "occupations", s.occupation,
				&errs, true);
		form_select_ref(&h, "level", N_("Level of education"), "education_levels", s.level,
				&errs, true);
		form_text(&h, "place", N_("Where"), s.place, &errs, NULL);
		form_text(&h, "from_year", N_("From (year)"), req_form(r, "from_year"), &errs,
			  "number");
		form_text(&h, "to_year", N_("To (year)"), req_form(r, "to_year"), &errs, "number");
		form_save(&h, arena_printf(&r->arena, "/persons/%lld#work-h", (long long)p.id));
		layout_end(r, &h);
		return 0;
	}
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld#work-h", (long long)p.id));
}

int page_person_skill_delete_post(struct req *r)
{
	struct person p;
	int rc = labour_person(r, labour_may_write, &p);
	if (!rc && p.erased_at)
		rc = K_EFORBIDDEN;
	if (!rc)
		rc = store_person_skill_delete(req_db(r), r->who, p.id, r->param[1]);
	return rc ? rc
		  : req_redirect(r,
				 arena_printf(&r->arena, "/persons/%lld#work-h", (long long)p.id));
}

int page_person_vacancies_get(struct req *r)
{
	struct person p;
	int rc = labour_person(r, labour_may_read, &p);
	struct vacancy_match_row *m = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_vacancies_for_person(req_db(r), &r->arena, r->who, &p, 20, &m, &n);
	if (!rc)
		rc = log_view(r, p.id, p.restricted, "vacancies");
	if (rc)
		return rc;
	struct html h;
	const char *name = layout_person_name(r, p.family_name, p.given_name, p.patronymic);
	layout_begin(r, &h, N_("Vacancies that suit them"), p.restricted ? NULL : name);
	html(&h, "<h1>%t: <a href=\"/persons/%D\">%s</a></h1><p>%t</p>",
	     N_("Vacancies that suit them"), p.id, name,
	     N_("By region (or housing offered), occupation and the languages the person speaks."));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No open vacancy suits them yet."));
	} else {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">"
		     "%t</th><th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
		     "</tr></thead><tbody>",
		     N_("Vacancy"), N_("Employer"), N_("Region"), N_("Score"));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<tr><td><a href=\"/vacancies/%D\">%s</a></td><td>%s</td><td>%s</td>"
			     "<td class=\"num\">%d%%</td></tr>",
			     m[i].vacancy.id, m[i].vacancy.title, m[i].vacancy.employer_name,
			     ref_text(r, "regions", m[i].vacancy.region), m[i].score);
		html(&h, "</tbody></table>");
	}
	layout_end(r, &h);
	return 0;
}

/* ---- employments ---- */

struct employment_input {
	const char *wage, *hours;
};

static void employment_form(struct req *r, struct html *h, const struct employment *e,
			    const struct employment_input *in, const struct field_errors *errs)
{
	struct employer *emp;
	size_t n = 0;
	if (store_employers(req_db(r), &r->arena, r->who, true, &emp, &n))
		n = 0;
	if (e->id)
		html(h, "<form method=\"post\" action=\"/employments/%D\">", e->id);
	else
		html(h, "<form method=\"post\" action=\"/persons/%D/employments\">", e->person_id);
	form_hidden_csrf(r, h);
	if (e->id)
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", e->version);
	const char *err = errs ? field_error_for(errs, "employer_id") : NULL;
	employer_select(h, err);
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%D\"%s>%s</option>", emp[i].id,
		     emp[i].id == e->employer_id ? " selected" : "", emp[i].name);
	html(h, "</select>");
	if (err)
		html(h, "<p class=\"error\" id=\"e-employer_id\">%t</p>", err);
	html(h, "</div>");
	form_text(h, "employer_name", N_("Or the employer's name, if not registered"),
		  e->employer_name, errs, NULL);
	form_text(h, "job_title", N_("Job"), e->job_title, errs, NULL);
	form_select_ref(h, "occupation", N_("Occupation"), "occupations", e->occupation, errs,
			true);
	form_select_ref(h, "region", N_("Region"), "regions", e->region, errs, true);
	form_text(h, "wage", N_("Wage a month, KZT"),
		  in ? in->wage : (e->id ? amount_text(&r->arena, e->wage) : NULL), errs, NULL);
	form_text(h, "hours_per_week", N_("Hours a week"),
		  in ? in->hours : num(r, e->hours_per_week), errs, "number");
	form_text(h, "started_on", N_("Started on"), e->started_on, errs, "date");
	form_text(h, "ended_on", N_("Ended on"), e->ended_on, errs, "date");
	form_select_ref(h, "contract", N_("Contract"), "labour_contracts", e->contract, errs, true);
	form_select_ref(h, "documents_held_by", N_("Who holds the identity documents"),
			"document_holders", e->documents_held_by, errs, true);
	form_textarea(h, "note", N_("Note"), e->note, errs, NULL);
	form_save(h, e->id ? arena_printf(&r->arena, "/employments/%lld", (long long)e->id)
			   : arena_printf(&r->arena, "/persons/%lld", (long long)e->person_id));
}

/* refused: the alert whose resolve form errs is for (0: the employment's own form). */
static int render_employment(struct req *r, const struct person *p, const struct employment *e,
			     const struct employment_input *in, const struct field_errors *errs,
			     bool stale, int64_t refused)
{
	struct labour_alert *a = NULL;
	size_t n = 0;
	struct labour_alert_filter f = { .employment_id = e->id };
	int rc = e->id ? store_labour_alerts(req_db(r), &r->arena, r->who, &f, &a, &n) : 0;
	if (!rc && e->id)
		rc = log_view(r, p->id, p->restricted,
			      arena_printf(&r->arena, "employment %lld", (long long)e->id));
	if (rc)
		return rc;
	struct html h;
	const char *name = layout_person_name(r, p->family_name, p->given_name, p->patronymic);
	const char *title = e->id ? N_("Employment") : N_("Record an employment");
	layout_begin(r, &h, title, p->restricted ? NULL : name);
	html(&h, "<h1>%t: <a href=\"/persons/%D\">%s</a></h1>", title, p->id, name);
	form_notice(&h, errs, stale);
	if (e->id) {
		html(&h, "<dl>");
		layout_dl(&h, N_("Employer"), e->employer);
		layout_dl(&h, N_("Job"), e->job_title);
		layout_dl(&h, N_("Wage a month"), kzt(r, e->wage));
		layout_dl(&h, N_("Hours a week"), num(r, e->hours_per_week));
		layout_dl(&h, N_("Started on"), layout_date(r, e->started_on));
		layout_dl(&h, N_("Ended on"), e->ended_on ? layout_date(r, e->ended_on) : NULL);
		layout_dl(&h, N_("Contract"), ref_text(r, "labour_contracts", e->contract));
		layout_dl(&h, N_("Who holds the identity documents"),
			  ref_text(r, "document_holders", e->documents_held_by));
		html(&h, "</dl>");
		html(&h, "<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">%t</h2>",
		     N_("Working-condition alerts"));
		if (!n)
			html(&h, "<p>%t</p>", N_("None."));
		for (size_t i = 0; i < n; i++) {
			html(&h,
			     "<div class=\"alert-box\" role=\"group\" aria-labelledby=\"a%D-h\"><p>"
			     "<strong id=\"a%D-h\">%s</strong> · %t %s",
			     a[i].id, a[i].id, alert_text(r, &a[i]), N_("raised on"),
			     layout_date(r, a[i].raised_on));
			if (a[i].resolved_on)
				html(&h, " · %t %s: %s", N_("resolved on"),
				     layout_date(r, a[i].resolved_on),
				     strcmp(a[i].resolution ? a[i].resolution : "", "corrected") ==
					     0
					 ? i18n_tr(r->lang, N_("the record was corrected"))
					 : a[i].resolution);
			html(&h, "</p>");
			if (!a[i].resolved_on && labour_may_write(r->who)) {
				html(&h,
				     "<form method=\"post\" action=\"/labour/alerts/%D/resolve\">",
				     a[i].id);
				form_hidden_csrf(r, &h);
				form_text_in(&h,
					     arena_printf(&r->arena, "a%lld", (long long)a[i].id),
					     "resolution", N_("What was done"), NULL,
					     a[i].id == refused ? errs : NULL, NULL);
				html(&h, "<p><button aria-label=\"%t: %s\">%t</button></p></form>",
				     N_("Resolve"), alert_text(r, &a[i]), N_("Resolve"));
			}
			html(&h, "</div>");
		}
		html(&h, "</section>");
	}
	if (labour_may_write(r->who) && !p->erased_at) {
		if (e->id)
			html(&h, "<section aria-labelledby=\"edit-h\"><h2 id=\"edit-h\">%t</h2>",
			     N_("Change the employment"));
		employment_form(r, &h, e, in, refused ? NULL : errs);
		if (e->id)
			html(&h, "</section>");
	}
	layout_end(r, &h);
	return 0;
}

int page_employment_new_get(struct req *r)
{
	struct person p;
	int rc = labour_person(r, labour_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct employment e = { .person_id = p.id, .started_on = r->today };
	return render_employment(r, &p, &e, NULL, NULL, false, 0);
}

int page_employment_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	struct employment e;
	struct person p;
	int rc = store_employment_get(req_db(r), &r->arena, r->who, r->param[0], &e);
	if (!rc)
		rc = store_person_get(req_db(r), &r->arena, r->who, e.person_id, &p);
	return rc ? rc : render_employment(r, &p, &e, NULL, NULL, false, 0);
}

static int employment_save(struct req *r, const struct person *p, struct employment *e)
{
	if (p->erased_at)
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	int64_t version = e->id ? form_version(r, &errs) : 0;
	struct employment_input in = { req_form(r, "wage"), req_form(r, "hours_per_week") };
	const char *employer = req_form(r, "employer_id");
	e->employer_id = 0;
	if (employer && *employer && parse_i64(employer, 1, INT64_MAX, &e->employer_id))
		field_error_add(&errs, "employer_id", N_("Choose an employer."));
	e->employer_name = req_form(r, "employer_name");
	e->job_title = req_form(r, "job_title");
	e->occupation = req_form(r, "occupation");
	e->region = req_form(r, "region");
	e->wage = form_amount(r, "wage", true, &errs);
	e->hours_per_week = form_count(r, "hours_per_week", &errs);
	e->started_on = req_form(r, "started_on");
	e->ended_on = req_form(r, "ended_on");
	e->contract = req_form(r, "contract");
	e->documents_held_by = req_form(r, "documents_held_by");
	e->note = req_form(r, "note");
	if (e->wage < 0)
		e->wage = 0;
	employment_validate(&r->arena, e, r->today, &errs);
	int rc = 0;
	if (!errs.n) {
		bool stale = e->id && version != e->version;
		rc = stale
			 ? K_ECONFLICT
			 : store_employment_save(req_db(r), &r->arena, r->who, e, r->today, &errs);
	}
	if (form_refused(r, rc, &errs)) {
		e->version = version ? version : e->version;
		return render_employment(r, p, e, &in, &errs, rc == K_ECONFLICT, 0);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/employments/%lld", (long long)e->id));
}

int page_person_employments_post(struct req *r)
{
	struct person p;
	int rc = labour_person(r, labour_may_write, &p);
	if (rc)
		return rc;
	struct employment e = { .person_id = p.id };
	return employment_save(r, &p, &e);
}

int page_employment_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employment e;
	struct person p;
	int rc = store_employment_get(req_db(r), &r->arena, r->who, r->param[0], &e);
	if (!rc)
		rc = store_person_get(req_db(r), &r->arena, r->who, e.person_id, &p);
	return rc ? rc : employment_save(r, &p, &e);
}

/* ---- alerts ---- */

/* The open alerts of the people the reader sees (a supervisor's list; ?open=0 every one),
 * or those of one person (the case page's box). */
static void alerts_table(struct req *r, struct html *h, const struct labour_alert *a, size_t n)
{
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr>"
	     "</thead><tbody>",
	     N_("Alert"), N_("Name"), N_("Job"), N_("Raised on"), N_("Resolved on"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td><a href=\"/employments/%D#alerts-h\">%s</a></td><td><a "
		     "href=\"/persons/%D\">%s</a></td><td>%s · %s</td><td>%s</td><td>%s</td></tr>",
		     a[i].employment_id, alert_text(r, &a[i]), a[i].person_id,
		     layout_person_name(r, a[i].family_name, a[i].given_name, NULL), a[i].job_title,
		     a[i].employer, layout_date(r, a[i].raised_on),
		     a[i].resolved_on ? layout_date(r, a[i].resolved_on) : "");
	html(h, "</tbody></table>");
}

int page_labour_alerts_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	const char *open = req_query(r, "open");
	struct labour_alert_filter f = { .open_only = !(open && strcmp(open, "0") == 0) };
	struct labour_alert *a;
	size_t n;
	int rc = store_labour_alerts(req_db(r), &r->arena, r->who, &f, &a, &n);
	for (size_t i = 0; !rc && i < n; i++)
		rc = log_view(r, a[i].person_id, a[i].restricted, "alerts");
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Working-condition alerts"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p><p>", N_("Working-condition alerts"),
	     N_("An employment raises an alert when its wage is below the minimum wage in force "
		"on the day it began (in proportion to the hours), its hours exceed the legal "
		"week, or the employer or an agency holds the worker's identity documents."));
	if (f.open_only)
		html(&h, "<a href=\"/labour/alerts?open=0\">%t</a>",
		     N_("Show resolved alerts too"));
	else
		html(&h, "<a href=\"/labour/alerts\">%t</a>", N_("Show open alerts only"));
	html(&h, "</p>");
	if (n)
		alerts_table(r, &h, a, n);
	else
		html(&h, "<p>%t</p>", N_("No alerts."));
	layout_end(r, &h);
	return 0;
}

int page_labour_alert_resolve_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct labour_alert x;
	int rc = store_labour_alert_get(req_db(r), &r->arena, r->who, r->param[0], &x);
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	rc = store_labour_alert_resolve(req_db(r), &r->arena, r->who, x.id,
					req_form(r, "resolution"), r->today, &errs);
	if (rc == K_EINVAL || rc == K_ECONFLICT) {
		struct employment e;
		struct person p;
		int rc2 = store_employment_get(req_db(r), &r->arena, r->who, x.employment_id, &e);
		if (!rc2)
			rc2 = store_person_get(req_db(r), &r->arena, r->who, e.person_id, &p);
		if (rc2)
			return rc2;
		r->status = rc == K_EINVAL ? 422 : 409;
		if (rc == K_ECONFLICT)
			field_error_add(&errs, "resolution", N_("The alert is resolved already."));
		return render_employment(r, &p, &e, NULL, &errs, false, x.id);
	}
	if (rc)
		return rc;
	return req_redirect(
	    r, arena_printf(&r->arena, "/employments/%lld#alerts-h", (long long)x.employment_id));
}

/* The open alerts of a case's person, on the case's page. */
void page_case_labour_box(struct req *r, struct html *h, int64_t person_id)
{
	if (!labour_may_read(r->who))
		return;
	struct labour_alert_filter f = { .open_only = true, .person_id = person_id };
	struct labour_alert *a;
	size_t n;
	if (store_labour_alerts(req_db(r), &r->arena, r->who, &f, &a, &n) || !n)
		return;
	for (size_t i = 0; i < n; i++)
		if (log_view(r, a[i].person_id, a[i].restricted, "case"))
			return;
	html(h,
	     "<section aria-labelledby=\"labour-alerts-h\" class=\"alerts\"><h2 "
	     "id=\"labour-alerts-h\">%t</h2>",
	     N_("Working-condition alerts"));
	alerts_list(r, h, a, n);
	html(h, "<p><a href=\"/employments/%D#alerts-h\">%t</a></p></section>", a[0].employment_id,
	     N_("The employment"));
}

/* ---- the minimum wage ---- */

static int render_minimum_wages(struct req *r, const struct minimum_wage *m, const char *amount_in,
				const struct field_errors *errs)
{
	struct minimum_wage *rows;
	size_t n;
	int rc = store_minimum_wages(req_db(r), &r->arena, &rows, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("The minimum wage"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("The minimum wage"),
	     N_("The national minimum monthly wage from each date. An employment is measured "
		"against the one in force on the day it began."));
	form_notice(&h, errs, false);
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\" "
	     "class=\"num\">%t</th></tr></thead><tbody>",
	     N_("In force from"), N_("Minimum wage a month"));
	for (size_t i = n; i-- > 0;)
		html(&h, "<tr><td>%s</td><td class=\"num\">%s</td></tr>",
		     layout_date(r, rows[i].valid_from), kzt(r, rows[i].amount));
	html(&h, "</tbody></table>");
	if (labour_may_keep_rates(r->who)) {
		html(&h,
		     "<section aria-labelledby=\"set-h\"><h2 id=\"set-h\">%t</h2><form "
		     "method=\"post\" action=\"/minimum-wages\">",
		     N_("Set the minimum wage from a date"));
		form_hidden_csrf(r, &h);
		form_text(&h, "valid_from", N_("In force from"), m ? m->valid_from : NULL, errs,
			  "date");
		form_text(&h, "amount", N_("Minimum wage a month, KZT"), amount_in, errs, NULL);
		html(&h, "<p><button class=\"primary\">%t</button></p></form></section>",
		     N_("Save"));
	}
	layout_end(r, &h);
	return 0;
}

int page_minimum_wages_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	return render_minimum_wages(r, NULL, NULL, NULL);
}

int page_minimum_wages_post(struct req *r)
{
	if (!labour_may_keep_rates(r->who))
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	const char *amount = req_form(r, "amount");
	struct minimum_wage m = { .valid_from = req_form(r, "valid_from") };
	m.amount = form_amount(r, "amount", true, &errs);
	if (m.amount < 0)
		m.amount = 0;
	minimum_wage_validate(&r->arena, &m, &errs);
	int64_t changed = 0;
	int rc = errs.n ? 0 : store_minimum_wage_set(req_db(r), r->who, &m);
	if (!rc && !errs.n)
		rc = store_labour_recheck(req_db(r), &r->arena, r->who, r->today, &changed);
	if (errs.n) {
		r->status = 422;
		return render_minimum_wages(r, &m, amount, &errs);
	}
	return rc ? rc : req_redirect(r, "/minimum-wages");
}
