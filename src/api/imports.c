/* imports.c: /api/v1/imports: upload a file (the body itself), read an import and what its
 * check found, map and check, import, discard (import/import.h). */
#include <string.h>
#include <strings.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "import/import.h"
#include "store/store.h"

/* The header's cells (tab-separated) as a JSON array; n counts them. */
static json_t *tabs_json(const char *s, size_t *n, bool null_empty)
{
	json_t *a = json_array();
	*n = 0;
	while (s) {
		size_t len = strcspn(s, "\t");
		json_array_append_new(a, null_empty && !len ? json_null() : json_stringn(s, len));
		(*n)++;
		if (!s[len])
			break;
		s += len + 1;
	}
	return a;
}

static json_t *import_json(struct req *r, const struct import_rec *x)
{
	size_t ncols, nm;
	json_t *columns = tabs_json(x->header, &ncols, false);
	json_t *mapping;
	if (x->mapping) {
		mapping = tabs_json(x->mapping, &nm, true);
	} else {
		/* Not mapped yet: what the headers suggest. */
		mapping = json_array();
		for (size_t i = 0; i < ncols; i++) {
			const struct import_target *t =
			    import_guess(json_string_value(json_array_get(columns, i)));
			json_array_append_new(mapping, t ? json_string(t->name) : json_null());
		}
	}
	json_t *o = json_pack(
	    "{s:I, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:s, s:o, s:o, s:I, s:I, s:I, s:I}", "id",
	    (json_int_t)x->id, "filename", x->filename, "format", x->format, "encoding",
	    x->encoding, "status", x->status, "version", (json_int_t)x->version, "bytes",
	    (json_int_t)x->bytes, "created_at", (json_int_t)x->created_at, "created_by",
	    x->creator ? x->creator : "", "columns", columns, "mapping", mapping, "rows_total",
	    (json_int_t)x->rows_total, "rows_invalid", (json_int_t)x->rows_invalid,
	    "rows_duplicate", (json_int_t)x->rows_duplicate, "persons_created",
	    (json_int_t)x->persons_created);
	json_object_set_new(o, "duplicates", api_text(x->duplicates));
	json_object_set_new(o, "checked_at",
			    x->checked_at ? json_integer(x->checked_at) : json_null());
	json_object_set_new(o, "finished_at",
			    x->finished_at ? json_integer(x->finished_at) : json_null());
	json_object_set_new(o, "error",
			    x->error ? json_string(i18n_tr(r->lang, x->error)) : json_null());
	int64_t done, total;
	json_object_set_new(
	    o, "progress",
	    import_progress(x->id, &done, &total)
		? json_pack("{s:I, s:I}", "done", (json_int_t)done, "total", (json_int_t)total)
		: json_null());
	return o;
}

