/* campaign.c: see campaign.h. */
#include "domain/campaign.h"

#include <string.h>

#include "base/banned.h"
#include "base/util.h"
#include "domain/service.h"
#include "domain/validate.h"

static void currency(struct field_errors *errs, const char *c)
{
	if (!val_is_currency(c))
		field_error_add(errs, "currency", N_("Enter a currency code such as KZT."));
}

static void amount(struct field_errors *errs, int64_t v, bool required)
{
	if (field_error_for(errs, "amount"))
		return;
	if (!v && required)
		field_error_add(errs, "amount", N_("This field is required."));
	else if (v < 0 || v > SERVICE_AMOUNT_MAX)
		field_error_add(errs, "amount",
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
}

int campaign_validate(struct arena *a, struct campaign *c, struct field_errors *errs)
{
	size_t before = errs->n;
	c->name = val_trim(a, c->name);
	c->purpose = val_trim(a, c->purpose);
	c->currency = val_trim(a, c->currency);
	c->starts_on = val_trim(a, c->starts_on);
	c->ends_on = val_trim(a, c->ends_on);
	if (!c->currency)
		c->currency = "KZT";
	val_text(errs, "name", c->name, true, CAMPAIGN_NAME_MAX);
	val_note(errs, "purpose", c->purpose, CAMPAIGN_NOTE_MAX);
	currency(errs, c->currency);
	if ((c->goal < 0 || c->goal > SERVICE_AMOUNT_MAX) && !field_error_for(errs, "goal"))
		field_error_add(errs, "goal",
				N_("Enter an amount above 0, such as 12500 or 12500.50."));
	val_date(errs, "starts_on", c->starts_on, NULL, false);
	val_date(errs, "ends_on", c->ends_on, NULL, false);
	if (c->starts_on && c->ends_on && !field_error_for(errs, "starts_on") &&
	    !field_error_for(errs, "ends_on") && strcmp(c->ends_on, c->starts_on) < 0)
		field_error_add(errs, "ends_on", N_("The end is before the start."));
	return errs->n > before ? K_EINVAL : 0;
}

int donation_validate(struct arena *a, struct donation *d, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	d->donor = val_trim(a, d->donor);
	d->donor_kind = val_trim(a, d->donor_kind);
	d->kind = val_trim(a, d->kind);
	d->currency = val_trim(a, d->currency);
	d->received_on = val_trim(a, d->received_on);
	d->description = val_trim(a, d->description);
	d->note = val_trim(a, d->note);
	if (!d->received_on)
		d->received_on = today;
	if (!d->kind)
		d->kind = "money";
	if (!d->donor_kind)
		d->donor_kind = d->donor ? "person" : "anonymous";
	val_ref(errs, "donor_kind", "donor_kinds", d->donor_kind, true);
	val_ref(errs, "kind", "donation_kinds", d->kind, true);
	if (d->donor_kind && strcmp(d->donor_kind, "anonymous") == 0)
		d->donor = NULL;
	else
		val_text(errs, "donor", d->donor, true, CAMPAIGN_LINE_MAX);
	bool money = d->kind && strcmp(d->kind, "money") == 0;
	amount(errs, d->amount, money);
	if (money || d->amount)
		currency(errs, d->currency);
	else if (d->currency)
		field_error_add(errs, "currency", N_("Give the amount too."));
	if (!money)
		val_text(errs, "description", d->description, !field_error_for(errs, "kind"),
			 CAMPAIGN_LINE_MAX);
	else
		val_text(errs, "description", d->description, false, CAMPAIGN_LINE_MAX);
	val_date(errs, "received_on", d->received_on, today, true);
	val_note(errs, "note", d->note, CAMPAIGN_NOTE_MAX);
	return errs->n > before ? K_EINVAL : 0;
}

int spending_validate(struct arena *a, struct spending *s, const char *today,
		      struct field_errors *errs)
{
	size_t before = errs->n;
	s->currency = val_trim(a, s->currency);
	s->spent_on = val_trim(a, s->spent_on);
	s->purpose = val_trim(a, s->purpose);
	s->note = val_trim(a, s->note);
	if (!s->spent_on)
		s->spent_on = today;
	amount(errs, s->amount, true);
	currency(errs, s->currency);
	val_date(errs, "spent_on", s->spent_on, today, true);
	val_text(errs, "purpose", s->purpose, true, CAMPAIGN_LINE_MAX);
	val_note(errs, "note", s->note, CAMPAIGN_NOTE_MAX);
	if (s->nservices > SPENDING_SERVICES_MAX)
		field_error_add(errs, "services", N_("Choose at most 50 services."));
	return errs->n > before ? K_EINVAL : 0;
}

int spending_services_parse(const char *v, struct spending *x, struct field_errors *errs)
{
	x->nservices = 0;
	for (const char *p = v; p && *p;) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		if (!*p)
			break;
		int64_t id = 0;
		int digits = 0;
		while (*p >= '0' && *p <= '9' && digits < 18) {
			id = id * 10 + (*p++ - '0');
			digits++;
		}
		if (!digits || id <= 0 || (*p && *p != ' ' && *p != ',' && *p != ';') ||
		    x->nservices >= SPENDING_SERVICES_MAX) {
			field_error_add(errs, "services",
					N_("Enter the numbers of services, separated by commas."));
			return K_EINVAL;
		}
		x->services[x->nservices++] = id;
	}
	return 0;
}

bool campaign_may_read(const struct actor *a)
{
	return access_may_read_persons(a);
}

bool campaign_may_manage(const struct actor *a)
{
	return a->role == ROLE_ADMIN || a->role == ROLE_SUPERVISOR;
}
