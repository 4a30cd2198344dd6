/* store_campaign.c: fundraising campaigns, their donations and spendings (domain/campaign.h).
 * A campaign is seen by its organisation alone. The fund's balance per currency lives in
 * campaign_balances: a donation of money adds to it and a spending takes from it in one
 * conditional update, so that two spendings racing for the last of the money cannot both
 * pass (on PostgreSQL the second update waits for the first and then finds too little). */
#include <stdio.h>
#include <string.h>

#include "base/banned.h"
#include "store/store.h"
#include "store/store_util.h"

/* ---- campaigns ---- */

/* ?1 the reader's organisation. Raised, spent and the balance in the campaign's currency. */
#define CAMPAIGN_COLS                                                                              \
	"SELECT c.id, c.org_id, c.version, c.created_at, c.updated_at, c.name, c.purpose,"         \
	" c.currency, c.goal, c.starts_on, c.ends_on, c.active,"                                   \
	" (SELECT COUNT(*) FROM donations d WHERE d.campaign_id = c.id),"                          \
	" (SELECT COUNT(*) FROM spendings s WHERE s.campaign_id = c.id),"                          \
	" (SELECT COALESCE(SUM(d.amount), 0) FROM donations d WHERE d.campaign_id = c.id"          \
	" AND d.kind = 'money' AND d.currency = c.currency),"                                      \
	" (SELECT COALESCE(SUM(s.amount), 0) FROM spendings s WHERE s.campaign_id = c.id"          \
	" AND s.currency = c.currency),"                                                           \
	" (SELECT b.balance FROM campaign_balances b WHERE b.campaign_id = c.id"                   \
	" AND b.currency = c.currency),"                                                           \
	" (SELECT COALESCE(SUM(d.amount), 0) FROM donations d WHERE d.campaign_id = c.id"          \
	" AND d.kind = 'in_kind' AND d.currency = c.currency)"                                     \
	" FROM campaigns c"
static const char SQL_CAMPAIGNS[] =
    CAMPAIGN_COLS " WHERE c.org_id = ?1 ORDER BY c.active DESC, c.name, c.id LIMIT 2000";
static const char SQL_CAMPAIGN_GET[] = CAMPAIGN_COLS " WHERE c.org_id = ?1 AND c.id = ?2";
static const char SQL_CAMPAIGN_EXISTS[] = "SELECT id FROM campaigns WHERE org_id = ?1 AND id = ?2";
/* Every currency of the fund but the campaign's own (read with it above). */
static const char SQL_BALANCES[] =
    "SELECT b.currency, (SELECT COALESCE(SUM(d.amount), 0) FROM donations d"
    " WHERE d.campaign_id = b.campaign_id AND d.kind = 'money' AND d.currency = b.currency),"
    " (SELECT COALESCE(SUM(s.amount), 0) FROM spendings s WHERE s.campaign_id = b.campaign_id"
    " AND s.currency = b.currency), b.balance, (SELECT COALESCE(SUM(d.amount), 0) FROM"
    " donations d WHERE d.campaign_id = b.campaign_id AND d.kind = 'in_kind'"
    " AND d.currency = b.currency)"
    " FROM campaign_balances b WHERE b.campaign_id = ?1 AND b.currency <> ?2"
    " ORDER BY b.currency";
static const char SQL_CAMPAIGN_ADD[] =
    "INSERT INTO campaigns (org_id, name, purpose, currency, goal, starts_on, ends_on, active,"
    " created_at, created_by, updated_at, updated_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9, ?10) RETURNING id";
static const char SQL_CAMPAIGN_UPDATE[] =
    "UPDATE campaigns SET name = ?2, purpose = ?3, currency = ?4, goal = ?5, starts_on = ?6,"
    " ends_on = ?7, active = ?8, updated_at = ?9, updated_by = ?10, version = version + 1"
    " WHERE org_id = ?1 AND id = ?11 AND version = ?12";

static void campaign_from(struct dbstmt *s, struct arena *a, struct campaign *c)
{
	*c = (struct campaign){
		.id = db_col_int(s, 0),
		.org_id = db_col_int(s, 1),
		.version = db_col_int(s, 2),
		.created_at = db_col_int(s, 3),
		.updated_at = db_col_int(s, 4),
		.name = arena_strdup(a, db_col_text(s, 5)),
		.purpose = arena_strdup(a, db_col_text(s, 6)),
		.currency = arena_strdup(a, db_col_text(s, 7)),
		.goal = db_col_int(s, 8),
		.starts_on = arena_strdup(a, db_col_text(s, 9)),
		.ends_on = arena_strdup(a, db_col_text(s, 10)),
		.active = db_col_int(s, 11) != 0,
		.donations = db_col_int(s, 12),
		.spendings = db_col_int(s, 13),
		.nbalances = 1,
	};
	c->balances[0] = (struct fund_balance){ .currency = c->currency,
						.received = db_col_int(s, 14),
						.spent = db_col_int(s, 15),
						.balance = db_col_int(s, 16),
						.in_kind = db_col_int(s, 17) };
}

