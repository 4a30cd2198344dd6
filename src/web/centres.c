/* centres.c: temporary accommodation and adaptation centres (domain/centre.h): the list, a
 * centre's page (its beds and who is on them, check-out one by one or together, placing a
 * person, the waiting list, rooms), the daily presence list, and the centre's form. A
 * refused form shows the page again with its errors and the input kept; a person the reader
 * may not see is "occupied", never a name. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/centre.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* Which form of the centre's page was sent back, with what. */
struct centre_input {
	const char *form; /* "place", "checkout", "waiting", "room", or NULL */
	const struct field_errors *errs;
	const char *notice;
	const char *person_id, *bed_id, *check_in, *planned_out, *note, *date, *since;
	const char *room_name, *room_beds, *room_note;
};

static int centre_read(struct req *r, struct centre *ce)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	return store_centre_get(req_db(r), &r->arena, r->who, r->param[0], ce);
}

/* The centre of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * centre is looked up). */
static int centre_for(struct req *r, bool (*may)(const struct actor *), struct centre *ce)
{
	return may(r->who) ? centre_read(r, ce) : K_EFORBIDDEN;
}

/* Every person shown on a bed is a view of them, audited (a restricted person's on disk
 * before the page leaves). */
static int log_view(struct req *r, int64_t centre_id, int64_t person_id, bool restricted)
{
	return audit_writer_log(r->app->audit, r->who, "centre.view", "person", person_id,
				arena_printf(&r->arena, "centre %lld", (long long)centre_id),
				restricted);
}

static int log_views(struct req *r, int64_t centre_id, const struct bed *b, size_t nb,
		     const struct waiting *w, size_t nw)
{
	int rc = 0;
	for (size_t i = 0; !rc && i < nb; i++)
		if (b[i].person_id)
			rc = log_view(r, centre_id, b[i].person_id, b[i].restricted);
	for (size_t i = 0; !rc && i < nw; i++)
		rc = log_view(r, centre_id, w[i].person_id, w[i].restricted);
	return rc;
}

int page_centres_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct centre *c;
	size_t n;
	int rc = store_centres(req_db(r), &r->arena, r->who, &c, &n);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Centres"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Centres"),
	     N_("Temporary accommodation centres and adaptation and integration centres: their "
		"beds, who is in them, and who waits for a place."));
	if (centre_may_manage(r->who))
		html(&h, "<p><a class=\"button\" href=\"/centres/new\">%t</a></p>",
		     N_("Add a centre"));
	if (!n) {
		html(&h, "<p>%t</p>", N_("Your organisation has no centre yet."));
		layout_end(r, &h);
		return 0;
	}
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "<th scope=\"col\" class=\"num\">%t</th><th scope=\"col\" class=\"num\">%t</th>"
	     "</tr></thead><tbody>",
	     N_("Centre"), N_("Kind"), N_("Region"), N_("Beds"), N_("Free beds"), N_("Waiting"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td><a href=\"/centres/%D\">%s</a> %s</td><td>%s</td><td>%s</td>"
		     "<td class=\"num\">%D</td><td class=\"num\">%D</td><td class=\"num\">%D</td>"
		     "</tr>",
		     c[i].id, c[i].name, c[i].active ? "" : i18n_tr(r->lang, N_("(closed)")),
		     ref_text(r, "centre_kinds", c[i].kind), ref_text(r, "regions", c[i].region),
		     c[i].beds, c[i].beds_free, c[i].waiting);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* ---- the centre's form ---- */

