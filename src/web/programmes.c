/* programmes.c: state and regional programmes (domain/programme.h): the list; a programme's
 * page (who it serves, the quota use per region for a year, the organisation's enrolments,
 * enrolling a person, and what a family is entitled to); an enrolment's page (the support
 * given, recording more); an administrator's form for the organisation's own programmes and
 * their quotas; the programmes on a person's page. */
#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/programme.h"
#include "domain/service.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* The programme's name in the page's language. */
static const char *programme_label(struct req *r, const char *name, const char *kk, const char *ru)
{
	return programme_name_in(r->lang, name, kk, ru);
}

static const char *label_of(struct req *r, const struct programme *p)
{
	return programme_label(r, p->name, p->name_kk, p->name_ru);
}

static int programme_for(struct req *r, bool (*may)(const struct actor *), struct programme *p)
{
	if (!programme_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_programme_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

static const char *kzt(struct req *r, int64_t minor)
{
	return arena_printf(&r->arena, "%s KZT", amount_text(&r->arena, minor));
}

static int64_t this_year(struct req *r)
{
	return strtoll(r->today, NULL, 10);
}

int page_programmes_get(struct req *r)
{
	if (!programme_may_read(r->who))
		return K_EFORBIDDEN;
	struct programme *p;
	size_t n;
	int rc = store_programmes(req_db(r), &r->arena, r->who, &p, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Programmes"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Programmes"),
	     N_("State and regional programmes: whom they serve, their quotas per region and "
		"year, the people enrolled and the support given through them."));
	if (programme_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/programmes/new\">%t</a></p>",
		     N_("Add your organisation's programme"));
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th></tr></thead>"
	     "<tbody>",
	     N_("Programme"), N_("Kind"), N_("Quotas"), N_("People enrolled by your organisation"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/programmes/%D\">%s</a> %s</td><td>%s</td><td>%t</td>"
		     "<td class=\"num\">%D</td></tr>",
		     p[i].id, label_of(r, &p[i]),
		     p[i].active ? "" : i18n_tr(r->lang, N_("(closed)")),
		     ref_text(r, "programme_kinds", p[i].kind),
		     p[i].has_quota ? N_("per region and year") : N_("none"), p[i].enrolled);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* ---- the organisation's programme: form ---- */

struct programme_ages {
	const char *min, *max;
};

static void render_programme_form(struct req *r, const struct programme *p,
				  const struct programme_ages *ages, const struct field_errors *e,
				  const char *notice)
{
	struct html h;
	const char *title =
	    p->id ? p->name : i18n_tr(r->lang, N_("Add your organisation's programme"));
	layout_begin(r, &h, N_("Programmes"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/programmes\">%t</a></p>", title, N_("All programmes"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (p->id)
		html(&h, "<form method=\"post\" action=\"/programmes/%D\">", p->id);
	else
		html(&h, "<form method=\"post\" action=\"/programmes\">");
	form_hidden_csrf(r, &h);
	if (p->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", p->version);
	form_text(&h, "name", N_("Name of the programme"), p->name, e, NULL);
	form_select_ref(&h, "kind", N_("Kind"), "programme_kinds", p->kind, e, false);
	form_textarea(&h, "description", N_("Description"), p->description, e, NULL);
	form_checks_ref(&h, "categories", N_("Serves people of these categories"), "categories",
			p->categories, p->ncategories, e);
	form_checks_ref(&h, "legal_statuses", N_("…or of these legal statuses"), "legal_statuses",
			p->legal_statuses, p->nlegal_statuses, e);
	html(&h, "<div class=\"row\">");
	form_text(&h, "age_min", N_("Youngest age"), ages->min, e, "number");
	form_text(&h, "age_max", N_("Oldest age"), ages->max, e, "number");
	html(&h, "</div>");
	html(
	    &h,
	    "<div class=\"field\"><label><input type=\"checkbox\" name=\"has_quota\" value=\"1\"%s>"
	    " %t</label></div>",
	    p->has_quota ? " checked" : "", N_("Places are limited by quotas per region and year"));
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"mrp_support\" "
	     "value=\"1\"%s> %t</label></div>",
	     p->mrp_support ? " checked" : "",
	     N_("Gives the relocation subsidy, rent support and housing certificate"));
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> "
	     "%t</label></div>",
	     p->active ? " checked" : "", N_("Open: takes people"));
	html(&h,
	     "<p><button class=\"primary\">%t</button> <a href=\"/programmes%s\">%t</a></p></form>",
	     N_("Save"), p->id ? arena_printf(&r->arena, "/%lld", (long long)p->id) : "",
	     N_("Cancel"));
	layout_end(r, &h);
}

int page_programme_new_get(struct req *r)
{
	if (!programme_may_manage(r->who))
		return K_EFORBIDDEN;
	struct programme p = {
		.kind = "social_support", .active = true, .age_min = -1, .age_max = -1
	};
	struct programme_ages ages = { 0 };
	render_programme_form(r, &p, &ages, NULL, NULL);
	return 0;
}

static const char *age_text(struct req *r, int64_t age)
{
	return age >= 0 ? arena_printf(&r->arena, "%lld", (long long)age) : NULL;
}

int page_programme_edit_get(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_manage, &p);
	if (rc)
		return rc;
	if (!p.org_id)
		return K_EFORBIDDEN;
	struct programme_ages ages = { age_text(r, p.age_min), age_text(r, p.age_max) };
	render_programme_form(r, &p, &ages, NULL, NULL);
	return 0;
}

static int64_t form_age(const char *v, const char *field, struct field_errors *e)
{
	int64_t age = -1;
	if (v && *v && parse_i64(v, 0, 120, &age))
		field_error_add(e, field, N_("Enter an age from 0 to 120."));
	return age;
}

/* POST /programmes and POST /programmes/{id}. */
static int programme_save(struct req *r, bool existing)
{
	struct programme p = { 0 };
	int rc = existing                       ? programme_for(r, programme_may_manage, &p)
		 : programme_may_manage(r->who) ? 0
						: K_EFORBIDDEN;
	if (rc)
		return rc;
	if (existing && !p.org_id)
		return K_EFORBIDDEN;
	struct field_errors e = { 0 };
	struct programme_ages ages = { req_form(r, "age_min"), req_form(r, "age_max") };
	p.name = req_form(r, "name");
	p.kind = req_form(r, "kind");
	p.description = req_form(r, "description");
	p.ncategories = req_form_all(r, "categories", p.categories, PROGRAMME_LIST_MAX);
	p.nlegal_statuses = req_form_all(r, "legal_statuses", p.legal_statuses, PROGRAMME_LIST_MAX);
	p.age_min = form_age(ages.min, "age_min", &e);
	p.age_max = form_age(ages.max, "age_max", &e);
	p.has_quota = req_form(r, "has_quota") != NULL;
	p.mrp_support = req_form(r, "mrp_support") != NULL;
	p.active = req_form(r, "active") != NULL;
	if (existing)
		p.version = form_version(r, &e);
	rc = programme_validate(&r->arena, &p, &e);
	if (!e.n)
		rc = store_programme_save(req_db(r), &r->arena, r->who, &p);
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_programme_form(
		    r, &p, &ages, &e,
		    N_("Someone else changed this record while you were editing. Your changes are "
		       "below and were not saved; check them and save again."));
		return 0;
	}
	if (e.n || rc == K_EINVAL) {
		r->status = 422;
		render_programme_form(r, &p, &ages, &e, NULL);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/programmes/%lld", (long long)p.id));
}

int page_programmes_post(struct req *r)
{
	return programme_save(r, false);
}

int page_programme_post(struct req *r)
{
	return programme_save(r, true);
}

/* ---- a programme's page ---- */

/* Which form of the programme's page was sent back, with what. */
struct programme_input {
	const char *form; /* "enrol", "quota", "withdraw", or NULL */
	const struct field_errors *errs;
	const char *notice;
	const char *person_id, *region, *year, *family_size, *enrolled_on, *note, *quota, *date;
};

static void eligibility(struct req *r, struct html *h, const struct programme *p)
{
	html(h, "<h2>%t</h2><ul>", N_("Whom it serves"));
	if (!p->ncategories && !p->nlegal_statuses)
		html(h, "<li>%t</li>", N_("Anyone registered"));
	for (size_t i = 0; i < p->ncategories; i++)
		html(h, "<li>%s</li>", ref_text(r, "categories", p->categories[i]));
	for (size_t i = 0; i < p->nlegal_statuses; i++)
		html(h, "<li>%t: %s</li>", N_("Legal status"),
		     ref_text(r, "legal_statuses", p->legal_statuses[i]));
	if (p->age_min >= 0 || p->age_max >= 0)
		html(h, "<li>%t: %s–%s</li>", N_("Age"),
		     p->age_min >= 0 ? age_text(r, p->age_min) : "",
		     p->age_max >= 0 ? age_text(r, p->age_max) : "");
	html(h, "</ul>");
}

static void quota_table(struct req *r, struct html *h, const struct programme *p, int64_t year,
			const int64_t *years, size_t nyears, const struct quota *q, size_t nq)
{
	html(h, "<h2 id=\"quotas\">%t</h2>", N_("Quota use per region"));
	if (nyears) {
		html(h, "<p>%t:", N_("Year"));
		for (size_t i = 0; i < nyears; i++) {
			if (years[i] == year)
				html(h, " <strong>%D</strong>", years[i]);
			else
				html(h, " <a href=\"/programmes/%D?year=%D#quotas\">%D</a>", p->id,
				     years[i], years[i]);
		}
		html(h, "</p>");
	}
	if (!nq) {
		html(h, "<p>%t</p>", N_("No quota for this year."));
		return;
	}
	int64_t total = 0, used = 0;
	html(h,
	     "<table class=\"list\"><caption>%t %D</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Places per region, people, in"), year, N_("Region"), N_("Quota"), N_("Used"),
	     N_("Places left"), N_("Use"));
	for (size_t i = 0; i < nq; i++) {
		total += q[i].quota;
		used += q[i].used;
		html(h,
		     "<tr><td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
		     "<td class=\"num\">%D</td><td><meter min=\"0\" max=\"%D\" value=\"%D\" "
		     "aria-label=\"%s: %D / %D\"></meter></td></tr>",
		     ref_text(r, "regions", q[i].region), q[i].quota, q[i].used,
		     q[i].quota - q[i].used, q[i].quota ? q[i].quota : 1, q[i].used,
		     ref_text(r, "regions", q[i].region), q[i].used, q[i].quota);
	}
	html(h,
	     "</tbody><tfoot><tr><th scope=\"row\">%t</th><td class=\"num\">%D</td>"
	     "<td class=\"num\">%D</td><td class=\"num\">%D</td><td></td></tr></tfoot></table>",
	     N_("In all"), total, used, total - used);
}

/* The regions of the year's quotas, as a select. */
static void region_select(struct req *r, struct html *h, const struct quota *q, size_t nq,
			  const char *value, const struct field_errors *e, bool any)
{
	const char *err = e ? field_error_for(e, "region") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-e-region\">%t</label>",
	     err ? " invalid" : "", N_("Region"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-e-region\">%t</p>", err);
	html(h, "<select id=\"f-e-region\" name=\"region\"");
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-e-region\"");
	html(h, "><option value=\"\">—</option>");
	const struct ref_list *l = ref_list_find("regions");
	for (size_t i = 0; l && i < l->n; i++) {
		const char *code = l->items[i].code;
		bool offered = any;
		for (size_t j = 0; j < nq && !offered; j++)
			offered = strcmp(q[j].region, code) == 0;
		if (!offered)
			continue;
		if (value && strcmp(value, code) == 0)
			html(h, "<option value=\"%s\" selected>", code);
		else
			html(h, "<option value=\"%s\">", code);
		html(h, "%s</option>", ref_label(&l->items[i], r->lang));
	}
	html(h, "</select></div>");
}

static void enrolments_section(struct req *r, struct html *h, const struct programme *p,
			       int64_t year, const struct enrolment *e, size_t n,
			       const struct quota *q, size_t nq, const struct programme_input *in)
{
	bool enrol = programme_may_enrol(r->who);
	html(h, "<h2 id=\"enrolments\">%t %D</h2>", N_("Your organisation's enrolments in"), year);
	if (!n) {
		html(h, "<p>%t</p>", N_("Nobody is enrolled."));
	} else {
		html(h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "<th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
		     N_("Person"), N_("Region"), N_("Family members"), N_("Enrolled on"),
		     N_("Status"), N_("Support given"));
		for (size_t i = 0; i < n; i++) {
			if (!e[i].visible)
				html(h, "<tr><td>%t</td>", N_("a protected person"));
			else
				html(
				    h,
				    "<tr><td><a href=\"/programmes/%D/enrolments/%D\">%s</a></td>",
				    p->id, e[i].id,
				    layout_person_name(r, e[i].family_name, e[i].given_name, NULL));
			html(h,
			     "<td>%s</td><td class=\"num\">%D</td><td>%s</td><td>%t</td>"
			     "<td class=\"num\">%s</td></tr>",
			     ref_text(r, "regions", e[i].region), e[i].family_size,
			     layout_date(r, e[i].enrolled_on),
			     strcmp(e[i].status, "enrolled") == 0 ? N_("enrolled")
								  : N_("withdrawn"),
			     e[i].visible ? kzt(r, e[i].support_total) : "");
		}
		html(h, "</tbody></table>");
	}
	if (!enrol || !p->active)
		return;
	const struct field_errors *err =
	    in && in->form && strcmp(in->form, "enrol") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/programmes/%D/enrolments\">",
	     N_("Enrol a person"), p->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "e", "person_id", N_("Registry number of the person"),
		     err ? in->person_id : NULL, err, "number");
	form_text_in(h, "e", "family_size", N_("Family members"), err ? in->family_size : "1", err,
		     "number");
	if (p->has_quota)
		region_select(r, h, q, nq, err ? in->region : NULL, err, false);
	else
		form_select_ref_in(h, "e", "region", N_("Region"), "regions",
				   err ? in->region : NULL, err, true);
	html(h, "</div><div class=\"row\">");
	form_text_in(h, "e", "year", N_("Year"),
		     err ? in->year : arena_printf(&r->arena, "%lld", (long long)year), err,
		     "number");
	form_text_in(h, "e", "enrolled_on", N_("Enrolled on"),
		     err && in->enrolled_on ? in->enrolled_on : r->today, err, "date");
	html(h, "</div>");
	form_textarea_in(h, "e", "note", N_("Note"), err ? in->note : NULL, err, NULL);
	html(h, "<p><button class=\"primary\">%t</button></p></form>", N_("Enrol"));
}

