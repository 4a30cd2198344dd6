/* partners.c: the directory of partner organisations, "who does what where" (domain/
 * referral.h): the list with its filters, an entry's page, and its form for administrators.
 * A refused form shows again with its errors and input. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/referral.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* Codes of a list joined by ", " in the page's language. */
static const char *codes_text(struct req *r, const char *list, const char *const *codes, size_t n)
{
	const char *out = "";
	for (size_t i = 0; i < n; i++)
		out = arena_printf(&r->arena, "%s%s%s", out, i ? ", " : "",
				   ref_text(r, list, codes[i]));
	return out;
}

/* What the list and an entry's page show of a partner. */
static void partner_card(struct req *r, struct html *h, const struct partner *p, bool link)
{
	if (link)
		html(h, "<article class=\"partner\"><h2><a href=\"/partners/%D\">%s</a></h2>",
		     p->id, p->name);
	else
		html(h, "<article class=\"partner\">");
	html(h, "<p>%s", ref_text(r, "partner_kinds", p->kind));
	if (p->org_id)
		html(h, " · <span class=\"tag\">%t</span>", N_("works in Komek"));
	if (!p->active)
		html(h, " · <span class=\"tag\">%t</span>", N_("inactive"));
	html(h, "</p><dl>");
	layout_dl(h, N_("What they do"), p->description);
	layout_dl(h, N_("Services"), codes_text(r, "service_kinds", p->services, p->nservices));
	html(h, "<dt>%t</dt><dd>%s</dd>", N_("Regions"),
	     p->nregions ? codes_text(r, "regions", p->regions, p->nregions)
			 : i18n_tr(r->lang, N_("all regions")));
	layout_dl(h, N_("Address"), p->address);
	layout_dl(h, N_("Phone"), p->phone);
	layout_dl(h, N_("E-mail"), p->email);
	layout_dl(h, N_("Website"), p->website);
	layout_dl(h, N_("Contact person"), p->contact_person);
	html(h, "</dl></article>");
}

int page_partners_get(struct req *r)
{
	struct partner_filter f = { .q = req_query(r, "q"),
				    .kind = req_query(r, "kind"),
				    .service_kind = req_query(r, "service_kind"),
				    .region = req_query(r, "region"),
				    .active_only = !access_may_admin(r->who),
				    .limit = 200 };
	/* An unknown code filters nothing rather than everything. */
	if (f.kind && !ref_valid("partner_kinds", f.kind))
		f.kind = NULL;
	if (f.service_kind && !ref_valid("service_kinds", f.service_kind))
		f.service_kind = NULL;
	if (f.region && !ref_valid("regions", f.region))
		f.region = NULL;
	if (f.q && utf8_len(f.q) > 200)
		f.q = NULL;
	struct partner *p;
	size_t n;
	int rc = store_partners(req_db(r), &r->arena, &f, &p, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Partner organisations"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Partner organisations"),
	     N_("Who does what where: the organisations a person can be referred to."));
	if (access_may_admin(r->who))
		html(&h, "<p><a class=\"button\" href=\"/partners/new\">%t</a></p>",
		     N_("Add an organisation"));
	html(&h, "<form method=\"get\" action=\"/partners\" class=\"filters row\">");
	form_text(&h, "q", N_("Organisation name"), f.q, NULL, "search");
	form_select_ref(&h, "kind", N_("Kind"), "partner_kinds", f.kind, NULL, true);
	form_select_ref(&h, "service_kind", N_("Service kind"), "service_kinds", f.service_kind,
			NULL, true);
	form_select_ref(&h, "region", N_("Region"), "regions", f.region, NULL, true);
	html(&h, "<button>%t</button></form>", N_("Show"));
	if (!n)
		html(&h, "<p>%t</p>", N_("No organisation matches."));
	for (size_t i = 0; i < n; i++)
		partner_card(r, &h, &p[i], true);
	layout_end(r, &h);
	return 0;
}

