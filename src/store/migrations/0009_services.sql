-- 0009: services delivered (issue 5). Each says what was given (a service kind of domain.md
-- §2.4 and a sub-type from the catalogue the administrators keep), the form, function and
-- means, the date, the duration, by whom, to whom, and the result. Material assistance (cash
-- or in kind, with an amount and currency) and loans (with a schedule and repayments) are
-- services too. Amounts are whole minor units (tiyn for KZT).
CREATE TABLE service_types (
	id INTEGER PRIMARY KEY,
	service_kind TEXT NOT NULL,
	label_kk TEXT NOT NULL,
	label_ru TEXT NOT NULL,
	label_en TEXT NOT NULL,
	material INTEGER NOT NULL DEFAULT 0, -- material assistance: an amount is recorded
	loan INTEGER NOT NULL DEFAULT 0,     -- a loan: a schedule and repayments
	active INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE services (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	person_id INTEGER NOT NULL REFERENCES persons(id),
	household INTEGER NOT NULL DEFAULT 0,
	type_id INTEGER NOT NULL REFERENCES service_types(id),
	service_kind TEXT NOT NULL,
	form TEXT NOT NULL,
	function TEXT NOT NULL,
	means TEXT NOT NULL,
	goal_id INTEGER REFERENCES plan_goals(id),
	delivered_on TEXT NOT NULL,
	minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 10080),
	provider_id INTEGER NOT NULL REFERENCES users(id),
	result TEXT,
	assistance TEXT CHECK (assistance IS NULL OR assistance IN ('cash', 'in_kind')),
	amount INTEGER CHECK (amount IS NULL OR amount > 0),
	currency TEXT,
	-- A loan: repaid in `installments` equal parts, the first on first_due_on, then every
	-- `every_days` days.
	installments INTEGER CHECK (installments IS NULL OR installments BETWEEN 1 AND 120),
	first_due_on TEXT,
	every_days INTEGER CHECK (every_days IS NULL OR every_days BETWEEN 1 AND 366),
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id)
) STRICT;
CREATE INDEX services_case ON services(case_id, delivered_on);
CREATE INDEX services_kind_date ON services(service_kind, delivered_on);

CREATE TABLE loan_repayments (
	id INTEGER PRIMARY KEY,
	service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
	paid_on TEXT NOT NULL,
	amount INTEGER NOT NULL CHECK (amount > 0),
	recorded_by INTEGER REFERENCES users(id),
	recorded_at INTEGER NOT NULL
) STRICT;
CREATE INDEX loan_repayments_service ON loan_repayments(service_id, paid_on);

INSERT INTO service_types (service_kind, label_kk, label_ru, label_en, material, loan) VALUES
('social_household', 'уақытша тұрғын үйге орналастыру', 'размещение во временном жилье',
	'placement in temporary housing', 0, 0),
('social_household', 'азық-түлік пен киім', 'продукты и одежда', 'food and clothing', 1, 0),
('social_medical', 'емханаға жолдама', 'направление в поликлинику', 'referral to a clinic', 0, 0),
('social_medical', 'медициналық тексеру', 'медицинский осмотр', 'health check', 0, 0),
('social_psychological', 'жеке кеңес', 'индивидуальная консультация', 'individual session', 0, 0),
('social_psychological', 'дағдарыстық араласу', 'кризисное вмешательство', 'crisis intervention',
	0, 0),
('social_pedagogical', 'тіл сабағы', 'языковое занятие', 'language lesson', 0, 0),
('social_pedagogical', 'мектепке орналастыруға көмек', 'помощь в устройстве в школу',
	'help with school enrolment', 0, 0),
('social_economic', 'ақшалай көмек', 'денежная помощь', 'cash assistance', 1, 0),
('social_economic', 'заттай көмек', 'помощь в натуральной форме', 'in-kind assistance', 1, 0),
('social_economic', 'қарыз', 'заём', 'loan', 0, 1),
('social_legal', 'заң кеңесі', 'юридическая консультация', 'legal consultation', 0, 0),
('social_legal', 'құжаттарды дайындау', 'подготовка документов', 'preparing documents', 0, 0),
('social_legal', 'сотта өкілдік ету', 'представительство в суде', 'representation in court', 0, 0),
('social_labour', 'жұмысқа орналастыру', 'трудоустройство', 'job placement', 0, 0),
('social_labour', 'кәсіптік оқыту', 'профессиональное обучение', 'vocational training', 0, 0),
('social_cultural', 'мәдени іс-шара', 'культурное мероприятие', 'cultural event', 0, 0),
('counselling', 'кеңес беру', 'консультирование', 'counselling', 0, 0),
('information', 'ақпарат беру', 'информирование', 'information', 0, 0),
('care', 'күтім көрсету', 'уход', 'care', 0, 0);
