#!/usr/bin/env bash
# bench/reports_data.sh: prints the SQL that loads the synthetic people, cases and services of
# the reports benchmark (bench/reports.sh) straight into Komek's tables, for the sqlite3 shell
# or for psql. Not part of the product.
#
#   bench/reports_data.sh sqlite|pg [PEOPLE [CASES [SERVICES [SOURCE_ROOT]]]]
#
# Defaults: 1,000,000 people, 2,000,000 cases, 10,000,000 services; SOURCE_ROOT is this
# repository, whose src/domain/reference.c gives the codes (categories, regions, sexes, case
# statuses, service kinds, forms, functions, means), as store_report.c reads them.
#
# The database must have been made by `komek demo` (the organisations and logins it makes are
# looked up by login: supervisor and worker, ngo-supervisor and ngo-worker). What it loads,
# every value a function of the row's number, so that the SQLite and the PostgreSQL database
# hold the same records:
#   persons    ids after the demo's; 95% in the supervisor's organisation, 5% in the other;
#              sex (2% not stated), a birth date from 1945 to 2024, a region among the 20,
#              one category, or two for a third of them (restricted when one is protected),
#              placeholder names (family "Bench", given "P<n>"; no name keys);
#   cases      two per person, in the person's organisation, with its worker; status open,
#              active, on hold or closed; opened on a day from 2021-01-01 to 2025-12-31;
#   services   five per case (so ten per person), delivered by the case's worker on a day from
#              2021-01-01 to 2025-12-31 (1,826 days: a year holds a fifth of them); a service
#              kind among the 11 and a service type of that kind, a form, a function, a means,
#              15 to 120 minutes.
# A row's values come from a hash of its number: x = (n * a + b) mod p, squared mod p, with
# p = 2^31 - 1 and a, b per field (products stay below 2^63 in either database).
# The secondary indexes of the four tables are dropped before the load and made again after
# it (bench/reports.sh does that, not this SQL). SQLite: run with foreign keys off;
# PostgreSQL: the SQL sets session_replication_role = replica (no foreign-key triggers during
# the load; the cluster's user is a superuser) and moves the identity sequences past the ids.
set -euo pipefail
DIALECT=${1:?usage: reports_data.sh sqlite|pg [PEOPLE [CASES [SERVICES [SOURCE_ROOT]]]]}
PEOPLE=${2:-1000000}
CASES=${3:-2000000}
SERVICES=${4:-10000000}
SRC=${5:-$(cd "$(dirname "$0")/.." && pwd)}
REF=$SRC/src/domain/reference.c
case $DIALECT in sqlite | pg) ;; *) echo "reports_data.sh: sqlite or pg" >&2; exit 2 ;; esac
((CASES % PEOPLE == 0 && SERVICES % CASES == 0)) ||
	{ echo "reports_data.sh: CASES must be a multiple of PEOPLE, SERVICES of CASES" >&2; exit 2; }
CPP=$((CASES / PEOPLE))   # cases per person
SPC=$((SERVICES / CASES)) # services per case

# The codes of a reference list, one a line, in the list's order.
codes() {
	awk -v l="$1" '$0 ~ "static const struct ref_item " l "\\[\\] = \\{" { f = 1; next }
		f && /^};/ { exit }
		f { while (match($0, /\.code = "[^"]*"/)) {
			print substr($0, RSTART + 9, RLENGTH - 10); $0 = substr($0, RSTART + RLENGTH) } }' "$REF"
}
# The positions (from 0) of the categories flagged REF_PROTECTED, comma-separated.
protected() {
	awk '/static const struct ref_item categories\[\] = \{/ { f = 1; n = -1; next }
		f && /^};/ { exit }
		f && /\.code = "/ { n++ }
		f && /REF_PROTECTED/ { p = p (p == "" ? "" : ",") n }
		END { print p }' "$REF"
}

