#!/usr/bin/env bash
# bench/reports.sh: the reports benchmark of issue 9 (not a test). Issue 9 asks that with
# 1,000,000 people, 2,000,000 cases and 10,000,000 services any two-axis report over a year
# answers in under a second on this machine, on SQLite and on PostgreSQL. In one run:
#   - builds Komek (Release) in build-bench-reports/ (bench/lib.sh's bench_build);
#   - SQLite: makes a database with `komek demo` (its logins: supervisor, analyst), loads the
#     synthetic records with SQL straight into the tables (bench/reports_data.sh: people with
#     sex, birth date, region and categories, two cases each, five services a case, spread
#     over 2021-2025, 95% in the supervisor's organisation), timing the load, then runs
#     `komek reports rebuild` (every fact derived from the records again), timed;
#   - starts `komek serve --threads 2`, logs in as supervisor and as analyst and asks for
#     six two-axis reports (REPORTS below) of the year BENCH_YEAR with curl, each once to warm up and
#     then BENCH_REPS times; after each request, in the same minute, a reference: the sqlite3
#     shell running a comparable `SELECT a, b, count(*) … GROUP BY a, b` over the same facts of
#     the year (the same connection settings as Komek's: 16 MiB cache, 1 GiB mmap);
#   - measures, besides, the scan of Komek's statement alone (its columns summed in SQL)
#     and the same report from the records (services ⋈ cases ⋈ persons) instead of the facts;
#   - then the same on PostgreSQL (a throwaway cluster, scripts/pg-cluster.sh, in the temporary
#     directory; the same records, loaded with generate_series in psql; VACUUM ANALYZE after
#     the rebuild), with psql as the reference, and in addition the time to send the scan's
#     rows to a client as text (psql's \copy … TO /dev/null), which Komek's driver receives.
# Every figure is the median of BENCH_REPS runs: wall time (curl's time_total; the shells'
# own timers) and CPU time (Komek: the server's utime + stime from /proc; the sqlite3 shell:
# its user + sys; PostgreSQL: every process of the cluster, from /proc, plus Komek's).
#
#   bench/reports.sh [--update-benchmarks]
#
# --update-benchmarks writes the block of BENCHMARKS.md ("Reports over a year (issue 9)").
# Environment: BENCH_PEOPLE (1000000), BENCH_CASES (2000000), BENCH_SERVICES (10000000),
# BENCH_YEAR (2025; the data span 2021 to 2025), BENCH_REPS (5), BENCH_PG (1; 0 leaves
# PostgreSQL out), BENCH_SQLITE (1; 0 leaves SQLite out, to measure a change to PostgreSQL's
# side alone: not with --update-benchmarks), BENCH_BUILD (build-bench-reports; with BENCH_REF, bench/lib.sh's default),
# BENCH_REF (a commit to export and measure instead of the work tree, such as HEAD),
# BENCH_KEEP=1 keeps the temporary directory in /tmp (the databases: 3.4 GiB for SQLite and
# 7 GiB for PostgreSQL at full size; without it the SQLite file is removed once measured).
# Raw output goes to bench/out/reports/: summary.md, results.tsv (one line per request or
# query), the reports' JSON, the query plans, the logs. Took 75 minutes at full size on the
# 2 shared cores (load 6 to 15), most of it the loads and rebuilds; installs sqlite3, curl
# and postgresql (Debian) if they are missing. Every server listens on 127.0.0.1 and is
# stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=${BENCH_PEOPLE:-1000000}
CASES=${BENCH_CASES:-2000000}
SERVICES=${BENCH_SERVICES:-10000000}
YEAR=${BENCH_YEAR:-2025}
REPS=${BENCH_REPS:-5}
WITH_PG=${BENCH_PG:-1}
WITH_SQLITE=${BENCH_SQLITE:-1}
[[ -n ${BENCH_REF:-} ]] || BENCH_BUILD=${BENCH_BUILD:-$ROOT/build-bench-reports}
case ${BENCH_BUILD:-/} in /*) ;; *) BENCH_BUILD=$ROOT/$BENCH_BUILD ;; esac
UPDATE=0
CMDLINE="bench/reports.sh${1:+ $1}"
case "${1:-}" in
--update-benchmarks) UPDATE=1 ;;
"") ;;
*) echo "usage: bench/reports.sh [--update-benchmarks]" >&2; exit 2 ;;
esac
if ((UPDATE && !(WITH_PG && WITH_SQLITE))); then
	echo "bench: --update-benchmarks measures both SQLite and PostgreSQL" >&2
	exit 2
fi
FROM=$YEAR-01-01
TO=$YEAR-12-31
FROM_DAY=${YEAR}0101
TO_DAY=${YEAR}1231

# The reports: name, login, query. Each reads a year of facts; the supervisor's are their
# organisation's (not suppressed), the analyst's every organisation's (suppressed).
REPORTS=(
	"services region×sex|supervisor|measure=services&rows=region&cols=sex"
	"services month×form|supervisor|measure=services&rows=month&cols=form"
	"persons category×service_kind|supervisor|measure=persons&rows=category&cols=service_kind"
	"cases case_status×age_band|supervisor|measure=cases&rows=case_status&cols=age_band"
	"services organisation×quarter|analyst|measure=services&rows=organisation&cols=quarter"
	"persons region×age_band|analyst|measure=persons&rows=region&cols=age_band"
)

OUT=$ROOT/bench/out/reports
. "$ROOT/bench/lib.sh"
bench_init reports
chmod 755 "$T" # the cluster's folder in it belongs to postgres
PIDS=()
PG_STARTED=0
PGDIR=$T/pg
reports_cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	if ((PG_STARTED)); then "$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" || true; fi
	bench_cleanup
}
trap reports_cleanup EXIT

# --- What it needs ----------------------------------------------------------------------------
apt_missing=()
command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
command -v curl >/dev/null || apt_missing+=(curl)
if ((WITH_PG)); then
	command -v psql >/dev/null && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 ||
		apt_missing+=(postgresql)
fi
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi

# --- Build ------------------------------------------------------------------------------------
bench_build
KOMEK=$BUILD/komek
mkdir -p "$OUT"
rm -f "$OUT"/*.json "$OUT"/*.txt "$OUT"/*.log
RESULTS=$OUT/results.tsv
printf 'engine\treport\twhat\trep\twall_ms\tcpu_ms\tdb_cpu_ms\n' >"$RESULTS"
TCK=$(getconf CLK_TCK)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
DATE_START=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- Helpers ----------------------------------------------------------------------------------
. "$ROOT/scripts/ports.sh"
. "$ROOT/bench/cpu.sh"
pg_children() { ps -o pid= --ppid "$PG_MASTER" | sort -n | tr -s ' \n' ' '; }
# Waits (up to 3 s) until the cluster's children are those listed before a query: a backend
# or parallel worker that has ended is reaped then, and its CPU is in the postmaster's cutime.
pg_settle() { # children
	local i
	for i in $(seq 300); do
		[[ $(pg_children) == "$1" ]] && return 0
		sleep 0.01
	done
}
ms_of_ticks() { awk -v t="$1" -v h="$TCK" 'BEGIN { printf "%.0f", t * 1000 / h }'; }
now_s() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
record() { # engine report what rep wall_ms cpu_ms [db_cpu_ms]
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" "${7:--}" >>"$RESULTS"
}

# A report's reference query: the same facts of the year, grouped by the same two axes.
# Works in both dialects. $1 report name, $2 the organisation filter.
AGE="CASE WHEN born <= 0 OR day < born THEN 0 WHEN (day - born) / 10000 < 5 THEN 1
	WHEN (day - born) / 10000 < 12 THEN 2 WHEN (day - born) / 10000 < 18 THEN 3
	WHEN (day - born) / 10000 < 60 THEN 4 ELSE 5 END"
# The categories' bits (report.h: bit i for the list's item i), one row each.
NCATS=$(awk '/static const struct ref_item categories\[\] = \{/ { f = 1; next } f && /^};/ { exit }
	f && /\.code = "/ { n++ } END { print n + 0 }' "$SRC/src/domain/reference.c")
CATS=
for ((i = 0; i < NCATS; i++)); do CATS+="${CATS:+, }($((1 << i)))"; done
CATS="WITH c(bit) AS (VALUES $CATS)"
ref_sql() { # name org-filter
	local w="org_id $2 AND day BETWEEN $FROM_DAY AND $TO_DAY"
	case $1 in
	"services region×sex")
		echo "SELECT region, sex, count(*) FROM report_facts WHERE measure = 1 AND $w GROUP BY region, sex" ;;
	"services month×form")
		echo "SELECT day / 100, form, count(*) FROM report_facts WHERE measure = 1 AND $w GROUP BY day / 100, form" ;;
	"persons category×service_kind")
		echo "$CATS SELECT c.bit, f.kind, count(DISTINCT f.person_id) FROM report_facts f JOIN c ON (f.cats & c.bit) <> 0 WHERE f.measure = 1 AND f.$w GROUP BY c.bit, f.kind" ;;
	"cases case_status×age_band")
		echo "SELECT case_status, $AGE, count(*) FROM report_facts WHERE measure = 2 AND $w GROUP BY 1, 2" ;;
	"services organisation×quarter")
		echo "SELECT org_id, (day / 100 % 100 + 2) / 3, count(*) FROM report_facts WHERE measure = 1 AND $w GROUP BY 1, 2" ;;
	"persons region×age_band")
		echo "SELECT region, $AGE, count(DISTINCT person_id) FROM report_facts WHERE measure = 1 AND $w GROUP BY 1, 2" ;;
	*) echo "bench: no reference for $1" >&2; exit 1 ;;
	esac
}
# Komek's statement for the supervisor's services by region and sex (store_report.c,
# scan_sql: who is counted and the two axes' columns), over the whole year in one statement
# (Komek reads the two halves at once on two connections), its columns summed so that each is
# read; and the first report from the records.
WHO="CASE person_id WHEN 0 THEN id ELSE person_id END"
scan_sql() { # org
	echo "SELECT count(*), sum($WHO), sum(region), sum(sex) FROM report_facts WHERE measure = 1
	AND day BETWEEN $FROM_DAY AND $TO_DAY AND org_id = $1"
}
scan_rows_sql() { # org: the statement itself
	echo "SELECT $WHO, region, sex FROM report_facts WHERE measure = 1 AND day BETWEEN $FROM_DAY
	AND $TO_DAY AND org_id = $1"
}
records_sql() { # org
	echo "SELECT p.region, p.sex, count(*) FROM services s JOIN cases c ON c.id = s.case_id
	JOIN persons p ON p.id = s.person_id WHERE c.org_id = $1 AND s.delivered_on BETWEEN
	'$FROM' AND '$TO' GROUP BY p.region, p.sex"
}

# Runs a query in the sqlite3 shell with Komek's connection settings; prints "wall_ms cpu_ms".
sqlite_time() { # sql
	printf '.output /dev/null\nPRAGMA cache_size=-16384;\nPRAGMA mmap_size=1073741824;\n.timer on\n%s;\n' "$1" |
		sqlite3 -readonly "$DB" | awk '/^Run Time:/ { w = $4; c = $6 + $8 }
			END { printf "%.0f %.0f\n", w * 1000, c * 1000 }'
}
# Runs a query in psql; prints "wall_ms cpu_ms" (the cluster's CPU, as for Komek).
pg_time() { # sql
	local c0 c1 w base
	base=$(pg_children)
	c0=$(pg_ticks)
	w=$(printf '\\o /dev/null\n\\timing on\n%s;\n' "$1" | psql "$PGURL" -Xq -v ON_ERROR_STOP=1 |
		awk '/^Time:/ { w = $2 } END { printf "%.0f", w }')
	pg_settle "$base"
	c1=$(pg_ticks)
	echo "$w $(ms_of_ticks $((c1 - c0)))"
}
pg_copy_time() { # sql: its rows to psql as text, thrown away
	local c0 c1 t0 t1 base
	base=$(pg_children)
	c0=$(pg_ticks)
	t0=$(now_s)
	psql "$PGURL" -Xq -v ON_ERROR_STOP=1 -c "\\copy ($(tr '\n\t' '  ' <<<"$1")) TO '/dev/null'"
	t1=$(now_s)
	pg_settle "$base"
	c1=$(pg_ticks)
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", (b - a) * 1000 }') $(ms_of_ticks $((c1 - c0)))"
}

start_komek() { # db-url-or-file extra-args...
	local db=$1 port
	shift
	port=$(pick_port $(seq 18190 18199))
	"$KOMEK" --db "$db" "$@" serve --listen "127.0.0.1:$port" --threads 2 >"$T/komek-$ENGINE.log" 2>&1 &
	KOMEK_PID=$!
	PIDS+=("$KOMEK_PID")
	wait_port "$port" "$KOMEK_PID" 60 || { tail -20 "$T/komek-$ENGINE.log" >&2; exit 1; }
	K=http://127.0.0.1:$port
	local u
	for u in supervisor analyst; do
		TOKEN[$u]=$(bench_login "$K" "$u")
	done
}
stop_komek() {
	KOMEK_HWM[$ENGINE]=$(awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$KOMEK_PID/status")
	kill -TERM "$KOMEK_PID"
	wait "$KOMEK_PID" 2>/dev/null || true
	local p keep=()
	for p in "${PIDS[@]}"; do [[ $p == "$KOMEK_PID" ]] || keep+=("$p"); done
	PIDS=("${keep[@]}")
	cp "$T/komek-$ENGINE.log" "$OUT/komek-$ENGINE.log"
}
# One report from Komek; prints "wall_ms cpu_ms db_cpu_ms" (CPU: Komek's and, on PostgreSQL,
# the cluster's; db_cpu_ms the cluster's alone, "-" on SQLite); the JSON into $2.
komek_report() { # report-index json-file
	local name user query c0 c1 d0=0 d1=0 out code wall base
	IFS='|' read -r name user query <<<"${REPORTS[$1]}"
	[[ $ENGINE == pg ]] && base=$(pg_children) && d0=$(pg_ticks)
	c0=$(cpu_ticks "$KOMEK_PID")
	out=$(curl -s -o "$2" -w '%{http_code} %{time_total}' -H "Authorization: Bearer ${TOKEN[$user]}" \
		"$K/api/v1/reports?$query&from=$FROM&to=$TO")
	c1=$(cpu_ticks "$KOMEK_PID")
	[[ $ENGINE == pg ]] && pg_settle "$base" && d1=$(pg_ticks)
	read -r code wall <<<"$out"
	[[ $code == 200 ]] || { echo "bench: $ENGINE $name answered $code: $(head -c 300 "$2")" >&2; exit 1; }
	echo "$(awk -v w="$wall" 'BEGIN { printf "%.0f", w * 1000 }') $(ms_of_ticks $((c1 - c0 + d1 - d0)))" \
		"$([[ $ENGINE == pg ]] && ms_of_ticks $((d1 - d0)) || echo -)"
}
org_filter() { # login
	if [[ $1 == analyst ]]; then echo "IN (SELECT id FROM orgs)"; else echo "= $ORG1"; fi
}
ref_time() { # sql
	if [[ $ENGINE == sqlite ]]; then sqlite_time "$1"; else pg_time "$1"; fi
}

# Every report: a warm-up of Komek and of the reference, then REPS times Komek and the
# reference one after the other (the ratio is of the same minutes).
measure_reports() {
	local i r name user query sql w c d out
	for i in "${!REPORTS[@]}"; do
		IFS='|' read -r name user query <<<"${REPORTS[$i]}"
		sql=$(ref_sql "$name" "$(org_filter "$user")")
		out=$(komek_report "$i" "$OUT/$ENGINE-report-$i.json")
		out=$(ref_time "$sql")
		for r in $(seq "$REPS"); do
			out=$(komek_report "$i" "$T/report.json")
			read -r w c d <<<"$out"
			record "$ENGINE" "$name" komek "$r" "$w" "$c" "$d"
			out=$(ref_time "$sql")
			read -r w c <<<"$out"
			record "$ENGINE" "$name" reference "$r" "$w" "$c"
		done
		log "$ENGINE $name ($user): Komek $(median "$ENGINE" "$name" komek 5) ms, reference $(median "$ENGINE" "$name" reference 5) ms"
	done
	# The scan alone, and the first report from the records, after a warm-up each.
	local scan records
	scan=$(scan_sql "$ORG1")
	records=$(records_sql "$ORG1")
	out=$(ref_time "$scan")
	out=$(ref_time "$records")
	[[ $ENGINE == pg ]] && out=$(pg_copy_time "$(scan_rows_sql "$ORG1")")
	for r in $(seq "$REPS"); do
		out=$(ref_time "$scan")
		read -r w c <<<"$out"
		record "$ENGINE" "services region×sex" scan "$r" "$w" "$c"
		out=$(ref_time "$records")
		read -r w c <<<"$out"
		record "$ENGINE" "services region×sex" records "$r" "$w" "$c"
		if [[ $ENGINE == pg ]]; then
			out=$(pg_copy_time "$(scan_rows_sql "$ORG1")")
			read -r w c <<<"$out"
			record "$ENGINE" "services region×sex" copy "$r" "$w" "$c"
		fi
	done
	log "$ENGINE scan alone $(median "$ENGINE" "services region×sex" scan 5) ms, from the records $(median "$ENGINE" "services region×sex" records 5) ms"
}
median() { # engine report what column(5 wall, 6 cpu)
	awk -F'\t' -v e="$1" -v n="$2" -v w="$3" -v c="$4" '$1 == e && $2 == n && $3 == w { print $c }' \
		"$RESULTS" | sort -g |
		awk '{ v[NR] = $1 } END { if (!NR) print "–"; else if (NR % 2) print v[(NR + 1) / 2];
			else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A TOKEN KOMEK_HWM LOADS REBUILDS SIZES FACTS YEAR_SUP YEAR_ALL CASES_SUP TOTAL_CHECK \
	LOAD_AB LOAD_RUN
# The secondary indexes of the loaded tables, dropped before the load and made again after it.
TABLES="'persons', 'person_categories', 'cases', 'services'"

# --- SQLite -----------------------------------------------------------------------------------
if ((WITH_SQLITE)); then
	ENGINE=sqlite
	DB=$T/komek.db
	sq() { sqlite3 "$DB" "$@"; }
	"$KOMEK" --db "$DB" demo >"$T/demo-sqlite.log" 2>&1 || { cat "$T/demo-sqlite.log" >&2; exit 1; }
	ORG1=$(sq "SELECT org_id FROM users WHERE login = 'supervisor'")
	log "sqlite: loading $PEOPLE people, $CASES cases, $SERVICES services"
	L_AB0=$(cut -d' ' -f1 /proc/loadavg)
	sq "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index'
		AND sql IS NOT NULL AND tbl_name IN ($TABLES)" >"$T/drop-sqlite.sql"
	sq "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
		AND tbl_name IN ($TABLES)" >"$T/indexes-sqlite.sql"
	t0=$(now_s)
	{
		echo "PRAGMA foreign_keys=OFF; PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
		echo "PRAGMA cache_size=-1048576;"
		cat "$T/drop-sqlite.sql"
		"$ROOT/bench/reports_data.sh" sqlite "$PEOPLE" "$CASES" "$SERVICES" "$SRC"
		cat "$T/indexes-sqlite.sql"
		echo "PRAGMA journal_mode=WAL;"
	} | sqlite3 -bail "$DB" >"$T/load-sqlite.log"
	t1=$(now_s)
	LOADS[sqlite]=$(secs "$t0" "$t1")
	FK=$(sq "PRAGMA foreign_key_check" | wc -l)
	[[ $FK == 0 ]] || { echo "bench: $FK rows break foreign keys after the load" >&2; exit 1; }
	log "sqlite: loaded in ${LOADS[sqlite]} s; komek reports rebuild"
	t0=$(now_s)
	"$KOMEK" --db "$DB" reports rebuild >"$T/rebuild-sqlite.log" 2>&1 || { cat "$T/rebuild-sqlite.log" >&2; exit 1; }
	t1=$(now_s)
	L_AB1=$(cut -d' ' -f1 /proc/loadavg)
	LOAD_AB[sqlite]="$L_AB0 → $L_AB1"
	REBUILDS[sqlite]=$(secs "$t0" "$t1")
	cp "$T/rebuild-sqlite.log" "$OUT/rebuild-sqlite.log"
	SIZES[sqlite]=$(du -m "$DB" | cut -f1)
	FACTS[sqlite]=$(sq "SELECT count(*) FROM report_facts")
	YEAR_SUP[sqlite]=$(sq "SELECT count(*) FROM report_facts WHERE measure = 1 AND org_id = $ORG1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	YEAR_ALL[sqlite]=$(sq "SELECT count(*) FROM report_facts WHERE measure = 1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	CASES_SUP[sqlite]=$(sq "SELECT count(*) FROM report_facts WHERE measure = 2 AND org_id = $ORG1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	log "sqlite: rebuilt in ${REBUILDS[sqlite]} s; ${FACTS[sqlite]} facts, ${SIZES[sqlite]} MiB; the supervisor's services of $YEAR: ${YEAR_SUP[sqlite]}"
	{
		echo "-- Komek's statement (scan_sql)"
		sq "EXPLAIN QUERY PLAN $(scan_rows_sql "$ORG1")"
		for i in "${!REPORTS[@]}"; do
			IFS='|' read -r name user query <<<"${REPORTS[$i]}"
			echo "-- reference: $name"
			sq "EXPLAIN QUERY PLAN $(ref_sql "$name" "$(org_filter "$user")")"
		done
		echo "-- from the records"
		sq "EXPLAIN QUERY PLAN $(records_sql "$ORG1")"
	} >"$OUT/plans-sqlite.txt"
	log "sqlite: reading the database into the page cache"
	cat "$DB" >/dev/null
	start_komek "$DB"
	L0=$(cut -d' ' -f1-3 /proc/loadavg)
	measure_reports
	L1=$(cut -d' ' -f1-3 /proc/loadavg)
	LOAD_RUN[sqlite]="$L0 / $L1"
	TOTAL_CHECK[sqlite]=$(grep -o '"total":[0-9]*' "$OUT/sqlite-report-0.json" | tail -1 | cut -d: -f2)
	stop_komek
	if [[ ${BENCH_KEEP:-0} != 1 ]]; then rm -f "$DB" "$DB"-wal "$DB"-shm; fi
fi

# --- PostgreSQL -------------------------------------------------------------------------------
if ((WITH_PG)); then
	ENGINE=pg
	PG_PORT=$(pick_port $(seq 55632 55660))
	log "pg: starting a PostgreSQL cluster on 127.0.0.1:$PG_PORT"
	PG_STARTED=1
	PGURL=$("$ROOT/scripts/pg-cluster.sh" start "$PGDIR" "$PG_PORT")
	PG_MASTER=$(head -1 "$PGDIR/data/postmaster.pid")
	pg() { psql "$PGURL" -qAtX -v ON_ERROR_STOP=1 "$@"; }
	PG_VERSION=$(pg -c 'SHOW server_version' | cut -d' ' -f1)
	PG_SETTINGS=$(pg -c "SELECT string_agg(name || '=' || setting || COALESCE(unit, ''), ', ' ORDER BY name)
		FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'max_parallel_workers_per_gather',
		'effective_cache_size', 'jit')")
	KEY=$T/pg.key
	"$KOMEK" --db "$PGURL" --key-file "$KEY" demo >"$T/demo-pg.log" 2>&1 || { cat "$T/demo-pg.log" >&2; exit 1; }
	ORG1=$(pg -c "SELECT org_id FROM users WHERE login = 'supervisor'")
	log "pg: loading $PEOPLE people, $CASES cases, $SERVICES services"
	L_AB0=$(cut -d' ' -f1 /proc/loadavg)
	pg -c "SELECT indexdef || ';' FROM pg_indexes i WHERE schemaname = 'public' AND tablename IN ($TABLES)
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)" >"$T/indexes-pg.sql"
	pg -c "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes i WHERE schemaname = 'public'
		AND tablename IN ($TABLES) AND NOT EXISTS (SELECT 1 FROM pg_constraint c
		WHERE c.conname = i.indexname)" >"$T/drop-pg.sql"
	t0=$(now_s)
	{
		cat "$T/drop-pg.sql"
		"$ROOT/bench/reports_data.sh" pg "$PEOPLE" "$CASES" "$SERVICES" "$SRC"
		echo "SET maintenance_work_mem = '1GB';"
		cat "$T/indexes-pg.sql"
	} | pg >"$T/load-pg.log"
	t1=$(now_s)
	LOADS[pg]=$(secs "$t0" "$t1")
	log "pg: loaded in ${LOADS[pg]} s; komek reports rebuild"
	t0=$(now_s)
	"$KOMEK" --db "$PGURL" --key-file "$KEY" reports rebuild >"$T/rebuild-pg.log" 2>&1 ||
		{ cat "$T/rebuild-pg.log" >&2; exit 1; }
	t1=$(now_s)
	L_AB1=$(cut -d' ' -f1 /proc/loadavg)
	LOAD_AB[pg]="$L_AB0 → $L_AB1"
	REBUILDS[pg]=$(secs "$t0" "$t1")
	cp "$T/rebuild-pg.log" "$OUT/rebuild-pg.log"
	log "pg: rebuilt in ${REBUILDS[pg]} s; VACUUM ANALYZE"
	t0=$(now_s)
	pg -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
	t1=$(now_s)
	VACUUM_S=$(secs "$t0" "$t1")
	SIZES[pg]=$(pg -c "SELECT pg_database_size('komek') / 1048576")
	FACTS_MIB=$(pg -c "SELECT (sum(pg_total_relation_size(relid)) / 1048576)::bigint FROM pg_partition_tree('report_facts')")
	FACTS[pg]=$(pg -c "SELECT count(*) FROM report_facts")
	YEAR_SUP[pg]=$(pg -c "SELECT count(*) FROM report_facts WHERE measure = 1 AND org_id = $ORG1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	YEAR_ALL[pg]=$(pg -c "SELECT count(*) FROM report_facts WHERE measure = 1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	CASES_SUP[pg]=$(pg -c "SELECT count(*) FROM report_facts WHERE measure = 2 AND org_id = $ORG1 AND day BETWEEN $FROM_DAY AND $TO_DAY")
	log "pg: ${FACTS[pg]} facts, database ${SIZES[pg]} MiB (report_facts $FACTS_MIB MiB)"
	start_komek "$PGURL" --key-file "$KEY"
	L0=$(cut -d' ' -f1-3 /proc/loadavg)
	measure_reports
	L1=$(cut -d' ' -f1-3 /proc/loadavg)
	LOAD_RUN[pg]="$L0 / $L1"
	TOTAL_CHECK[pg]=$(grep -o '"total":[0-9]*' "$OUT/pg-report-0.json" | tail -1 | cut -d: -f2)
	stop_komek
	{
		echo "-- Komek's statement (scan_sql), as EXPLAIN ANALYZE runs it"
		pg -c "EXPLAIN (ANALYZE, BUFFERS) $(scan_rows_sql "$ORG1")"
		for i in "${!REPORTS[@]}"; do
			IFS='|' read -r name user query <<<"${REPORTS[$i]}"
			echo "-- reference: $name"
			pg -c "EXPLAIN (ANALYZE, BUFFERS) $(ref_sql "$name" "$(org_filter "$user")")"
		done
		echo "-- from the records"
		pg -c "EXPLAIN (ANALYZE, BUFFERS) $(records_sql "$ORG1")"
		echo "-- Komek's statement as the driver runs it (DB_SCAN: planned for its values, one array a column; region and sex packed): the year's first half"
		pg -c "EXPLAIN (ANALYZE, BUFFERS) SELECT array_agg(c0), array_agg(c1) FROM ($(scan_rows_sql "$ORG1" |
			sed "s/AND $TO_DAY/AND ${YEAR}0666/; s/, region, sex/, region * 256 + sex/")) AS q(c0, c1)"
	} >"$OUT/plans-pg.txt"
	"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR"
	PG_STARTED=0
fi
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report -----------------------------------------------------------------------------------
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "–") printf "%.1f", a / b; else print "–" }'; }
verdict() { awk -v w="$1" 'BEGIN { print (w != "–" && w + 0 < 1000) ? "yes" : "**no**" }'; }
ENGINES=()
((WITH_SQLITE)) && ENGINES+=(sqlite)
((WITH_PG)) && ENGINES+=(pg)
engine_name() { [[ $1 == sqlite ]] && echo "SQLite $(sqlite3 -version | cut -d' ' -f1)" || echo "PostgreSQL $PG_VERSION"; }
SUMMARY=$OUT/summary.md
{
	echo "Measured $DATE_START on $(nproc) cores ($CPU_MODEL), $MEM of memory,"
	echo "Linux $(uname -r); load average at the start / at the end: $LOAD_START / $LOAD_END (other"
	echo "work on the machine shares the two cores: read each figure beside the reference timed in"
	echo "the same minute). Komek $TREE, Release build, \`--threads 2\`; SQLite $(sqlite3 -version | cut -d' ' -f1)$(((WITH_PG)) && echo "; PostgreSQL $PG_VERSION (a throwaway cluster with the default settings but \`fsync=on\`: $PG_SETTINGS; over TCP on loopback)")."
	echo
	echo "Command: \`${BENCH_REF:+BENCH_REF=$BENCH_REF }$CMDLINE\` (BENCH_PEOPLE=$PEOPLE, BENCH_CASES=$CASES,"
	echo "BENCH_SERVICES=$SERVICES, BENCH_YEAR=$YEAR, BENCH_REPS=$REPS). Data: the demo, then"
	echo "\`bench/reports_data.sh\`'s $PEOPLE people, $CASES cases and $SERVICES services (2021-2025),"
	echo "the same records in both databases; the year is $FROM to $TO."
	echo
	echo "| | $(for e in "${ENGINES[@]}"; do printf '%s | ' "$(engine_name "$e")"; done | sed 's/ | $//') |"
	echo "| --- |$(for e in "${ENGINES[@]}"; do printf ' ---: |'; done)"
	echo "| loading the records with SQL (secondary indexes made after) | $(for e in "${ENGINES[@]}"; do printf '%s s | ' "${LOADS[$e]}"; done | sed 's/ | $//') |"
	echo "| \`komek reports rebuild\`, wall time | $(for e in "${ENGINES[@]}"; do printf '%s s | ' "${REBUILDS[$e]}"; done | sed 's/ | $//') |"
	echo "| facts | $(for e in "${ENGINES[@]}"; do printf '%s | ' "${FACTS[$e]}"; done | sed 's/ | $//') |"
	echo "| database size after the rebuild | $(for e in "${ENGINES[@]}"; do printf '%s MiB | ' "${SIZES[$e]}"; done | sed 's/ | $//') |"
	echo "| services of $YEAR: the supervisor's organisation / all | $(for e in "${ENGINES[@]}"; do printf '%s / %s | ' "${YEAR_SUP[$e]}" "${YEAR_ALL[$e]}"; done | sed 's/ | $//') |"
	echo "| cases opened in $YEAR, the supervisor's organisation | $(for e in "${ENGINES[@]}"; do printf '%s | ' "${CASES_SUP[$e]}"; done | sed 's/ | $//') |"
	echo "| load average (1 min) at the start and at the end of load and rebuild | $(for e in "${ENGINES[@]}"; do printf '%s | ' "${LOAD_AB[$e]}"; done | sed 's/ | $//') |"
	echo "| load average during the reports, before / after | $(for e in "${ENGINES[@]}"; do printf '%s | ' "${LOAD_RUN[$e]}"; done | sed 's/ | $//') |"
	echo "| Komek's peak RSS (VmHWM) | $(for e in "${ENGINES[@]}"; do printf '%s MiB | ' "${KOMEK_HWM[$e]}"; done | sed 's/ | $//') |"
	((WITH_PG)) && echo
	((WITH_PG)) && echo "PostgreSQL: VACUUM ANALYZE and CHECKPOINT after the rebuild took $VACUUM_S s; report_facts with its indexes is $FACTS_MIB MiB."
	echo
	echo "| engine | report (year $YEAR) | as | Komek ms | reference ms | × reference | Komek CPU ms | of which PostgreSQL's | reference CPU ms | × (CPU) | < 1 s |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
	for e in "${ENGINES[@]}"; do
		for i in "${!REPORTS[@]}"; do
			IFS='|' read -r name user query <<<"${REPORTS[$i]}"
			kw=$(median "$e" "$name" komek 5)
			rw=$(median "$e" "$name" reference 5)
			kc=$(median "$e" "$name" komek 6)
			rc=$(median "$e" "$name" reference 6)
			kd=–
			[[ $e == pg ]] && kd=$(median "$e" "$name" komek 7)
			echo "| $(engine_name "$e" | cut -d' ' -f1) | $name | $user | $kw | $rw | $(ratio "$kw" "$rw") | $kc | $kd | $rc | $(ratio "$kc" "$rc") | $(verdict "$kw") |"
		done
	done
	echo
	echo "Medians of $REPS requests each after one warm-up; each request followed by its reference"
	echo "query. Komek ms: curl's time_total of GET /api/v1/reports?…&from=$FROM&to=$TO; Komek CPU:"
	echo "the server's utime + stime over the request (on PostgreSQL, plus every process of the"
	echo "cluster). Reference: the sqlite3 shell (\`.timer\`: real, user + sys) or psql (\`\\timing\`;"
	echo "CPU: the cluster's) running \`SELECT a, b, count(*)\` (count(DISTINCT person_id) for persons;"
	echo "categories through a join with their $NCATS bits) over the same facts of the year, GROUP BY"
	echo "the two axes; Komek also counts the totals of every row and column and the distinct people"
	echo "of each cell. The supervisor's reports read their organisation's facts; the analyst's"
	echo "every organisation's, with small cells withheld."
	echo
	echo "| engine | what (the supervisor's services of $YEAR) | wall ms | CPU ms |"
	echo "| --- | --- | ---: | ---: |"
	for e in "${ENGINES[@]}"; do
		echo "| $(engine_name "$e" | cut -d' ' -f1) | Komek's statement alone, over the whole year (its columns summed in SQL) | $(median "$e" "services region×sex" scan 5) | $(median "$e" "services region×sex" scan 6) |"
		[[ $e == pg ]] && echo "| $(engine_name "$e" | cut -d' ' -f1) | Komek's statement's rows sent to psql as text (\`\\copy … TO '/dev/null'\`) | $(median "$e" "services region×sex" copy 5) | $(median "$e" "services region×sex" copy 6) |"
		echo "| $(engine_name "$e" | cut -d' ' -f1) | region × sex from the records (services ⋈ cases ⋈ persons) | $(median "$e" "services region×sex" records 5) | $(median "$e" "services region×sex" records 6) |"
	done
	echo
	echo "Checks: the total of services region×sex as Komek answered it,"
	echo "$(for e in "${ENGINES[@]}"; do printf '%s on %s, ' "${TOTAL_CHECK[$e]}" "$(engine_name "$e" | cut -d' ' -f1)"; done | sed 's/, $//'), against"
	echo "$(for e in "${ENGINES[@]}"; do printf '%s, ' "${YEAR_SUP[$e]}"; done | sed 's/, $//') facts counted in SQL."
} >"$SUMMARY"
cat "$SUMMARY"

if ((UPDATE)); then
	{
		echo "## Reports over a year (issue 9)"
		echo
		echo "\`bench/reports.sh [--update-benchmarks]\` loads 1,000,000 people, 2,000,000 cases and"
		echo "10,000,000 services into a database made by \`komek demo\`, derives the reports' facts"
		echo "(\`komek reports rebuild\`), and times two-axis reports over one year through"
		echo "GET /api/v1/reports, each beside the same GROUP BY run over the same facts by the"
		echo "database's own shell in the same minute; first on SQLite, then on PostgreSQL. The script's"
		echo "header says what each step runs. Aim (issue 9): every such report under one second on"
		echo "both."
	} >"$T/heading.md"
	bench_update '<!-- bench/reports.sh: reports: begin -->' \
		'<!-- bench/reports.sh: reports: end -->' "$SUMMARY" "$T/heading.md"
fi
log "done"
