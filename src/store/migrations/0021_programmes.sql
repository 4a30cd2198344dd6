-- 0021: state and regional programmes (issue 7, domain.md §4) with their eligibility, quotas
-- of people per region and year, enrolments and the support given through them; and the
-- dated tables of instruments.md §4: the year's rates (minimum wage, monthly calculation index,
-- subsistence minimum) and the MRP-based support rules. Amounts are minor units of KZT.
CREATE TABLE rates (
	year INTEGER PRIMARY KEY,
	min_wage INTEGER NOT NULL CHECK (min_wage > 0),
	mrp INTEGER NOT NULL CHECK (mrp > 0),
	subsistence INTEGER NOT NULL CHECK (subsistence > 0)
) STRICT;
INSERT INTO rates (year, min_wage, mrp, subsistence) VALUES
	(2025, 8500000, 393200, 4622800),
	(2026, 8500000, 432500, 5085100);

-- Support for people in the regional quota, in MRP: the relocation subsidy once, 70 MRP per
-- family member; rent and utilities 15 to 30 MRP per family per month for 12 months; the
-- housing certificate up to 1,160 MRP, and 1,625 MRP from 1 January 2026.
CREATE TABLE support_rules (
	kind TEXT NOT NULL,
	valid_from TEXT NOT NULL,
	per_member_mrp INTEGER NOT NULL DEFAULT 0,
	min_mrp INTEGER NOT NULL DEFAULT 0,
	max_mrp INTEGER NOT NULL DEFAULT 0,
	months INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (kind, valid_from)
) STRICT;
INSERT INTO support_rules (kind, valid_from, per_member_mrp, min_mrp, max_mrp, months) VALUES
	('relocation_subsidy', '2000-01-01', 70, 0, 0, 0),
	('rent_support', '2000-01-01', 0, 15, 30, 12),
	('housing_certificate', '2000-01-01', 0, 0, 1160, 0),
	('housing_certificate', '2026-01-01', 0, 0, 1625, 0);

-- A programme: national ones (org_id NULL) ship with Komek; an organisation may add its own.
-- Eligibility: categories and legal statuses as space-separated codes (either serves), ages.
CREATE TABLE programmes (
	id INTEGER PRIMARY KEY,
	org_id INTEGER REFERENCES orgs(id),
	code TEXT UNIQUE,
	kind TEXT NOT NULL,
	name TEXT NOT NULL,
	name_kk TEXT,
	name_ru TEXT,
	description TEXT,
	categories TEXT,
	legal_statuses TEXT,
	age_min INTEGER,
	age_max INTEGER,
	has_quota INTEGER NOT NULL DEFAULT 0,
	mrp_support INTEGER NOT NULL DEFAULT 0,
	active INTEGER NOT NULL DEFAULT 1,
	version INTEGER NOT NULL DEFAULT 1,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL,
	updated_by INTEGER REFERENCES users(id)
) STRICT;

-- Places per region and year; `used` counts the people enrolled (the CHECK and the
-- conditional update of an enrolment keep it within the quota).
CREATE TABLE programme_quotas (
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	region TEXT NOT NULL,
	year INTEGER NOT NULL,
	quota INTEGER NOT NULL CHECK (quota >= 0),
	used INTEGER NOT NULL DEFAULT 0 CHECK (used >= 0 AND used <= quota),
	PRIMARY KEY (programme_id, region, year)
) STRICT;

CREATE TABLE enrolments (
	id INTEGER PRIMARY KEY,
	programme_id INTEGER NOT NULL REFERENCES programmes(id),
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	person_id INTEGER NOT NULL REFERENCES persons(id),
	region TEXT,
	year INTEGER NOT NULL,
	family_size INTEGER NOT NULL CHECK (family_size BETWEEN 1 AND 30),
	-- The places of the region's quota the enrolment took (0: none, the programme had no
	-- quota then), given back when it is withdrawn.
	places INTEGER NOT NULL DEFAULT 0 CHECK (places >= 0),
	enrolled_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'enrolled' CHECK (status IN ('enrolled', 'withdrawn')),
	withdrawn_on TEXT,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE UNIQUE INDEX enrolments_open ON enrolments(programme_id, person_id)
	WHERE status = 'enrolled';
CREATE INDEX enrolments_person ON enrolments(person_id);
CREATE INDEX enrolments_programme ON enrolments(programme_id, org_id, year);

