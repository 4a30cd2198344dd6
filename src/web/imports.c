/* imports.c: importing people from a CSV or XLSX file (issue 6), over import/import.h:
 * /imports (upload, and the imports so far), /imports/{id} (map the columns, check, see what
 * the check found, import, the summary), and the progress the page asks for while a check
 * or an import runs. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/banned.h"
#include "base/util.h"
#include "import/import.h"
#include "web/layout.h"
#include "web/pages.h"

#define ISSUES_PAGE 200

static const char *const statuses[][2] = {
	{ "uploaded", N_("uploaded: map the columns") },
	{ "checking", N_("checking the rows") },
	{ "checked", N_("checked: ready to import") },
	{ "running", N_("importing") },
	{ "done", N_("imported") },
	{ "failed", N_("failed") },
	{ "discarded", N_("discarded") },
};

static const char *status_msgid(const char *code)
{
	for (size_t i = 0; i < ARRAY_SIZE(statuses); i++)
		if (strcmp(statuses[i][0], code) == 0)
			return statuses[i][1];
	return code;
}

static const char *import_href(struct req *r, int64_t id, const char *tail)
{
	return arena_printf(&r->arena, "/imports/%lld%s", (long long)id, tail);
}

static void render_list(struct req *r, const char *error_msgid, long error_row)
{
	struct import_rec *rows = NULL;
	size_t n = 0;
	int rc = store_import_list(req_db(r), &r->arena, r->who, &rows, &n);
	struct html h;
	layout_begin(r, &h, N_("Import people"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Import people"),
	     N_("Register many people at once from a spreadsheet (CSV or XLSX) whose first row "
		"names the columns. You map the columns to the fields, Komek checks every row "
		"and shows what is wrong and who may be registered already, and nothing is saved "
		"until you import. A failed import saves nothing."));
	if (error_msgid) {
		html(&h, "<p class=\"error\" role=\"alert\" id=\"upload-error\">%t", error_msgid);
		if (error_row)
			html(&h, " (%t %D)", N_("row"), (int64_t)error_row);
		html(&h, "</p>");
	}
	html(&h,
	     "<form method=\"post\" action=\"/imports\" enctype=\"multipart/form-data\" "
	     "class=\"upload\"><input type=\"hidden\" name=\"_csrf\" value=\"%s\">"
	     "<div class=\"field\"><label for=\"f-file\">%t</label><input id=\"f-file\" "
	     "name=\"file\" type=\"file\" accept=\".csv,.xlsx,text/csv\" required",
	     layout_csrf(r), N_("File (CSV or XLSX, at most 16 MB)"));
	/* A refused file: the message belongs to the field. */
	if (error_msgid)
		html(&h, " aria-invalid=\"true\" aria-describedby=\"upload-error\"");
	html(&h, "></div>");
	html(&h,
	     "<div class=\"field\"><label for=\"f-encoding\">%t</label><select id=\"f-encoding\" "
	     "name=\"encoding\"><option value=\"auto\">%t</option><option value=\"utf8\">UTF-8"
	     "</option><option value=\"cp1251\">Windows-1251</option><option value=\"kz1048\">"
	     "KZ-1048</option></select></div><button class=\"primary\">%t</button></form>",
	     N_("Text encoding of a CSV file"), N_("Detect automatically"), N_("Upload"));
	if (rc) {
		layout_end(r, &h);
		return;
	}
	if (n) {
		html(&h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t"
		     "</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t"
		     "</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     N_("Imports"), N_("File"), N_("Uploaded"), N_("Status"), N_("Rows"),
		     N_("Registered"));
		for (size_t i = 0; i < n; i++) {
			const struct import_rec *x = &rows[i];
			html(&h,
			     "<tr><td><a href=\"%s\">%s</a></td><td>%s, %s</td><td>%t</td>"
			     "<td>%D</td><td>%D</td></tr>",
			     import_href(r, x->id, ""), x->filename, layout_time(r, x->created_at),
			     x->creator, status_msgid(x->status), x->rows_total,
			     x->persons_created);
		}
		html(&h, "</tbody></table>");
	}
	layout_end(r, &h);
}

