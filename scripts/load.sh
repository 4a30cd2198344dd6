#!/usr/bin/env bash
# scripts/load.sh: a sustained mixed read/write load on a live Komek (not a test of make test;
# one of the long checks, see SECURITY.md). In one run on 127.0.0.1:
#   - builds komek (Release) and bench/gen_people in build-attack/, makes a database with
#     `komek demo` and LOAD_PEOPLE synthetic people (bench/gen_people.c), serves it;
#   - logs in once as the demo worker (bearer token and web session cookie);
#   - runs wrk with bench/wrk/mixed.lua for LOAD_DURATION seconds: 80% reads (person records
#     and pages, history, list pages, filters, name searches, code lists) and 20% writes
#     (registrations, and edits sending the version read); the mix is in mixed.lua;
#   - samples the server's memory every 10 s from /proc/PID/status;
#   - then checks that the server still answers, stops cleanly on SIGTERM, that `komek check`
#     passes, and that its log has no sanitizer report, crash or 5xx answer.
# Reports throughput, p50/p99 latency, the answers by status, socket errors and memory.
# Fails (exit 1) if:
#   - any answer is not 2xx, except 409 to an edit (another edit of that person came first:
#     the expected answer to a stale version), or wrk counts any socket error (connect, read,
#     write, timeout after LOAD_TIMEOUT);
#   - memory is not flat: the largest RssAnon sampled in the last 60 s exceeds the RssAnon
#     sampled at 60 s by more than 10% + 8 MiB. RssAnon is the memory the server allocated
#     (heap, stacks, SQLite caches). VmRSS also counts the database file's pages mapped into
#     memory (RssFile), which grow with the database itself as the registrations add people:
#     not a leak, so reported but not judged. Needs LOAD_DURATION >= 120 (shorter runs
#     report memory without judging it).
#   - a check after the run fails.
#
#   scripts/load.sh
#
# Environment: LOAD_DURATION (600 s), LOAD_CONNECTIONS (64), LOAD_THREADS (2, wrk's threads),
# LOAD_TIMEOUT (30 s, wrk's timeout per request), LOAD_PEOPLE (100000), LOAD_BUILD
# (build-attack), LOAD_BUILD_TYPE (Release), LOAD_REF (a commit, such as HEAD, to export and
# build in the temporary directory instead of the work tree), LOAD_KEEP (1: keep the
# temporary directory).
# Results go to LOAD_BUILD/load/: summary.md, figures.txt, wrk.txt, memory.tsv, komek.log.gz.
# Installs what is missing (Debian 12): wrk, curl, jq, sqlite3, and the build deps through
# scripts/install-deps.sh. The server listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DUR=${LOAD_DURATION:-600}
CONNS=${LOAD_CONNECTIONS:-64}
WRK_THREADS=${LOAD_THREADS:-2}
TIMEOUT=${LOAD_TIMEOUT:-30}
PEOPLE=${LOAD_PEOPLE:-100000}
BUILD=${LOAD_BUILD:-$ROOT/build-attack}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
BUILD_TYPE=${LOAD_BUILD_TYPE:-Release}
OUT=$BUILD/load
SAMPLE_EVERY=10
PASSWORD=komek-demo-2026
SEARCH_NAMES=("Ахметов" "karimova" "Нұрсұлтан" "Wang" "Иванова" "zhanar" "Сейіт" "yusupov")
[[ $# == 0 ]] || { echo "usage: scripts/load.sh (settings in the environment; see the top of the file)" >&2; exit 2; }

T=$(mktemp -d /tmp/komek-load.XXXXXX)
PIDS=()
START=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	if [[ ${LOAD_KEEP:-0} == 1 ]]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- What it needs ----------------------------------------------------------------------------
apt_missing=()
command -v wrk >/dev/null || apt_missing+=(wrk)
command -v curl >/dev/null || apt_missing+=(curl)
command -v jq >/dev/null || apt_missing+=(jq)
command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi
"$ROOT/scripts/install-deps.sh" >&2 # the compilers and libraries (nothing if all are there)

# --- Build and data ---------------------------------------------------------------------------
SRC=$ROOT
KBUILD=$BUILD
if [[ -n ${LOAD_REF:-} ]]; then
	SRC=$T/src
	KBUILD=$T/build
	mkdir -p "$SRC"
	git -C "$ROOT" archive "$LOAD_REF" | tar -x -C "$SRC"
	COMMIT=$(git -C "$ROOT" rev-parse --short "$LOAD_REF")
	DIRTY=0
else
	COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src CMakeLists.txt 2>/dev/null | wc -l)
fi
BUILD_WHAT="$BUILD_TYPE build"
log "building komek, $BUILD_WHAT, from $SRC in $KBUILD"
cmake -S "$SRC" -B "$KBUILD" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >"$T/build.log" 2>&1 &&
	cmake --build "$KBUILD" -j2 --target komek komek_core >>"$T/build.log" 2>&1 ||
	{ tail -30 "$T/build.log" >&2; exit 1; }
"$ROOT/bench/build_gen.sh" "$KBUILD" "$SRC" 2>"$T/gen-build.log" || { cat "$T/gen-build.log" >&2; exit 1; }

DB=$T/komek.db
"$KBUILD/komek" --db "$DB" demo >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; exit 1; }
log "loading $PEOPLE people"
"$KBUILD/gen_people" "$DB" "$PEOPLE" >"$T/gen.log" 2>&1 || { cat "$T/gen.log" >&2; exit 1; }
GEN_LINE=$(tail -1 "$T/gen.log" | sed 's/^gen_people: //')
# The people the demo worker may see (restricted people of other workers answer 404).
sqlite3 "$DB" "SELECT p.id FROM persons p, users u WHERE u.login = 'worker'
	AND p.org_id = u.org_id AND (p.restricted = 0 OR EXISTS (SELECT 1 FROM person_workers w
	WHERE w.person_id = p.id AND w.user_id = u.id)) ORDER BY p.id" >"$T/ids.txt"
