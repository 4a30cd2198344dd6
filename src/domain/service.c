/* service.c: services delivered, material assistance and loans (see service.h). */
#include "domain/service.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/validate.h"

static bool is(const char *s, const char *code)
{
	return s && strcmp(s, code) == 0;
}

static void money(struct field_errors *errs, struct service_rec *s, bool required)
{
	if (!s->amount && required)
		field_error_add(errs, "amount", N_("This field is required."));
	if (s->amount < 0 || s->amount > SERVICE_AMOUNT_MAX)
		field_error_add(errs, "amount", N_("Must be a whole number in range."));
	if (s->amount && !val_is_currency(s->currency))
		field_error_add(errs, "currency", N_("Enter a currency code such as KZT."));
	else if (!s->amount && s->currency)
		field_error_add(errs, "currency", N_("Give the amount too."));
}

int service_validate(struct arena *a, struct service_rec *s, const struct service_type *t,
		     const char *opened_on, const char *today, struct field_errors *errs)
{
	s->delivered_on = val_trim(a, s->delivered_on);
	s->result = val_trim(a, s->result);
	s->currency = val_trim(a, s->currency);
	s->first_due_on = val_trim(a, s->first_due_on);
	if (!t || !t->active) {
		field_error_add(errs, "type_id", N_("Choose a value from the list."));
	} else {
		s->type_id = t->id;
		s->service_kind = t->service_kind;
		s->type = t;
	}
	val_ref(errs, "form", "forms", s->form, true);
	val_ref(errs, "function", "functions", s->function, true);
	val_ref(errs, "means", "means", s->means, true);
	if (!s->delivered_on)
		field_error_add(errs, "delivered_on", N_("This field is required."));
	val_date(errs, "delivered_on", s->delivered_on, today, true);
	if (s->delivered_on && opened_on && date_valid(s->delivered_on) &&
	    strcmp(s->delivered_on, opened_on) < 0)
		field_error_add(errs, "delivered_on",
				N_("The date is before the case was opened."));
	if (s->minutes < 0 || s->minutes > SERVICE_MINUTES_MAX)
		field_error_add(errs, "minutes", N_("Must be a whole number in range."));
	val_note(errs, "result", s->result, 4000);
	bool material = t && t->material, loan = t && t->loan;
	if (material) {
		if (!is(s->assistance, "cash") && !is(s->assistance, "in_kind"))
			field_error_add(errs, "assistance", N_("Choose a value from the list."));
		money(errs, s, is(s->assistance, "cash"));
	} else if (s->assistance) {
		field_error_add(errs, "assistance", N_("Only for material assistance."));
	}
	if (loan) {
		money(errs, s, true);
		if (s->installments < 1 || s->installments > LOAN_INSTALLMENTS_MAX)
			field_error_add(errs, "installments",
					N_("Must be a whole number in range."));
		if (!s->every_days)
			s->every_days = 30;
		if (s->every_days < 1 || s->every_days > 366)
			field_error_add(errs, "every_days", N_("Must be a whole number in range."));
		if (!s->first_due_on)
			field_error_add(errs, "first_due_on", N_("This field is required."));
		val_date(errs, "first_due_on", s->first_due_on, NULL, false);
		if (s->first_due_on && s->delivered_on && date_valid(s->first_due_on) &&
		    strcmp(s->first_due_on, s->delivered_on) < 0)
			field_error_add(errs, "first_due_on",
					N_("The first repayment cannot be before the loan."));
		/* Every installment has a date Komek can hold, and is at least one minor unit. */
		char last[11];
		if (!errs->n && !date_add_days(s->first_due_on,
					       (int)((s->installments - 1) * s->every_days), last))
			field_error_add(errs, "installments",
					N_("The last repayment would fall after 2100."));
		if (!errs->n && s->amount < s->installments)
			field_error_add(errs, "installments",
					N_("More repayments than the amount."));
	} else {
		if (s->installments)
			field_error_add(errs, "installments", N_("Only for a loan."));
		if (s->first_due_on)
			field_error_add(errs, "first_due_on", N_("Only for a loan."));
		if (s->every_days)
			field_error_add(errs, "every_days", N_("Only for a loan."));
	}
	if (!material && !loan && (s->amount || s->currency))
		field_error_add(errs, s->amount ? "amount" : "currency",
				N_("Only for material assistance or a loan."));
	return errs->n ? K_EINVAL : 0;
}

int64_t loan_balance(const struct service_rec *s)
{
	int64_t b = s->amount - s->repaid;
	return b > 0 ? b : 0;
}

bool loan_installment(const struct service_rec *s, int64_t i, char due[11], int64_t *amount)
{
	if (i < 0 || i >= s->installments || !s->first_due_on)
		return false;
	int64_t part = s->amount / s->installments;
	*amount = i == s->installments - 1 ? s->amount - part * (s->installments - 1) : part;
	return date_add_days(s->first_due_on, (int)(i * s->every_days), due);
}

int repayment_validate(struct arena *a, struct repayment *r, const struct service_rec *loan,
		       const char *today, struct field_errors *errs)
{
	r->paid_on = val_trim(a, r->paid_on);
	if (!r->paid_on)
		field_error_add(errs, "paid_on", N_("This field is required."));
	val_date(errs, "paid_on", r->paid_on, today, true);
	if (r->paid_on && date_valid(r->paid_on) && strcmp(r->paid_on, loan->delivered_on) < 0)
		field_error_add(errs, "paid_on", N_("The repayment cannot be before the loan."));
	if (r->amount <= 0)
		field_error_add(errs, "amount", N_("This field is required."));
	else if (r->amount > loan_balance(loan))
		field_error_add(errs, "amount", N_("More than is owed."));
	return errs->n ? K_EINVAL : 0;
}

const char *service_type_label(const struct service_type *t, const char *lang)
{
	if (is(lang, "kk"))
		return t->label_kk;
	if (is(lang, "ru"))
		return t->label_ru;
	return t->label_en;
}

const char *amount_text(struct arena *a, int64_t minor)
{
	int64_t units = minor / 100, cents = minor % 100;
	char digits[32], grouped[48];
	int n = (int)(sizeof(digits) - 1);
	digits[n] = '\0';
	do {
		digits[--n] = (char)('0' + units % 10);
		units /= 10;
	} while (units && n > 0);
	size_t len = strlen(digits + n), g = 0;
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[g++] = ' ';
		grouped[g++] = digits[n + (int)i];
	}
	grouped[g] = '\0';
	return arena_printf(a, "%s.%02lld", grouped, (long long)cents);
}

bool amount_parse(const char *s, int64_t *minor)
{
	if (!s || !*s)
		return false;
	int64_t units = 0, cents = 0;
	int decimals = -1, digits = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' && decimals < 0 && digits)
			continue;
		if ((*p == '.' || *p == ',') && decimals < 0 && digits) {
			decimals = 0;
			continue;
		}
		if (*p < '0' || *p > '9' || decimals >= 2 || digits > 12)
			return false;
		if (decimals >= 0) {
			cents = cents * 10 + (*p - '0');
			decimals++;
		} else {
			units = units * 10 + (*p - '0');
			digits++;
		}
	}
	if (!digits || decimals == 0)
		return false;
	if (decimals == 1)
		cents *= 10;
	*minor = units * 100 + cents;
	return *minor > 0 && *minor <= SERVICE_AMOUNT_MAX;
}