int page_imports_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	render_list(r, NULL, 0);
	return 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int page_imports_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	const char *enc = req_form(r, "encoding");
	if (!r->upload.present || !r->upload.data.len) {
		r->status = 422;
		render_list(r, N_("Choose a file to import."), 0);
		return 0;
	}
	const char *name = r->upload.filename;
	enum sheet_format f = ends_with(name, ".xlsx") ? SHEET_XLSX
			      : ends_with(name, ".csv")
				  ? SHEET_CSV
				  : sheet_sniff(r->upload.data.data, r->upload.data.len);
	const char *header;
	size_t ncols;
	struct sheet_read_error err;
	int rc = import_header(&r->arena, f, import_encoding(enc), r->upload.data.data,
			       r->upload.data.len, &header, &ncols, &err);
	if (rc == K_EINVAL) {
		r->status = 422;
		render_list(r, err.msg, err.row);
		return 0;
	}
	if (rc)
		return rc;
	int64_t id;
	rc = store_import_create(req_db(r), r->who, *name ? name : "import",
				 f == SHEET_XLSX ? "xlsx" : "csv",
				 enc && import_encoding(enc) != SHEET_ENC_AUTO ? enc : "auto",
				 r->upload.data.data, r->upload.data.len, header, &id);
	return rc ? rc : req_redirect(r, import_href(r, id, ""));
}

/* The column names of the header (tab-separated) into cols (at most max). */
static size_t split_tabs(struct req *r, const char *s, const char **cols, size_t max)
{
	size_t n = 0;
	while (s && n < max) {
		size_t len = strcspn(s, "\t");
		cols[n++] = arena_strndup(&r->arena, s, len);
		if (!s[len])
			break;
		s += len + 1;
	}
	return n;
}

static void mapping_form(struct req *r, struct html *h, const struct import_rec *x)
{
	const char *cols[IMPORT_COLS_MAX], *mapped[IMPORT_COLS_MAX];
	size_t n = split_tabs(r, x->header, cols, IMPORT_COLS_MAX);
	size_t nm = x->mapping ? split_tabs(r, x->mapping, mapped, IMPORT_COLS_MAX) : 0;
	html(h,
	     "<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"_csrf\" "
	     "value=\"%s\"><input type=\"hidden\" name=\"version\" value=\"%D\">"
	     "<table class=\"list mapping\"><caption>%t</caption><thead><tr><th scope=\"col\">"
	     "%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     import_href(r, x->id, "/check"), layout_csrf(r), x->version,
	     N_("Which field each column holds"), N_("Column of the file"), N_("Field"));
	for (size_t i = 0; i < n; i++) {
		const struct import_target *want =
		    x->mapping ? (i < nm ? import_target_find(mapped[i]) : NULL)
			       : import_guess(cols[i]);
		html(h,
		     "<tr><th scope=\"row\"><label for=\"col-%d\">%s</label></th><td><select "
		     "id=\"col-%d\" name=\"col.%d\"><option value=\"\">%t</option>",
		     (int)i, *cols[i] ? cols[i] : "—", (int)i, (int)i, N_("— leave out —"));
		for (const struct import_target *t = import_targets; t->name; t++)
			html(h, "<option value=\"%s\"%s>%t</option>", t->name,
			     t == want ? " selected" : "", t->msgid);
		html(h, "</select></td></tr>");
	}
	html(h, "</tbody></table><button class=\"primary\">%t</button></form>",
	     N_("Check every row"));
}

