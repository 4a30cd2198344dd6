/* labour.c: labour in the JSON API (issue 8, parts 1 and 2; domain/labour.h): employers and
 * vacancies of the organisation, the people a vacancy may suit, a person's skills and the
 * vacancies that suit them, employments with the working-condition alerts they raise, the
 * supervisor's list of alerts, and the minimum-wage table. Amounts are minor units of KZT. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/util.h"
#include "store/store_labour.h"

#include "base/banned.h"

/* ---- JSON ---- */

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

/* Space-separated codes as a list. */
static json_t *words_json(const char *s)
{
	json_t *a = json_array();
	for (const char *p = s; p && *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n)
			json_array_append_new(a, json_stringn(p, n));
		p += n;
	}
	return a;
}

/* An alert's figures ("wage=8499999 minimum=8500000 ...") as an object of numbers. */
static json_t *figures_json(const char *s)
{
	json_t *o = json_object();
	for (const char *p = s; p && *p;) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		const char *eq = memchr(p, '=', n);
		if (eq) {
			char key[32];
			size_t kn =
			    (size_t)(eq - p) < sizeof(key) - 1 ? (size_t)(eq - p) : sizeof(key) - 1;
			memcpy(key, p, kn);
			key[kn] = '\0';
			char num[24];
			size_t vn = n - (size_t)(eq + 1 - p);
			vn = vn < sizeof(num) - 1 ? vn : sizeof(num) - 1;
			memcpy(num, eq + 1, vn);
			num[vn] = '\0';
			int64_t v;
			if (!parse_i64(num, INT64_MIN, INT64_MAX, &v))
				json_object_set_new(o, key, json_integer(v));
			else
				json_object_set_new(o, key, json_string(num));
		}
		p += n;
	}
	return o;
}

static json_t *employer_json(const struct employer *e)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:b, s:I, s:I}", "id",
			 (json_int_t)e->id, "name", e->name, "bin", api_text(e->bin), "region",
			 api_text(e->region), "address", api_text(e->address), "contact",
			 api_text(e->contact), "phone", api_text(e->phone), "note",
			 api_text(e->note), "active", e->active, "open_vacancies",
			 (json_int_t)e->open_vacancies, "version", (json_int_t)e->version);
}

static json_t *vacancy_json(const struct vacancy *v)
{
	return json_pack(
	    "{s:I, s:I, s:o, s:s, s:s, s:s, s:o, s:o, s:b, s:o, s:I, s:s, s:o, s:s,"
	    " s:o, s:I}",
	    "id", (json_int_t)v->id, "employer_id", (json_int_t)v->employer_id, "employer_name",
	    api_text(v->employer_name), "title", v->title, "occupation", v->occupation, "region",
	    v->region, "wage", v->wage ? json_integer(v->wage) : json_null(), "hours_per_week",
	    v->hours_per_week ? json_integer(v->hours_per_week) : json_null(), "housing",
	    v->housing, "languages", words_json(v->languages), "places", (json_int_t)v->places,
	    "opened_on", v->opened_on, "closes_on", api_text(v->closes_on), "status", v->status,
	    "note", api_text(v->note), "version", (json_int_t)v->version);
}

static json_t *alert_json(const struct labour_alert *x)
{
	json_t *person = x->family_name
			     ? json_pack("{s:I, s:s, s:s}", "id", (json_int_t)x->person_id,
					 "family_name", x->family_name, "given_name", x->given_name)
			     : json_null();
	return json_pack(
	    "{s:I, s:I, s:I, s:o, s:o, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:b}", "id",
	    (json_int_t)x->id, "employment_id", (json_int_t)x->employment_id, "person_id",
	    (json_int_t)x->person_id, "person", person, "case_id", id_or_null(x->case_id), "kind",
	    x->kind, "figures", figures_json(x->detail), "raised_on", x->raised_on, "resolved_on",
	    api_text(x->resolved_on), "resolution", api_text(x->resolution), "job_title",
	    api_text(x->job_title), "employer", api_text(x->employer), "restricted", x->restricted);
}

