/* persons.c: the registry pages: the list with search and filters, a person's page, their
 * history, their disclosure log, assigned workers and consents. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/labels.h"
#include "web/layout.h"
#include "web/pages.h"

#define PAGE_SIZE 25

static int64_t query_int(struct req *r, const char *name, int64_t min, int64_t max, int64_t dflt)
{
	int64_t v;
	const char *s = req_query(r, name);
	return s && !parse_i64(s, min, max, &v) ? v : dflt;
}

/* A query value that must be a code of a reference list, else NULL. */
static const char *query_ref(struct req *r, const char *name, const char *list)
{
	const char *v = req_query(r, name);
	return v && ref_valid(list, v) ? v : NULL;
}

/* "Family Given Patronymic"; an erased person's record has no name left. */
static void category_tags(struct req *r, struct html *h, const char *codes)
{
	/* codes: space-separated */
	const char *p = codes;
	while (p && *p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		const char *code = arena_strndup(&r->arena, p, n);
		html(h, "<span class=\"tag\">%s</span> ", ref_text(r, "categories", code));
		p = sp ? sp + 1 : NULL;
	}
}

/* The query string of the current filters, for paging links. */
static const char *filter_query(struct req *r, const struct person_filter *f)
{
	struct buf b;
	buf_init(&b, 4096);
	struct html h = { .out = &b };
	html(&h, "q=%u&category=%u&region=%u&sex=%u", f->q, f->category, f->region, f->sex);
	if (f->age_min >= 0)
		html(&h, "&age_min=%D", f->age_min);
	if (f->age_max >= 0)
		html(&h, "&age_max=%D", f->age_max);
	const char *out = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_release(&b);
	return out;
}