int store_campaigns(struct dbconn *c, struct arena *a, const struct actor *who,
		    struct campaign **rows, size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_CAMPAIGNS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	STORE_COLLECT(s, a, struct campaign, *rows, *n, 2000, campaign_from(s, a, row));
	return 0;
}

int store_campaign_get(struct dbconn *c, struct arena *a, const struct actor *who, int64_t id,
		       struct campaign *out)
{
	struct dbstmt *s = db_prep(c, SQL_CAMPAIGN_GET);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, who->org_id);
	db_bind_int(s, 2, id);
	int rc = db_step(s);
	if (rc == DB_ROW)
		campaign_from(s, a, out);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? K_ENOTFOUND : rc;
	if (!(s = db_prep(c, SQL_BALANCES)))
		return K_EDB;
	db_bind_int(s, 1, id);
	db_bind_text(s, 2, out->currency);
	while ((rc = db_step(s)) == DB_ROW && out->nbalances < CAMPAIGN_CURRENCIES)
		out->balances[out->nbalances++] =
		    (struct fund_balance){ .currency = arena_strdup(a, db_col_text(s, 0)),
					   .received = db_col_int(s, 1),
					   .spent = db_col_int(s, 2),
					   .balance = db_col_int(s, 3),
					   .in_kind = db_col_int(s, 4) };
	db_reset(s);
	return rc < 0 ? rc : 0;
}

int store_campaign_save(struct dbconn *c, const struct actor *who, struct campaign *k)
{
	int rc = store_begin(c);
	struct dbstmt *s = rc ? NULL : db_prep(c, k->id ? SQL_CAMPAIGN_UPDATE : SQL_CAMPAIGN_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, who->org_id);
		db_bind_text(s, 2, k->name);
		db_bind_text(s, 3, k->purpose);
		db_bind_text(s, 4, k->currency);
		if (k->goal > 0)
			db_bind_int(s, 5, k->goal);
		else
			db_bind_null(s, 5);
		db_bind_text(s, 6, k->starts_on);
		db_bind_text(s, 7, k->ends_on);
		db_bind_int(s, 8, k->active ? 1 : 0);
		db_bind_int(s, 9, time_now());
		db_bind_int(s, 10, who->user_id);
		if (k->id) {
			db_bind_int(s, 11, k->id);
			db_bind_int(s, 12, k->version);
			/* Gone, another organisation's, or changed meanwhile. */
			rc = store_run_versioned(c, s, SQL_CAMPAIGN_EXISTS, who->org_id, k->id);
			k->version++;
		} else {
			rc = store_returning_id(s, &k->id);
			k->version = 1;
		}
	}
	if (!rc)
		rc = store_audit(c, who, "campaign.save", "campaign", k->id, k->currency);
	return store_finish(c, rc);
}

/* ---- donations ---- */

static const char SQL_DONATIONS[] =
    "SELECT d.id, d.campaign_id, d.donor, d.donor_kind, d.kind, d.amount, d.currency,"
    " d.received_on, d.description, d.note, d.created_at, u.login"
    " FROM donations d LEFT JOIN users u ON u.id = d.created_by"
    " WHERE d.campaign_id = ?1 ORDER BY d.received_on DESC, d.id DESC LIMIT 5000";

static void donation_from(struct dbstmt *s, struct arena *a, struct donation *d)
{
	*d = (struct donation){
		.id = db_col_int(s, 0),
		.campaign_id = db_col_int(s, 1),
		.donor = arena_strdup(a, db_col_text(s, 2)),
		.donor_kind = arena_strdup(a, db_col_text(s, 3)),
		.kind = arena_strdup(a, db_col_text(s, 4)),
		.amount = db_col_int(s, 5),
		.currency = arena_strdup(a, db_col_text(s, 6)),
		.received_on = arena_strdup(a, db_col_text(s, 7)),
		.description = arena_strdup(a, db_col_text(s, 8)),
		.note = arena_strdup(a, db_col_text(s, 9)),
		.created_at = db_col_int(s, 10),
		.created_by = arena_strdup(a, db_col_text(s, 11)),
	};
}

