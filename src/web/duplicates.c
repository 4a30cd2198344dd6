/* duplicates.c: the review queue of likely duplicates, a pair side by side with the link and
 * "not the same person" decisions, the scan, and the unlink on a person's page (issue 6).
 * Every decision is a worker's, audited; nothing is linked by the machine. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define PAGE_SIZE 25

static const char *pair_href(struct req *r, int64_t id)
{
	return arena_printf(&r->arena, "/duplicates/%lld", (long long)id);
}

int page_duplicates_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && parse_i64(ps, 1, 100000, &page))
		page = 1;
	struct dup_pair *rows;
	size_t n;
	int64_t total;
	int rc = store_dup_list(req_db(r), &r->arena, r->who, "open", PAGE_SIZE,
				(page - 1) * PAGE_SIZE, &rows, &n, &total);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Likely duplicates"), NULL);
	html(&h, "<h1>%t</h1><p>%t</p>", N_("Likely duplicates"),
	     N_("Pairs of records that may be one person, found at registration or by the scan. "
		"Open a pair to compare the records and decide; nothing is linked without you."));
	const char *found = req_query(r, "found");
	int64_t nfound;
	if (found && !parse_i64(found, 0, INT64_MAX, &nfound))
		html(&h, "<p class=\"notice\" role=\"status\">%t: %D</p>",
		     N_("The scan is done. New pairs found"), nfound);
	if (access_may_scan_duplicates(r->who)) {
		html(&h, "<form method=\"post\" action=\"/duplicates/scan\">");
		form_hidden_csrf(r, &h);
		html(&h, "<button>%t</button></form>", N_("Scan the registry now"));
	}
	html(&h, "<p class=\"count\" role=\"status\">%t: %D</p>", N_("Found"), total);
	if (n) {
		html(&h,
		     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th>"
		     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		     "</tr></thead><tbody>",
		     N_("First record"), N_("Second record"), N_("Match"), N_("Decision"));
		for (size_t i = 0; i < n; i++) {
			const struct dup_pair *d = &rows[i];
			html(&h, "<tr><td>%s, %s</td><td>%s, %s</td><td>",
			     layout_person_name(r, d->first.family_name, d->first.given_name,
						d->first.patronymic),
			     layout_date(r, d->first.birth_date),
			     layout_person_name(r, d->second.family_name, d->second.given_name,
						d->second.patronymic),
			     layout_date(r, d->second.birth_date));
			layout_match(&h, d->score, d->reasons);
			html(&h, "</td><td><a href=\"%s\">%t</a></td></tr>", pair_href(r, d->id),
			     N_("Compare"));
		}
		html(&h, "</tbody></table>");
	}
	int64_t pages = (total + PAGE_SIZE - 1) / PAGE_SIZE;
	if (pages > 1) {
		html(&h, "<nav class=\"pager\" aria-label=\"%t\">", N_("Pages"));
		if (page > 1)
			html(&h, "<a href=\"/duplicates?page=%D\" rel=\"prev\">%t</a> ", page - 1,
			     N_("Previous"));
		html(&h, "<span>%D / %D</span>", page, pages);
		if (page < pages)
			html(&h, " <a href=\"/duplicates?page=%D\" rel=\"next\">%t</a>", page + 1,
			     N_("Next"));
		html(&h, "</nav>");
	}
	layout_end(r, &h);
	return 0;
}

/* One record of a pair, as a column of facts a worker compares. */
static void record_box(struct req *r, struct html *h, const char *id, const struct person *p)
{
	html(h, "<section class=\"record\" aria-labelledby=\"%s\"><h2 id=\"%s\">", id, id);
	html(h, "<a href=\"/persons/%D\">%s</a></h2><dl>", p->id,
	     layout_person_name(r, p->family_name, p->given_name, p->patronymic));
	layout_dl(h, N_("Name as written in the person's own script"), p->name_original);
	layout_dl(h, N_("Birth date"), layout_date(r, p->birth_date));
	layout_dl(h, N_("Sex"), ref_text(r, "sexes", p->sex));
	layout_dl(h, N_("Region"), ref_text(r, "regions", p->region));
	layout_dl(h, N_("Locality"), p->locality);
	layout_dl(h, N_("Legal status"), ref_text(r, "legal_statuses", p->legal_status));
	for (size_t i = 0; i < p->ndocs; i++)
		layout_dl(h, N_("Identity documents"),
			  arena_printf(&r->arena, "%s %s",
				       ref_text(r, "document_types", p->docs[i].type),
				       p->docs[i].number));
	layout_dl(h, N_("Registered"), layout_time(r, p->created_at));
	html(h, "</dl></section>");
}

/* Reads a pair and both its records (each view audited when shown): 0 or the error. */
static int read_pair(struct req *r, struct dup_pair *d, struct person *x, struct person *y,
		     bool shown)
{
	int rc = store_dup_read(req_db(r), &r->arena, r->who, r->param[0], d, x, y);
	for (int i = 0; i < 2 && !rc && shown; i++) {
		const struct person *p = i ? y : x;
		rc = audit_writer_log(r->app->audit, r->who, "person.view", "person", p->id,
				      "duplicate", p->restricted);
	}
	return rc;
}