static void render_centre_form(struct req *r, const struct centre *ce, const struct field_errors *e,
			       const char *notice)
{
	struct html h;
	const char *title = ce->id ? ce->name : i18n_tr(r->lang, N_("Add a centre"));
	layout_begin(r, &h, N_("Centres"), title);
	html(&h, "<h1>%s</h1><p><a href=\"/centres\">%t</a></p>", title, N_("All centres"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	else if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (ce->id)
		html(&h, "<form method=\"post\" action=\"/centres/%D\">", ce->id);
	else
		html(&h, "<form method=\"post\" action=\"/centres\">");
	form_hidden_csrf(r, &h);
	if (ce->id)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", ce->version);
	form_select_ref(&h, "kind", N_("Kind"), "centre_kinds", ce->kind, e, true);
	form_text(&h, "name", N_("Name of the centre"), ce->name, e, NULL);
	form_select_ref(&h, "region", N_("Region"), "regions", ce->region, e, true);
	form_text(&h, "address", N_("Address"), ce->address, e, NULL);
	form_text(&h, "phone", N_("Phone"), ce->phone, e, "tel");
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"active\" value=\"1\"%s> "
	     "%t</label></div>",
	     ce->active ? " checked" : "", N_("Open: takes people"));
	html(&h,
	     "<p><button class=\"primary\">%t</button> <a href=\"/centres%s\">%t</a></p></form>",
	     N_("Save"), ce->id ? arena_printf(&r->arena, "/%lld", (long long)ce->id) : "",
	     N_("Cancel"));
	layout_end(r, &h);
}

int page_centre_new_get(struct req *r)
{
	if (!centre_may_manage(r->who))
		return K_EFORBIDDEN;
	struct centre ce = { .active = true, .kind = "temporary_accommodation" };
	render_centre_form(r, &ce, NULL, NULL);
	return 0;
}

int page_centre_edit_get(struct req *r)
{
	if (!centre_may_manage(r->who))
		return K_EFORBIDDEN;
	struct centre ce;
	int rc = store_centre_get(req_db(r), &r->arena, r->who, r->param[0], &ce);
	if (!rc)
		render_centre_form(r, &ce, NULL, NULL);
	return rc;
}

/* POST /centres and POST /centres/{id}. */
static int centre_save(struct req *r, int64_t id)
{
	if (!centre_may_manage(r->who))
		return K_EFORBIDDEN;
	struct centre ce = { .id = id };
	if (id) {
		int rc = store_centre_get(req_db(r), &r->arena, r->who, id, &ce);
		if (rc)
			return rc;
	}
	struct field_errors e = { 0 };
	ce.kind = req_form(r, "kind");
	ce.name = req_form(r, "name");
	ce.region = req_form(r, "region");
	ce.address = req_form(r, "address");
	ce.phone = req_form(r, "phone");
	ce.active = req_form(r, "active") != NULL;
	if (id)
		ce.version = form_version(r, &e);
	int rc = centre_validate(&r->arena, &ce, &e);
	if (!e.n)
		rc = store_centre_save(req_db(r), r->who, &ce);
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_centre_form(
		    r, &ce, &e,
		    N_("Someone else changed this centre while you were editing. Your "
		       "changes are below and were not saved; check them and save again."));
		return 0;
	}
	if (e.n || rc == K_EINVAL) {
		r->status = 422;
		render_centre_form(r, &ce, &e, NULL);
		return 0;
	}
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/centres/%lld", (long long)ce.id));
}

int page_centres_post(struct req *r)
{
	return centre_save(r, 0);
}

int page_centre_post(struct req *r)
{
	return centre_save(r, r->param[0]);
}

/* ---- the centre's page ---- */

/* A select of the free beds, the chosen one selected; err_id names the message of a refused
 * choice (NULL: none). */
static void free_beds_select(struct req *r, struct html *h, const char *id, const char *err_id,
			     const struct bed *b, size_t n, const char *chosen)
{
	html(h, "<select id=\"%s\" name=\"bed_id\"", id);
	if (err_id)
		html(h, " aria-invalid=\"true\" aria-describedby=\"%s\"", err_id);
	html(h, "><option value=\"\"></option>");
	for (size_t i = 0; i < n; i++) {
		if (b[i].placement_id || !b[i].active)
			continue;
		const char *v = arena_printf(&r->arena, "%lld", (long long)b[i].id);
		if (chosen && strcmp(chosen, v) == 0)
			html(h, "<option value=\"%s\" selected>", v);
		else
			html(h, "<option value=\"%s\">", v);
		html(h, "%s · %s</option>", b[i].room_name, b[i].label);
	}
	html(h, "</select>");
}

