/* screenings.c: a person's screenings in the JSON API (issue 8): the mental-health screens
 * and the protection interviews, scored by Komek (domain/screening.h), and the instruments
 * themselves, with their wording in the asked language. Screenings are restricted data:
 * only those who work with people read them (not administrators or analysts), each reading
 * is an audited view, and the answers are sealed at rest. */
#include <string.h>

#include "api/api.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/store.h"

#include "base/banned.h"

/* The person of the path, if the reader may screen (or read screenings) and sees them. */
static int screened_person(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!may(r->who))
		return K_EFORBIDDEN;
	return store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

static json_t *codes_json(const char *const *codes, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(codes[i]));
	return a;
}

static json_t *count_json(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

static json_t *screening_json(const struct screening *x)
{
	const struct instrument *in = instrument_find(x->instrument);
	const struct screen_answers *an = &x->answers;
	const struct screen_result *res = &x->result;
	json_t *answers = json_array(), *groups = json_object();
	if (in && in->kind == SCREEN_CHECKLIST)
		json_decref(answers), answers = codes_json(an->codes, an->ncodes);
	else
		for (size_t i = 0; i < an->nscores; i++)
			json_array_append_new(answers, json_integer(an->scores[i]));
	for (size_t i = 0; in && i < in->ngroups && i < SCREEN_GROUPS_MAX; i++)
		json_object_set_new(groups, in->groups[i].code, json_integer(res->groups[i]));
	const char *proposals[SCREEN_PROPOSALS_MAX];
	size_t nproposals = in ? screening_proposals(in, res, x->finding, proposals) : 0;
	json_t *o = json_pack(
	    "{s:I, s:I, s:s, s:s, s:s, s:s, s:{s:I, s:o}, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
	    " s:o, s:o, s:o, s:o, s:o}",
	    "id", (json_int_t)x->id, "person_id", (json_int_t)x->person_id, "instrument",
	    x->instrument, "version", x->version, "lang", x->lang, "screened_on", x->screened_on,
	    "screener", "id", (json_int_t)x->screener_id, "name", api_text(x->screener_name),
	    "informant", api_text(an->informant), "norm", api_text(an->norm), "answers", answers,
	    "total", count_json(res->total), "band", api_text(res->band), "positive",
	    res->positive < 0 ? json_null() : json_boolean(res->positive), "reasons",
	    codes_json(res->reasons, res->nreasons), "alerts",
	    codes_json(res->alerts, res->nalerts), "groups", groups, "conclusion",
	    api_text(res->conclusion), "finding", api_text(x->finding), "finding_reason",
	    api_text(x->finding_reason), "proposals", codes_json(proposals, nproposals));
	return o;
}

int api_person_screenings_get(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_read, &p);
	struct screening *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_screenings_of_person(req_db(r), &r->arena, r->who, p.id, &rows, &n);
	if (!rc)
		rc = api_log_views(r, "screening.view", "api", &p.id, &p.restricted, 1);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, screening_json(&rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

static int send_screening(struct req *r, int status, const struct person *p, int64_t id)
{
	struct screening x;
	int rc = store_screening_get(req_db(r), &r->arena, r->who, p->id, id, &x);
	if (!rc)
		rc = api_log_views(r, "screening.view", "api", &p->id, &p->restricted, 1);
	return rc ? rc : api_send(r, status, screening_json(&x));
}

int api_person_screening_get(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_read, &p);
	return rc ? rc : send_screening(r, 200, &p, r->param[1]);
}

/* The answers of a body: item scores (whole numbers) for a scored instrument, indicator
 * codes (strings) for a checklist. */
static void read_answers(struct req *r, json_t *v, const struct instrument *in,
			 struct screen_answers *an, struct field_errors *e)
{
	if (!in) /* the instrument is named as the error; its answers cannot be read */
		return;
	if (!v || json_is_null(v)) {
		if (in->kind == SCREEN_SCORED)
			field_error_add(e, "answers", N_("Answer every item."));
		return;
	}
	if (!json_is_array(v)) {
		field_error_add(e, "answers", N_("Must be a list."));
		return;
	}
	if (json_array_size(v) > SCREEN_ITEMS_MAX) {
		field_error_add(e, "answers", N_("Too many answers."));
		return;
	}
	size_t i;
	json_t *it;
	json_array_foreach (v, i, it) {
		const char *field = arena_printf(&r->arena, "answers.%zu", i + 1);
		if (in->kind == SCREEN_CHECKLIST) {
			const char *code = api_str(r, it, field, e);
			if (code)
				an->codes[an->ncodes++] = code;
		} else if (json_is_integer(it) && json_integer_value(it) >= -1000 &&
			   json_integer_value(it) <= 1000) {
			an->scores[an->nscores++] = (int)json_integer_value(it);
		} else {
			field_error_add(e, field, N_("Must be a whole number."));
		}
	}
}

int api_person_screenings_post(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct field_errors e = { 0 };
	struct screening x = { .person_id = p.id, .lang = r->who->lang };
	json_t *answers = NULL;
	const struct api_member members[] = {
		{ "instrument", API_STR, &x.instrument },
		{ "answers", API_JSON, &answers },
		{ "lang", API_STR, &x.lang },
		{ "screened_on", API_STR, &x.screened_on },
		{ "informant", API_STR, &x.answers.informant },
		{ "norm", API_STR, &x.answers.norm },
		{ "finding", API_STR, &x.finding },
		{ "finding_reason", API_STR, &x.finding_reason },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e)) {
		json_decref(answers);
		return 0;
	}
	if (!x.lang && !field_error_for(&e, "lang"))
		x.lang = r->who->lang; /* null or "": the reader's own */
	read_answers(r, answers, x.instrument ? instrument_find(x.instrument) : NULL, &x.answers,
		     &e);
	json_decref(answers);
	if (!e.n)
		screening_record_validate(&r->arena, &x, &p, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	if ((rc = store_screening_add(req_db(r), &r->arena, r->who, &x)))
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/persons/%lld/screenings/%lld",
				    (long long)p.id, (long long)x.id));
	return send_screening(r, 201, &p, x.id);
}

