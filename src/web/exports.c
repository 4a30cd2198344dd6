/* exports.c: the export page (/exports: which people, which format, HXL, de-identified) and
 * the download it leads to (/persons/export), both over export/export.h. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "export/export.h"
#include "web/layout.h"
#include "web/pages.h"

static void render_exports(struct req *r, const char *error_msgid)
{
	bool forced = !access_may_read_persons(r->who);
	struct html h;
	layout_begin(r, &h, N_("Export"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Export"),
	     N_("The registry as a spreadsheet (CSV or XLSX), with the second header row of HXL "
		"hashtags if you share it with humanitarian partners. Every export is recorded "
		"in the audit log."));
	if (error_msgid)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", error_msgid);
	html(&h, "<form method=\"get\" action=\"/persons/export\" class=\"export\">");
	form_select_ref(&h, "category", N_("Category"), "categories", NULL, NULL, true);
	form_select_ref(&h, "region", N_("Region"), "regions", NULL, NULL, true);
	form_select_ref(&h, "sex", N_("Sex"), "sexes", NULL, NULL, true);
	html(
	    &h,
	    "<div class=\"field small\"><label for=\"f-age_min\">%t</label>"
	    "<input id=\"f-age_min\" name=\"age_min\" type=\"number\" min=\"0\" max=\"150\"></div>"
	    "<div class=\"field small\"><label for=\"f-age_max\">%t</label>"
	    "<input id=\"f-age_max\" name=\"age_max\" type=\"number\" min=\"0\" max=\"150\"></div>",
	    N_("Age from"), N_("Age to"));
	html(&h,
	     "<fieldset><legend>%t</legend><div class=\"field\"><label><input type=\"radio\" "
	     "name=\"format\" value=\"xlsx\" checked> XLSX</label></div><div class=\"field\">"
	     "<label><input type=\"radio\" name=\"format\" value=\"csv\"> CSV</label></div>"
	     "</fieldset>",
	     N_("Format"));
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"hxl\" value=\"1\"> %t"
	     "</label></div>",
	     N_("Add a row of HXL hashtags"));
	if (forced)
		html(&h, "<p>%t</p>",
		     N_("Your export is de-identified: no names, documents, places or exact dates, "
			"and no restricted person."));
	else
		html(&h,
		     "<div class=\"field\"><label><input type=\"checkbox\" name=\"deidentified\" "
		     "value=\"1\"> %t</label></div>",
		     N_("De-identified: no names, documents, places or exact dates, and no "
			"restricted person"));
	html(&h, "<button class=\"primary\">%t</button></form>", N_("Download"));
	layout_end(r, &h);
}

int page_exports_get(struct req *r)
{
	render_exports(r, NULL);
	return 0;
}

int page_persons_export_get(struct req *r)
{
	struct export_request x;
	const char *field;
	if (!export_parse(r, &x, &field)) {
		r->status = 422;
		render_exports(r,
			       N_("Some fields need attention; choose the values from the lists."));
		return 0;
	}
	int rc = export_persons(r, &x);
	if (rc == K_ETOOBIG) {
		r->status = 413;
		buf_reset(&r->out);
		render_exports(r, N_("More than 50,000 people: narrow the export with the "
				     "filters."));
		return 0;
	}
	return rc;
}
