-- 0008: a case's individual plan (issue 5): goals, each with tasks that have a responsible
-- worker, a due date and a status; reviews at a set interval; a supervisor's approval.
-- A proposal the team accepts (case_decisions) becomes a goal carrying its codes.
CREATE TABLE plan_goals (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	rule_id INTEGER REFERENCES recommendation_rules(id),
	function TEXT,
	means TEXT,
	service_kind TEXT,
	form TEXT,
	status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'achieved', 'dropped')),
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_goals_case ON plan_goals(case_id, id);

CREATE TABLE plan_tasks (
	id INTEGER PRIMARY KEY,
	goal_id INTEGER NOT NULL REFERENCES plan_goals(id) ON DELETE CASCADE,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	title TEXT NOT NULL,
	responsible_id INTEGER NOT NULL REFERENCES users(id),
	due_on TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'done', 'cancelled')),
	done_on TEXT,
	created_at INTEGER NOT NULL,
	created_by INTEGER REFERENCES users(id),
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX plan_tasks_case ON plan_tasks(case_id, goal_id);
CREATE INDEX plan_tasks_responsible ON plan_tasks(responsible_id, status, due_on);

-- Reviews of the plan; the case keeps the interval, the next date, and the approval.
CREATE TABLE case_reviews (
	id INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
	reviewed_on TEXT NOT NULL,
	reviewer_id INTEGER NOT NULL REFERENCES users(id),
	note TEXT,
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX case_reviews_case ON case_reviews(case_id, reviewed_on);

ALTER TABLE cases ADD COLUMN review_every_days INTEGER NOT NULL DEFAULT 30;
ALTER TABLE cases ADD COLUMN next_review_on TEXT;
ALTER TABLE cases ADD COLUMN plan_approved_at INTEGER;
ALTER TABLE cases ADD COLUMN plan_approved_by INTEGER REFERENCES users(id);
-- A goal or task added, or a goal's status changed, after the approval: the plan waits for a
-- new one (a task's status and a review do not).
ALTER TABLE cases ADD COLUMN plan_changed_at INTEGER;
CREATE INDEX cases_next_review ON cases(worker_id, next_review_on);
