/* groups.c: /api/v1/groups (domain/group.h): groups with their members and sessions, joining
 * and leaving, sessions with their attendance, and a person's groups. The rules are the
 * pages' (web/groups.c): those who register people keep groups; a member the reader may not
 * see is listed with "person": null, and their attendance is neither shown nor changed. */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/group.h"
#include "store/store.h"

static json_t *group_json(const struct group *g)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:I, s:I}",
	    "id", (json_int_t)g->id, "version", (json_int_t)g->version, "org_id",
	    (json_int_t)g->org_id, "kind", g->kind, "form", g->form, "function",
	    api_text(g->function), "name", g->name, "facilitator", api_text(g->facilitator),
	    "place", api_text(g->place), "schedule", api_text(g->schedule), "starts_on",
	    api_text(g->starts_on), "ends_on", api_text(g->ends_on), "description",
	    api_text(g->description), "active", g->active, "members_now", (json_int_t)g->members,
	    "sessions_held", (json_int_t)g->sessions);
	json_object_set_new(o, "facilitator_id",
			    g->facilitator_id ? json_integer(g->facilitator_id) : json_null());
	return o;
}

static json_t *person_ref(bool visible, int64_t id, const char *family, const char *given)
{
	if (!visible)
		return json_null();
	return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)id, "family_name", api_text(family),
			 "given_name", api_text(given));
}

/* A member the reader may not see: no name, no note, no attendance. */
static json_t *member_json(const struct group_member *m)
{
	json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:o, s:o}", "id", (json_int_t)m->id, "group_id",
			      (json_int_t)m->group_id, "person",
			      person_ref(m->visible, m->person_id, m->family_name, m->given_name),
			      "joined_on", m->joined_on, "left_on", api_text(m->left_on), "note",
			      api_text(m->note));
	json_object_set_new(o, "sessions_attended",
			    m->visible ? json_integer(m->attended) : json_null());
	json_object_set_new(o, "sessions_held", m->visible ? json_integer(m->held) : json_null());
	return o;
}

static json_t *session_json(const struct group_session *s)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:I, s:o, s:I}", "id", (json_int_t)s->id, "group_id",
			 (json_int_t)s->group_id, "held_on", s->held_on, "topic", s->topic,
			 "unregistered", (json_int_t)s->unregistered, "note", api_text(s->note),
			 "present", (json_int_t)s->present);
}