static void issues_table(struct req *r, struct html *h, const struct import_rec *x)
{
	int64_t from = 0;
	const char *fs = req_query(r, "from");
	if (fs && parse_i64(fs, 0, INT64_MAX, &from))
		from = 0;
	struct import_issue *is;
	size_t n;
	if (store_import_issues(req_db(r), &r->arena, r->who, x->id, from, ISSUES_PAGE + 1, &is,
				&n) ||
	    !n)
		return;
	const char *cols[IMPORT_COLS_MAX];
	size_t ncols = split_tabs(r, x->header, cols, IMPORT_COLS_MAX);
	html(h,
	     "<table class=\"list issues\"><caption>%t</caption><thead><tr><th scope=\"col\">%t"
	     "</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("What the check found, row by row"), N_("Row"), N_("Column"), N_("Problem"));
	for (size_t i = 0; i < n && i < ISSUES_PAGE; i++) {
		const struct import_issue *y = &is[i];
		html(h, "<tr><td>%D</td><td>%s</td><td>%t", y->row,
		     y->col >= 0 && (size_t)y->col < ncols ? cols[y->col] : "—", y->msg);
		if (y->person.id)
			html(h, ": <a href=\"/persons/%D\">%s</a>", y->person.id,
			     layout_person_name(r, y->person.family_name, y->person.given_name,
						y->person.patronymic));
		if (y->other_row)
			html(h, " (%t %D)", N_("row"), y->other_row);
		html(h, "</td></tr>");
	}
	html(h, "</tbody></table>");
	if (n > ISSUES_PAGE)
		html(h, "<p><a href=\"%s?from=%D\">%t</a></p>", import_href(r, x->id, ""),
		     is[ISSUES_PAGE].row, N_("More"));
}

static void render_import(struct req *r, const struct import_rec *x, const char *error_msgid)
{
	struct html h;
	layout_begin(r, &h, N_("Import"), x->filename);
	html(&h, "<h1>%t: %s</h1>", N_("Import"), x->filename);
	if (error_msgid)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", error_msgid);
	html(&h, "<dl class=\"facts\">");
	layout_dl(&h, N_("Status"), html_tr(&h, status_msgid(x->status)));
	layout_dl(&h, N_("Uploaded"),
		  arena_printf(&r->arena, "%s, %s", layout_time(r, x->created_at), x->creator));
	layout_dl(&h, N_("Size"),
		  arena_printf(&r->arena, "%lld %s", (long long)(x->bytes + 1023) / 1024,
			       html_tr(&h, N_("KB"))));
	if (x->checked_at || x->finished_at) {
		layout_dl(&h, N_("Rows"),
			  arena_printf(&r->arena, "%lld", (long long)x->rows_total));
		layout_dl(&h, N_("Rows with errors (left out)"),
			  arena_printf(&r->arena, "%lld", (long long)x->rows_invalid));
		layout_dl(&h, N_("Likely registered already"),
			  arena_printf(&r->arena, "%lld", (long long)x->rows_duplicate));
	}
	if (strcmp(x->status, "done") == 0)
		layout_dl(&h, N_("Registered"),
			  arena_printf(&r->arena, "%lld", (long long)x->persons_created));
	html(&h, "</dl>");
	if (x->error)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", x->error);
	bool busy = !strcmp(x->status, "checking") || !strcmp(x->status, "running");
	if (busy) {
		int64_t done = 0, total = 0;
		import_progress(x->id, &done, &total);
		html(
		    &h,
		    "<p><label for=\"import-progress\">%t</label> <progress id=\"import-progress\" "
		    "data-poll=\"%s\"",
		    strcmp(x->status, "checking") ? N_("Importing") : N_("Checking"),
		    import_href(r, x->id, "/progress"));
		/* Until the rows are counted (or on another instance) the bar only says that
		 * something runs. */
		if (total > 0)
			html(&h, " max=\"%D\" value=\"%D\"", total, done);
		html(&h,
		     "></progress> <span role=\"status\" id=\"import-progress-text\">%D / %D</span>"
		     "</p><p><a href=\"%s\">%t</a></p>",
		     done, total, import_href(r, x->id, ""), N_("Refresh"));
	}
	bool mappable = !strcmp(x->status, "uploaded") || !strcmp(x->status, "checked") ||
			!strcmp(x->status, "failed");
	if (!strcmp(x->status, "checked")) {
		int64_t ready = x->rows_total - x->rows_invalid - x->rows_duplicate;
		html(&h,
		     "<form method=\"post\" action=\"%s\" class=\"run\"><input type=\"hidden\" "
		     "name=\"_csrf\" value=\"%s\"><input type=\"hidden\" name=\"version\" "
		     "value=\"%D\"><fieldset><legend>%t</legend><div class=\"field\"><label><input "
		     "type=\"radio\" name=\"duplicates\" value=\"skip\" checked> %t</label></div>"
		     "<div class=\"field\"><label><input type=\"radio\" name=\"duplicates\" "
		     "value=\"register\"> %t</label></div></fieldset><p>%t: %D</p>"
		     "<button class=\"primary\">%t</button></form>",
		     import_href(r, x->id, "/run"), layout_csrf(r), x->version,
		     N_("Rows that likely match someone registered already"),
		     N_("Leave them out; I will register them by hand if they are new"),
		     N_("Register them too, and put each pair in the list of likely duplicates "
			"for review"),
		     N_("Rows ready to import without question"), ready, N_("Import the rows"));
	}
	if (!strcmp(x->status, "done"))
		html(&h, "<p><a href=\"/persons\">%t</a></p>", N_("People"));
	if (mappable)
		mapping_form(r, &h, x);
	issues_table(r, &h, x);
	if (mappable)
		html(&h,
		     "<form method=\"post\" action=\"%s\"><input type=\"hidden\" name=\"_csrf\" "
		     "value=\"%s\"><input type=\"hidden\" name=\"version\" value=\"%D\"><button>%t"
		     "</button></form>",
		     import_href(r, x->id, "/discard"), layout_csrf(r), x->version,
		     N_("Discard this file"));
	layout_end(r, &h);
}

int page_import_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct import_rec x;
	int rc = store_import_get(req_db(r), &r->arena, r->who, r->param[0], &x);
	if (rc)
		return rc;
	render_import(r, &x, NULL);
	return 0;
}