static json_t *employment_json(const struct employment *e)
{
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:I, s:I, s:s, s:o,"
			 " s:s, s:s, s:o, s:I, s:I}",
			 "id", (json_int_t)e->id, "person_id", (json_int_t)e->person_id, "case_id",
			 id_or_null(e->case_id), "employer_id", id_or_null(e->employer_id),
			 "employer_name", api_text(e->employer_name), "employer",
			 api_text(e->employer), "vacancy_id", id_or_null(e->vacancy_id),
			 "job_title", e->job_title, "occupation", api_text(e->occupation), "region",
			 api_text(e->region), "wage", (json_int_t)e->wage, "hours_per_week",
			 (json_int_t)e->hours_per_week, "started_on", e->started_on, "ended_on",
			 api_text(e->ended_on), "contract", e->contract, "documents_held_by",
			 e->documents_held_by, "note", api_text(e->note), "open_alerts",
			 (json_int_t)e->open_alerts, "version", (json_int_t)e->version);
}

static json_t *skill_json(const struct person_skill *s)
{
	return json_pack("{s:I, s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)s->id,
			 "kind", s->kind, "occupation", api_text(s->occupation), "level",
			 api_text(s->level), "title", s->title, "place", api_text(s->place),
			 "from_year", s->from_year ? json_integer(s->from_year) : json_null(),
			 "to_year", s->to_year ? json_integer(s->to_year) : json_null(), "note",
			 api_text(s->note));
}

static json_t *match_reasons_json(unsigned reasons)
{
	static const struct {
		unsigned bit;
		const char *code;
	} names[] = {
		{ LABOUR_MATCH_REGION, "region" },
		{ LABOUR_MATCH_HOUSING, "housing" },
		{ LABOUR_MATCH_OCCUPATION, "occupation" },
		{ LABOUR_MATCH_OCCUPATION_GROUP, "occupation_group" },
		{ LABOUR_MATCH_LANGUAGES, "languages" },
	};
	json_t *a = json_array();
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (reasons & names[i].bit)
			json_array_append_new(a, json_string(names[i].code));
	return a;
}

/* ---- employers ---- */

static int employer_for(struct req *r, bool (*may)(const struct actor *), struct employer *e)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_employer_get(req_db(r), &r->arena, r->who, r->param[0], e);
}

static int send_employer(struct req *r, int status, int64_t id)
{
	struct employer e;
	int rc = store_employer_get(req_db(r), &r->arena, r->who, id, &e);
	return rc ? rc : api_send(r, status, employer_json(&e));
}

int api_employers_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	int64_t all = 0;
	if (!api_query_int(r, "all", 0, 1, &all))
		return 0;
	struct employer *rows;
	size_t n;
	int rc = store_employers(req_db(r), &r->arena, r->who, !all, &rows, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, employer_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* POST (a new one) and PATCH (the version it was read at). */
static int employer_write(struct req *r, struct employer *e, bool patch)
{
	struct field_errors errs = { 0 };
	int64_t version = 0;
	const struct api_member members[] = {
		{ "name", API_STR, &e->name },       { "bin", API_STR, &e->bin },
		{ "region", API_STR, &e->region },   { "address", API_STR, &e->address },
		{ "contact", API_STR, &e->contact }, { "phone", API_STR, &e->phone },
		{ "note", API_STR, &e->note },       { "active", API_BOOL, &e->active },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &errs))
		return 0;
	if (patch && !version && !field_error_for(&errs, "version"))
		field_error_add(&errs, "version", N_("This field is required."));
	employer_validate(&r->arena, e, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	if (patch && version != e->version)
		return api_stale(r);
	int rc = store_employer_save(req_db(r), r->who, e);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/employers/%lld", (long long)e->id));
	return send_employer(r, patch ? 200 : 201, e->id);
}

int api_employers_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employer e = { .active = true };
	return employer_write(r, &e, false);
}

int api_employer_get(struct req *r)
{
	struct employer e;
	int rc = employer_for(r, labour_may_read, &e);
	return rc ? rc : api_send(r, 200, employer_json(&e));
}

int api_employer_patch(struct req *r)
{
	struct employer e;
	int rc = employer_for(r, labour_may_write, &e);
	return rc ? rc : employer_write(r, &e, true);
}