P=2147483647
# h N: the field's hash of the row number g.value (multiplier and offset by field number N).
MULS=(69069 48271 16807 39373 40692 41358 44485 45991 62089 25939 53653)
h() {
	local x="((g.value * ${MULS[$1]} + $((1000003 * ($1 + 1)))) % $P)"
	echo "($x * $x % $P)"
}
if [[ $DIALECT == sqlite ]]; then
	series() { echo "generate_series(1, $1) AS g"; }
	day() { echo "date(julianday('$1') + ($2))"; } # 'YYYY-MM-DD' + days
	year() { echo "CAST(substr($1, 1, 4) AS INTEGER)"; }
else
	series() { echo "generate_series(1::bigint, $1) AS g(value)"; }
	day() { echo "to_char(DATE '$1' + ($2)::integer, 'YYYY-MM-DD')"; }
	year() { echo "CAST(substr($1, 1, 4) AS BIGINT)"; }
fi
# A temporary table ref_NAME(q, code): the list's codes by position from 0.
ref_table() { # name list
	local q=0 c vals=
	while read -r c; do
		vals+="${vals:+, }($q, '$c')"
		q=$((q + 1))
	done < <(codes "$2")
	[[ -n $vals ]] || { echo "reports_data.sh: no codes for $2 in $REF" >&2; exit 1; }
	echo "CREATE TEMP TABLE ref_$1 (q INTEGER PRIMARY KEY, code TEXT NOT NULL);"
	echo "INSERT INTO ref_$1 (q, code) VALUES $vals;"
}
count() { codes "$1" | wc -l; }
NREGIONS=$(count regions)
NCATS=$(count categories)
NKINDS=$(count service_kinds)
NFORMS=$(count forms)
NFUNCS=$(count functions)
NMEANS=$(count means)
NSTATUS=$(count case_statuses)
NSEXES=$(count sexes)
PROT=$(protected)
[[ -n $PROT ]] || PROT=-1

# The person's number i of a case j, of a service k (integer division in both).
ORG="CASE WHEN $(h 0) % 20 = 0 THEN b.org2 ELSE b.org1 END"
WORKER="CASE WHEN $(h 0) % 20 = 0 THEN b.worker2 ELSE b.worker1 END"
C1="$(h 5) % $NCATS"
TWO="$(h 6) % 3 = 0"
C2="($C1 + 1 + $(h 7) % ($NCATS - 1)) % $NCATS"

echo "-- bench/reports_data.sh $DIALECT $PEOPLE $CASES $SERVICES (generated)"
if [[ $DIALECT == pg ]]; then
	echo "SET session_replication_role = replica;"
	echo "SET work_mem = '256MB';"
fi
echo "BEGIN;"
ref_table regions regions
ref_table sexes sexes
ref_table categories categories
ref_table kinds service_kinds
ref_table forms forms
ref_table functions functions
ref_table means means
ref_table statuses case_statuses
cat <<EOF
-- The kinds' service types: the first of each kind.
CREATE TEMP TABLE ref_types AS SELECT k.q, (SELECT min(t.id) FROM service_types t
	WHERE t.service_kind = k.code) AS type_id FROM ref_kinds k;
-- Where the rows go: ids after the demo's; the two organisations, their workers.
CREATE TEMP TABLE bench_base AS SELECT
	(SELECT COALESCE(max(id), 0) FROM persons) AS person0,
	(SELECT COALESCE(max(id), 0) FROM cases) AS case0,
	(SELECT COALESCE(max(id), 0) FROM services) AS service0,
	(SELECT org_id FROM users WHERE login = 'supervisor') AS org1,
	(SELECT org_id FROM users WHERE login = 'ngo-supervisor') AS org2,
	(SELECT id FROM users WHERE login = 'worker') AS worker1,
	(SELECT id FROM users WHERE login = 'ngo-worker') AS worker2,
	(SELECT max(created_at) FROM persons) AS now;

-- People: g.value is the person's number i.
INSERT INTO persons (id, org_id, family_name, given_name, sex, birth_date, birth_year, region,
	restricted, name_key, created_at, updated_at)
