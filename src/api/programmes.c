/* programmes.c: /api/v1/programmes (domain/programme.h): programmes with their eligibility and
 * quota use per region; enrolments and the support given through them; a person's
 * enrolments; and /api/v1/entitlements, what a family is entitled to in a year. The rules are
 * the pages' (web/programmes.c). Amounts are minor units of KZT (tiyn), as integers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/programme.h"
#include "store/store.h"

static json_t *codes(const char *const *list, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

static json_t *age(int64_t v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

static json_t *programme_json(const struct programme *p)
{
	json_t *o = json_pack(
	    "{s:I, s:I, s:o, s:s, s:s, s:o, s:o, s:o, s:b, s:b, s:b, s:I}", "id", (json_int_t)p->id,
	    "version", (json_int_t)p->version, "code", api_text(p->code), "kind", p->kind, "name",
	    p->name, "name_kk", api_text(p->name_kk), "name_ru", api_text(p->name_ru),
	    "description", api_text(p->description), "has_quota", p->has_quota, "mrp_support",
	    p->mrp_support, "active", p->active, "enrolled_people", (json_int_t)p->enrolled);
	json_object_set_new(o, "national", json_boolean(p->org_id == 0));
	json_object_set_new(o, "categories", codes(p->categories, p->ncategories));
	json_object_set_new(o, "legal_statuses", codes(p->legal_statuses, p->nlegal_statuses));
	json_object_set_new(o, "age_min", age(p->age_min));
	json_object_set_new(o, "age_max", age(p->age_max));
	return o;
}

static json_t *enrolment_json(const struct enrolment *e)
{
	json_t *person =
	    e->visible ? json_pack("{s:I, s:o, s:o}", "id", (json_int_t)e->person_id, "family_name",
				   api_text(e->family_name), "given_name", api_text(e->given_name))
		       : json_null();
	json_t *o =
	    json_pack("{s:I, s:I, s:o, s:o, s:I, s:I, s:s, s:s, s:o}", "id", (json_int_t)e->id,
		      "programme_id", (json_int_t)e->programme_id, "person", person, "region",
		      api_text(e->region), "year", (json_int_t)e->year, "family_size",
		      (json_int_t)e->family_size, "enrolled_on", e->enrolled_on, "status",
		      e->status, "withdrawn_on", api_text(e->withdrawn_on));
	json_object_set_new(o, "note", api_text(e->note));
	json_object_set_new(o, "support_total",
			    e->visible ? json_integer(e->support_total) : json_null());
	return o;
}

static json_t *entitlements_json(const struct entitlements *x)
{
	if (!x->known)
		return json_pack("{s:I, s:I, s:b}", "year", (json_int_t)x->year, "family_size",
				 (json_int_t)x->family_size, "known", 0);
	return json_pack("{s:I, s:I, s:b, s:I, s:I, s:{s:I, s:I, s:I, s:I, s:I}, s:I}", "year",
			 (json_int_t)x->year, "family_size", (json_int_t)x->family_size, "known", 1,
			 "mrp", (json_int_t)x->mrp, "relocation_subsidy", (json_int_t)x->relocation,
			 "rent_support", "month_min", (json_int_t)x->rent_month_min, "month_max",
			 (json_int_t)x->rent_month_max, "months", (json_int_t)x->rent_months,
			 "total_min", (json_int_t)x->rent_total_min, "total_max",
			 (json_int_t)x->rent_total_max, "housing_certificate_max",
			 (json_int_t)x->certificate_max);
}

static int programme_for(struct req *r, bool (*may)(const struct actor *), struct programme *p)
{
	if (!programme_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_programme_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

int api_programmes_get(struct req *r)
{
	if (!programme_may_read(r->who))
		return K_EFORBIDDEN;
	struct programme *p;
	size_t n;
	int rc = store_programmes(req_db(r), &r->arena, r->who, &p, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, programme_json(&p[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The programme with its quotas for a year and the organisation's enrolments of that year
 * (views of the people named). */
