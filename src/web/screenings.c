/* screenings.c: a person's screenings in the pages (issue 8; domain/screening.h): the box on
 * the person's page, the history, the form of each instrument with its items in the
 * language the screening is given in, and a screening's result with what it proposes (a
 * psychologist, or the protection pathway). Every page that shows a screening is an audited
 * view of the person. */
#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "store/audit_writer.h"
#include "store/store.h"
#include "web/layout.h"
#include "web/pages.h"

/* The person of the path for a reader the rule `may` allows (else K_EFORBIDDEN). */
static int screened_person(struct req *r, bool (*may)(const struct actor *), struct person *p)
{
	if (!access_may_read_persons(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_person_get(req_db(r), &r->arena, r->who, r->param[0], p);
}

static int log_view(struct req *r, const struct person *p, const char *what)
{
	return audit_writer_log(r->app->audit, r->who, "screening.view", "person", p->id, what,
				p->restricted);
}

/* The label of a code a result carries: an instrument's indicator or dimension, or a code
 * of the reference lists of results. */
static const char *code_label(struct req *r, const struct instrument *in, const char *code)
{
	for (size_t i = 0; in && i < in->nitems; i++)
		if (in->kind == SCREEN_CHECKLIST && strcmp(in->items[i].code, code) == 0)
			return i18n_tr(r->lang, in->items[i].text);
	for (size_t i = 0; in && i < in->ngroups; i++)
		if (strcmp(in->groups[i].code, code) == 0)
			return i18n_tr(r->lang, in->groups[i].name);
	return ref_text(r, "screening_results", code);
}

/* A result in a few words: the band, positive or not, the conclusion, the finding. */
/* A result in a few words, the parts apart: the total (with its band), positive or not, the
 * conclusion, the finding, an alert. */
static void result_summary(struct req *r, struct html *h, const struct screening *x)
{
	const struct screen_result *res = &x->result;
	const char *parts[4];
	size_t n = 0;
	if (res->total >= 0 && res->band)
		html(h, "%d (%s)", res->total, ref_text(r, "screening_results", res->band));
	else if (res->total >= 0)
		html(h, "%d", res->total);
	if (res->positive >= 0 && !x->finding)
		parts[n++] = i18n_tr(r->lang, res->positive ? N_("positive") : N_("negative"));
	if (res->conclusion && strcmp(x->instrument, "ilo_ec_trafficking") == 0)
		parts[n++] = ref_text(r, "screening_results", res->conclusion);
	if (x->finding)
		parts[n++] = arena_printf(&r->arena, "%s: %s", i18n_tr(r->lang, N_("finding")),
					  ref_text(r, "screening_findings", x->finding));
	for (size_t i = 0; i < n; i++)
		html(h, "%s%s", i || res->total >= 0 ? " · " : "", parts[i]);
	if (res->nalerts)
		html(h, " <strong class=\"alert\">%t</strong>", N_("alert"));
}

static void screenings_table(struct req *r, struct html *h, const struct person *p,
			     const struct screening *rows, size_t n)
{
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
	     "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
	     N_("Date"), N_("Instrument"), N_("Result"), N_("Screened by"));
	for (size_t i = 0; i < n; i++) {
		const struct instrument *in = instrument_find(rows[i].instrument);
		html(h, "<tr><td><a href=\"/persons/%D/screenings/%D\">%s</a></td><td>%t</td><td>",
		     p->id, rows[i].id, layout_date(r, rows[i].screened_on),
		     in ? in->name : rows[i].instrument);
		result_summary(r, h, &rows[i]);
		html(h, "</td><td>%s</td></tr>", rows[i].screener_name);
	}
	html(h, "</tbody></table>");
}

void page_person_screenings_box(struct req *r, struct html *h, const struct person *p, bool has)
{
	if (!screening_may_read(r->who))
		return;
	struct screening *rows = NULL;
	size_t n = 0;
	if (has && (store_screenings_of_person(req_db(r), &r->arena, r->who, p->id, &rows, &n) ||
		    log_view(r, p, "screenings")))
		return;
	html(h, "<section aria-labelledby=\"screenings-h\"><h2 id=\"screenings-h\">%t</h2>",
	     N_("Screenings"));
	if (n)
		screenings_table(r, h, p, rows, n < 5 ? n : 5);
	html(h, "<p>");
	if (n)
		html(h, "<a href=\"/persons/%D/screenings\">%t</a> ", p->id, N_("Every screening"));
	if (screening_may_write(r->who) && !p->erased_at)
		html(h, "<a class=\"button\" href=\"/persons/%D/screenings/new\">%t</a>", p->id,
		     N_("New screening"));
	html(h, "</p></section>");
}

int page_person_screenings_get(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_read, &p);
	struct screening *rows = NULL;
	size_t n = 0;
	if (!rc)
		rc = store_screenings_of_person(req_db(r), &r->arena, r->who, p.id, &rows, &n);
	if (!rc)
		rc = log_view(r, &p, "screenings");
	if (rc)
		return rc;
	struct html h;
	const char *name = layout_person_name(r, p.family_name, p.given_name, p.patronymic);
	layout_begin(r, &h, N_("Screenings"), p.restricted ? NULL : name);
	html(&h, "<h1>%t: <a href=\"/persons/%D\">%s</a></h1>", N_("Screenings"), p.id, name);
	if (screening_may_write(r->who) && !p.erased_at)
		html(&h, "<p><a class=\"button\" href=\"/persons/%D/screenings/new\">%t</a></p>",
		     p.id, N_("New screening"));
	if (n)
		screenings_table(r, &h, &p, rows, n);
	else
		html(&h, "<p>%t</p>", N_("No screenings yet."));
	layout_end(r, &h);
	return 0;
}

