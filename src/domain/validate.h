/* validate.h: the checks every record's validation shares (private to domain/). Each adds a
 * field error (person.h) with an untranslated message id when the value fails. */
#ifndef KOMEK_DOMAIN_VALIDATE_H
#define KOMEK_DOMAIN_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/arena.h"
#include "domain/person.h"

/* Trims spaces, tabs and line breaks at both ends; empty becomes NULL. */
const char *val_trim(struct arena *a, const char *s);
bool val_has_newline(const char *s);
/* A multi-line text of at most max characters (tabs and line breaks allowed). */
void val_note(struct field_errors *errs, const char *field, const char *v, size_t max);
/* A single-line text of at most max characters. */
void val_text(struct field_errors *errs, const char *field, const char *v, bool required,
	      size_t max);
/* A code of a reference list (reference.h). */
void val_ref(struct field_errors *errs, const char *field, const char *list, const char *v,
	     bool required);
/* A date YYYY-MM-DD; with past_only, not after today. */
void val_date(struct field_errors *errs, const char *field, const char *v, const char *today,
	      bool past_only);
/* Whether s is three capital letters, as ISO 4217 currency codes are. */
bool val_is_currency(const char *s);
/* A phone number: digits, spaces, a leading +, - ( ); 5 to 15 digits. */
void val_phone(struct field_errors *errs, const char *field, const char *v);
/* An e-mail address: one @, a dot in the domain, no spaces or markup characters. */
void val_email(struct field_errors *errs, const char *field, const char *v);
/* A web address: http:// or https://, printable ASCII without quotes or brackets. */
void val_url(struct field_errors *errs, const char *field, const char *v);

#endif