int page_duplicate_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct dup_pair d;
	struct person x, y;
	int rc = read_pair(r, &d, &x, &y, true);
	if (rc)
		return rc;
	struct html h;
	layout_begin(r, &h, N_("Compare two records"), NULL);
	html(&h, "<h1>%t</h1><p>", N_("Compare two records"));
	layout_match(&h, d.score, d.reasons);
	html(&h, "</p><div class=\"pair\">");
	record_box(r, &h, "rec-1", &x);
	record_box(r, &h, "rec-2", &y);
	html(&h, "</div>");
	if (strcmp(d.status, "linked") != 0) {
		html(&h, "<form method=\"post\" action=\"%s/link\"><fieldset><legend>%t</legend>",
		     pair_href(r, d.id), N_("The same person: link the records"));
		form_hidden_csrf(r, &h);
		html(&h,
		     "<p>%t</p><div class=\"field\"><label><input type=\"radio\" name=\"keep\" "
		     "value=\"%D\" checked> %s</label></div><div class=\"field\"><label><input "
		     "type=\"radio\" name=\"keep\" value=\"%D\"> %s</label></div>",
		     N_("Choose the record to keep as the main one. The other one's cases, "
			"services, "
			"referrals and consents move to it; both records and their histories stay, "
			"and the link can be undone."),
		     x.id, layout_person_name(r, x.family_name, x.given_name, x.patronymic), y.id,
		     layout_person_name(r, y.family_name, y.given_name, y.patronymic));
		html(&h, "<button class=\"primary\">%t</button></fieldset></form>",
		     N_("Link as the same person"));
	}
	if (strcmp(d.status, "open") == 0) {
		html(&h, "<form method=\"post\" action=\"%s/dismiss\">", pair_href(r, d.id));
		form_hidden_csrf(r, &h);
		html(&h, "<button>%t</button></form>", N_("Not the same person"));
	}
	layout_end(r, &h);
	return 0;
}

int page_duplicate_link_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct dup_pair d;
	struct person x, y;
	int rc = read_pair(r, &d, &x, &y, false);
	if (rc)
		return rc;
	int64_t keep;
	const char *k = req_form(r, "keep");
	if (!k || parse_i64(k, 1, INT64_MAX, &keep) || (keep != x.id && keep != y.id))
		return K_EINVAL;
	const struct person *survivor = keep == x.id ? &x : &y;
	const struct person *merged = keep == x.id ? &y : &x;
	int64_t link_id;
	rc = store_person_link(req_db(r), &r->arena, r->who, survivor, merged, NULL, &link_id);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld", (long long)survivor->id));
}

int page_duplicate_dismiss_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct dup_pair d;
	int rc = store_dup_get(c, &r->arena, r->who, r->param[0], &d);
	if (!rc)
		rc = store_dup_dismiss(c, r->who, d.id, NULL);
	return rc ? rc : req_redirect(r, "/duplicates");
}

int page_duplicates_scan_post(struct req *r)
{
	if (!access_may_scan_duplicates(r->who))
		return K_EFORBIDDEN;
	struct dup_scan_result res;
	int rc = store_dup_scan(req_db(r), r->who, r->who->org_id, NULL, &res);
	if (rc)
		return rc;
	return req_redirect(
	    r, arena_printf(&r->arena, "/duplicates?found=%lld", (long long)res.found));
}

int page_person_unlink_post(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person p;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	rc = store_person_unlink(c, &r->arena, r->who, p.id, r->param[1], NULL);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld", (long long)p.id));
}

void page_person_links_box(struct req *r, struct html *h, const struct person *p)
{
	struct dbconn *c = req_db(r);
	struct person_link *links;
	size_t nlinks = 0;
	struct dup_pair *pairs;
	size_t npairs = 0;
	if (store_person_links(c, &r->arena, r->who, p->id, &links, &nlinks) ||
	    store_dup_of_person(c, &r->arena, r->who, p->id, &pairs, &npairs) ||
	    (!nlinks && !npairs))
		return;
	html(h, "<section aria-labelledby=\"links-h\"><h2 id=\"links-h\">%t</h2>",
	     N_("The same person"));
	for (size_t i = 0; i < nlinks; i++) {
		const struct person_link *l = &links[i];
		const char *name = layout_person_name(r, l->other.family_name, l->other.given_name,
						      l->other.patronymic);
		if (l->merged_id == p->id) {
			html(h, "<p class=\"notice\">%t <a href=\"/persons/%D\">%s</a>.</p>",
			     N_("This record is linked, as the same person, to"), l->survivor_id,
			     name);
			continue;
		}
		html(h, "<p>%t <a href=\"/persons/%D\">%s</a> (%s, %s).</p>",
		     N_("Linked to this record as the same person:"), l->merged_id, name,
		     layout_time(r, l->linked_at), l->linked_by);
		if (access_may_write_persons(r->who)) {
			html(h, "<form method=\"post\" action=\"/persons/%D/links/%D/unlink\">",
			     p->id, l->id);
			form_hidden_csrf(r, h);
			html(h, "<button aria-label=\"%t: %s\">%t</button></form>",
			     N_("Undo the link"), name, N_("Undo the link"));
		}
	}
	for (size_t i = 0; i < npairs; i++) {
		const struct dup_pair *d = &pairs[i];
		const struct person_row *o = d->first.id == p->id ? &d->second : &d->first;
		html(h, "<p>%t <a href=\"%s\">%s</a> ", N_("May be the same person as"),
		     pair_href(r, d->id),
		     layout_person_name(r, o->family_name, o->given_name, o->patronymic));
		layout_match(h, d->score, d->reasons);
		html(h, "</p>");
	}
	html(h, "</section>");
}
