-- 0016: imports of people from CSV and XLSX files (issue 6). The file waits in imports.data
-- (base64) from the upload through the column mapping and the check to the import itself,
-- and is emptied once imported or discarded. What the check or the import found wrong with
-- the rows (a field that does not validate, a likely duplicate of someone registered) is in
-- import_issues, by row number as a spreadsheet shows it.
CREATE TABLE imports (
	id INTEGER PRIMARY KEY,
	org_id INTEGER NOT NULL REFERENCES orgs(id),
	created_by INTEGER NOT NULL REFERENCES users(id),
	created_at INTEGER NOT NULL,
	filename TEXT NOT NULL,
	format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
	encoding TEXT NOT NULL CHECK (encoding IN ('auto', 'utf8', 'cp1251', 'kz1048')),
	bytes INTEGER NOT NULL,
	data TEXT,
	-- The first row's cells and the field each column is mapped to, tab-separated.
	header TEXT NOT NULL,
	mapping TEXT,
	status TEXT NOT NULL CHECK (status IN ('uploaded', 'checking', 'checked', 'running',
		'done', 'failed', 'discarded')),
	duplicates TEXT CHECK (duplicates IN ('skip', 'register')),
	rows_total INTEGER NOT NULL DEFAULT 0,
	rows_invalid INTEGER NOT NULL DEFAULT 0,
	rows_duplicate INTEGER NOT NULL DEFAULT 0,
	persons_created INTEGER NOT NULL DEFAULT 0,
	checked_at INTEGER,
	finished_at INTEGER,
	error TEXT,
	-- The process that runs the check or the import ("host:pid"), so that a process that
	-- starts again on that host knows an import that was running in it stopped.
	runner TEXT,
	version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX imports_org ON imports(org_id, id);

CREATE TABLE import_issues (
	import_id INTEGER NOT NULL REFERENCES imports(id),
	row_no INTEGER NOT NULL,
	col INTEGER,
	field TEXT NOT NULL,
	msg TEXT NOT NULL,
	-- A likely duplicate: the registered person it resembles, and the score;
	person_id INTEGER REFERENCES persons(id),
	score INTEGER,
	-- A row of the same file that is likely the same person.
	other_row INTEGER
) STRICT;
CREATE INDEX import_issues_import ON import_issues(import_id, row_no);
