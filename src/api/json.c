/* json.c: answers, the error envelope, and the JSON form of a person. */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "domain/match.h"
#include "store/store.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "domain/reference.h"

int api_send(struct req *r, int status, json_t *json)
{
	r->status = status;
	r->ctype = "application/json";
	if (!json)
		return 0;
	/* The only reals are figures with two decimals (a cohort's means): written as 2.17, not
	 * as the double nearest to it with seventeen digits. */
	char *s = json_dumps(json, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(json);
	if (!s)
		return K_ENOMEM;
	int rc = buf_puts(&r->out, s);
	free(s);
	return rc ? K_ENOMEM : 0;
}

static const char *status_code(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 415: return "unsupported_media_type";
	case 422: return "validation_failed";
	case 429: return "throttled";
	case 503: return "unavailable";
	default: return "internal";
	}
}

json_t *api_error_json(struct req *r, const char *code, const char *field, const char *msgid)
{
	json_t *err = json_object();
	json_object_set_new(err, "code", json_string(code));
	json_object_set_new(err, "message", json_string(i18n_tr(r->lang, msgid)));
	json_object_set_new(err, "field", field ? json_string(field) : json_null());
	return json_pack("{s:o}", "error", err);
}

void api_error(struct req *r, int status, const char *field, const char *msgid)
{
	buf_reset(&r->out);
	api_send(r, status, api_error_json(r, status_code(status), field, msgid));
}

json_t *api_person_row(const struct person_row *p)
{
	json_t *cats = json_array();
	for (const char *s = p->categories; s && *s;) {
		const char *sp = strchr(s, ' ');
		size_t len = sp ? (size_t)(sp - s) : strlen(s);
		json_array_append_new(cats, json_stringn(s, len));
		s += len + (sp ? 1 : 0);
	}
	json_t *o = json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, s:b}", "id",
			      (json_int_t)p->id, "family_name", p->family_name, "given_name",
			      p->given_name, "patronymic", p->patronymic, "birth_date",
			      p->birth_date, "sex", p->sex, "region", p->region, "legal_status",
			      p->legal_status, "categories", cats, "restricted", p->restricted);
	json_object_set_new(o, "household_id",
			    p->household_id ? json_integer(p->household_id) : json_null());
	return o;
}

int api_log_views(struct req *r, const char *action, const char *detail, const int64_t *person,
		  const bool *restricted, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = person[j] == person[i];
		int rc = seen ? 0
			      : audit_writer_log(r->app->audit, r->who, action, "person", person[i],
						 detail, restricted[i]);
		if (rc)
			return rc;
	}
	return 0;
}

void api_match_fields(json_t *o, int score, unsigned reasons)
{
	json_t *codes = json_array();
	const char *code;
	for (size_t i = 0; (code = match_reason_next(reasons, &i));)
		json_array_append_new(codes, json_string(code));
	json_object_set_new(o, "score", json_integer(score));
	json_object_set_new(o, "reasons", codes);
}

int api_stale(struct req *r)
{
	api_error(r, 409, "version",
		  N_("Someone else changed this record. Reload it and try again."));
	return 0;
}

int api_validation(struct req *r, const struct field_errors *errs)
{
	json_t *fields = json_array();
	for (size_t i = 0; i < errs->n; i++)
		json_array_append_new(fields,
				      json_pack("{s:s, s:s}", "field", errs->e[i].field, "message",
						i18n_tr(r->lang, errs->e[i].msg)));
	json_t *err =
	    json_pack("{s:s, s:s, s:s, s:o}", "code", "validation_failed", "message",
		      i18n_tr(r->lang, errs->n ? errs->e[0].msg : N_("The request is not valid.")),
		      "field", errs->n ? errs->e[0].field : "", "fields", fields);
	return api_send(r, 422, json_pack("{s:o}", "error", err));
}

json_t *api_body(struct req *r)
{
	json_error_t e;
	json_t *j =
	    json_loadb(r->body.data ? r->body.data : "", r->body.len, JSON_REJECT_DUPLICATES, &e);
	if (!j || !json_is_object(j)) {
		json_decref(j);
		api_error(r, 400, NULL, N_("The body is not a JSON object."));
		return NULL;
	}
	return j;
}

