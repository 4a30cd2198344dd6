/* centres.c: /api/v1/centres (domain/centre.h): centres with their beds and who is on them,
 * rooms, stays (placing and checking out), the waiting list and the presence list, and a
 * person's stays. The rules are the pages' (web/centres.c): managers add and change centres
 * and rooms, those who register people place them; a person the reader may not see is an
 * occupied bed without a name, and a stay of theirs is not found. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/centre.h"
#include "store/audit_writer.h"
#include "store/store.h"

static json_t *centre_json(const struct centre *c)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:b, s:I, s:I, s:I, s:I, s:I}", "id",
			 (json_int_t)c->id, "version", (json_int_t)c->version, "kind", c->kind,
			 "name", c->name, "region", api_text(c->region), "address",
			 api_text(c->address), "phone", api_text(c->phone), "active", c->active,
			 "beds_total", (json_int_t)c->beds, "occupied", (json_int_t)c->occupied,
			 "beds_free", (json_int_t)c->beds_free, "waiting", (json_int_t)c->waiting,
			 "org_id", (json_int_t)c->org_id);
}

static json_t *person_ref(int64_t id, const char *family, const char *given)
{
	return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)id, "family_name", api_text(family),
			 "given_name", api_text(given));
}

static json_t *bed_json(const struct bed *b)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:b, s:b}", "id", (json_int_t)b->id, "room_id",
			      (json_int_t)b->room_id, "room", b->room_name, "label", b->label,
			      "active", b->active, "occupied", b->placement_id != 0);
	json_t *stay = json_null();
	if (b->placement_id && b->visible)
		stay = json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)b->placement_id,
				 "person", person_ref(b->person_id, b->family_name, b->given_name),
				 "check_in", api_text(b->check_in), "planned_out",
				 api_text(b->planned_out), "last_seen", api_text(b->last_seen));
	json_object_set_new(o, "placement", stay);
	return o;
}

static json_t *placement_json(const struct placement *p)
{
	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:b}", "id",
			 (json_int_t)p->id, "centre_id", (json_int_t)p->centre_id, "centre",
			 p->centre_name ? p->centre_name : "", "bed_id", (json_int_t)p->bed_id,
			 "room", p->room_name ? p->room_name : "", "bed",
			 p->bed_label ? p->bed_label : "", "person",
			 person_ref(p->person_id, p->family_name, p->given_name), "check_in",
			 p->check_in, "planned_out", api_text(p->planned_out), "checked_out",
			 api_text(p->checked_out), "last_seen", api_text(p->last_seen), "note",
			 api_text(p->note), "seen_today", p->seen_today);
}

static json_t *waiting_json(const struct waiting *w)
{
	return json_pack("{s:I, s:o, s:s, s:o, s:s}", "id", (json_int_t)w->id, "person",
			 person_ref(w->person_id, w->family_name, w->given_name), "since", w->since,
			 "note", api_text(w->note), "status", w->status);
}

static int centre_of(struct req *r, struct centre *ce)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	return store_centre_get(req_db(r), &r->arena, r->who, r->param[0], ce);
}

/* The centre of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * centre is looked up). */
static int centre_for(struct req *r, bool (*may)(const struct actor *), struct centre *ce)
{
	return may(r->who) ? centre_of(r, ce) : K_EFORBIDDEN;
}

