/* catalogue.c: the catalogue of service types, for administrators: the list with each
 * entry's state, a form to add one, and turning one off or on (an entry is never deleted, so
 * that the services recorded under it keep their meaning). */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/service.h"
#include "domain/validate.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

static int render(struct req *r, const struct service_type *in, const struct field_errors *e)
{
	struct service_type *t;
	size_t n;
	int rc = store_service_types(req_db(r), &r->arena, false, &t, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Service catalogue"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Service catalogue"),
	     N_("The sub-types of each service kind that workers record. An entry no longer "
		"offered is turned off, never deleted."));
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Service kind"), N_("Service"), N_("Active"), N_("Change"));
	for (size_t i = 0; i < n; i++) {
		html(&h, "<tr><td>%s</td><td>%s</td><td>%t</td><td>",
		     ref_text(r, "service_kinds", t[i].service_kind),
		     service_type_label(&t[i], r->lang), t[i].active ? N_("yes") : N_("no"));
		html(&h, "<form class=\"inline\" method=\"post\" action=\"/service-types/%D\">",
		     t[i].id);
		form_hidden_csrf(r, &h);
		html(&h,
		     "<input type=\"hidden\" name=\"active\" value=\"%s\"><button>%t<span "
		     "class=\"vh\">: %s</span></button></form></td></tr>",
		     t[i].active ? "0" : "1", t[i].active ? N_("Turn off") : N_("Turn on"),
		     service_type_label(&t[i], r->lang));
	}
	html(&h, "</tbody></table><h2>%t</h2><form method=\"post\" action=\"/service-types\">",
	     N_("Add to the catalogue"));
	form_hidden_csrf(r, &h);
	form_select_ref(&h, "service_kind", N_("Service kind"), "service_kinds", in->service_kind,
			e, true);
	form_text(&h, "label_kk", N_("Name in Kazakh"), in->label_kk, e, NULL);
	form_text(&h, "label_ru", N_("Name in Russian"), in->label_ru, e, NULL);
	form_text(&h, "label_en", N_("Name in English"), in->label_en, e, NULL);
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"material\" value=\"1\"%s>"
	     " %t</label></div><div class=\"field\"><label><input type=\"checkbox\" name=\"loan\" "
	     "value=\"1\"%s> %t</label></div><button class=\"primary\">%t</button></form>",
	     in->material ? " checked" : "", N_("Material assistance: an amount is recorded"),
	     in->loan ? " checked" : "", N_("A loan: repaid on a schedule"), N_("Add"));
	layout_end(r, &h);
	return 0;
}

int page_service_types_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct service_type in = { 0 };
	struct field_errors e = { 0 };
	return render(r, &in, &e);
}

int page_service_types_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct service_type t = { .service_kind = req_form(r, "service_kind"),
				  .label_kk = val_trim(&r->arena, req_form(r, "label_kk")),
				  .label_ru = val_trim(&r->arena, req_form(r, "label_ru")),
				  .label_en = val_trim(&r->arena, req_form(r, "label_en")),
				  .material = req_form(r, "material") != NULL,
				  .loan = req_form(r, "loan") != NULL,
				  .active = true };
	struct field_errors e = { 0 };
	val_ref(&e, "service_kind", "service_kinds", t.service_kind, true);
	val_text(&e, "label_kk", t.label_kk, true, 200);
	val_text(&e, "label_ru", t.label_ru, true, 200);
	val_text(&e, "label_en", t.label_en, true, 200);
	if (t.material && t.loan)
		field_error_add(&e, "service_kind",
				N_("An entry is material assistance or a loan, not both."));
	if (e.n) {
		r->status = 422;
		return render(r, &t, &e);
	}
	int rc = store_service_type_save(req_db(r), r->who, &t);
	return rc ? rc : req_redirect(r, "/service-types");
}

int page_service_type_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct service_type t;
	int rc = store_service_type_get(req_db(r), &r->arena, r->param[0], &t);
	if (rc)
		return rc;
	const char *active = req_form(r, "active");
	if (!active || (strcmp(active, "0") && strcmp(active, "1")))
		return K_EINVAL;
	t.active = strcmp(active, "1") == 0;
	rc = store_service_type_save(req_db(r), r->who, &t);
	return rc ? rc : req_redirect(r, "/service-types");
}
