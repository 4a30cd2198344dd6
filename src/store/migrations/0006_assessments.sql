-- 0006: needs assessments of a case (issue 5). Each assessment scores every need the seed
-- names for urgency (0 no need, 1 low, 2 moderate, 3 urgent); a re-assessment is a new row,
-- so that change over time is visible. The summary and the notes are sealed at rest.
CREATE TABLE assessments (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	assessed_on TEXT NOT NULL,
	assessor_id INTEGER NOT NULL REFERENCES users(id),
	summary TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX assessments_case ON assessments(case_id, assessed_on);

CREATE TABLE assessment_needs (
	id INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
	need TEXT NOT NULL,
	urgency INTEGER NOT NULL CHECK (urgency BETWEEN 0 AND 3),
	note TEXT,
	UNIQUE (assessment_id, need)
) STRICT;

-- Kept, not overwritten: only the sealed texts change (`komek rekey`, and the erasure of
-- the person, which empties them).
CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
WHEN NEW.id IS NOT OLD.id OR NEW.case_id IS NOT OLD.case_id
	OR NEW.assessed_on IS NOT OLD.assessed_on OR NEW.assessor_id IS NOT OLD.assessor_id
	OR NEW.created_at IS NOT OLD.created_at
BEGIN SELECT RAISE(ABORT, 'assessments are kept as made'); END;
CREATE TRIGGER assessment_needs_no_update BEFORE UPDATE ON assessment_needs
WHEN NEW.id IS NOT OLD.id OR NEW.assessment_id IS NOT OLD.assessment_id
	OR NEW.need IS NOT OLD.need
	OR NEW.urgency IS NOT OLD.urgency
BEGIN SELECT RAISE(ABORT, 'assessments are kept as made'); END;