static int send_programme(struct req *r, int status, int64_t id, int64_t year)
{
	struct programme p;
	struct quota *q = NULL;
	struct enrolment *e = NULL;
	int64_t *years = NULL;
	size_t nq = 0, ne = 0, ny = 0;
	int rc = store_programme_get(req_db(r), &r->arena, r->who, id, &p);
	if (!rc)
		rc = store_quotas(req_db(r), &r->arena, id, year, &q, &nq);
	if (!rc)
		rc = store_quota_years(req_db(r), &r->arena, id, &years, &ny);
	if (!rc)
		rc = store_enrolments(req_db(r), &r->arena, r->who, id, year, &e, &ne);
	if (rc)
		return rc;
	int64_t *who = arena_alloc(&r->arena, (ne + 1) * sizeof(*who));
	bool *restricted = arena_alloc(&r->arena, (ne + 1) * sizeof(*restricted));
	size_t nv = 0;
	json_t *o = programme_json(&p), *quotas = json_array(), *enrolments = json_array(),
	       *ys = json_array();
	for (size_t i = 0; i < nq; i++)
		json_array_append_new(
		    quotas, json_pack("{s:s, s:I, s:I, s:I}", "region", q[i].region, "quota",
				      (json_int_t)q[i].quota, "used", (json_int_t)q[i].used, "left",
				      (json_int_t)(q[i].quota - q[i].used)));
	for (size_t i = 0; i < ny; i++)
		json_array_append_new(ys, json_integer(years[i]));
	for (size_t i = 0; i < ne; i++) {
		json_array_append_new(enrolments, enrolment_json(&e[i]));
		if (e[i].visible) {
			who[nv] = e[i].person_id;
			restricted[nv++] = e[i].restricted;
		}
	}
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "quota_years", ys);
	json_object_set_new(o, "quotas", quotas);
	json_object_set_new(o, "enrolments", enrolments);
	if ((rc = api_log_views(r, "programme.view", "api", who, restricted, nv))) {
		json_decref(o);
		return rc;
	}
	return api_send(r, status, o);
}

/* ?year=, or this year. 0 after answering 400 for a year that is none. */
static int64_t year_query(struct req *r)
{
	int64_t year = strtoll(r->today, NULL, 10);
	if (!api_query_int(r, "year", 2000, 2100, &year))
		return 0;
	return year;
}

int api_programme_get(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_read, &p);
	if (rc)
		return rc;
	int64_t year = year_query(r);
	return year ? send_programme(r, 200, p.id, year) : 0;
}

static int programme_write(struct req *r, struct programme *p, bool patch)
{
	struct field_errors e = { 0 };
	int64_t version = 0;
	struct programme in = *p;
	struct api_str_list cats = { .items = in.categories,
				     .n = &in.ncategories,
				     .max = PROGRAMME_LIST_MAX };
	struct api_str_list statuses = { .items = in.legal_statuses,
					 .n = &in.nlegal_statuses,
					 .max = PROGRAMME_LIST_MAX };
	const struct api_member members[] = {
		{ "kind", API_STR, &in.kind },
		{ "name", API_STR, &in.name },
		{ "description", API_STR, &in.description },
		{ "categories", API_STR_LIST, &cats },
		{ "legal_statuses", API_STR_LIST, &statuses },
		{ "age_min", API_COUNT, &in.age_min },
		{ "age_max", API_COUNT, &in.age_max },
		{ "has_quota", API_BOOL, &in.has_quota },
		{ "mrp_support", API_BOOL, &in.mrp_support },
		{ "active", API_BOOL, &in.active },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	in.version = version;
	programme_validate(&r->arena, &in, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = store_programme_save(req_db(r), &r->arena, r->who, &in);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(
		    r, "Location",
		    arena_printf(&r->arena, "/api/v1/programmes/%lld", (long long)in.id));
	return send_programme(r, patch ? 200 : 201, in.id, strtoll(r->today, NULL, 10));
}

int api_programmes_post(struct req *r)
{
	if (!programme_may_read(r->who) || !programme_may_manage(r->who))
		return K_EFORBIDDEN;
	struct programme p = { .active = true, .age_min = -1, .age_max = -1 };
	return programme_write(r, &p, false);
}

int api_programme_patch(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_manage, &p);
	if (!rc && !p.org_id)
		rc = K_EFORBIDDEN; /* the state's programmes ship with Komek */
	return rc ? rc : programme_write(r, &p, true);
}

int api_programme_quotas_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_manage, &p);
	if (!rc && !p.org_id)
		rc = K_EFORBIDDEN; /* the state's quotas ship with Komek */
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct quota q = { .programme_id = p.id, .quota = -1 };
	const struct api_member members[] = {
		{ "region", API_STR, &q.region },
		{ "year", API_ID, &q.year },
		{ "quota", API_COUNT, &q.quota },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	quota_validate(&r->arena, &q, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_quota_set(req_db(r), &r->arena, r->who, &q, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_programme(r, 200, p.id, q.year);
}

/* An enrolment with the support given and what the family is entitled to today. */
static int send_enrolment(struct req *r, int status, int64_t programme_id, int64_t id)
{
	struct enrolment e;
	struct support *s = NULL;
	size_t n = 0;
	struct entitlements ent;
	int rc = store_enrolment_get(req_db(r), &r->arena, r->who, programme_id, id, &e);
	if (!rc)
		rc = store_support_list(req_db(r), &r->arena, id, &s, &n);
	if (!rc)
		rc = store_entitlements(req_db(r), &r->arena, e.family_size, r->today, &ent);
	if (!rc)
		rc = api_log_views(r, "programme.view", "api", &e.person_id, &e.restricted, 1);
	if (rc)
		return rc;
	json_t *o = enrolment_json(&e), *support = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(
		    support, json_pack("{s:I, s:s, s:I, s:s, s:o}", "id", (json_int_t)s[i].id,
				       "kind", s[i].kind, "amount", (json_int_t)s[i].amount,
				       "given_on", s[i].given_on, "note", api_text(s[i].note)));
	json_object_set_new(o, "support", support);
	json_object_set_new(o, "entitlements", entitlements_json(&ent));
	return api_send(r, status, o);
}

int api_programme_enrolments_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_enrol, &p);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct enrolment x = { .programme_id = p.id };
	const struct api_member members[] = {
		{ "person_id", API_ID, &x.person_id },
		{ "region", API_STR, &x.region },
		{ "year", API_ID, &x.year },
		{ "family_size", API_ID, &x.family_size },
		{ "enrolled_on", API_STR, &x.enrolled_on },
		{ "note", API_STR, &x.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (!x.family_size && !field_error_for(&e, "family_size"))
		x.family_size = 1;
	enrolment_validate(&r->arena, &x, &p, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_enrolment_add(req_db(r), &r->arena, r->who, &x, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc)
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/programmes/%lld/enrolments/%lld",
				    (long long)p.id, (long long)x.id));
	return send_enrolment(r, 201, p.id, x.id);
}

int api_enrolment_get(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_read, &p);
	return rc ? rc : send_enrolment(r, 200, p.id, r->param[1]);
}