/* ---- vacancies ---- */

static int vacancy_for(struct req *r, bool (*may)(const struct actor *), struct vacancy *v)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_vacancy_get(req_db(r), &r->arena, r->who, r->param[0], v);
}

static int send_vacancy(struct req *r, int status, int64_t id)
{
	struct vacancy v;
	int rc = store_vacancy_get(req_db(r), &r->arena, r->who, id, &v);
	return rc ? rc : api_send(r, status, vacancy_json(&v));
}

int api_vacancies_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	struct vacancy_filter f = { 0 };
	if (!api_query_ref(r, "status", "vacancy_statuses", &f.status) ||
	    !api_query_ref(r, "region", "regions", &f.region) ||
	    !api_query_ref(r, "occupation", "occupations", &f.occupation) ||
	    !api_query_int(r, "employer_id", 1, INT64_MAX, &f.employer_id))
		return 0;
	struct vacancy *rows;
	size_t n;
	int rc = store_vacancies(req_db(r), &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, vacancy_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

static int vacancy_write(struct req *r, struct vacancy *v, bool patch)
{
	struct field_errors errs = { 0 };
	int64_t version = 0, wage = v->wage, hours = v->hours_per_week;
	const char *languages[LABOUR_LANGUAGES_MAX];
	size_t nlanguages = 0;
	json_t *langs_raw = NULL;
	const struct api_member members[] = {
		{ "employer_id", API_ID, &v->employer_id },
		{ "title", API_STR, &v->title },
		{ "occupation", API_STR, &v->occupation },
		{ "region", API_STR, &v->region },
		{ "wage", API_COUNT, &wage },
		{ "hours_per_week", API_COUNT, &hours },
		{ "housing", API_BOOL, &v->housing },
		{ "languages", API_JSON, &langs_raw },
		{ "places", API_ID, &v->places },
		{ "opened_on", API_STR, &v->opened_on },
		{ "closes_on", API_STR, &v->closes_on },
		{ "status", API_STR, &v->status },
		{ "note", API_STR, &v->note },
		{ "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &errs)) {
		json_decref(langs_raw);
		return 0;
	}
	/* A list of codes, joined with spaces for the record; null or [] clears it. */
	if (langs_raw) {
		if (json_is_null(langs_raw)) {
			nlanguages = 0;
		} else if (!json_is_array(langs_raw) ||
			   json_array_size(langs_raw) > LABOUR_LANGUAGES_MAX) {
			field_error_add(&errs, "languages", N_("Must be a list."));
		} else {
			size_t i;
			json_t *x;
			json_array_foreach (langs_raw, i, x) {
				const char *code = api_str(r, x, "languages", &errs);
				if (code)
					languages[nlanguages++] = code;
			}
		}
		const char *joined = NULL;
		for (size_t i = 0; i < nlanguages; i++)
			joined = joined ? arena_printf(&r->arena, "%s %s", joined, languages[i])
					: languages[i];
		v->languages = joined;
		json_decref(langs_raw);
	}
	v->wage = wage < 0 ? 0 : wage;
	v->hours_per_week = hours < 0 ? 0 : hours;
	if (patch && !version && !field_error_for(&errs, "version"))
		field_error_add(&errs, "version", N_("This field is required."));
	vacancy_validate(&r->arena, v, r->today, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	if (patch && version != v->version)
		return api_stale(r);
	int rc = store_vacancy_save(req_db(r), r->who, v, &errs);
	if (rc == K_EINVAL)
		return api_validation(r, &errs);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/vacancies/%lld", (long long)v->id));
	return send_vacancy(r, patch ? 200 : 201, v->id);
}

int api_vacancies_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct vacancy v = { .places = 1 };
	return vacancy_write(r, &v, false);
}

int api_vacancy_get(struct req *r)
{
	struct vacancy v;
	int rc = vacancy_for(r, labour_may_read, &v);
	return rc ? rc : api_send(r, 200, vacancy_json(&v));
}

int api_vacancy_patch(struct req *r)
{
	struct vacancy v;
	int rc = vacancy_for(r, labour_may_write, &v);
	return rc ? rc : vacancy_write(r, &v, true);
}

/* The people a vacancy may suit, best first: each an audited view. */
int api_vacancy_candidates_get(struct req *r)
{
	struct vacancy v;
	int rc = vacancy_for(r, labour_may_read, &v);
	if (rc)
		return rc;
	int64_t min_score = 40;
	if (!api_query_int(r, "min_score", 0, 100, &min_score))
		return 0;
	struct labour_candidate *rows;
	size_t n;
	if ((rc = store_vacancy_candidates(req_db(r), &r->arena, r->who, v.id, (int)min_score,
					   &rows, &n)))
		return rc;
	int64_t *ids = n ? arena_alloc(&r->arena, n * sizeof(*ids)) : NULL;
	bool *restricted = n ? arena_alloc(&r->arena, n * sizeof(*restricted)) : NULL;
	for (size_t i = 0; i < n; i++) {
		ids[i] = rows[i].person.id;
		restricted[i] = rows[i].person.restricted;
	}
	if (n && (rc = api_log_views(r, "labour.view", "api", ids, restricted, n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = api_person_row(&rows[i].person);
		json_object_set_new(o, "score", json_integer(rows[i].score));
		json_object_set_new(o, "reasons", match_reasons_json(rows[i].reasons));
		json_array_append_new(items, o);
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- a person's skills and the vacancies that suit them ---- */

static int person_for(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!labour_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

int api_person_skills_get(struct req *r)
{
	struct person p;
	int rc = person_for(r, labour_may_read, &p);
	struct person_skill *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_person_skills(req_db(r), &r->arena, p.id, &rows, &n);
	if (!rc)
		rc = api_log_views(r, "labour.view", "api", &p.id, &p.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, skill_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_person_skills_post(struct req *r)
{
	struct person p;
	int rc = person_for(r, labour_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	struct person_skill s = { .person_id = p.id };
	int64_t from = 0, to = 0;
	const struct api_member members[] = {
		{ "kind", API_STR, &s.kind },    { "occupation", API_STR, &s.occupation },
		{ "level", API_STR, &s.level },  { "title", API_STR, &s.title },
		{ "place", API_STR, &s.place },  { "from_year", API_ID_NULL, &from },
		{ "to_year", API_ID_NULL, &to }, { "note", API_STR, &s.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &errs))
		return 0;
	s.from_year = from;
	s.to_year = to;
	person_skill_validate(&r->arena, &s, r->today, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	if ((rc = store_person_skill_add(req_db(r), r->who, &s)))
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/persons/%lld/skills/%lld", (long long)p.id,
				    (long long)s.id));
	return api_send(r, 201, skill_json(&s));
}

int api_person_skill_delete(struct req *r)
{
	struct person p;
	int rc = person_for(r, labour_may_write, &p);
	if (!rc && p.erased_at)
		rc = K_EFORBIDDEN;
	if (!rc)
		rc = store_person_skill_delete(req_db(r), r->who, p.id, r->param[1]);
	return rc ? rc : api_send(r, 200, json_pack("{s:b}", "deleted", true));
}

int api_person_vacancies_get(struct req *r)
{
	struct person p;
	int rc = person_for(r, labour_may_read, &p);
	if (rc)
		return rc;
	int64_t min_score = 40;
	if (!api_query_int(r, "min_score", 0, 100, &min_score))
		return 0;
	struct vacancy_match_row *rows;
	size_t n;
	if ((rc = store_vacancies_for_person(req_db(r), &r->arena, r->who, &p, (int)min_score,
					     &rows, &n)))
		return rc;
	if ((rc = api_log_views(r, "labour.view", "api", &p.id, &p.restricted, 1)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *o = vacancy_json(&rows[i].vacancy);
		json_object_set_new(o, "score", json_integer(rows[i].score));
		json_object_set_new(o, "reasons", match_reasons_json(rows[i].reasons));
		json_array_append_new(items, o);
	}
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- employments ---- */

static int send_employment(struct req *r, int status, int64_t id)
{
	struct employment e;
	struct labour_alert *alerts = NULL;
	size_t n = 0;
	int rc = store_employment_get(req_db(r), &r->arena, r->who, id, &e);
	struct labour_alert_filter f = { .employment_id = id };
	if (!rc)
		rc = store_labour_alerts(req_db(r), &r->arena, r->who, &f, &alerts, &n);
	struct person p;
	if (!rc)
		rc = store_person_get(req_db(r), &r->arena, r->who, e.person_id, &p);
	if (!rc)
		rc = api_log_views(r, "labour.view", "api", &p.id, &p.restricted, 1);
	if (rc)
		return rc;
	json_t *o = employment_json(&e), *list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, alert_json(&alerts[i]));
	json_object_set_new(o, "alerts", list);
	return api_send(r, status, o);
}

/* POST (a new one, of body.person_id) and PATCH (the one read, at its version). */
static int employment_write(struct req *r, struct employment *e, bool patch)
{
	struct field_errors errs = { 0 };
	int64_t version = 0, wage = patch ? e->wage : -2, hours = patch ? e->hours_per_week : 0;
	const struct api_member members[] = {
		{ "case_id", API_ID_NULL, &e->case_id },
		{ "employer_id", API_ID_NULL, &e->employer_id },
		{ "employer_name", API_STR, &e->employer_name },
		{ "vacancy_id", API_ID_NULL, &e->vacancy_id },
		{ "job_title", API_STR, &e->job_title },
		{ "occupation", API_STR, &e->occupation },
		{ "region", API_STR, &e->region },
		{ "wage", API_COUNT, &wage },
		{ "hours_per_week", API_COUNT, &hours },
		{ "started_on", API_STR, &e->started_on },
		{ "ended_on", API_STR, &e->ended_on },
		{ "contract", API_STR, &e->contract },
		{ "documents_held_by", API_STR, &e->documents_held_by },
		{ "note", API_STR, &e->note },
		{ patch ? "version" : "person_id", API_ID, patch ? &version : &e->person_id },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &errs))
		return 0;
	/* A wage of 0 is work without pay, which raises the alert: absent or null is an error. */
	if (wage < 0 && !field_error_for(&errs, "wage"))
		field_error_add(&errs, "wage", N_("This field is required."));
	e->wage = wage < 0 ? 0 : wage;
	e->hours_per_week = hours < 0 ? 0 : hours;
	if (patch && !version && !field_error_for(&errs, "version"))
		field_error_add(&errs, "version", N_("This field is required."));
	if (!patch && !e->person_id && !field_error_for(&errs, "person_id"))
		field_error_add(&errs, "person_id", N_("This field is required."));
	employment_validate(&r->arena, e, r->today, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	struct person p;
	int rc = store_person_get(req_db(r), &r->arena, r->who, e->person_id, &p);
	if (rc == K_ENOTFOUND && !patch) {
		field_error_add(&errs, "person_id", N_("No such person."));
		return api_validation(r, &errs);
	}
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	if (patch && version != e->version)
		return api_stale(r);
	rc = store_employment_save(req_db(r), &r->arena, r->who, e, r->today, &errs);
	if (rc == K_EINVAL)
		return api_validation(r, &errs);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(
		    r, "Location",
		    arena_printf(&r->arena, "/api/v1/employments/%lld", (long long)e->id));
	return send_employment(r, patch ? 200 : 201, e->id);
}

int api_employments_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employment e = { 0 };
	return employment_write(r, &e, false);
}

int api_employment_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	return send_employment(r, 200, r->param[0]);
}

int api_employment_patch(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct employment e;
	int rc = store_employment_get(req_db(r), &r->arena, r->who, r->param[0], &e);
	return rc ? rc : employment_write(r, &e, true);
}

int api_person_employments_get(struct req *r)
{
	struct person p;
	int rc = person_for(r, labour_may_read, &p);
	struct employment *rows = NULL;
	size_t n = 0;
	/* An erased person's work is in the figures only. */
	if (!rc && !p.erased_at)
		rc = store_employments_of_person(req_db(r), &r->arena, r->who, p.id, &rows, &n);
	if (!rc)
		rc = api_log_views(r, "labour.view", "api", &p.id, &p.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, employment_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- alerts ---- */

int api_labour_alerts_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	struct labour_alert_filter f = { .open_only = true };
	int64_t open = 1;
	if (!api_query_int(r, "open", 0, 1, &open) ||
	    !api_query_int(r, "person_id", 1, INT64_MAX, &f.person_id) ||
	    !api_query_int(r, "case_id", 1, INT64_MAX, &f.case_id))
		return 0;
	f.open_only = open;
	struct labour_alert *rows;
	size_t n;
	int rc = store_labour_alerts(req_db(r), &r->arena, r->who, &f, &rows, &n);
	if (rc)
		return rc;
	int64_t *ids = n ? arena_alloc(&r->arena, n * sizeof(*ids)) : NULL;
	bool *restricted = n ? arena_alloc(&r->arena, n * sizeof(*restricted)) : NULL;
	for (size_t i = 0; i < n; i++) {
		ids[i] = rows[i].person_id;
		restricted[i] = rows[i].restricted;
	}
	if (n && (rc = api_log_views(r, "labour.view", "api", ids, restricted, n)))
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, alert_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_labour_alert_resolve_post(struct req *r)
{
	if (!labour_may_read(r->who) || !labour_may_write(r->who))
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	const char *resolution = NULL;
	const struct api_member members[] = { { "resolution", API_STR, &resolution } };
	if (!api_read_members(r, members, ARRAY_SIZE(members), &errs))
		return 0;
	if (errs.n)
		return api_validation(r, &errs);
	int rc = store_labour_alert_resolve(req_db(r), &r->arena, r->who, r->param[0], resolution,
					    r->today, &errs);
	if (rc == K_EINVAL)
		return api_validation(r, &errs);
	if (rc == K_ECONFLICT) {
		api_error(r, 409, NULL, N_("The alert is resolved already."));
		return 0;
	}
	struct labour_alert x;
	if (!rc)
		rc = store_labour_alert_get(req_db(r), &r->arena, r->who, r->param[0], &x);
	if (!rc)
		rc = api_log_views(r, "labour.view", "api", &x.person_id, &x.restricted, 1);
	return rc ? rc : api_send(r, 200, alert_json(&x));
}

/* ---- the minimum wage ---- */

static json_t *minimum_wages_json(struct req *r)
{
	struct minimum_wage *rows;
	size_t n;
	if (store_minimum_wages(req_db(r), &r->arena, &rows, &n))
		return NULL;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items,
				      json_pack("{s:s, s:I}", "valid_from", rows[i].valid_from,
						"amount", (json_int_t)rows[i].amount));
	return json_pack("{s:o}", "items", items);
}

int api_minimum_wages_get(struct req *r)
{
	if (!labour_may_read(r->who))
		return K_EFORBIDDEN;
	json_t *o = minimum_wages_json(r);
	return o ? api_send(r, 200, o) : K_EDB;
}

/* An administrator adds a row (or changes the amount from a date); the organisation's
 * employments are decided again at once. */
int api_minimum_wages_post(struct req *r)
{
	if (!labour_may_keep_rates(r->who))
		return K_EFORBIDDEN;
	struct field_errors errs = { 0 };
	struct minimum_wage m = { 0 };
	int64_t amount = -1;
	const struct api_member members[] = {
		{ "valid_from", API_STR, &m.valid_from },
		{ "amount", API_COUNT, &amount },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &errs))
		return 0;
	m.amount = amount < 0 ? 0 : amount;
	minimum_wage_validate(&r->arena, &m, &errs);
	if (errs.n)
		return api_validation(r, &errs);
	int64_t changed = 0;
	int rc = store_minimum_wage_set(req_db(r), r->who, &m);
	if (!rc)
		rc = store_labour_recheck(req_db(r), &r->arena, r->who, r->today, &changed);
	if (rc)
		return rc;
	json_t *o = minimum_wages_json(r);
	if (!o)
		return K_EDB;
	json_object_set_new(o, "alerts_changed", json_integer(changed));
	return api_send(r, 200, o);
}