SELECT b.person0 + g.value, $ORG, 'Bench', 'P' || g.value,
	CASE WHEN $(h 1) % 50 = 0 THEN NULL ELSE
		(SELECT s.code FROM ref_sexes s WHERE s.q = $(h 2) % $NSEXES) END,
	$(day 1945-01-01 "$(h 3) % 29220"), $(year "$(day 1945-01-01 "$(h 3) % 29220")"),
	(SELECT r.code FROM ref_regions r WHERE r.q = $(h 4) % $NREGIONS),
	CASE WHEN $C1 IN ($PROT) OR ($TWO AND $C2 IN ($PROT)) THEN 1 ELSE 0 END,
	' bench p' || g.value || ' ', b.now, b.now
FROM $(series "$PEOPLE"), bench_base b;

INSERT INTO person_categories (person_id, category)
SELECT b.person0 + g.value, (SELECT c.code FROM ref_categories c WHERE c.q = $C1)
FROM $(series "$PEOPLE"), bench_base b;
INSERT INTO person_categories (person_id, category)
SELECT b.person0 + g.value, (SELECT c.code FROM ref_categories c WHERE c.q = $C2)
FROM $(series "$PEOPLE"), bench_base b WHERE $TWO;

-- Cases: the case's number j, its person's (j - 1) / $CPP + 1.
INSERT INTO cases (id, org_id, person_id, worker_id, status, opening_reason, opened_on,
	closed_on, created_at, updated_at)
SELECT b.case0 + x.j, x.org, b.person0 + x.i, x.worker, x.status, 'bench', x.opened,
	CASE WHEN x.status = 'closed' THEN x.opened END, b.now, b.now
FROM (SELECT c.j, c.i, c.org, c.worker, c.opened,
		(SELECT s.code FROM ref_statuses s WHERE s.q = c.hs % $NSTATUS) AS status
	FROM (SELECT g.j AS j, g.i AS i, $(sed 's/g\.value/g.i/g' <<<"$ORG") AS org,
			$(sed 's/g\.value/g.i/g' <<<"$WORKER") AS worker,
			$(day 2021-01-01 "$(sed 's/g\.value/g.j/g' <<<"$(h 8)") % 1826") AS opened,
			$(sed 's/g\.value/g.j/g' <<<"$(h 9)") AS hs
		FROM (SELECT g.value AS j, (g.value - 1) / $CPP + 1 AS i FROM $(series "$CASES")) g,
			bench_base b) c) x, bench_base b;

-- Services: the service's number k, its case's (k - 1) / $SPC + 1.
INSERT INTO services (id, case_id, person_id, type_id, service_kind, form, function, means,
	delivered_on, minutes, provider_id, created_at)
SELECT b.service0 + g.k, b.case0 + g.j, b.person0 + g.i, t.type_id, kd.code, f.code, fn.code,
	m.code, $(day 2021-01-01 "$(sed 's/g\.value/g.k/g' <<<"$(h 1)") % 1826"),
	15 + $(sed 's/g\.value/g.k/g' <<<"$(h 2)") % 106,
	$(sed 's/g\.value/g.i/g' <<<"$WORKER"), b.now
FROM (SELECT g.value AS k, (g.value - 1) / $SPC + 1 AS j,
		((g.value - 1) / $SPC) / $CPP + 1 AS i FROM $(series "$SERVICES")) g
	JOIN bench_base b ON 1 = 1
	JOIN ref_kinds kd ON kd.q = $(sed 's/g\.value/g.k/g' <<<"$(h 3)") % $NKINDS
	JOIN ref_types t ON t.q = kd.q
	JOIN ref_forms f ON f.q = $(sed 's/g\.value/g.k/g' <<<"$(h 4)") % $NFORMS
	JOIN ref_functions fn ON fn.q = $(sed 's/g\.value/g.k/g' <<<"$(h 5)") % $NFUNCS
	JOIN ref_means m ON m.q = $(sed 's/g\.value/g.k/g' <<<"$(h 6)") % $NMEANS;
EOF
if [[ $DIALECT == pg ]]; then
	for t in persons cases services; do
		echo "SELECT setval(pg_get_serial_sequence('$t', 'id'), (SELECT max(id) FROM $t));"
	done
fi
echo "COMMIT;"
