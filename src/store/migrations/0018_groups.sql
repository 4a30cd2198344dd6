-- 0018: groups of the collective form (issue 7, domain.md §3): self-help and mutual-help
-- groups, training groups, language and culture courses, psychotherapy and family-therapy
-- groups, game-technology sessions. A group belongs to an organisation; its members are
-- registered people who join and leave; each session records its date, topic, who of the
-- members came and how many came who are not registered.
-- ("groups" is a keyword of SQLite's window frames, hence work_groups.)
CREATE TABLE work_groups (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	kind TEXT NOT NULL, -- group_kinds
	form TEXT NOT NULL, -- forms (domain.md §3)
	function TEXT,      -- functions (domain.md §2.1)
	name TEXT NOT NULL,
	facilitator_id INTEGER REFERENCES users(id),
	place TEXT,
	schedule TEXT,
	starts_on TEXT,
	ends_on TEXT,
	description TEXT,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX work_groups_org ON work_groups(org_id, name);

-- A membership from joined_on until left_on (NULL while a member). One open membership per
-- person and group; a person who left may join again (a new row).
CREATE TABLE group_members (
	id INTEGER PRIMARY KEY,
	group_id INTEGER NOT NULL REFERENCES work_groups(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	joined_on TEXT NOT NULL,
	left_on TEXT,
	note TEXT,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX group_members_open ON group_members(group_id, person_id)
	WHERE left_on IS NULL;
CREATE INDEX group_members_group ON group_members(group_id, left_on);
CREATE INDEX group_members_person ON group_members(person_id);

CREATE TABLE group_sessions (
	id INTEGER PRIMARY KEY,
	group_id INTEGER NOT NULL REFERENCES work_groups(id),
	held_on TEXT NOT NULL,
	topic TEXT NOT NULL,
	unregistered INTEGER NOT NULL DEFAULT 0 CHECK (unregistered >= 0),
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX group_sessions_group ON group_sessions(group_id, held_on);

-- Whether a member came to a session: one row per member of the group on that day.
CREATE TABLE group_attendance (
	session_id INTEGER NOT NULL REFERENCES group_sessions(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	present INTEGER NOT NULL CHECK (present IN (0, 1)),
	PRIMARY KEY (session_id, person_id)
) STRICT;
CREATE INDEX group_attendance_person ON group_attendance(person_id);