/* What a family is entitled to, for the calculator's family size and day. */
static void entitlements_section(struct req *r, struct html *h, const struct programme *p)
{
	if (!p->mrp_support)
		return;
	const char *fs = req_query(r, "family_size"), *on = req_query(r, "on");
	int64_t family = 1;
	if (fs && parse_i64(fs, 1, PROGRAMME_FAMILY_MAX, &family))
		family = 1;
	if (!on || !date_valid(on))
		on = r->today;
	struct entitlements ent;
	if (store_entitlements(req_db(r), &r->arena, family, on, &ent))
		return;
	html(h, "<h2 id=\"entitlements\">%t</h2>", N_("What a family is entitled to"));
	html(h,
	     "<form method=\"get\" action=\"/programmes/%D#entitlements\" class=\"row\">"
	     "<div class=\"field\"><label for=\"f-c-family\">%t</label><input type=\"number\" "
	     "id=\"f-c-family\" name=\"family_size\" min=\"1\" max=\"30\" value=\"%D\"></div>"
	     "<div class=\"field\"><label for=\"f-c-on\">%t</label><input type=\"date\" "
	     "id=\"f-c-on\" name=\"on\" value=\"%s\"></div><p><button>%t</button></p></form>",
	     p->id, N_("Family members, for the calculation"), family, N_("On"), on,
	     N_("Work it out"));
	if (!ent.known) {
		html(h, "<p>%t</p>", N_("Komek has no monthly calculation index for that year."));
		return;
	}
	html(h, "<dl>");
	layout_dl(h, N_("Monthly calculation index (MRP)"), kzt(r, ent.mrp));
	layout_dl(h, N_("Relocation subsidy, once (70 MRP per family member)"),
		  kzt(r, ent.relocation));
	layout_dl(h, N_("Rent and utilities, per month (15 to 30 MRP)"),
		  arena_printf(&r->arena, "%s – %s", kzt(r, ent.rent_month_min),
			       kzt(r, ent.rent_month_max)));
	layout_dl(h, N_("Rent and utilities, for 12 months"),
		  arena_printf(&r->arena, "%s – %s", kzt(r, ent.rent_total_min),
			       kzt(r, ent.rent_total_max)));
	layout_dl(h, N_("Housing certificate, at most"), kzt(r, ent.certificate_max));
	html(h, "</dl>");
}