awk 'BEGIN { printf "return {" } { printf "%s%s", (NR > 1 ? "," : ""), $1 } END { print "}" }' \
	"$T/ids.txt" >"$T/ids.lua"
NVISIBLE=$(wc -l <"$T/ids.txt")
PERSONS_BEFORE=$(sqlite3 "$DB" "SELECT count(*) FROM persons")

# --- Server -----------------------------------------------------------------------------------
. "$ROOT/scripts/ports.sh"
PORT=$(pick_port 18480 28480 38480 48480)
"$KBUILD/komek" --db "$DB" serve --listen "127.0.0.1:$PORT" >"$T/komek.log" 2>&1 &
KOMEK_PID=$!
PIDS+=("$KOMEK_PID")
wait_port "$PORT" "$KOMEK_PID" || { cat "$T/komek.log" >&2; exit 1; }
K=http://127.0.0.1:$PORT

TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' \
	-d "{\"login\":\"worker\",\"password\":\"$PASSWORD\"}" "$K/api/v1/session" | jq -r .token)
[[ -n $TOKEN && $TOKEN != null ]] || { echo "load: API login failed" >&2; exit 1; }
JAR=$T/cookies
curl -sf -c "$JAR" -b "$JAR" "$K/login" -o "$T/login.html"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$T/login.html" | head -1 | sed 's/.*value="//; s/"$//')
curl -sf -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" \
	--data-urlencode login=worker --data-urlencode "password=$PASSWORD" "$K/login"
SESSION=$(awk '$6 == "komek_session" { print $7 }' "$JAR")
[[ -n $SESSION ]] || { echo "load: web login failed" >&2; exit 1; }

urlencode() {
	local LC_ALL=C s=$1 i c o=
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[a-zA-Z0-9.~_-]) o+=$c ;;
		*) printf -v c '%%%02X' "'$c"; o+=$c ;;
		esac
	done
	echo "$o"
}
NAMES=
for q in "${SEARCH_NAMES[@]}"; do NAMES+="$(urlencode "$q") "; done
SAMPLE_ID=$(sed -n "$((NVISIBLE / 2))p" "$T/ids.txt")
for u in "/api/v1/persons/$SAMPLE_ID" "/api/v1/persons?q=${NAMES%% *}&limit=20"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$K$u")
	[[ $code == 200 ]] || { echo "load: $u answered $code" >&2; exit 1; }