/* The languages a screening is given in, by their own names. */
static const char *const langs[][2] = { { "kk", "Қазақша" },
					{ "ru", "Русский" },
					{ "en", "English" } };

static const char *lang_name(const char *code)
{
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		if (code && strcmp(code, langs[i][0]) == 0)
			return langs[i][1];
	return code;
}

/* What a form sent, kept to show it again. */
struct screening_input {
	const char *instrument, *lang, *screened_on, *sdq_norm, *finding, *finding_reason;
	const char *scores[SCREEN_ITEMS_MAX]; /* as sent, per item */
	const char *codes[SCREEN_ITEMS_MAX];
	size_t ncodes;
};

static bool code_in(const char *const *codes, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (codes[i] && strcmp(codes[i], code) == 0)
			return true;
	return false;
}

/* One scored item: a fieldset of radio buttons, its wording in the language given in (ih),
 * the answers' labels too. */
static void scored_item(struct req *r, struct html *h, struct html *ih, const struct instrument *in,
			size_t k, const char *value, const struct field_errors *e)
{
	const struct screen_item *it = &in->items[k];
	const char *field = arena_printf(&r->arena, "answers.%zu", k + 1);
	const char *err = e ? field_error_for(e, field) : NULL;
	html(h, "<fieldset class=\"item%s\" id=\"item-%d\"", err ? " invalid" : "", (int)k + 1);
	if (err)
		html(h, " aria-describedby=\"e-item-%d\"", (int)k + 1);
	html(h, "><legend>%s. ", it->code);
	if (it->text)
		html(ih, "<span lang=\"%s\">%t</span>", ih->lang, it->text);
	else
		html(h, "%t", N_("Item"));
	html(h, "</legend>");
	if (err)
		html(h, "<p class=\"error\" id=\"e-item-%d\">%t</p>", (int)k + 1, err);
	html(h, "<div class=\"scale\">");
	for (int v = 0; v <= it->max; v++) {
		int64_t given;
		bool on = value && !parse_i64(value, 0, it->max, &given) && given == v;
		html(h, "<label><input type=\"radio\" name=\"item-%d\" value=\"%d\"%s", (int)k + 1,
		     v, on ? " checked" : "");
		if (err)
			html(h, " aria-invalid=\"true\"");
		html(h, "> %d", v);
		if (it->scale)
			html(ih, " <span lang=\"%s\">%t</span>", ih->lang, it->scale[v]);
		else if (in->scale && it->max == in->scale_max)
			html(ih, " <span lang=\"%s\">%t</span>", ih->lang, in->scale[v]);
		html(h, "</label>");
	}
	html(h, "</div></fieldset>");
}

static void checklist_item(struct html *h, struct html *ih, const struct screen_item *it,
			   const struct screening_input *in)
{
	html(h, "<label><input type=\"checkbox\" name=\"indicator\" value=\"%s\"%s> ", it->code,
	     code_in(in->codes, in->ncodes, it->code) ? " checked" : "");
	html(ih, "<span lang=\"%s\">%t</span>", ih->lang, it->text);
	if (it->grade)
		html(h, " <span class=\"grade\">(%t)</span>",
		     it->grade == 's'   ? N_("strong")
		     : it->grade == 'm' ? N_("medium")
					: N_("weak"));
	html(h, "</label>");
}

