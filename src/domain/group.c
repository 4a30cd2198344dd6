/* group.c: see group.h. */
#include "domain/group.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

/* domain.md §3: the non-classical form each kind of group is. */
static const struct {
	const char *kind, *form;
} kind_forms[] = {
	{ "self_help", "self_help_group" },
	{ "mutual_help", "collective" },
	{ "training", "training" },
	{ "language_course", "training" },
	{ "culture_course", "training" },
	{ "psychotherapy", "psychotherapy" },
	{ "family_therapy", "family_therapy" },
	{ "game_technology", "game_technology" },
};

const char *group_default_form(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof(kind_forms) / sizeof(kind_forms[0]); i++)
		if (strcmp(kind, kind_forms[i].kind) == 0)
			return kind_forms[i].form;
	return "collective";
}

int group_validate(struct arena *a, struct group *g, struct field_errors *errs)
{
	size_t before = errs->n;
	g->name = val_trim(a, g->name);
	g->kind = val_trim(a, g->kind);
	g->form = val_trim(a, g->form);
	g->function = val_trim(a, g->function);
	g->place = val_trim(a, g->place);
	g->schedule = val_trim(a, g->schedule);
	g->starts_on = val_trim(a, g->starts_on);
	g->ends_on = val_trim(a, g->ends_on);
	g->description = val_trim(a, g->description);
	val_ref(errs, "kind", "group_kinds", g->kind, true);
	if (!g->form && !field_error_for(errs, "kind"))
		g->form = group_default_form(g->kind);
	val_ref(errs, "form", "forms", g->form, !field_error_for(errs, "kind"));
	val_ref(errs, "function", "functions", g->function, false);
	val_text(errs, "name", g->name, true, GROUP_NAME_MAX);
	val_text(errs, "place", g->place, false, GROUP_LINE_MAX);
	val_text(errs, "schedule", g->schedule, false, GROUP_LINE_MAX);
	val_date(errs, "starts_on", g->starts_on, NULL, false);
	val_date(errs, "ends_on", g->ends_on, NULL, false);
	if (g->starts_on && g->ends_on && !field_error_for(errs, "starts_on") &&
	    !field_error_for(errs, "ends_on") && strcmp(g->ends_on, g->starts_on) < 0)
		field_error_add(errs, "ends_on", N_("The end is before the start."));
	val_note(errs, "description", g->description, GROUP_NOTE_MAX);
	if (g->facilitator_id < 0)
		field_error_add(errs, "facilitator_id", N_("Choose a user of your organisation."));
	return errs->n > before ? K_EINVAL : 0;
}

int member_validate(struct arena *a, struct group_member *m, const char *today,
		    struct field_errors *errs)
{
	size_t before = errs->n;
	m->joined_on = val_trim(a, m->joined_on);
	m->note = val_trim(a, m->note);
	if (!m->joined_on)
		m->joined_on = today;
	if (m->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	val_date(errs, "joined_on", m->joined_on, today, true);
	val_note(errs, "note", m->note, GROUP_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int leave_validate(const char *joined_on, const char *date, const char *today,
		   struct field_errors *errs)
{
	size_t before = errs->n;
	if (!date)
		field_error_add(errs, "date", N_("Enter a date as YYYY-MM-DD."));
	else
		val_date(errs, "date", date, today, true);
	if (errs->n == before && joined_on && strcmp(date, joined_on) < 0)
		field_error_add(errs, "date", N_("The date is before the person joined."));
	return errs->n > before ? K_EINVAL : 0;
}

int session_validate(struct arena *a, struct group_session *s, const char *today,
		     struct field_errors *errs)
{
	size_t before = errs->n;
	s->held_on = val_trim(a, s->held_on);
	s->topic = val_trim(a, s->topic);
	s->note = val_trim(a, s->note);
	if (!s->held_on)
		s->held_on = today;
	val_date(errs, "held_on", s->held_on, today, true);
	val_text(errs, "topic", s->topic, true, GROUP_LINE_MAX);
	val_note(errs, "note", s->note, GROUP_NOTE_MAX);
	if ((s->unregistered < 0 || s->unregistered > GROUP_UNREGISTERED_MAX) &&
	    !field_error_for(errs, "unregistered"))
		field_error_add(errs, "unregistered", N_("Enter a number from 0 to 10000."));
	return errs->n > before ? K_EINVAL : 0;
}

bool group_may_manage(const struct actor *a)
{
	return access_may_write_persons(a);
}
