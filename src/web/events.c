/* events.c: community events and publications (domain/event.h): the list, an event's page
 * (what it was, its audience counted and the registered people among it named), its form, and
 * the events on a person's page. A participant the reader may not see is "a protected person",
 * never a name. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/event.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* The event of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * event is looked up). */
static int event_for(struct req *r, bool (*may)(const struct actor *), struct event *e)
{
	if (!event_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_event_get(req_db(r), &r->arena, r->who, r->param[0], e);
}

static const char *number(struct req *r, int64_t v)
{
	return arena_printf(&r->arena, "%lld", (long long)v);
}

int page_events_get(struct req *r)
{
	if (!event_may_read(r->who))
		return K_EFORBIDDEN;
	const char *kind = req_query(r, "kind");
	if (kind && !event_kind_valid(kind))
		kind = NULL;
	struct event *e;
	size_t n;
	int rc = store_events(req_db(r), &r->arena, r->who, kind, &e, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Events and publications"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Events and publications"),
	     N_("Conferences, forums, round tables, festivals, creative contests, excursions and "
		"publications: who came, migrants and the host community, and what came of them."));
	if (event_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/events/new\">%t</a></p>",
		     N_("Record an event or a publication"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("No event or publication is recorded."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Date"), N_("Event or publication"), N_("Kind"), N_("Migrants"),
	     N_("Host community"), N_("Named"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td>%s</td><td><a href=\"/events/%D\">%s</a></td><td>%s</td>"
		     "<td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
		     "</tr>",
		     layout_date(r, e[i].held_on), e[i].id, e[i].title,
		     ref_text(r, "activity_kinds", e[i].kind), e[i].migrants + e[i].named,
		     e[i].hosts, e[i].named);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* ---- the event's form ---- */

/* The kinds an event may be, as a select. */
static void kind_select(struct req *r, struct html *h, const char *value,
			const struct field_errors *e)
{
	static const char *const kinds[] = { "conference",       "forum",
					     "round_table",      "festival",
					     "creative_contest", "excursion",
					     "publication" };
	const char *err = e ? field_error_for(e, "kind") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-kind\">%t</label>", err ? " invalid" : "",
	     N_("Kind"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-kind\">%t</p>", err);
	html(h, "<select id=\"f-kind\" name=\"kind\"");
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-kind\"");
	html(h, ">");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		if (value && strcmp(value, kinds[i]) == 0)
			html(h, "<option value=\"%s\" selected>", kinds[i]);
		else
			html(h, "<option value=\"%s\">", kinds[i]);
		html(h, "%s</option>", ref_text(r, "activity_kinds", kinds[i]));
	}
	html(h, "</select></div>");
}

/* The counts as typed, or as stored. */
struct event_counts {
	const char *migrants, *hosts, *circulation;
};

static void render_event_form(struct req *r, const struct event *ev, const struct event_counts *n,
			      const struct field_errors *e, const char *notice)
{
	struct html h;
	const char *title =
	    ev->id ? ev->title : i18n_tr(r->lang, N_("Record an event or a publication"));
	layout_begin(r, &h, N_("Events and publications"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/events\">%t</a></p>", title,
	     N_("All events and publications"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (ev->id)
		html(&h, "<form method=\"post\" action=\"/events/%D\">", ev->id);
	else
		html(&h, "<form method=\"post\" action=\"/events\">");
	form_hidden_csrf(r, &h);
	if (ev->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", ev->version);
	kind_select(r, &h, ev->kind, e);
	form_text(&h, "title", N_("Title"), ev->title, e, NULL);
	html(&h, "<div class=\"row\">");
	form_text(&h, "held_on", N_("Held or published on"), ev->held_on, e, "date");
	form_text(&h, "ends_on", N_("Ends on"), ev->ends_on, e, "date");
	html(&h, "</div>");
	form_text(&h, "place", N_("Place"), ev->place, e, NULL);
	form_text(&h, "organisers", N_("Organisers"), ev->organisers, e, NULL);
	form_text(&h, "partners", N_("Partners"), ev->partners, e, NULL);
	html(&h, "<div class=\"row\">");
	form_select_ref(&h, "form", N_("Form of work"), "forms", ev->form, e, true);
	form_select_ref(&h, "function", N_("Function"), "functions", ev->function, e, true);
	form_select_ref(&h, "means", N_("Means"), "means", ev->means, e, true);
	html(&h, "</div><div class=\"row\">");
	form_text(&h, "migrants", N_("Migrants who came, not named below"), n->migrants, e,
		  "number");
	form_text(&h, "hosts", N_("Members of the host community who came"), n->hosts, e, "number");
	html(&h, "</div><div class=\"row\">");
	form_select_ref(&h, "medium", N_("Medium of a publication"), "publication_media",
			ev->medium, e, true);
	form_text(&h, "circulation", N_("Copies printed"), n->circulation, e, "number");
	html(&h, "</div>");
	form_textarea(&h, "description", N_("Description"), ev->description, e, NULL);
	form_textarea(&h, "results", N_("Results"), ev->results, e,
		      N_("What came of it: agreements, proposals, what the participants took "
			 "away."));
	html(&h, "<p><button class=\"primary\">%t</button> <a href=\"/events%s\">%t</a></p></form>",
	     N_("Save"), ev->id ? arena_printf(&r->arena, "/%lld", (long long)ev->id) : "",
	     N_("Cancel"));
	layout_end(r, &h);
}

int page_event_new_get(struct req *r)
{
	if (!event_may_manage(r->who))
		return K_EFORBIDDEN;
	struct event e = { .kind = "round_table", .held_on = r->today };
	struct event_counts n = { "0", "0", "0" };
	render_event_form(r, &e, &n, NULL, NULL);
	return 0;
}

int page_event_edit_get(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	if (rc)
		return rc;
	struct event_counts n = { number(r, e.migrants), number(r, e.hosts),
				  number(r, e.circulation) };
	render_event_form(r, &e, &n, NULL, NULL);
	return 0;
}

/* A count typed in the form: 0 when empty; an error on field when not a count. */
static int64_t form_count(const char *v, const char *field, struct field_errors *e)
{
	int64_t n = 0;
	if (v && *v && parse_i64(v, 0, EVENT_COUNT_MAX, &n))
		field_error_add(e, field, N_("Enter a number from 0 to 1000000."));
	return n;
}

/* POST /events and POST /events/{id}. */
static int event_save(struct req *r, bool existing)
{
	struct event e = { 0 };
	int rc = existing                   ? event_for(r, event_may_manage, &e)
		 : event_may_manage(r->who) ? 0
					    : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	struct event_counts n = { req_form(r, "migrants"), req_form(r, "hosts"),
				  req_form(r, "circulation") };
	e.kind = req_form(r, "kind");
	e.title = req_form(r, "title");
	e.held_on = req_form(r, "held_on");
	e.ends_on = req_form(r, "ends_on");
	e.place = req_form(r, "place");
	e.organisers = req_form(r, "organisers");
	e.partners = req_form(r, "partners");
	e.form = req_form(r, "form");
	e.function = req_form(r, "function");
	e.means = req_form(r, "means");
	e.medium = req_form(r, "medium");
	e.description = req_form(r, "description");
	e.results = req_form(r, "results");
	e.migrants = form_count(n.migrants, "migrants", &errs);
	e.hosts = form_count(n.hosts, "hosts", &errs);
	e.circulation = form_count(n.circulation, "circulation", &errs);
	if (existing)
		e.version = form_version(r, &errs);
	rc = event_validate(&r->arena, &e, &errs);
	if (!errs.n)
		rc = store_event_save(req_db(r), r->who, &e);
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_event_form(
		    r, &e, &n, &errs,
		    N_("Someone else changed this record while you were editing. Your changes are "
		       "below and were not saved; check them and save again."));
		return 0;
	}
	if (errs.n || rc == K_EINVAL) {
		r->status = 422;
		render_event_form(r, &e, &n, &errs, NULL);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/events/%lld", (long long)e.id));
}

int page_events_post(struct req *r)
{
	return event_save(r, false);
}

int page_event_post(struct req *r)
{
	return event_save(r, true);
}

/* ---- the event's page ---- */

static int render_event(struct req *r, const struct event *e, const struct field_errors *errs,
			const char *person_id, const char *role)
{
	struct event_participant *p;
	size_t np;
	int rc = store_event_participants(req_db(r), &r->arena, r->who, e->id, &p, &np);
	for (size_t i = 0; !rc && i < np; i++)
		if (p[i].visible)
			rc = audit_writer_log(
			    r->app->audit, r->who, "event.view", "person", p[i].person_id,
			    arena_printf(&r->arena, "event %lld", (long long)e->id),
			    p[i].restricted);
	if (rc)
		return rc;
	bool manage = event_may_manage(r->who);
	struct html h;
	layout_begin(r, &h, N_("Events and publications"), e->title);
	html(&h, "<h1>%s</h1><p><a href=\"/events\">%t</a>", e->title,
	     N_("All events and publications"));
	if (manage)
		html(&h, " · <a href=\"/events/%D/edit\">%t</a>", e->id, N_("Edit"));
	html(&h, "</p>");
	if (errs && errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "activity_kinds", e->kind));
	layout_dl(&h, N_("Held or published on"), layout_date(r, e->held_on));
	layout_dl(&h, N_("Ends on"), layout_date(r, e->ends_on));
	layout_dl(&h, N_("Place"), e->place);
	layout_dl(&h, N_("Organisers"), e->organisers);
	layout_dl(&h, N_("Partners"), e->partners);
	layout_dl(&h, N_("Form of work"), ref_text(r, "forms", e->form));
	layout_dl(&h, N_("Function"), ref_text(r, "functions", e->function));
	layout_dl(&h, N_("Means"), ref_text(r, "means", e->means));
	if (event_is_publication(e)) {
		layout_dl(&h, N_("Medium of a publication"),
			  ref_text(r, "publication_media", e->medium));
		layout_dl(&h, N_("Copies printed"), number(r, e->circulation));
	}
	html(&h, "</dl>");
	if (e->description)
		html(&h, "<h2>%t</h2><p class=\"note\">%s</p>", N_("Description"), e->description);
	if (e->results)
		html(&h, "<h2>%t</h2><p class=\"note\">%s</p>", N_("Results"), e->results);
	html(&h,
	     "<h2 id=\"audience\">%t</h2><p class=\"summary\">%t: %D · %t: %D · %t: %D · %t: %D"
	     "</p>",
	     N_("Audience"), N_("Migrants"), e->migrants + e->named, N_("of them named"), e->named,
	     N_("Host community"), e->hosts, N_("In all"), e->migrants + e->named + e->hosts);
	if (np) {
		html(&h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>",
		     N_("Registered people who took part"), N_("Person"), N_("Role"));
		if (manage)
			html(&h, "<th scope=\"col\">%t</th>", N_("Remove"));
		html(&h, "</tr></thead><tbody>");
		for (size_t i = 0; i < np; i++) {
			if (!p[i].visible) {
				html(&h, "<tr><td>%t</td><td>%s</td>", N_("a protected person"),
				     ref_text(r, "participant_roles", p[i].role));
				if (manage)
					html(&h, "<td></td>");
				html(&h, "</tr>");
				continue;
			}
			const char *name =
			    layout_person_name(r, p[i].family_name, p[i].given_name, NULL);
			html(&h, "<tr><td><a href=\"/persons/%D\">%s</a></td><td>%s</td>",
			     p[i].person_id, name, ref_text(r, "participant_roles", p[i].role));
			if (manage) {
				html(&h,
				     "<td><form method=\"post\" "
				     "action=\"/events/%D/participants/%D/remove\" "
				     "class=\"inline\">",
				     e->id, p[i].person_id);
				form_hidden_csrf(r, &h);
				html(&h, "<button aria-label=\"%t: %s\">%t</button></form></td>",
				     N_("Remove"), name, N_("Remove"));
			}
			html(&h, "</tr>");
		}
		html(&h, "</tbody></table>");
	}
	if (manage) {
		html(&h, "<h3>%t</h3><form method=\"post\" action=\"/events/%D/participants\">",
		     N_("Name a registered person who took part"), e->id);
		form_hidden_csrf(r, &h);
		html(&h, "<div class=\"row\">");
		form_text(&h, "person_id", N_("Registry number of the person"), person_id, errs,
			  "number");
		form_select_ref(&h, "role", N_("Role"), "participant_roles",
				role ? role : "participant", errs, false);
		html(&h, "</div><p><button>%t</button></p></form>", N_("Add"));
	}
	layout_end(r, &h);
	return 0;
}

int page_event_get(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_read, &e);
	return rc ? rc : render_event(r, &e, NULL, NULL, NULL);
}

int page_event_participants_post(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	const char *person = req_form(r, "person_id"), *role = req_form(r, "role");
	struct event_participant p = { .event_id = e.id, .role = role };
	p.person_id = form_id(r, "person_id", &errs, N_("Choose a person."));
	rc = participant_validate(&r->arena, &p, &errs);
	if (errs.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_participant_add(req_db(r), &r->arena, r->who, &p, &errs);
	if (rc == K_EINVAL) {
		r->status = 422;
		return render_event(r, &e, &errs, person, role);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/events/%lld#audience", (long long)e.id));
}

int page_event_participant_remove_post(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	if (!rc)
		rc = store_participant_remove(req_db(r), &r->arena, r->who, e.id, r->param[1]);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/events/%lld#audience", (long long)e.id));
}

/* ---- on the person's page ---- */

void page_person_events_box(struct req *r, struct html *h, int64_t person_id)
{
	struct event_participant *p;
	size_t n;
	if (store_events_of_person(req_db(r), &r->arena, r->who, person_id, &p, &n) || !n)
		return;
	html(h,
	     "<section aria-labelledby=\"events-h\"><h2 id=\"events-h\">%t</h2><table "
	     "class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Events and publications"), N_("Date"), N_("Event or publication"), N_("Role"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td>%s</td><td><a href=\"/events/%D\">%s</a> (%s)</td><td>%s</td></tr>",
		     layout_date(r, p[i].held_on), p[i].event_id, p[i].event_title,
		     ref_text(r, "activity_kinds", p[i].event_kind),
		     ref_text(r, "participant_roles", p[i].role));
	html(h, "</tbody></table></section>");
}
