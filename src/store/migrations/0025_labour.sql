-- 0025: labour (issue 8, parts 1 and 2): employers and their vacancies, a person's skills,
-- education and work history, employment records, and the working-condition alerts an
-- employment raises: a monthly wage below the national minimum wage in force on its start
-- (pro-rated for part-time work), hours above the legal week, identity documents held by the
-- employer or an agency (ILO indicator of forced labour, instruments.md §2). Amounts are minor
-- units of KZT (tiyn); dates ISO text; occupations ISCO-08 sub-major groups (two digits).

-- The national minimum monthly wage from a date (the republican budget law of each year),
-- kept by the administrators: the minimum in force on a day is the row with the latest
-- valid_from not after it.
CREATE TABLE minimum_wages (
	valid_from TEXT PRIMARY KEY,
	amount INTEGER NOT NULL CHECK (amount > 0),
	set_by INTEGER REFERENCES users(id),
	set_at INTEGER
) STRICT;
INSERT INTO minimum_wages (valid_from, amount)
	SELECT CAST(year AS TEXT) || '-01-01', min_wage FROM rates;
INSERT INTO minimum_wages (valid_from, amount) VALUES
	('2019-01-01', 4250000),
	('2022-01-01', 6000000),
	('2023-01-01', 7000000),
	('2024-01-01', 8500000);

-- The normal working week from a date: the Labour Code of 2015 (in force from 1 January
-- 2016), art. 68: not above 40 hours a week.
CREATE TABLE labour_rules (
	valid_from TEXT PRIMARY KEY,
	legal_week_hours INTEGER NOT NULL CHECK (legal_week_hours BETWEEN 1 AND 168)
) STRICT;
INSERT INTO labour_rules (valid_from, legal_week_hours) VALUES ('2016-01-01', 40);

-- An employer an organisation works with; bin: the 12-digit business identification number.
CREATE TABLE employers (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	name TEXT NOT NULL,
	bin TEXT,
	region TEXT,
	address TEXT,
	contact TEXT,
	phone TEXT,
	note TEXT,
	active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX employers_org ON employers(org_id, name);

-- A vacancy: occupation an ISCO-08 sub-major group; wage monthly (NULL: not given);
-- languages the ISO 639-1 codes the job requires, space-separated; housing 1 when offered.
CREATE TABLE vacancies (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	employer_id INTEGER NOT NULL REFERENCES employers(id),
	title TEXT NOT NULL,
	occupation TEXT NOT NULL,
	region TEXT NOT NULL,
	wage INTEGER CHECK (wage >= 0),
	hours_per_week INTEGER CHECK (hours_per_week BETWEEN 1 AND 168),
	housing INTEGER NOT NULL DEFAULT 0 CHECK (housing IN (0, 1)),
	languages TEXT,
	places INTEGER NOT NULL DEFAULT 1 CHECK (places >= 1),
	opened_on TEXT NOT NULL,
	closes_on TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'closed')),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX vacancies_org ON vacancies(org_id, status, region, occupation);
CREATE INDEX vacancies_employer ON vacancies(employer_id);

-- A person's skills, education and work history, one row each: occupation an ISCO-08
-- sub-major group (skills and work), level an ISCED 2011 level 0..8 (education); title what
-- it is (the skill, the diploma, the job), place where (school, employer, country).
CREATE TABLE person_skills (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	kind TEXT NOT NULL CHECK (kind IN ('skill', 'education', 'work')),
	occupation TEXT,
	level TEXT,
	title TEXT NOT NULL,
	place TEXT,
	from_year INTEGER,
	to_year INTEGER,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX person_skills_person ON person_skills(person_id, kind);

-- A person's employment: with a registered employer or one named only; wage monthly, in
-- tiyn; contract written, oral or none; who holds the worker's identity documents. case_id:
-- the case it is recorded in, if any.
CREATE TABLE employments (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	case_id INTEGER REFERENCES cases(id),
	employer_id INTEGER REFERENCES employers(id),
	employer_name TEXT,
	vacancy_id INTEGER REFERENCES vacancies(id),
	job_title TEXT NOT NULL,
	occupation TEXT,
	region TEXT,
	wage INTEGER NOT NULL CHECK (wage >= 0),
	hours_per_week INTEGER NOT NULL CHECK (hours_per_week BETWEEN 1 AND 168),
	started_on TEXT NOT NULL,
	ended_on TEXT,
	contract TEXT NOT NULL CHECK (contract IN ('written', 'oral', 'none')),
	documents_held_by TEXT NOT NULL
		CHECK (documents_held_by IN ('worker', 'employer', 'agency', 'other', 'unknown')),
	note TEXT,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id),
	CHECK (employer_id IS NOT NULL OR employer_name IS NOT NULL),
	CHECK (ended_on IS NULL OR ended_on >= started_on)
) STRICT;
CREATE INDEX employments_person ON employments(person_id);
CREATE INDEX employments_org ON employments(org_id, started_on);
CREATE INDEX employments_employer ON employments(employer_id);

-- A working-condition alert an employment raised: open until resolved (by hand with a note,
-- or 'corrected' when an edit of the employment made it no longer apply). One open alert per
-- kind per employment. detail: the figures, as key=value words ("wage=… minimum=…").
CREATE TABLE labour_alerts (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	employment_id INTEGER NOT NULL REFERENCES employments(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	case_id INTEGER REFERENCES cases(id),
	kind TEXT NOT NULL
		CHECK (kind IN ('below_minimum_wage', 'excessive_hours', 'documents_held')),
	detail TEXT,
	raised_on TEXT NOT NULL,
	resolved_on TEXT,
	resolved_by INTEGER REFERENCES users(id),
	resolution TEXT
) STRICT;
CREATE UNIQUE INDEX labour_alerts_open ON labour_alerts(employment_id, kind)
	WHERE resolved_on IS NULL;
CREATE INDEX labour_alerts_org ON labour_alerts(org_id, resolved_on);
CREATE INDEX labour_alerts_person ON labour_alerts(person_id);
CREATE INDEX labour_alerts_case ON labour_alerts(case_id);

-- Linking two records of one person moves their employments and skills too.
CREATE TABLE person_link_moves_new (
	link_id INTEGER NOT NULL REFERENCES person_links(id),
	tbl TEXT NOT NULL CHECK (tbl IN ('cases', 'services', 'referrals', 'consents',
		'person_workers', 'person_categories', 'placements', 'centre_waiting',
		'group_members', 'group_attendance', 'event_participants', 'enrolments',
		'screenings', 'employments', 'person_skills')),
	row_id INTEGER,
	code TEXT
) STRICT;
INSERT INTO person_link_moves_new (link_id, tbl, row_id, code)
	SELECT link_id, tbl, row_id, code FROM person_link_moves;
DROP TABLE person_link_moves;
ALTER TABLE person_link_moves_new RENAME TO person_link_moves;
CREATE INDEX person_link_moves_link ON person_link_moves(link_id);
