/* campaigns.c: /api/v1/campaigns (domain/campaign.h): fundraising campaigns with their
 * balance per currency, donations and spendings. The rules are the pages' (web/campaigns.c):
 * everyone but analysts reads an organisation's campaigns, administrators and supervisors
 * keep them. Amounts are minor units (tiyn for KZT), as integers. */
#include <string.h>

#include "api/api.h"
#include "base/banned.h"
#include "base/util.h"
#include "domain/campaign.h"
#include "store/store.h"

static json_t *balance_json(const struct fund_balance *b)
{
	return json_pack("{s:s, s:I, s:I, s:I, s:I}", "currency", b->currency, "received",
			 (json_int_t)b->received, "spent", (json_int_t)b->spent, "balance",
			 (json_int_t)b->balance, "in_kind", (json_int_t)b->in_kind);
}

static json_t *campaign_json(const struct campaign *k)
{
	json_t *balances = json_array();
	for (size_t i = 0; i < k->nbalances; i++)
		json_array_append_new(balances, balance_json(&k->balances[i]));
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:o, s:s, s:o, s:o, s:b, s:I, s:I, s:o}", "id",
			      (json_int_t)k->id, "version", (json_int_t)k->version, "org_id",
			      (json_int_t)k->org_id, "name", k->name, "purpose",
			      api_text(k->purpose), "currency", k->currency, "starts_on",
			      api_text(k->starts_on), "ends_on", api_text(k->ends_on), "active",
			      k->active, "donations", (json_int_t)k->donations, "spendings",
			      (json_int_t)k->spendings, "balances", balances);
	json_object_set_new(o, "goal", k->goal ? json_integer(k->goal) : json_null());
	return o;
}

static json_t *donation_json(const struct donation *d)
{
	json_t *o = json_pack("{s:I, s:I, s:o, s:s, s:s, s:o, s:s, s:o, s:o, s:o}", "id",
			      (json_int_t)d->id, "campaign_id", (json_int_t)d->campaign_id, "donor",
			      api_text(d->donor), "donor_kind", d->donor_kind, "kind", d->kind,
			      "currency", api_text(d->currency), "received_on", d->received_on,
			      "description", api_text(d->description), "note", api_text(d->note),
			      "recorded_by", api_text(d->created_by));
	json_object_set_new(o, "amount", d->amount ? json_integer(d->amount) : json_null());
	return o;
}

static json_t *spending_json(const struct spending *x)
{
	json_t *services = json_array();
	for (size_t i = 0; i < x->nservices; i++)
		json_array_append_new(services, json_integer(x->services[i]));
	return json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)x->id,
			 "campaign_id", (json_int_t)x->campaign_id, "amount", (json_int_t)x->amount,
			 "currency", x->currency, "spent_on", x->spent_on, "purpose", x->purpose,
			 "note", api_text(x->note), "recorded_by", api_text(x->created_by),
			 "services", services);
}

/* The campaign of the path, for an actor the rule `may` allows (else K_EFORBIDDEN, before the
 * campaign is looked up). */
static int campaign_for(struct req *r, bool (*may)(const struct actor *), struct campaign *k)
{
	if (!campaign_may_read(r->who) || !may(r->who))
		return K_EFORBIDDEN;
	return store_campaign_get(req_db(r), &r->arena, r->who, r->param[0], k);
}

int api_campaigns_get(struct req *r)
{
	if (!campaign_may_read(r->who))
		return K_EFORBIDDEN;
	struct campaign *k;
	size_t n;
	int rc = store_campaigns(req_db(r), &r->arena, r->who, &k, &n);
	if (rc)
		return rc;
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, campaign_json(&k[i]));
	return api_send(r, 200, json_pack("{s:o}", "items", items));
}

/* The campaign, read again, with its donations and spendings. */
static int send_campaign(struct req *r, int status, int64_t id)
{
	struct campaign k;
	struct donation *d = NULL;
	struct spending *x = NULL;
	size_t nd = 0, nx = 0;
	int rc = store_campaign_get(req_db(r), &r->arena, r->who, id, &k);
	if (!rc)
		rc = store_donations(req_db(r), &r->arena, id, &d, &nd);
	if (!rc)
		rc = store_spendings(req_db(r), &r->arena, id, &x, &nx);
	if (rc)
		return rc;
	json_t *o = campaign_json(&k), *donations = json_array(), *spendings = json_array();
	for (size_t i = 0; i < nd; i++)
		json_array_append_new(donations, donation_json(&d[i]));
	for (size_t i = 0; i < nx; i++)
		json_array_append_new(spendings, spending_json(&x[i]));
	json_object_set_new(o, "donation_list", donations);
	json_object_set_new(o, "spending_list", spendings);
	return api_send(r, status, o);
}