int api_centres_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct centre *c;
	size_t n;
	int rc = store_centres(req_db(r), &r->arena, r->who, &c, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, centre_json(&c[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The centre with its beds and its waiting list; the people shown are views. */
static int send_centre(struct req *r, int status, const struct centre *ce)
{
	struct bed *b = NULL;
	struct waiting *w = NULL;
	size_t nb = 0, nw = 0;
	int rc = store_beds(req_db(r), &r->arena, r->who, ce->id, &b, &nb);
	if (!rc)
		rc = store_waiting(req_db(r), &r->arena, r->who, ce->id, &w, &nw);
	if (rc)
		return rc;
	int64_t *who = arena_alloc(&r->arena, (nb + nw + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (nb + nw + 1) * sizeof(*restricted));
	size_t nv = 0;
	json_t *o = centre_json(ce), *beds = json_array(), *waiting = json_array();
	for (size_t i = 0; !rc && i < nb; i++) {
		json_array_append_new(beds, bed_json(&b[i]));
		if (b[i].person_id) {
			who[nv] = b[i].person_id;
			restricted[nv++] = b[i].restricted;
		}
	}
	for (size_t i = 0; !rc && i < nw; i++) {
		json_array_append_new(waiting, waiting_json(&w[i]));
		who[nv] = w[i].person_id;
		restricted[nv++] = w[i].restricted;
	}
	json_object_set_new(o, "beds", beds);
	json_object_set_new(o, "waiting_list", waiting);
	if (!rc)
		rc = api_log_views(r, "centre.view", "api", who, restricted, nv);
	if (rc) {
		json_decref(o);
		return rc;
	}
	return api_send(r, status, o);
}

int api_centre_get(struct req *r)
{
	struct centre ce;
	int rc = centre_of(r, &ce);
	return rc ? rc : send_centre(r, 200, &ce);
}

/* POST /api/v1/centres and PATCH /api/v1/centres/{id}: the members given replace the
 * centre's; a PATCH carries the version it read. */
static int centre_write(struct req *r, struct centre *ce, bool patch)
{
	struct field_errors e = { 0 };
	int64_t version = 0;
	bool active = ce->active;
	const char *kind = ce->kind, *name = ce->name, *region = ce->region, *address = ce->address,
		   *phone = ce->phone;
	const struct api_member members[] = {
		{ "kind", API_STR, &kind },      { "name", API_STR, &name },
		{ "region", API_STR, &region },  { "address", API_STR, &address },
		{ "phone", API_STR, &phone },    { "active", API_BOOL, &active },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	*ce = (struct centre){ .id = ce->id,
			       .version = patch ? version : 0,
			       .kind = kind,
			       .name = name,
			       .region = region,
			       .address = address,
			       .phone = phone,
			       .active = active };
	centre_validate(&r->arena, ce, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = store_centre_save(req_db(r), r->who, ce);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	struct centre now;
	if ((rc = store_centre_get(req_db(r), &r->arena, r->who, ce->id, &now)))
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/centres/%lld", (long long)ce->id));
	return send_centre(r, patch ? 200 : 201, &now);
}

int api_centres_post(struct req *r)
{
	if (!centre_may_manage(r->who))
		return K_EFORBIDDEN;
	struct centre ce = { .active = true };
	return centre_write(r, &ce, false);
}

int api_centre_patch(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_manage, &ce);
	return rc ? rc : centre_write(r, &ce, true);
}

int api_centre_rooms_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_manage, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct room room = { 0 };
	const struct api_member members[] = {
		{ "name", API_STR, &room.name },
		{ "note", API_STR, &room.note },
		{ "beds", API_ID, &room.beds },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	room_validate(&r->arena, &room, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_room_add(req_db(r), &r->arena, r->who, ce.id, &room, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc || (rc = store_centre_get(req_db(r), &r->arena, r->who, ce.id, &ce)))
		return rc;
	return send_centre(r, 201, &ce);
}

int api_centre_placements_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct placement p = { .centre_id = ce.id };
	const struct api_member members[] = {
		{ "person_id", API_ID, &p.person_id }, { "bed_id", API_ID, &p.bed_id },
		{ "check_in", API_STR, &p.check_in },  { "planned_out", API_STR, &p.planned_out },
		{ "note", API_STR, &p.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (!ce.active)
		field_error_add(&e, "bed_id", N_("Closed: the centre takes nobody new."));
	placement_validate(&r->arena, &p, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_placement_add(req_db(r), &r->arena, r->who, &p, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, "bed_id",
			  N_("Someone else took this bed, or placed this person, a moment ago."));
		return 0;
	}
	if (rc)
		return rc;
	struct placement *rows;
	size_t n;
	if ((rc = store_placements_of_person(req_db(r), &r->arena, r->who, p.person_id, r->today,
					     &rows, &n)))
		return rc;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id == p.id)
			return api_send(r, 201, placement_json(&rows[i]));
	return K_ENOTFOUND;
}

/* The stays named in the body's "placements" (and its other members), for a check-out or
 * the presence list: 0, or after answering. */
static int read_stays(struct req *r, int64_t **ids, size_t *n, const char **date,
		      struct field_errors *e)
{
	*ids = arena_alloc(&r->arena, CENTRE_CHECKOUT_MAX * sizeof(**ids));
	*n = 0;
	struct api_id_list list = { .items = *ids, .n = n, .max = CENTRE_CHECKOUT_MAX };
	const struct api_member members[] = {
		{ "placements", API_ID_LIST, &list },
		{ "date", API_STR, date },
	};
	if (!api_read_members(r, members, date ? 2 : 1, e))
		return 1;
	if (!*n && !field_error_for(e, "placements"))
		field_error_add(e, "placements", N_("Choose at least one person."));
	return 0;
}

int api_centre_checkout_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t *ids;
	size_t n;
	const char *date = NULL;
	if (read_stays(r, &ids, &n, &date, &e))
		return 0;
	if (!date)
		date = r->today;
	if (e.n)
		return api_validation(r, &e);
	rc = store_checkout(req_db(r), &r->arena, r->who, ce.id, ids, n, date, r->today, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, "placements",
			  N_("One of the people chosen is checked out already."));
		return 0;
	}
	if (rc)
		return rc;
	return api_send(r, 200,
			json_pack("{s:I, s:s}", "checked_out", (json_int_t)n, "date", date));
}

int api_centre_presence_get(struct req *r)
{
	struct centre ce;
	int rc = centre_of(r, &ce);
	struct placement *p;
	size_t n;
	if (!rc)
		rc = store_placements_open(req_db(r), &r->arena, r->who, ce.id, r->today, &p, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	int64_t *who = arena_alloc(&r->arena, (n + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (n + 1) * sizeof(*restricted));
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(items, placement_json(&p[i]));
		who[i] = p[i].person_id;
		restricted[i] = p[i].restricted;
	}
	if ((rc = api_log_views(r, "centre.view", "api", who, restricted, n))) {
		json_decref(items);
		return rc;
	}
	return api_send(r, 200, json_pack("{s:s, s:o}", "day", r->today, "items", items));
}

int api_centre_presence_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t *ids;
	size_t n;
	if (read_stays(r, &ids, &n, NULL, &e))
		return 0;
	if (e.n)
		return api_validation(r, &e);
	rc = store_presence_mark(req_db(r), &r->arena, r->who, ce.id, ids, n, r->today);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, "placements",
			  N_("One of the people chosen is checked out already."));
		return 0;
	}
	if (rc)
		return rc;
	return api_send(r, 200, json_pack("{s:I, s:s}", "seen", (json_int_t)n, "day", r->today));
}

int api_centre_waiting_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct waiting w = { .centre_id = ce.id };
	const struct api_member members[] = {
		{ "person_id", API_ID, &w.person_id },
		{ "since", API_STR, &w.since },
		{ "note", API_STR, &w.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	waiting_validate(&r->arena, &w, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_waiting_add(req_db(r), &r->arena, r->who, &w, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc || (rc = store_centre_get(req_db(r), &r->arena, r->who, ce.id, &ce)))
		return rc;
	return send_centre(r, 201, &ce);
}

int api_centre_waiting_withdraw_post(struct req *r)
{
	struct centre ce;
	int rc = centre_for(r, centre_may_place, &ce);
	if (!rc)
		rc = store_waiting_withdraw(req_db(r), &r->arena, r->who, ce.id, r->param[1],
					    r->today);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, NULL, N_("The person is no longer waiting."));
		return 0;
	}
	if (rc || (rc = store_centre_get(req_db(r), &r->arena, r->who, ce.id, &ce)))
		return rc;
	return send_centre(r, 200, &ce);
}

int api_person_placements_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct person person;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], &person);
	struct placement *p;
	size_t n;
	if (!rc)
		rc = store_placements_of_person(req_db(r), &r->arena, r->who, r->param[0], r->today,
						&p, &n);
	/* Where someone sleeps is theirs to keep: a view of them. */
	if (!rc)
		rc = api_log_views(r, "centre.view", "api", &person.id, &person.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, placement_json(&p[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}
