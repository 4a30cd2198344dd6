/* referrals.c: /api/v1/organisations (the directory of partner organisations) and
 * /api/v1/referrals (domain/referral.h). The receiving organisation reads only what a
 * referral shares; every answer that shows one referral records a view of its person. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/reference.h"
#include "domain/referral.h"
#include "store/audit_writer.h"
#include "store/store.h"

#define API_PAGE_MAX 200

static json_t *codes_json(const char *const *codes, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(codes[i]));
	return a;
}

static json_t *partner_json(const struct partner *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", json_string(p->name));
	json_object_set_new(o, "kind", json_string(p->kind));
	json_object_set_new(o, "description", api_text(p->description));
	json_object_set_new(o, "services", codes_json(p->services, p->nservices));
	json_object_set_new(o, "regions", codes_json(p->regions, p->nregions));
	json_object_set_new(o, "address", api_text(p->address));
	json_object_set_new(o, "phone", api_text(p->phone));
	json_object_set_new(o, "email", api_text(p->email));
	json_object_set_new(o, "website", api_text(p->website));
	json_object_set_new(o, "contact_person", api_text(p->contact_person));
	json_object_set_new(o, "komek_organisation",
			    p->org_id ? json_pack("{s:I, s:o}", "id", (json_int_t)p->org_id, "name",
						  api_text(p->org_name))
				      : json_null());
	json_object_set_new(o, "active", json_boolean(p->active));
	json_object_set_new(o, "version", json_integer(p->version));
	json_object_set_new(o, "created_at", json_integer(p->created_at));
	json_object_set_new(o, "updated_at", json_integer(p->updated_at));
	return o;
}

int api_organisations_get(struct req *r)
{
	struct partner_filter f = { .q = req_query(r, "q"), .limit = 50 };
	int64_t all = 0;
	if (!api_query_ref(r, "kind", "partner_kinds", &f.kind) ||
	    !api_query_ref(r, "service_kind", "service_kinds", &f.service_kind) ||
	    !api_query_ref(r, "region", "regions", &f.region) ||
	    !api_query_int(r, "include_inactive", 0, 1, &all) ||
	    !api_query_int(r, "limit", 1, API_PAGE_MAX, &f.limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &f.offset))
		return 0;
	if (f.q && (!utf8_valid_text(f.q, strlen(f.q)) || utf8_len(f.q) > 200)) {
		api_error(r, 422, "q", N_("Too long."));
		return 0;
	}
	f.active_only = !(all && access_may_admin(r->who));
	struct partner *p;
	size_t n;
	int rc = store_partners(req_db(r), &r->arena, &f, &p, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, partner_json(&p[i]));
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I}", "items", items, "limit", (json_int_t)f.limit,
				  "offset", (json_int_t)f.offset));
}

/* The partner of the path: an inactive one is invisible but to administrators. */
static int read_partner(struct req *r, struct partner *p)
{
	int rc = store_partner_get(req_db(r), &r->arena, r->param[0], p);
	if (!rc && !p->active && !access_may_admin(r->who))
		rc = K_ENOTFOUND;
	return rc;
}

int api_organisation_get(struct req *r)
{
	struct partner p;
	int rc = read_partner(r, &p);
	return rc ? rc : api_send(r, 200, partner_json(&p));
}

/* Applies a body to p (members absent keep their value), validates and saves it: the answer
 * is 201 or 200 with the entry, or the errors. */
