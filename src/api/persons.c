/* persons.c: /api/v1/persons and /api/v1/households. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/reference.h"
#include "store/audit_writer.h"
#include "store/store.h"

#define API_PAGE_MAX 200

static bool query_ref(struct req *r, const char *name, const char *list, const char **out)
{
	const char *s = req_query(r, name);
	if (s && !ref_valid(list, s)) {
		api_error(r, 422, name, N_("Choose a value from the list."));
		return false;
	}
	*out = s;
	return true;
}

int api_persons_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct person_filter f = { .age_min = -1, .age_max = -1, .limit = 50 };
	f.q = req_query(r, "q");
	if (f.q && utf8_len(f.q) > PERSON_QUERY_MAX) {
		api_error(r, 422, "q", N_("Too long."));
		return 0;
	}
	if (f.q && !*f.q)
		f.q = NULL;
	if (req_query(r, "region") && !ref_region_canonical(req_query(r, "region"))) {
		api_error(r, 422, "region", N_("Choose a value from the list."));
		return 0;
	}
	f.region = ref_region_canonical(req_query(r, "region"));
	if (!query_ref(r, "category", "categories", &f.category) ||
	    !query_ref(r, "sex", "sexes", &f.sex) ||
	    !api_query_int(r, "age_min", 0, 150, &f.age_min) ||
	    !api_query_int(r, "age_max", 0, 150, &f.age_max) ||
	    !api_query_int(r, "household_id", 1, INT64_MAX, &f.household_id) ||
	    !api_query_int(r, "limit", 1, API_PAGE_MAX, &f.limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &f.offset))
		return 0;
	struct person_row *rows;
	size_t n;
	int64_t total;
	int rc = store_person_list(req_db(r), &r->arena, r->who, &f, r->today, &rows, &n, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct person_row *p = &rows[i];
		json_t *cats = json_array();
		for (const char *s = p->categories; s && *s;) {
			const char *sp = strchr(s, ' ');
			size_t len = sp ? (size_t)(sp - s) : strlen(s);
			json_array_append_new(cats, json_stringn(s, len));
			s += len + (sp ? 1 : 0);
		}
		json_t *o =
		    json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:b}", "id",
			      (json_int_t)p->id, "family_name", p->family_name, "given_name",
			      p->given_name, "patronymic", p->patronymic, "birth_date",
			      p->birth_date, "sex", p->sex, "region", p->region, "legal_status",
			      p->legal_status, "categories", cats, "restricted", p->restricted);
		json_object_set_new(o, "household_id",
				    p->household_id ? json_integer(p->household_id) : json_null());
		if (f.q)
			api_match_fields(o, p->score, p->reasons);
		json_array_append_new(items, o);
	}
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
				  (json_int_t)total, "limit", (json_int_t)f.limit, "offset",
				  (json_int_t)f.offset));
}

int api_person_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (!rc)
		rc = audit_writer_log(r->app->audit, r->who, "person.view", "person", p.id, "api",
				      p.restricted);
	if (rc)
		return rc;
	return api_send(r, 200, api_person_json(r, &p));
}

/* Validates p, adding to the errors already found in the body so that a client learns
 * every problem at once, and answers 422 if there is any; true when valid. */
static bool validate(struct req *r, struct person *p, struct field_errors *e)
{
	person_validate(&r->arena, p, r->today, e);
	if (!e->n)
		return true;
	api_validation(r, e);
	return false;
}

static int check_household(struct req *r, struct dbconn *c, const struct person *p,
			   struct field_errors *e)
{
	if (!p->household_id)
		return 0;
	int rc = store_household_check(c, r->who, p->household_id);
	if (rc == K_ENOTFOUND) {
		field_error_add(e, "household_id", N_("No such household."));
		api_validation(r, e);
	}
	return rc;
}

int api_persons_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	struct person p = { 0 };
	struct field_errors e = { 0 };
	api_person_apply(r, in, &p, &e);
	json_decref(in);
	if (!validate(r, &p, &e))
		return 0;
	struct dbconn *c = req_db(r);
	int rc = store_begin(c);
	if (!rc)
		rc = check_household(r, c, &p, &e);
	if (!rc)
		rc = store_person_insert(c, &r->arena, r->who, &p);
	if (!rc)
		rc = store_audit(c, r->who, "person.create", "person", p.id, "api");
	rc = store_finish(c, rc);
	if (rc)
		return e.n ? 0 : rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/persons/%lld", (long long)p.id));
	return api_send(r, 201, api_person_json(r, &p));
}

int api_person_patch(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person old;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &old);
	if (rc)
		return rc;
	if (!access_may_write_persons(r->who) || old.erased_at)
		return K_EFORBIDDEN;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	struct field_errors e = { 0 };
	json_t *ver = json_object_get(in, "version");
	struct person p = old;
	if (!json_is_integer(ver))
		field_error_add(
		    &e, "version",
		    N_("Send the version you read, so that a newer change is not lost."));
	else
		p.version = json_integer_value(ver);
	api_person_apply(r, in, &p, &e);
	json_decref(in);
	person_validate(&r->arena, &p, r->today, &e);
	person_validate_change(&old, &p, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_begin(c);
	if (!rc && p.household_id != old.household_id)
		rc = check_household(r, c, &p, &e);
	if (!rc)
		rc = store_person_update(c, &r->arena, r->who, &old, &p);
	if (!rc)
		rc = store_audit(c, r->who, "person.update", "person", p.id, "api");
	rc = store_finish(c, rc);
	if (rc) {
		if (rc == K_ECONFLICT)
			return api_stale(r);
		return e.n ? 0 : rc;
	}
	return api_send(r, 200, api_person_json(r, &p));
}

int api_households_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct dbconn *c = req_db(r);
	int64_t id;
	int rc = store_begin(c);
	if (!rc)
		rc = store_household_create(c, r->who, &id);
	if (!rc)
		rc = store_audit(c, r->who, "household.create", "household", id, "api");
	rc = store_finish(c, rc);
	if (rc)
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/households/%lld", (long long)id));
	return api_send(r, 201, json_pack("{s:I, s:[]}", "id", (json_int_t)id, "members"));
}

int api_household_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	int rc = store_household_check(c, r->who, r->param[0]);
	if (rc)
		return rc;
	struct person_row *rows;
	size_t n;
	if ((rc = store_household_members(c, &r->arena, r->who, r->param[0], &rows, &n)))
		return rc;
	json_t *members = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(members, json_pack("{s:I, s:s?, s:s?, s:s?, s:s?}",
							 "person_id", (json_int_t)rows[i].id,
							 "relation", rows[i].household_relation,
							 "family_name", rows[i].family_name,
							 "given_name", rows[i].given_name,
							 "birth_date", rows[i].birth_date));
	return api_send(r, 200,
			json_pack("{s:I, s:o}", "id", (json_int_t)r->param[0], "members", members));
}
