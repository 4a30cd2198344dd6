-- 0001: organisations, accounts, sessions, the registry of people, households, audit.
-- Portable SQL: INTEGER is 64-bit (BIGINT in PostgreSQL), booleans are 0/1 integers, dates
-- are ISO text, instants are Unix seconds. STRICT is SQLite's; the PostgreSQL dialect drops it.

CREATE TABLE orgs (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	login TEXT NOT NULL UNIQUE,
	pw_hash TEXT NOT NULL,
	role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'social_worker',
		'psychologist', 'lawyer', 'analyst')),
	full_name TEXT NOT NULL DEFAULT '',
	lang TEXT NOT NULL DEFAULT 'kk' CHECK (lang IN ('kk', 'ru', 'en')),
	active INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX users_org ON users(org_id);

-- A session is found by the SHA-256 of its token: the token itself is never stored.
CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id),
	kind TEXT NOT NULL CHECK (kind IN ('web', 'api')),
	csrf TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	revoked_at INTEGER
) STRICT;
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed logins per account ('user:LOGIN') and per address ('addr:IP') in a time window.
CREATE TABLE login_failures (
	key TEXT PRIMARY KEY,
	count INTEGER NOT NULL,
	window_start INTEGER NOT NULL
) STRICT;

CREATE TABLE households (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;

CREATE TABLE persons (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	family_name TEXT NOT NULL,
	given_name TEXT NOT NULL,
	patronymic TEXT,
	name_original TEXT,
	sex TEXT CHECK (sex IN ('female', 'male')),
	birth_date TEXT,
	birth_year INTEGER,
	citizenship TEXT,
	country_of_origin TEXT,
	legal_status TEXT,
	region TEXT,
	locality TEXT,
	arrival_date TEXT,
	phone TEXT,
	lang_kk TEXT,
	lang_ru TEXT,
	languages TEXT,
	child_status TEXT NOT NULL DEFAULT 'none',
	disability INTEGER NOT NULL DEFAULT 0,
	household_id INTEGER REFERENCES households(id),
	household_relation TEXT,
	restricted INTEGER NOT NULL DEFAULT 0,
	name_key TEXT NOT NULL,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX persons_org_name ON persons(org_id, family_name, given_name);
CREATE INDEX persons_household ON persons(household_id);
CREATE INDEX persons_org_region ON persons(org_id, region);

CREATE TABLE person_categories (
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	category TEXT NOT NULL,
	PRIMARY KEY (person_id, category)
) STRICT;
CREATE INDEX person_categories_category ON person_categories(category, person_id);

CREATE TABLE documents (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	type TEXT NOT NULL,
	number TEXT NOT NULL,
	number_key TEXT NOT NULL,
	country TEXT,
	issued_on TEXT,
	expires_on TEXT
) STRICT;
CREATE INDEX documents_person ON documents(person_id);
CREATE INDEX documents_number_key ON documents(number_key);

-- Workers assigned to a person; for a restricted person, the only non-supervisors who see it.
CREATE TABLE person_workers (
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	user_id INTEGER NOT NULL REFERENCES users(id),
	assigned_by INTEGER REFERENCES users(id),
	assigned_at INTEGER NOT NULL,
	PRIMARY KEY (person_id, user_id)
) STRICT;
CREATE INDEX person_workers_user ON person_workers(user_id, person_id);

CREATE TABLE consents (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	purpose TEXT NOT NULL,
	given_on TEXT NOT NULL,
	recorded_by INTEGER REFERENCES users(id),
	recorded_at INTEGER NOT NULL,
	withdrawn_on TEXT
) STRICT;
CREATE INDEX consents_person ON consents(person_id);

-- The history of a person: one row per changed field per version; append-only.
CREATE TABLE person_changes (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
	version INTEGER NOT NULL,
	changed_at INTEGER NOT NULL,
	changed_by INTEGER REFERENCES users(id),
	field TEXT NOT NULL,
	old_value TEXT,
	new_value TEXT
) STRICT;
CREATE INDEX person_changes_person ON person_changes(person_id, version);

-- Who did what to which record: append-only, enforced by the triggers below.
CREATE TABLE audit (
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
-- One index: the disclosure log of a record. The audit page reads newest first by id.
-- Every index costs a page write per row, and every view of a person adds a row.
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER person_changes_no_update BEFORE UPDATE ON person_changes
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
