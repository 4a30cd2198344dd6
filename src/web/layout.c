/* layout.c: the shared page frame and form builders. */
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/match.h"
#include "domain/report.h"
#include "store/store.h"

const char *layout_csrf(struct req *r)
{
	if (r->who)
		return r->who->csrf;
	if (r->csrf_pre)
		return r->csrf_pre;
	/* A visitor without a session gets a CSRF cookie of their own; forms repeat it. */
	const char *c = req_cookie(r, PRELOGIN_COOKIE);
	if (!c || strlen(c) != AUTH_TOKEN_LEN) {
		char t[AUTH_TOKEN_LEN + 1];
		auth_random_token(t);
		c = arena_strdup(&r->arena, t);
		req_cookie_set(r, PRELOGIN_COOKIE, c, 3600);
	}
	r->csrf_pre = c;
	return c;
}

void form_hidden_csrf(struct req *r, struct html *h)
{
	html(h, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", layout_csrf(r));
}

int64_t form_id(struct req *r, const char *name, struct field_errors *e, const char *msg)
{
	int64_t v = 0;
	const char *s = req_form(r, name);
	if (!s || parse_i64(s, 1, INT64_MAX, &v))
		field_error_add(e, name, msg);
	return v;
}

size_t form_ids(struct req *r, const char *name, int64_t *ids, size_t max)
{
	const char **v = arena_alloc(&r->arena, max * sizeof(*v));
	size_t n = req_form_all(r, name, v, max), k = 0;
	for (size_t i = 0; i < n; i++)
		if (!parse_i64(v[i], 1, INT64_MAX, &ids[k]))
			k++;
	return k;
}

static void lang_switch(struct req *r, struct html *h)
{
	static const char *const langs[][2] = { { "kk", "Қазақша" },
						{ "ru", "Русский" },
						{ "en", "English" } };
	html(h, "<form class=\"lang\" method=\"post\" action=\"/lang\">");
	form_hidden_csrf(r, h);
	html(h, "<input type=\"hidden\" name=\"back\" value=\"%s\">", r->path);
	for (size_t i = 0; i < 3; i++) {
		bool cur = strcmp(r->lang, langs[i][0]) == 0;
		if (cur)
			html(h,
			     "<button name=\"to\" value=\"%s\" lang=\"%s\" aria-current=\"true\" "
			     "disabled>%s</button>",
			     langs[i][0], langs[i][0], langs[i][1]);
		else
			html(h, "<button name=\"to\" value=\"%s\" lang=\"%s\">%s</button>",
			     langs[i][0], langs[i][0], langs[i][1]);
	}
	html(h, "</form>");
}

void layout_begin(struct req *r, struct html *h, const char *title_msgid, const char *extra)
{
	h->out = &r->out;
	h->lang = r->lang;
	r->ctype = "text/html; charset=utf-8";
	html(h,
	     "<!doctype html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	     "<title>%t%s%s — Komek</title>"
	     "<link rel=\"stylesheet\" href=\"/static/app.css\">"
	     "<script src=\"/static/app.js\" defer></script></head><body>"
	     "<a class=\"skip\" href=\"#main\">%t</a><header class=\"top\">"
	     "<a class=\"brand\" href=\"/\">Kömek</a>",
	     r->lang, title_msgid, extra ? ": " : "", extra, N_("Skip to content"));
	if (r->who) {
		html(h, "<nav aria-label=\"%t\"><ul>", N_("Main"));
		html(h, "<li><a href=\"/dashboard\">%t</a></li>", N_("Dashboard"));
		if (access_may_read_persons(r->who))
			html(h,
			     "<li><a href=\"/cases\">%t</a></li>"
			     "<li><a href=\"/persons\">%t</a></li>"
			     "<li><a href=\"/persons/new\">%t</a></li>"
			     "<li><a href=\"/referrals\">%t</a></li>"
			     "<li><a href=\"/centres\">%t</a></li>"
			     "<li><a href=\"/groups\">%t</a></li>"
			     "<li><a href=\"/events\">%t</a></li>"
			     "<li><a href=\"/programmes\">%t</a></li>"
			     "<li><a href=\"/labour\">%t</a></li>"
			     "<li><a href=\"/integration\">%t</a></li>"
			     "<li><a href=\"/campaigns\">%t</a></li>"
			     "<li><a href=\"/civic\">%t</a></li>",
			     N_("My caseload"), N_("People"), N_("Register a person"),
			     N_("Referrals"), N_("Centres"), N_("Groups"), N_("Events"),
			     N_("Programmes"), N_("Labour"), N_("Integration"), N_("Fundraising"),
			     N_("Public work"));
		if (access_may_write_persons(r->who))
			html(h,
			     "<li><a href=\"/duplicates\">%t</a></li>"
			     "<li><a href=\"/imports\">%t</a></li>",
			     N_("Likely duplicates"), N_("Import"));
		if (!access_may_read_persons(r->who)) /* analysts: aggregates */
			html(h, "<li><a href=\"/integration\">%t</a></li>", N_("Integration"));
		if (report_may_read(r->who))
			html(h, "<li><a href=\"/reports\">%t</a></li>", N_("Reports"));
		html(h, "<li><a href=\"/partners\">%t</a></li><li><a href=\"/exports\">%t</a></li>",
		     N_("Partner organisations"), N_("Export"));
		if (access_may_admin(r->who))
			html(h,
			     "<li><a href=\"/users\">%t</a></li><li><a href=\"/rules\">%t</a></li>"
			     "<li><a href=\"/service-types\">%t</a></li>"
			     "<li><a href=\"/retention\">%t</a></li>"
			     "<li><a href=\"/audit\">%t</a></li>",
			     N_("Users"), N_("Rules"), N_("Service catalogue"), N_("Retention"),
			     N_("Audit log"));
		html(h, "</ul></nav>");
		if (access_may_read_persons(r->who))
			html(h,
			     "<form class=\"search\" role=\"search\" method=\"get\" "
			     "action=\"/persons\">"
			     "<label for=\"top-q\" class=\"vh\">%t</label>"
			     "<input id=\"top-q\" type=\"search\" name=\"q\" placeholder=\"%t\">"
			     "<button>%t</button></form>",
			     N_("Search by name, birth date or document"),
			     N_("Name, birth date or document number"), N_("Search"));
	}
	html(h, "<div class=\"who\">");
	if (r->who) {
		html(h, "<span>%s · %t · %s</span>", r->who->login,
		     label_role(role_code(r->who->role)), r->who->org_name);
		html(h, "<form method=\"post\" action=\"/logout\">");
		form_hidden_csrf(r, h);
		html(h, "<button>%t</button></form>", N_("Log out"));
	}
	lang_switch(r, h);
	html(h, "</div></header><main id=\"main\">");
}

void layout_end(struct req *r, struct html *h)
{
	(void)r;
	html(h, "</main><footer><p>%t</p></footer></body></html>\n",
	     N_("Komek: case management for social work with migrants."));
}

const char *layout_date(struct req *r, const char *iso)
{
	if (!iso)
		return NULL;
	if (strlen(iso) == 10 && strcmp(r->lang, "en") != 0)
		return arena_printf(&r->arena, "%.2s.%.2s.%.4s", iso + 8, iso + 5, iso);
	return iso;
}

const char *layout_time(struct req *r, int64_t t)
{
	char iso[21];
	time_iso(t, iso);
	const char *d = layout_date(r, arena_strndup(&r->arena, iso, 10));
	return arena_printf(&r->arena, "%s %.5s", d, iso + 11);
}

const char *layout_person_name(struct req *r, const char *family, const char *given,
			       const char *patronymic)
{
	if ((!family || !*family) && (!given || !*given))
		return i18n_tr(r->lang, N_("Erased record"));
	return arena_printf(&r->arena, "%s %s%s%s", family ? family : "", given ? given : "",
			    patronymic ? " " : "", patronymic ? patronymic : "");
}

void layout_dl(struct html *h, const char *label_msgid, const char *value)
{
	if (value && *value)
		html(h, "<dt>%t</dt><dd>%s</dd>", label_msgid, value);
}

void layout_match(struct html *h, int score, unsigned reasons)
{
	html(h, "<span class=\"score\">%d%%</span>", score);
	const char *code;
	bool first = true;
	for (size_t i = 0; (code = match_reason_next(reasons, &i)); first = false)
		html(h, "%s%t", first ? " " : ", ", label_match_reason(code));
}

void layout_match_table(struct req *r, struct html *h, const char *caption_msgid,
			const struct person_row *rows, size_t n)
{
	html(h,
	     "<table class=\"list\"><caption>%t</caption><thead><tr><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th></tr></thead><tbody>",
	     caption_msgid, N_("Name"), N_("Birth date"), N_("Sex"), N_("Region"), N_("Match"));
	for (size_t i = 0; i < n; i++) {
		const struct person_row *p = &rows[i];
		html(h, "<tr><td><a href=\"/persons/%D\">%s</a>", p->id,
		     layout_person_name(r, p->family_name, p->given_name, p->patronymic));
		if (p->restricted)
			html(h, " <span class=\"badge\">%t</span>", N_("restricted"));
		html(h, "</td><td>%s</td><td>%s</td><td>%s</td><td>", layout_date(r, p->birth_date),
		     ref_text(r, "sexes", p->sex), ref_text(r, "regions", p->region));
		layout_match(h, p->score, p->reasons);
		html(h, "</td></tr>");
	}
	html(h, "</tbody></table>");
}

/* Ids are "f-NAME" (the control) and "e-NAME" (its error), or "f-PREFIX-NAME" and
 * "e-PREFIX-NAME" for a form among others on one page. */
static void field_open(struct html *h, const char *prefix, const char *name,
		       const char *label_msgid, const struct field_errors *errs, const char **err)
{
	const char *dash = prefix ? "-" : "";
	*err = errs ? field_error_for(errs, name) : NULL;
	html(h, "<div class=\"field%s\"><label for=\"f-%s%s%s\">%t</label>", *err ? " invalid" : "",
	     prefix, dash, name, label_msgid);
	if (*err)
		html(h, "<p class=\"error\" id=\"e-%s%s%s\">%t</p>", prefix, dash, name, *err);
}

/* Opens a control's tag up to its id and name; the caller writes its type or closes it. */
static void control_open(struct html *h, const char *tag, const char *prefix, const char *name)
{
	const char *dash = prefix ? "-" : "";
	if (strcmp(tag, "input") == 0)
		html(h, "<input id=\"f-%s%s%s\" name=\"%s\"", prefix, dash, name, name);
	else if (strcmp(tag, "select") == 0)
		html(h, "<select id=\"f-%s%s%s\" name=\"%s\"", prefix, dash, name, name);
	else
		html(h, "<textarea id=\"f-%s%s%s\" name=\"%s\" rows=\"4\"", prefix, dash, name,
		     name);
}

static void described_by(struct html *h, const char *prefix, const char *name, bool err, bool hint)
{
	const char *dash = prefix ? "-" : "";
	if (err && hint)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s%s%s h-%s%s%s\"", prefix,
		     dash, name, prefix, dash, name);
	else if (err)
		html(h, " aria-invalid=\"true\" aria-describedby=\"e-%s%s%s\"", prefix, dash, name);
	else if (hint)
		html(h, " aria-describedby=\"h-%s%s%s\"", prefix, dash, name);
}