static void quota_form(struct req *r, struct html *h, const struct programme *p, int64_t year,
		       const struct programme_input *in)
{
	if (!programme_may_manage(r->who) || !p->org_id || !p->has_quota)
		return;
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "quota") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/programmes/%D/quotas\">",
	     N_("Set a quota"), p->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_select_ref_in(h, "q", "region", N_("Region"), "regions", e ? in->region : NULL, e,
			   true);
	form_text_in(h, "q", "year", N_("Year"),
		     e ? in->year : arena_printf(&r->arena, "%lld", (long long)year), e, "number");
	form_text_in(h, "q", "quota", N_("Places"), e ? in->quota : NULL, e, "number");
	html(h, "</div><p><button>%t</button></p></form>", N_("Save the quota"));
}

static int render_programme(struct req *r, const struct programme *p, int64_t year,
			    const struct programme_input *in)
{
	struct quota *q;
	struct enrolment *e;
	int64_t *years;
	size_t nq, ne, ny;
	int rc = store_quotas(req_db(r), &r->arena, p->id, year, &q, &nq);
	if (!rc)
		rc = store_quota_years(req_db(r), &r->arena, p->id, &years, &ny);
	if (!rc)
		rc = store_enrolments(req_db(r), &r->arena, r->who, p->id, year, &e, &ne);
	for (size_t i = 0; !rc && i < ne; i++)
		if (e[i].visible)
			rc = audit_writer_log(
			    r->app->audit, r->who, "programme.view", "person", e[i].person_id,
			    arena_printf(&r->arena, "programme %lld", (long long)p->id),
			    e[i].restricted);
	if (rc)
		return rc;
	struct html h;
	const char *name = label_of(r, p);
	layout_begin(r, &h, N_("Programmes"), name);
	html(&h, "<h1>%s</h1><p><a href=\"/programmes\">%t</a>", name, N_("All programmes"));
	if (programme_may_manage(r->who) && p->org_id)
		html(&h, " · <a href=\"/programmes/%D/edit\">%t</a>", p->id, N_("Edit"));
	html(&h, "</p>");
	if (in && in->notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", in->notice);
	else if (in && in->errs && in->errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "programme_kinds", p->kind));
	layout_dl(&h, N_("Run by"),
		  i18n_tr(r->lang, p->org_id ? N_("your organisation") : N_("the state")));
	html(&h, "</dl>");
	if (p->description)
		html(&h, "<p class=\"note\">%s</p>", p->description);
	if (!p->active)
		html(&h, "<p class=\"badge\">%t</p>",
		     N_("Closed: the programme takes nobody new."));
	eligibility(r, &h, p);
	if (p->has_quota)
		quota_table(r, &h, p, year, years, ny, q, nq);
	quota_form(r, &h, p, year, in);
	enrolments_section(r, &h, p, year, e, ne, q, nq, in);
	entitlements_section(r, &h, p);
	layout_end(r, &h);
	return 0;
}

