/* person_form.c: registering and editing a person (the form, its checks, and saving). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

#define FORM_DOC_ROWS 3

static const char *doc_field(struct req *r, size_t i, const char *part)
{
	return arena_printf(&r->arena, "documents[%zu].%s", i, part);
}

/* Reads the form into p (strings borrowed from the request). */
static void person_from_form(struct req *r, struct person *p)
{
	for (const struct person_text_field *f = person_text_fields; f->name; f++)
		*person_text_slot(p, f) = req_form(r, f->name);
	p->disability = req_form(r, "disability") != NULL;
	p->household_relation = req_form(r, "household_relation");
	p->ncategories = req_form_all(r, "categories", p->categories, PERSON_MAX_CATEGORIES);
	p->ndocs = 0;
	for (size_t i = 0; i < FORM_DOC_ROWS; i++) {
		struct person_doc d = {
			.type = req_form(r, doc_field(r, i, "type")),
			.number = req_form(r, doc_field(r, i, "number")),
			.country = req_form(r, doc_field(r, i, "country")),
			.issued_on = req_form(r, doc_field(r, i, "issued_on")),
			.expires_on = req_form(r, doc_field(r, i, "expires_on")),
		};
		/* An empty row is no document; a half-filled one is checked. */
		if (d.type || d.number || d.issued_on || d.expires_on)
			p->docs[p->ndocs++] = d;
	}
}

static void categories_box(struct html *h, const struct person *p, const struct field_errors *e)
{
	const char *err = field_error_for(e, "categories");
	html(h, "<fieldset class=\"checks%s\"><legend>%t</legend>", err ? " invalid" : "",
	     N_("Categories"));
	if (err)
		html(h, "<p class=\"error\">%t</p>", err);
	const struct ref_list *l = ref_list_find("categories");
	for (size_t i = 0; l && i < l->n; i++) {
		const struct ref_item *it = &l->items[i];
		html(h, "<label><input type=\"checkbox\" name=\"categories\" value=\"%s\"%s> %s",
		     it->code, person_has_category(p, it->code) ? " checked" : "",
		     ref_label(it, h->lang));
		if (it->flags & REF_PROTECTED)
			html(h, " <span class=\"badge\">%t</span>", N_("protected"));
		html(h, "</label>");
	}
	html(h, "<p class=\"hint\">%t</p>",
	     N_("A person in a protected category is seen only by the workers assigned to "
		"them and by supervisors."));
	form_textarea(h, "protection_reason", N_("Reason for protection"), p->protection_reason, e,
		      N_("Why this person needs protection, for the workers who take the case on. "
			 "Stored encrypted."));
	html(h, "</fieldset>");
}

static void docs_box(struct req *r, struct html *h, const struct person *p,
		     const struct field_errors *e)
{
	html(h, "<fieldset class=\"docs\"><legend>%t</legend>", N_("Identity documents"));
	for (size_t i = 0; i < FORM_DOC_ROWS; i++) {
		const struct person_doc *d = i < p->ndocs ? &p->docs[i] : &(struct person_doc){ 0 };
		html(h, "<fieldset class=\"docrow\"><legend>%t %d</legend>", N_("Document"),
		     (int)i + 1);
		form_select_ref(h, doc_field(r, i, "type"), N_("Type"), "document_types", d->type,
				e, true);
		form_text(h, doc_field(r, i, "number"), N_("Number"), d->number, e, NULL);
		form_select_country(h, doc_field(r, i, "country"), N_("Issued by (country)"),
				    d->country, e);
		form_text(h, doc_field(r, i, "issued_on"), N_("Issued on"), d->issued_on, e,
			  "date");
		form_text(h, doc_field(r, i, "expires_on"), N_("Expires on"), d->expires_on, e,
			  "date");
		html(h, "</fieldset>");
	}
	html(h, "</fieldset>");
}

/* The whole form. family_of: the person whose family a new person joins (0 if none). */
/* The records a new person may already have, shown before anything is saved. */
struct likely {
	const struct person_row *rows;
	size_t n;
};