void form_text_in(struct html *h, const char *prefix, const char *name, const char *label_msgid,
		  const char *value, const struct field_errors *errs, const char *type)
{
	const char *err;
	field_open(h, prefix, name, label_msgid, errs, &err);
	control_open(h, "input", prefix, name);
	html(h, " type=\"%s\" value=\"%s\"", type ? type : "text", value);
	described_by(h, prefix, name, err != NULL, false);
	html(h, "></div>");
}

void form_text(struct html *h, const char *name, const char *label_msgid, const char *value,
	       const struct field_errors *errs, const char *type)
{
	form_text_in(h, NULL, name, label_msgid, value, errs, type);
}

void form_textarea_in(struct html *h, const char *prefix, const char *name, const char *label_msgid,
		      const char *value, const struct field_errors *errs, const char *hint_msgid)
{
	const char *err;
	field_open(h, prefix, name, label_msgid, errs, &err);
	if (hint_msgid)
		html(h, "<p class=\"hint\" id=\"h-%s%s%s\">%t</p>", prefix, prefix ? "-" : "", name,
		     hint_msgid);
	control_open(h, "textarea", prefix, name);
	described_by(h, prefix, name, err != NULL, hint_msgid != NULL);
	html(h, ">%s</textarea></div>", value);
}

void form_textarea(struct html *h, const char *name, const char *label_msgid, const char *value,
		   const struct field_errors *errs, const char *hint_msgid)
{
	form_textarea_in(h, NULL, name, label_msgid, value, errs, hint_msgid);
}