json_t *api_text(const char *s)
{
	return s ? json_string(s) : json_null();
}

json_t *api_person_json(struct req *r, const struct person *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "family_name", api_text(p->family_name));
	json_object_set_new(o, "given_name", api_text(p->given_name));
	json_object_set_new(o, "patronymic", api_text(p->patronymic));
	json_object_set_new(o, "name_original", api_text(p->name_original));
	json_object_set_new(o, "sex", api_text(p->sex));
	json_object_set_new(o, "birth_date", api_text(p->birth_date));
	json_object_set_new(o, "citizenship", api_text(p->citizenship));
	json_object_set_new(o, "country_of_origin", api_text(p->country_of_origin));
	json_t *cats = json_array();
	for (size_t i = 0; i < p->ncategories; i++)
		json_array_append_new(cats, json_string(p->categories[i]));
	json_object_set_new(o, "categories", cats);
	json_object_set_new(o, "legal_status", api_text(p->legal_status));
	json_object_set_new(o, "legal_status_since", api_text(p->legal_status_since));
	json_object_set_new(o, "asylum_petition_on", api_text(p->asylum_petition_on));
	json_object_set_new(o, "region", api_text(p->region));
	json_object_set_new(o, "locality", api_text(p->locality));
	json_object_set_new(o, "arrival_date", api_text(p->arrival_date));
	json_object_set_new(o, "phone", api_text(p->phone));
	json_object_set_new(o, "lang_kk", api_text(p->lang_kk));
	json_object_set_new(o, "lang_ru", api_text(p->lang_ru));
	json_t *langs = json_array();
	for (const char *s = p->languages; s && *s;) {
		const char *sp = strchr(s, ' ');
		size_t n = sp ? (size_t)(sp - s) : strlen(s);
		json_array_append_new(langs, json_stringn(s, n));
		s = sp ? sp + 1 : s + n;
	}
	json_object_set_new(o, "languages", langs);
	json_object_set_new(o, "child_status", api_text(p->child_status));
	json_object_set_new(o, "disability", json_boolean(p->disability));
	json_t *docs = json_array();
	for (size_t i = 0; i < p->ndocs; i++) {
		const struct person_doc *d = &p->docs[i];
		json_array_append_new(
		    docs,
		    json_pack("{s:o, s:o, s:o, s:o, s:o}", "type", api_text(d->type), "number",
			      api_text(d->number), "country", api_text(d->country), "issued_on",
			      api_text(d->issued_on), "expires_on", api_text(d->expires_on)));
	}
	json_object_set_new(o, "documents", docs);
	json_object_set_new(o, "household_id",
			    p->household_id ? json_integer(p->household_id) : json_null());
	json_object_set_new(o, "household_relation", api_text(p->household_relation));
	json_object_set_new(o, "restricted", json_boolean(p->restricted));
	json_object_set_new(o, "protection_reason", api_text(p->protection_reason));
	json_object_set_new(o, "erased", json_boolean(p->erased_at != 0));
	/* A record judged the same person as another, and shown through that one. */
	json_object_set_new(o, "linked_to",
			    p->linked_to ? json_integer(p->linked_to) : json_null());
	json_object_set_new(o, "latin_2021", json_string(person_latin2021(&r->arena, p)));
	json_object_set_new(o, "latin_passport", json_string(person_passport(&r->arena, p)));
	json_object_set_new(o, "version", json_integer(p->version));
	return o;
}

/* A string member: NULL for null; a field error for any other type. */
const char *api_str(struct req *r, json_t *v, const char *field, struct field_errors *e)
{
	if (json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		field_error_add(e, field, N_("Must be a string."));
		return NULL;
	}
	size_t n = json_string_length(v);
	const char *s = json_string_value(v);
	if (memchr(s, '\0', n) || !utf8_valid_text(s, n)) {
		field_error_add(e, field, N_("Contains characters that are not allowed."));
		return NULL;
	}
	return *s ? arena_strdup(&r->arena, s) : NULL;
}

