-- 0026: integration indicators (issue 8, part 5; instruments.md §3): at intake and at each
-- review the worker records the person's standing in the domains of a framework (the UK Home
-- Office Indicators of Integration, 2019: framework 'home_office_2019'), each domain with a
-- status on a four-step scale (1 at risk, 2 building, 3 stable, 4 thriving), the indicator
-- used and the evidence. Not one summed score: a review is kept as made, a new one is a new
-- row, so that the person's page and the cohort view show change over time.
CREATE TABLE integration_reviews (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	reviewed_on TEXT NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('intake', 'review')),
	framework TEXT NOT NULL,
	reviewer_id INTEGER NOT NULL REFERENCES users(id),
	note TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX integration_reviews_person ON integration_reviews(person_id, reviewed_on);
-- The cohort view reads an organisation's reviews.
CREATE INDEX integration_reviews_org ON integration_reviews(org_id, reviewed_on);

-- A domain's standing at a review: domain a code of the framework; indicator what was
-- looked at ("a written contract, paid at or above the minimum wage"), evidence what shows it.
CREATE TABLE integration_domains (
	review_id INTEGER NOT NULL REFERENCES integration_reviews(id),
	domain TEXT NOT NULL,
	status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
	indicator TEXT,
	evidence TEXT,
	PRIMARY KEY (review_id, domain)
) STRICT;

-- Kept as made: only the free texts change (an erasure empties them), and the person when
-- two records of one person are linked.
CREATE TRIGGER integration_reviews_no_update BEFORE UPDATE ON integration_reviews
WHEN NEW.id IS NOT OLD.id OR NEW.org_id IS NOT OLD.org_id
	OR NEW.reviewed_on IS NOT OLD.reviewed_on OR NEW.kind IS NOT OLD.kind
	OR NEW.framework IS NOT OLD.framework OR NEW.reviewer_id IS NOT OLD.reviewer_id
	OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'integration reviews are kept as made'); END;
CREATE TRIGGER integration_reviews_no_delete BEFORE DELETE ON integration_reviews
BEGIN SELECT RAISE(ABORT, 'integration reviews are kept as made'); END;
CREATE TRIGGER integration_domains_no_update BEFORE UPDATE ON integration_domains
WHEN NEW.review_id IS NOT OLD.review_id OR NEW.domain IS NOT OLD.domain
	OR NEW.status IS NOT OLD.status
BEGIN SELECT RAISE(ABORT, 'integration reviews are kept as made'); END;
CREATE TRIGGER integration_domains_no_delete BEFORE DELETE ON integration_domains
BEGIN SELECT RAISE(ABORT, 'integration reviews are kept as made'); END;

-- Linking two records of one person moves their integration reviews too.
CREATE TABLE person_link_moves_new (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories', 'placements', 'centre_waiting',
		'group_members', 'group_attendance', 'event_participants', 'enrolments',
		'screenings', 'employments', 'person_skills', 'integration_reviews')),
	row_id INTEGER,
	code TEXT
) STRICT;
INSERT INTO person_link_moves_new (link_id, tbl, row_id, code)
	SELECT link_id, tbl, row_id, code FROM person_link_moves;
DROP TABLE person_link_moves;
ALTER TABLE person_link_moves_new RENAME TO person_link_moves;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