static void likely_box(struct req *r, struct html *h, const struct likely *l)
{
	html(h,
	     "<section class=\"likely\" aria-labelledby=\"likely-h\"><h2 id=\"likely-h\">%t</h2>"
	     "<p>%t</p>",
	     N_("This person may be registered already"),
	     N_("Nothing was saved. Open the record below if it is the same person and update it "
		"there; register a new person only if none of them is."));
	layout_match_table(r, h, N_("Likely the same person"), l->rows, l->n);
	html(h, "<p>%t</p></section>",
	     N_("If none of them is this person, register a new person with the button at the "
		"end of the form."));
}

static void render_form_likely(struct req *r, const struct person *p, const struct field_errors *e,
			       const char *notice_msgid, int64_t family_of,
			       const struct likely *likely)
{
	struct html h;
	bool edit = p->id != 0;
	layout_begin(r, &h, edit ? N_("Edit person") : N_("Register a person"), NULL);
	html(&h, "<h1>%t</h1>", edit ? N_("Edit person") : N_("Register a person"));
	if (notice_msgid)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>", notice_msgid);
	if (e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	if (edit)
		html(&h, "<form method=\"post\" action=\"/persons/%D\" class=\"person\">", p->id);
	else
		html(&h, "<form method=\"post\" action=\"/persons\" class=\"person\">");
	form_hidden_csrf(r, &h);
	if (edit)
		html(&h, "<input type=\"hidden\" name=\"version\" value=\"%D\">", p->version);
	if (family_of)
		html(&h, "<input type=\"hidden\" name=\"family_of\" value=\"%D\">", family_of);
	if (likely && likely->n)
		likely_box(r, &h, likely);

	html(&h, "<fieldset><legend>%t</legend>", N_("Name"));
	form_text(&h, "family_name", N_("Family name"), p->family_name, e, NULL);
	form_text(&h, "given_name", N_("Given name"), p->given_name, e, NULL);
	form_text(&h, "patronymic", N_("Patronymic"), p->patronymic, e, NULL);
	form_text(&h, "name_original", N_("Name as written in the person's own script"),
		  p->name_original, e, NULL);
	html(&h, "</fieldset><fieldset><legend>%t</legend>", N_("Personal details"));
	form_select_ref(&h, "sex", N_("Sex"), "sexes", p->sex, e, true);
	form_text(&h, "birth_date", N_("Birth date (YYYY-MM-DD, or the year alone)"), p->birth_date,
		  e, NULL);
	form_select_country(&h, "citizenship", N_("Citizenship"), p->citizenship, e);
	form_select_country(&h, "country_of_origin", N_("Country of origin"), p->country_of_origin,
			    e);
	form_select_ref(&h, "legal_status", N_("Legal status"), "legal_statuses", p->legal_status,
			e, true);
	form_text(&h, "arrival_date", N_("Arrival date"), p->arrival_date, e, "date");
	form_text(&h, "legal_status_since", N_("Legal status granted on"), p->legal_status_since, e,
		  "date");
	form_text(&h, "asylum_petition_on", N_("Asylum petition filed on"), p->asylum_petition_on,
		  e, "date");
	form_select_ref(&h, "child_status", N_("Unaccompanied or separated child"),
			"child_statuses", p->child_status, e, false);
	html(&h,
	     "<div class=\"field\"><label><input type=\"checkbox\" name=\"disability\" "
	     "value=\"1\"%s> %t</label></div>",
	     p->disability ? " checked" : "", N_("Disability"));
	if (family_of || p->household_id)
		form_select_ref(&h, "household_relation", N_("Relation to the head of household"),
				"relations", p->household_relation, e, true);
	html(&h, "</fieldset>");
	categories_box(&h, p, e);
	html(&h, "<fieldset><legend>%t</legend>", N_("Residence and contact"));
	form_select_ref(&h, "region", N_("Region"), "regions", p->region, e, true);
	form_text(&h, "locality", N_("Locality"), p->locality, e, NULL);
	form_text(&h, "phone", N_("Phone"), p->phone, e, "tel");
	html(&h, "</fieldset><fieldset><legend>%t</legend>", N_("Languages"));
	form_select_ref(&h, "lang_kk", N_("Kazakh"), "language_levels", p->lang_kk, e, true);
	form_select_ref(&h, "lang_ru", N_("Russian"), "language_levels", p->lang_ru, e, true);
	form_text(&h, "languages", N_("Other languages (codes such as uz, zh, mn)"), p->languages,
		  e, NULL);
	html(&h, "</fieldset>");
	docs_box(r, &h, p, e);
	/* The form's first button is what Enter in a field presses: Save, which checks again;
	 * registering despite likely matches takes the second one, deliberately. */
	html(&h, "<p><button class=\"primary\">%t</button> ", N_("Save"));
	if (likely && likely->n)
		html(&h, "<button name=\"confirm_new\" value=\"1\">%t</button> ",
		     N_("None of them: register a new person"));
	html(&h, "<a href=\"%s\">%t</a></p></form>",
	     edit ? arena_printf(&r->arena, "/persons/%lld", (long long)p->id) : "/persons",
	     N_("Cancel"));
	layout_end(r, &h);
}

static void render_form(struct req *r, const struct person *p, const struct field_errors *e,
			const char *notice_msgid, int64_t family_of)
{
	render_form_likely(r, p, e, notice_msgid, family_of, NULL);
}

int page_person_new_get(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct person p = { .child_status = "none" };
	struct field_errors e = { 0 };
	int64_t family_of = 0;
	const char *fam = req_query(r, "family_of");
	if (fam) {
		struct person head;
		if (parse_i64(fam, 1, INT64_MAX, &family_of))
			return K_ENOTFOUND;
		int rc = store_person_get(req_db(r), &r->arena, r->who, family_of, &head);
		if (rc)
			return rc;
		/* A family member usually shares where the family lives and came from. */
		p.family_name = head.family_name;
		p.region = head.region;
		p.locality = head.locality;
		p.citizenship = head.citizenship;
		p.country_of_origin = head.country_of_origin;
		p.arrival_date = head.arrival_date;
	}
	render_form(r, &p, &e, NULL, family_of);
	return 0;
}

/* Puts the new person in the household of family_of, making one (with family_of as its
 * head) if there is none yet. */
static int join_family(struct req *r, struct dbconn *c, int64_t family_of, struct person *p)
{
	struct person head;
	int rc = store_person_get(c, &r->arena, r->who, family_of, &head);
	if (rc)
		return rc;
	if (!head.household_id) {
		struct person updated = head;
		rc = store_household_create(c, r->who, &updated.household_id);
		if (!rc) {
			updated.household_relation = "head";
			rc = store_person_update(c, &r->arena, r->who, &head, &updated);
		}
		if (!rc)
			rc = store_audit(c, r->who, "household.create", "household",
					 updated.household_id, NULL);
		head.household_id = updated.household_id;
	}
	p->household_id = head.household_id;
	return rc;
}

int page_persons_post(struct req *r)
{
	if (!access_may_write_persons(r->who))
		return K_EFORBIDDEN;
	struct person p = { 0 };
	struct field_errors e = { 0 };
	person_from_form(r, &p);
	int64_t family_of = 0;
	const char *fam = req_form(r, "family_of");
	if (fam && parse_i64(fam, 1, INT64_MAX, &family_of))
		return K_EINVAL;
	if (family_of)
		p.household_id = -1; /* a household is coming: lets a relation validate */
	if (person_validate(&r->arena, &p, r->today, &e)) {
		r->status = 422;
		render_form(r, &p, &e, NULL, family_of);
		return 0;
	}
	struct dbconn *c = req_db(r);
	/* Someone likely registered already: the worker looks before a second record is made. */
	struct person_row *likely;
	size_t nlikely;
	int rc = store_person_likely(c, &r->arena, r->who, &p, r->today, 0, &likely, &nlikely);
	if (rc)
		return rc;
	bool confirmed = req_form(r, "confirm_new") != NULL;
	if (nlikely && !confirmed) {
		r->status = 409;
		render_form_likely(r, &p, &e, NULL, family_of,
				   &(struct likely){ .rows = likely, .n = nlikely });
		return 0;
	}
	rc = store_begin(c);
	if (!rc && family_of)
		rc = join_family(r, c, family_of, &p);
	if (!rc)
		rc = store_person_insert(c, &r->arena, r->who, &p);
	if (!rc)
		rc = store_audit(c, r->who, "person.create", "person", p.id,
				 nlikely ? "confirmed_new" : NULL);
	/* The worker judged each likely match another person: the scan will not ask again. */
	for (size_t i = 0; !rc && i < nlikely; i++)
		rc = store_dup_record(c, r->who, p.id, likely[i].id, likely[i].score,
				      likely[i].reasons, "registration", "distinct");
	rc = store_finish(c, rc);
	if (rc)
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld", (long long)p.id));
}

int page_person_edit_get(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct person p;
	int rc = store_person_get(req_db(r), &r->arena, r->who, r->param[0], &p);
	if (rc)
		return rc;
	if (!access_may_write_persons(r->who) || p.erased_at)
		return K_EFORBIDDEN;
	/* The form shows the whole record: it is a view like the person's page. */
	if ((rc = audit_writer_log(r->app->audit, r->who, "person.view", "person", p.id, "edit",
				   p.restricted)))
		return rc;
	/* A protection pathway proposes a category (?category=): the form shows it ticked, and
	 * nothing changes until the worker saves it with the reason. */
	const char *add = req_query(r, "category");
	if (add && ref_valid("categories", add) && !person_has_category(&p, add) &&
	    p.ncategories < PERSON_MAX_CATEGORIES)
		p.categories[p.ncategories++] = add;
	struct field_errors e = { 0 };
	render_form(r, &p, &e, NULL, 0);
	return 0;
}

/* The names of the fields that differ, for the audit (never the values). */
static const char *changed_fields(struct req *r, const struct person *old, const struct person *p)
{
	const char *out = "";
	for (const char *const *f = person_fields; *f; f++) {
		const char *a = person_field_text(&r->arena, old, *f);
		const char *b = person_field_text(&r->arena, p, *f);
		if ((a || b) && (!a || !b || strcmp(a, b) != 0))
			out = arena_printf(&r->arena, "%s%s%s", out, *out ? "," : "", *f);
	}
	return out;
}

int page_person_post(struct req *r)
{
	if (!access_may_read_persons(r->who))
		return K_ENOTFOUND;
	struct dbconn *c = req_db(r);
	struct person old;
	int rc = store_person_get(c, &r->arena, r->who, r->param[0], &old);
	if (rc)
		return rc;
	if (!access_may_write_persons(r->who) || old.erased_at)
		return K_EFORBIDDEN;
	struct person p = { 0 };
	struct field_errors e = { 0 };
	person_from_form(r, &p);
	p.id = old.id;
	p.household_id = old.household_id;
	p.version = form_version(r, &e);
	person_validate(&r->arena, &p, r->today, &e);
	person_validate_change(&old, &p, &e);
	if (e.n) {
		r->status = 422;
		render_form(r, &p, &e, NULL, 0);
		return 0;
	}
	const char *fields = changed_fields(r, &old, &p);
	rc = store_begin(c);
	if (!rc)
		rc = store_person_update(c, &r->arena, r->who, &old, &p);
	if (!rc)
		rc = store_audit(c, r->who, "person.update", "person", p.id, fields);
	rc = store_finish(c, rc);
	if (rc) {
		if (rc != K_ECONFLICT)
			return rc;
		/* Someone saved first: show the version now stored (read again: another save
		 * may have landed since `old` was read) and keep this input. */
		r->status = 409;
		struct person now;
		p.version = store_person_get(c, &r->arena, r->who, old.id, &now) == 0 ? now.version
										      : old.version;
		render_form(r, &p, &e,
			    N_("Someone else changed this person while you were editing. Your "
			       "changes are below and were not saved; check them against the "
			       "current record and save again."),
			    0);
		return 0;
	}
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld", (long long)p.id));
}