static void checklist(struct html *h, struct html *ih, const struct instrument *in,
		      const struct screening_input *v, const struct field_errors *e)
{
	const char *err = e ? field_error_for(e, "answers") : NULL;
	if (err)
		html(h, "<p class=\"error\" id=\"e-answers\">%t</p>", err);
	if (!in->ngroups) {
		html(h, "<fieldset class=\"checks\"><legend>%t</legend>",
		     N_("Indicators observed"));
		for (size_t k = 0; k < in->nitems; k++)
			checklist_item(h, ih, &in->items[k], v);
		html(h, "</fieldset>");
		return;
	}
	for (size_t g = 0; g < in->ngroups; g++) {
		html(h, "<fieldset class=\"checks\"><legend>");
		html(ih, "<span lang=\"%s\">%t</span>", ih->lang, in->groups[g].name);
		html(h, "</legend>");
		for (size_t k = 0; k < in->nitems; k++)
			if (in->items[k].group == (int)g + 1)
				checklist_item(h, ih, &in->items[k], v);
		html(h, "</fieldset>");
	}
}

static void sdq_norms(struct html *h, const struct screening_input *v, const struct field_errors *e)
{
	const char *err = e ? field_error_for(e, "informant") : NULL;
	if (!err && e)
		err = field_error_for(e, "norm");
	html(h,
	     "<div class=\"field%s\"><label for=\"f-sdq_norm\">%t</label><select id=\"f-sdq_norm\""
	     " name=\"sdq_norm\"",
	     err ? " invalid" : "", N_("Who answered, and the norms"));
	if (err)
		html(h, " aria-describedby=\"e-sdq_norm\" aria-invalid=\"true\"");
	html(h, ">");
	for (size_t i = 0; i < sdq_norm_count(); i++) {
		const struct sdq_norm *s = sdq_norm_at(i);
		const char *code = s->norm;
		bool on = v->sdq_norm &&
			  strncmp(v->sdq_norm, s->informant, strlen(s->informant)) == 0 &&
			  v->sdq_norm[strlen(s->informant)] == '.' &&
			  strcmp(v->sdq_norm + strlen(s->informant) + 1, code) == 0;
		html(h, "<option value=\"%s.%s\"%s>%t</option>", s->informant, code,
		     on ? " selected" : "", s->name);
	}
	html(h, "</select>");
	if (err)
		html(h, "<p class=\"error\" id=\"e-sdq_norm\">%t</p>", err);
	html(h, "</div>");
}

static void finding_fields(struct html *h, const struct screening_input *v,
			   const struct field_errors *e)
{
	const char *err = e ? field_error_for(e, "finding") : NULL;
	html(h, "<fieldset class=\"checks%s\"", err ? " invalid" : "");
	if (err)
		html(h, " aria-describedby=\"e-finding\"");
	html(h, "><legend>%t</legend><p class=\"hint\">%t</p>", N_("Your finding"),
	     N_("The indicators are evidence, not a verdict: weigh them with what you know and "
		"record your professional judgement and what it rests on."));
	if (err)
		html(h, "<p class=\"error\" id=\"e-finding\">%t</p>", err);
	const struct ref_list *l = ref_list_find("screening_findings");
	for (size_t i = 0; l && i < l->n; i++) {
		html(h, "<label><input type=\"radio\" name=\"finding\" value=\"%s\"%s",
		     l->items[i].code,
		     v->finding && strcmp(v->finding, l->items[i].code) == 0 ? " checked" : "");
		if (err)
			html(h, " aria-invalid=\"true\"");
		html(h, "> %s</label>", ref_label(&l->items[i], h->lang));
	}
	html(h, "</fieldset>");
	form_textarea(h, "finding_reason", N_("What your finding rests on"), v->finding_reason, e,
		      NULL);
}

/* The list of instruments to choose from. */
static void choose_instrument(struct req *r, struct html *h, const struct person *p)
{
	html(h, "<p>%t</p><ul class=\"instruments\">", N_("Choose the instrument."));
	for (size_t i = 0; i < instrument_count(); i++) {
		const struct instrument *in = instrument_at(i);
		html(h,
		     "<li><a href=\"/persons/%D/screenings/new?instrument=%u\">%t</a> <span "
		     "class=\"hint\">%s</span></li>",
		     p->id, in->code, in->name, in->source);
	}
	html(h, "</ul>");
	(void)r;
}