int page_persons_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_EFORBIDDEN;
	struct person_filter f = {
		.q = req_query(r, "q"),
		.category = query_ref(r, "category", "categories"),
		.region = ref_region_canonical(req_query(r, "region")),
		.sex = query_ref(r, "sex", "sexes"),
		.age_min = query_int(r, "age_min", 0, 150, -1),
		.age_max = query_int(r, "age_max", 0, 150, -1),
		.limit = PAGE_SIZE,
	};
	/* An over-long query finds nobody rather than everybody. */
	bool q_too_long = f.q && utf8_len(f.q) > PERSON_QUERY_MAX;
	if (f.q && !*f.q)
		f.q = NULL;
	int64_t page = query_int(r, "page", 1, 100000, 1);
	f.offset = (page - 1) * PAGE_SIZE;
	struct person_row *rows;
	size_t n;
	int64_t total;
	int rc = 0;
	rows = NULL;
	n = 0;
	total = 0;
	if (!q_too_long)
		rc = store_person_list(req_db(r), &r->arena, r->who, &f, r->today, &rows, &n,
				       &total);
	if (rc)
		return rc;

	struct html h;
	layout_begin(r, &h, N_("People"), NULL);
	html(&h, "<h1>%t</h1>", N_("People"));
	html(&h,
	     "<form class=\"filters\" method=\"get\" action=\"/persons\">"
	     "<div class=\"field\"><label for=\"f-q\">%t</label>"
	     "<input id=\"f-q\" type=\"search\" name=\"q\" value=\"%s\"",
	     N_("Name, birth date or document number"), f.q);
	if (q_too_long)
		html(&h,
		     " aria-invalid=\"true\" aria-describedby=\"e-q\"><p class=\"error\" "
		     "id=\"e-q\">%t</p></div>",
		     N_("Too long."));
	else
		html(&h, "></div>");
	form_select_ref(&h, "category", N_("Category"), "categories", f.category, NULL, true);
	form_select_ref(&h, "region", N_("Region"), "regions", f.region, NULL, true);
	form_select_ref(&h, "sex", N_("Sex"), "sexes", f.sex, NULL, true);
	html(&h,
	     "<div class=\"field small\"><label for=\"f-age_min\">%t</label>"
	     "<input id=\"f-age_min\" name=\"age_min\" type=\"number\" min=\"0\" max=\"150\" "
	     "value=\"%s\"></div>"
	     "<div class=\"field small\"><label for=\"f-age_max\">%t</label>"
	     "<input id=\"f-age_max\" name=\"age_max\" type=\"number\" min=\"0\" max=\"150\" "
	     "value=\"%s\"></div>"
	     "<button>%t</button></form>",
	     N_("Age from"), req_query(r, "age_min"), N_("Age to"), req_query(r, "age_max"),
	     N_("Filter"));
	html(&h, "<p class=\"count\" role=\"status\">%t: %D</p>", N_("Found"), total);
	if (n) {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th>",
		     N_("Name"), N_("Birth date"), N_("Sex"), N_("Region"), N_("Categories"));
		if (f.q)
			html(&h, "<th scope=\"col\">%t</th>", N_("Match"));
		html(&h, "</tr></thead><tbody>");
		for (size_t i = 0; i < n; i++) {
			const struct person_row *p = &rows[i];
			html(&h, "<tr><td><a href=\"/persons/%D\">%s</a>", p->id,
			     layout_person_name(r, p->family_name, p->given_name, p->patronymic));
			if (p->restricted)
				html(&h, " <span class=\"badge\">%t</span>", N_("restricted"));
			html(&h, "</td><td>%s</td><td>%s</td><td>%s</td><td>",
			     layout_date(r, p->birth_date), ref_text(r, "sexes", p->sex),
			     ref_text(r, "regions", p->region));
			category_tags(r, &h, p->categories);
			html(&h, "</td>");
			if (f.q) {
				html(&h, "<td>");
				layout_match(&h, p->score, p->reasons);
				html(&h, "</td>");
			}
			html(&h, "</tr>");
		}
		html(&h, "</tbody></table>");
	}
	int64_t pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages > 1) {
		const char *fq = filter_query(r, &f);
		html(&h, "<nav class=\"pager\" aria-label=\"%t\">", N_("Pages"));
		if (page > 1)
			html(&h, "<a href=\"/persons?%s&amp;page=%D\" rel=\"prev\">%t</a> ", fq,
			     page - 1, N_("Previous"));
		html(&h, "<span>%D / %D</span>", page, pages);
		if (page < pages)
			html(&h, " <a href=\"/persons?%s&amp;page=%D\" rel=\"next\">%t</a>", fq,
			     page + 1, N_("Next"));
		html(&h, "</nav>");
	}
	layout_end(r, &h);
	return 0;
}

static const char *country(struct req *r, const char *code)
{
	if (!code)
		return NULL;
	char *buf = arena_alloc(&r->arena, 128);
	return ref_country_name(code, r->lang, buf, 128);
}

static const char *languages_text(struct req *r, const char *codes)
{
	if (!codes)
		return NULL;
	const char *out = "";
	const char *p = codes;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		char *name = arena_alloc(&r->arena, 128);
		ref_language_name(arena_strndup(&r->arena, p, n), r->lang, name, 128);
		out = arena_printf(&r->arena, "%s%s%s", out, *out ? ", " : "", name);
		if (!sp)
			break;
		p = sp + 1;
	}
	return out;
}

static void household_box(struct req *r, struct html *h, const struct person *p)
{
	html(h, "<section><h2>%t</h2>", N_("Family"));
	if (p->household_id) {
		struct person_row *rows;
		size_t n;
		if (store_household_members(req_db(r), &r->arena, r->who, p->household_id, &rows,
					    &n) == 0) {
			html(h, "<ul>");
			for (size_t i = 0; i < n; i++) {
				html(h, "<li><a href=\"/persons/%D\"", rows[i].id);
				if (rows[i].id == p->id)
					html(h, " aria-current=\"page\"");
				html(h, ">%s</a> — %s</li>",
				     layout_person_name(r, rows[i].family_name, rows[i].given_name,
							rows[i].patronymic),
				     ref_text(r, "relations", rows[i].household_relation));
			}
			html(h, "</ul>");
		}
	} else {
		html(h, "<p>%t</p>", N_("No family registered yet."));
	}
	if (access_may_write_persons(r->who))
		html(h, "<p><a class=\"button\" href=\"/persons/new?family_of=%D\">%t</a></p>",
		     p->id, N_("Add a family member"));
	html(h, "</section>");
}

