/* deadlines.c: a person's legal-status and document deadlines (see deadlines.h). */
#include "domain/deadlines.h"

#include <stdlib.h>
#include <string.h>

#include "base/banned.h"
#include "base/util.h"

const char *deadline_kind_code(enum deadline_kind k)
{
	switch (k) {
	case DEADLINE_KANDAS_STATUS: return "kandas_status";
	case DEADLINE_ASYLUM_PETITION: return "asylum_petition";
	default: return "document";
	}
}

/* The same day a year later (29 February: 1 March). */
static bool year_later(const char *date, char out[11])
{
	if (!date_valid(date))
		return false;
	int y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 +
		(date[3] - '0') + 1;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	memcpy(out + 4, date + 4, 7);
	if (date_valid(out))
		return true;
	memcpy(out + 4, "-03-01", 7);
	return date_valid(out);
}

/* Adds a deadline due on `due` when today is within `notice` days of it or past it. */
static void maybe(struct deadline *out, size_t *n, size_t max, enum deadline_kind kind,
		  const char *due, const char *today, int notice, const struct person_doc *doc)
{
	char from[11];
	if (*n >= max || !date_valid(due) || !date_add_days(due, -notice, from) ||
	    strcmp(today, from) < 0)
		return;
	struct deadline *d = &out[(*n)++];
	*d = (struct deadline){ .kind = kind, .overdue = strcmp(today, due) > 0, .doc = doc };
	memcpy(d->due_on, due, 11);
}

static int by_date(const void *x, const void *y)
{
	return strcmp(((const struct deadline *)x)->due_on, ((const struct deadline *)y)->due_on);
}

size_t person_deadlines(const struct person *p, const char *today, struct deadline *out, size_t max)
{
	size_t n = 0;
	char due[11];
	const char *status = p->legal_status ? p->legal_status : "";
	if (strcmp(status, "kandas") == 0 && p->legal_status_since &&
	    year_later(p->legal_status_since, due))
		maybe(out, &n, max, DEADLINE_KANDAS_STATUS, due, today, DEADLINE_KANDAS_NOTICE,
		      NULL);
	if (strcmp(status, "asylum_seeker") == 0 && p->arrival_date &&
	    date_add_days(p->arrival_date, DEADLINE_ASYLUM_DAYS, due) && n < max) {
		const char *filed = p->asylum_petition_on;
		if (!filed) {
			maybe(out, &n, max, DEADLINE_ASYLUM_PETITION, due, today,
			      DEADLINE_ASYLUM_DAYS, NULL);
		} else if (strcmp(filed, due) > 0) {
			struct deadline *d = &out[n++];
			*d = (struct deadline){ .kind = DEADLINE_ASYLUM_PETITION, .late = true };
			memcpy(d->due_on, due, 11);
		}
	}
	for (size_t i = 0; i < p->ndocs; i++)
		if (p->docs[i].expires_on)
			maybe(out, &n, max, DEADLINE_DOCUMENT, p->docs[i].expires_on, today,
			      DEADLINE_DOC_NOTICE, &p->docs[i]);
	qsort(out, n, sizeof(*out), by_date);
	return n;
}