/* The group of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * group is looked up). */
static int group_for(struct req *r, bool (*may)(const struct actor *), struct group *g)
{
	if (!access_may_read_persons(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_group_get(req_db(r), &r->arena, r->who, r->param[0], g);
}

int api_groups_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct group *g;
	size_t n;
	int rc = store_groups(req_db(r), &r->arena, r->who, &g, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, group_json(&g[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The group, read again, with its members and sessions; the members named are views. */
static int send_group(struct req *r, int status, int64_t id)
{
	struct group g;
	struct group_member *m = NULL;
	struct group_session *s = NULL;
	size_t nm = 0, ns = 0;
	int rc = store_group_get(req_db(r), &r->arena, r->who, id, &g);
	if (!rc)
		rc = store_group_members(req_db(r), &r->arena, r->who, id, &m, &nm);
	if (!rc)
		rc = store_group_sessions(req_db(r), &r->arena, r->who, id, &s, &ns);
	if (rc)
		return rc;
	int64_t *who = arena_alloc(&r->arena, (nm + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (nm + 1) * sizeof(*restricted));
	size_t nv = 0;
	json_t *o = group_json(&g), *members = json_array(), *sessions = json_array();
	for (size_t i = 0; i < nm; i++) {
		json_array_append_new(members, member_json(&m[i]));
		if (m[i].visible) {
			who[nv] = m[i].person_id;
			restricted[nv++] = m[i].restricted;
		}
	}
	for (size_t i = 0; i < ns; i++)
		json_array_append_new(sessions, session_json(&s[i]));
	json_object_set_new(o, "members", members);
	json_object_set_new(o, "sessions", sessions);
	if ((rc = api_log_views(r, "group.view", "api", who, restricted, nv))) {
		json_decref(o);
		return rc;
	}
	return api_send(r, status, o);
}

int api_group_get(struct req *r)
{
	struct group g;
	int rc = group_for(r, access_may_read_persons, &g);
	return rc ? rc : send_group(r, 200, g.id);
}

/* POST /api/v1/groups and PATCH /api/v1/groups/{id}: the members given replace the group's;
 * a PATCH carries the version it read. */
static int group_write(struct req *r, struct group *g, bool patch)
{
	struct field_errors e = { 0 };
	int64_t version = 0;
	struct group in = *g;
	if (!patch)
		in.form = NULL; /* the kind's, unless given */
	const struct api_member members[] = {
		{ "kind", API_STR, &in.kind },
		{ "form", API_STR, &in.form },
		{ "function", API_STR, &in.function },
		{ "name", API_STR, &in.name },
		{ "facilitator_id", API_ID_NULL, &in.facilitator_id },
		{ "place", API_STR, &in.place },
		{ "schedule", API_STR, &in.schedule },
		{ "starts_on", API_STR, &in.starts_on },
		{ "ends_on", API_STR, &in.ends_on },
		{ "description", API_STR, &in.description },
		{ "active", API_BOOL, &in.active },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	in.version = version;
	group_validate(&r->arena, &in, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = store_group_save(req_db(r), r->who, &in, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/groups/%lld", (long long)in.id));
	return send_group(r, patch ? 200 : 201, in.id);
}

int api_groups_post(struct req *r)
{
	if (!access_may_read_persons(r->who) || !group_may_manage(r->who))
		return K_EFORBIDDEN;
	struct group g = { .active = true };
	return group_write(r, &g, false);
}

int api_group_patch(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	return rc ? rc : group_write(r, &g, true);
}

int api_group_members_post(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct group_member m = { .group_id = g.id };
	const struct api_member members[] = {
		{ "person_id", API_ID, &m.person_id },
		{ "joined_on", API_STR, &m.joined_on },
		{ "note", API_STR, &m.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	member_validate(&r->arena, &m, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_member_add(req_db(r), &r->arena, r->who, &m, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_group(r, 201, g.id);
}

int api_group_member_leave_post(struct req *r)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	const char *date = NULL;
	const struct api_member members[] = { { "date", API_STR, &date } };
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (!date)
		date = r->today;
	if (e.n)
		return api_validation(r, &e);
	rc =
	    store_member_leave(req_db(r), &r->arena, r->who, g.id, r->param[1], date, r->today, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, NULL, N_("The person has left the group already."));
		return 0;
	}
	return rc ? rc : send_group(r, 200, g.id);
}

/* A session with its attendance; the members named are views. */
static int send_session(struct req *r, int status, int64_t group_id, int64_t session_id)
{
	struct group_session s;
	struct attendance *t;
	size_t n;
	int rc = store_group_session_get(req_db(r), &r->arena, r->who, group_id, session_id, &s);
	if (!rc)
		rc = store_group_attendance(req_db(r), &r->arena, r->who, group_id, session_id,
					    s.held_on, &t, &n);
	if (rc)
		return rc;
	int64_t *who = arena_alloc(&r->arena, (n + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (n + 1) * sizeof(*restricted));
	size_t nv = 0;
	json_t *o = session_json(&s), *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *present =
		    !t[i].visible || !t[i].marked ? json_null() : json_boolean(t[i].present);
		json_array_append_new(items,
				      json_pack("{s:o, s:o}", "person",
						person_ref(t[i].visible, t[i].person_id,
							   t[i].family_name, t[i].given_name),
						"present", present));
		if (t[i].visible) {
			who[nv] = t[i].person_id;
			restricted[nv++] = t[i].restricted;
		}
	}
	json_object_set_new(o, "attendance", items);
	if ((rc = api_log_views(r, "group.view", "api", who, restricted, nv))) {
		json_decref(o);
		return rc;
	}
	return api_send(r, status, o);
}

int api_group_session_get(struct req *r)
{
	struct group g;
	int rc = group_for(r, access_may_read_persons, &g);
	return rc ? rc : send_session(r, 200, g.id, r->param[1]);
}

/* POST /api/v1/groups/{id}/sessions and PATCH …/sessions/{id}: the session, and the members
 * present (every other member the reader sees is marked absent). A PATCH keeps what it does
 * not name. */
static int session_write(struct req *r, int64_t session_id)
{
	struct group g;
	int rc = group_for(r, group_may_manage, &g);
	if (rc)
		return rc;
	struct group_session s = { .group_id = g.id };
	if (session_id &&
	    (rc = store_group_session_get(req_db(r), &r->arena, r->who, g.id, session_id, &s)))
		return rc;
	struct field_errors e = { 0 };
	int64_t *present = arena_alloc(&r->arena, GROUP_ATTENDANCE_MAX * sizeof(*present));
	size_t npresent = SIZE_MAX; /* left so when the body has no "present" */
	struct api_id_list list = { .items = present, .n = &npresent, .max = GROUP_ATTENDANCE_MAX };
	const struct api_member members[] = {
		{ "held_on", API_STR, &s.held_on },
		{ "topic", API_STR, &s.topic },
		{ "unregistered", API_COUNT, &s.unregistered },
		{ "note", API_STR, &s.note },
		{ "present", API_ID_LIST, &list },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (npresent == SIZE_MAX) {
		/* Not named: a new session has nobody present; a changed one keeps its marks. */
		npresent = 0;
		struct attendance *t;
		size_t n;
		if (session_id && (rc = store_group_attendance(req_db(r), &r->arena, r->who, g.id,
							       s.id, s.held_on, &t, &n)))
			return rc;
		for (size_t i = 0; session_id && i < n && npresent < GROUP_ATTENDANCE_MAX; i++)
			if (t[i].visible && t[i].present)
				present[npresent++] = t[i].person_id;
	}
	session_validate(&r->arena, &s, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_group_session_save(req_db(r), &r->arena, r->who, &s, present, npresent, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc)
		return rc;
	if (!session_id)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/groups/%lld/sessions/%lld",
					    (long long)g.id, (long long)s.id));
	return send_session(r, session_id ? 200 : 201, g.id, s.id);
}

int api_group_sessions_post(struct req *r)
{
	return session_write(r, 0);
}

int api_group_session_patch(struct req *r)
{
	return session_write(r, r->param[1]);
}

int api_person_groups_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct person person;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], &person);
	struct group_member *m;
	size_t n;
	if (!rc)
		rc = store_groups_of_person(req_db(r), &r->arena, r->who, person.id, &m, &n);
	if (!rc)
		rc = api_log_views(r, "group.view", "api", &person.id, &person.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = member_json(&m[i]);
		json_object_set_new(o, "group", json_string(m[i].group_name));
		json_object_set_new(o, "kind", json_string(m[i].group_kind));
		json_array_append_new(items, o);
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}