static bool assigned(const struct person_worker *w, size_t n, int64_t user_id)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].user_id == user_id)
			return true;
	return false;
}

static void cases_box(struct req *r, struct html *h, const struct person *p)
{
	struct case_filter f = { .person_id = p->id, .limit = 50 };
	struct case_rec *k;
	size_t n;
	if (store_case_list(req_db(r), &r->arena, r->who, &f, &k, &n))
		return;
	html(h, "<section aria-labelledby=\"cases-h\"><h2 id=\"cases-h\">%t</h2>", N_("Cases"));
	if (!n)
		html(h, "<p>%t</p>", N_("No cases."));
	html(h, "<ul>");
	for (size_t i = 0; i < n; i++)
		html(h, "<li><a href=\"/cases/%D\">№ %D</a> · %s · %s</li>", k[i].id, k[i].id,
		     ref_text(r, "case_statuses", k[i].status), layout_date(r, k[i].opened_on));
	html(h, "</ul>");
	if (access_may_write_persons(r->who) && !p->linked_to)
		html(h, "<p><a class=\"button\" href=\"/cases/new?person=%D\">%t</a></p>", p->id,
		     N_("Open a case"));
	html(h, "</section>");
}

static void workers_box(struct req *r, struct html *h, const struct person *p)
{
	struct person_worker *w;
	size_t n;
	if (store_person_workers(req_db(r), &r->arena, p->id, &w, &n))
		return;
	html(h, "<section><h2>%t</h2>", N_("Assigned workers"));
	if (!n)
		html(h, "<p>%t</p>", N_("Nobody is assigned."));
	html(h, "<ul>");
	for (size_t i = 0; i < n; i++) {
		html(h, "<li>%s (%t)",
		     w[i].full_name && *w[i].full_name ? w[i].full_name : w[i].login,
		     label_role(w[i].role));
		if (access_may_assign(r->who)) {
			html(h,
			     " <form class=\"inline\" method=\"post\" "
			     "action=\"/persons/%D/workers/%D/remove\">",
			     p->id, w[i].user_id);
			form_hidden_csrf(r, h);
			html(h, "<button>%t<span class=\"vh\">: %s</span></button></form>",
			     N_("Remove"),
			     w[i].full_name && *w[i].full_name ? w[i].full_name : w[i].login);
		}
		html(h, "</li>");
	}
	html(h, "</ul>");
	if (access_may_assign(r->who)) {
		struct store_user *users;
		size_t nu;
		if (store_users_list(req_db(r), &r->arena, r->who->org_id, &users, &nu) == 0) {
			html(h, "<form method=\"post\" action=\"/persons/%D/workers\">", p->id);
			form_hidden_csrf(r, h);
			html(h,
			     "<div class=\"field\"><label for=\"f-user_id\">%t</label>"
			     "<select id=\"f-user_id\" name=\"user_id\">",
			     N_("Assign a worker"));
			for (size_t i = 0; i < nu; i++)
				if (users[i].active && strcmp(users[i].role, "analyst") != 0 &&
				    !assigned(w, n, users[i].id))
					html(h, "<option value=\"%D\">%s (%t)</option>",
					     users[i].id, users[i].login,
					     label_role(users[i].role));
			html(h, "</select></div><button>%t</button></form>", N_("Assign"));
		}
	}
	html(h, "</section>");
}

