/* event.c: see event.h. */
#include "domain/event.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

/* domain.md §2.3 item 3 and §3: the events and the publication, with the form of work and the
 * means each is by default. A conference, a forum, a round table and a publication speak to
 * the public and to policy; a festival, a contest and an excursion bring people together. */
static const struct {
	const char *kind, *form, *means;
} kinds[] = {
	{ "conference", "public_state", "policy" },
	{ "forum", "public_state", "policy" },
	{ "round_table", "public_state", "policy" },
	{ "publication", "public_state", "collective" },
	{ "creative_contest", "collective", "collective" },
	{ "festival", "collective", "collective" },
	{ "excursion", "collective", "collective" },
};

static int kind_index(const char *kind)
{
	for (size_t i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kind, kinds[i].kind) == 0)
			return (int)i;
	return -1;
}

bool event_kind_valid(const char *kind)
{
	return kind_index(kind) >= 0;
}

bool event_is_publication(const struct event *e)
{
	return e->kind && strcmp(e->kind, "publication") == 0;
}

static void count(struct field_errors *errs, const char *field, int64_t v)
{
	if ((v < 0 || v > EVENT_COUNT_MAX) && !field_error_for(errs, field))
		field_error_add(errs, field, N_("Enter a number from 0 to 1000000."));
}

int event_validate(struct arena *a, struct event *e, struct field_errors *errs)
{
	size_t before = errs->n;
	const char **text[] = { &e->kind,       &e->form,     &e->function,    &e->means,
				&e->title,      &e->held_on,  &e->ends_on,     &e->place,
				&e->organisers, &e->partners, &e->description, &e->results,
				&e->medium };
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		*text[i] = val_trim(a, *text[i]);
	int k = kind_index(e->kind);
	if (k < 0)
		field_error_add(errs, "kind", N_("Choose an event or a publication."));
	if (!e->form && k >= 0)
		e->form = kinds[k].form;
	if (!e->means && k >= 0)
		e->means = kinds[k].means;
	if (!e->function)
		e->function = "integration";
	val_ref(errs, "form", "forms", e->form, k >= 0);
	val_ref(errs, "function", "functions", e->function, true);
	val_ref(errs, "means", "means", e->means, k >= 0);
	val_text(errs, "title", e->title, true, EVENT_TITLE_MAX);
	if (!e->held_on && !field_error_for(errs, "held_on"))
		field_error_add(errs, "held_on", N_("This field is required."));
	val_date(errs, "held_on", e->held_on, NULL, false);
	val_date(errs, "ends_on", e->ends_on, NULL, false);
	if (e->held_on && e->ends_on && !field_error_for(errs, "held_on") &&
	    !field_error_for(errs, "ends_on") && strcmp(e->ends_on, e->held_on) < 0)
		field_error_add(errs, "ends_on", N_("The end is before the start."));
	val_text(errs, "place", e->place, false, EVENT_LINE_MAX);
	val_text(errs, "organisers", e->organisers, false, EVENT_LINE_MAX);
	val_text(errs, "partners", e->partners, false, EVENT_LINE_MAX);
	val_note(errs, "description", e->description, EVENT_NOTE_MAX);
	val_note(errs, "results", e->results, EVENT_NOTE_MAX);
	count(errs, "migrants", e->migrants);
	count(errs, "hosts", e->hosts);
	count(errs, "circulation", e->circulation);
	if (event_is_publication(e)) {
		val_ref(errs, "medium", "publication_media", e->medium, true);
	} else if (e->medium || e->circulation) {
		field_error_add(errs, e->medium ? "medium" : "circulation",
				N_("Only a publication has a medium and copies."));
	}
	return errs->n > before ? K_EINVAL : 0;
}

int participant_validate(struct arena *a, struct event_participant *p, struct field_errors *errs)
{
	size_t before = errs->n;
	p->role = val_trim(a, p->role);
	if (!p->role)
		p->role = "participant";
	if (p->person_id <= 0 && !field_error_for(errs, "person_id"))
		field_error_add(errs, "person_id", N_("Choose a person."));
	val_ref(errs, "role", "participant_roles", p->role, true);
	return errs->n > before ? K_EINVAL : 0;
}

bool event_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool event_may_manage(const struct actor *a)
{
	return access_may_write_persons(a);
}
