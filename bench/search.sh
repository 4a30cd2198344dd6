#!/usr/bin/env bash
# bench/search.sh: the name-search benchmark of issue 6 (not a test). In one run:
#   - builds Komek (Release) and the benchmark tools (bench/build_gen.sh);
#   - makes a database with `komek demo` and loads BENCH_PEOPLE synthetic people into it
#     with bench/gen_people (Kazakh, Russian, Uzbek and Chinese names), timing the load;
#   - runs bench/search_bench as the demo user "worker": a seeded sample of BENCH_SAMPLE
#     people, labelled query variants of each (another script or romanisation, spelling
#     variants, a typo, the names in either order, the Han original, each with and without
#     the birth date) through store_person_search (limit 10), reporting recall@1,
#     recall@10, namesake recall@10, precision and the latency (p50/p95/p99) overall and
#     per kind of query, beside bare SQLite references timed on the same file in the same
#     minutes (a primary-key lookup, an exact-name index lookup, a LIKE scan);
#   - in the same run, the duplicate check on registration: store_person_likely, what
#     POST /persons runs before saving, for each person of the sample as registered and as a
#     new registration with a typo in the family name (latency p50/p95/p99, likely matches);
#   - then, once, the full duplicate scan of the organisation (store_dup_scan, as `komek
#     duplicates scan` runs it) on the same database: wall time, pairs compared and found,
#     groups skipped. BENCH_SCAN=0 leaves it out.
# search_bench.c's header defines every figure; the summary judges each against issue 6's
# aims (search p95 < 20 ms, registration check p95 < 50 ms, the scan under one minute).
#
#   bench/search.sh [--update-benchmarks]
#
# --update-benchmarks rewrites the generated block of BENCHMARKS.md ("Name search and
# matching at scale") with this run's figures.
# Environment: BENCH_PEOPLE (1000000; gen_people loads about 10,000 people/s here, so a
# million takes a few minutes), BENCH_SAMPLE (1000 people), BENCH_SEED (1), BENCH_SCAN (1;
# 0 skips the full duplicate scan: search_bench -S), BENCH_BUILD
# (build-bench), BENCH_REF (a commit to export and measure instead of the work tree, such as
# HEAD; the benchmark tools themselves always come from the work tree's bench/, so the commit
# needs store_person_likely and store_dup_scan: 3cd8cc9 or later), BENCH_KEEP=1
# keeps the temporary directory (the database and the logs). Raw output goes to
# bench/out/search/: summary.md, search-queries.tsv (one line per query),
# search-misses.txt (every query whose person was not in the first 10, with what came
# back), search-examples.md, likely-checks.tsv (one line per registration check), gen.log.
# Installs sqlite3 (Debian) if it is missing. Starts no server; everything runs in this
# process tree and in a temporary directory removed on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=${BENCH_PEOPLE:-1000000}
SAMPLE=${BENCH_SAMPLE:-1000}
SEED=${BENCH_SEED:-1}
SCAN=${BENCH_SCAN:-1}
UPDATE=0
CMDLINE="bench/search.sh${1:+ $1}"
case "${1:-}" in
--update-benchmarks) UPDATE=1 ;;
"") ;;
*) echo "usage: bench/search.sh [--update-benchmarks]" >&2; exit 2 ;;
esac

OUT=$ROOT/bench/out/search
. "$ROOT/bench/lib.sh"
bench_init search

# --- What it needs ----------------------------------------------------------------------------
bench_need_sqlite3

# --- Build ------------------------------------------------------------------------------------
bench_build

# --- Data -------------------------------------------------------------------------------------
DB=$T/komek.db
"$BUILD/komek" --db "$DB" demo >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; exit 1; }
DEMO_PEOPLE=$(sqlite3 "$DB" "SELECT count(*) FROM persons")
log "loading $PEOPLE people"
G0=$(date +%s.%N)
"$BUILD/gen_people" "$DB" "$PEOPLE" | tee "$T/gen.log" >&2
G1=$(date +%s.%N)
GEN_LINE=$(tail -1 "$T/gen.log" | sed 's/^gen_people: //')
GEN_WALL=$(awk -v a="$G0" -v b="$G1" 'BEGIN { printf "%.0f", b - a }')
# The first start of a server would make every key again if the matcher's version had
# changed since the load; gen_people writes them with the same library, so nothing is due.
DB_MIB=$(du -m "$DB" | cut -f1)
NKEYS=$(sqlite3 "$DB" "SELECT count(*) FROM person_keys")
log "database: $DB_MIB MiB, $NKEYS sound keys; reading it into the page cache"
cat "$DB" >/dev/null

# --- Measuring --------------------------------------------------------------------------------
mkdir -p "$T/out"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
SCAN_FLAG=()
[[ $SCAN == 0 ]] && SCAN_FLAG=(-S)
log "search_bench: $SAMPLE people, seed $SEED$([[ $SCAN == 0 ]] && echo ', no duplicate scan')"
S0=$SECONDS
"$BUILD/search_bench" "$DB" -n "$SAMPLE" -s "$SEED" -o "$T/out" "${SCAN_FLAG[@]}" >"$T/body.md"
S1=$SECONDS
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- Report -----------------------------------------------------------------------------------
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
mkdir -p "$OUT"
SUMMARY=$OUT/summary.md
{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($CPU_MODEL), $MEM of memory,"
	echo "Linux $(uname -r); load average before/after: $LOAD_BEFORE / $LOAD_AFTER (other work on the"
	echo "machine shares the two cores: figures are of one run, read them beside the references"
	echo "timed in the same minutes). Komek $TREE, Release build, SQLite $(sqlite3 -version | cut -d' ' -f1)."
	echo
	echo "Command: \`${BENCH_REF:+BENCH_REF=$BENCH_REF }${BENCH_PEOPLE:+BENCH_PEOPLE=$BENCH_PEOPLE }${BENCH_SCAN:+BENCH_SCAN=$BENCH_SCAN }$CMDLINE\`"
	echo "(BENCH_PEOPLE=$PEOPLE, BENCH_SAMPLE=$SAMPLE, BENCH_SEED=$SEED, BENCH_SCAN=$SCAN). Data: the demo's $DEMO_PEOPLE people,"
	echo "then gen_people $GEN_LINE; $GEN_WALL s wall time for the load. Database file"
	echo "$DB_MIB MiB, $NKEYS sound keys in person_keys. The searches, the registration checks"
	echo "and the references$([[ $SCAN == 0 ]] || echo ', then the duplicate scan,') took $((S1 - S0)) s."
	echo
	# The name search's part, its misses, then the duplicate sections (from their heading).
	sed '/^### Duplicate check on registration$/,$d' "$T/body.md" | sed '${/^$/d}'
	if [[ -s $T/out/search-examples.md ]]; then
		echo
		echo "Misses of the kinds below the aim, the first two of each (returned:"
		echo "\`id family given birth, score (reasons)\`, best first):"
		echo
		cat "$T/out/search-examples.md"
	fi
	echo
	sed -n '/^### Duplicate check on registration$/,$p' "$T/body.md"
} >"$SUMMARY"
cp "$T/out/search-queries.tsv" "$T/out/search-misses.txt" "$T/out/search-examples.md" \
	"$T/out/likely-checks.tsv" "$T/gen.log" "$OUT/"
cat "$SUMMARY"

if ((UPDATE)); then
	{
		echo "## Name search and matching at scale (issue 6)"
	} >"$T/heading.md"
	bench_update '<!-- bench/search.sh: name search: begin -->' \
		'<!-- bench/search.sh: name search: end -->' "$SUMMARY" "$T/heading.md"
fi
log "done"
