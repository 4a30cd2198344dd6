/* groups.c: groups of the collective form (domain/group.h): the list, a group's page (its
 * members, who joined and left, its sessions and each member's attendance), the group's
 * form, and a session's attendance page. A refused form shows the page again with its
 * errors and the input kept; a member the reader may not see is "a protected person", never
 * a name, and their attendance is not theirs to mark. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/group.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* Which form of the group's page was sent back, with what. */
struct group_input {
	const char *form; /* "member", "leave", or NULL */
	const struct field_errors *errs;
	const char *notice;
	const char *person_id, *joined_on, *note, *date;
	int64_t member_id; /* the membership a refused leaving date was for */
};

/* The group of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * group is looked up). Analysts see no group: its pages name people. */
static int group_for(struct req *r, bool (*may)(const struct actor *), struct group *g)
{
	if (!access_may_read_persons(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_group_get(req_db(r), &r->arena, r->who, r->param[0], g);
}

/* Every person named on a group's pages is a view of them, audited (a restricted person's
 * on disk before the page leaves). */
static int log_view(struct req *r, int64_t group_id, int64_t person_id, bool restricted)
{
	return audit_writer_log(r->app->audit, r->who, "group.view", "person", person_id,
				arena_printf(&r->arena, "group %lld", (long long)group_id),
				restricted);
}

int page_groups_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct group *g;
	size_t n;
	int rc = store_groups(req_db(r), &r->arena, r->who, &g, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Groups"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Groups"),
	     N_("Self-help and mutual-help groups, training groups, language and culture courses, "
		"psychotherapy and family-therapy groups, game-technology sessions: their "
		"members, sessions and attendance."));
	if (group_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/groups/new\">%t</a></p>",
		     N_("Add a group"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("Your organisation has no group yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Group"), N_("Kind"), N_("Facilitator"), N_("Schedule"), N_("Members"),
	     N_("Sessions"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/groups/%D\">%s</a> %s</td><td>%s</td><td>%s</td>"
		     "<td>%s</td><td class=\"num\">%D</td><td class=\"num\">%D</td></tr>",
		     g[i].id, g[i].name, g[i].active ? "" : i18n_tr(r->lang, N_("(closed)")),
		     ref_text(r, "group_kinds", g[i].kind), g[i].facilitator, g[i].schedule,
		     g[i].members, g[i].sessions);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* ---- the group's form ---- */

/* The users of the organisation who may lead a group, as a select. */
static void facilitator_select(struct req *r, struct html *h, int64_t selected,
			       const struct field_errors *e)
{
	const char *err = e ? field_error_for(e, "facilitator_id") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-facilitator_id\">%t</label>",
	     err ? " invalid" : "", N_("Facilitator"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-facilitator_id\">%t</p>", err);
	html(h, "<select id=\"f-facilitator_id\" name=\"facilitator_id\"");
	if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-facilitator_id\"");
	html(h, "><option value=\"\"></option>");
	struct store_user *u;
	size_t n;
	if (!store_users_list(req_db(r), &r->arena, r->who->org_id, &u, &n))
		for (size_t i = 0; i < n; i++) {
			if (!u[i].active || strcmp(u[i].role, "analyst") == 0)
				continue;
			if (u[i].id == selected)
				html(h, "<option value=\"%D\" selected>", u[i].id);
			else
				html(h, "<option value=\"%D\">", u[i].id);
			html(h, "%s</option>", *u[i].full_name ? u[i].full_name : u[i].login);
		}
	html(h, "</select></div>");
}

static void render_group_form(struct req *r, const struct group *g, const struct field_errors *e,
			      const char *notice)
{
	struct html h;
	const char *title = g->id ? g->name : i18n_tr(r->lang, N_("Add a group"));
	layout_begin(r, &h, N_("Groups"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/groups\">%t</a></p>", title, N_("All groups"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (g->id)
		html(&h, "<form method=\"post\" action=\"/groups/%D\">", g->id);
	else
		html(&h, "<form method=\"post\" action=\"/groups\">");
	form_hidden_csrf(r, &h);
	if (g->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", g->version);
	form_text(&h, "name", N_("Name of the group"), g->name, e, NULL);
	form_select_ref(&h, "kind", N_("Kind"), "group_kinds", g->kind, e, false);
	form_select_ref(&h, "form", N_("Form of work"), "forms", g->form, e, true);
	form_select_ref(&h, "function", N_("Function"), "functions", g->function, e, true);
	facilitator_select(r, &h, g->facilitator_id, e);
	form_text(&h, "place", N_("Place"), g->place, e, NULL);
	form_text(&h, "schedule", N_("Schedule"), g->schedule, e, NULL);
	html(&h, "<div class=\"row\">");
	form_text(&h, "starts_on", N_("Starts on"), g->starts_on, e, "date");
	form_text(&h, "ends_on", N_("Ends on"), g->ends_on, e, "date");
	html(&h, "</div>");
	form_textarea(&h, "description", N_("Description"), g->description, e, NULL);
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> "
	     "%t</label></div>",
	     g->active ? " checked" : "", N_("Open: meets and takes members"));
	html(&h, "<p><button class=\"primary\">%t</button> <a href=\"/groups%s\">%t</a></p></form>",
	     N_("Save"), g->id ? arena_printf(&r->arena, "/%lld", (long long)g->id) : "",
	     N_("Cancel"));
	layout_end(r, &h);
}

int page_group_new_get(struct req *r)
{
	if (!group_may_manage(r->who))
		return K_EFORBIDDEN;
	struct group g = { .active = true,
			   .kind = "self_help",
			   .facilitator_id = r->who->user_id,
			   .starts_on = r->today };
	render_group_form(r, &g, NULL, NULL);
	return 0;
}

int page_group_edit_get(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (!rc)
		render_group_form(r, &g, NULL, NULL);
	return rc;
}

/* POST /groups and POST /groups/{id}. */
static int group_save(struct req *r, bool existing)
{
	struct group g = { 0 };
	int rc = existing                   ? group_for(r, group_may_manage, &g)
		 : group_may_manage(r->who) ? 0
					    : K_EFORBIDDEN;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	g.kind = req_form(r, "kind");
	g.form = req_form(r, "form");
	g.function = req_form(r, "function");
	g.name = req_form(r, "name");
	g.place = req_form(r, "place");
	g.schedule = req_form(r, "schedule");
	g.starts_on = req_form(r, "starts_on");
	g.ends_on = req_form(r, "ends_on");
	g.description = req_form(r, "description");
	g.active = req_form(r, "active") != NULL;
	const char *f = req_form(r, "facilitator_id");
	g.facilitator_id = 0;
	if (f && *f && parse_i64(f, 1, INT64_MAX, &g.facilitator_id))
		field_error_add(&e, "facilitator_id", N_("Choose a user of your organisation."));
	if (existing)
		g.version = form_version(r, &e);
	rc = group_validate(&r->arena, &g, &e);
	if (!e.n)
		rc = store_group_save(req_db(r), r->who, &g, &e);
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_group_form(
		    r, &g, &e,
		    N_("Someone else changed this group while you were editing. Your changes are "
		       "below and were not saved; check them and save again."));
		return 0;
	}
	if (e.n || rc == K_EINVAL) {
		r->status = 422;
		render_group_form(r, &g, &e, NULL);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/groups/%lld", (long long)g.id));
}

int page_groups_post(struct req *r)
{
	return group_save(r, false);
}

int page_group_post(struct req *r)
{
	return group_save(r, true);
}

/* ---- the group's page ---- */

static void members_section(struct req *r, struct html *h, const struct group *g,
			    const struct group_member *m, size_t n, const struct group_input *in)
{
	bool manage = group_may_manage(r->who);
	html(h, "<h2 id=\"members\">%t</h2>", N_("Members"));
	if (!n) {
		html(h, "<p>%t</p>", N_("No members yet."));
	} else {
		html(h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th>",
		     N_("Who is in the group, and who left"), N_("Person"), N_("Joined"),
		     N_("Left"), N_("Sessions attended"));
		if (manage && g->active)
			html(h, "<th scope=\"col\">%t</th>", N_("Leaving"));
		html(h, "</tr></thead><tbody>");
		const struct field_errors *e =
		    in && in->form && strcmp(in->form, "leave") == 0 ? in->errs : NULL;
		for (size_t i = 0; i < n; i++) {
			const struct group_member *x = &m[i];
			if (!x->visible)
				html(h, "<tr><td>%t</td>", N_("a protected person"));
			else
				html(h, "<tr><td><a href=\"/persons/%D\">%s</a></td>", x->person_id,
				     layout_person_name(r, x->family_name, x->given_name, NULL));
			html(h, "<td>%s</td><td>%s</td><td>", layout_date(r, x->joined_on),
			     layout_date(r, x->left_on));
			if (x->visible)
				html(h, "%D / %D", x->attended, x->held);
			html(h, "</td>");
			if (!manage || !g->active) {
				html(h, "</tr>");
				continue;
			}
			html(h, "<td>");
			if (x->visible && !x->left_on) {
				const char *name =
				    layout_person_name(r, x->family_name, x->given_name, NULL);
				const char *id =
				    arena_printf(&r->arena, "lv-%lld", (long long)x->id);
				bool mine = e && in->member_id == x->id;
				const char *err = mine ? field_error_for(e, "date") : NULL;
				html(h,
				     "<form method=\"post\" action=\"/groups/%D/members/%D/leave\" "
				     "class=\"inline\">",
				     g->id, x->id);
				form_hidden_csrf(r, h);
				html(h, "<label for=\"%s\" class=\"vh\">%t: %s</label>", id,
				     N_("Left on"), name);
				if (err)
					html(h, "<span class=\"error\" id=\"e-%s\">%t</span> ", id,
					     err);
				html(h, "<input type=\"date\" id=\"%s\" name=\"date\" value=\"%s\"",
				     id, mine && in->date ? in->date : r->today);
				if (err)
					html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s\"",
					     id);
				html(h, "> <button aria-label=\"%t: %s\">%t</button></form>",
				     N_("Leaves the group"), name, N_("Leaves the group"));
			}
			html(h, "</td></tr>");
		}
		html(h, "</tbody></table>");
	}
	if (!manage || !g->active)
		return;
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "member") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/groups/%D/members\">",
	     N_("Add a member"), g->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "m", "person_id", N_("Registry number of the person"),
		     e ? in->person_id : NULL, e, "number");
	form_text_in(h, "m", "joined_on", N_("Joined on"),
		     e && in->joined_on ? in->joined_on : r->today, e, "date");
	html(h, "</div>");
	form_textarea_in(h, "m", "note", N_("Note"), e ? in->note : NULL, e, NULL);
	html(h, "<p><button>%t</button></p></form>", N_("Add to the group"));
}

static void sessions_section(struct req *r, struct html *h, const struct group *g,
			     const struct group_session *s, size_t n)
{
	html(h, "<h2 id=\"sessions\">%t</h2>", N_("Sessions"));
	if (group_may_manage(r->who) && g->active)
		html(h, "<p><a class=\"button\" href=\"/groups/%D/sessions/new\">%t</a></p>", g->id,
		     N_("Record a session"));
	if (!n) {
		html(h, "<p>%t</p>", N_("No sessions yet."));
		return;
	}
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Date"), N_("Topic"), N_("Members present"), N_("Unregistered attendees"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td><a href=\"/groups/%D/sessions/%D\">%s</a></td><td>%s</td>"
		     "<td class=\"num\">%D</td><td class=\"num\">%D</td></tr>",
		     g->id, s[i].id, layout_date(r, s[i].held_on), s[i].topic, s[i].present,
		     s[i].unregistered);
	html(h, "</tbody></table>");
}

static int render_group(struct req *r, const struct group *g, const struct group_input *in)
{
	struct group_member *m;
	struct group_session *s;
	size_t nm, ns;
	int rc = store_group_members(req_db(r), &r->arena, r->who, g->id, &m, &nm);
	if (!rc)
		rc = store_group_sessions(req_db(r), &r->arena, r->who, g->id, &s, &ns);
	for (size_t i = 0; !rc && i < nm; i++)
		if (m[i].visible)
			rc = log_view(r, g->id, m[i].person_id, m[i].restricted);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Groups"), g->name);
	html(&h, "<h1>%s</h1><p><a href=\"/groups\">%t</a>", g->name, N_("All groups"));
	if (group_may_manage(r->who))
		html(&h, " · <a href=\"/groups/%D/edit\">%t</a>", g->id, N_("Edit the group"));
	html(&h, "</p>");
	if (in && in->notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", in->notice);
	else if (in && in->errs && in->errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (!g->active)
		html(&h, "<p class=\"badge\">%t</p>", N_("Closed: the group meets no more."));
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "group_kinds", g->kind));
	layout_dl(&h, N_("Form of work"), ref_text(r, "forms", g->form));
	layout_dl(&h, N_("Function"), ref_text(r, "functions", g->function));
	layout_dl(&h, N_("Facilitator"), g->facilitator);
	layout_dl(&h, N_("Place"), g->place);
	layout_dl(&h, N_("Schedule"), g->schedule);
	layout_dl(&h, N_("Starts on"), layout_date(r, g->starts_on));
	layout_dl(&h, N_("Ends on"), layout_date(r, g->ends_on));
	html(&h, "</dl>");
	if (g->description)
		html(&h, "<p class=\"note\">%s</p>", g->description);
	html(&h, "<p class=\"summary\">%t: %D · %t: %D</p>", N_("Members"), g->members,
	     N_("Sessions"), g->sessions);
	members_section(r, &h, g, m, nm, in);
	sessions_section(r, &h, g, s, ns);
	layout_end(r, &h);
	return 0;
}

int page_group_get(struct req *r)
{
	struct group g;
	int rc = group_for(r, access_may_read_persons, &g);
	return rc ? rc : render_group(r, &g, NULL);
}

/* The answer to a form of the group's page: back to the page, or the page again with the
 * form's errors (422) or a notice (409: changed meanwhile). */
static int group_answer(struct req *r, const struct group *g, int rc, struct group_input *in)
{
	if (rc == K_ECONFLICT) {
		r->status = 409;
		in->notice = N_("Someone else changed the group meanwhile; it is shown as it is "
				"now, with your input kept.");
		return render_group(r, g, in);
	}
	if (rc == K_EINVAL) {
		r->status = 422;
		return render_group(r, g, in);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/groups/%lld#members", (long long)g->id));
}

int page_group_members_post(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct group_input in = { .form = "member",
				  .errs = &e,
				  .person_id = req_form(r, "person_id"),
				  .joined_on = req_form(r, "joined_on"),
				  .note = req_form(r, "note") };
	struct group_member m = { .group_id = g.id, .joined_on = in.joined_on, .note = in.note };
	m.person_id = form_id(r, "person_id", &e, N_("Choose a person."));
	rc = member_validate(&r->arena, &m, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_member_add(req_db(r), &r->arena, r->who, &m, &e);
	return group_answer(r, &g, rc, &in);
}

int page_group_member_leave_post(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct group_input in = {
		.form = "leave", .errs = &e, .date = req_form(r, "date"), .member_id = r->param[1]
	};
	rc = store_member_leave(req_db(r), &r->arena, r->who, g.id, r->param[1], in.date, r->today,
				&e);
	return group_answer(r, &g, rc, &in);
}

/* ---- a session and its attendance ---- */

/* held_sent: the date as sent in a refused form, kept in its field (the members are listed on
 * s->held_on, or today if NULL). */
static int render_session(struct req *r, const struct group *g, const struct group_session *s,
			  const char *held_sent, const int64_t *present, size_t npresent, bool sent,
			  const struct field_errors *e, const char *notice)
{
	struct attendance *t;
	size_t n;
	int rc = store_group_attendance(req_db(r), &r->arena, r->who, g->id, s->id,
					s->held_on ? s->held_on : r->today, &t, &n);
	for (size_t i = 0; !rc && i < n; i++)
		if (t[i].visible)
			rc = log_view(r, g->id, t[i].person_id, t[i].restricted);
	if (rc)
		return rc;
	bool manage = group_may_manage(r->who) && g->active;
	struct html h;
	const char *title =
	    s->id ? layout_date(r, s->held_on) : i18n_tr(r->lang, N_("Record a session"));
	layout_begin(r, &h, N_("Groups"), arena_printf(&r->arena, "%s: %s", g->name, title));
	html(&h, "<h1>%s: %s</h1><p><a href=\"/groups/%D#sessions\">%t</a></p>", g->name, title,
	     g->id, N_("Back to the group"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (manage) {
		if (s->id)
			html(&h, "<form method=\"post\" action=\"/groups/%D/sessions/%D\">", g->id,
			     s->id);
		else
			html(&h, "<form method=\"post\" action=\"/groups/%D/sessions\">", g->id);
		form_hidden_csrf(r, &h);
		html(&h, "<div class=\"row\">");
		const char *held = held_sent ? held_sent : s->held_on;
		form_text(&h, "held_on", N_("Date"), held ? held : r->today, e, "date");
		form_text(&h, "unregistered", N_("Unregistered attendees"),
			  arena_printf(&r->arena, "%lld", (long long)s->unregistered), e, "number");
		html(&h, "</div>");
		form_text(&h, "topic", N_("Topic"), s->topic, e, NULL);
		form_textarea(&h, "note", N_("Note"), s->note, e, NULL);
	} else {
		html(&h, "<dl>");
		layout_dl(&h, N_("Topic"), s->topic);
		layout_dl(&h, N_("Unregistered attendees"),
			  arena_printf(&r->arena, "%lld", (long long)s->unregistered));
		layout_dl(&h, N_("Note"), s->note);
		html(&h, "</dl>");
	}
	const char *err = e ? field_error_for(e, "present") : NULL;
	if (err)
		html(&h, "<p class=\"error\" id=\"e-present\">%t</p>", err);
	if (!n) {
		html(&h, "<p>%t</p>", N_("The group had no members on that day."));
	} else {
		html(&h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Attendance of the members"), N_("Person"), N_("Present"));
		for (size_t i = 0; i < n; i++) {
			if (!t[i].visible) {
				html(&h, "<tr><td>%t</td><td>%t</td></tr>",
				     N_("a protected person"), N_("not shown"));
				continue;
			}
			const char *name =
			    layout_person_name(r, t[i].family_name, t[i].given_name, NULL);
			bool on =
			    sent ? ids_contain(present, npresent, t[i].person_id) : t[i].present;
			html(&h, "<tr><td><a href=\"/persons/%D\">%s</a></td><td>", t[i].person_id,
			     name);
			if (!manage)
				html(&h, "%t",
				     !t[i].marked   ? N_("not marked")
				     : t[i].present ? N_("yes")
						    : N_("no"));
			else if (on)
				html(&h,
				     "<input type=\"checkbox\" name=\"present\" value=\"%D\" "
				     "aria-label=\"%t: %s\" checked>",
				     t[i].person_id, N_("Present"), name);
			else
				html(&h,
				     "<input type=\"checkbox\" name=\"present\" value=\"%D\" "
				     "aria-label=\"%t: %s\">",
				     t[i].person_id, N_("Present"), name);
			html(&h, "</td></tr>");
		}
		html(&h, "</tbody></table>");
	}
	if (manage)
		html(&h, "<p><button class=\"primary\">%t</button></p></form>",
		     N_("Save the session and its attendance"));
	layout_end(r, &h);
	return 0;
}

int page_group_session_new_get(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	if (!g.active)
		return K_ENOTFOUND;
	struct group_session s = { .group_id = g.id, .held_on = r->today };
	return render_session(r, &g, &s, NULL, NULL, 0, false, NULL, NULL);
}

int page_group_session_get(struct req *r)
{
	struct group g;
	struct group_session s;
	int rc = group_for(r, access_may_read_persons, &g);
	if (!rc)
		rc = store_group_session_get(req_db(r), &r->arena, r->who, g.id, r->param[1], &s);
	return rc ? rc : render_session(r, &g, &s, NULL, NULL, 0, false, NULL, NULL);
}

/* POST /groups/{id}/sessions and POST /groups/{id}/sessions/{id}. */
static int session_save(struct req *r, int64_t session_id)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct group_session s = { .group_id = g.id, .id = session_id };
	if (session_id &&
	    (rc = store_group_session_get(req_db(r), &r->arena, r->who, g.id, session_id, &s)))
		return rc;
	const char *recorded_on = s.held_on; /* NULL for a new session */
	struct field_errors e = { 0 };
	s.held_on = req_form(r, "held_on");
	s.topic = req_form(r, "topic");
	s.note = req_form(r, "note");
	const char *u = req_form(r, "unregistered");
	s.unregistered = 0;
	if (u && *u && parse_i64(u, 0, GROUP_UNREGISTERED_MAX, &s.unregistered))
		field_error_add(&e, "unregistered", N_("Enter a number from 0 to 10000."));
	int64_t *present = arena_alloc(&r->arena, GROUP_ATTENDANCE_MAX * sizeof(*present));
	size_t npresent = form_ids(r, "present", present, GROUP_ATTENDANCE_MAX);
	rc = session_validate(&r->arena, &s, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_group_session_save(req_db(r), &r->arena, r->who, &s, present, npresent,
					      &e);
	if (rc == K_EINVAL) {
		r->status = 422;
		/* The date as sent is kept in its field; if refused (it may not be a date), the
		 * members are listed on the session's recorded date, or today's for a new one. */
		const char *sent_on = s.held_on;
		if (field_error_for(&e, "held_on"))
			s.held_on = recorded_on;
		s.id = session_id;
		return render_session(r, &g, &s, sent_on, present, npresent, true, &e, NULL);
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/groups/%lld/sessions/%lld",
					    (long long)g.id, (long long)s.id));
}

int page_group_sessions_post(struct req *r)
{
	return session_save(r, 0);
}

int page_group_session_post(struct req *r)
{
	return session_save(r, r->param[1]);
}

/* ---- on the person's page ---- */

void page_person_groups_box(struct req *r, struct html *h, int64_t person_id)
{
	struct group_member *m;
	size_t n;
	if (store_groups_of_person(req_db(r), &r->arena, r->who, person_id, &m, &n) || !n)
		return;
	html(h,
	     "<section aria-labelledby=\"groups-h\"><h2 id=\"groups-h\">%t</h2><table "
	     "class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Groups"), N_("Group"), N_("Joined"), N_("Left"), N_("Sessions attended"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td><a href=\"/groups/%D\">%s</a> (%s)</td><td>%s</td><td>%s</td>"
		     "<td>%D / %D</td></tr>",
		     m[i].group_id, m[i].group_name, ref_text(r, "group_kinds", m[i].group_kind),
		     layout_date(r, m[i].joined_on), layout_date(r, m[i].left_on), m[i].attended,
		     m[i].held);
	html(h, "</tbody></table></section>");
}
