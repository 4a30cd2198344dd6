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
		json_t *o = api_person_row(&rows[i]);
		if (f.q)
			api_match_fields(o, rows[i].score, rows[i].reasons);
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

/* 409 possible_duplicates: the likely matches, for the worker to look at before the client
 * sends the person again with "confirm_new": true (or opens one of them). */
static int likely_answer(struct req *r, const struct person_row *rows, size_t n)
{
	json_t *out = api_error_json(
	    r, "possible_duplicates", "confirm_new",
	    N_("This person may be registered already. Check the likely matches; to register a "
	       "new person all the same, send the record again with confirm_new set to true."));
	json_t *matches = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = api_person_row(&rows[i]);
		api_match_fields(o, rows[i].score, rows[i].reasons);
		json_array_append_new(matches, o);
	}
	json_object_set_new(out, "matches", matches);
	return api_send(r, 409, out);
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
	/* true: the client showed the likely matches and the worker judged this a new person. */
	bool confirmed = false;
	json_t *cn = json_object_get(in, "confirm_new");
	if (cn && !json_is_boolean(cn))
		field_error_add(&e, "confirm_new", N_("Must be true or false."));
	confirmed = json_is_true(cn);
	json_object_del(in, "confirm_new");
	api_person_apply(r, in, &p, &e);
	json_decref(in);
	if (!validate(r, &p, &e))
		return 0;
	struct dbconn *c = req_db(r);
	struct person_row *likely;
	size_t nlikely;
	int rc = store_person_likely(c, &r->arena, r->who, &p, r->today, 0, &likely, &nlikely);
	if (rc)
		return rc;
	if (nlikely && !confirmed)
		return likely_answer(r, likely, nlikely);
	rc = store_begin(c);
	if (!rc)
		rc = check_household(r, c, &p, &e);
	if (!rc)
		rc = store_person_insert(c, &r->arena, r->who, &p);
	if (!rc)
		rc = store_audit(c, r->who, "person.create", "person", p.id,
				 nlikely ? "api,confirmed_new" : "api");
	for (size_t i = 0; !rc && i < nlikely; i++)
		rc = store_dup_record(c, r->who, p.id, likely[i].id, likely[i].score,
				      likely[i].reasons, "registration", "distinct");
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
