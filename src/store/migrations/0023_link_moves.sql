-- 0023: linking two records of one person also moves their group memberships and
-- attendance, the events they are named at, and their enrolments in programmes
-- (store_duplicates.c); the list of what a link moved names those tables too.
CREATE TABLE person_link_moves_new (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories', 'placements', 'centre_waiting',
		'group_members', 'group_attendance', 'event_participants', 'enrolments')),
	row_id INTEGER,
	code TEXT
) STRICT;
INSERT INTO person_link_moves_new (link_id, tbl, row_id, code)
	SELECT link_id, tbl, row_id, code FROM person_link_moves;
DROP TABLE person_link_moves;
ALTER TABLE person_link_moves_new RENAME TO person_link_moves;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