int store_donations(struct dbconn *c, struct arena *a, int64_t campaign_id, struct donation **rows,
		    size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_DONATIONS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, campaign_id);
	STORE_COLLECT(s, a, struct donation, *rows, *n, 5000, donation_from(s, a, row));
	return 0;
}

static const char SQL_DONATION_ADD[] =
    "INSERT INTO donations (campaign_id, donor, donor_kind, kind, amount, currency,"
    " received_on, description, note, created_at, created_by)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) RETURNING id";
/* Money adds to the currency's balance; a gift in kind only opens the currency's line. */
static const char SQL_BALANCE_ADD[] =
    "INSERT INTO campaign_balances (campaign_id, currency, balance) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (campaign_id, currency) DO UPDATE"
    " SET balance = campaign_balances.balance + excluded.balance";

/* Begins a write and reads the campaign of the actor's organisation. */
static int begin_with_campaign(struct dbconn *c, struct arena *a, const struct actor *who,
			       int64_t id, struct campaign *k)
{
	int rc = store_begin(c);
	return rc ? rc : store_campaign_get(c, a, who, id, k);
}

int store_donation_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct donation *d, struct field_errors *errs)
{
	struct campaign k;
	int rc = begin_with_campaign(c, a, who, d->campaign_id, &k);
	if (!rc && !k.active) {
		field_error_add(errs, "amount",
				N_("The campaign is closed: it takes no donations."));
		rc = K_EINVAL;
	}
	bool money = strcmp(d->kind, "money") == 0;
	if (!rc && d->currency && k.nbalances >= CAMPAIGN_CURRENCIES) {
		bool known = false;
		for (size_t i = 0; i < k.nbalances; i++)
			known = known || strcmp(k.balances[i].currency, d->currency) == 0;
		if (!known) {
			field_error_add(errs, "currency",
					N_("The fund keeps at most eight currencies."));
			rc = K_EINVAL;
		}
	}
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_DONATION_ADD);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, d->campaign_id);
		db_bind_text(s, 2, d->donor);
		db_bind_text(s, 3, d->donor_kind);
		db_bind_text(s, 4, d->kind);
		if (d->amount > 0)
			db_bind_int(s, 5, d->amount);
		else
			db_bind_null(s, 5);
		db_bind_text(s, 6, d->currency);
		db_bind_text(s, 7, d->received_on);
		db_bind_text(s, 8, d->description);
		db_bind_text(s, 9, d->note);
		db_bind_int(s, 10, time_now());
		db_bind_int(s, 11, who->user_id);
		rc = store_returning_id(s, &d->id);
	}
	if (!rc && d->currency) {
		if (!(s = db_prep(c, SQL_BALANCE_ADD)))
			rc = K_EDB;
		else {
			db_bind_int(s, 1, d->campaign_id);
			db_bind_text(s, 2, d->currency);
			db_bind_int(s, 3, money ? d->amount : 0);
			rc = db_run(s);
		}
	}
	if (!rc)
		rc = store_audit(c, who, "campaign.donation", "campaign", d->campaign_id,
				 arena_printf(a, "donation %lld", (long long)d->id));
	return store_finish(c, rc);
}

/* ---- spendings ---- */

static const char SQL_SPENDINGS[] =
    "SELECT s.id, s.campaign_id, s.amount, s.currency, s.spent_on, s.purpose, s.note,"
    " s.created_at, u.login FROM spendings s LEFT JOIN users u ON u.id = s.created_by"
    " WHERE s.campaign_id = ?1 ORDER BY s.spent_on DESC, s.id DESC LIMIT 5000";
static const char SQL_SPENDING_SERVICES[] =
    "SELECT x.spending_id, x.service_id FROM spending_services x JOIN spendings s ON s.id ="
    " x.spending_id WHERE s.campaign_id = ?1 ORDER BY x.spending_id, x.service_id";

static void spending_from(struct dbstmt *s, struct arena *a, struct spending *x)
{
	*x = (struct spending){
		.id = db_col_int(s, 0),
		.campaign_id = db_col_int(s, 1),
		.amount = db_col_int(s, 2),
		.currency = arena_strdup(a, db_col_text(s, 3)),
		.spent_on = arena_strdup(a, db_col_text(s, 4)),
		.purpose = arena_strdup(a, db_col_text(s, 5)),
		.note = arena_strdup(a, db_col_text(s, 6)),
		.created_at = db_col_int(s, 7),
		.created_by = arena_strdup(a, db_col_text(s, 8)),
	};
}