static void render_form(struct req *r, const struct person *p, const struct instrument *in,
			const struct screening_input *v, const struct field_errors *e)
{
	struct html h;
	const char *name = layout_person_name(r, p->family_name, p->given_name, p->patronymic);
	layout_begin(r, &h, N_("New screening"), p->restricted ? NULL : name);
	html(&h, "<h1>%t: <a href=\"/persons/%D\">%s</a></h1>", N_("New screening"), p->id, name);
	if (!in) {
		choose_instrument(r, &h, p);
		layout_end(r, &h);
		return;
	}
	const char *lang = v->lang && i18n_lang(v->lang) ? i18n_lang(v->lang) : r->lang;
	struct html ih = { h.out, lang };
	html(&h, "<h2>%t</h2><p class=\"hint\">%s</p>", in->name, in->source);
	/* The language the screening is given in, which may differ from the page's. */
	html(&h, "<nav aria-label=\"%t\"><p>%t:", N_("Language of the screening"),
	     N_("Language of the screening"));
	for (size_t i = 0; i < ARRAY_SIZE(langs); i++)
		if (strcmp(lang, langs[i][0]) == 0)
			html(&h, " <strong aria-current=\"true\">%s</strong>", langs[i][1]);
		else
			html(&h,
			     " <a href=\"/persons/%D/screenings/new?instrument=%u&amp;lang=%u\""
			     " lang=\"%s\">%s</a>",
			     p->id, in->code, langs[i][0], langs[i][0], langs[i][1]);
	html(&h, "</p></nav>");
	if (e && e->n)
		html(&h, "<p class=\"error\" role=\"alert\">%t</p>",
		     N_("Some fields need attention; they are marked below."));
	html(&h, "<form method=\"post\" action=\"/persons/%D/screenings\" class=\"screening\">",
	     p->id);
	form_hidden_csrf(r, &h);
	html(&h,
	     "<input type=\"hidden\" name=\"instrument\" value=\"%s\"><input type=\"hidden\" "
	     "name=\"lang\" value=\"%s\">",
	     in->code, lang);
	form_text(&h, "screened_on", N_("Date"), v->screened_on ? v->screened_on : r->today, e,
		  "date");
	if (in->informant)
		sdq_norms(&h, v, e);
	html(&h, "<div class=\"items\">");
	if (in->intro)
		html(&ih, "<p class=\"intro\" lang=\"%s\">%t</p>", lang, in->intro);
	if (in->kind == SCREEN_SCORED) {
		const char *err = e ? field_error_for(e, "answers") : NULL;
		if (err)
			html(&h, "<p class=\"error\">%t</p>", err);
		if (!in->items[0].text)
			html(&h, "<p class=\"hint\">%t</p>",
			     N_("Enter the answers from the paper form, item by item."));
		for (size_t k = 0; k < in->nitems; k++)
			scored_item(r, &h, &ih, in, k, v->scores[k], e);
	} else {
		checklist(&h, &ih, in, v, e);
	}
	html(&h, "</div>");
	if (in->finding)
		finding_fields(&h, v, e);
	html(&h, "<p><button type=\"submit\">%t</button></p></form>", N_("Save the screening"));
	layout_end(r, &h);
}

int page_person_screening_new_get(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	const char *code = req_query(r, "instrument");
	const struct instrument *in = code ? instrument_find(code) : NULL;
	struct screening_input v = { .lang = req_query(r, "lang") };
	render_form(r, &p, in, &v, NULL);
	return 0;
}