static void consents_box(struct req *r, struct html *h, const struct person *p)
{
	struct consent *cs;
	size_t n;
	if (store_consents(req_db(r), &r->arena, p->id, &cs, &n))
		return;
	html(h, "<section><h2>%t</h2>", N_("Consent"));
	if (!n)
		html(h, "<p>%t</p>", N_("No consent recorded."));
	else
		html(h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "</tr></thead><tbody>",
		     N_("Purpose"), N_("Given on"), N_("Recorded by"), N_("Withdrawn on"));
	for (size_t i = 0; i < n; i++) {
		html(h, "<tr><td>%s</td><td>%s</td><td>%s</td><td>",
		     ref_text(r, "consent_purposes", cs[i].purpose), layout_date(r, cs[i].given_on),
		     cs[i].recorded_by);
		if (cs[i].withdrawn_on) {
			html(h, "%s", layout_date(r, cs[i].withdrawn_on));
		} else if (access_may_write_persons(r->who)) {
			html(h,
			     "<form class=\"inline\" method=\"post\" "
			     "action=\"/persons/%D/consents/%D/withdraw\">",
			     p->id, cs[i].id);
			form_hidden_csrf(r, h);
			html(h, "<button>%t</button></form>", N_("Withdraw"));
		}
		html(h, "</td></tr>");
	}
	if (n)
		html(h, "</tbody></table>");
	if (access_may_write_persons(r->who) && !p->linked_to) {
		html(h, "<form method=\"post\" action=\"/persons/%D/consents\" class=\"row\">",
		     p->id);
		form_hidden_csrf(r, h);
		form_select_ref(h, "purpose", N_("Purpose"), "consent_purposes", NULL, NULL, false);
		form_text(h, "given_on", N_("Given on"), r->today, NULL, "date");
		html(h, "<button>%t</button></form>", N_("Record consent"));
	}
	html(h, "</section>");
}

/* For a supervisor: erase the person's identifying data, with a reason and a confirmation. */
static void erase_box(struct req *r, struct html *h, const struct person *p)
{
	if (!access_may_erase(r->who))
		return;
	html(h, "<section class=\"erase\"><h2>%t</h2><p>%t</p>", N_("Erase personal data"),
	     N_("Removes the names, documents, contacts, the full birth date, the reason for "
		"protection and every value in the history. What reports count (sex, birth year, "
		"region, categories) stays. This cannot be undone; backups made before keep the "
		"data until they expire."));
	html(h, "<form method=\"post\" action=\"/persons/%D/erase\">", p->id);
	form_hidden_csrf(r, h);
	form_select_ref(h, "reason", N_("Reason"), "erasure_reasons", NULL, NULL, true);
	html(h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"confirm\" "
	     "value=\"1\" required> %t</label></div><button class=\"danger\">%t</button></form>"
	     "</section>",
	     N_("I understand that this cannot be undone."), N_("Erase"));
}

/* What is left of an erased person: what reports count, and the logs. */
static void erased_page(struct req *r, const struct person *p)
{
	struct html h;
	layout_begin(r, &h, N_("Erased record"), NULL);
	html(&h, "<h1>%t</h1><p class=\"notice\">%t %s.</p>", N_("Erased record"),
	     N_("This person's identifying data was erased on"), layout_time(r, p->erased_at));
	html(&h, "<p class=\"actions\"><a href=\"/persons/%D/history\">%t</a>", p->id,
	     N_("History of changes"));
	if (access_may_read_disclosures(r->who))
		html(&h, " · <a href=\"/persons/%D/disclosures\">%t</a>", p->id,
		     N_("Disclosure log"));
	html(&h, "</p><dl>");
	layout_dl(&h, N_("Sex"), ref_text(r, "sexes", p->sex));
	layout_dl(&h, N_("Birth date"), p->birth_date);
	layout_dl(&h, N_("Region"), ref_text(r, "regions", p->region));
	layout_dl(&h, N_("Legal status"), ref_text(r, "legal_statuses", p->legal_status));
	html(&h, "</dl>");
	if (p->ncategories) {
		html(&h, "<h2>%t</h2><p>", N_("Categories"));
		for (size_t i = 0; i < p->ncategories; i++)
			html(&h, "<span class=\"tag\">%s</span> ",
			     ref_text(r, "categories", p->categories[i]));
		html(&h, "</p>");
	}
	layout_end(r, &h);
}

