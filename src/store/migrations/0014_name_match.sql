-- 0014: finding people across scripts (issue 6). match_key holds a person's name tokens
-- (domain/match.h: every spelling, lower-case ASCII, space-separated) for scoring;
-- person_keys the sound key of each token, per organisation, for finding the candidates
-- without reading every name. Both are made in C (store_match.c), and made again at start
-- when the key version in store_meta is not the program's, so this migration leaves them
-- empty and the first start fills them.
ALTER TABLE persons ADD COLUMN match_key TEXT;
CREATE TABLE person_keys (
	org_id INTEGER NOT NULL,
	key TEXT NOT NULL,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	PRIMARY KEY (org_id, key, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX person_keys_person ON person_keys(person_id);
-- A search by birth date alone.
CREATE INDEX persons_birth ON persons(org_id, birth_date);
-- Facts about the data that the program, not a migration, keeps up to date.
CREATE TABLE store_meta (
	name TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;