static int partner_write(struct req *r, struct partner *p, int status)
{
	struct field_errors e = { 0 };
	int64_t version = 0;
	struct api_str_list services = { p->services, &p->nservices, PARTNER_SERVICES_MAX };
	struct api_str_list regions = { p->regions, &p->nregions, PARTNER_REGIONS_MAX };
	const struct api_member members[] = {
		{ "name", API_STR, &p->name },
		{ "kind", API_STR, &p->kind },
		{ "description", API_STR, &p->description },
		{ "services", API_STR_LIST, &services },
		{ "regions", API_STR_LIST, &regions },
		{ "address", API_STR, &p->address },
		{ "phone", API_STR, &p->phone },
		{ "email", API_STR, &p->email },
		{ "website", API_STR, &p->website },
		{ "contact_person", API_STR, &p->contact_person },
		{ "active", API_BOOL, &p->active },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (p->id && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	if (!p->id && version)
		field_error_add(&e, "version", N_("Unknown field."));
	partner_validate(&r->arena, p, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = version != p->version && p->id ? K_ECONFLICT : 0;
	if (!rc) {
		p->version = version ? version : p->version;
		rc = store_partner_save(req_db(r), r->who, p);
	}
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if ((rc = store_partner_get(req_db(r), &r->arena, p->id, p)))
		return rc;
	if (status == 201)
		req_header_add(
		    r, "Location",
		    arena_printf(&r->arena, "/api/v1/organisations/%lld", (long long)p->id));
	return api_send(r, status, partner_json(p));
}

int api_organisations_post(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct partner p = { .active = true };
	return partner_write(r, &p, 201);
}

int api_organisation_patch(struct req *r)
{
	struct partner p;
	int rc = read_partner(r, &p);
	if (rc)
		return rc;
	if (!partner_may_edit(r->who, &p))
		return K_EFORBIDDEN;
	return partner_write(r, &p, 200);
}

/* ---- referrals ---- */

json_t *api_referral_json(struct req *r, const struct referral *f)
{
	bool sender = referral_side(r->who, f) == REFERRAL_SENDER;
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "direction", json_string(sender ? "sent" : "received"));
	/* The sending side knows the case and the person; the receiving side only the copy. */
	json_object_set_new(o, "case_id", sender ? json_integer(f->case_id) : json_null());
	json_object_set_new(o, "person_id", sender ? json_integer(f->person_id) : json_null());
	json_object_set_new(o, "consent_id", sender ? json_integer(f->consent_id) : json_null());
	json_object_set_new(
	    o, "person",
	    json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:b}", "family_name",
		      api_text(f->family_name), "given_name", api_text(f->given_name), "patronymic",
		      api_text(f->patronymic), "birth_date", api_text(f->birth_date), "sex",
		      api_text(f->sex), "phone", api_text(f->phone), "restricted", f->restricted));
	json_object_set_new(o, "from",
			    json_pack("{s:I, s:o}", "id", (json_int_t)f->from_org_id, "name",
				      api_text(f->from_org_name)));
	json_object_set_new(o, "organisation",
			    json_pack("{s:I, s:o, s:b}", "id", (json_int_t)f->partner_id, "name",
				      api_text(f->partner_name), "in_komek", f->to_org_id != 0));
	json_object_set_new(o, "service_kind", json_string(f->service_kind));
	json_object_set_new(o, "message", api_text(f->message));
	json_object_set_new(o, "share_contact", json_boolean(f->share_contact));
	json_object_set_new(o, "status", json_string(referral_status_now(f, r->today)));
	json_object_set_new(o, "sent_on", json_string(f->sent_on));
	json_object_set_new(o, "expires_on", json_string(f->expires_on));
	json_object_set_new(o, "sent_by", api_text(f->sent_by_name));
	json_object_set_new(o, "answered_on", api_text(f->answered_on));
	json_object_set_new(o, "decline_reason", api_text(f->decline_reason));
	json_object_set_new(o, "handler", api_text(f->handler_name));
	json_object_set_new(o, "completed_on", api_text(f->completed_on));
	json_object_set_new(o, "outcome", api_text(f->outcome));
	json_object_set_new(o, "version", json_integer(f->version));
	json_object_set_new(o, "created_at", json_integer(f->created_at));
	json_object_set_new(o, "updated_at", json_integer(f->updated_at));
	return o;
}

int api_referrals_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct referral_filter f = { .today = r->today, .limit = 50 };
	const char *dir = req_query(r, "direction");
	int64_t mine = 0;
	if (dir && strcmp(dir, "received") != 0 && strcmp(dir, "sent") != 0) {
		api_error(r, 422, "direction", N_("Choose a value from the list."));
		return 0;
	}
	f.inbox = !dir || strcmp(dir, "received") == 0;
	if (!api_query_ref(r, "status", "referral_statuses", &f.status) ||
	    !api_query_int(r, "mine", 0, 1, &mine) ||
	    !api_query_int(r, "limit", 1, API_PAGE_MAX, &f.limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &f.offset))
		return 0;
	f.mine = mine;
	struct referral *rows;
	size_t n;
	int rc = store_referrals(req_db(r), &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	/* The list answers with each referral whole (its message too): a view of each person. */
	int64_t *people = arena_alloc(&r->arena, (n + 1) * sizeof(*people));
	bool *restricted = arena_alloc(&r->arena, (n + 1) * sizeof(*restricted));
	for (size_t i = 0; i < n; i++) {
		people[i] = rows[i].person_id;
		restricted[i] = rows[i].restricted;
	}
	if ((rc = api_log_views(r, "referral.view", "referrals api", people, restricted, n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, api_referral_json(r, &rows[i]));
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I}", "items", items, "limit", (json_int_t)f.limit,
				  "offset", (json_int_t)f.offset));
}

