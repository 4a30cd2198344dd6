-- 0019: fundraising for a migrant-assistance fund (issue 7, domain.md §2.3 item 3): campaigns
-- with a goal, the donations they received and what was spent from them. Amounts are minor
-- units of their currency.
CREATE TABLE campaigns (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	purpose TEXT,
	currency TEXT NOT NULL, -- of the goal
	goal INTEGER CHECK (goal IS NULL OR goal > 0),
	starts_on TEXT,
	ends_on TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX campaigns_org ON campaigns(org_id, name);

-- The fund's money per currency: what donations brought less what was spent. The CHECK and
-- the conditional update of a spending (store_campaign.c) keep it from going below zero,
-- whatever requests race.
CREATE TABLE campaign_balances (
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	currency TEXT NOT NULL,
	balance INTEGER NOT NULL CHECK (balance >= 0),
	PRIMARY KEY (campaign_id, currency)
) STRICT;

-- A gift: money (amount and currency), or in kind (a description, and its value if known).
-- Never changed or deleted: a mistake is put right by a further entry.
CREATE TABLE donations (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	donor TEXT,
	donor_kind TEXT NOT NULL CHECK (donor_kind IN ('person', 'organisation', 'anonymous')),
	kind TEXT NOT NULL CHECK (kind IN ('money', 'in_kind')),
	amount INTEGER CHECK (amount IS NULL OR amount > 0),
	currency TEXT,
	received_on TEXT NOT NULL,
	description TEXT,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	CHECK (kind = 'in_kind' OR (amount IS NOT NULL AND currency IS NOT NULL))
) STRICT;
CREATE INDEX donations_campaign ON donations(campaign_id, received_on);

CREATE TABLE spendings (
	id INTEGER PRIMARY KEY,
	campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
	amount INTEGER NOT NULL CHECK (amount > 0),
	currency TEXT NOT NULL,
	spent_on TEXT NOT NULL,
	purpose TEXT NOT NULL,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX spendings_campaign ON spendings(campaign_id, spent_on);

-- The services a spending paid for.
CREATE TABLE spending_services (
	spending_id INTEGER NOT NULL REFERENCES spendings(id),
	service_id INTEGER NOT NULL REFERENCES services(id),
	PRIMARY KEY (spending_id, service_id)
) STRICT;
CREATE INDEX spending_services_service ON spending_services(service_id);

CREATE TRIGGER donations_no_update BEFORE UPDATE ON donations
BEGIN SELECT RAISE(ABORT, 'donations are append-only'); END;
CREATE TRIGGER donations_no_delete BEFORE DELETE ON donations
BEGIN SELECT RAISE(ABORT, 'donations are append-only'); END;
CREATE TRIGGER spendings_no_update BEFORE UPDATE ON spendings
BEGIN SELECT RAISE(ABORT, 'spendings are append-only'); END;
CREATE TRIGGER spendings_no_delete BEFORE DELETE ON spendings
BEGIN SELECT RAISE(ABORT, 'spendings are append-only'); END;