int api_enrolment_withdraw_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_enrol, &p);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	const char *date = NULL;
	const struct api_member members[] = { { "date", API_STR, &date } };
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (e.n)
		return api_validation(r, &e);
	rc = store_enrolment_withdraw(req_db(r), &r->arena, r->who, p.id, r->param[1],
				      date ? date : r->today, r->today, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, NULL, N_("The person has left the programme already."));
		return 0;
	}
	return rc ? rc : send_enrolment(r, 200, p.id, r->param[1]);
}

int api_enrolment_support_post(struct req *r)
{
	struct programme p;
	int rc = programme_for(r, programme_may_enrol, &p);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct support s = { .enrolment_id = r->param[1] };
	const struct api_member members[] = {
		{ "kind", API_STR, &s.kind },
		{ "amount", API_ID, &s.amount },
		{ "given_on", API_STR, &s.given_on },
		{ "note", API_STR, &s.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	if (e.n)
		return api_validation(r, &e);
	rc = store_support_add(req_db(r), &r->arena, r->who, p.id, &s, r->today, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_enrolment(r, 201, p.id, r->param[1]);
}

int api_entitlements_get(struct req *r)
{
	if (!programme_may_read(r->who))
		return K_EFORBIDDEN;
	int64_t family = 1, year = 0;
	if (!api_query_int(r, "family_size", 1, PROGRAMME_FAMILY_MAX, &family) ||
	    !api_query_int(r, "year", 2000, 2100, &year))
		return 0;
	const char *on = NULL;
	if (!api_query_date(r, "on", &on))
		return 0;
	if (on && year && strtoll(on, NULL, 10) != year) {
		api_error(r, 422, "on", N_("The day is not in that year."));
		return 0;
	}
	if (!on)
		on = year ? arena_printf(&r->arena, "%lld-01-01", (long long)year) : r->today;
	struct entitlements ent;
	int rc = store_entitlements(req_db(r), &r->arena, family, on, &ent);
	if (rc)
		return rc;
	json_t *o = entitlements_json(&ent);
	json_object_set_new(o, "on", json_string(on));
	return api_send(r, 200, o);
}

int api_person_enrolments_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct person person;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], &person);
	struct enrolment *e;
	size_t n;
	if (!rc)
		rc = store_enrolments_of_person(req_db(r), &r->arena, r->who, person.id, &e, &n);
	if (!rc)
		rc = api_log_views(r, "programme.view", "api", &person.id, &person.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = enrolment_json(&e[i]);
		json_object_set_new(o, "programme", json_string(e[i].programme_name));
		json_array_append_new(items, o);
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}
