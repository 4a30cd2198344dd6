-- 0022: the public-state form of work (issue 7, domain.md §2.2, §3, §4): the organisations
-- resettlers create with help and the dated steps to their registration; public councils and
-- chambers with their meetings, agenda and decisions; policy proposals and what became of them.
CREATE TABLE resettler_orgs (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id), -- the organisation that helps
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	region TEXT,
	initiators TEXT,
	contact TEXT,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX resettler_orgs_org ON resettler_orgs(org_id, name);

CREATE TABLE resettler_org_steps (
	id INTEGER PRIMARY KEY,
	resettler_org_id INTEGER NOT NULL REFERENCES resettler_orgs(id),
	step TEXT NOT NULL,
	done_on TEXT NOT NULL,
	note TEXT,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX resettler_org_steps_org ON resettler_org_steps(resettler_org_id, done_on);

CREATE TABLE councils (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	kind TEXT NOT NULL,
	region TEXT,
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX councils_org ON councils(org_id, name);

CREATE TABLE council_meetings (
	id INTEGER PRIMARY KEY,
	council_id INTEGER NOT NULL REFERENCES councils(id),
	held_on TEXT NOT NULL,
	place TEXT,
	agenda TEXT NOT NULL,
	minutes TEXT,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX council_meetings_council ON council_meetings(council_id, held_on);

CREATE TABLE council_decisions (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES council_meetings(id),
	text TEXT NOT NULL,
	status TEXT NOT NULL,
	due_on TEXT,
	note TEXT,
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX council_decisions_meeting ON council_decisions(meeting_id);

CREATE TABLE policy_proposals (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	meeting_id INTEGER REFERENCES council_meetings(id), -- put forward at a council's meeting
	title TEXT NOT NULL,
	text TEXT NOT NULL,
	addressee TEXT NOT NULL,
	submitted_on TEXT,
	status TEXT NOT NULL,
	outcome TEXT,
	outcome_on TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX policy_proposals_org ON policy_proposals(org_id, status);
