/* recommend.c: proposals from rules (see recommend.h). */
#include "domain/recommend.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/reference.h"
#include "domain/validate.h"

static int level_urgency(const char *level)
{
	if (!level)
		return 0;
	if (strcmp(level, "none") == 0)
		return URGENCY_MAX;
	return strcmp(level, "basic") == 0 ? 2 : 0;
}

int rec_urgency(const struct rec_facts *f, const char *need, bool *registry)
{
	*registry = false;
	int k = need_index(need);
	if (k < 0)
		return 0;
	if (f->assessed)
		return f->urgency[k];
	const char *level = strcmp(need, "language_kk") == 0   ? f->lang_kk
			    : strcmp(need, "language_ru") == 0 ? f->lang_ru
							       : NULL;
	*registry = level != NULL;
	return level_urgency(level);
}

static bool has_category(const struct rec_facts *f, const char *code)
{
	for (size_t i = 0; i < f->ncategories; i++)
		if (strcmp(f->categories[i], code) == 0)
			return true;
	return false;
}

size_t recommend(const struct rec_rule *rules, size_t nrules, const struct rec_facts *f,
		 struct rec_proposal *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < nrules && n < max; i++) {
		const struct rec_rule *r = &rules[i];
		if (!r->active || (!r->category && !r->legal_status && !r->need))
			continue;
		struct rec_proposal p = { .rule = r };
		if (r->category) {
			if (!has_category(f, r->category))
				continue;
			p.reasons[p.nreasons++] =
			    (struct rec_reason){ .kind = REASON_CATEGORY, .code = r->category };
		}
		if (r->legal_status) {
			if (!f->legal_status || strcmp(f->legal_status, r->legal_status) != 0)
				continue;
			p.reasons[p.nreasons++] = (struct rec_reason){ .kind = REASON_LEGAL_STATUS,
								       .code = r->legal_status };
		}
		if (r->need) {
			bool registry;
			int u = rec_urgency(f, r->need, &registry);
			if (u < r->min_urgency || u == 0)
				continue;
			p.reasons[p.nreasons++] = (struct rec_reason){ .kind = REASON_NEED,
								       .code = r->need,
								       .urgency = u,
								       .registry = registry };
		}
		out[n++] = p;
	}
	return n;
}

static void label(struct arena *a, struct field_errors *errs, const char *field, const char **v)
{
	*v = val_trim(a, *v);
	val_text(errs, field, *v, true, 200);
}

int rec_rule_validate(struct arena *a, struct rec_rule *r, struct field_errors *errs)
{
	val_ref(errs, "category", "categories", r->category, false);
	val_ref(errs, "legal_status", "legal_statuses", r->legal_status, false);
	val_ref(errs, "need", "needs", r->need, false);
	if (!r->category && !r->legal_status && !r->need)
		field_error_add(errs, "category", N_("Give at least one condition."));
	if (r->need && (r->min_urgency < 1 || r->min_urgency > URGENCY_MAX))
		field_error_add(errs, "min_urgency", N_("Choose a value from the list."));
	val_ref(errs, "function", "functions", r->function, true);
	val_ref(errs, "means", "means", r->means, true);
	val_ref(errs, "service_kind", "service_kinds", r->service_kind, true);
	val_ref(errs, "form", "forms", r->form, true);
	label(a, errs, "label_kk", &r->label_kk);
	label(a, errs, "label_ru", &r->label_ru);
	label(a, errs, "label_en", &r->label_en);
	return errs->n ? K_EINVAL : 0;
}

const char *rec_rule_label(const struct rec_rule *r, const char *lang)
{
	if (lang && strcmp(lang, "kk") == 0)
		return r->label_kk;
	if (lang && strcmp(lang, "ru") == 0)
		return r->label_ru;
	return r->label_en;
}

int rec_decision_validate(struct arena *a, const struct rec_rule *rule, struct rec_decision *d,
			  struct field_errors *errs)
{
	d->note = val_trim(a, d->note);
	val_note(errs, "note", d->note, NEED_NOTE_MAX);
	const char *dec = d->decision;
	if (!dec ||
	    (strcmp(dec, "accepted") && strcmp(dec, "rejected") && strcmp(dec, "changed"))) {
		field_error_add(errs, "decision", N_("Choose a value from the list."));
		return K_EINVAL;
	}
	if (strcmp(dec, "changed") != 0) {
		bool accepted = strcmp(dec, "accepted") == 0;
		d->function = accepted ? rule->function : NULL;
		d->means = accepted ? rule->means : NULL;
		d->service_kind = accepted ? rule->service_kind : NULL;
		d->form = accepted ? rule->form : NULL;
		return errs->n ? K_EINVAL : 0;
	}
	if (!d->function)
		d->function = rule->function;
	if (!d->means)
		d->means = rule->means;
	if (!d->service_kind)
		d->service_kind = rule->service_kind;
	if (!d->form)
		d->form = rule->form;
	val_ref(errs, "function", "functions", d->function, true);
	val_ref(errs, "means", "means", d->means, true);
	val_ref(errs, "service_kind", "service_kinds", d->service_kind, true);
	val_ref(errs, "form", "forms", d->form, true);
	if (!errs->n && strcmp(d->function, rule->function) == 0 &&
	    strcmp(d->means, rule->means) == 0 &&
	    strcmp(d->service_kind, rule->service_kind) == 0 && strcmp(d->form, rule->form) == 0)
		field_error_add(errs, "decision",
				N_("Nothing was changed: accept the proposal as it is instead."));
	return errs->n ? K_EINVAL : 0;
}