static void beds_table(struct req *r, struct html *h, const struct centre *ce, const struct bed *b,
		       size_t n, const struct centre_input *in)
{
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "checkout") == 0 ? in->errs : NULL;
	html(h, "<h2 id=\"beds\">%t</h2>", N_("Beds"));
	if (!n) {
		html(h, "<p>%t</p>", N_("No rooms or beds yet."));
		return;
	}
	bool place = centre_may_place(r->who);
	if (place) {
		html(h, "<form method=\"post\" action=\"/centres/%D/checkout\">", ce->id);
		form_hidden_csrf(r, h);
	}
	html(h,
	     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>",
	     N_("Who is on each bed"), N_("Room"), N_("Bed"), N_("Person"), N_("Checked in"),
	     N_("Planned check-out"), N_("Last seen"));
	if (place)
		html(h, "<th scope=\"col\">%t</th>", N_("Check out"));
	html(h, "</tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		html(h, "<tr><td>%s</td><td>%s</td>", b[i].room_name, b[i].label);
		if (!b[i].placement_id)
			html(h, "<td>%t</td><td></td><td></td><td></td>",
			     b[i].active ? N_("free") : N_("out of use"));
		else if (!b[i].visible)
			html(h, "<td>%t</td><td></td><td></td><td></td>", N_("occupied"));
		else
			html(h,
			     "<td><a "
			     "href=\"/persons/%D\">%s</a></td><td>%s</td><td>%s</td><td>%s</td>",
			     b[i].person_id,
			     layout_person_name(r, b[i].family_name, b[i].given_name, NULL),
			     layout_date(r, b[i].check_in), layout_date(r, b[i].planned_out),
			     layout_date(r, b[i].last_seen));
		if (place && b[i].placement_id && b[i].visible)
			html(h,
			     "<td><input type=\"checkbox\" name=\"placement\" value=\"%D\" "
			     "id=\"co-%D\" aria-label=\"%t %s\"></td>",
			     b[i].placement_id, b[i].placement_id, N_("Check out"),
			     layout_person_name(r, b[i].family_name, b[i].given_name, NULL));
		else if (place)
			html(h, "<td></td>");
		html(h, "</tr>");
	}
	html(h, "</tbody></table>");
	if (!place)
		return;
	if (e && field_error_for(e, "placement"))
		html(h, "<p class=\"error\" role=\"alert\">%t</p>",
		     field_error_for(e, "placement"));
	html(h, "<div class=\"row\">");
	form_text_in(h, "co", "date", N_("Check-out date"), in && in->date ? in->date : r->today, e,
		     "date");
	html(h, "</div><p><button>%t</button></p></form>", N_("Check out the people chosen"));
}

