/* events.c: /api/v1/events (domain/event.h): community events and publications with their
 * audience, and the registered people named among it; a person's events. The rules are the
 * pages' (web/events.c): a participant the reader may not see is listed with "person": null. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/event.h"
#include "store/store.h"

static json_t *event_json(const struct event *e)
{
	json_t *o =
	    json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}",
		      "id", (json_int_t)e->id, "version", (json_int_t)e->version, "org_id",
		      (json_int_t)e->org_id, "kind", e->kind, "form", e->form, "function",
		      e->function, "means", e->means, "title", e->title, "held_on", e->held_on,
		      "ends_on", api_text(e->ends_on), "place", api_text(e->place), "organisers",
		      api_text(e->organisers), "partners", api_text(e->partners), "description",
		      api_text(e->description), "results", api_text(e->results));
	json_object_set_new(o, "migrants", json_integer(e->migrants));
	json_object_set_new(o, "hosts", json_integer(e->hosts));
	json_object_set_new(o, "named", json_integer(e->named));
	json_object_set_new(o, "medium", api_text(e->medium));
	json_object_set_new(o, "circulation", json_integer(e->circulation));
	return o;
}

static json_t *participant_json(const struct event_participant *p)
{
	json_t *person =
	    p->visible ? json_pack("{s:I, s:o, s:o}", "id", (json_int_t)p->person_id, "family_name",
				   api_text(p->family_name), "given_name", api_text(p->given_name))
		       : json_null();
	return json_pack("{s:I, s:o, s:s}", "event_id", (json_int_t)p->event_id, "person", person,
			 "role", p->role);
}

/* The event of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * event is looked up). */
static int event_for(struct req *r, bool (*may)(const struct actor *), struct event *e)
{
	if (!event_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_event_get(req_db(r), &r->arena, r->who, r->param[0], e);
}

int api_events_get(struct req *r)
{
	if (!event_may_read(r->who))
		return K_EFORBIDDEN;
	const char *kind = req_query(r, "kind");
	if (kind && !event_kind_valid(kind)) {
		api_error(r, 422, "kind", N_("Choose an event or a publication."));
		return 0;
	}
	struct event *e;
	size_t n;
	int rc = store_events(req_db(r), &r->arena, r->who, kind, &e, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, event_json(&e[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The event, read again, with its named participants (views of them). */
static int send_event(struct req *r, int status, int64_t id)
{
	struct event e;
	struct event_participant *p = NULL;
	size_t n = 0;
	int rc = store_event_get(req_db(r), &r->arena, r->who, id, &e);
	if (!rc)
		rc = store_event_participants(req_db(r), &r->arena, r->who, id, &p, &n);
	if (rc)
		return rc;
	int64_t *who = arena_alloc(&r->arena, (n + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (n + 1) * sizeof(*restricted));
	size_t nv = 0;
	json_t *o = event_json(&e), *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(items, participant_json(&p[i]));
		if (p[i].visible) {
			who[nv] = p[i].person_id;
			restricted[nv++] = p[i].restricted;
		}
	}
	json_object_set_new(o, "participants", items);
	if ((rc = api_log_views(r, "event.view", "api", who, restricted, nv))) {
		json_decref(o);
		return rc;
	}
	return api_send(r, status, o);
}

int api_event_get(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_read, &e);
	return rc ? rc : send_event(r, 200, e.id);
}

/* POST /api/v1/events and PATCH /api/v1/events/{id}: the members given replace the event's; a
 * PATCH carries the version it read. */
static int event_write(struct req *r, struct event *e, bool patch)
{
	struct field_errors errs = { 0 };
	int64_t version = 0;
	struct event in = *e;
	const struct api_member members[] = {
		{ "kind", API_STR, &in.kind },
		{ "form", API_STR, &in.form },
		{ "function", API_STR, &in.function },
		{ "means", API_STR, &in.means },
		{ "title", API_STR, &in.title },
		{ "held_on", API_STR, &in.held_on },
		{ "ends_on", API_STR, &in.ends_on },
		{ "place", API_STR, &in.place },
		{ "organisers", API_STR, &in.organisers },
		{ "partners", API_STR, &in.partners },
		{ "description", API_STR, &in.description },
		{ "results", API_STR, &in.results },
		{ "migrants", API_COUNT, &in.migrants },
		{ "hosts", API_COUNT, &in.hosts },
		{ "medium", API_STR, &in.medium },
		{ "circulation", API_COUNT, &in.circulation },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &errs))
		return 0;
	if (patch && !version && !field_error_for(&errs, "version"))
		field_error_add(&errs, "version", N_("This field is required."));
	in.version = version;
	event_validate(&r->arena, &in, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	int rc = store_event_save(req_db(r), r->who, &in);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/events/%lld", (long long)in.id));
	return send_event(r, patch ? 200 : 201, in.id);
}

int api_events_post(struct req *r)
{
	if (!event_may_read(r->who) || !event_may_manage(r->who))
		return K_EFORBIDDEN;
	struct event e = { 0 };
	return event_write(r, &e, false);
}

int api_event_patch(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	return rc ? rc : event_write(r, &e, true);
}

int api_event_participants_post(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	if (rc)
		return rc;
	struct field_errors errs = { 0 };
	struct event_participant p = { .event_id = e.id };
	const struct api_member members[] = {
		{ "person_id", API_ID, &p.person_id },
		{ "role", API_STR, &p.role },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &errs))
		return 0;
	participant_validate(&r->arena, &p, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	rc = store_participant_add(req_db(r), &r->arena, r->who, &p, &errs);
	if (rc == K_EINVAL)
		return api_validation(r, &errs);
	return rc ? rc : send_event(r, 201, e.id);
}

int api_event_participant_delete(struct req *r)
{
	struct event e;
	int rc = event_for(r, event_may_manage, &e);
	if (!rc)
		rc = store_participant_remove(req_db(r), &r->arena, r->who, e.id, r->param[1]);
	return rc ? rc : send_event(r, 200, e.id);
}

int api_person_events_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct person person;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], &person);
	struct event_participant *p;
	size_t n;
	if (!rc)
		rc = store_events_of_person(req_db(r), &r->arena, r->who, person.id, &p, &n);
	if (!rc)
		rc = api_log_views(r, "event.view", "api", &person.id, &person.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s, s:s}", "event_id",
						       (json_int_t)p[i].event_id, "title",
						       p[i].event_title, "kind", p[i].event_kind,
						       "held_on", p[i].held_on, "role", p[i].role));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}