done
code=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=$SESSION" "$K/persons/$SAMPLE_ID")
[[ $code == 200 ]] || { echo "load: /persons/$SAMPLE_ID answered $code" >&2; exit 1; }
log "server on $K: $NVISIBLE people visible to the worker, $PERSONS_BEFORE in all"

# --- The run ----------------------------------------------------------------------------------
mkdir -p "$OUT"
TCK=$(getconf CLK_TCK)
cpu_ticks() { local f; f=$(sed 's/^.*) //' "/proc/$1/stat"); set -- $f; echo $((${12} + ${13})); }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
MEM=$OUT/memory.tsv
printf 'seconds\tvmrss_kb\trss_anon_kb\trss_file_kb\tcpu_s\n' >"$MEM"
sample() { # seconds
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$(status_kb "$KOMEK_PID" VmRSS)" \
		"$(status_kb "$KOMEK_PID" RssAnon)" "$(status_kb "$KOMEK_PID" RssFile)" \
		"$(awk -v t="$(cpu_ticks "$KOMEK_PID")" -v h="$TCK" 'BEGIN { printf "%.1f", t / h }')" >>"$MEM"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
sample 0
(
	t=0
	while sleep "$SAMPLE_EVERY"; do
		t=$((t + SAMPLE_EVERY))
		kill -0 "$KOMEK_PID" 2>/dev/null || exit 0
		sample "$t"
	done
) &
SAMPLER_PID=$!
PIDS+=("$SAMPLER_PID")
C0=$(cpu_ticks "$KOMEK_PID")
log "wrk -t$WRK_THREADS -c$CONNS -d${DUR}s --timeout ${TIMEOUT}s with bench/wrk/mixed.lua"
LOAD_IDS=$T/ids.lua LOAD_TOKEN=$TOKEN LOAD_COOKIE="komek_session=$SESSION" LOAD_NAMES=$NAMES \
	wrk -t"$WRK_THREADS" -c"$CONNS" -d"${DUR}s" --timeout "${TIMEOUT}s" --latency \
	-s "$ROOT/bench/wrk/mixed.lua" "$K" >"$OUT/wrk.txt" 2>&1 || { cat "$OUT/wrk.txt" >&2; exit 1; }
C1=$(cpu_ticks "$KOMEK_PID")
kill "$SAMPLER_PID" 2>/dev/null || true
wait "$SAMPLER_PID" 2>/dev/null || true
sample "$DUR"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
PERSONS_AFTER=$(sqlite3 "$DB" "SELECT count(*) FROM persons")
cat "$OUT/wrk.txt"

# --- After the run ----------------------------------------------------------------------------
CHECKS=()
fail_check() { CHECKS+=("FAILED: $*"); }
if kill -0 "$KOMEK_PID" 2>/dev/null; then
	c1=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$K/api/v1/persons/$SAMPLE_ID")
	c2=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=$SESSION" "$K/persons/$SAMPLE_ID")
	[[ $c1 == 200 && $c2 == 200 ]] && CHECKS+=("server still answering (API 200, page 200)") ||
		fail_check "server answers API $c1, page $c2 after the run"
	kill -TERM "$KOMEK_PID"
	rc=0
	wait "$KOMEK_PID" || rc=$?
	[[ $rc == 0 ]] && CHECKS+=("stopped cleanly on SIGTERM") || fail_check "server exit status $rc on SIGTERM"
else
	wait "$KOMEK_PID" && rc=0 || rc=$?
	fail_check "the server died during the run (exit status $rc)"
fi
if "$KBUILD/komek" --db "$DB" check >"$T/check.log" 2>&1; then
	CHECKS+=("komek check: $(tail -1 "$T/check.log")")
else
	fail_check "komek check: $(tail -3 "$T/check.log" | tr '\n' ' ')"
fi
LOGF=$T/komek.log
SAN=$(grep -cE 'Sanitizer|runtime error:|SUMMARY: |Segmentation fault|Aborted|core dumped|stack smashing|double free|corrupted|malloc\(\)|free\(\)' "$LOGF" || true)
((SAN == 0)) && CHECKS+=("no sanitizer report or crash in the server's log") ||
	fail_check "$SAN sanitizer/crash lines in the server's log"
N5=$(awk 'NF >= 4 && $(NF - 2) ~ /^5[0-9][0-9]$/' "$LOGF" | wc -l)
NERR=$(grep -cE '^[0-9T:-]+Z (error|crit|fatal)' "$LOGF" || true)
((NERR == 0)) && CHECKS+=("no error line in the server's log") || fail_check "$NERR error lines in the server's log"
gzip -c "$LOGF" >"$OUT/komek.log.gz"

# --- Figures ----------------------------------------------------------------------------------
# wrk's output -> "rps p50_ms p99_ms requests socket_errors" (as bench/run.sh reads it)
read -r RPS P50 P99 NREQ SOCKERR < <(awk '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
		if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
		return v + 0
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/requests in/ { n = $1 }
	/^Requests\/sec:/ { rps = $2 }
	/Socket errors:/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
	END { printf "%.1f %.2f %.2f %d %d\n", rps, p50, p99, n, err }' "$OUT/wrk.txt")
SOCKDETAIL=$(grep 'Socket errors:' "$OUT/wrk.txt" | sed 's/^ *Socket errors: //' || true)
STATUSES=$(awk '$1 == "mixed:" && $2 == "status" { print $3 " " $4 }' "$OUT/wrk.txt" | sort -n)
KINDS=$(awk '$1 == "mixed:" && $2 == "sent" { print $3 " " $4 }' "$OUT/wrk.txt" | sort)
N409=$(awk '$1 == 409 { s += $2 } END { print s + 0 }' <<<"$STATUSES")
NBAD=$(awk '$1 !~ /^2/ && $1 != 409 { s += $2 } END { print s + 0 }' <<<"$STATUSES")
NEDITS=$(awk '$1 == "edit" { s += $2 } END { print s + 0 }' <<<"$KINDS")
NREG=$(awk '$1 == "register" { s += $2 } END { print s + 0 }' <<<"$KINDS")
CPU_S=$(awk -v d=$((C1 - C0)) -v h="$TCK" 'BEGIN { printf "%.0f", d / h }')
CPU_US=$(awk -v d=$((C1 - C0)) -v h="$TCK" -v n="$NREQ" 'BEGIN { printf "%.0f", n ? d / h * 1e6 / n : 0 }')
[[ -n $STATUSES ]] || { echo "load: mixed.lua reported no statuses; see $OUT/wrk.txt" >&2; exit 1; }

# Memory: RssAnon at 60 s against the largest in the last 60 s.
MEMRULE=$(awk -F'\t' -v d="$DUR" '
	NR == 1 { next }
	{ t = $1 + 0; if (t <= 60) { base = $3; vbase = $2 } if (t >= d - 60) { if ($3 > last) last = $3; if ($2 > vlast) vlast = $2 }
	  if (t == 0) { a0 = $3; v0 = $2 } if ($2 > vmax) vmax = $2; end_anon = $3; end_v = $2; end_f = $4 }
	END {
		# verdict, RssAnon at 0 s, at 60 s, largest in the last minute, limit; VmRSS the same;
		# RssFile at the end (kB)
		if (d < 120)
			printf "unjudged %d %d %d 0 %d %d %d %d\n", a0, base, end_anon, v0, vbase, end_v, end_f
		else
			printf "%s %d %d %d %d %d %d %d %d\n", (last <= base * 1.10 + 8192 ? "flat" : "growing"),
				a0, base, last, base * 1.10 + 8192, v0, vbase, vlast, end_f
	}' "$MEM")
read -r MEMV A0 ABASE ALAST ALIMIT V0 VBASE VLAST FEND <<<"$MEMRULE"
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
case $MEMV in
flat) MEMTEXT="flat: RssAnon $(mib "$A0") MiB at the start, $(mib "$ABASE") MiB at 60 s, at most $(mib "$ALAST") MiB in the last minute (limit $(mib "$ALIMIT") MiB); VmRSS $(mib "$V0") → $(mib "$VBASE") → $(mib "$VLAST") MiB (RssFile at the end $(mib "$FEND") MiB)" ;;
growing) MEMTEXT="GROWING: RssAnon $(mib "$A0") MiB at the start, $(mib "$ABASE") MiB at 60 s, up to $(mib "$ALAST") MiB in the last minute (limit $(mib "$ALIMIT") MiB); VmRSS $(mib "$V0") → $(mib "$VBASE") → $(mib "$VLAST") MiB"
	fail_check "memory is not flat" ;;
*) MEMTEXT="not judged (run shorter than 120 s): RssAnon $(mib "$A0") → $(mib "$ALAST") MiB at the end, VmRSS $(mib "$V0") → $(mib "$VLAST") MiB" ;;
esac
((NBAD == 0)) || fail_check "$NBAD answers neither 2xx nor an edit's 409"
((SOCKERR == 0)) || fail_check "$SOCKERR socket errors ($SOCKDETAIL)"
((N5 == 0)) || fail_check "$N5 answers 5xx in the server's log"

