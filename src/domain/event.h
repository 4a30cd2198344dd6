/* event.h: community events and publications (issue 7; domain.md §2.3 item 3): conferences,
 * forums, round tables, festivals, creative contests, excursions, and publications
 * (newspapers, journals, bulletins). Each with its date, place, organisers and partners, its
 * audience — migrants and members of the host community, counted, and the registered people
 * among them named — and its results. The records, their validation and who may do what. No
 * I/O. Strings are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_EVENT_H
#define KOMEK_DOMAIN_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define EVENT_TITLE_MAX 300
#define EVENT_LINE_MAX 500
#define EVENT_NOTE_MAX 4000
#define EVENT_COUNT_MAX 1000000 /* people counted at one event, copies of one publication */

struct event {
	int64_t id, org_id, version, created_at, updated_at;
	const char *kind; /* an "activity_kinds" code that is an event or a publication */
	const char *form, *function, *means;
	const char *title, *held_on, *ends_on, *place, *organisers, *partners, *description,
	    *results;
	/* Attendance counted beyond those named: migrants, members of the host community. */
	int64_t migrants, hosts;
	/* A publication: its medium ("publication_media") and copies printed. */
	const char *medium;
	int64_t circulation;
	int64_t named; /* read with it: registered people named as participants */
};

struct event_participant {
	int64_t event_id, person_id;
	const char *role; /* "participant_roles" */
	/* Read with it, as the reader may see them (visible false: no name, no id). */
	const char *family_name, *given_name, *event_title, *event_kind, *held_on;
	bool visible, restricted;
};

/* Whether kind is an event or a publication (and not another activity). */
bool event_kind_valid(const char *kind);
bool event_is_publication(const struct event *e);
/* Trims and checks an event: a kind (event_kind_valid), the form, function and means of
 * domain.md (defaults by kind), a title (1..EVENT_TITLE_MAX), a date (held or published on),
 * an end not before it, single-line place, organisers and partners, notes, counts from 0 to
 * EVENT_COUNT_MAX, and for a publication its medium. */
int event_validate(struct arena *a, struct event *e, struct field_errors *errs);
/* A participant: a person and a role (default "participant"). */
int participant_validate(struct arena *a, struct event_participant *p, struct field_errors *errs);

/* Who may see events with their named participants: everyone but analysts. */
bool event_may_read(const struct actor *a);
/* Who may record events, publications and their participants: those who register people. */
bool event_may_manage(const struct actor *a);

#endif
