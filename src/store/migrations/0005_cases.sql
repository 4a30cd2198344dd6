-- 0005: cases (the individual form of work, domain.md §3), their team and their notes.
-- A case belongs to a person (and, when `household` is 1, to the whole of their household)
-- and to the person's organisation. Who sees a case is who sees its person: the team of a
-- case is assigned to the person as well (person_workers), so that one access rule holds.
CREATE TABLE cases (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	household INTEGER NOT NULL DEFAULT 0,
	worker_id INTEGER NOT NULL REFERENCES users(id),
	status TEXT NOT NULL DEFAULT 'open'
		CHECK (status IN ('open', 'active', 'on_hold', 'closed')),
	opening_reason TEXT NOT NULL,
	opened_on TEXT NOT NULL,
	-- A closure asked for by the team and waiting for a supervisor, or made by one.
	closing_reason TEXT,
	outcome TEXT,
	closure_requested_at INTEGER,
	closure_requested_by INTEGER REFERENCES users(id),
	closed_on TEXT,
	closed_by INTEGER REFERENCES users(id),
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX cases_person ON cases(person_id);
CREATE INDEX cases_worker ON cases(worker_id, status);
CREATE INDEX cases_org_status ON cases(org_id, status);

-- Co-workers of a case (a psychologist, a lawyer); the assigned worker is cases.worker_id.
CREATE TABLE case_workers (
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id),
	added_by INTEGER REFERENCES users(id),
	added_at INTEGER NOT NULL,
	PRIMARY KEY (case_id, user_id)
) STRICT;
CREATE INDEX case_workers_user ON case_workers(user_id, case_id);

-- Dated notes. The text is sealed at rest (crypt/seal.h). A confidential note is seen only
-- by its author and supervisors.
CREATE TABLE case_notes (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	author_id INTEGER NOT NULL REFERENCES users(id),
	noted_on TEXT NOT NULL,
	confidential INTEGER NOT NULL DEFAULT 0,
	text TEXT NOT NULL,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_notes_case ON case_notes(case_id, id);
