/* programme.c: see programme.h. */
#include "domain/programme.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

const struct support_rule *support_rule_on(const struct support_rule *rules, size_t n,
					   const char *kind, const char *on)
{
	const struct support_rule *best = NULL;
	for (size_t i = 0; i < n; i++)
		if (strcmp(rules[i].kind, kind) == 0 && strcmp(rules[i].valid_from, on) <= 0 &&
		    (!best || strcmp(rules[i].valid_from, best->valid_from) > 0))
			best = &rules[i];
	return best;
}

void programme_entitlements(const struct rates *r, const struct support_rule *rules, size_t n,
			    int64_t family_size, const char *on, struct entitlements *out)
{
	*out = (struct entitlements){ .year = r ? r->year : 0, .family_size = family_size };
	if (!r || r->mrp <= 0 || family_size < 1)
		return;
	out->known = true;
	out->mrp = r->mrp;
	const struct support_rule *x = support_rule_on(rules, n, "relocation_subsidy", on);
	if (x)
		out->relocation = x->per_member_mrp * r->mrp * family_size;
	if ((x = support_rule_on(rules, n, "rent_support", on))) {
		out->rent_month_min = x->min_mrp * r->mrp;
		out->rent_month_max = x->max_mrp * r->mrp;
		out->rent_months = x->months;
		out->rent_total_min = out->rent_month_min * x->months;
		out->rent_total_max = out->rent_month_max * x->months;
	}
	if ((x = support_rule_on(rules, n, "housing_certificate", on)))
		out->certificate_max = x->max_mrp * r->mrp;
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int person_age_on(const char *birth_date, const char *on)
{
	if (!birth_date || !on || strlen(on) != 10 || strlen(birth_date) < 4)
		return -1;
	int by = digits(birth_date, 4), oy = digits(on, 4);
	int bmd = strlen(birth_date) == 10
		      ? digits(birth_date + 5, 2) * 100 + digits(birth_date + 8, 2)
		      : 701;
	int omd = digits(on + 5, 2) * 100 + digits(on + 8, 2);
	if (by < 0 || oy < 0 || bmd < 0 || omd < 0)
		return -1;
	int age = oy - by - (omd < bmd ? 1 : 0);
	return age < 0 ? -1 : age;
}

static bool listed(const char *const *list, size_t n, const char *code)
{
	for (size_t i = 0; code && i < n; i++)
		if (strcmp(list[i], code) == 0)
			return true;
	return false;
}

bool programme_eligible(const struct programme *p, const struct person *who, const char *on,
			const char **why)
{
	*why = NULL;
	if (p->ncategories || p->nlegal_statuses) {
		bool ok = listed(p->legal_statuses, p->nlegal_statuses, who->legal_status);
		for (size_t i = 0; !ok && i < who->ncategories; i++)
			ok = listed(p->categories, p->ncategories, who->categories[i]);
		if (!ok) {
			*why = N_("The person's category and legal status are not among those the "
				  "programme serves.");
			return false;
		}
	}
	if (p->age_min >= 0 || p->age_max >= 0) {
		int age = person_age_on(who->birth_date, on);
		if (age < 0) {
			*why = N_("The programme has an age rule: record the person's birth date "
				  "first.");
			return false;
		}
		if ((p->age_min >= 0 && age < p->age_min) ||
		    (p->age_max >= 0 && age > p->age_max)) {
			*why = N_("The person's age is outside the programme's.");
			return false;
		}
	}
	return true;
}

int programme_validate(struct arena *a, struct programme *p, struct field_errors *errs)
{
	size_t before = errs->n;
	p->name = val_trim(a, p->name);
	p->kind = val_trim(a, p->kind);
	p->description = val_trim(a, p->description);
	val_ref(errs, "kind", "programme_kinds", p->kind, true);
	val_text(errs, "name", p->name, true, PROGRAMME_NAME_MAX);
	val_note(errs, "description", p->description, PROGRAMME_NOTE_MAX);
	for (size_t i = 0; i < p->ncategories; i++)
		val_ref(errs, "categories", "categories", p->categories[i], true);
	for (size_t i = 0; i < p->nlegal_statuses; i++)
		val_ref(errs, "legal_statuses", "legal_statuses", p->legal_statuses[i], true);
	if (p->age_min > 120 || p->age_min < -1)
		field_error_add(errs, "age_min", N_("Enter an age from 0 to 120."));
	if (p->age_max > 120 || p->age_max < -1)
		field_error_add(errs, "age_max", N_("Enter an age from 0 to 120."));
	if (p->age_min >= 0 && p->age_max >= 0 && p->age_max < p->age_min &&
	    !field_error_for(errs, "age_max"))
		field_error_add(errs, "age_max", N_("The upper age is below the lower."));
	return errs->n > before ? K_EINVAL : 0;
}

int quota_validate(struct arena *a, struct quota *q, struct field_errors *errs)
{
	size_t before = errs->n;
	q->region = val_trim(a, q->region);
	val_ref(errs, "region", "regions", q->region, true);
	if (q->year < 2000 || q->year > 2100)
		field_error_add(errs, "year", N_("Enter a year from 2000 to 2100."));
	if (q->quota < 0 || q->quota > PROGRAMME_QUOTA_MAX)
		field_error_add(errs, "quota", N_("Enter a number from 0 to 1000000."));
	return errs->n > before ? K_EINVAL : 0;
}

int enrolment_validate(struct arena *a, struct enrolment *e, const struct programme *p,
		       const char *today, struct field_errors *errs)
{
	size_t before = errs->n;
	e->region = val_trim(a, e->region);
	e->enrolled_on = val_trim(a, e->enrolled_on);
	e->note = val_trim(a, e->note);
	if (!e->enrolled_on)
		e->enrolled_on = today;
	if (e->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	val_ref(errs, "region", "regions", e->region, p->has_quota);
	val_date(errs, "enrolled_on", e->enrolled_on, today, true);
	if (!e->year && date_valid(e->enrolled_on))
		e->year = digits(e->enrolled_on, 4);
	if ((e->year < 2000 || e->year > 2100) && !field_error_for(errs, "year"))
		field_error_add(errs, "year", N_("Enter a year from 2000 to 2100."));
	if ((e->family_size < 1 || e->family_size > PROGRAMME_FAMILY_MAX) &&
	    !field_error_for(errs, "family_size"))
		field_error_add(errs, "family_size", N_("Enter a number of people from 1 to 30."));
	val_note(errs, "note", e->note, PROGRAMME_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int withdraw_validate(const char *enrolled_on, const char *date, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	if (!date)
		field_error_add(errs, "date", N_("Enter a date as YYYY-MM-DD."));
	else
		val_date(errs, "date", date, today, true);
	if (errs->n == before && enrolled_on && strcmp(date, enrolled_on) < 0)
		field_error_add(errs, "date", N_("The date is before the enrolment."));
	return errs->n > before ? K_EINVAL : 0;
}

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

int support_validate(struct arena *a, struct support *s, const struct enrolment *e,
		     const struct entitlements *ent, const struct support *given_before,
		     size_t ngiven, const char *today, struct field_errors *errs)
{
	size_t before = errs->n;
	s->kind = val_trim(a, s->kind);
	s->given_on = val_trim(a, s->given_on);
	s->note = val_trim(a, s->note);
	if (!s->given_on)
		s->given_on = today;
	val_ref(errs, "kind", "support_kinds", s->kind, true);
	val_date(errs, "given_on", s->given_on, today, true);
	if (e->enrolled_on && date_valid(s->given_on) && strcmp(s->given_on, e->enrolled_on) < 0)
		field_error_add(errs, "given_on", N_("The date is before the enrolment."));
	if ((s->amount <= 0 || s->amount > 10000000000) && !field_error_for(errs, "amount"))
		field_error_add(errs, "amount",
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
	val_note(errs, "note", s->note, PROGRAMME_NOTE_MAX);
	if (errs->n > before || is(s->kind, "other"))
		return errs->n > before ? K_EINVAL : 0;
	size_t same = 0;
	for (size_t i = 0; i < ngiven; i++)
		same += is(given_before[i].kind, s->kind);
	if (!ent->known) {
		field_error_add(errs, "amount",
				N_("Komek has no monthly calculation index for that year."));
	} else if (is(s->kind, "relocation_subsidy")) {
		if (same)
			field_error_add(errs, "kind", N_("The relocation subsidy is given once."));
		else if (s->amount > ent->relocation)
			field_error_add(errs, "amount",
					N_("More than the family is entitled to: 70 MRP for each "
					   "member."));
	} else if (is(s->kind, "rent_support")) {
		if ((int64_t)same >= ent->rent_months)
			field_error_add(errs, "kind",
					N_("Rent support is given for 12 months at most."));
		else if (s->amount < ent->rent_month_min || s->amount > ent->rent_month_max)
			field_error_add(errs, "amount",
					N_("A month's rent support is from 15 to 30 MRP."));
	} else if (is(s->kind, "housing_certificate")) {
		if (same)
			field_error_add(errs, "kind", N_("The housing certificate is given once."));
		else if (s->amount > ent->certificate_max)
			field_error_add(errs, "amount",
					N_("More than the housing certificate's ceiling."));
	}
	return errs->n > before ? K_EINVAL : 0;
}

const char *programme_name_in(const char *lang, const char *name, const char *kk, const char *ru)
{
	if (lang && strcmp(lang, "kk") == 0 && kk)
		return kk;
	if (lang && strcmp(lang, "ru") == 0 && ru)
		return ru;
	return name;
}

bool programme_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool programme_may_enrol(const struct actor *a)
{
	return access_may_write_persons(a);
}

bool programme_may_manage(const struct actor *a)
{
	return a->role == ROLE_ADMIN;
}