int api_campaign_get(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_read, &k);
	return rc ? rc : send_campaign(r, 200, k.id);
}

/* POST /api/v1/campaigns and PATCH /api/v1/campaigns/{id}: the members given replace the
 * campaign's; a PATCH carries the version it read. */
static int campaign_write(struct req *r, struct campaign *k, bool patch)
{
	struct field_errors e = { 0 };
	int64_t version = 0, goal = k->goal;
	struct campaign in = *k;
	const struct api_member members[] = {
		{ "name", API_STR, &in.name },           { "purpose", API_STR, &in.purpose },
		{ "currency", API_STR, &in.currency },   { "goal", API_ID_NULL, &goal },
		{ "starts_on", API_STR, &in.starts_on }, { "ends_on", API_STR, &in.ends_on },
		{ "active", API_BOOL, &in.active },      { "version", API_ID, &version },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members) - (patch ? 0 : 1), &e))
		return 0;
	if (patch && !version && !field_error_for(&e, "version"))
		field_error_add(&e, "version", N_("This field is required."));
	in.version = version;
	in.goal = goal;
	campaign_validate(&r->arena, &in, &e);
	if (e.n)
		return api_validation(r, &e);
	int rc = store_campaign_save(req_db(r), r->who, &in);
	if (rc == K_ECONFLICT)
		return api_stale(r);
	if (rc)
		return rc;
	if (!patch)
		req_header_add(r, "Location",
			       arena_printf(&r->arena, "/api/v1/campaigns/%lld", (long long)in.id));
	return send_campaign(r, patch ? 200 : 201, in.id);
}

int api_campaigns_post(struct req *r)
{
	if (!campaign_may_read(r->who) || !campaign_may_manage(r->who))
		return K_EFORBIDDEN;
	struct campaign k = { .active = true };
	return campaign_write(r, &k, false);
}

int api_campaign_patch(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	return rc ? rc : campaign_write(r, &k, true);
}

int api_campaign_donations_post(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct donation d = { .campaign_id = k.id };
	const struct api_member members[] = {
		{ "donor", API_STR, &d.donor },
		{ "donor_kind", API_STR, &d.donor_kind },
		{ "kind", API_STR, &d.kind },
		{ "amount", API_ID_NULL, &d.amount },
		{ "currency", API_STR, &d.currency },
		{ "received_on", API_STR, &d.received_on },
		{ "description", API_STR, &d.description },
		{ "note", API_STR, &d.note },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	donation_validate(&r->arena, &d, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_donation_add(req_db(r), &r->arena, r->who, &d, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_campaign(r, 201, k.id);
}

int api_campaign_spendings_post(struct req *r)
{
	struct campaign k;
	int rc = campaign_for(r, campaign_may_manage, &k);
	if (rc)
		return rc;
	struct field_errors e = { 0 };
	struct spending *x = arena_alloc(&r->arena, sizeof(*x));
	*x = (struct spending){ .campaign_id = k.id };
	struct api_id_list services = { .items = x->services,
					.n = &x->nservices,
					.max = SPENDING_SERVICES_MAX };
	const struct api_member members[] = {
		{ "amount", API_ID, &x->amount },      { "currency", API_STR, &x->currency },
		{ "spent_on", API_STR, &x->spent_on }, { "purpose", API_STR, &x->purpose },
		{ "note", API_STR, &x->note },         { "services", API_ID_LIST, &services },
	};
	if (!api_read_members(r, members, ARRAY_SIZE(members), &e))
		return 0;
	spending_validate(&r->arena, x, r->today, &e);
	if (e.n)
		return api_validation(r, &e);
	rc = store_spending_add(req_db(r), &r->arena, r->who, x, &e);
	if (rc == K_EINVAL)
		return api_validation(r, &e);
	return rc ? rc : send_campaign(r, 201, k.id);
}
