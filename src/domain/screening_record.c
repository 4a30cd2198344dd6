/* screening_record.c: a screening as a record (screening.h): what is checked before it is
 * scored and stored. The instruments and their scoring are in screening.c. */
#include <string.h>

#include "base/i18n.h"
#include "base/util.h"
#include "domain/programme.h"
#include "domain/screening.h"
#include "domain/validate.h"

#include "base/banned.h"

#define ADULT_AGE 18

int screening_record_validate(struct arena *a, struct screening *s, const struct person *p,
			      const char *today, struct field_errors *errs)
{
	s->instrument = val_trim(a, s->instrument);
	s->lang = val_trim(a, s->lang);
	s->screened_on = val_trim(a, s->screened_on);
	s->finding = val_trim(a, s->finding);
	s->finding_reason = val_trim(a, s->finding_reason);
	if (!s->screened_on)
		s->screened_on = today;
	const struct instrument *in = s->instrument ? instrument_find(s->instrument) : NULL;
	if (!in)
		field_error_add(errs, "instrument", N_("Choose an instrument."));
	if (!s->lang || !i18n_lang(s->lang))
		field_error_add(errs, "lang",
				N_("Choose the language the screening was given in."));
	else
		s->lang = i18n_lang(s->lang);
	val_date(errs, "screened_on", s->screened_on, today, true);
	if (!field_error_for(errs, "screened_on") && p->birth_date &&
	    strncmp(s->screened_on, p->birth_date, strlen(p->birth_date)) < 0)
		field_error_add(errs, "screened_on", N_("The date is before the person's birth."));
	if (in && in->finding) {
		if (!s->finding)
			field_error_add(errs, "finding", N_("Record your finding."));
		else if (!screening_finding_valid(s->finding))
			field_error_add(errs, "finding", N_("Choose a value from the list."));
		if (!s->finding_reason)
			field_error_add(errs, "finding_reason",
					N_("Say what your finding rests on."));
		val_note(errs, "finding_reason", s->finding_reason, SCREEN_NOTE_MAX);
	} else if (in && (s->finding || s->finding_reason)) {
		field_error_add(errs, "finding", N_("This instrument takes no finding."));
	}
	if (in) {
		s->version = in->version;
		if (!in->informant)
			s->answers.informant = s->answers.norm = NULL;
		int age = person_age_on(p->birth_date, s->screened_on);
		s->answers.child = age >= 0 && age < ADULT_AGE;
		screening_validate(a, in, &s->answers, errs);
	}
	if (errs->n)
		return K_EINVAL;
	screening_score(in, &s->answers, &s->result);
	return 0;
}