int api_imports_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct import_rec *rows;
	size_t n;
	int rc = store_import_list(req_db(r), &r->arena, r->who, &rows, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, import_json(r, &rows[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

int api_imports_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	const char *name = req_query(r, "filename");
	const char *enc = req_query(r, "encoding");
	const char *ct = req_header(r, "Content-Type");
	if (!name || !*name || strlen(name) > 255 || strchr(name, '/') || strchr(name, '\\')) {
		api_error(r, 422, "filename", N_("Give the file's name, without folders."));
		return 0;
	}
	if (enc && strcmp(enc, "auto") && import_encoding(enc) == SHEET_ENC_AUTO) {
		api_error(r, 422, "encoding", N_("Choose a value from the list."));
		return 0;
	}
	if (!r->body.len) {
		api_error(r, 422, "file", N_("Choose a file to import."));
		return 0;
	}
	size_t nl = strlen(name);
	bool xlsx = (ct && strncasecmp(ct, "application/vnd.openxmlformats", 30) == 0) ||
		    (nl > 5 && strcasecmp(name + nl - 5, ".xlsx") == 0) ||
		    sheet_sniff(r->body.data, r->body.len) == SHEET_XLSX;
	enum sheet_format f = xlsx ? SHEET_XLSX : SHEET_CSV;
	const char *header;
	size_t ncols;
	struct sheet_read_error err;
	int rc = import_header(&r->arena, f, import_encoding(enc), r->body.data, r->body.len,
			       &header, &ncols, &err);
	if (rc == K_EINVAL) {
		json_t *e = api_error_json(r, "validation_failed", "file", err.msg);
		if (err.row)
			json_object_set_new(json_object_get(e, "error"), "row",
					    json_integer(err.row));
		return api_send(r, 422, e);
	}
	int64_t id;
	if (!rc)
		rc =
		    store_import_create(req_db(r), r->who, name, xlsx ? "xlsx" : "csv",
					enc ? enc : "auto", r->body.data, r->body.len, header, &id);
	struct import_rec x;
	if (!rc)
		rc = store_import_get(req_db(r), &r->arena, r->who, id, &x);
	if (rc)
		return rc;
	req_header_add(r, "Location",
		       arena_printf(&r->arena, "/api/v1/imports/%lld", (long long)id));
	return api_send(r, 201, import_json(r, &x));
}

static int read_import(struct req *r, struct import_rec *x)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	return store_import_get(req_db(r), &r->arena, r->who, r->param[0], x);
}

int api_import_get(struct req *r)
{
	struct import_rec x;
	int rc = read_import(r, &x);
	return rc ? rc : api_send(r, 200, import_json(r, &x));
}

int api_import_issues_get(struct req *r)
{
	struct import_rec x;
	int rc = read_import(r, &x);
	if (rc)
		return rc;
	int64_t from = 0, limit = 200;
	if (!api_query_int(r, "from", 0, INT64_MAX, &from) ||
	    !api_query_int(r, "limit", 1, 1000, &limit))
		return 0;
	struct import_issue *is;
	size_t n;
	rc = store_import_issues(req_db(r), &r->arena, r->who, x.id, from, (size_t)limit, &is, &n);
	if (rc)
		return rc;
	size_t ncols;
	json_t *cols = tabs_json(x.header, &ncols, false);
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct import_issue *y = &is[i];
		json_t *o = json_pack("{s:I, s:s, s:s}", "row", (json_int_t)y->row, "field",
				      y->field, "message", i18n_tr(r->lang, y->msg));
		json_object_set_new(o, "column", y->col >= 0 ? json_integer(y->col) : json_null());
		json_object_set_new(o, "column_name",
				    y->col >= 0 && (size_t)y->col < ncols
					? json_incref(json_array_get(cols, (size_t)y->col))
					: json_null());
		json_object_set_new(o, "person",
				    y->person.id ? api_person_row(&y->person) : json_null());
		json_object_set_new(o, "score",
				    y->person_id ? json_integer(y->score) : json_null());
		json_object_set_new(o, "other_row",
				    y->other_row ? json_integer(y->other_row) : json_null());
		json_array_append_new(items, o);
	}
	json_decref(cols);
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The version member of a body (and the other members given), for the actions. */
static bool read_action(struct req *r, int64_t *version, const struct api_member *more,
			size_t nmore)
{
	struct api_member m[4] = { { "version", API_ID, version } };
	for (size_t i = 0; i < nmore && i < 3; i++)
		m[1 + i] = more[i];
	struct field_errors e = { 0 };
	if (!api_read_members(r, m, 1 + nmore, &e))
		return false;
	if (!e.n && *version <= 0)
		field_error_add(&e, "version", N_("Must be a whole number above zero."));
	if (e.n) {
		api_validation(r, &e);
		return false;
	}
	return true;
}

/* A job that did not start: another runs in this process, or the import moved on. */
static int begin_result(struct req *r, int rc, int64_t id)
{
	if (rc == K_EBUSY) {
		api_error(r, 503, NULL,
			  N_("Another check or import is running on this server. Try again when "
			     "it has finished."));
		return 0;
	}
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	struct import_rec x;
	rc = store_import_get(req_db(r), &r->arena, r->who, id, &x);
	return rc ? rc : api_send(r, 202, import_json(r, &x));
}

int api_import_check_post(struct req *r)
{
	struct import_rec x;
	int rc = read_import(r, &x);
	if (rc)
		return rc;
	json_t *in = api_body(r);
	if (!in)
		return 0;
	json_t *mapping = json_object_get(in, "mapping");
	json_t *v = json_object_get(in, "version");
	int64_t version = json_is_integer(v) ? json_integer_value(v) : 0;
	size_t ncols;
	json_decref(tabs_json(x.header, &ncols, false));
	struct import_map map = { .n = ncols };
	const char *bad = NULL, *key;
	json_t *val;
	json_object_foreach (in, key, val)
		if (strcmp(key, "version") && strcmp(key, "mapping") && !bad)
			bad = arena_strdup(&r->arena, key);
	if (!bad && version <= 0)
		bad = "version";
	if (!bad && (!json_is_array(mapping) || json_array_size(mapping) != ncols))
		bad = "mapping";
	for (size_t i = 0; !bad && i < ncols; i++) {
		json_t *t = json_array_get(mapping, i);
		if (json_is_null(t) || (json_is_string(t) && !*json_string_value(t)))
			continue;
		map.col[i] = json_is_string(t) ? import_target_find(json_string_value(t)) : NULL;
		if (!map.col[i])
			bad = arena_printf(&r->arena, "mapping[%zu]", i);
	}
	json_decref(in);
	if (bad) {
		api_error(r, 422, bad,
			  strcmp(bad, "version") == 0 ? N_("Must be a whole number above zero.")
			  : strncmp(bad, "mapping", 7) == 0
			      ? N_("One field name (or null) per column of the file.")
			      : N_("Unknown field."));
		return 0;
	}
	const char *msg;
	if (!import_map_valid(&map, &msg)) {
		api_error(r, 422, "mapping", msg);
		return 0;
	}
	rc = import_begin(r->app->db, req_db(r), r->who, x.id, version, false,
			  import_map_text(&r->arena, &map), NULL);
	return begin_result(r, rc, x.id);
}

int api_import_run_post(struct req *r)
{
	struct import_rec x;
	int rc = read_import(r, &x);
	if (rc)
		return rc;
	int64_t version = 0;
	const char *d = NULL;
	struct api_member more[] = { { "duplicates", API_STR, &d } };
	if (!read_action(r, &version, more, 1))
		return 0;
	if (!d || (strcmp(d, "skip") && strcmp(d, "register"))) {
		api_error(r, 422, "duplicates", N_("Choose a value from the list."));
		return 0;
	}
	rc = import_begin(r->app->db, req_db(r), r->who, x.id, version, true, NULL, d);
	return begin_result(r, rc, x.id);
}

int api_import_discard_post(struct req *r)
{
	struct import_rec x;
	int rc = read_import(r, &x);
	if (rc)
		return rc;
	int64_t version = 0;
	if (!read_action(r, &version, NULL, 0))
		return 0;
	rc = store_import_move(req_db(r), r->who, x.id, version, "uploaded checked failed",
			       "discarded", NULL, NULL, NULL);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (!rc)
		rc = store_import_get(req_db(r), &r->arena, r->who, x.id, &x);
	return rc ? rc : api_send(r, 200, import_json(r, &x));
}
