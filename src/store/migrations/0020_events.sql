-- 0020: community events and publications (issue 7, domain.md §2.3 item 3): conferences,
-- forums, round tables, festivals, creative contests, excursions and publications, with their
-- audience counted and the registered people among it named.
CREATE TABLE events (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	kind TEXT NOT NULL, -- activity_kinds: an event or "publication"
	form TEXT NOT NULL,
	function TEXT NOT NULL,
	means TEXT NOT NULL,
	title TEXT NOT NULL,
	held_on TEXT NOT NULL, -- a publication: published on
	ends_on TEXT,
	place TEXT,
	organisers TEXT,
	partners TEXT,
	description TEXT,
	results TEXT,
	migrants INTEGER NOT NULL DEFAULT 0 CHECK (migrants >= 0),
	hosts INTEGER NOT NULL DEFAULT 0 CHECK (hosts >= 0),
	medium TEXT,
	circulation INTEGER NOT NULL DEFAULT 0 CHECK (circulation >= 0),
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX events_org ON events(org_id, held_on);

CREATE TABLE event_participants (
	event_id INTEGER NOT NULL REFERENCES events(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	role TEXT NOT NULL,
	added_by INTEGER REFERENCES users(id),
	PRIMARY KEY (event_id, person_id)
) STRICT;
CREATE INDEX event_participants_person ON event_participants(person_id);
