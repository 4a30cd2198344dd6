/* civic.c: the public-state form in the JSON API (domain/civic.h): /api/v1/resettler-orgs
 * with their steps, /api/v1/councils with their meetings and decisions, /api/v1/proposals.
 * The rules are the pages' (web/civic.c): everyone but analysts reads and keeps their
 * organisation's records; another organisation's answer 404. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/civic.h"
#include "store/store.h"

static json_t *rog_json(const struct resettler_org *o)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
			 (json_int_t)o->id, "version", (json_int_t)o->version, "name", o->name,
			 "kind", o->kind, "region", api_text(o->region), "initiators",
			 api_text(o->initiators), "contact", api_text(o->contact), "note",
			 api_text(o->note), "step", api_text(o->step), "step_on",
			 api_text(o->step_on));
}

static json_t *council_json(const struct council *k)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o, s:I}", "id", (json_int_t)k->id, "version",
			 (json_int_t)k->version, "name", k->name, "kind", k->kind, "region",
			 api_text(k->region), "note", api_text(k->note), "meetings",
			 (json_int_t)k->meetings);
}

static json_t *meeting_json(const struct council_meeting *m)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:s, s:o, s:I}", "id", (json_int_t)m->id,
			 "council_id", (json_int_t)m->council_id, "held_on", m->held_on, "place",
			 api_text(m->place), "agenda", m->agenda, "minutes", api_text(m->minutes),
			 "decisions", (json_int_t)m->decisions);
}

static json_t *decision_json(const struct decision *d)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)d->id, "meeting_id",
			 (json_int_t)d->meeting_id, "text", d->text, "status", d->status, "due_on",
			 api_text(d->due_on), "note", api_text(d->note));
}

static json_t *proposal_json(const struct proposal *p)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:s, s:o, s:o}", "id",
			      (json_int_t)p->id, "version", (json_int_t)p->version, "title",
			      p->title, "text", p->text, "addressee", p->addressee, "submitted_on",
			      api_text(p->submitted_on), "status", p->status, "outcome",
			      api_text(p->outcome), "outcome_on", api_text(p->outcome_on));
	json_object_set_new(o, "meeting_id",
			    p->meeting_id ? json_integer(p->meeting_id) : json_null());
	return o;
}

static bool may_read(struct req *r)
{
	return civic_may_read(r->who);
}

static bool may_manage(struct req *r)
{
	return civic_may_read(r->who) && civic_may_manage(r->who);
}

/* Answers a save: 422, 409, the error, or the record read again (status). */
static int saved(struct req *r, int rc, const struct field_errors *e,
		 int (*send)(struct req *, int, int64_t), int status, int64_t id,
		 const char *location)
{
	if (rc == K_EINVAL)
		return api_validation(r, e);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (location)
		req_header_add(r, "Location", location);
	return send(r, status, id);
}

/* ---- resettlers' organisations ---- */

