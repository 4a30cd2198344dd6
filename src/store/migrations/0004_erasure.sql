-- 0004: erasure of a person on request. Their identifying data is removed; what reports
-- count (sex, birth year, citizenship, region, categories, legal status, languages,
-- household) stays, so that aggregate figures do not change. erased_at marks the record.
ALTER TABLE persons ADD COLUMN erased_at INTEGER;
ALTER TABLE persons ADD COLUMN erased_by INTEGER REFERENCES users(id);

-- History stays append-only, with two exceptions: `komek rekey` re-seals the reason's
-- values (0003), and the erasure of a person empties the values of their history rows
-- (who changed which field when stays).
DROP TRIGGER person_changes_no_update;
CREATE TRIGGER person_changes_no_update BEFORE UPDATE ON person_changes
WHEN NEW.id IS NOT OLD.id
	OR NEW.person_id IS NOT OLD.person_id OR NEW.version IS NOT OLD.version
	OR NEW.changed_at IS NOT OLD.changed_at OR NEW.changed_by IS NOT OLD.changed_by
	OR NEW.field IS NOT OLD.field
	OR NOT (OLD.field = 'protection_reason'
		OR (NEW.old_value IS NULL AND NEW.new_value IS NULL
		    AND (SELECT erased_at FROM persons WHERE id = OLD.person_id) IS NOT NULL))
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