CREATE TABLE programme_support (
	id INTEGER PRIMARY KEY,
	enrolment_id INTEGER NOT NULL REFERENCES enrolments(id),
	kind TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount > 0),
	given_on TEXT NOT NULL,
	note TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX programme_support_enrolment ON programme_support(enrolment_id);

-- The national programmes and the quotas of the orders of the Minister of Labour and Social
-- Protection for 2025 and 2026 (instruments.md §4).
INSERT INTO programmes (code, kind, name, name_kk, name_ru, description, categories,
	legal_statuses, has_quota, mrp_support, created_at, updated_at) VALUES
	('kandas_resettlement', 'resettlement',
	 'Resettlement of kandas to the designated regions',
	 'Қандастарды өңірлерге қоныстандыру',
	 'Переселение кандасов в определённые регионы',
	 NULL,
	 'kandas kandas_candidate', 'kandas kandas_applicant', 1, 1, 0, 0),
	('resettler_resettlement', 'resettlement',
	 'Voluntary resettlement of citizens to the designated regions',
	 'Азаматтарды өңірлерге ерікті қоныстандыру',
	 'Добровольное переселение граждан в определённые регионы',
	 NULL,
	 'voluntary_resettler internal_migrant', 'resettler citizen', 1, 1, 0, 0),
	('kazakh_language', 'language_course',
	 'Kazakh language courses for adults',
	 'Ересектерге арналған қазақ тілі курстары',
	 'Курсы казахского языка для взрослых',
	 NULL, NULL, NULL, 0, 0, 0, 0),
	('employment_support', 'employment',
	 'Employment support: vacancies, training and subsidised jobs',
	 'Жұмыспен қамтуға жәрдемдесу: бос орындар, оқыту, субсидияланған жұмыс орындары',
	 'Содействие занятости: вакансии, обучение, субсидируемые рабочие места',
	 NULL, NULL, NULL, 0, 0, 0, 0);
UPDATE programmes SET age_min = 16, age_max = 63 WHERE code = 'employment_support';
UPDATE programmes SET age_min = 16 WHERE code = 'kazakh_language';

INSERT INTO programme_quotas (programme_id, region, year, quota)
	SELECT p.id, v.column2, v.column3, v.column4 FROM programmes p JOIN (VALUES
	('kandas_resettlement', 'KZ-55', 2025, 1056),
	('kandas_resettlement', 'KZ-55', 2026, 977),
	('kandas_resettlement', 'KZ-11', 2025, 285),
	('kandas_resettlement', 'KZ-11', 2026, 285),
	('kandas_resettlement', 'KZ-63', 2025, 269),
	('kandas_resettlement', 'KZ-63', 2026, 200),
	('kandas_resettlement', 'KZ-10', 2025, 244),
	('kandas_resettlement', 'KZ-10', 2026, 264),
	('kandas_resettlement', 'KZ-59', 2025, 175),
	('kandas_resettlement', 'KZ-59', 2026, 200),
	('kandas_resettlement', 'KZ-39', 2025, 150),
	('kandas_resettlement', 'KZ-39', 2026, 200),
	('kandas_resettlement', 'KZ-23', 2025, 100),
	('kandas_resettlement', 'KZ-23', 2026, 125),
	('kandas_resettlement', 'KZ-27', 2025, 30),
	('kandas_resettlement', 'KZ-27', 2026, 30),
	('resettler_resettlement', 'KZ-55', 2025, 3050),
	('resettler_resettlement', 'KZ-55', 2026, 1655),
	('resettler_resettlement', 'KZ-63', 2025, 372),
	('resettler_resettlement', 'KZ-63', 2026, 600),
	('resettler_resettlement', 'KZ-10', 2025, 255),
	('resettler_resettlement', 'KZ-10', 2026, 275),
	('resettler_resettlement', 'KZ-59', 2025, 2969),
	('resettler_resettlement', 'KZ-59', 2026, 2820),
	('resettler_resettlement', 'KZ-39', 2025, 535),
	('resettler_resettlement', 'KZ-39', 2026, 485),
	('resettler_resettlement', 'KZ-62', 2025, 125),
	('resettler_resettlement', 'KZ-62', 2026, 125),
	('resettler_resettlement', 'KZ-35', 2025, 38),
	('resettler_resettlement', 'KZ-35', 2026, 37)
	) v ON v.column1 = p.code;
