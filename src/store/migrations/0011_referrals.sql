-- 0011: the directory of partner organisations ("who does what where") and referrals
-- (issue 5). A partner is an entry of the directory, shared by every organisation of the
-- deployment; when it works in this Komek, org_id names its organisation, whose workers then
-- answer the referrals sent to it. `orgs` stays what it was: the organisations accounts
-- belong to.
CREATE TABLE partners (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	name_key TEXT NOT NULL, -- the name's match keys in any script (domain/person.h)
	kind TEXT NOT NULL,
	-- Set by the deployment's operator (komek org link), never from a page or the API: it
	-- decides which organisation's workers receive the people referred to the entry.
	org_id INTEGER UNIQUE REFERENCES orgs(id),
	description TEXT,
	address TEXT,
	phone TEXT,
	email TEXT,
	website TEXT,
	contact_person TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;

-- What each offers (service kinds of domain.md §2.4) and where (region codes).
CREATE TABLE partner_services (
	partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	service_kind TEXT NOT NULL,
	PRIMARY KEY (partner_id, service_kind)
) STRICT;
CREATE INDEX partner_services_kind ON partner_services(service_kind, partner_id);

CREATE TABLE partner_regions (
	partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
	region TEXT NOT NULL,
	PRIMARY KEY (partner_id, region)
) STRICT;
CREATE INDEX partner_regions_region ON partner_regions(region, partner_id);

-- A referral sends a person, from a case, to a partner for a service: sent, then accepted or
-- declined, then completed; a sent one nobody answered by expires_on is expired (derived).
-- It carries what it shares, copied when sent under the person's consent (consent_id): the
-- receiving organisation reads these columns, never the person's record. The message and
-- the outcome are sealed at rest (crypt/seal.h).
CREATE TABLE referrals (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	from_org_id INTEGER NOT NULL REFERENCES orgs(id),
	partner_id INTEGER NOT NULL REFERENCES partners(id),
	to_org_id INTEGER REFERENCES orgs(id),
	service_kind TEXT NOT NULL,
	message TEXT,
	consent_id INTEGER NOT NULL REFERENCES consents(id),
	restricted INTEGER NOT NULL DEFAULT 0,
	share_contact INTEGER NOT NULL DEFAULT 0,
	family_name TEXT NOT NULL,
	given_name TEXT NOT NULL,
	patronymic TEXT,
	birth_date TEXT,
	sex TEXT,
	phone TEXT,
	status TEXT NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'completed')),
	sent_on TEXT NOT NULL,
	expires_on TEXT NOT NULL,
	sent_by INTEGER NOT NULL REFERENCES users(id),
	answered_on TEXT,
	answered_by INTEGER REFERENCES users(id),
	decline_reason TEXT,
	handler_id INTEGER REFERENCES users(id),
	completed_on TEXT,
	completed_by INTEGER REFERENCES users(id),
	outcome TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX referrals_case ON referrals(case_id);
CREATE INDEX referrals_person ON referrals(person_id);
CREATE INDEX referrals_inbox ON referrals(to_org_id, status);