int page_person_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	/* Every view of a person is recorded, for their disclosure log; a restricted
	 * person's page leaves only once the record of this view is on disk. */
	if ((rc = audit_writer_log(r->app->audit, r->who, "person.view", "person", p.id, NULL,
				   p.restricted)))
		return rc;
	if (p.erased_at) {
		erased_page(r, &p);
		return 0;
	}

	struct html h;
	const char *name = layout_person_name(r, p.family_name, p.given_name, p.patronymic);
	layout_begin(r, &h, N_("Person"), p.restricted ? NULL : name);
	html(&h, "<h1>%s", name);
	if (p.restricted)
		html(&h, " <span class=\"badge\">%t</span>", N_("restricted"));
	html(&h, "</h1>");
	if (p.restricted) {
		html(&h, "<p class=\"notice\">%t</p>",
		     N_("Restricted record: seen only by the workers assigned to this person and "
			"by supervisors. Every view is recorded."));
		if (p.protection_reason)
			html(&h,
			     "<section class=\"reason\"><h2>%t</h2><p "
			     "class=\"note\">%s</p></section>",
			     N_("Reason for protection"), p.protection_reason);
	}
	html(&h, "<p class=\"actions\">");
	/* A record linked to another is worked on through that one. */
	if (access_may_write_persons(r->who) && !p.linked_to)
		html(&h, "<a class=\"button\" href=\"/persons/%D/edit\">%t</a> ", p.id, N_("Edit"));
	html(&h, "<a href=\"/persons/%D/history\">%t</a>", p.id, N_("History of changes"));
	if (access_may_read_disclosures(r->who))
		html(&h, " · <a href=\"/persons/%D/disclosures\">%t</a>", p.id,
		     N_("Disclosure log"));
	html(&h, "</p><div class=\"cols\"><section><h2>%t</h2><dl>", N_("Details"));
	layout_dl(&h, N_("Name as written in the person's own script"), p.name_original);
	layout_dl(&h, N_("Kazakh Latin (2021)"), person_latin2021(&r->arena, &p));
	layout_dl(&h, N_("Passport transliteration"), person_passport(&r->arena, &p));
	layout_dl(&h, N_("Sex"), ref_text(r, "sexes", p.sex));
	layout_dl(&h, N_("Birth date"), layout_date(r, p.birth_date));
	layout_dl(&h, N_("Citizenship"), country(r, p.citizenship));
	layout_dl(&h, N_("Country of origin"), country(r, p.country_of_origin));
	layout_dl(&h, N_("Legal status"), ref_text(r, "legal_statuses", p.legal_status));
	layout_dl(&h, N_("Legal status granted on"), layout_date(r, p.legal_status_since));
	layout_dl(&h, N_("Asylum petition filed on"), layout_date(r, p.asylum_petition_on));
	layout_dl(&h, N_("Arrival date"), layout_date(r, p.arrival_date));
	layout_dl(&h, N_("Region"), ref_text(r, "regions", p.region));
	layout_dl(&h, N_("Locality"), p.locality);
	layout_dl(&h, N_("Phone"), p.phone);
	layout_dl(&h, N_("Kazakh"), ref_text(r, "language_levels", p.lang_kk));
	layout_dl(&h, N_("Russian"), ref_text(r, "language_levels", p.lang_ru));
	layout_dl(&h, N_("Other languages"), languages_text(r, p.languages));
	if (p.child_status && strcmp(p.child_status, "none") != 0)
		layout_dl(&h, N_("Unaccompanied or separated child"),
			  ref_text(r, "child_statuses", p.child_status));
	if (p.disability)
		layout_dl(&h, N_("Disability"), html_tr(&h, N_("yes")));
	html(&h, "</dl>");
	if (p.ncategories) {
		html(&h, "<h3>%t</h3><p>", N_("Categories"));
		for (size_t i = 0; i < p.ncategories; i++)
			html(&h, "<span class=\"tag\">%s</span> ",
			     ref_text(r, "categories", p.categories[i]));
		html(&h, "</p>");
	}
	if (p.ndocs) {
		html(&h, "<h3>%t</h3><ul>", N_("Identity documents"));
		for (size_t i = 0; i < p.ndocs; i++) {
			const struct person_doc *d = &p.docs[i];
			html(&h, "<li>%s <strong>%s</strong>",
			     ref_text(r, "document_types", d->type), d->number);
			if (d->country)
				html(&h, " (%s)", country(r, d->country));
			if (d->issued_on)
				html(&h, ", %t %s", N_("issued"), layout_date(r, d->issued_on));
			if (d->expires_on)
				html(&h, ", %t %s", N_("expires"), layout_date(r, d->expires_on));
			html(&h, "</li>");
		}
		html(&h, "</ul>");
	}
	html(&h, "</section><div>");
	/* Most people have none of the rarer boxes: one question instead of one per box. */
	unsigned has;
	if (store_person_has(c, p.id, &has))
		has = ~0u;
	if (has & (PERSON_HAS_LINKS | PERSON_HAS_PAIRS))
		page_person_links_box(r, &h, &p);
	cases_box(r, &h, &p);
	if (has & PERSON_HAS_STAYS)
		page_person_centres_box(r, &h, p.id);
	if (has & PERSON_HAS_GROUPS)
		page_person_groups_box(r, &h, p.id);
	if (has & PERSON_HAS_EVENTS)
		page_person_events_box(r, &h, p.id);
	if (has & PERSON_HAS_PROGRAMMES)
		page_person_programmes_box(r, &h, p.id);
	page_person_screenings_box(r, &h, &p, has & PERSON_HAS_SCREENINGS);
	page_person_labour_box(r, &h, &p, has & PERSON_HAS_WORK);
	page_person_integration_box(r, &h, &p, has & PERSON_HAS_INTEGRATION);
	household_box(r, &h, &p);
	workers_box(r, &h, &p);
	consents_box(r, &h, &p);
	erase_box(r, &h, &p);
	html(&h, "</div></div>");
	layout_end(r, &h);
	return 0;
}