/* The instruments, their items and answer labels in the reader's language (or ?lang). */
int api_instruments_get(struct req *r)
{
	if (!screening_may_read(r->who))
		return K_EFORBIDDEN;
	const char *lang = r->who->lang, *q = req_query(r, "lang");
	if (q && *q && !(lang = i18n_lang(q))) {
		api_error(r, 422, "lang", N_("Choose a value from the list."));
		return 0;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < instrument_count(); i++) {
		const struct instrument *in = instrument_at(i);
		json_t *its = json_array(), *scale = json_array(), *groups = json_array();
		for (size_t k = 0; k < in->nitems; k++) {
			const struct screen_item *it = &in->items[k];
			json_t *o = json_pack("{s:s, s:o}", "code", it->code, "text",
					      it->text ? json_string(i18n_tr(lang, it->text))
						       : json_null());
			if (in->kind == SCREEN_SCORED)
				json_object_set_new(o, "max", json_integer(it->max));
			if (it->scale) {
				json_t *own = json_array();
				for (int v = 0; v <= it->max; v++)
					json_array_append_new(
					    own, json_string(i18n_tr(lang, it->scale[v])));
				json_object_set_new(o, "scale", own);
			}
			if (it->group > 0 && (size_t)it->group <= in->ngroups)
				json_object_set_new(o, "group",
						    json_string(in->groups[it->group - 1].code));
			if (it->grade)
				json_object_set_new(o, "grade",
						    json_string(it->grade == 's'   ? "strong"
								: it->grade == 'm' ? "medium"
										   : "weak"));
			json_array_append_new(its, o);
		}
		for (int k = 0; in->scale && k <= in->scale_max; k++)
			json_array_append_new(scale, json_string(i18n_tr(lang, in->scale[k])));
		for (size_t k = 0; k < in->ngroups; k++)
			json_array_append_new(groups,
					      json_pack("{s:s, s:s}", "code", in->groups[k].code,
							"name", i18n_tr(lang, in->groups[k].name)));
		json_array_append_new(
		    items,
		    json_pack(
			"{s:s, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:b}", "code", in->code,
			"version", in->version, "name", i18n_tr(lang, in->name), "intro",
			in->intro ? json_string(i18n_tr(lang, in->intro)) : json_null(), "source",
			in->source, "kind", in->kind == SCREEN_SCORED ? "scored" : "checklist",
			"scale", scale, "items", its, "groups", groups, "finding", in->finding));
	}
	return api_send(r, 200, json_pack("{s:s, s:o}", "lang", lang, "items", items));
}
