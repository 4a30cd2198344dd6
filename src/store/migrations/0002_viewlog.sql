-- 0002: the view log. Audit rows of reads (every view of a person) move out of the main
-- database into the "viewlog" schema: a file of its own under SQLite (see db.h), written only
-- by the audit writer. The columns are those of audit; ids are the view log's own.
CREATE TABLE viewlog.audit (
	id INTEGER PRIMARY KEY,
	at INTEGER NOT NULL,
	user_id INTEGER,
	org_id INTEGER,
	action TEXT NOT NULL,
	entity TEXT,
	entity_id INTEGER,
	detail TEXT,
	addr TEXT,
	consent_id INTEGER
) STRICT;
-- The disclosure log of a record.
CREATE INDEX viewlog.audit_entity ON audit(entity, entity_id);

CREATE TRIGGER viewlog.audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER viewlog.audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Views already in the main audit stay where they are: both are read together.