int64_t api_id(json_t *v, const char *field, struct field_errors *e)
{
	if (json_is_integer(v) && json_integer_value(v) > 0)
		return json_integer_value(v);
	field_error_add(e, field, N_("Must be a whole number above zero."));
	return 0;
}

bool api_bool(json_t *v, const char *field, struct field_errors *e)
{
	if (!json_is_boolean(v))
		field_error_add(e, field, N_("Must be true or false."));
	return json_is_true(v);
}

static void str_list(struct req *r, json_t *v, const char *field, struct api_str_list *l,
		     struct field_errors *e)
{
	size_t i;
	json_t *item;
	*l->n = 0;
	if (json_is_null(v))
		return;
	if (!json_is_array(v) || json_array_size(v) > l->max) {
		field_error_add(e, field, N_("Must be a list of codes."));
		return;
	}
	json_array_foreach (v, i, item) {
		const char *s = api_str(r, item, field, e);
		if (s)
			l->items[(*l->n)++] = s;
	}
}

static void id_list(json_t *v, const char *field, struct api_id_list *l, struct field_errors *e)
{
	size_t i;
	json_t *item;
	*l->n = 0;
	if (!json_is_array(v) || json_array_size(v) > l->max) {
		field_error_add(e, field, N_("Must be a list of record ids."));
		return;
	}
	json_array_foreach (v, i, item) {
		int64_t id = api_id(item, field, e);
		if (id)
			l->items[(*l->n)++] = id;
	}
}

bool api_read_members(struct req *r, const struct api_member *members, size_t n,
		      struct field_errors *e)
{
	json_t *in = api_body(r);
	if (!in)
		return false;
	const char *key;
	json_t *v;
	json_object_foreach (in, key, v) {
		const char *field = arena_strdup(&r->arena, key);
		const struct api_member *m = NULL;
		for (size_t i = 0; i < n && !m; i++)
			if (strcmp(key, members[i].name) == 0)
				m = &members[i];
		if (!m) {
			field_error_add(e, field, N_("Unknown field."));
			continue;
		}
		switch (m->kind) {
		case API_STR: *(const char **)m->slot = api_str(r, v, field, e); break;
		case API_ID_OPT:
			if (json_is_null(v))
				break;
			/* fall through */
		case API_ID: *(int64_t *)m->slot = api_id(v, field, e); break;
		case API_ID_NULL:
			*(int64_t *)m->slot = json_is_null(v) ? 0 : api_id(v, field, e);
			break;
		case API_COUNT:
			if (json_is_null(v))
				*(int64_t *)m->slot = -1;
			else if (json_is_integer(v) && json_integer_value(v) >= 0)
				*(int64_t *)m->slot = json_integer_value(v);
			else
				field_error_add(e, field,
						N_("Must be a whole number, zero or more."));
			break;
		case API_BOOL: *(bool *)m->slot = api_bool(v, field, e); break;
		case API_STR_LIST: str_list(r, v, field, m->slot, e); break;
		case API_ID_LIST: id_list(v, field, m->slot, e); break;
		case API_JSON:
			json_decref(*(json_t **)m->slot);
			*(json_t **)m->slot = json_incref(v);
			break;
		}
	}
	json_decref(in);
	return true;
}

bool api_query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t *out)
{
	const char *s = req_query(r, name);
	if (!s)
		return true;
	if (parse_i64(s, min, max, out)) {
		api_error(r, 422, name, N_("Must be a whole number in range."));
		return false;
	}
	return true;
}

bool api_query_ref(struct req *r, const char *name, const char *list, const char **out)
{
	*out = req_query(r, name);
	if (*out && !**out)
		*out = NULL;
	if (*out && !ref_valid(list, *out)) {
		api_error(r, 422, name, N_("Choose a value from the list."));
		return false;
	}
	return true;
}

bool api_query_date(struct req *r, const char *name, const char **out)
{
	*out = req_query(r, name);
	if (*out && !**out)
		*out = NULL;
	if (*out && !date_valid(*out)) {
		api_error(r, 422, name, N_("Enter a date as YYYY-MM-DD."));
		return false;
	}
	return true;
}

