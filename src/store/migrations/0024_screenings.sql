-- 0024: screenings of a person (issue 8; instruments.md §1–2): the mental-health screens
-- (RHS-15, PHQ-9, GAD-7, SDQ) and the two protection interviews (ILO indicators of forced
-- labour, ILO–EC indicators of trafficking). A screening is kept as made; a new one is a new
-- row, so that the history shows change. The answers, what made the result, its alerts and
-- the worker's reason are sealed at rest (`detail` is a sealed JSON object, `finding_reason`
-- sealed text); the result's figures stay plain so that reports can count them.
CREATE TABLE screenings (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	instrument TEXT NOT NULL,
	version TEXT NOT NULL,
	lang TEXT NOT NULL CHECK (lang IN ('kk', 'ru', 'en')),
	screened_on TEXT NOT NULL,
	screener_id INTEGER NOT NULL REFERENCES users(id),
	informant TEXT,
	norm TEXT,
	total INTEGER,
	band TEXT,
	positive INTEGER CHECK (positive IN (0, 1)),
	conclusion TEXT,
	alert INTEGER NOT NULL DEFAULT 0 CHECK (alert IN (0, 1)),
	finding TEXT CHECK (finding IN ('likely', 'unlikely', 'unclear')),
	detail TEXT,
	finding_reason TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX screenings_person ON screenings(person_id, screened_on);
CREATE INDEX screenings_org ON screenings(org_id, instrument, screened_on);

-- Kept as made: only the sealed texts change (`komek rekey`, and an erasure, which empties
-- them), and the person when two records of one person are linked.
CREATE TRIGGER screenings_no_update BEFORE UPDATE ON screenings
WHEN NEW.id IS NOT OLD.id OR NEW.org_id IS NOT OLD.org_id
	OR NEW.instrument IS NOT OLD.instrument OR NEW.version IS NOT OLD.version
	OR NEW.screened_on IS NOT OLD.screened_on OR NEW.screener_id IS NOT OLD.screener_id
	OR NEW.total IS NOT OLD.total OR NEW.band IS NOT OLD.band
	OR NEW.positive IS NOT OLD.positive OR NEW.conclusion IS NOT OLD.conclusion
	OR NEW.finding IS NOT OLD.finding OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'screenings are kept as made'); END;
CREATE TRIGGER screenings_no_delete BEFORE DELETE ON screenings
BEGIN SELECT RAISE(ABORT, 'screenings are kept as made'); END;

-- Linking two records of one person moves their screenings too.
CREATE TABLE person_link_moves_new (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories', 'placements', 'centre_waiting',
		'group_members', 'group_attendance', 'event_participants', 'enrolments',
		'screenings')),
	row_id INTEGER,
	code TEXT
) STRICT;
INSERT INTO person_link_moves_new (link_id, tbl, row_id, code)
	SELECT link_id, tbl, row_id, code FROM person_link_moves;
DROP TABLE person_link_moves;
ALTER TABLE person_link_moves_new RENAME TO person_link_moves;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
