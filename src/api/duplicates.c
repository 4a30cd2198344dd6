/* duplicates.c: /api/v1/duplicates (the review queue, a pair, its decisions, the scan) and
 * /api/v1/persons/{id}/links (records linked as one person, and the unlink). */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "store/store.h"

#define API_PAGE_MAX 200

static json_t *pair_json(const struct dup_pair *d)
{
	json_t *o =
	    json_pack("{s:I, s:s, s:s, s:I, s:o, s:o, s:o}", "id", (json_int_t)d->id, "status",
		      d->status, "found_by", d->found_by, "found_at", (json_int_t)d->found_at,
		      "decided_by", api_text(d->decided_by), "first", api_person_row(&d->first),
		      "second", api_person_row(&d->second));
	json_object_set_new(o, "decided_at",
			    d->decided_at ? json_integer(d->decided_at) : json_null());
	api_match_fields(o, d->score, d->reasons);
	return o;
}

int api_duplicates_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	static const char *const statuses[] = { "open", "linked", "distinct" };
	const char *status = req_query(r, "status");
	bool known = !status;
	for (size_t i = 0; status && i < ARRAY_SIZE(statuses); i++)
		known = known || strcmp(status, statuses[i]) == 0;
	if (!known) {
		api_error(r, 422, "status", N_("Choose a value from the list."));
		return 0;
	}
	int64_t limit = 50, offset = 0;
	if (!api_query_int(r, "limit", 1, API_PAGE_MAX, &limit) ||
	    !api_query_int(r, "offset", 0, 100000000, &offset))
		return 0;
	struct dup_pair *rows;
	size_t n;
	int64_t total;
	int rc = store_dup_list(req_db(r), &r->arena, r->who, status ? status : "open", limit,
				offset, &rows, &n, &total);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, pair_json(&rows[i]));
	return api_send(r, 200,
			json_pack("{s:o, s:I, s:I, s:I}", "items", items, "total",
				  (json_int_t)total, "limit", (json_int_t)limit, "offset",
				  (json_int_t)offset));
}

/* A pair and its two records as the actor reads them (each record's view audited). */
static int read_pair(struct req *r, struct dup_pair *d, struct person *x, struct person *y)
{
	int rc = store_dup_read(req_db(r), &r->arena, r->who, r->param[0], d, x, y);
	if (rc)
		return rc;
	int64_t ids[] = { x->id, y->id };
	bool restricted[] = { x->restricted, y->restricted };
	return api_log_views(r, "person.view", "api,duplicate", ids, restricted, 2);
}

int api_duplicate_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct dup_pair d;
	struct person x, y;
	int rc = read_pair(r, &d, &x, &y);
	if (rc)
		return rc;
	json_t *o = pair_json(&d);
	/* The whole records, for a side-by-side comparison. */
	json_object_set_new(o, "first", api_person_json(r, &x));
	json_object_set_new(o, "second", api_person_json(r, &y));
	return api_send(r, 200, o);
}

int api_duplicate_link_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	/* The records are read, not shown: the link is audited, not a view of them. */
	struct dbconn *c = req_db(r);
	struct dup_pair d;
	struct person x, y;
	int rc = store_dup_read(c, &r->arena, r->who, r->param[0], &d, &x, &y);
	if (rc)
		return rc;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	const char *key;
	json_t *v;
	int64_t keep = 0;
	const char *bad = NULL;
	json_object_foreach (in, key, v) {
		if (strcmp(key, "keep") == 0)
			keep = json_is_integer(v) ? json_integer_value(v) : 0;
		else if (!bad)
			bad = arena_strdup(&r->arena, key);
	}
	json_decref(in);
	if (bad) {
		api_error(r, 422, bad, N_("Unknown field."));
		return 0;
	}
	if (keep != x.id && keep != y.id) {
		api_error(r, 422, "keep", N_("Must be the id of one of the two records."));
		return 0;
	}
	const struct person *survivor = keep == x.id ? &x : &y;
	const struct person *merged = keep == x.id ? &y : &x;
	int64_t link_id = 0;
	rc = store_person_link(c, &r->arena, r->who, survivor, merged, "api", &link_id);
	if (rc)
		return rc;
	return api_send(r, 200,
			json_pack("{s:I, s:I, s:I}", "link_id", (json_int_t)link_id, "survivor_id",
				  (json_int_t)survivor->id, "merged_id", (json_int_t)merged->id));
}

int api_duplicate_dismiss_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct dup_pair d;
	int rc = store_dup_get(c, &r->arena, r->who, r->param[0], &d);
	if (rc)
		return rc;
	if (strcmp(d.status, "open") != 0) {
		api_error(r, 409, "status", N_("Someone else decided this pair already."));
		return 0;
	}
	rc = store_dup_dismiss(c, r->who, d.id, "api");
	if (rc == K_ECONFLICT) {
		api_error(r, 409, "status", N_("Someone else decided this pair already."));
		return 0;
	}
	if (rc || (rc = store_dup_get(c, &r->arena, r->who, d.id, &d)))
		return rc;
	return api_send(r, 200, pair_json(&d));
}

int api_duplicates_scan_post(struct req *r)
{
	if (!access_may_scan_duplicates(r->who))
		return K_EFORBIDDEN;
	struct dup_scan_result res;
	int rc = store_dup_scan(req_db(r), r->who, r->who->org_id, "api", &res);
	if (rc)
		return rc;
	return api_send(r, 200,
			json_pack("{s:I, s:I, s:I}", "compared", (json_int_t)res.compared, "found",
				  (json_int_t)res.found, "skipped_groups",
				  (json_int_t)res.skipped_groups));
}

int api_person_links_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	struct person_link *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_person_links(c, &r->arena, r->who, p.id, &rows, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:I, s:I, s:I, s:o, s:o}", "id",
						       (json_int_t)rows[i].id, "survivor_id",
						       (json_int_t)rows[i].survivor_id, "merged_id",
						       (json_int_t)rows[i].merged_id, "linked_at",
						       (json_int_t)rows[i].linked_at, "linked_by",
						       api_text(rows[i].linked_by), "other",
						       api_person_row(&rows[i].other)));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_person_link_delete(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	rc = store_person_unlink(c, &r->arena, r->who, p.id, r->param[1], "api");
	if (rc)
		return rc;
	r->status = 204;
	r->ctype = "application/json";
	return 0;
}