int api_resettler_orgs_get(struct req *r)
{
	if (!may_read(r))
		return K_EFORBIDDEN;
	struct resettler_org *o;
	size_t n;
	int rc = store_resettler_orgs(req_db(r), &r->arena, r->who, &o, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, rog_json(&o[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

static int send_rog(struct req *r, int status, int64_t id)
{
	struct resettler_org o;
	struct org_step *s;
	size_t n;
	int rc = store_resettler_org_get(req_db(r), &r->arena, r->who, id, &o);
	if (!rc)
		rc = store_org_steps(req_db(r), &r->arena, id, &s, &n);
	if (rc)
		return rc;
	json_t *out = rog_json(&o), *steps = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(steps,
				      json_pack("{s:I, s:s, s:s, s:o}", "id", (json_int_t)s[i].id,
						"step", s[i].step, "done_on", s[i].done_on, "note",
						api_text(s[i].note)));
	json_object_set_new(out, "steps", steps);
	return api_send(r, status, out);
}

int api_resettler_org_get(struct req *r)
{
	return may_read(r) ? send_rog(r, 200, r->param[0]) : K_EFORBIDDEN;
}

static int rog_write(struct req *r, bool patch)
{
	struct resettler_org o = { 0 };
	int rc = patch ? store_resettler_org_get(req_db(r), &r->arena, r->who, r->param[0], &o) : 0;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t version = 0;
	const struct api_member members[] = {
		{ "name", API_STR, &o.name },       { "kind", API_STR, &o.kind },
		{ "region", API_STR, &o.region },   { "initiators", API_STR, &o.initiators },
		{ "contact", API_STR, &o.contact }, { "note", API_STR, &o.note },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	o.version = version;
	resettler_org_validate(&r->arena, &o, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_resettler_org_save(req_db(r), r->who, &o);
	return saved(
	    r, rc, &e, send_rog, patch ? 200 : 201, o.id,
	    patch ? NULL : arena_printf(&r->arena, "/api/v1/resettler-orgs/%lld", (long long)o.id));
}

int api_resettler_orgs_post(struct req *r)
{
	return may_manage(r) ? rog_write(r, false) : K_EFORBIDDEN;
}

int api_resettler_org_patch(struct req *r)
{
	return may_manage(r) ? rog_write(r, true) : K_EFORBIDDEN;
}

int api_resettler_org_steps_post(struct req *r)
{
	if (!may_manage(r))
		return K_EFORBIDDEN;
	/* The organisation first: another organisation's is 404 whatever the body. */
	struct resettler_org o;
	int rc = store_resettler_org_get(req_db(r), &r->arena, r->who, r->param[0], &o);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct org_step s = { .resettler_org_id = r->param[0] };
	const struct api_member members[] = {
		{ "step", API_STR, &s.step },
		{ "done_on", API_STR, &s.done_on },
		{ "note", API_STR, &s.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	org_step_validate(&r->arena, &s, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_org_step_add(req_db(r), &r->arena, r->who, &s);
	return saved(r, rc, &e, send_rog, 201, s.resettler_org_id, NULL);
}

/* ---- councils ---- */

int api_councils_get(struct req *r)
{
	if (!may_read(r))
		return K_EFORBIDDEN;
	struct council *k;
	size_t n;
	int rc = store_councils(req_db(r), &r->arena, r->who, &k, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, council_json(&k[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

static int send_council(struct req *r, int status, int64_t id)
{
	struct council k;
	struct council_meeting *m;
	size_t n;
	int rc = store_council_get(req_db(r), &r->arena, r->who, id, &k);
	if (!rc)
		rc = store_meetings(req_db(r), &r->arena, id, &m, &n);
	if (rc)
		return rc;
	json_t *out = council_json(&k), *meetings = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(meetings, meeting_json(&m[i]));
	json_object_set_new(out, "meeting_list", meetings);
	return api_send(r, status, out);
}

int api_council_get(struct req *r)
{
	return may_read(r) ? send_council(r, 200, r->param[0]) : K_EFORBIDDEN;
}

static int council_write(struct req *r, bool patch)
{
	struct council k = { 0 };
	int rc = patch ? store_council_get(req_db(r), &r->arena, r->who, r->param[0], &k) : 0;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t version = 0;
	const struct api_member members[] = {
		{ "name", API_STR, &k.name },     { "kind", API_STR, &k.kind },
		{ "region", API_STR, &k.region }, { "note", API_STR, &k.note },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	k.version = version;
	council_validate(&r->arena, &k, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_council_save(req_db(r), r->who, &k);
	return saved(r, rc, &e, send_council, patch ? 200 : 201, k.id,
		     patch ? NULL
			   : arena_printf(&r->arena, "/api/v1/councils/%lld", (long long)k.id));
}

int api_councils_post(struct req *r)
{
	return may_manage(r) ? council_write(r, false) : K_EFORBIDDEN;
}

int api_council_patch(struct req *r)
{
	return may_manage(r) ? council_write(r, true) : K_EFORBIDDEN;
}

/* A meeting with its decisions. */
static int send_meeting(struct req *r, int status, int64_t council_id, int64_t id)
{
	struct council_meeting m;
	struct decision *d;
	size_t n;
	int rc = store_meeting_get(req_db(r), &r->arena, r->who, council_id, id, &m);
	if (!rc)
		rc = store_decisions(req_db(r), &r->arena, id, &d, &n);
	if (rc)
		return rc;
	json_t *out = meeting_json(&m), *decisions = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(decisions, decision_json(&d[i]));
	json_object_set_new(out, "decision_list", decisions);
	return api_send(r, status, out);
}

int api_meeting_get(struct req *r)
{
	return may_read(r) ? send_meeting(r, 200, r->param[0], r->param[1]) : K_EFORBIDDEN;
}

int api_council_meetings_post(struct req *r)
{
	if (!may_manage(r))
		return K_EFORBIDDEN;
	struct council k;
	int rc = store_council_get(req_db(r), &r->arena, r->who, r->param[0], &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct council_meeting m = { .council_id = r->param[0] };
	const struct api_member members[] = {
		{ "held_on", API_STR, &m.held_on },
		{ "place", API_STR, &m.place },
		{ "agenda", API_STR, &m.agenda },
		{ "minutes", API_STR, &m.minutes },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	meeting_validate(&r->arena, &m, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_meeting_add(req_db(r), &r->arena, r->who, &m);
	if (rc)
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/councils/%lld/meetings/%lld",
				    (long long)m.council_id, (long long)m.id));
	return send_meeting(r, 201, m.council_id, m.id);
}

/* POST …/decisions and PATCH …/decisions/{id}: a PATCH keeps what it does not name. */
static int decision_write(struct req *r, int64_t id)
{
	if (!may_manage(r))
		return K_EFORBIDDEN;
	struct decision d = { .meeting_id = r->param[1], .id = id };
	if (!id) {
		/* The meeting first: another council's or organisation's is 404 whatever the
		 * body. */
		struct council_meeting m;
		int rc =
		    store_meeting_get(req_db(r), &r->arena, r->who, r->param[0], r->param[1], &m);
		if (rc)
			return rc;
	} else {
		struct council_meeting m;
		struct decision *rows;
		size_t n;
		int rc =
		    store_meeting_get(req_db(r), &r->arena, r->who, r->param[0], r->param[1], &m);
		if (!rc)
			rc = store_decisions(req_db(r), &r->arena, m.id, &rows, &n);
		if (rc)
			return rc;
		size_t i = 0;
		while (i < n && rows[i].id != id)
			i++;
		if (i == n)
			return K_ENOTFOUND;
		d = rows[i];
	}
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "text", API_STR, &d.text },
		{ "status", API_STR, &d.status },
		{ "due_on", API_STR, &d.due_on },
		{ "note", API_STR, &d.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	decision_validate(&r->arena, &d, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = store_decision_save(req_db(r), &r->arena, r->who, r->param[0], &d);
	if (rc)
		return rc;
	return send_meeting(r, id ? 200 : 201, r->param[0], r->param[1]);
}

int api_meeting_decisions_post(struct req *r)
{
	return decision_write(r, 0);
}

int api_decision_patch(struct req *r)
{
	return decision_write(r, r->param[2]);
}

/* ---- policy proposals ---- */

int api_proposals_get(struct req *r)
{
	if (!may_read(r))
		return K_EFORBIDDEN;
	struct proposal *p;
	size_t n;
	int rc = store_proposals(req_db(r), &r->arena, r->who, &p, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, proposal_json(&p[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

static int send_proposal(struct req *r, int status, int64_t id)
{
	struct proposal p;
	int rc = store_proposal_get(req_db(r), &r->arena, r->who, id, &p);
	return rc ? rc : api_send(r, status, proposal_json(&p));
}

int api_proposal_get(struct req *r)
{
	return may_read(r) ? send_proposal(r, 200, r->param[0]) : K_EFORBIDDEN;
}

static int proposal_write(struct req *r, bool patch)
{
	struct proposal p = { 0 };
	int rc = patch ? store_proposal_get(req_db(r), &r->arena, r->who, r->param[0], &p) : 0;
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	int64_t version = 0;
	const struct api_member members[] = {
		{ "title", API_STR, &p.title },
		{ "text", API_STR, &p.text },
		{ "addressee", API_STR, &p.addressee },
		{ "submitted_on", API_STR, &p.submitted_on },
		{ "status", API_STR, &p.status },
		{ "outcome", API_STR, &p.outcome },
		{ "outcome_on", API_STR, &p.outcome_on },
		{ "meeting_id", API_ID_NULL, &p.meeting_id },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	p.version = version;
	proposal_validate(&r->arena, &p, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_proposal_save(req_db(r), r->who, &p, &e);
	return saved(r, rc, &e, send_proposal, patch ? 200 : 201, p.id,
		     patch ? NULL
			   : arena_printf(&r->arena, "/api/v1/proposals/%lld", (long long)p.id));
}

int api_proposals_post(struct req *r)
{
	return may_manage(r) ? proposal_write(r, false) : K_EFORBIDDEN;
}

int api_proposal_patch(struct req *r)
{
	return may_manage(r) ? proposal_write(r, true) : K_EFORBIDDEN;
}
