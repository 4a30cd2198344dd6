/* civic.c: the public-state form of work (domain/civic.h): a hub page; the organisations
 * resettlers create, with their dated steps to registration; councils and chambers with their
 * meetings, agenda and decisions; policy proposals and what became of them. A refused form
 * shows the page again with its errors and the input kept. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/civic.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

static void form_end(struct req *r, struct html *h, const char *cancel)
{
	html(h, "<p><button class=\"primary\">%t</button> <a href=\"%s\">%t</a></p></form>",
	     N_("Save"), cancel, N_("Cancel"));
	(void)r;
}

/* A text typed in a textarea (an agenda, minutes, a note): its lines apart, each escaped,
 * with <br> between them (the stylesheet keeps no line break of a text as typed). */
static void html_lines(struct html *h, const char *s)
{
	while (s && *s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		html_text_n(h, s, n && s[n - 1] == '\r' ? n - 1 : n);
		if (!nl)
			break;
		html(h, "<br>");
		s = nl + 1;
	}
}

/* A term and its multi-line value, line by line; nothing when there is no value. */
static void dl_lines(struct html *h, const char *label_msgid, const char *value)
{
	if (!value || !*value)
		return;
	html(h, "<dt>%t</dt><dd>", label_msgid);
	html_lines(h, value);
	html(h, "</dd>");
}

static void form_start(struct req *r, struct html *h, const char *action, int64_t version)
{
	html(h, "<form method=\"post\" action=\"%s\">", action);
	form_hidden_csrf(r, h);
	if (version)
		html(h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", version);
}

int page_civic_get(struct req *r)
{
	if (!civic_may_read(r->who))
		return K_EFORBIDDEN;
	struct resettler_org *o;
	struct council *k;
	struct proposal *p;
	size_t no, nk, np;
	int rc = store_resettler_orgs(req_db(r), &r->arena, r->who, &o, &no);
	if (!rc)
		rc = store_councils(req_db(r), &r->arena, r->who, &k, &nk);
	if (!rc)
		rc = store_proposals(req_db(r), &r->arena, r->who, &p, &np);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Public work"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p><ul class=\"hub\">", N_("Public work"),
	     N_("The organisations resettlers create with your help, the public councils and "
		"chambers you take part in, and the proposals you make to change migration "
		"policy."));
	html(&h, "<li><a href=\"/resettler-orgs\">%t</a> (%D)</li>",
	     N_("Resettlers' organisations"), (int64_t)no);
	html(&h, "<li><a href=\"/councils\">%t</a> (%D)</li>", N_("Councils and chambers"),
	     (int64_t)nk);
	html(&h, "<li><a href=\"/proposals\">%t</a> (%D)</li></ul>", N_("Policy proposals"),
	     (int64_t)np);
	layout_end(r, &h);
	return 0;
}

/* ---- resettlers' organisations ---- */