const char *ref_text(struct req *r, const char *list, const char *code)
{
	const struct ref_list *l = ref_list_find(list);
	const struct ref_item *it = l && code ? ref_find(l, code) : NULL;
	return it ? ref_label(it, r->lang) : code;
}

void form_select_ref_in(struct html *h, const char *prefix, const char *name,
			const char *label_msgid, const char *list, const char *value,
			const struct field_errors *errs, bool blank)
{
	const char *err;
	field_open(h, prefix, name, label_msgid, errs, &err);
	control_open(h, "select", prefix, name);
	described_by(h, prefix, name, err != NULL, false);
	html(h, ">");
	if (blank)
		html(h, "<option value=\"\">—</option>");
	const struct ref_list *l = ref_list_find(list);
	for (size_t i = 0; l && i < l->n; i++) {
		const struct ref_item *it = &l->items[i];
		bool sel = value && strcmp(value, it->code) == 0;
		html(h, "<option value=\"%s\"%s>%s</option>", it->code, sel ? " selected" : "",
		     ref_label(it, h->lang));
	}
	html(h, "</select></div>");
}

void form_select_codes(struct html *h, const char *name, const char *label_msgid,
		       const char *const *codes, const char *const *msgids, size_t n,
		       const char *value, const struct field_errors *errs)
{
	const char *err;
	field_open(h, NULL, name, label_msgid, errs, &err);
	control_open(h, "select", NULL, name);
	described_by(h, NULL, name, err != NULL, false);
	html(h, ">");
	for (size_t i = 0; i < n; i++)
		html(h, "<option value=\"%s\"%s>%t</option>", codes[i],
		     value && strcmp(value, codes[i]) == 0 ? " selected" : "", msgids[i]);
	html(h, "</select></div>");
}

