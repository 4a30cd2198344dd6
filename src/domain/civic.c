/* civic.c: see civic.h. */
#include "domain/civic.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

int resettler_org_validate(struct arena *a, struct resettler_org *o, struct field_errors *errs)
{
	size_t before = errs->n;
	o->name = val_trim(a, o->name);
	o->kind = val_trim(a, o->kind);
	o->region = val_trim(a, o->region);
	o->initiators = val_trim(a, o->initiators);
	o->contact = val_trim(a, o->contact);
	o->note = val_trim(a, o->note);
	val_text(errs, "name", o->name, true, CIVIC_NAME_MAX);
	val_ref(errs, "kind", "resettler_org_kinds", o->kind, true);
	val_ref(errs, "region", "regions", o->region, false);
	val_text(errs, "initiators", o->initiators, false, CIVIC_LINE_MAX);
	val_text(errs, "contact", o->contact, false, CIVIC_LINE_MAX);
	val_note(errs, "note", o->note, CIVIC_TEXT_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int org_step_validate(struct arena *a, struct org_step *s, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	s->step = val_trim(a, s->step);
	s->done_on = val_trim(a, s->done_on);
	s->note = val_trim(a, s->note);
	if (!s->done_on)
		s->done_on = today;
	val_ref(errs, "step", "org_steps", s->step, true);
	val_date(errs, "done_on", s->done_on, today, true);
	val_note(errs, "note", s->note, CIVIC_TEXT_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int council_validate(struct arena *a, struct council *c, struct field_errors *errs)
{
	size_t before = errs->n;
	c->name = val_trim(a, c->name);
	c->kind = val_trim(a, c->kind);
	c->region = val_trim(a, c->region);
	c->note = val_trim(a, c->note);
	val_text(errs, "name", c->name, true, CIVIC_NAME_MAX);
	val_ref(errs, "kind", "council_kinds", c->kind, true);
	val_ref(errs, "region", "regions", c->region, false);
	val_note(errs, "note", c->note, CIVIC_TEXT_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int meeting_validate(struct arena *a, struct council_meeting *m, struct field_errors *errs)
{
	size_t before = errs->n;
	m->held_on = val_trim(a, m->held_on);
	m->place = val_trim(a, m->place);
	m->agenda = val_trim(a, m->agenda);
	m->minutes = val_trim(a, m->minutes);
	if (!m->held_on)
		field_error_add(errs, "held_on", N_("This field is required."));
	val_date(errs, "held_on", m->held_on, NULL, false);
	val_text(errs, "place", m->place, false, CIVIC_LINE_MAX);
	if (!m->agenda)
		field_error_add(errs, "agenda", N_("This field is required."));
	val_note(errs, "agenda", m->agenda, CIVIC_TEXT_MAX);
	val_note(errs, "minutes", m->minutes, CIVIC_TEXT_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int decision_validate(struct arena *a, struct decision *d, struct field_errors *errs)
{
	size_t before = errs->n;
	d->text = val_trim(a, d->text);
	d->status = val_trim(a, d->status);
	d->due_on = val_trim(a, d->due_on);
	d->note = val_trim(a, d->note);
	if (!d->status)
		d->status = "adopted";
	if (!d->text)
		field_error_add(errs, "text", N_("This field is required."));
	val_note(errs, "text", d->text, CIVIC_TEXT_MAX);
	val_ref(errs, "status", "decision_statuses", d->status, true);
	val_date(errs, "due_on", d->due_on, NULL, false);
	val_note(errs, "note", d->note, CIVIC_TEXT_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

/* A proposal's status after which what became of it is known. */
static bool decided(const char *status)
{
	static const char *const done[] = { "accepted", "partly_accepted", "rejected",
					    "implemented" };
	for (size_t i = 0; status && i < sizeof(done) / sizeof(done[0]); i++)
		if (strcmp(status, done[i]) == 0)
			return true;
	return false;
}

int proposal_validate(struct arena *a, struct proposal *p, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	p->title = val_trim(a, p->title);
	p->text = val_trim(a, p->text);
	p->addressee = val_trim(a, p->addressee);
	p->submitted_on = val_trim(a, p->submitted_on);
	p->status = val_trim(a, p->status);
	p->outcome = val_trim(a, p->outcome);
	p->outcome_on = val_trim(a, p->outcome_on);
	if (!p->status)
		p->status = "drafted";
	val_text(errs, "title", p->title, true, CIVIC_NAME_MAX);
	if (!p->text)
		field_error_add(errs, "text", N_("This field is required."));
	val_note(errs, "text", p->text, CIVIC_TEXT_MAX);
	val_text(errs, "addressee", p->addressee, true, CIVIC_LINE_MAX);
	val_ref(errs, "status", "proposal_statuses", p->status, true);
	val_date(errs, "submitted_on", p->submitted_on, today, true);
	bool draft = p->status && strcmp(p->status, "drafted") == 0;
	if (!draft && !p->submitted_on && !field_error_for(errs, "submitted_on") &&
	    !field_error_for(errs, "status"))
		field_error_add(errs, "submitted_on", N_("Give the day it was submitted."));
	val_note(errs, "outcome", p->outcome, CIVIC_TEXT_MAX);
	val_date(errs, "outcome_on", p->outcome_on, today, true);
	if (decided(p->status) && !p->outcome)
		field_error_add(errs, "outcome", N_("Say what became of the proposal."));
	if (p->outcome_on && p->submitted_on && !field_error_for(errs, "outcome_on") &&
	    !field_error_for(errs, "submitted_on") && strcmp(p->outcome_on, p->submitted_on) < 0)
		field_error_add(errs, "outcome_on", N_("The date is before it was submitted."));
	return errs->n > before ? K_EINVAL : 0;
}

bool civic_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool civic_may_manage(const struct actor *a)
{
	return access_may_write_persons(a);
}