int page_person_history_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	struct person_change *ch;
	size_t n;
	if ((rc = store_person_changes(c, &r->arena, p.id, &ch, &n)))
		return rc;
	if ((rc = audit_writer_log(r->app->audit, r->who, "person.view", "person", p.id, "history",
				   p.restricted)))
		return rc;
	struct html h;
	const char *name = layout_person_name(r, p.family_name, p.given_name, p.patronymic);
	layout_begin(r, &h, N_("History of changes"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/persons/%D\">%s</a></p>", N_("History of changes"), p.id,
	     name);
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Version"), N_("When"), N_("Who"), N_("Field"), N_("Old value"), N_("New value"));
	for (size_t i = 0; i < n; i++)
		html(&h,
		     "<tr><td>%D</td><td>%s</td><td>%s</td><td>%t</td><td>%s</td><td>%s</td></tr>",
		     ch[i].version, layout_time(r, ch[i].changed_at), ch[i].login,
		     label_field(ch[i].field), ch[i].old_value, ch[i].new_value);
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

int page_person_disclosures_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	if (!access_may_read_disclosures(r->who))
		return K_EFORBIDDEN;
	struct store_audit_row *rows;
	size_t n;
	if ((rc = store_person_disclosures(c, &r->arena, p.id, &rows, &n)))
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Disclosure log"), NULL);
	html(&h, "<h1>%t</h1><p><a href=\"/persons/%D\">%s</a></p><p>%t</p>", N_("Disclosure log"),
	     p.id, layout_person_name(r, p.family_name, p.given_name, p.patronymic),
	     N_("Who saw or received this person's data, when, and under which consent."));
	html(&h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("When"), N_("Who"), N_("What"), N_("Consent"));
	for (size_t i = 0; i < n; i++) {
		html(&h, "<tr><td>%s</td><td>%s</td><td>%t</td><td>", layout_time(r, rows[i].at),
		     rows[i].login, label_action(rows[i].action));
		if (rows[i].consent_id)
			html(&h, "#%D", rows[i].consent_id);
		else
			html(&h, "%t", N_("none recorded"));
		html(&h, "</td></tr>");
	}
	html(&h, "</tbody></table>");
	layout_end(r, &h);
	return 0;
}

