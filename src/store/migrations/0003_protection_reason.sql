-- 0003: why a person's record is protected, in the worker's words. Sealed at rest: the
-- column holds "k1.KEYID.…" text (src/crypt/seal.h), never the reason itself; so do the
-- history rows of this field.
ALTER TABLE persons ADD COLUMN protection_reason TEXT;

-- History stays append-only, with one exception: `komek rekey` re-seals a sealed field's
-- old and new values under a new key. Nothing else of a history row may change.
DROP TRIGGER person_changes_no_update;
CREATE TRIGGER person_changes_no_update BEFORE UPDATE ON person_changes
WHEN OLD.field <> 'protection_reason' OR NEW.id IS NOT OLD.id
	OR NEW.person_id IS NOT OLD.person_id OR NEW.version IS NOT OLD.version
	OR NEW.changed_at IS NOT OLD.changed_at OR NEW.changed_by IS NOT OLD.changed_by
	OR NEW.field IS NOT OLD.field
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