TREE="commit $COMMIT"
((DIRTY)) && TREE+=" with $DIRTY uncommitted change(s) under src/"
SUMMARY=$OUT/summary.md
{
	echo "Komek $TREE, $BUILD_WHAT, on a database of the demo plus gen_people $GEN_LINE"
	echo "($NVISIBLE people visible to the worker; $PERSONS_BEFORE → $PERSONS_AFTER people after the run)."
	echo "\`wrk -t$WRK_THREADS -c$CONNS -d${DUR}s --timeout ${TIMEOUT}s\` with bench/wrk/mixed.lua (80% reads, 20% writes);"
	echo "load average before/after: $LOAD_BEFORE / $LOAD_AFTER."
	echo
	echo "- $NREQ requests, **$RPS requests/s**, latency **p50 $P50 ms, p99 $P99 ms**; server CPU $CPU_S s ($CPU_US µs per request)."
	echo "- Sent: $(awk '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $2, $1 }' <<<"$KINDS")."
	echo "- Answers: $(awk '{ printf "%s%s × %s", (NR > 1 ? ", " : ""), $2, $1 }' <<<"$STATUSES"); **$NBAD failed** (neither 2xx nor an edit's 409),"
	echo "  $N409 of $NEDITS edits answered 409 (stale version, expected); **$SOCKERR socket errors**${SOCKDETAIL:+ ($SOCKDETAIL)}."
	echo "- Memory, sampled every ${SAMPLE_EVERY} s: $MEMTEXT."
	echo "  RssAnon MiB: $(awk -F'\t' 'NR > 1 { printf "%s%.1f", (NR > 2 ? ", " : ""), $3 / 1024 }' "$MEM");"
	echo "  VmRSS MiB: $(awk -F'\t' 'NR > 1 { printf "%s%.1f", (NR > 2 ? ", " : ""), $2 / 1024 }' "$MEM")."
	echo "- After the run: $(printf '%s; ' "${CHECKS[@]}" | sed 's/; $/./')"
} >"$SUMMARY"
{
	echo "duration=$DUR"
	echo "connections=$CONNS"
	echo "requests=$NREQ"
	echo "rps=$RPS"
	echo "p50_ms=$P50"
	echo "p99_ms=$P99"
	echo "failed=$NBAD"
	echo "conflicts=$N409"
	echo "edits=$NEDITS"
	echo "registrations=$NREG"
	echo "socket_errors=$SOCKERR"
	echo "memory=$MEMV"
	echo "rss_anon_60s_kb=$ABASE"
	echo "rss_anon_last_kb=$ALAST"
	echo "seconds=$((SECONDS - START))"
	echo "failed_checks=$(printf '%s\n' "${CHECKS[@]}" | sed -n 's/^FAILED: //p' | sed 's/ (.*//' | paste -sd';' - | sed 's/;/; /g')"
} >"$OUT/figures.txt"
echo
cat "$SUMMARY"
FAILED=0
for c in "${CHECKS[@]}"; do [[ $c == FAILED:* ]] && { echo "load: $c" >&2; FAILED=1; }; done
((FAILED)) && { log "FAILED (results in $OUT)"; exit 1; }
log "passed (results in $OUT)"
