/* integration.c: integration indicators in the JSON API (issue 8, part 5;
 * domain/integration.h): a person's reviews with each domain's trajectory, a new review, and
 * a cohort's figures (aggregates, small cells withheld: analysts read them too). */
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "store/store_integration.h"

#include "base/banned.h"

static json_t *review_json(const struct integration_review *x)
{
	json_t *domains = json_object();
	for (size_t i = 0; i < x->nscores; i++)
		json_object_set_new(domains, x->scores[i].domain,
				    json_pack("{s:i, s:s, s:o, s:o}", "status", x->scores[i].status,
					      "status_code",
					      integration_status_code(x->scores[i].status),
					      "indicator", api_text(x->scores[i].indicator),
					      "evidence", api_text(x->scores[i].evidence)));
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:{s:I, s:o}, s:o, s:o}", "id",
			 (json_int_t)x->id, "person_id", (json_int_t)x->person_id, "reviewed_on",
			 x->reviewed_on, "kind", x->kind, "framework", x->framework, "reviewer",
			 "id", (json_int_t)x->reviewer_id, "name", api_text(x->reviewer_name),
			 "note", api_text(x->note), "domains", domains);
}

static int integration_person(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!integration_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

int api_person_integration_get(struct req *r)
{
	struct person p;
	int rc = integration_person(r, integration_may_read, &p);
	struct integration_review *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_integration_reviews(req_db(r), &r->arena, r->who, p.id, &rows, &n);
	if (!rc)
		rc = api_log_views(r, "integration.view", "api", &p.id, &p.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array(), *trajectory = json_object();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, review_json(&rows[i]));
	struct integration_series series[INTEGRATION_DOMAINS_N];
	integration_trajectory(&r->arena, rows, n, series);
	for (size_t d = 0; d < INTEGRATION_DOMAINS_N; d++) {
		json_t *points = json_array();
		for (size_t k = 0; k < series[d].n; k++)
			json_array_append_new(
			    points, json_pack("{s:s, s:i, s:I}", "date", series[d].points[k].date,
					      "status", series[d].points[k].status, "review_id",
					      (json_int_t)series[d].points[k].review_id));
		json_object_set_new(trajectory, series[d].domain, points);
	}
	return api_send(r, 200, json_pack("{s:o, s:o}", "items", items, "trajectory", trajectory));
}

/* The domains of a body: {"work": {"status": 3, "indicator": "…", "evidence": "…"}, …}; a
 * status may be its code ("stable") or its number. */
static void read_domains(struct req *r, json_t *v, struct integration_review *x,
			 struct field_errors *e)
{
	if (!v || json_is_null(v))
		return;
	if (!json_is_object(v)) {
		field_error_add(e, "domains", N_("Must be an object."));
		return;
	}
	const char *key;
	json_t *d;
	json_object_foreach (v, key, d) {
		const char *field = arena_printf(&r->arena, "domains.%.40s", key);
		if (x->nscores >= INTEGRATION_DOMAINS_N) {
			field_error_add(e, field, N_("Unknown domain."));
			continue;
		}
		struct integration_score *s = &x->scores[x->nscores];
		s->domain = arena_strdup(&r->arena, key);
		if (!json_is_object(d)) {
			field_error_add(e, field, N_("Must be an object."));
			continue;
		}
		json_t *st = json_object_get(d, "status");
		if (json_is_integer(st) && json_integer_value(st) >= -1000 &&
		    json_integer_value(st) <= 1000)
			s->status = (int)json_integer_value(st);
		else if (json_is_string(st))
			s->status = integration_status_parse(json_string_value(st));
		json_t *ind = json_object_get(d, "indicator"), *ev = json_object_get(d, "evidence");
		if (ind)
			s->indicator =
			    api_str(r, ind, arena_printf(&r->arena, "%s.indicator", field), e);
		if (ev)
			s->evidence =
			    api_str(r, ev, arena_printf(&r->arena, "%s.evidence", field), e);
		const char *k2;
		json_t *v2;
		json_object_foreach (d, k2, v2)
			if (strcmp(k2, "status") && strcmp(k2, "indicator") &&
			    strcmp(k2, "evidence"))
				field_error_add(e, arena_printf(&r->arena, "%s.%.40s", field, k2),
						N_("Unknown field."));
		x->nscores++;
	}
}

int api_person_integration_post(struct req *r)
{
	struct person p;
	int rc = integration_person(r, integration_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct field_errors e = { 0 };
	struct integration_review x = { .person_id = p.id };
	json_t *domains = NULL;
	const struct api_member members[] = {
		{ "reviewed_on", API_STR, &x.reviewed_on },
		{ "kind", API_STR, &x.kind },
		{ "note", API_STR, &x.note },
		{ "domains", API_JSON, &domains },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e)) {
		json_decref(domains);
		return 0;
	}
	read_domains(r, domains, &x, &e);
	json_decref(domains);
	if (!e.n)
		integration_review_validate(&r->arena, &x, &p, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	if ((rc = store_integration_review_add(req_db(r), &r->arena, r->who, &x)))
		return rc;
	struct integration_review got;
	if ((rc = store_integration_review_get(req_db(r), &r->arena, r->who, p.id, x.id, &got)) ||
	    (rc = api_log_views(r, "integration.view", "api", &p.id, &p.restricted, 1)))
		return rc;
	req_header_add(
	    r, "Location",
	    arena_printf(&r->arena, "/api/v1/persons/%lld/integration", (long long)p.id));
	return api_send(r, 201, review_json(&got));
}

int api_integration_cohort_get(struct req *r)
{
	if (!integration_may_read_cohort(r->who))
		return K_EFORBIDDEN;
	struct integration_cohort_filter f = { 0 };
	int64_t year = 0;
	if (!api_query_ref(r, "category", "categories", &f.category) ||
	    !api_query_ref(r, "region", "regions", &f.region) ||
	    !api_query_int(r, "programme_id", 1, INT64_MAX, &f.programme_id) ||
	    !api_query_int(r, "arrival_year", 1900, 2100, &year))
		return 0;
	f.arrival_year = (int)year;
	struct integration_cohort_domain d[INTEGRATION_DOMAINS_N];
	int64_t people = 0;
	int rc = store_integration_cohort(req_db(r), &r->arena, r->who, &f, d, &people);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < INTEGRATION_DOMAINS_N; i++)
		json_array_append_new(
		    items,
		    json_pack("{s:s, s:b, s:I, s:I, s:o, s:o, s:I, s:I, s:I}", "domain",
			      d[i].domain, "suppressed", d[i].suppressed, "people",
			      (json_int_t)d[i].people, "followed", (json_int_t)d[i].followed,
			      "mean_first",
			      d[i].people ? json_real((double)d[i].mean_first / 100) : json_null(),
			      "mean_latest",
			      d[i].people ? json_real((double)d[i].mean_latest / 100) : json_null(),
			      "improved", (json_int_t)d[i].improved, "stayed",
			      (json_int_t)d[i].stayed, "declined", (json_int_t)d[i].declined));
	/* The number of people is withheld too when it is a small cell. */
	json_t *total =
	    people && people < INTEGRATION_SMALL_CELL ? json_null() : json_integer(people);
	return api_send(r, 200,
			json_pack("{s:s, s:o, s:o}", "framework", INTEGRATION_FRAMEWORK, "people",
				  total, "domains", items));
}