/* The frame of a small action on a person's page: the person must be visible (else 404)
 * and the action allowed (else 403); the change and its audit row are one transaction;
 * the answer is the person's page again. */
struct person_action {
	bool (*allowed)(const struct actor *a);
	const char *audit_action;
	int (*run)(struct req *r, struct dbconn *c, const struct person *p, const char **detail);
};

static int person_action(struct req *r, const struct person_action *act)
{
	/* Someone who may not open the registry learns nothing, not even that an id exists. */
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	if (!act->allowed(r->who) || p.erased_at)
		return K_EFORBIDDEN;
	const char *detail = NULL;
	rc = store_begin(c);
	if (!rc)
		rc = act->run(r, c, &p, &detail);
	if (!rc)
		rc = store_audit(c, r->who, act->audit_action, "person", p.id, detail);
	rc = store_finish(c, rc);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld", (long long)p.id));
}

static int assign_run(struct req *r, struct dbconn *c, const struct person *p, const char **detail)
{
	int64_t uid;
	const char *s = req_form(r, "user_id");
	if (!s || parse_i64(s, 1, INT64_MAX, &uid))
		return K_EINVAL;
	*detail = arena_printf(&r->arena, "user %lld", (long long)uid);
	return store_person_assign(c, r->who, p->id, uid);
}

int page_person_workers_post(struct req *r)
{
	static const struct person_action act = { access_may_assign, "person.assign", assign_run };
	return person_action(r, &act);
}

static int unassign_run(struct req *r, struct dbconn *c, const struct person *p,
			const char **detail)
{
	*detail = arena_printf(&r->arena, "user %lld", (long long)r->param[1]);
	return store_person_unassign(c, p->id, r->param[1]);
}

int page_person_worker_remove_post(struct req *r)
{
	static const struct person_action act = { access_may_assign, "person.unassign",
						  unassign_run };
	return person_action(r, &act);
}

static int consent_run(struct req *r, struct dbconn *c, const struct person *p, const char **detail)
{
	const char *purpose = req_form(r, "purpose");
	const char *given = req_form(r, "given_on");
	if (!purpose || !ref_valid("consent_purposes", purpose) || !given || !date_valid(given) ||
	    strcmp(given, r->today) > 0)
		return K_EINVAL;
	int64_t id;
	*detail = purpose;
	return store_consent_add(c, r->who, p->id, purpose, given, &id);
}

int page_person_consents_post(struct req *r)
{
	static const struct person_action act = { access_may_write_persons, "consent.add",
						  consent_run };
	return person_action(r, &act);
}

static int withdraw_run(struct req *r, struct dbconn *c, const struct person *p,
			const char **detail)
{
	(void)detail;
	return store_consent_withdraw(c, p->id, r->param[1], r->today);
}

int page_person_consent_withdraw_post(struct req *r)
{
	static const struct person_action act = { access_may_write_persons, "consent.withdraw",
						  withdraw_run };
	return person_action(r, &act);
}

static int erase_run(struct req *r, struct dbconn *c, const struct person *p, const char **detail)
{
	const char *reason = req_form(r, "reason");
	if (!req_form(r, "confirm") || !reason || !ref_valid("erasure_reasons", reason))
		return K_EINVAL;
	*detail = reason;
	return store_person_erase(c, &r->arena, r->who, p);
}

int page_person_erase_post(struct req *r)
{
	static const struct person_action act = { access_may_erase, "person.erase", erase_run };
	int rc = person_action(r, &act);
	/* Old versions of the erased rows must not linger in the write-ahead log. */
	if (!rc && db_checkpoint(req_db(r)))
		log_error("erase: the write-ahead log could not be emptied at once; it will be "
			  "at the next checkpoint");
	return rc;
}