static void apply_docs(struct req *r, json_t *v, struct person *p, struct field_errors *e)
{
	p->ndocs = 0;
	if (json_is_null(v))
		return;
	if (!json_is_array(v) || json_array_size(v) > PERSON_MAX_DOCS) {
		field_error_add(e, "documents", N_("Must be a list of at most 10 documents."));
		return;
	}
	size_t i;
	json_t *d;
	json_array_foreach (v, i, d) {
		const char *f = arena_printf(&r->arena, "documents[%zu]", i);
		if (!json_is_object(d)) {
			field_error_add(e, f, N_("Must be an object."));
			continue;
		}
		struct person_doc *doc = &p->docs[p->ndocs++];
		*doc = (struct person_doc){ 0 };
		const char *k;
		json_t *x;
		json_object_foreach (d, k, x) {
			const char *ff = arena_printf(&r->arena, "documents[%zu].%s", i, k);
			const char *s = api_str(r, x, ff, e);
			if (strcmp(k, "type") == 0)
				doc->type = s;
			else if (strcmp(k, "number") == 0)
				doc->number = s;
			else if (strcmp(k, "country") == 0)
				doc->country = s;
			else if (strcmp(k, "issued_on") == 0)
				doc->issued_on = s;
			else if (strcmp(k, "expires_on") == 0)
				doc->expires_on = s;
			else
				field_error_add(e, arena_strdup(&r->arena, ff),
						N_("Unknown field."));
		}
	}
}

void api_person_apply(struct req *r, json_t *in, struct person *p, struct field_errors *e)
{
	const char *k;
	json_t *v;
	json_object_foreach (in, k, v) {
		const char *field = arena_strdup(&r->arena, k);
		if (strcmp(k, "categories") == 0 || strcmp(k, "languages") == 0) {
			bool cats = k[0] == 'c';
			size_t max = cats ? PERSON_MAX_CATEGORIES : 10;
			if (!json_is_array(v) && !json_is_null(v)) {
				field_error_add(e, field, N_("Must be a list."));
				continue;
			}
			if (json_array_size(v) > max) {
				field_error_add(e, field, N_("Too many values."));
				continue;
			}
			size_t i;
			json_t *x;
			const char *joined = "";
			if (cats)
				p->ncategories = 0;
			json_array_foreach (v, i, x) {
				const char *s = api_str(r, x, field, e);
				if (!s) {
					field_error_add(e, field,
							N_("Choose a value from the list."));
					continue;
				}
				if (cats)
					p->categories[p->ncategories++] = s;
				else
					joined = arena_printf(&r->arena, "%s%s%s", joined,
							      *joined ? " " : "", s);
			}
			if (!cats)
				p->languages = *joined ? joined : NULL;
			continue;
		}
		if (strcmp(k, "disability") == 0) {
			if (!json_is_boolean(v))
				field_error_add(e, field, N_("Must be true or false."));
			else
				p->disability = json_is_true(v);
			continue;
		}
		if (strcmp(k, "household_id") == 0) {
			if (json_is_null(v))
				p->household_id = 0;
			else if (!json_is_integer(v) || json_integer_value(v) <= 0)
				field_error_add(e, field, N_("Must be a household id."));
			else
				p->household_id = json_integer_value(v);
			continue;
		}
		if (strcmp(k, "documents") == 0) {
			apply_docs(r, v, p, e);
			continue;
		}
		const struct person_text_field *tf = person_text_field_find(k);
		if (tf) {
			*person_text_slot(p, tf) = api_str(r, v, field, e);
			continue;
		}
		/* Read-only members a client may send back unchanged. */
		if (strcmp(k, "id") == 0 || strcmp(k, "version") == 0 ||
		    strcmp(k, "latin_2021") == 0 || strcmp(k, "latin_passport") == 0 ||
		    strcmp(k, "restricted") == 0 || strcmp(k, "erased") == 0 ||
		    strcmp(k, "linked_to") == 0)
			continue;
		field_error_add(e, field, N_("Unknown field."));
	}
}