void form_select_ref(struct html *h, const char *name, const char *label_msgid, const char *list,
		     const char *value, const struct field_errors *errs, bool blank)
{
	form_select_ref_in(h, NULL, name, label_msgid, list, value, errs, blank);
}

void form_checks_ref(struct html *h, const char *name, const char *legend_msgid, const char *list,
		     const char *const *values, size_t n, const struct field_errors *errs)
{
	const char *err = errs ? field_error_for(errs, name) : NULL;
	const struct ref_list *l = ref_list_find(list);
	html(h, "<fieldset class=\"checks%s\"><legend>%t</legend>", err ? " invalid" : "",
	     legend_msgid);
	if (err)
		html(h, "<p class=\"error\">%t</p>", err);
	for (size_t i = 0; l && i < l->n; i++) {
		const struct ref_item *it = &l->items[i];
		bool on = false;
		for (size_t j = 0; j < n && !on; j++)
			on = values[j] && strcmp(values[j], it->code) == 0;
		html(h, "<label><input type=\"checkbox\" name=\"%s\" value=\"%s\"%s> %s</label>",
		     name, it->code, on ? " checked" : "", ref_label(it, h->lang));
	}
	html(h, "</fieldset>");
}

struct country_ctx {
	struct html *h;
	const char *value;
	bool selected; /* the value's option is written already */
};

static void country_option(const char *code, void *arg)
{
	struct country_ctx *c = arg;
	char name[128];
	bool sel = !c->selected && c->value && strcmp(c->value, code) == 0;
	c->selected |= sel;
	html(c->h, "<option value=\"%s\"%s>%s</option>", code, sel ? " selected" : "",
	     ref_country_name(code, c->h->lang, name, sizeof(name)));
}

/* The countries most of Komek's people come from or live in, offered first. */
static const char *const frequent_countries[] = { "KZ", "CN", "UZ", "RU", "MN",
						  "KG", "TJ", "TM", "AF", "TR" };

void form_select_country(struct html *h, const char *name, const char *label_msgid,
			 const char *value, const struct field_errors *errs)
{
	const char *err;
	field_open(h, NULL, name, label_msgid, errs, &err);
	control_open(h, "select", NULL, name);
	described_by(h, NULL, name, err != NULL, false);
	html(h, "><option value=\"\">—</option><optgroup label=\"%t\">", N_("Frequent"));
	struct country_ctx c = { h, value, false };
	for (size_t i = 0; i < sizeof(frequent_countries) / sizeof(frequent_countries[0]); i++)
		country_option(frequent_countries[i], &c);
	html(h, "</optgroup><optgroup label=\"%t\">", N_("All countries"));
	ref_countries_by_name(h->lang, country_option, &c);
	html(h, "</optgroup></select></div>");
}

void page_error(struct req *r, int status, const char *msgid)
{
	struct html h;
	r->status = status;
	layout_begin(r, &h, N_("Error"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Error"), msgid);
	if (status == 401 || !r->who)
		html(&h, "<p><a href=\"/login\">%t</a></p>", N_("Log in"));
	else
		html(&h, "<p><a href=\"/persons\">%t</a></p>", N_("Back to people"));
	layout_end(r, &h);
}

/* Reads the version of an edit form: an error on "version" when missing. */
int64_t form_version(struct req *r, struct field_errors *e)
{
	int64_t v = 0;
	const char *s = req_form(r, "version");
	if (!s || parse_i64(s, 1, INT64_MAX, &v))
		field_error_add(e, "version", N_("The form is incomplete. Reload the page."));
	return v;
}

/* The page's notice for a refused form: a stale edit (409) or fields to mend (422). */
void form_notice(struct html *h, const struct field_errors *e, bool stale)
{
	if (stale)
		html(h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Someone else changed this record while you were editing. Your changes are "
			"below and were not saved; check them and save again."));
	else if (e && e->n)
		html(h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
}

/* The status a save ends with: 409 and 422 show the form again, anything else is the
 * caller's. */
bool form_refused(struct req *r, int rc, const struct field_errors *e)
{
	if (rc == K_ECONFLICT) {
		r->status = 409;
		return true;
	}
	if (e->n || rc == K_EINVAL) {
		r->status = 422;
		return true;
	}
	return false;
}
