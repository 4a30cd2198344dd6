/* audit.c: the audit log page for administrators, with filters and paging. */
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/store.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

#define AUDIT_PAGE 50

/* The detail of a row: an edit's changed fields by their names in the page's language;
 * anything else as recorded. */
static void detail(struct req *r, struct html *h, const struct store_audit_row *a)
{
	if (!a->detail || strcmp(a->action, "person.update") != 0 ||
	    strcmp(a->detail, "api") == 0) {
		html(h, "%s", a->detail);
		return;
	}
	const char *p = a->detail;
	while (*p) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);
		html(h, "%t%s", label_field(arena_strndup(&r->arena, p, n)), comma ? ", " : "");
		p += n + (comma ? 1 : 0);
	}
}

int page_audit_get(struct req *r)
{
	if (!access_may_admin(r->who))
		return K_EFORBIDDEN;
	struct store_audit_filter f = {
		.action = req_query(r, "action"),
		.login = req_query(r, "login"),
		.from = req_query(r, "from"),
		.to = req_query(r, "to"),
		.limit = AUDIT_PAGE,
	};
	if (f.action && !*f.action)
		f.action = NULL;
	if (f.login && (!*f.login || strlen(f.login) > 64))
		f.login = NULL;
	if (f.from && !date_valid(f.from))
		f.from = NULL;
	if (f.to && !date_valid(f.to))
		f.to = NULL;
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && parse_i64(ps, 1, 1000000, &page))
		page = 1;
	f.offset = (page - 1) * AUDIT_PAGE;
	struct store_audit_row *rows;
	size_t n;
	int64_t total;
	int rc = store_audit_list(req_db(r), &r->arena, r->who, &f, &rows, &n, &total);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Audit log"), NULL);
	html(&h,
	     "<h1>%t</h1><form class=\"filters\" method=\"get\" action=\"/audit\">"
	     "<div class=\"field\"><label for=\"f-action\">%t</label>"
	     "<select id=\"f-action\" name=\"action\"><option value=\"\">—</option>",
	     N_("Audit log"), N_("Action"));
	const char *code;
	for (size_t i = 0; (code = label_action_at(i)); i++)
		html(&h, "<option value=\"%s\"%s>%t</option>", code,
		     f.action && strcmp(f.action, code) == 0 ? " selected" : "",
		     label_action(code));
	html(&h,
	     "</select></div>"
	     "<div class=\"field\"><label for=\"f-login\">%t</label>"
	     "<input id=\"f-login\" name=\"login\" value=\"%s\"></div>"
	     "<div class=\"field\"><label for=\"f-from\">%t</label>"
	     "<input id=\"f-from\" name=\"from\" type=\"date\" value=\"%s\"></div>"
	     "<div class=\"field\"><label for=\"f-to\">%t</label>"
	     "<input id=\"f-to\" name=\"to\" type=\"date\" value=\"%s\"></div>"
	     "<button>%t</button></form>",
	     N_("User"), f.login, N_("From date"), f.from, N_("To date"), f.to, N_("Filter"));
	html(&h, "<p class=\"count\" role=\"status\">%t: %D</p>", N_("Found"), total);
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("When"), N_("Who"), N_("Action"), N_("Record"), N_("Details"), N_("IP address"));
	for (size_t i = 0; i < n; i++) {
		const struct store_audit_row *a = &rows[i];
		html(&h, "<tr><td>%s</td><td>%s</td><td>%t</td><td>", layout_time(r, a->at),
		     a->login, label_action(a->action));
		if (a->entity && strcmp(a->entity, "person") == 0 && a->entity_id)
			html(&h, "<a href=\"/persons/%D\">%t #%D</a>", a->entity_id, N_("person"),
			     a->entity_id);
		else if (a->entity && strcmp(a->entity, "user") == 0 && a->entity_id)
			html(&h, "<a href=\"/users/%D\">%t #%D</a>", a->entity_id, N_("user"),
			     a->entity_id);
		else if (a->entity && a->entity_id)
			html(&h, "%s #%D", a->entity, a->entity_id);
		html(&h, "</td><td>");
		detail(r, &h, a);
		html(&h, "</td><td>%s</td></tr>", a->addr);
	}
	html(&h, "</tbody></table>");
	int64_t pages = (total + AUDIT_PAGE - 1) / AUDIT_PAGE;
	if (pages > 1) {
		html(&h, "<nav class=\"pager\" aria-label=\"%t\">", N_("Pages"));
		if (page > 1)
			html(&h,
			     "<a "
			     "href=\"/"
			     "audit?action=%u&amp;login=%u&amp;from=%u&amp;to=%u&amp;page=%D\">%t</"
			     "a> ",
			     f.action, f.login, f.from, f.to, page - 1, N_("Previous"));
		html(&h, "<span>%D / %D</span>", page, pages);
		if (page < pages)
			html(&h,
			     " <a "
			     "href=\"/"
			     "audit?action=%u&amp;login=%u&amp;from=%u&amp;to=%u&amp;page=%D\">%t</"
			     "a>",
			     f.action, f.login, f.from, f.to, page + 1, N_("Next"));
		html(&h, "</nav>");
	}
	layout_end(r, &h);
	return 0;
}