int page_person_screenings_post(struct req *r)
{
	struct person p;
	int rc = screened_person(r, screening_may_write, &p);
	if (rc)
		return rc;
	if (p.erased_at)
		return K_EFORBIDDEN;
	struct screening_input v = {
		.instrument = req_form(r, "instrument"),
		.lang = req_form(r, "lang"),
		.screened_on = req_form(r, "screened_on"),
		.sdq_norm = req_form(r, "sdq_norm"),
		.finding = req_form(r, "finding"),
		.finding_reason = req_form(r, "finding_reason"),
	};
	const struct instrument *in = v.instrument ? instrument_find(v.instrument) : NULL;
	struct field_errors e = { 0 };
	if (!in) { /* the list to choose from, again */
		r->status = 422;
		render_form(r, &p, NULL, &v, NULL);
		return 0;
	}
	struct screening x = { .person_id = p.id,
			       .instrument = in->code,
			       .lang = v.lang,
			       .screened_on = v.screened_on,
			       .finding = v.finding,
			       .finding_reason = v.finding_reason };
	if (in->kind == SCREEN_SCORED) {
		/* An item left unanswered is named; the rest are kept. */
		for (size_t k = 0; k < in->nitems; k++) {
			v.scores[k] = req_form(r, arena_printf(&r->arena, "item-%zu", k + 1));
			int64_t score;
			if (!v.scores[k] || parse_i64(v.scores[k], 0, in->items[k].max, &score))
				field_error_add(&e, arena_printf(&r->arena, "answers.%zu", k + 1),
						N_("Answer this item."));
			else
				x.answers.scores[k] = (int)score;
		}
		x.answers.nscores = in->nitems;
	} else {
		v.ncodes = req_form_all(r, "indicator", v.codes, SCREEN_ITEMS_MAX);
		memcpy(x.answers.codes, v.codes, v.ncodes * sizeof(v.codes[0]));
		x.answers.ncodes = v.ncodes;
	}
	if (in->informant && v.sdq_norm) {
		const char *dot = strchr(v.sdq_norm, '.');
		if (dot) {
			x.answers.informant =
			    arena_strndup(&r->arena, v.sdq_norm, (size_t)(dot - v.sdq_norm));
			x.answers.norm = dot + 1;
		}
	}
	if (!e.n)
		rc = screening_record_validate(&r->arena, &x, &p, r->today, &e);
	if (e.n) {
		r->status = 422;
		render_form(r, &p, in, &v, &e);
		return 0;
	}
	if ((rc = store_screening_add(req_db(r), &r->arena, r->who, &x)))
		return rc;
	return req_redirect(r, arena_printf(&r->arena, "/persons/%lld/screenings/%lld",
					    (long long)p.id, (long long)x.id));
}

/* The answers as given: each item with its score, or the indicators observed. */
static void answers_table(struct req *r, struct html *h, const struct instrument *in,
			  const struct screening *x)
{
	html(h, "<section aria-labelledby=\"answers-h\"><h2 id=\"answers-h\">%t</h2>",
	     N_("Answers"));
	if (in->kind == SCREEN_CHECKLIST) {
		if (!x->answers.ncodes)
			html(h, "<p>%t</p>", N_("No indicator was observed."));
		html(h, "<ul>");
		for (size_t i = 0; i < x->answers.ncodes; i++)
			html(h, "<li>%s</li>", code_label(r, in, x->answers.codes[i]));
		html(h, "</ul></section>");
		return;
	}
	html(h,
	     "<table class=\"list\"><thead><tr><th scope=\"col\">%t</th><th scope=\"col\" "
	     "class=\"num\">%t</th></tr></thead><tbody>",
	     N_("Item"), N_("Score"));
	for (size_t k = 0; k < x->answers.nscores && k < in->nitems; k++) {
		html(h, "<tr><td>%s. ", in->items[k].code);
		if (in->items[k].text)
			html(h, "%t", in->items[k].text);
		html(h, "</td><td class=\"num\">%d</td></tr>", x->answers.scores[k]);
	}
	html(h, "</tbody></table></section>");
}

/* What the result proposes, each step with where to take it. */
static void proposals_box(struct req *r, struct html *h, const struct instrument *in,
			  const struct screening *x, const struct person *p)
{
	const char *prop[SCREEN_PROPOSALS_MAX];
	size_t n = screening_proposals(in, &x->result, x->finding, prop);
	if (!n)
		return;
	html(h,
	     "<section aria-labelledby=\"proposals-h\" class=\"proposals\"><h2 "
	     "id=\"proposals-h\">%t</h2><ul>",
	     N_("Proposed next steps"));
	const char *category = strcmp(in->code, "ilo_forced_labour") == 0 ? "forced_labour_victim"
									  : "trafficking_victim";
	for (size_t i = 0; i < n; i++) {
		html(h, "<li>%s", ref_text(r, "screening_proposals", prop[i]));
		if (strcmp(prop[i], "restrict_record") == 0) {
			if (p->restricted)
				html(h, " (%t)", N_("done: the record is restricted"));
			else
				html(h, ": <a href=\"/persons/%D/edit?category=%u\">%t</a>", p->id,
				     category, N_("add the protection category"));
		} else if (strcmp(prop[i], "accommodation") == 0) {
			html(h, ": <a href=\"/centres\">%t</a>", N_("Centres"));
		} else {
			html(h, ": <a href=\"/persons/%D#cases-h\">%t</a>", p->id,
			     N_("the person's cases"));
		}
		html(h, "</li>");
	}
	html(h, "</ul></section>");
}