static int64_t year_of(struct req *r)
{
	const char *y = req_query(r, "year");
	int64_t year;
	if (!y || parse_i64(y, 2000, 2100, &year))
		year = this_year(r);
	return year;
}

int page_programme_get(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_read, &p);
	return rc ? rc : render_programme(r, &p, year_of(r), NULL);
}

/* The answer to a form of the programme's page. */
static int programme_answer(struct req *r, const struct programme *p, int64_t year, int rc,
			    struct programme_input *in, const char *anchor)
{
	if (rc == K_ECONFLICT) {
		r->status = 409;
		in->notice = N_("Someone else changed this meanwhile; the page shows it as it is "
				"now, with your input kept.");
		return render_programme(r, p, year, in);
	}
	if (rc == K_EINVAL) {
		r->status = 422;
		return render_programme(r, p, year, in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/programmes/%lld?year=%lld#%s",
					    (long long)p->id, (long long)year, anchor));
}

int page_programme_enrolments_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_enrol, &p);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct programme_input in = { .form = "enrol",
				      .errs = &e,
				      .person_id = req_form(r, "person_id"),
				      .region = req_form(r, "region"),
				      .year = req_form(r, "year"),
				      .family_size = req_form(r, "family_size"),
				      .enrolled_on = req_form(r, "enrolled_on"),
				      .note = req_form(r, "note") };
	struct enrolment x = { .programme_id = p.id,
			       .region = in.region,
			       .enrolled_on = in.enrolled_on,
			       .note = in.note };
	x.person_id = form_id(r, "person_id", &e, N_("Choose a person."));
	if (in.year && *in.year && parse_i64(in.year, 2000, 2100, &x.year))
		field_error_add(&e, "year", N_("Enter a year from 2000 to 2100."));
	if (!in.family_size || parse_i64(in.family_size, 1, PROGRAMME_FAMILY_MAX, &x.family_size))
		field_error_add(&e, "family_size", N_("Enter a number of people from 1 to 30."));
	rc = enrolment_validate(&r->arena, &x, &p, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_enrolment_add(req_db(r), &r->arena, r->who, &x, &e);
	return programme_answer(r, &p, x.year ? x.year : this_year(r), rc, &in, "enrolments");
}