/* Answers with one referral: a view of its person, on disk first for a restricted one. */
static int send_referral(struct req *r, int status, const struct referral *f)
{
	int rc = audit_writer_log(r->app->audit, r->who, "referral.view", "person", f->person_id,
				  arena_printf(&r->arena, "referral %lld api", (long long)f->id),
				  f->restricted);
	return rc ? rc : api_send(r, status, api_referral_json(r, f));
}

int api_referral_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct referral f;
	int rc = store_referral_get(req_db(r), &r->arena, r->who, r->param[0], &f);
	return rc ? rc : send_referral(r, 200, &f);
}

int api_referrals_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct referral f = { 0 };
	int64_t case_id = 0;
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "case_id", API_ID, &case_id },
		{ "organisation_id", API_ID, &f.partner_id },
		{ "service_kind", API_STR, &f.service_kind },
		{ "message", API_STR, &f.message },
		{ "share_contact", API_BOOL, &f.share_contact },
		{ "expires_on", API_STR, &f.expires_on },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (!case_id && !field_error_for(&e, "case_id"))
		field_error_add(&e, "case_id", N_("This field is required."));
	if (!f.partner_id && !field_error_for(&e, "organisation_id"))
		field_error_add(&e, "organisation_id", N_("This field is required."));
	referral_validate_send(&r->arena, &f, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	/* A case named in the body that the actor may not see is a field error, not a 404
	 * of the resource. */
	struct case_rec k;
	int rc = store_case_get(req_db(r), &r->arena, r->who, case_id, &k);
	if (rc == K_ENOTFOUND) {
		field_error_add(&e, "case_id", N_("No such case."));
		return api_validation(r, &e);
	}
	if (rc)
		return rc;
	if (!case_may_work(r->who, &k) || strcmp(k.status, "closed") == 0)
		return K_EFORBIDDEN;
	rc = store_referral_send(req_db(r), &r->arena, r->who, &k, &f, &e);
	if (rc == K_EINVAL) {
		/* The store names the partner "partner_id"; the API calls it organisation_id. */
		for (size_t i = 0; i < e.n; i++)
			if (strcmp(e.e[i].field, "partner_id") == 0)
				e.e[i].field = "organisation_id";
		return api_validation(r, &e);
	}
	if (rc)
		return rc;
	struct referral now;
	if ((rc = store_referral_get(req_db(r), &r->arena, r->who, f.id, &now)))
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/referrals/%lld", (long long)f.id));
	return send_referral(r, 201, &now);
}

int api_referral_patch(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct referral old, now;
	int rc = store_referral_get(req_db(r), &r->arena, r->who, r->param[0], &old);
	if (rc)
		return rc;
	bool may = false;
	if ((rc = store_referral_may_answer(req_db(r), &r->arena, r->who, &old, NULL, &may)))
		return rc;
	if (!may)
		return K_EFORBIDDEN;
	const char *to = NULL, *on = NULL, *reason = NULL, *outcome = NULL;
	int64_t version = 0;
	struct field_errors e = { 0 };
	const struct api_member members[] = {
		{ "status", API_STR, &to },      { "on", API_STR, &on },
		{ "reason", API_STR, &reason },  { "outcome", API_STR, &outcome },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (!version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	if (outcome && (!to || strcmp(to, "completed") != 0))
		field_error_add(&e, "outcome", N_("Only a completed referral carries an outcome."));
	if (reason && (!to || strcmp(to, "declined") != 0))
		field_error_add(&e, "reason", N_("Only a declined referral carries a reason."));
	if (e.n)
		return api_validation(r, &e);
	rc = store_referral_answer(req_db(r), &r->arena, r->who, old.id, version, to, on,
				   to && strcmp(to, "completed") == 0 ? outcome : reason, r->today,
				   &now, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if ((rc = store_referral_get(req_db(r), &r->arena, r->who, old.id, &now)))
		return rc;
	return send_referral(r, 200, &now);
}
