-- 0027: the facts that reports count (issue 9, domain/report.h): one row per service, case,
-- referral, group session and event participant, with the axes coded as small integers, so
-- that a report over a year is one range scan of this table, whatever its axes. The store
-- keeps it (store_report.c), re-deriving a person's rows when anything of theirs changes; a
-- program whose reference lists differ from those the rows were coded with derives them all
-- again (store_meta "report_codes"). Nothing here names anyone: the person's id, for counting
-- people once, and codes.
CREATE TABLE report_facts (
	measure INTEGER NOT NULL,     -- 1 service, 2 case, 3 referral, 4 group session, 5 event participant
	org_id INTEGER NOT NULL,
	day INTEGER NOT NULL,         -- YYYYMMDD
	id INTEGER NOT NULL,          -- the record's (an event participant: the event's)
	person_id INTEGER NOT NULL,   -- 0: a group session
	kind INTEGER NOT NULL,        -- service kind: its position in the list plus one, 0 none
	form INTEGER NOT NULL,
	function INTEGER NOT NULL,
	means INTEGER NOT NULL,
	case_status INTEGER NOT NULL,
	region INTEGER NOT NULL,      -- KZ-NN: NN
	sex INTEGER NOT NULL,
	born INTEGER NOT NULL,        -- YYYYMMDD, YYYY0000 when only the year is known, 0 unknown
	cats INTEGER NOT NULL,        -- categories: bit i for the list's item i
	programme_id INTEGER NOT NULL,
	value INTEGER NOT NULL,       -- a service's minutes, a session's attendance
	PRIMARY KEY (measure, org_id, day, id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX report_facts_person ON report_facts(person_id);
CREATE INDEX report_facts_record ON report_facts(measure, id);

-- The dashboards (store_report.c): a worker's services of the month, referrals sent and
-- waiting.
CREATE INDEX services_provider ON services(provider_id, delivered_on);
CREATE INDEX referrals_sent ON referrals(from_org_id, status);