int page_person_screening_get(struct req *r)
{
	struct person p;
	struct screening x;
	int rc = screened_person(r, screening_may_read, &p);
	if (!rc)
		rc = store_screening_get(req_db(r), &r->arena, r->who, p.id, r->param[1], &x);
	if (!rc)
		rc = log_view(r, &p, arena_printf(&r->arena, "screening %lld", (long long)x.id));
	if (rc)
		return rc;
	const struct instrument *in = instrument_find(x.instrument);
	if (!in)
		return K_ENOTFOUND;
	const struct screen_result *res = &x.result;
	struct html h;
	const char *name = layout_person_name(r, p.family_name, p.given_name, p.patronymic);
	layout_begin(r, &h, in->name, p.restricted ? NULL : name);
	html(&h,
	     "<h1>%t: <a href=\"/persons/%D\">%s</a></h1><p><a "
	     "href=\"/persons/%D/screenings\">%t</a></p>",
	     in->name, p.id, name, p.id, N_("Every screening"));
	for (size_t i = 0; i < res->nalerts; i++)
		html(&h, "<p class=\"error\" role=\"alert\"><strong>%s</strong></p>",
		     ref_text(r, "screening_results", res->alerts[i]));
	html(&h, "<dl>");
	layout_dl(&h, N_("Date"), layout_date(r, x.screened_on));
	layout_dl(&h, N_("Language of the screening"), lang_name(x.lang));
	layout_dl(&h, N_("Screened by"), x.screener_name);
	if (x.answers.informant) {
		const struct sdq_norm *nm = sdq_norm_find(x.answers.informant, x.answers.norm);
		layout_dl(&h, N_("Who answered, and the norms"),
			  nm ? i18n_tr(r->lang, nm->name) : x.answers.norm);
	}
	if (res->total >= 0)
		layout_dl(&h, N_("Total"), arena_printf(&r->arena, "%d", res->total));
	if (res->band)
		layout_dl(&h, N_("Band"), ref_text(r, "screening_results", res->band));
	if (res->positive >= 0)
		layout_dl(&h, N_("Screen"),
			  i18n_tr(r->lang, res->positive ? N_("positive") : N_("negative")));
	if (res->conclusion)
		layout_dl(&h, N_("Conclusion"), ref_text(r, "screening_results", res->conclusion));
	if (x.finding) {
		layout_dl(&h, N_("Finding of the worker"),
			  ref_text(r, "screening_findings", x.finding));
		layout_dl(&h, N_("What the finding rests on"), x.finding_reason);
	}
	layout_dl(&h, N_("Version"), x.version);
	html(&h, "</dl>");
	/* The indicators found of a plain checklist are its answers, listed below. */
	if (res->nreasons && !(in->kind == SCREEN_CHECKLIST && !in->ngroups)) {
		html(&h, "<section aria-labelledby=\"reasons-h\"><h2 id=\"reasons-h\">%t</h2><ul>",
		     in->finding ? N_("Found") : N_("Why"));
		for (size_t i = 0; i < res->nreasons; i++)
			html(&h, "<li>%s</li>", code_label(r, in, res->reasons[i]));
		html(&h, "</ul></section>");
	}
	if (in->ngroups) {
		html(&h,
		     "<table class=\"list\"><caption>%t</caption><thead><tr><th "
		     "scope=\"col\">%t</th>"
		     "<th scope=\"col\" class=\"num\">%t</th></tr></thead><tbody>",
		     in->informant ? N_("Subscales") : N_("Dimensions"),
		     in->informant ? N_("Subscale") : N_("Dimension"),
		     in->informant ? N_("Score") : N_("Positive"));
		for (size_t g = 0; g < in->ngroups && g < SCREEN_GROUPS_MAX; g++) {
			html(&h, "<tr><td>%t</td><td class=\"num\">", in->groups[g].name);
			if (in->informant)
				html(&h, "%d", res->groups[g]);
			else
				html(&h, "%t", res->groups[g] ? N_("yes") : N_("no"));
			html(&h, "</td></tr>");
		}
		html(&h, "</tbody></table>");
	}
	proposals_box(r, &h, in, &x, &p);
	answers_table(r, &h, in, &x);
	layout_end(r, &h);
	return 0;
}