int page_programme_quotas_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_manage, &p);
	if (!rc && !p.org_id)
		rc = K_EFORBIDDEN; /* the state's quotas ship with Komek */
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct programme_input in = { .form = "quota",
				      .errs = &e,
				      .region = req_form(r, "region"),
				      .year = req_form(r, "year"),
				      .quota = req_form(r, "quota") };
	struct quota q = { .programme_id = p.id, .region = in.region, .quota = -1 };
	if (!in.year || parse_i64(in.year, 2000, 2100, &q.year))
		q.year = 0;
	if (!in.quota || parse_i64(in.quota, 0, PROGRAMME_QUOTA_MAX, &q.quota))
		q.quota = -1;
	rc = quota_validate(&r->arena, &q, &e);
	if (!rc)
		rc = store_quota_set(req_db(r), &r->arena, r->who, &q, &e);
	return programme_answer(r, &p, q.year ? q.year : this_year(r), rc, &in, "quotas");
}

/* ---- an enrolment ---- */

/* The forms of an enrolment's page as sent back: the support's, or the withdrawal's date. */
struct support_input {
	const char *kind, *amount, *given_on;
	const char *left_on;
};

static int render_enrolment(struct req *r, const struct programme *p, const struct enrolment *e,
			    const struct support_input *s, const struct field_errors *errs,
			    const char *notice)
{
	struct support *given;
	size_t n;
	struct entitlements ent;
	int rc = store_support_list(req_db(r), &r->arena, e->id, &given, &n);
	if (!rc)
		rc = store_entitlements(req_db(r), &r->arena, e->family_size, r->today, &ent);
	if (!rc)
		rc = audit_writer_log(
		    r->app->audit, r->who, "programme.view", "person", e->person_id,
		    arena_printf(&r->arena, "programme %lld", (long long)p->id), e->restricted);
	if (rc)
		return rc;
	struct html h;
	const char *name = layout_person_name(r, e->family_name, e->given_name, NULL);
	layout_begin(r, &h, N_("Programmes"), e->restricted ? NULL : name);
	html(&h,
	     "<h1>%s: <a href=\"/persons/%D\">%s</a></h1><p><a href=\"/programmes/%D\">%t</a></p>",
	     label_of(r, p), e->person_id, name, p->id, N_("Back to the programme"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (errs && errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<dl>");
	layout_dl(&h, N_("Region"), ref_text(r, "regions", e->region));
	layout_dl(&h, N_("Year"), arena_printf(&r->arena, "%lld", (long long)e->year));
	layout_dl(&h, N_("Family members"),
		  arena_printf(&r->arena, "%lld", (long long)e->family_size));
	layout_dl(&h, N_("Enrolled on"), layout_date(r, e->enrolled_on));
	layout_dl(&h, N_("Left the programme on"), layout_date(r, e->withdrawn_on));
	layout_dl(&h, N_("Note"), e->note);
	if (p->mrp_support && ent.known) {
		layout_dl(&h, N_("Relocation subsidy, once (70 MRP per family member)"),
			  kzt(r, ent.relocation));
		layout_dl(&h, N_("Rent and utilities, per month (15 to 30 MRP)"),
			  arena_printf(&r->arena, "%s – %s", kzt(r, ent.rent_month_min),
				       kzt(r, ent.rent_month_max)));
		layout_dl(&h, N_("Housing certificate, at most"), kzt(r, ent.certificate_max));
	}
	html(&h, "</dl><h2 id=\"support\">%t</h2>", N_("Support given"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No support given yet."));
	} else {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
		     "<th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Paid or given on"), N_("Support"), N_("Amount"), N_("Note"));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<tr><td>%s</td><td>%s</td><td class=\"num\">%s</td><td>%s</td></tr>",
			     layout_date(r, given[i].given_on),
			     ref_text(r, "support_kinds", given[i].kind), kzt(r, given[i].amount),
			     given[i].note);
		html(&h, "</tbody></table>");
	}
	bool open = strcmp(e->status, "enrolled") == 0;
	if (!programme_may_enrol(r->who) || !open) {
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<h3>%t</h3><form method=\"post\" action=\"/programmes/%D/enrolments/%D/support\">",
	     N_("Record support given"), p->id, e->id);
	form_hidden_csrf(r, &h);
	html(&h, "<div class=\"row\">");
	form_select_ref_in(&h, "s", "kind", N_("Support"), "support_kinds", s ? s->kind : NULL,
			   errs, false);
	form_text_in(&h, "s", "amount", N_("Amount, KZT"), s ? s->amount : NULL, errs, NULL);
	form_text_in(&h, "s", "given_on", N_("Paid or given on"),
		     s && s->given_on ? s->given_on : r->today, errs, "date");
	html(&h, "</div><p><button class=\"primary\">%t</button></p></form>",
	     N_("Record the support"));
	html(&h,
	     "<h3>%t</h3><form method=\"post\" action=\"/programmes/%D/enrolments/%D/withdraw\">",
	     N_("Withdraw from the programme"), p->id, e->id);
	form_hidden_csrf(r, &h);
	form_text_in(&h, "w", "date", N_("Left the programme on"),
		     s && s->left_on ? s->left_on : r->today, errs, "date");
	html(&h, "<p><button>%t</button></p></form>", N_("Record the withdrawal"));
	layout_end(r, &h);
	return 0;
}

/* The enrolment of the path: its programme and itself, for the rule `may`. */
static int enrolment_for(struct req *r, bool (*may)(const struct actor *), struct programme *p,
			 struct enrolment *e)
{
	int rc = programme_for(r, may, p);
	return rc ? rc : store_enrolment_get(req_db(r), &r->arena, r->who, p->id, r->param[1], e);
}

int page_enrolment_get(struct req *r)
{
	struct programme p;
	struct enrolment e;
	int rc = enrolment_for(r, programme_may_read, &p, &e);
	return rc ? rc : render_enrolment(r, &p, &e, NULL, NULL, NULL);
}

int page_enrolment_support_post(struct req *r)
{
	struct programme p;
	struct enrolment e;
	int rc = enrolment_for(r, programme_may_enrol, &p, &e);
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	const char *amount = req_form(r, "amount");
	struct support s = { .enrolment_id = e.id,
			     .kind = req_form(r, "kind"),
			     .given_on = req_form(r, "given_on") };
	if (!amount || !amount_parse(amount, &s.amount))
		field_error_add(&errs, "amount",
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
	rc = errs.n ? K_EINVAL
		    : store_support_add(req_db(r), &r->arena, r->who, p.id, &s, r->today, &errs);
	if (rc == K_EINVAL) {
		r->status = 422;
		struct support_input kept = { s.kind, amount, s.given_on, NULL };
		return render_enrolment(r, &p, &e, &kept, &errs, NULL);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/programmes/%lld/enrolments/%lld#support",
					    (long long)p.id, (long long)e.id));
}

int page_enrolment_withdraw_post(struct req *r)
{
	struct programme p;
	struct enrolment e;
	int rc = enrolment_for(r, programme_may_enrol, &p, &e);
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	const char *date = req_form(r, "date");
	rc = store_enrolment_withdraw(req_db(r), &r->arena, r->who, p.id, e.id,
				      date ? date : r->today, r->today, &errs);
	if (rc == K_EINVAL) {
		r->status = 422;
		struct support_input kept = { .left_on = date };
		return render_enrolment(r, &p, &e, &kept, &errs, NULL);
	}
	if (rc == K_ECONFLICT) {
		r->status = 409;
		return render_enrolment(r, &p, &e, NULL, NULL,
					N_("The person has left the programme already."));
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/programmes/%lld?year=%lld#enrolments",
					    (long long)p.id, (long long)e.year));
}

/* ---- on the person's page ---- */

void page_person_programmes_box(struct req *r, struct html *h, int64_t person_id)
{
	struct enrolment *e;
	size_t n;
	if (store_enrolments_of_person(req_db(r), &r->arena, r->who, person_id, &e, &n) || !n)
		return;
	html(h,
	     "<section aria-labelledby=\"programmes-h\"><h2 id=\"programmes-h\">%t</h2><table "
	     "class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
	     N_("Programmes"), N_("Programme"), N_("Region"), N_("Status"), N_("Support given"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td><a href=\"/programmes/%D/enrolments/%D\">%s</a> (%D)</td><td>%s</td>"
		     "<td>%t</td><td class=\"num\">%s</td></tr>",
		     e[i].programme_id, e[i].id,
		     programme_label(r, e[i].programme_name, e[i].programme_name_kk,
				     e[i].programme_name_ru),
		     e[i].year, ref_text(r, "regions", e[i].region),
		     strcmp(e[i].status, "enrolled") == 0 ? N_("enrolled") : N_("withdrawn"),
		     kzt(r, e[i].support_total));
	html(h, "</tbody></table></section>");
}
