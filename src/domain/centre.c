/* centre.c: see centre.h. */
#include "domain/centre.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

int centre_validate(struct arena *a, struct centre *c, struct field_errors *errs)
{
	size_t before = errs->n;
	c->name = val_trim(a, c->name);
	c->address = val_trim(a, c->address);
	c->phone = val_trim(a, c->phone);
	c->region = val_trim(a, c->region);
	val_ref(errs, "kind", "centre_kinds", c->kind, true);
	val_text(errs, "name", c->name, true, CENTRE_NAME_MAX);
	val_ref(errs, "region", "regions", c->region, false);
	val_text(errs, "address", c->address, false, CENTRE_LINE_MAX);
	val_phone(errs, "phone", c->phone);
	return errs->n > before ? K_EINVAL : 0;
}

int room_validate(struct arena *a, struct room *r, struct field_errors *errs)
{
	size_t before = errs->n;
	r->name = val_trim(a, r->name);
	r->note = val_trim(a, r->note);
	val_text(errs, "name", r->name, true, CENTRE_NAME_MAX);
	val_note(errs, "note", r->note, CENTRE_NOTE_MAX);
	if (r->beds < 1 || r->beds > ROOM_BEDS_MAX)
		field_error_add(errs, "beds", N_("Enter a number of beds from 1 to 50."));
	return errs->n > before ? K_EINVAL : 0;
}

int placement_validate(struct arena *a, struct placement *p, const char *today,
		       struct field_errors *errs)
{
	size_t before = errs->n;
	p->check_in = val_trim(a, p->check_in);
	p->planned_out = val_trim(a, p->planned_out);
	p->note = val_trim(a, p->note);
	if (!p->check_in)
		p->check_in = today;
	if (p->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	if (p->bed_id <= 0 && !field_error_for(errs, "bed_id"))
		field_error_add(errs, "bed_id", N_("Choose a free bed."));
	val_date(errs, "check_in", p->check_in, today, true);
	val_date(errs, "planned_out", p->planned_out, today, false);
	if (p->planned_out && !field_error_for(errs, "check_in") &&
	    !field_error_for(errs, "planned_out") && strcmp(p->planned_out, p->check_in) < 0)
		field_error_add(errs, "planned_out",
				N_("The planned check-out is before the check-in."));
	val_note(errs, "note", p->note, CENTRE_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int waiting_validate(struct arena *a, struct waiting *w, const char *today,
		     struct field_errors *errs)
{
	size_t before = errs->n;
	w->since = val_trim(a, w->since);
	w->note = val_trim(a, w->note);
	if (!w->since)
		w->since = today;
	if (w->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	val_date(errs, "since", w->since, today, true);
	val_note(errs, "note", w->note, CENTRE_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int checkout_validate(const char *check_in, const char *date, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	if (!date)
		field_error_add(errs, "date", N_("Enter a date as YYYY-MM-DD."));
	else
		val_date(errs, "date", date, today, true);
	if (errs->n == before && check_in && strcmp(date, check_in) < 0)
		field_error_add(errs, "date", N_("The check-out is before the check-in."));
	return errs->n > before ? K_EINVAL : 0;
}

bool centre_may_manage(const struct actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_SUPERVISOR;
}

bool centre_may_place(const struct actor *a)
{
	return access_may_write_persons(a);
}
