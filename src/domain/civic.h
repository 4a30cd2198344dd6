/* civic.h: the public-state form of work (issue 7; domain.md §2.2 `policy`, §2.3 item 3
 * `resettler_org_support` and `lobbying`, §3 `org_creation_support`, §4): the organisations
 * resettlers create with help, step by dated step until registered; the public councils and
 * chambers with their meetings, agenda and decisions; and policy proposals: what was proposed,
 * to whom, and what became of it. The records, their validation and who may do what. No I/O.
 * Strings are owned by the filler's arena. */
#ifndef KOMEK_DOMAIN_CIVIC_H
#define KOMEK_DOMAIN_CIVIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "domain/access.h"
#include "domain/person.h"

#define CIVIC_NAME_MAX 300
#define CIVIC_LINE_MAX 500
#define CIVIC_TEXT_MAX 8000

/* An organisation resettlers create: its kind, the initiative group, and its steps. */
struct resettler_org {
	int64_t id, org_id, version;
	const char *name, *kind, *region, *initiators, *contact, *note;
	const char *step, *step_on; /* read with it: the latest step and its date */
};

struct org_step {
	int64_t id, resettler_org_id;
	const char *step, *done_on, *note;
};

struct council {
	int64_t id, org_id, version;
	const char *name, *kind, *region, *note;
	int64_t meetings; /* read with it */
};

struct council_meeting {
	int64_t id, council_id;
	const char *held_on, *place, *agenda, *minutes;
	int64_t decisions; /* read with it */
};

struct decision {
	int64_t id, meeting_id;
	const char *text, *status, *due_on, *note;
};

struct proposal {
	int64_t id, org_id, version, meeting_id;
	const char *title, *text, *addressee, *submitted_on, *status, *outcome, *outcome_on;
};

/* A name (1..CIVIC_NAME_MAX), a kind ("resettler_org_kinds"), a region, single-line
 * initiators and contact, a note. */
int resettler_org_validate(struct arena *a, struct resettler_org *o, struct field_errors *errs);
/* A step ("org_steps") done on a day not after today, a note. */
int org_step_validate(struct arena *a, struct org_step *s, const char *today,
		      struct field_errors *errs);
/* A name, a kind ("council_kinds"), a region, a note. */
int council_validate(struct arena *a, struct council *c, struct field_errors *errs);
/* A date, a place, the agenda (required), the minutes. */
int meeting_validate(struct arena *a, struct council_meeting *m, struct field_errors *errs);
/* A decision's text (required), its status ("decision_statuses", default "adopted"), a due
 * date, a note. */
int decision_validate(struct arena *a, struct decision *d, struct field_errors *errs);
/* A title, what was proposed (required), to whom (required), when submitted (not after today),
 * its status ("proposal_statuses", default "drafted"), and what became of it: an outcome and
 * its date, required once the status is a decided one. */
int proposal_validate(struct arena *a, struct proposal *p, const char *today,
		      struct field_errors *errs);

/* Who may see and keep this work (it names no migrant): everyone but analysts. */
bool civic_may_read(const struct actor *a);
bool civic_may_manage(const struct actor *a);

#endif
