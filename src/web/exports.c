/* exports.c: the export page (/exports: which people, which format, HXL, de-identified) and
 * the download it leads to (/persons/export), both over export/export.h. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "export/export.h"
#include "web/layout.h"
#include "web/pages.h"

/* The format and the HXL row, the same for every export. */
static void format_fields(struct html *h)
{
	html(h,
	     "<fieldset><legend>%t</legend><div class=\"field\"><label><input type=\"radio\" "
	     "name=\"format\" value=\"xlsx\" checked> XLSX</label></div><div class=\"field\">"
	     "<label><input type=\"radio\" name=\"format\" value=\"csv\"> CSV</label></div>"
	     "</fieldset>",
	     N_("Format"));
	html(h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"hxl\" value=\"1\"> %t"
	     "</label></div>",
	     N_("Add a row of HXL hashtags"));
}

/* A checkbox of a filter (value 1). */
static void check_field(struct html *h, const char *name, const char *label_msgid)
{
	html(h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"%s\" value=\"1\"> %t"
	     "</label></div>",
	     name, label_msgid);
}

/* The lists a worker sees: their cases, the services delivered, the referrals. */
static void list_forms(struct req *r, struct html *h)
{
	(void)r;
	html(h,
	     "<section aria-labelledby=\"x-cases\"><h2 id=\"x-cases\">%t</h2>"
	     "<form method=\"get\" action=\"/cases/export\" class=\"export\">",
	     N_("Cases"));
	form_select_ref_in(h, "cases", "status", N_("Status"), "case_statuses", NULL, NULL, true);
	check_field(h, "mine", N_("Only my cases"));
	check_field(h, "open", N_("Only open cases"));
	format_fields(h);
	html(h, "<button class=\"primary\">%t</button></form></section>", N_("Download"));

	html(h,
	     "<section aria-labelledby=\"x-services\"><h2 id=\"x-services\">%t</h2><p>%t</p>"
	     "<form method=\"get\" action=\"/services/export\" class=\"export\">",
	     N_("Services delivered"),
	     N_("Who did what where: with the HXL row, the table humanitarian partners call 3W."));
	form_select_ref_in(h, "services", "service_kind", N_("Service kind"), "service_kinds", NULL,
			   NULL, true);
	form_select_ref_in(h, "services", "form", N_("Form"), "forms", NULL, NULL, true);
	form_select_ref_in(h, "services", "function", N_("Function"), "functions", NULL, NULL,
			   true);
	form_select_ref_in(h, "services", "means", N_("Means"), "means", NULL, NULL, true);
	html(h,
	     "<div class=\"field small\"><label for=\"services-from\">%t</label><input "
	     "id=\"services-from\" name=\"from\" type=\"date\"></div><div class=\"field small\">"
	     "<label for=\"services-to\">%t</label><input id=\"services-to\" name=\"to\" "
	     "type=\"date\"></div>",
	     N_("Delivered from"), N_("Delivered to"));
	check_field(h, "mine", N_("Only the services I gave"));
	format_fields(h);
	html(h, "<button class=\"primary\">%t</button></form></section>", N_("Download"));

	html(h,
	     "<section aria-labelledby=\"x-referrals\"><h2 id=\"x-referrals\">%t</h2>"
	     "<form method=\"get\" action=\"/referrals/export\" class=\"export\">"
	     "<div class=\"field\"><label for=\"referrals-box\">%t</label><select "
	     "id=\"referrals-box\" name=\"box\"><option value=\"received\">%t</option>"
	     "<option value=\"sent\">%t</option></select></div>",
	     N_("Referrals"), N_("Which"), N_("received by us"), N_("sent by us"));
	form_select_ref_in(h, "referrals", "status", N_("Status"), "referral_statuses", NULL, NULL,
			   true);
	format_fields(h);
	html(h, "<button class=\"primary\">%t</button></form></section>", N_("Download"));
}

static void render_exports(struct req *r, const char *error_msgid)
{
	bool forced = !access_may_read_persons(r->who);
	struct html h;
	layout_begin(r, &h, N_("Export"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Export"),
	     N_("The registry and the lists as spreadsheets (CSV or XLSX), with the second header "
		"row of HXL hashtags if you share them with humanitarian partners. Every export is "
		"recorded in the audit log."));
	if (error_msgid)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", error_msgid);
	html(&h,
	     "<section aria-labelledby=\"x-persons\"><h2 id=\"x-persons\">%t</h2>"
	     "<form method=\"get\" action=\"/persons/export\" class=\"export\">",
	     N_("People"));
	form_select_ref_in(&h, "persons", "category", N_("Category"), "categories", NULL, NULL,
			   true);
	form_select_ref_in(&h, "persons", "region", N_("Region"), "regions", NULL, NULL, true);
	form_select_ref_in(&h, "persons", "sex", N_("Sex"), "sexes", NULL, NULL, true);
	html(
	    &h,
	    "<div class=\"field small\"><label for=\"f-age_min\">%t</label>"
	    "<input id=\"f-age_min\" name=\"age_min\" type=\"number\" min=\"0\" max=\"150\"></div>"
	    "<div class=\"field small\"><label for=\"f-age_max\">%t</label>"
	    "<input id=\"f-age_max\" name=\"age_max\" type=\"number\" min=\"0\" max=\"150\"></div>",
	    N_("Age from"), N_("Age to"));
	format_fields(&h);
	if (forced)
		html(&h, "<p>%t</p>",
		     N_("Your export is de-identified: no names, documents, places or exact dates, "
			"and no restricted person."));
	else
		check_field(&h, "deidentified",
			    N_("De-identified: no names, documents, places or exact dates, and no "
			       "restricted person"));
	html(&h, "<button class=\"primary\">%t</button></form></section>", N_("Download"));
	if (!forced)
		list_forms(r, &h);
	layout_end(r, &h);
}

int page_exports_get(struct req *r)
{
	render_exports(r, NULL);
	return 0;
}

static int web_export(struct req *r, enum export_list list)
{
	struct export_request x;
	const char *field;
	if (!export_parse(r, list, &x, &field)) {
		r->status = 422;
		render_exports(r,
			       N_("Some fields need attention; choose the values from the lists."));
		return 0;
	}
	int rc = export_list(r, &x);
	if (rc == K_ETOOBIG) {
		r->status = 413;
		buf_reset(&r->out);
		render_exports(r, list == EXPORT_PERSONS
				      ? N_("More than 50,000 people: narrow the export with the "
					   "filters.")
				      : N_("More than 50,000 rows: narrow the export with the "
					   "filters."));
		return 0;
	}
	return rc;
}

int page_persons_export_get(struct req *r)
{
	return web_export(r, EXPORT_PERSONS);
}

int page_cases_export_get(struct req *r)
{
	return web_export(r, EXPORT_CASES);
}

int page_services_export_get(struct req *r)
{
	return web_export(r, EXPORT_SERVICES);
}

int page_referrals_export_get(struct req *r)
{
	return web_export(r, EXPORT_REFERRALS);
}