static void render_partner(struct req *r, const struct partner *p, const struct field_errors *e,
			   const char *notice)
{
	struct html h;
	const char *title = p->id ? p->name : i18n_tr(r->lang, N_("Add an organisation"));
	layout_begin(r, &h, N_("Partner organisations"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/partners\">%t</a></p>", title,
	     N_("All partner organisations"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (p->id && !partner_may_edit(r->who, p)) {
		partner_card(r, &h, p, false);
		layout_end(r, &h);
		return;
	}
	if (p->id)
		html(&h, "<form method=\"post\" action=\"/partners/%D\" class=\"partner\">", p->id);
	else
		html(&h, "<form method=\"post\" action=\"/partners\" class=\"partner\">");
	form_hidden_csrf(r, &h);
	if (p->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", p->version);
	form_text(&h, "name", N_("Organisation name"), p->name, e, NULL);
	form_select_ref(&h, "kind", N_("Kind"), "partner_kinds", p->kind, e, true);
	form_textarea(&h, "description", N_("What they do"), p->description, e, NULL);
	form_checks_ref(&h, "services", N_("Services they offer"), "service_kinds", p->services,
			p->nservices, e);
	form_checks_ref(&h, "regions", N_("Regions they work in (none: all)"), "regions",
			p->regions, p->nregions, e);
	form_text(&h, "address", N_("Address"), p->address, e, NULL);
	form_text(&h, "phone", N_("Phone"), p->phone, e, "tel");
	form_text(&h, "email", N_("E-mail"), p->email, e, "email");
	form_text(&h, "website", N_("Website"), p->website, e, "url");
	form_text(&h, "contact_person", N_("Contact person"), p->contact_person, e, NULL);
	if (p->org_id)
		html(&h, "<p class=\"hint\">%t: %s</p>", N_("Its organisation in Komek"),
		     p->org_name);
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> "
	     "%t</label></div>",
	     p->active ? " checked" : "", N_("Active: workers can refer people to it"));
	html(&h, "<p><button class=\"primary\">%t</button> <a href=\"/partners\">%t</a></p></form>",
	     N_("Save"), N_("Cancel"));
	layout_end(r, &h);
}

int page_partner_new_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct partner p = { .active = true };
	render_partner(r, &p, NULL, NULL);
	return 0;
}

int page_partner_get(struct req *r)
{
	struct partner p;
	int rc = store_partner_get(req_db(r), &r->arena, r->param[0], &p);
	if (rc)
		return rc;
	if (!p.active && !access_may_admin(r->who))
		return K_ENOTFOUND;
	render_partner(r, &p, NULL, NULL);
	return 0;
}

static int partner_post(struct req *r, const struct partner *old)
{
	struct partner p = { .id = old ? old->id : 0,
			     .name = req_form(r, "name"),
			     .kind = req_form(r, "kind"),
			     .description = req_form(r, "description"),
			     .address = req_form(r, "address"),
			     .phone = req_form(r, "phone"),
			     .email = req_form(r, "email"),
			     .website = req_form(r, "website"),
			     .contact_person = req_form(r, "contact_person"),
			     .active = req_form(r, "active") != NULL };
	struct field_errors e = { 0 };
	p.nservices = req_form_all(r, "services", p.services, PARTNER_SERVICES_MAX);
	p.nregions = req_form_all(r, "regions", p.regions, PARTNER_REGIONS_MAX);
	if (old) {
		p.org_id = old->org_id;
		p.org_name = old->org_name;
	}
	if (old)
		p.version = form_version(r, &e);
	if (partner_validate(&r->arena, &p, &e) || e.n) {
		r->status = 422;
		render_partner(r, &p, &e, NULL);
		return 0;
	}
	int rc = store_partner_save(req_db(r), r->who, &p);
	if (rc == K_ECONFLICT && old) {
		struct partner now;
		if ((rc = store_partner_get(req_db(r), &r->arena, old->id, &now)))
			return rc;
		p.version = now.version;
		r->status = 409;
		render_partner(
		    r, &p, &e,
		    N_("Someone else changed this entry while you were editing. Your "
		       "changes are below and were not saved; check them and save again."));
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/partners/%lld", (long long)p.id));
}

int page_partners_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	return partner_post(r, NULL);
}

int page_partner_post(struct req *r)
{
	struct partner old;
	int rc = store_partner_get(req_db(r), &r->arena, r->param[0], &old);
	if (rc)
		return rc;
	if (!old.active && !access_may_admin(r->who))
		return K_ENOTFOUND;
	if (!partner_may_edit(r->who, &old))
		return K_EFORBIDDEN;
	return partner_post(r, &old);
}
