/* validate.c: the shared checks of validate.h. */
#include "domain/validate.h"

#include <string.h>

#include "base/banned.h"
#include "base/i18n.h"
#include "base/util.h"
#include "domain/reference.h"

const char *val_trim(struct arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	size_t b = 0;
	while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r' || s[b] == '\n'))
		b++;
	while (n > b &&
	       (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n == b)
		return NULL;
	return arena_strndup(a, s + b, n - b);
}

bool val_has_newline(const char *s)
{
	return strpbrk(s, "\r\n\t") != NULL;
}

void val_note(struct field_errors *errs, const char *field, const char *v, size_t max)
{
	if (!v)
		return;
	if (!utf8_valid_text(v, strlen(v)))
		field_error_add(errs, field, N_("Contains characters that are not allowed."));
	else if (utf8_len(v) > max)
		field_error_add(errs, field, N_("Too long."));
}

void val_text(struct field_errors *errs, const char *field, const char *v, bool required,
	      size_t max)
{
	if (!v) {
		if (required)
			field_error_add(errs, field, N_("This field is required."));
		return;
	}
	if (!utf8_valid_text(v, strlen(v)) || val_has_newline(v))
		field_error_add(errs, field, N_("Contains characters that are not allowed."));
	else if (utf8_len(v) > max)
		field_error_add(errs, field, N_("Too long."));
}

void val_ref(struct field_errors *errs, const char *field, const char *list, const char *v,
	     bool required)
{
	if (!v) {
		if (required)
			field_error_add(errs, field, N_("This field is required."));
		return;
	}
	if (!ref_valid(list, v))
		field_error_add(errs, field, N_("Choose a value from the list."));
}

void val_date(struct field_errors *errs, const char *field, const char *v, const char *today,
	      bool past_only)
{
	if (!v)
		return;
	if (!date_valid(v))
		field_error_add(errs, field, N_("Enter a date as YYYY-MM-DD."));
	else if (past_only && strcmp(v, today) > 0)
		field_error_add(errs, field, N_("The date is in the future."));
}

bool val_is_currency(const char *s)
{
	if (!s || strlen(s) != 3)
		return false;
	for (int i = 0; i < 3; i++)
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	return true;
}

void val_phone(struct field_errors *errs, const char *field, const char *v)
{
	if (!v)
		return;
	size_t digits = 0;
	for (const char *p = v; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (!strchr(" +-()", *p) || (*p == '+' && p != v)) {
			field_error_add(errs, field,
					N_("Enter a phone number: digits, spaces, + - ( )."));
			return;
		}
	}
	if (digits < 5 || digits > 15 || strlen(v) > 25)
		field_error_add(errs, field, N_("A phone number has 5 to 15 digits."));
}

void val_email(struct field_errors *errs, const char *field, const char *v)
{
	if (!v)
		return;
	const char *at = strchr(v, '@');
	bool ok = at && at > v && strchr(at + 1, '@') == NULL && strchr(at + 1, '.') &&
		  at[1] != '.' && v[strlen(v) - 1] != '.' && strlen(v) <= 254;
	for (const char *p = v; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || strchr("<>()[],;:\\\"", *p))
			ok = false;
	if (!ok)
		field_error_add(errs, field,
				N_("Enter an e-mail address such as name@example.kz."));
}

void val_url(struct field_errors *errs, const char *field, const char *v)
{
	if (!v)
		return;
	bool ok = (strncmp(v, "https://", 8) == 0 || strncmp(v, "http://", 7) == 0) &&
		  strlen(v) <= 500 && strchr(v + 7, '.') != NULL;
	for (const char *p = v; ok && *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || strchr("<>\"'`\\", *p))
			ok = false;
	if (!ok)
		field_error_add(errs, field, N_("Enter a web address starting with https://."));
}
