-- 0013: retention (issue 3). An organisation may keep what was written in a closed case only
-- for a set number of months after its closure; then Komek anonymises the case (its texts go,
-- its dates, statuses and codes stay for the figures), and a person whose cases have all gone
-- that way, with none open, like an erasure. NULL: kept until erased on request.
ALTER TABLE orgs ADD COLUMN retention_months INTEGER
	CHECK (retention_months IS NULL OR retention_months BETWEEN 12 AND 1200);
ALTER TABLE cases ADD COLUMN anonymised_at INTEGER;
CREATE INDEX cases_closed ON cases(org_id, status, closed_on);
