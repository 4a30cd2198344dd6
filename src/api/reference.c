/* reference.c: /api/v1/reference (the lists that drive every form) and the OpenAPI
 * document. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/embedded.h"
#include "base/util.h"
#include "domain/reference.h"

int api_reference_index(struct req *r)
{
	json_t *names = json_array();
	for (const struct ref_list *const *l = ref_lists(); *l; l++)
		json_array_append_new(names, json_string((*l)->name));
	json_array_append_new(names, json_string("countries"));
	return api_send(r, 200, json_pack("{s:o}", "lists", names));
}

static void add_country(const char *code, void *arg)
{
	char kk[128], ru[128], en[128];
	json_array_append_new(arg, json_pack("{s:s, s:s, s:s, s:s}", "code", code, "kk",
					     ref_country_name(code, "kk", kk, sizeof(kk)), "ru",
					     ref_country_name(code, "ru", ru, sizeof(ru)), "en",
					     ref_country_name(code, "en", en, sizeof(en))));
}

int api_reference_get(struct req *r)
{
	json_t *items = json_array();
	if (strcmp(r->sparam, "countries") == 0) {
		ref_countries_each(add_country, items);
		return api_send(r, 200, json_pack("{s:s, s:o}", "list", r->sparam, "items", items));
	}
	const struct ref_list *l = ref_list_find(r->sparam);
	if (!l) {
		json_decref(items);
		return K_ENOTFOUND;
	}
	for (size_t i = 0; i < l->n; i++) {
		const struct ref_item *it = &l->items[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", it->code, "kk", it->kk, "ru",
				      it->ru, "en", it->en);
		if (!strcmp(l->name, "categories"))
			json_object_set_new(o, "protected",
					    json_boolean(it->flags & REF_PROTECTED));
		if (it->centre_en)
			json_object_set_new(o, "centre",
					    json_pack("{s:s, s:s, s:s}", "kk", it->centre_kk, "ru",
						      it->centre_ru, "en", it->centre_en));
		json_array_append_new(items, o);
	}
	return api_send(r, 200, json_pack("{s:s, s:o}", "list", l->name, "items", items));
}

int api_openapi_get(struct req *r)
{
	const struct embedded_file *f = embedded_find("static/openapi.json");
	if (!f)
		return K_ENOTFOUND;
	r->ctype = "application/json";
	return buf_append(&r->out, f->data, f->len) ? K_ENOMEM : 0;
}