static void waiting_section(struct req *r, struct html *h, const struct centre *ce,
			    const struct waiting *w, size_t nw, const struct bed *b, size_t nb,
			    const struct centre_input *in)
{
	bool place = centre_may_place(r->who);
	html(h, "<h2 id=\"waiting\">%t</h2>", N_("Waiting list"));
	if (!nw)
		html(h, "<p>%t</p>", N_("Nobody is waiting."));
	else {
		html(h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th>",
		     N_("Waiting since"), N_("Person"), N_("Note"));
		if (place)
			html(h, "<th scope=\"col\">%t</th>", N_("Place or take off the list"));
		html(h, "</tr></thead><tbody>");
		for (size_t i = 0; i < nw; i++) {
			html(h, "<tr><td>%s</td><td><a href=\"/persons/%D\">%s</a></td><td>%s</td>",
			     layout_date(r, w[i].since), w[i].person_id,
			     layout_person_name(r, w[i].family_name, w[i].given_name, NULL),
			     w[i].note);
			if (place) {
				const char *id =
				    arena_printf(&r->arena, "wb-%lld", (long long)w[i].id);
				html(h,
				     "<td><form method=\"post\" action=\"/centres/%D/placements\" "
				     "class=\"inline\">",
				     ce->id);
				form_hidden_csrf(r, h);
				html(
				    h,
				    "<input type=\"hidden\" name=\"person_id\" value=\"%D\">"
				    "<label for=\"%s\" class=\"vh\">%t: %s</label>",
				    w[i].person_id, id, N_("Free bed"),
				    layout_person_name(r, w[i].family_name, w[i].given_name, NULL));
				free_beds_select(r, h, id, NULL, b, nb, NULL);
				html(h, " <button>%t</button></form> ", N_("Place on the bed"));
				html(h,
				     "<form method=\"post\" "
				     "action=\"/centres/%D/waiting/%D/withdraw\" "
				     "class=\"inline\">",
				     ce->id, w[i].id);
				form_hidden_csrf(r, h);
				html(h, "<button>%t</button></form></td>", N_("Take off the list"));
			}
			html(h, "</tr>");
		}
		html(h, "</tbody></table>");
	}
	if (!place)
		return;
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "waiting") == 0 ? in->errs : NULL;
	html(h, "<h3>%t</h3><form method=\"post\" action=\"/centres/%D/waiting\">",
	     N_("Put a person on the waiting list"), ce->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "w", "person_id", N_("Registry number of the person"),
		     e ? in->person_id : NULL, e, "number");
	form_text_in(h, "w", "since", N_("Waiting since"), e && in->since ? in->since : r->today, e,
		     "date");
	html(h, "</div>");
	form_textarea_in(h, "w", "note", N_("Note"), e ? in->note : NULL, e, NULL);
	html(h, "<p><button>%t</button></p></form>", N_("Add to the waiting list"));
}

static void place_section(struct req *r, struct html *h, const struct centre *ce,
			  const struct bed *b, size_t nb, const struct centre_input *in)
{
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "place") == 0 ? in->errs : NULL;
	html(h, "<h2 id=\"place\">%t</h2><form method=\"post\" action=\"/centres/%D/placements\">",
	     N_("Place a person"), ce->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "p", "person_id", N_("Registry number of the person"),
		     e ? in->person_id : NULL, e, "number");
	const char *err = e ? field_error_for(e, "bed_id") : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-p-bed_id\">%t</label>",
	     err ? " invalid" : "", N_("Free bed"));
	if (err)
		html(h, "<p class=\"error\" id=\"e-p-bed_id\">%t</p>", err);
	free_beds_select(r, h, "f-p-bed_id", err ? "e-p-bed_id" : NULL, b, nb,
			 e ? in->bed_id : NULL);
	html(h, "</div>");
	form_text_in(h, "p", "check_in", N_("Check-in date"),
		     e && in->check_in ? in->check_in : r->today, e, "date");
	form_text_in(h, "p", "planned_out", N_("Planned check-out"), e ? in->planned_out : NULL, e,
		     "date");
	html(h, "</div>");
	form_textarea_in(h, "p", "note", N_("Note"), e ? in->note : NULL, e, NULL);
	html(h, "<p><button class=\"primary\">%t</button></p></form>", N_("Place on the bed"));
}

static void room_section(struct req *r, struct html *h, const struct centre *ce,
			 const struct centre_input *in)
{
	const struct field_errors *e =
	    in && in->form && strcmp(in->form, "room") == 0 ? in->errs : NULL;
	html(h, "<h2 id=\"rooms\">%t</h2><form method=\"post\" action=\"/centres/%D/rooms\">",
	     N_("Add a room"), ce->id);
	form_hidden_csrf(r, h);
	html(h, "<div class=\"row\">");
	form_text_in(h, "r", "name", N_("Room"), e ? in->room_name : NULL, e, NULL);
	form_text_in(h, "r", "beds", N_("Beds"), e ? in->room_beds : "1", e, "number");
	html(h, "</div>");
	form_textarea_in(h, "r", "note", N_("Note"), e ? in->room_note : NULL, e, NULL);
	html(h, "<p><button>%t</button></p></form>", N_("Add the room"));
}