int store_spendings(struct dbconn *c, struct arena *a, int64_t campaign_id, struct spending **rows,
		    size_t *n)
{
	struct dbstmt *s = db_prep(c, SQL_SPENDINGS);
	if (!s)
		return K_EDB;
	db_bind_int(s, 1, campaign_id);
	int rc;
	STORE_COLLECT_RC(s, a, struct spending, *rows, *n, 5000, spending_from(s, a, row), rc);
	if (rc || !*n)
		return rc;
	if (!(s = db_prep(c, SQL_SPENDING_SERVICES)))
		return K_EDB;
	db_bind_int(s, 1, campaign_id);
	while ((rc = db_step(s)) == DB_ROW) {
		int64_t sid = db_col_int(s, 0);
		for (size_t i = 0; i < *n; i++) {
			struct spending *x = &(*rows)[i];
			if (x->id == sid && x->nservices < SPENDING_SERVICES_MAX)
				x->services[x->nservices++] = db_col_int(s, 1);
		}
	}
	db_reset(s);
	return rc < 0 ? rc : 0;
}

/* A service delivered in a case of the organisation. */
static const char SQL_SERVICE_OF_ORG[] =
    "SELECT s.id FROM services s JOIN cases k ON k.id = s.case_id WHERE s.id = ?1"
    " AND k.org_id = ?2";
static const char SQL_BALANCE_TAKE[] =
    "UPDATE campaign_balances SET balance = balance - ?3"
    " WHERE campaign_id = ?1 AND currency = ?2 AND balance >= ?3";
static const char SQL_SPENDING_ADD[] =
    "INSERT INTO spendings (campaign_id, amount, currency, spent_on, purpose, note, created_at,"
    " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id";
static const char SQL_SPENDING_SERVICE_ADD[] =
    "INSERT INTO spending_services (spending_id, service_id) VALUES (?1, ?2)"
    " ON CONFLICT (spending_id, service_id) DO NOTHING";

static int services_of_org(struct dbconn *c, const struct actor *who, const struct spending *x,
			   struct field_errors *errs)
{
	for (size_t i = 0; i < x->nservices; i++) {
		struct dbstmt *s = db_prep(c, SQL_SERVICE_OF_ORG);
		if (!s)
			return K_EDB;
		db_bind_int(s, 1, x->services[i]);
		db_bind_int(s, 2, who->org_id);
		int rc = store_returning_id(s, NULL);
		if (rc == K_ENOTFOUND) {
			field_error_add(errs, "services",
					N_("Choose services delivered by your organisation."));
			return K_EINVAL;
		}
		if (rc)
			return rc;
	}
	return 0;
}

int store_spending_add(struct dbconn *c, struct arena *a, const struct actor *who,
		       struct spending *x, struct field_errors *errs)
{
	struct campaign k;
	int rc = begin_with_campaign(c, a, who, x->campaign_id, &k);
	if (!rc)
		rc = services_of_org(c, who, x, errs);
	struct dbstmt *s = rc ? NULL : db_prep(c, SQL_BALANCE_TAKE);
	if (!rc && !s)
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, x->campaign_id);
		db_bind_text(s, 2, x->currency);
		db_bind_int(s, 3, x->amount);
		rc = db_run(s);
		if (!rc && db_changes(c) == 0) {
			field_error_add(errs, "amount",
					N_("The fund has less than this left in that currency."));
			rc = K_EINVAL;
		}
	}
	if (!rc && !(s = db_prep(c, SQL_SPENDING_ADD)))
		rc = K_EDB;
	if (!rc) {
		db_bind_int(s, 1, x->campaign_id);
		db_bind_int(s, 2, x->amount);
		db_bind_text(s, 3, x->currency);
		db_bind_text(s, 4, x->spent_on);
		db_bind_text(s, 5, x->purpose);
		db_bind_text(s, 6, x->note);
		db_bind_int(s, 7, time_now());
		db_bind_int(s, 8, who->user_id);
		rc = store_returning_id(s, &x->id);
	}
	for (size_t i = 0; !rc && i < x->nservices; i++) {
		if (!(s = db_prep(c, SQL_SPENDING_SERVICE_ADD))) {
			rc = K_EDB;
			break;
		}
		db_bind_int(s, 1, x->id);
		db_bind_int(s, 2, x->services[i]);
		rc = db_run(s);
	}
	if (!rc)
		rc = store_audit(c, who, "campaign.spending", "campaign", x->campaign_id,
				 arena_printf(a, "spending %lld", (long long)x->id));
	return store_finish(c, rc);
}
