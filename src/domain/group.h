/* group.h: groups of the collective form (issue 7; domain.md §2.3 item 4 and §3): self-help
 * and mutual-help groups, training groups, language and culture courses, psychotherapy and
 * family-therapy groups, game-technology sessions. A group's members, its sessions and who
 * came to each. The records, their validation and who may do what. No I/O.
 *
 * A membership runs from joined_on until left_on; a person is an open member of a group at
 * most once (the database holds the rule). A session's attendance lists the people who were
 * members on its date, present or not, plus a count of those who came unregistered. Strings
 * are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_GROUP_H
#define KOMEK_DOMAIN_GROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define GROUP_NAME_MAX 200
#define GROUP_LINE_MAX 300
#define GROUP_NOTE_MAX 2000
#define GROUP_UNREGISTERED_MAX 10000 /* people come unregistered to one session, at most */
#define GROUP_ATTENDANCE_MAX 500     /* members marked at one session */

struct group {
	int64_t id, org_id, version, created_at, updated_at, facilitator_id;
	const char *kind, *form, *function, *name, *place, *schedule, *starts_on, *ends_on,
	    *description;
	bool active;
	/* Read with it: the facilitator's name, members now, sessions held. */
	const char *facilitator;
	int64_t members, sessions;
};

struct group_member {
	int64_t id, group_id, person_id;
	const char *joined_on, *left_on, *note;
	/* Read with it: the person as the reader may see them (visible false: a restricted
	 * record they may not see, shown without a name), and the sessions they came to of
	 * those held while they were a member. */
	const char *family_name, *given_name, *group_name, *group_kind;
	bool visible, restricted;
	int64_t attended, held;
};

struct group_session {
	int64_t id, group_id, unregistered;
	const char *held_on, *topic, *note;
	int64_t present; /* read with it: registered members who came */
};

/* A member's line on a session's attendance. */
struct attendance {
	int64_t person_id;
	const char *family_name, *given_name;
	bool visible, restricted, present, marked; /* marked: a row exists for the session */
};

/* The form a group of this kind takes by default (a code of "forms"). */
const char *group_default_form(const char *kind);
/* Trims and checks a group: a kind from "group_kinds", a form from "forms" (the kind's by
 * default), a function from "functions" when given, a name (1..GROUP_NAME_MAX), a place and
 * a schedule (single lines), dates with the end not before the start, a description. */
int group_validate(struct arena *a, struct group *g, struct field_errors *errs);
/* A new membership: a person, joined on a date not after today (default today), a note. */
int member_validate(struct arena *a, struct group_member *m, const char *today,
		    struct field_errors *errs);
/* A leaving date: not before joined_on, not after today. */
int leave_validate(const char *joined_on, const char *date, const char *today,
		   struct field_errors *errs);
/* A session: held on a date not after today, a topic (1..GROUP_LINE_MAX), a note, and
 * 0..GROUP_UNREGISTERED_MAX unregistered attendees. */
int session_validate(struct arena *a, struct group_session *s, const char *today,
		     struct field_errors *errs);

/* Who may add and change groups, their members and sessions: those who register people. */
bool group_may_manage(const struct actor *a);

#endif