static int render_centre(struct req *r, const struct centre *ce, const struct centre_input *in)
{
	struct bed *b;
	struct waiting *w;
	size_t nb, nw;
	int rc = store_beds(req_db(r), &r->arena, r->who, ce->id, &b, &nb);
	if (!rc)
		rc = store_waiting(req_db(r), &r->arena, r->who, ce->id, &w, &nw);
	if (!rc)
		rc = log_views(r, ce->id, b, nb, w, nw);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Centres"), ce->name);
	html(&h,
	     "<h1>%s</h1><p><a href=\"/centres\">%t</a> · <a href=\"/centres/%D/presence\">%t</a>",
	     ce->name, N_("All centres"), ce->id, N_("Presence today"));
	if (centre_may_manage(r->who))
		html(&h, " · <a href=\"/centres/%D/edit\">%t</a>", ce->id, N_("Edit the centre"));
	html(&h, "</p>");
	if (in && in->notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", in->notice);
	else if (in && in->errs && in->errs->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<dl>");
	layout_dl(&h, N_("Kind"), ref_text(r, "centre_kinds", ce->kind));
	layout_dl(&h, N_("Region"), ref_text(r, "regions", ce->region));
	layout_dl(&h, N_("Address"), ce->address);
	layout_dl(&h, N_("Phone"), ce->phone);
	html(&h, "</dl><p class=\"summary\">%t: %D · %t: %D · %t: %D · %t: %D</p>", N_("Beds"),
	     ce->beds, N_("Taken"), ce->occupied, N_("Free beds"), ce->beds_free, N_("Waiting"),
	     ce->waiting);
	if (!ce->active)
		html(&h, "<p class=\"badge\">%t</p>", N_("Closed: the centre takes nobody new."));
	beds_table(r, &h, ce, b, nb, in);
	if (centre_may_place(r->who) && ce->active)
		place_section(r, &h, ce, b, nb, in);
	waiting_section(r, &h, ce, w, nw, b, nb, in);
	if (centre_may_manage(r->who))
		room_section(r, &h, ce, in);
	layout_end(r, &h);
	return 0;
}

int page_centre_get(struct req *r)
{
	struct centre ce;
	int rc = centre_read(r, &ce);
	return rc ? rc : render_centre(r, &ce, NULL);
}

/* The answer to a form of the centre's page: back to the page, or the page again with the
 * form's errors (422) or a notice (409: the bed was taken meanwhile). */
static int centre_answer(struct req *r, const struct centre *ce, int rc, struct centre_input *in,
			 const char *anchor)
{
	if (rc == K_ECONFLICT) {
		r->status = 409;
		struct centre now;
		if ((rc = store_centre_get(req_db(r), &r->arena, r->who, ce->id, &now)))
			return rc;
		if (!in->notice)
			in->notice =
			    N_("Someone else changed the centre meanwhile; it is shown as it "
			       "is now, with your input kept.");
		return render_centre(r, &now, in);
	}
	if (rc == K_EINVAL) {
		r->status = 422;
		return render_centre(r, ce, in);
	}
	if (rc)
		return rc;
	return req_redirect(r,
			    arena_printf(&r->arena, "/centres/%lld#%s", (long long)ce->id, anchor));
}

int page_centre_placements_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct centre_input in = { .form = "place",
				   .errs = &e,
				   .person_id = req_form(r, "person_id"),
				   .bed_id = req_form(r, "bed_id"),
				   .check_in = req_form(r, "check_in"),
				   .planned_out = req_form(r, "planned_out"),
				   .note = req_form(r, "note") };
	struct placement p = { .centre_id = ce.id,
			       .check_in = in.check_in,
			       .planned_out = in.planned_out,
			       .note = in.note };
	p.person_id = form_id(r, "person_id", &e, N_("Choose a person."));
	p.bed_id = form_id(r, "bed_id", &e, N_("Choose a free bed."));
	if (!ce.active)
		field_error_add(&e, "bed_id", N_("Closed: the centre takes nobody new."));
	rc = placement_validate(&r->arena, &p, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_placement_add(req_db(r), &r->arena, r->who, &p, &e);
	if (rc == K_ECONFLICT)
		in.notice = N_("Someone else took this bed, or placed this person, a moment ago: "
			       "the centre is shown as it is now.");
	return centre_answer(r, &ce, rc, &in, "beds");
}

/* The stays chosen in a form (name "placement"), at most CENTRE_CHECKOUT_MAX. */
static size_t chosen(struct req *r, int64_t *ids, struct field_errors *e)
{
	size_t k = form_ids(r, "placement", ids, CENTRE_CHECKOUT_MAX);
	if (!k)
		field_error_add(e, "placement", N_("Choose at least one person."));
	return k;
}

int page_centre_checkout_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct centre_input in = { .form = "checkout", .errs = &e, .date = req_form(r, "date") };
	int64_t *ids = arena_alloc(&r->arena, CENTRE_CHECKOUT_MAX * sizeof(*ids));
	size_t n = chosen(r, ids, &e);
	rc = e.n ? K_EINVAL
		 : store_checkout(req_db(r), &r->arena, r->who, ce.id, ids, n, in.date, r->today,
				  &e);
	return centre_answer(r, &ce, rc, &in, "beds");
}

int page_centre_waiting_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct centre_input in = { .form = "waiting",
				   .errs = &e,
				   .person_id = req_form(r, "person_id"),
				   .since = req_form(r, "since"),
				   .note = req_form(r, "note") };
	struct waiting w = { .centre_id = ce.id };
	w.person_id = form_id(r, "person_id", &e, N_("Choose a person."));
	w.since = in.since;
	w.note = in.note;
	rc = waiting_validate(&r->arena, &w, r->today, &e);
	if (e.n)
		rc = K_EINVAL;
	if (!rc)
		rc = store_waiting_add(req_db(r), &r->arena, r->who, &w, &e);
	return centre_answer(r, &ce, rc, &in, "waiting");
}

