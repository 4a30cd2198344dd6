/* centre.h: temporary accommodation and adaptation and integration centres (issue 7;
 * domain.md §3): a centre's rooms and beds, the stays of people on them (placements), its
 * waiting list and its daily presence list. The records, their validation and who may do
 * what. No I/O.
 *
 * A stay runs from its check-in, today or earlier, until its check-out; while it is open,
 * nobody else is on that bed and the person is on no other bed (the database holds both
 * rules, store_placement_add). A person waits on a centre's list until they are placed
 * there (the list says "placed") or withdrawn. Strings are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_CENTRE_H
#define KOMEK_DOMAIN_CENTRE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define CENTRE_NAME_MAX 200
#define CENTRE_LINE_MAX 300
#define CENTRE_NOTE_MAX 2000
#define ROOM_BEDS_MAX 50        /* beds added with one room at once */
#define CENTRE_CHECKOUT_MAX 500 /* stays closed by one bulk check-out */

struct centre {
	int64_t id, org_id, version, created_at, updated_at;
	const char *kind, *name, *region, *address, *phone;
	bool active;
	/* Read with it: beds in use and in all, open stays, people waiting. */
	int64_t beds, beds_free, occupied, waiting;
};

struct room {
	int64_t id, centre_id;
	const char *name, *note;
	int64_t beds; /* a new room: how many beds to make (1..ROOM_BEDS_MAX) */
};

struct bed {
	int64_t id, room_id;
	const char *label, *room_name;
	bool active;
	/* The open stay on it, or 0; its person as the reader may see them (visible false: a
	 * restricted record they may not see, shown without a name). */
	int64_t placement_id, person_id;
	bool visible, restricted;
	const char *family_name, *given_name, *check_in, *planned_out, *last_seen;
};

struct placement {
	int64_t id, centre_id, bed_id, person_id;
	const char *check_in, *planned_out, *checked_out, *note;
	/* Read with it. */
	const char *centre_name, *bed_label, *room_name, *family_name, *given_name, *last_seen;
	bool visible, restricted, seen_today;
};

struct waiting {
	int64_t id, centre_id, person_id;
	const char *since, *note, *status, *closed_on;
	const char *family_name, *given_name; /* read with it */
	bool visible, restricted;
};

/* Trims and checks a centre: a kind from "centre_kinds", a name (1..CENTRE_NAME_MAX), a
 * region, an address and a phone when given. 0 or K_EINVAL with errs filled. */
int centre_validate(struct arena *a, struct centre *c, struct field_errors *errs);
/* A new room: a name (1..CENTRE_NAME_MAX characters), a note, and 1..ROOM_BEDS_MAX beds. */
int room_validate(struct arena *a, struct room *r, struct field_errors *errs);
/* A new stay: a bed and a person, a check-in date not after today (default today), a
 * planned check-out not before it, a note. */
int placement_validate(struct arena *a, struct placement *p, const char *today,
		       struct field_errors *errs);
/* A place on a waiting list: a person, since a date not after today (default today), a
 * note. */
int waiting_validate(struct arena *a, struct waiting *w, const char *today,
		     struct field_errors *errs);
/* A check-out date: not before the check-in, not after today. */
int checkout_validate(const char *check_in, const char *date, const char *today,
		      struct field_errors *errs);

/* Who may add and change centres, rooms and beds: administrators and supervisors. */
bool centre_may_manage(const struct actor *a);
/* Who may place people, check them out, keep the waiting and presence lists: those who
 * register people. */
bool centre_may_place(const struct actor *a);

#endif