int page_resettler_orgs_get(struct req *r)
{
	if (!civic_may_read(r->who))
		return K_EFORBIDDEN;
	struct resettler_org *o;
	size_t n;
	int rc = store_resettler_orgs(req_db(r), &r->arena, r->who, &o, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Resettlers' organisations"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/civic\">%t</a></p>", N_("Resettlers' organisations"),
	     N_("Public work"));
	if (civic_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/resettler-orgs/new\">%t</a></p>",
		     N_("Add an organisation"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("None recorded yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Organisation"), N_("Kind"), N_("Region"), N_("Latest step"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/resettler-orgs/%D\">%s</a></td><td>%s</td><td>%s</td>"
		     "<td>%s %s</td></tr>",
		     o[i].id, o[i].name, ref_text(r, "resettler_org_kinds", o[i].kind),
		     ref_text(r, "regions", o[i].region), ref_text(r, "org_steps", o[i].step),
		     layout_date(r, o[i].step_on));
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

static void render_rog_form(struct req *r, const struct resettler_org *o,
			    const struct field_errors *e, bool stale)
{
	struct html h;
	const char *title = o->id ? o->name : i18n_tr(r->lang, N_("Add an organisation"));
	layout_begin(r, &h, N_("Resettlers' organisations"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/resettler-orgs\">%t</a></p>", title,
	     N_("Resettlers' organisations"));
	form_notice(&h, e, stale);
	form_start(r, &h,
		   o->id ? arena_printf(&r->arena, "/resettler-orgs/%lld", (long long)o->id)
			 : "/resettler-orgs",
		   o->version);
	form_text(&h, "name", N_("Name of the organisation"), o->name, e, NULL);
	form_select_ref(&h, "kind", N_("Kind"), "resettler_org_kinds", o->kind, e, false);
	form_select_ref(&h, "region", N_("Region"), "regions", o->region, e, true);
	form_text(&h, "initiators", N_("Initiative group"), o->initiators, e, NULL);
	form_text(&h, "contact", N_("Contact"), o->contact, e, NULL);
	form_textarea(&h, "note", N_("Note"), o->note, e, NULL);
	form_end(r, &h,
		 o->id ? arena_printf(&r->arena, "/resettler-orgs/%lld", (long long)o->id)
		       : "/resettler-orgs");
	layout_end(r, &h);
}

int page_resettler_org_new_get(struct req *r)
{
	if (!civic_may_manage(r->who))
		return K_EFORBIDDEN;
	struct resettler_org o = { .kind = "public_association" };
	render_rog_form(r, &o, NULL, false);
	return 0;
}

static int rog_for(struct req *r, bool (*may)(const struct actor *), struct resettler_org *o)
{
	if (!civic_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_resettler_org_get(req_db(r), &r->arena, r->who, r->param[0], o);
}

int page_resettler_org_edit_get(struct req *r)
{
	struct resettler_org o;
	int rc = rog_for(r, civic_may_manage, &o);
	if (!rc)
		render_rog_form(r, &o, NULL, false);
	return rc;
}

static int rog_save(struct req *r, bool existing)
{
	struct resettler_org o = { 0 };
	int rc = existing                   ? rog_for(r, civic_may_manage, &o)
		 : civic_may_manage(r->who) ? 0
					    : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	o.name = req_form(r, "name");
	o.kind = req_form(r, "kind");
	o.region = req_form(r, "region");
	o.initiators = req_form(r, "initiators");
	o.contact = req_form(r, "contact");
	o.note = req_form(r, "note");
	if (existing)
		o.version = form_version(r, &e);
	rc = resettler_org_validate(&r->arena, &o, &e);
	if (!e.n)
		rc = store_resettler_org_save(req_db(r), r->who, &o);
	if (form_refused(r, rc, &e)) {
		render_rog_form(r, &o, &e, rc == K_ECONFLICT);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/resettler-orgs/%lld", (long long)o.id));
}

int page_resettler_orgs_post(struct req *r)
{
	return rog_save(r, false);
}

int page_resettler_org_post(struct req *r)
{
	return rog_save(r, true);
}

static int render_rog(struct req *r, const struct resettler_org *o, const struct org_step *in,
		      const struct field_errors *e)
{
	struct org_step *s;
	size_t n;
	int rc = store_org_steps(req_db(r), &r->arena, o->id, &s, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Resettlers' organisations"), o->name);
	html(&h, "<h1>%s</h1><p><a href=\"/resettler-orgs\">%t</a>", o->name,
	     N_("Resettlers' organisations"));
	if (civic_may_manage(r->who))
		html(&h, " · <a href=\"/resettler-orgs/%D/edit\">%t</a>", o->id, N_("Edit"));
	html(&h, "</p>");
	form_notice(&h, e, false);
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "resettler_org_kinds", o->kind));
	layout_dl(&h, N_("Region"), ref_text(r, "regions", o->region));
	layout_dl(&h, N_("Initiative group"), o->initiators);
	layout_dl(&h, N_("Contact"), o->contact);
	dl_lines(&h, N_("Note"), o->note);
	html(&h, "</dl><h2 id=\"steps\">%t</h2>", N_("Steps to registration"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No step recorded yet."));
	} else {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Date"), N_("Step"), N_("Note"));
		for (size_t i = 0; i < n; i++) {
			html(&h, "<tr><td>%s</td><td>%s</td><td>", layout_date(r, s[i].done_on),
			     ref_text(r, "org_steps", s[i].step));
			html_lines(&h, s[i].note);
			html(&h, "</td></tr>");
		}
		html(&h, "</tbody></table>");
	}
	if (civic_may_manage(r->who)) {
		html(&h, "<h3>%t</h3>", N_("Record a step"));
		form_start(r, &h,
			   arena_printf(&r->arena, "/resettler-orgs/%lld/steps", (long long)o->id),
			   0);
		html(&h, "<div class=\"row\">");
		form_select_ref(&h, "step", N_("Step"), "org_steps", in ? in->step : NULL, e,
				false);
		form_text(&h, "done_on", N_("Date"), in && in->done_on ? in->done_on : r->today, e,
			  "date");
		html(&h, "</div>");
		form_textarea(&h, "note", N_("Note"), in ? in->note : NULL, e, NULL);
		html(&h, "<p><button>%t</button></p></form>", N_("Record the step"));
	}
	layout_end(r, &h);
	return 0;
}

int page_resettler_org_get(struct req *r)
{
	struct resettler_org o;
	int rc = rog_for(r, civic_may_read, &o);
	return rc ? rc : render_rog(r, &o, NULL, NULL);
}

int page_resettler_org_steps_post(struct req *r)
{
	struct resettler_org o;
	int rc = rog_for(r, civic_may_manage, &o);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct org_step s = { .resettler_org_id = o.id,
			      .step = req_form(r, "step"),
			      .done_on = req_form(r, "done_on"),
			      .note = req_form(r, "note") };
	struct org_step in = s;
	rc = org_step_validate(&r->arena, &s, r->today, &e);
	if (!rc)
		rc = store_org_step_add(req_db(r), &r->arena, r->who, &s);
	if (form_refused(r, rc, &e))
		return render_rog(r, &o, &in, &e);
	if (rc)
		return rc;
	return req_redirect(r,
			    arena_printf(&r->arena, "/resettler-orgs/%lld#steps", (long long)o.id));
}

/* ---- councils ---- */

int page_councils_get(struct req *r)
{
	if (!civic_may_read(r->who))
		return K_EFORBIDDEN;
	struct council *k;
	size_t n;
	int rc = store_councils(req_db(r), &r->arena, r->who, &k, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Councils and chambers"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/civic\">%t</a></p>", N_("Councils and chambers"),
	     N_("Public work"));
	if (civic_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/councils/new\">%t</a></p>",
		     N_("Add a council or chamber"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("None recorded yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
	     N_("Council or chamber"), N_("Kind"), N_("Region"), N_("Meetings"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/councils/%D\">%s</a></td><td>%s</td><td>%s</td>"
		     "<td class=\"num\">%D</td></tr>",
		     k[i].id, k[i].name, ref_text(r, "council_kinds", k[i].kind),
		     ref_text(r, "regions", k[i].region), k[i].meetings);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

static void render_council_form(struct req *r, const struct council *k,
				const struct field_errors *e, bool stale)
{
	struct html h;
	const char *title = k->id ? k->name : i18n_tr(r->lang, N_("Add a council or chamber"));
	layout_begin(r, &h, N_("Councils and chambers"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/councils\">%t</a></p>", title,
	     N_("Councils and chambers"));
	form_notice(&h, e, stale);
	form_start(r, &h,
		   k->id ? arena_printf(&r->arena, "/councils/%lld", (long long)k->id)
			 : "/councils",
		   k->version);
	form_text(&h, "name", N_("Name of the council or chamber"), k->name, e, NULL);
	form_select_ref(&h, "kind", N_("Kind"), "council_kinds", k->kind, e, false);
	form_select_ref(&h, "region", N_("Region"), "regions", k->region, e, true);
	form_textarea(&h, "note", N_("Note"), k->note, e, NULL);
	form_end(r, &h,
		 k->id ? arena_printf(&r->arena, "/councils/%lld", (long long)k->id) : "/councils");
	layout_end(r, &h);
}

int page_council_new_get(struct req *r)
{
	if (!civic_may_manage(r->who))
		return K_EFORBIDDEN;
	struct council k = { .kind = "public_council" };
	render_council_form(r, &k, NULL, false);
	return 0;
}

static int council_for(struct req *r, bool (*may)(const struct actor *), struct council *k)
{
	if (!civic_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_council_get(req_db(r), &r->arena, r->who, r->param[0], k);
}

int page_council_edit_get(struct req *r)
{
	struct council k;
	int rc = council_for(r, civic_may_manage, &k);
	if (!rc)
		render_council_form(r, &k, NULL, false);
	return rc;
}

static int council_save(struct req *r, bool existing)
{
	struct council k = { 0 };
	int rc = existing                   ? council_for(r, civic_may_manage, &k)
		 : civic_may_manage(r->who) ? 0
					    : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	k.name = req_form(r, "name");
	k.kind = req_form(r, "kind");
	k.region = req_form(r, "region");
	k.note = req_form(r, "note");
	if (existing)
		k.version = form_version(r, &e);
	rc = council_validate(&r->arena, &k, &e);
	if (!e.n)
		rc = store_council_save(req_db(r), r->who, &k);
	if (form_refused(r, rc, &e)) {
		render_council_form(r, &k, &e, rc == K_ECONFLICT);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/councils/%lld", (long long)k.id));
}

int page_councils_post(struct req *r)
{
	return council_save(r, false);
}

int page_council_post(struct req *r)
{
	return council_save(r, true);
}

static int render_council(struct req *r, const struct council *k, const struct council_meeting *in,
			  const struct field_errors *e)
{
	struct council_meeting *m;
	size_t n;
	int rc = store_meetings(req_db(r), &r->arena, k->id, &m, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Councils and chambers"), k->name);
	html(&h, "<h1>%s</h1><p><a href=\"/councils\">%t</a>", k->name,
	     N_("Councils and chambers"));
	if (civic_may_manage(r->who))
		html(&h, " · <a href=\"/councils/%D/edit\">%t</a>", k->id, N_("Edit"));
	html(&h, "</p>");
	form_notice(&h, e, false);
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "council_kinds", k->kind));
	layout_dl(&h, N_("Region"), ref_text(r, "regions", k->region));
	dl_lines(&h, N_("Note"), k->note);
	html(&h, "</dl><h2 id=\"meetings\">%t</h2>", N_("Meetings"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No meeting recorded yet."));
	} else {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th></tr></thead>"
		     "<tbody>",
		     N_("Date"), N_("Place"), N_("Decisions"));
		for (size_t i = 0; i < n; i++)
			html(&h,
			     "<tr><td><a href=\"/councils/%D/meetings/%D\">%s</a></td><td>%s</td>"
			     "<td class=\"num\">%D</td></tr>",
			     k->id, m[i].id, layout_date(r, m[i].held_on), m[i].place,
			     m[i].decisions);
		html(&h, "</tbody></table>");
	}
	if (civic_may_manage(r->who)) {
		html(&h, "<h3>%t</h3>", N_("Record a meeting"));
		form_start(r, &h,
			   arena_printf(&r->arena, "/councils/%lld/meetings", (long long)k->id), 0);
		html(&h, "<div class=\"row\">");
		form_text(&h, "held_on", N_("Date"), in ? in->held_on : r->today, e, "date");
		form_text(&h, "place", N_("Place"), in ? in->place : NULL, e, NULL);
		html(&h, "</div>");
		form_textarea(&h, "agenda", N_("Agenda"), in ? in->agenda : NULL, e, NULL);
		form_textarea(&h, "minutes", N_("Minutes"), in ? in->minutes : NULL, e, NULL);
		html(&h, "<p><button>%t</button></p></form>", N_("Record the meeting"));
	}
	layout_end(r, &h);
	return 0;
}

int page_council_get(struct req *r)
{
	struct council k;
	int rc = council_for(r, civic_may_read, &k);
	return rc ? rc : render_council(r, &k, NULL, NULL);
}

int page_council_meetings_post(struct req *r)
{
	struct council k;
	int rc = council_for(r, civic_may_manage, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct council_meeting m = { .council_id = k.id,
				     .held_on = req_form(r, "held_on"),
				     .place = req_form(r, "place"),
				     .agenda = req_form(r, "agenda"),
				     .minutes = req_form(r, "minutes") };
	struct council_meeting in = m;
	rc = meeting_validate(&r->arena, &m, &e);
	if (!rc)
		rc = store_meeting_add(req_db(r), &r->arena, r->who, &m);
	if (form_refused(r, rc, &e))
		return render_council(r, &k, &in, &e);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/councils/%lld/meetings/%lld",
					    (long long)k.id, (long long)m.id));
}

/* A decision as a row's controls name it: its first line, cut after 80 characters (a
 * decision may run to CIVIC_TEXT_MAX), with an ellipsis when cut. */
static const char *decision_name(struct req *r, const char *text)
{
	enum { MAX_CHARS = 80 };
	if (!text)
		return "";
	size_t end = 0, chars = 0;
	while (text[end] && text[end] != '\n' && text[end] != '\r' && chars < MAX_CHARS) {
		end++;
		while ((text[end] & 0xC0) == 0x80)
			end++;
		chars++;
	}
	bool cut = text[end] != '\0';
	return arena_printf(&r->arena, "%.*s%s", (int)end, text, cut ? "…" : "");
}

static int render_meeting(struct req *r, const struct council *k, const struct council_meeting *m,
			  const struct decision *in, const struct field_errors *e)
{
	struct decision *d;
	size_t n;
	int rc = store_decisions(req_db(r), &r->arena, m->id, &d, &n);
	if (rc)
		return rc;
	bool manage = civic_may_manage(r->who);
	struct html h;
	const char *title = arena_printf(&r->arena, "%s: %s", k->name, layout_date(r, m->held_on));
	layout_begin(r, &h, N_("Councils and chambers"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/councils/%D#meetings\">%t</a></p>", title, k->id,
	     N_("Back to the council"));
	form_notice(&h, e, false);
	html(&h, "<dl>");
	layout_dl(&h, N_("Place"), m->place);
	html(&h, "</dl><h2>%t</h2><p class=\"note\">", N_("Agenda"));
	html_lines(&h, m->agenda);
	html(&h, "</p>");
	if (m->minutes) {
		html(&h, "<h2>%t</h2><p class=\"note\">", N_("Minutes"));
		html_lines(&h, m->minutes);
		html(&h, "</p>");
	}
	html(&h, "<h2 id=\"decisions\">%t</h2>", N_("Decisions"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No decision recorded yet."));
	} else {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Decision"), N_("Due on"), N_("Status"));
		for (size_t i = 0; i < n; i++) {
			html(&h, "<tr><td>");
			html_lines(&h, d[i].text);
			html(&h, "</td><td>%s</td><td>", layout_date(r, d[i].due_on));
			if (!manage) {
				html(&h, "%s</td></tr>",
				     ref_text(r, "decision_statuses", d[i].status));
				continue;
			}
			/* Each row's select and button name their decision: "Status" and "Save"
			 * alone would be one of many alike, and the same as the new decision's. */
			const char *id = arena_printf(&r->arena, "ds-%lld", (long long)d[i].id);
			const char *name = decision_name(r, d[i].text);
			html(&h,
			     "<form method=\"post\" "
			     "action=\"/councils/%D/meetings/%D/decisions/%D\" "
			     "class=\"inline\">",
			     k->id, m->id, d[i].id);
			form_hidden_csrf(r, &h);
			html(&h,
			     "<label for=\"%s\" class=\"vh\">%t: %s</label><select id=\"%s\" "
			     "name=\"status\">",
			     id, N_("Status"), name, id);
			const struct ref_list *l = ref_list_find("decision_statuses");
			for (size_t j = 0; l && j < l->n; j++) {
				if (strcmp(l->items[j].code, d[i].status) == 0)
					html(&h, "<option value=\"%s\" selected>",
					     l->items[j].code);
				else
					html(&h, "<option value=\"%s\">", l->items[j].code);
				html(&h, "%s</option>", ref_label(&l->items[j], r->lang));
			}
			html(&h,
			     "</select> <button aria-label=\"%t: %s\">%t</button></form></td></tr>",
			     N_("Save"), name, N_("Save"));
		}
		html(&h, "</tbody></table>");
	}
	if (manage) {
		html(&h, "<h3>%t</h3>", N_("Record a decision"));
		form_start(r, &h,
			   arena_printf(&r->arena, "/councils/%lld/meetings/%lld/decisions",
					(long long)k->id, (long long)m->id),
			   0);
		form_textarea(&h, "text", N_("Decision"), in ? in->text : NULL, e, NULL);
		html(&h, "<div class=\"row\">");
		form_select_ref(&h, "status", N_("Status"), "decision_statuses",
				in ? in->status : "adopted", e, false);
		form_text(&h, "due_on", N_("Due on"), in ? in->due_on : NULL, e, "date");
		html(&h, "</div><p><button>%t</button></p></form>", N_("Record the decision"));
	}
	layout_end(r, &h);
	return 0;
}

static int meeting_for(struct req *r, bool (*may)(const struct actor *), struct council *k,
		       struct council_meeting *m)
{
	int rc = council_for(r, may, k);
	return rc ? rc : store_meeting_get(req_db(r), &r->arena, r->who, k->id, r->param[1], m);
}

int page_meeting_get(struct req *r)
{
	struct council k;
	struct council_meeting m;
	int rc = meeting_for(r, civic_may_read, &k, &m);
	return rc ? rc : render_meeting(r, &k, &m, NULL, NULL);
}

int page_meeting_decisions_post(struct req *r)
{
	struct council k;
	struct council_meeting m;
	int rc = meeting_for(r, civic_may_manage, &k, &m);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct decision d = { .meeting_id = m.id,
			      .text = req_form(r, "text"),
			      .status = req_form(r, "status"),
			      .due_on = req_form(r, "due_on") };
	struct decision in = d;
	rc = decision_validate(&r->arena, &d, &e);
	if (!rc)
		rc = store_decision_save(req_db(r), &r->arena, r->who, k.id, &d);
	if (form_refused(r, rc, &e))
		return render_meeting(r, &k, &m, &in, &e);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/councils/%lld/meetings/%lld#decisions",
					    (long long)k.id, (long long)m.id));
}

int page_decision_post(struct req *r)
{
	struct council k;
	struct council_meeting m;
	int rc = meeting_for(r, civic_may_manage, &k, &m);
	struct decision *d;
	size_t n;
	if (!rc)
		rc = store_decisions(req_db(r), &r->arena, m.id, &d, &n);
	if (rc)
		return rc;
	struct decision *x = NULL;
	for (size_t i = 0; i < n; i++)
		if (d[i].id == r->param[2])
			x = &d[i];
	if (!x)
		return K_ENOTFOUND;
	struct field_errors e = { 0 };
	x->status = req_form(r, "status");
	/* A change of status names the new one: none is not "adopted" again. */
	if (!x->status || !*x->status)
		field_error_add(&e, "status", N_("Choose a value from the list."));
	rc = e.n ? K_EINVAL : decision_validate(&r->arena, x, &e);
	if (!rc)
		rc = store_decision_save(req_db(r), &r->arena, r->who, k.id, x);
	if (form_refused(r, rc, &e))
		return render_meeting(r, &k, &m, NULL, &e);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/councils/%lld/meetings/%lld#decisions",
					    (long long)k.id, (long long)m.id));
}

/* ---- policy proposals ---- */

int page_proposals_get(struct req *r)
{
	if (!civic_may_read(r->who))
		return K_EFORBIDDEN;
	struct proposal *p;
	size_t n;
	int rc = store_proposals(req_db(r), &r->arena, r->who, &p, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Policy proposals"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/civic\">%t</a></p>", N_("Policy proposals"),
	     N_("Public work"));
	if (civic_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/proposals/new\">%t</a></p>",
		     N_("Record a proposal"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("None recorded yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Proposal"), N_("To whom"), N_("Submitted on"), N_("Status"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/proposals/%D\">%s</a></td><td>%s</td><td>%s</td>"
		     "<td>%s</td></tr>",
		     p[i].id, p[i].title, p[i].addressee, layout_date(r, p[i].submitted_on),
		     ref_text(r, "proposal_statuses", p[i].status));
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

static void render_proposal_form(struct req *r, const struct proposal *p, const char *meeting,
				 const struct field_errors *e, bool stale)
{
	struct html h;
	const char *title = p->id ? p->title : i18n_tr(r->lang, N_("Record a proposal"));
	layout_begin(r, &h, N_("Policy proposals"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/proposals\">%t</a></p>", title, N_("Policy proposals"));
	form_notice(&h, e, stale);
	form_start(r, &h,
		   p->id ? arena_printf(&r->arena, "/proposals/%lld", (long long)p->id)
			 : "/proposals",
		   p->version);
	form_text(&h, "title", N_("Title"), p->title, e, NULL);
	form_textarea(&h, "text", N_("What is proposed"), p->text, e, NULL);
	form_text(&h, "addressee", N_("To whom"), p->addressee, e, NULL);
	html(&h, "<div class=\"row\">");
	form_select_ref(&h, "status", N_("Status"), "proposal_statuses", p->status, e, false);
	form_text(&h, "submitted_on", N_("Submitted on"), p->submitted_on, e, "date");
	form_text(&h, "meeting_id", N_("Number of the council meeting it came from"), meeting, e,
		  "number");
	html(&h, "</div>");
	form_textarea(&h, "outcome", N_("What became of it"), p->outcome, e, NULL);
	form_text(&h, "outcome_on", N_("Decided on"), p->outcome_on, e, "date");
	form_end(r, &h,
		 p->id ? arena_printf(&r->arena, "/proposals/%lld", (long long)p->id)
		       : "/proposals");
	layout_end(r, &h);
}

int page_proposal_new_get(struct req *r)
{
	if (!civic_may_manage(r->who))
		return K_EFORBIDDEN;
	struct proposal p = { .status = "drafted" };
	render_proposal_form(r, &p, NULL, NULL, false);
	return 0;
}

static int proposal_for(struct req *r, bool (*may)(const struct actor *), struct proposal *p)
{
	if (!civic_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_proposal_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

static const char *meeting_text(struct req *r, int64_t id)
{
	return id ? arena_printf(&r->arena, "%lld", (long long)id) : NULL;
}

int page_proposal_edit_get(struct req *r)
{
	struct proposal p;
	int rc = proposal_for(r, civic_may_manage, &p);
	if (!rc)
		render_proposal_form(r, &p, meeting_text(r, p.meeting_id), NULL, false);
	return rc;
}

static int proposal_save(struct req *r, bool existing)
{
	struct proposal p = { 0 };
	int rc = existing                   ? proposal_for(r, civic_may_manage, &p)
		 : civic_may_manage(r->who) ? 0
					    : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	const char *meeting = req_form(r, "meeting_id");
	p.title = req_form(r, "title");
	p.text = req_form(r, "text");
	p.addressee = req_form(r, "addressee");
	p.status = req_form(r, "status");
	p.submitted_on = req_form(r, "submitted_on");
	p.outcome = req_form(r, "outcome");
	p.outcome_on = req_form(r, "outcome_on");
	p.meeting_id = 0;
	if (meeting && *meeting && parse_i64(meeting, 1, INT64_MAX, &p.meeting_id))
		field_error_add(&e, "meeting_id",
				N_("Choose a meeting of your organisation's councils."));
	if (existing)
		p.version = form_version(r, &e);
	rc = proposal_validate(&r->arena, &p, r->today, &e);
	if (!e.n)
		rc = store_proposal_save(req_db(r), r->who, &p, &e);
	if (form_refused(r, rc, &e)) {
		render_proposal_form(r, &p, meeting, &e, rc == K_ECONFLICT);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/proposals/%lld", (long long)p.id));
}

int page_proposals_post(struct req *r)
{
	return proposal_save(r, false);
}

int page_proposal_post(struct req *r)
{
	return proposal_save(r, true);
}

int page_proposal_get(struct req *r)
{
	struct proposal p;
	int rc = proposal_for(r, civic_may_read, &p);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Policy proposals"), p.title);
	html(&h, "<h1>%s</h1><p><a href=\"/proposals\">%t</a>", p.title, N_("Policy proposals"));
	if (civic_may_manage(r->who))
		html(&h, " · <a href=\"/proposals/%D/edit\">%t</a>", p.id, N_("Edit"));
	html(&h, "</p><h2>%t</h2><p class=\"note\">", N_("What is proposed"));
	html_lines(&h, p.text);
	html(&h, "</p><dl>");
	layout_dl(&h, N_("To whom"), p.addressee);
	layout_dl(&h, N_("Status"), ref_text(r, "proposal_statuses", p.status));
	layout_dl(&h, N_("Submitted on"), layout_date(r, p.submitted_on));
	dl_lines(&h, N_("What became of it"), p.outcome);
	layout_dl(&h, N_("Decided on"), layout_date(r, p.outcome_on));
	html(&h, "</dl>");
	if (p.meeting_id) {
		struct council_meeting m;
		struct council *k;
		size_t nk;
		/* The meeting it came from, found among the organisation's councils. */
		if (!store_councils(req_db(r), &r->arena, r->who, &k, &nk))
			for (size_t i = 0; i < nk; i++)
				if (!store_meeting_get(req_db(r), &r->arena, r->who, k[i].id,
						       p.meeting_id, &m)) {
					html(&h,
					     "<p>%t <a href=\"/councils/%D/meetings/%D\">%s, "
					     "%s</a></p>",
					     N_("Put forward at"), k[i].id, m.id, k[i].name,
					     layout_date(r, m.held_on));
					break;
				}
	}
	layout_end(r, &h);
	return 0;
}