int page_centre_waiting_withdraw_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	rc = store_waiting_withdraw(req_db(r), &r->arena, r->who, ce.id, r->param[1], r->today);
	struct centre_input in = { 0 };
	return centre_answer(r, &ce, rc, &in, "waiting");
}

int page_centre_rooms_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_manage, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct centre_input in = { .form = "room",
				   .errs = &e,
				   .room_name = req_form(r, "name"),
				   .room_beds = req_form(r, "beds"),
				   .room_note = req_form(r, "note") };
	struct room room = { .name = in.room_name, .note = in.room_note };
	if (!in.room_beds || parse_i64(in.room_beds, 1, ROOM_BEDS_MAX, &room.beds))
		room.beds = 0;
	rc = room_validate(&r->arena, &room, &e);
	if (!rc)
		rc = store_room_add(req_db(r), &r->arena, r->who, ce.id, &room, &e);
	return centre_answer(r, &ce, rc, &in, "beds");
}

/* ---- presence ---- */

static int render_presence(struct req *r, const struct centre *c, const char *notice)
{
	struct centre ce = *c;
	struct placement *p;
	size_t n;
	int rc = store_placements_open(req_db(r), &r->arena, r->who, ce.id, r->today, &p, &n);
	if (rc)
		return rc;
	size_t unseen = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		unseen += !p[i].seen_today;
		rc = log_view(r, ce.id, p[i].person_id, p[i].restricted);
	}
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Centres"), ce.name);
	html(&h, "<h1>%s: %t</h1><p><a href=\"/centres/%D\">%t</a></p>", ce.name,
	     N_("Presence today"), ce.id, N_("Back to the centre"));
	if (notice)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice);
	html(&h, "<p class=\"summary\">%s · %t: %D · %t: %D</p>", layout_date(r, r->today),
	     N_("In the centre"), (int64_t)n, N_("Not seen yet"), (int64_t)unseen);
	if (!n) {
		html(&h, "<p>%t</p>", N_("Nobody is in the centre."));
		layout_end(r, &h);
		return 0;
	}
	bool place = centre_may_place(r->who);
	if (place) {
		html(&h, "<form method=\"post\" action=\"/centres/%D/presence\">", ce.id);
		form_hidden_csrf(r, &h);
	}
	html(&h,
	     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Who is in the centre"), N_("Person"), N_("Bed"), N_("Checked in"), N_("Last seen"),
	     N_("Seen today"));
	for (size_t i = 0; i < n; i++) {
		const char *name = layout_person_name(r, p[i].family_name, p[i].given_name, NULL);
		html(&h,
		     "<tr class=\"%s\"><td><a href=\"/persons/%D\">%s</a></td><td>%s · %s</td>"
		     "<td>%s</td><td>%s</td><td>",
		     p[i].seen_today ? "seen" : "attention", p[i].person_id, name, p[i].room_name,
		     p[i].bed_label, layout_date(r, p[i].check_in),
		     p[i].last_seen ? layout_date(r, p[i].last_seen)
				    : i18n_tr(r->lang, N_("not seen yet")));
		if (p[i].seen_today)
			html(&h, "%t", N_("yes"));
		else if (place)
			html(&h,
			     "<input type=\"checkbox\" name=\"placement\" value=\"%D\" "
			     "aria-label=\"%t %s\">",
			     p[i].id, N_("Seen today"), name);
		else
			html(&h, "%t", N_("no"));
		html(&h, "</td></tr>");
	}
	html(&h, "</tbody></table>");
	if (place)
		html(&h, "<p><button class=\"primary\">%t</button></p></form>",
		     N_("Mark the people chosen as seen today"));
	layout_end(r, &h);
	return 0;
}

