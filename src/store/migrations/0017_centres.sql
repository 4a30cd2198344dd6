-- 0017: centres with rooms and beds (issue 7, domain.md §3: temporary accommodation and
-- adaptation and integration centres). A centre belongs to an organisation; its workers
-- place people on beds, keep a waiting list and a daily presence list, and check people out.
CREATE TABLE centres (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	kind TEXT NOT NULL, -- centre_kinds: temporary_accommodation, adaptation_centre
	name TEXT NOT NULL,
	region TEXT,
	address TEXT,
	phone TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX centres_org ON centres(org_id, name);

CREATE TABLE centre_rooms (
	id INTEGER PRIMARY KEY,
	centre_id INTEGER NOT NULL REFERENCES centres(id),
	name TEXT NOT NULL,
	note TEXT,
	UNIQUE (centre_id, name)
) STRICT;

-- A bed out of use (active = 0) keeps its history and takes nobody new.
CREATE TABLE beds (
	id INTEGER PRIMARY KEY,
	centre_id INTEGER NOT NULL REFERENCES centres(id),
	room_id INTEGER NOT NULL REFERENCES centre_rooms(id),
	label TEXT NOT NULL,
	active INTEGER NOT NULL DEFAULT 1,
	UNIQUE (room_id, label)
) STRICT;
CREATE INDEX beds_centre ON beds(centre_id, room_id);

-- A stay: a person on a bed from check_in until checked_out (NULL while they are there).
-- The two partial unique indexes are the rule "no bed given twice at the same time, and
-- nobody on two beds": whatever the requests racing for a bed, the database keeps one.
CREATE TABLE placements (
	id INTEGER PRIMARY KEY,
	centre_id INTEGER NOT NULL REFERENCES centres(id),
	bed_id INTEGER NOT NULL REFERENCES beds(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	check_in TEXT NOT NULL,
	planned_out TEXT,
	checked_out TEXT,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	closed_by INTEGER REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX placements_bed_open ON placements(bed_id) WHERE checked_out IS NULL;
CREATE UNIQUE INDEX placements_person_open ON placements(person_id) WHERE checked_out IS NULL;
CREATE INDEX placements_centre ON placements(centre_id, checked_out);
CREATE INDEX placements_person ON placements(person_id);

-- Waiting for a bed: waiting, then placed or withdrawn.
CREATE TABLE centre_waiting (
	id INTEGER PRIMARY KEY,
	centre_id INTEGER NOT NULL REFERENCES centres(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	since TEXT NOT NULL,
	note TEXT,
	status TEXT NOT NULL DEFAULT 'waiting',
	closed_on TEXT,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX centre_waiting_open ON centre_waiting(centre_id, person_id)
	WHERE status = 'waiting';

-- The daily presence list: who was seen in the centre on a day.
CREATE TABLE presence (
	placement_id INTEGER NOT NULL REFERENCES placements(id),
	day TEXT NOT NULL,
	seen_by INTEGER REFERENCES users(id),
	PRIMARY KEY (placement_id, day)
) STRICT;

-- Linking two records of one person moves their stays and places on waiting lists to the
-- record kept, like their cases (store_duplicates.c); the list of what a link moved names
-- the two tables too. (A CHECK is changed by making the table again.)
CREATE TABLE person_link_moves_new (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories', 'placements', 'centre_waiting')),
	row_id INTEGER,
	code TEXT
) STRICT;
INSERT INTO person_link_moves_new (link_id, tbl, row_id, code)
	SELECT link_id, tbl, row_id, code FROM person_link_moves;
DROP TABLE person_link_moves;
ALTER TABLE person_link_moves_new RENAME TO person_link_moves;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
