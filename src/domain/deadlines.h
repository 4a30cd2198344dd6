/* deadlines.h: the dates of a person's legal status and documents that drive a worker's
 * reminders (issue 5, domain.md §5). No I/O.
 *   - kandas status: valid one year from its grant (legal_status_since); reminded from
 *     DEADLINE_KANDAS_NOTICE days before it ends;
 *   - an asylum petition: due within 5 calendar days of arrival; overdue while not filed
 *     after that, and flagged late when filed after it;
 *   - every identity document's expiry: reminded from DEADLINE_DOC_NOTICE days before. */
#ifndef KOMEK_DOMAIN_DEADLINES_H
#define KOMEK_DOMAIN_DEADLINES_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/person.h"

#define DEADLINE_KANDAS_NOTICE 60
#define DEADLINE_DOC_NOTICE 90
#define DEADLINE_ASYLUM_DAYS 5
#define DEADLINES_MAX (PERSON_MAX_DOCS + 2)

enum deadline_kind { DEADLINE_KANDAS_STATUS, DEADLINE_ASYLUM_PETITION, DEADLINE_DOCUMENT };

struct deadline {
	enum deadline_kind kind;
	char due_on[11];
	bool overdue;                 /* the date has passed and nothing was done */
	bool late;                    /* done, but after the date (an asylum petition) */
	const struct person_doc *doc; /* DEADLINE_DOCUMENT */
};

/* The deadlines of p that a worker should see on `today` (YYYY-MM-DD): those within their
 * notice, overdue, or (an asylum petition) filed late; in date order. */
size_t person_deadlines(const struct person *p, const char *today, struct deadline *out,
			size_t max);
/* "kandas_status", "asylum_petition", "document". */
const char *deadline_kind_code(enum deadline_kind k);

#endif
