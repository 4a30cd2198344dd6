-- 0015: duplicates (issue 6). family_sound and given_sound (domain/match.c's
-- match_name_sound, made in C like match_key) group records for the duplicate scan; the
-- likely pairs it and registration find wait in duplicate_pairs for a worker's decision.
-- Two records judged one person are linked, never merged: the second (linked_to) is hidden
-- from lists and searches, what was its (cases, services, referrals, consents) is moved to
-- the first and listed in person_link_moves with what the link added (assigned workers,
-- categories), so that an unlink puts back exactly the state before.
ALTER TABLE persons ADD COLUMN family_sound TEXT;
ALTER TABLE persons ADD COLUMN given_sound TEXT;
ALTER TABLE persons ADD COLUMN linked_to INTEGER REFERENCES persons(id);
CREATE INDEX persons_linked ON persons(linked_to) WHERE linked_to IS NOT NULL;
CREATE INDEX services_person ON services(person_id);

CREATE TABLE duplicate_pairs (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	first_id INTEGER NOT NULL REFERENCES persons(id),
	second_id INTEGER NOT NULL REFERENCES persons(id),
	score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
	reasons INTEGER NOT NULL,
	found_at INTEGER NOT NULL,
	found_by TEXT NOT NULL CHECK (found_by IN ('registration', 'scan')),
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'linked', 'distinct')),
	decided_by INTEGER REFERENCES users(id),
	decided_at INTEGER,
	CHECK (first_id < second_id),
	UNIQUE (first_id, second_id)
) STRICT;
CREATE INDEX duplicate_pairs_open ON duplicate_pairs(org_id, status, score);
CREATE INDEX duplicate_pairs_second ON duplicate_pairs(second_id);

CREATE TABLE person_links (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	survivor_id INTEGER NOT NULL REFERENCES persons(id),
	merged_id INTEGER NOT NULL REFERENCES persons(id),
	-- The survivor's own values before the link, put back by the unlink.
	was_restricted INTEGER NOT NULL,
	was_household_id INTEGER REFERENCES households(id),
	was_household_relation TEXT,
	linked_by INTEGER NOT NULL REFERENCES users(id),
	linked_at INTEGER NOT NULL,
	unlinked_by INTEGER REFERENCES users(id),
	unlinked_at INTEGER
) STRICT;
CREATE INDEX person_links_survivor ON person_links(survivor_id);
CREATE INDEX person_links_merged ON person_links(merged_id);

CREATE TABLE person_link_moves (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories')),
	row_id INTEGER,
	code TEXT
) STRICT;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