/* The import of the path, and the version the form was made from. */
static int posted(struct req *r, struct import_rec *x, int64_t *version)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	int rc = store_import_get(req_db(r), &r->arena, r->who, r->param[0], x);
	if (rc)
		return rc;
	const char *v = req_form(r, "version");
	return v && !parse_i64(v, 1, INT64_MAX, version) ? 0 : K_EINVAL;
}

/* A job could not start: another runs here (503), or the import moved on (409). */
static int not_started(struct req *r, struct import_rec *x, int rc)
{
	if (rc == K_EBUSY) {
		r->status = 503;
		render_import(r, x,
			      N_("Another check or import is running on this server. Try again "
				 "when it has finished."));
		return 0;
	}
	if (rc == K_ECONFLICT) {
		r->status = 409;
		render_import(r, x, N_("This import has changed since you opened it. Look again."));
		return 0;
	}
	return rc;
}

int page_import_check_post(struct req *r)
{
	struct import_rec x;
	int64_t version;
	int rc = posted(r, &x, &version);
	if (rc)
		return rc;
	const char *cols[IMPORT_COLS_MAX];
	size_t ncols = split_tabs(r, x.header, cols, IMPORT_COLS_MAX);
	struct import_map map = { .n = ncols };
	for (size_t i = 0; i < ncols; i++) {
		char name[16];
		snprintf(name, sizeof(name), "col.%zu", i);
		const char *t = req_form(r, name);
		map.col[i] = import_target_find(t);
		if (t && !map.col[i])
			return K_EINVAL;
	}
	const char *mapping = import_map_text(&r->arena, &map);
	const char *msg;
	if (!import_map_valid(&map, &msg)) {
		r->status = 422;
		x.mapping = mapping; /* the user's choice stays on the page */
		render_import(r, &x, msg);
		return 0;
	}
	rc = import_begin(r->app->db, req_db(r), r->who, x.id, version, false, mapping, NULL);
	return rc ? not_started(r, &x, rc) : req_redirect(r, import_href(r, x.id, ""));
}

int page_import_run_post(struct req *r)
{
	struct import_rec x;
	int64_t version;
	int rc = posted(r, &x, &version);
	if (rc)
		return rc;
	const char *d = req_form(r, "duplicates");
	if (!d || (strcmp(d, "skip") && strcmp(d, "register")))
		return K_EINVAL;
	rc = import_begin(r->app->db, req_db(r), r->who, x.id, version, true, NULL, d);
	return rc ? not_started(r, &x, rc) : req_redirect(r, import_href(r, x.id, ""));
}

int page_import_discard_post(struct req *r)
{
	struct import_rec x;
	int64_t version;
	int rc = posted(r, &x, &version);
	if (!rc)
		rc = store_import_move(req_db(r), r->who, x.id, version, "uploaded checked failed",
				       "discarded", NULL, NULL, NULL);
	if (rc == K_ECONFLICT)
		return not_started(r, &x, rc);
	return rc ? rc : req_redirect(r, "/imports");
}

int page_import_progress_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct import_rec x;
	int rc = store_import_get(req_db(r), &r->arena, r->who, r->param[0], &x);
	if (rc)
		return rc;
	int64_t done = 0, total = 0;
	import_progress(x.id, &done, &total);
	r->ctype = "application/json";
	/* The status is one of the table's codes: no escaping needed. */
	buf_printf(&r->out, "{\"status\":\"%s\",\"done\":%lld,\"total\":%lld}", x.status,
		   (long long)done, (long long)total);
	return 0;
}