int page_centre_presence_get(struct req *r)
{
	struct centre ce;
	int rc = centre_read(r, &ce);
	return rc ? rc : render_presence(r, &ce, NULL);
}

int page_centre_presence_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t *ids = arena_alloc(&r->arena, CENTRE_CHECKOUT_MAX * sizeof(*ids));
	size_t n = chosen(r, ids, &e);
	if (e.n) {
		r->status = 422;
		return render_presence(r, &ce, N_("Choose at least one person."));
	}
	rc = store_presence_mark(req_db(r), &r->arena, r->who, ce.id, ids, n, r->today);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/centres/%lld/presence", (long long)ce.id));
}

/* ---- on the person's page ---- */

void page_person_centres_box(struct req *r, struct html *h, int64_t person_id)
{
	struct placement *p;
	size_t n;
	if (store_placements_of_person(req_db(r), &r->arena, r->who, person_id, r->today, &p, &n) ||
	    !n)
		return;
	html(
	    h,
	    "<section aria-labelledby=\"stays\"><h2 id=\"stays\">%t</h2><table class=\"list\">"
	    "<thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	    "<th scope=\"col\">%t</th></tr></thead><tbody>",
	    N_("Stays in centres"), N_("Centre"), N_("Bed"), N_("Checked in"), N_("Checked out"));
	for (size_t i = 0; i < n; i++)
		html(h,
		     "<tr><td><a href=\"/centres/%D\">%s</a></td><td>%s · %s</td><td>%s</td>"
		     "<td>%s</td></tr>",
		     p[i].centre_id, p[i].centre_name, p[i].room_name, p[i].bed_label,
		     layout_date(r, p[i].check_in),
		     p[i].checked_out ? layout_date(r, p[i].checked_out)
				      : i18n_tr(r->lang, N_("in the centre now")));
	html(h, "</tbody></table></section>");
}
