#!/usr/bin/env bash
# bench/run.sh: the person-view benchmark (not a test). Measures, in one run on 127.0.0.1:
#   komek-json    GET /api/v1/persons/{id}   bearer token; session check, access rule, audit row
#   komek-html    GET /persons/{id}          session cookie; the same, rendered as a page
#   komek-search  GET /api/v1/persons?q=NAME name search over all the people
# and two references on the same machine, in the same run:
#   nginx         a static file the size of a person's JSON, at /persons/{id}
#   node          Node 20 + better-sqlite3: a bare primary-key lookup of persons as JSON
# Each with wrk (-t2 -c64 -d10s; the search -c4, see below), REPS times, reporting medians of
# requests/s, p50 and p99 latency, server CPU per request and server RSS.
#
#   bench/run.sh [--update-benchmarks]
#
# --update-benchmarks rewrites the generated block of BENCHMARKS.md with this run's figures.
# Environment: BENCH_PEOPLE (100000), BENCH_DURATION (10 s), BENCH_REPS (3), BENCH_BUILD
# (build-bench), BENCH_REF (a commit to export and measure instead of the work tree, such as
# HEAD), BENCH_KEEP=1 keeps the temporary directory. Raw output goes to bench/out/.
# Installs what is missing: wrk and nginx-light (Debian), better-sqlite3 in bench/node (npm ci;
# the first time this compiles it, about 5 minutes on 2 cores, overlapped with the build).
# Every server it starts listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=${BENCH_PEOPLE:-100000}
DUR=${BENCH_DURATION:-10}
REPS=${BENCH_REPS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-bench}
WRK_THREADS=2
WRK_CONNS=64
# The name search takes a large fraction of a second per query (a scan of every person's
# name key, twice: count and page). With 64 connections wrk would only measure the queue
# in front of the two server threads (and time out requests), so the search runs with 4.
SEARCH_CONNS=4
SEARCH_NAMES=("Ахметов" "karimova" "Нұрсұлтан" "Wang" "Иванова" "zhanar")
UPDATE=0
CMDLINE="bench/run.sh${1:+ $1}"
case "${1:-}" in
--update-benchmarks) UPDATE=1 ;;
"") ;;
*) echo "usage: bench/run.sh [--update-benchmarks]" >&2; exit 2 ;;
esac

OUT=$ROOT/bench/out
RAW=$OUT/raw
T=$(mktemp -d /tmp/komek-bench.XXXXXX)
chmod 755 "$T" # nginx's workers run as nobody and read the file under it
PIDS=()
NPM_PID=
START=$SECONDS

log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

cleanup() {
	local p
	for p in "${PIDS[@]}" $NPM_PID; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}" $NPM_PID; do
		wait "$p" 2>/dev/null || true
	done
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
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
command -v nginx >/dev/null || apt_missing+=(nginx-light)
command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
command -v curl >/dev/null || apt_missing+=(curl)
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi
command -v node >/dev/null || { echo "bench: node (20) is needed" >&2; exit 1; }
if [[ ! -e $ROOT/bench/node/node_modules/better-sqlite3/build/Release/better_sqlite3.node ]]; then
	log "npm ci in bench/node (in the background)"
	(cd "$ROOT/bench/node" && exec npm ci --no-audit --no-fund) >"$T/npm.log" 2>&1 &
	NPM_PID=$!
fi

# --- Build and data ---------------------------------------------------------------------------
# The work tree by default; with BENCH_REF=COMMIT (such as HEAD), that commit exported into
# the temporary directory and built there, so that edits in progress are not measured.
SRC=$ROOT
if [[ -n ${BENCH_REF:-} ]]; then
	SRC=$T/src
	mkdir -p "$SRC"
	git -C "$ROOT" archive "$BENCH_REF" | tar -x -C "$SRC"
	BUILD=${BENCH_BUILD:-$T/build}
	COMMIT=$(git -C "$ROOT" rev-parse --short "$BENCH_REF")
	DIRTY=0
else
	COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src CMakeLists.txt \
		2>/dev/null | wc -l)
fi
log "building komek (Release) from $SRC in $BUILD"
cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >"$T/build.log" 2>&1 &&
	cmake --build "$BUILD" -j2 --target komek >>"$T/build.log" 2>&1 ||
	{ tail -30 "$T/build.log" >&2; exit 1; }
"$ROOT/bench/build_gen.sh" "$BUILD" "$SRC"

DB=$T/komek.db
"$BUILD/komek" --db "$DB" demo >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; exit 1; }
DEMO_MAX=$(sqlite3 "$DB" "SELECT max(id) FROM persons")
log "loading $PEOPLE people"
"$BUILD/gen_people" "$DB" "$PEOPLE" | tee "$T/gen.log" >&2
GEN_LINE=$(tail -1 "$T/gen.log" | sed 's/^gen_people: //')

# The ids of the generated people the demo worker may see (restricted people of other
# workers answer 404). The demo's own people are left out: most of them are in households,
# whose page is measured on its own below.
sqlite3 "$DB" "SELECT p.id FROM persons p, users u WHERE u.login = 'worker'
	AND p.org_id = u.org_id AND p.id > $DEMO_MAX AND (p.restricted = 0 OR EXISTS (SELECT 1
	FROM person_workers w WHERE w.person_id = p.id AND w.user_id = u.id)) ORDER BY p.id" \
	>"$T/ids.txt"
# A person of the demo in a household, for the page with a family box.
FAMILY_ID=$(sqlite3 "$DB" "SELECT min(p.id) FROM persons p, users u WHERE u.login = 'worker'
	AND p.org_id = u.org_id AND p.household_id IS NOT NULL AND p.restricted = 0")
awk 'BEGIN { printf "return {" } { printf "%s%s", (NR > 1 ? "," : ""), $1 } END { print "}" }' \
	"$T/ids.txt" >"$T/ids.lua"
NVISIBLE=$(wc -l <"$T/ids.txt")
NRESTRICTED=$(sqlite3 "$DB" "SELECT count(*) FROM persons WHERE restricted = 1")
log "$NVISIBLE people visible to the worker, $NRESTRICTED restricted in all"

# --- Servers ----------------------------------------------------------------------------------
. "$ROOT/scripts/ports.sh"
KOMEK_PORT=$(pick_port 18180 28180 38180)
NGINX_PORT=$(pick_port 18181 28181 38181)
NODE_PORT=$(pick_port 18182 28182 38182)

"$BUILD/komek" --db "$DB" serve --listen "127.0.0.1:$KOMEK_PORT" --threads 2 >"$T/komek.log" 2>&1 &
KOMEK_PID=$!
PIDS+=("$KOMEK_PID")
wait_port "$KOMEK_PORT" "$KOMEK_PID" || { cat "$T/komek.log" >&2; exit 1; }
K=http://127.0.0.1:$KOMEK_PORT

# API token.
TOKEN=$(curl -sf -X POST -H 'Content-Type: application/json' \
	-d '{"login":"worker","password":"komek-demo-2026"}' "$K/api/v1/session" |
	sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[[ -n $TOKEN ]] || { echo "bench: API login failed" >&2; exit 1; }
# Web session: the login form's hidden _csrf with its komek_csrf cookie, then the form.
JAR=$T/cookies
curl -sf -c "$JAR" -b "$JAR" "$K/login" -o "$T/login.html"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' "$T/login.html" | head -1 | sed 's/.*value="//; s/"$//')
curl -sf -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" \
	--data-urlencode login=worker --data-urlencode password=komek-demo-2026 "$K/login"
SESSION=$(awk '$6 == "komek_session" { print $7 }' "$JAR")
[[ -n $SESSION ]] || { echo "bench: web login failed" >&2; exit 1; }

# The static file for nginx: the JSON of a person from the middle of the list.
SAMPLE_ID=$(sed -n "$((NVISIBLE / 2))p" "$T/ids.txt")
mkdir -p "$T/www"
curl -sf -H "Authorization: Bearer $TOKEN" "$K/api/v1/persons/$SAMPLE_ID" -o "$T/www/person.json"
chmod 644 "$T/www/person.json"
JSON_BYTES=$(wc -c <"$T/www/person.json")
HTML_BYTES=$(curl -sf -H "Cookie: komek_session=$SESSION" "$K/persons/$SAMPLE_ID" | wc -c)

mkdir -p "$T/nginx"
cat >"$T/nginx.conf" <<EOF
daemon off;
worker_processes 2;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $T/nginx/body;
	proxy_temp_path $T/nginx/proxy;
	fastcgi_temp_path $T/nginx/fastcgi;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $T/www;
		default_type application/json;
		location /persons/ { try_files /person.json =404; }
	}
}
EOF
nginx -e "$T/nginx/error.log" -p "$T/nginx" -c "$T/nginx.conf" &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
wait_port "$NGINX_PORT" "$NGINX_PID" || { cat "$T/nginx/error.log" >&2; exit 1; }

if [[ -n $NPM_PID ]]; then
	log "waiting for npm ci"
	wait "$NPM_PID" || { tail -30 "$T/npm.log" >&2; exit 1; }
	NPM_PID=
fi
node "$ROOT/bench/node/lookup.mjs" "$DB" "$NODE_PORT" >"$T/node.log" 2>&1 &
NODE_PID=$!
PIDS+=("$NODE_PID")
wait_port "$NODE_PORT" "$NODE_PID" || { cat "$T/node.log" >&2; exit 1; }

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
QUERIES=
for q in "${SEARCH_NAMES[@]}"; do QUERIES+="$(urlencode "$q") "; done

# Every target answers 200 before anything is measured.
check() { # name expected-code curl-args...
	local name=$1 code
	shift
	code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
	[[ $code == 200 ]] || { echo "bench: $name answered $code" >&2; exit 1; }
}
check komek-json -H "Authorization: Bearer $TOKEN" "$K/api/v1/persons/$SAMPLE_ID"
check komek-html -H "Cookie: komek_session=$SESSION" "$K/persons/$SAMPLE_ID"
check komek-search -H "Authorization: Bearer $TOKEN" "$K/api/v1/persons?q=${QUERIES%% *}"
check nginx "http://127.0.0.1:$NGINX_PORT/persons/$SAMPLE_ID"
check node "http://127.0.0.1:$NODE_PORT/persons/$SAMPLE_ID"

# --- Measuring --------------------------------------------------------------------------------
TCK=$(getconf CLK_TCK)
server_pids() { # target -> the pids whose CPU and memory count
	case $1 in
	komek-*) echo "$KOMEK_PID" ;;
	node) echo "$NODE_PID" ;;
	nginx) echo "$NGINX_PID" $(ps -o pid= --ppid "$NGINX_PID") ;;
	esac
}
cpu_ticks() { # utime + stime of the pids, all threads
	local p sum=0 f
	for p in "$@"; do
		f=$(sed 's/^.*) //' "/proc/$p/stat")
		set -- $f
		sum=$((sum + ${12} + ${13}))
	done
	echo "$sum"
}
rss_kb() {
	local p sum=0 v
	for p in "$@"; do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status")
		sum=$((sum + v))
	done
	echo "$sum"
}
run_wrk() { # target duration -> wrk's output on stdout
	local target=$1 d=$2
	case $target in
	nginx) BENCH_IDS=$T/ids.lua BENCH_PREFIX=/persons/ \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "http://127.0.0.1:$NGINX_PORT" ;;
	node) BENCH_IDS=$T/ids.lua BENCH_PREFIX=/persons/ \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "http://127.0.0.1:$NODE_PORT" ;;
	komek-json) BENCH_IDS=$T/ids.lua BENCH_PREFIX=/api/v1/persons/ \
		BENCH_AUTH="Bearer $TOKEN" \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "$K" ;;
	komek-html) BENCH_IDS=$T/ids.lua BENCH_PREFIX=/persons/ \
		BENCH_COOKIE="komek_session=$SESSION" \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "$K" ;;
	komek-search) BENCH_QUERIES=$QUERIES BENCH_AUTH="Bearer $TOKEN" \
		wrk -t$WRK_THREADS -c$SEARCH_CONNS -d${d}s --timeout 30s --latency \
		-s "$ROOT/bench/wrk/search.lua" "$K" ;;
	esac
}
# wrk's output -> "rps p50_ms p99_ms requests non2xx socket_errors"
parse_wrk() {
	awk '
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
	/Non-2xx or 3xx responses:/ { bad = $5 }
	/Socket errors:/ { gsub(",", ""); err = $4 + $6 + $8 + $10 }
	END { printf "%.1f %.2f %.2f %d %d %d\n", rps, p50, p99, n, bad, err }'
}

TARGETS=(nginx node komek-json komek-html komek-search)
RESULTS=$T/results.tsv
mkdir -p "$RAW"
rm -f "$RAW"/*.txt
printf 'target\trep\trps\tp50_ms\tp99_ms\trequests\tnon2xx\tsocket_errors\tcpu_us_per_req\trss_kb\n' >"$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming up"
for t in "${TARGETS[@]}"; do run_wrk "$t" 2 >/dev/null; done
for rep in $(seq "$REPS"); do
	for t in "${TARGETS[@]}"; do
		pids=$(server_pids "$t")
		c0=$(cpu_ticks $pids)
		run_wrk "$t" "$DUR" >"$RAW/$t.$rep.txt"
		c1=$(cpu_ticks $pids)
		rss=$(rss_kb $pids)
		read -r rps p50 p99 n bad err < <(parse_wrk <"$RAW/$t.$rep.txt")
		cpu=$(awk -v d=$((c1 - c0)) -v t="$TCK" -v n="$n" \
			'BEGIN { printf "%.1f", n ? d / t * 1e6 / n : 0 }')
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$rep" "$rps" "$p50" "$p99" \
			"$n" "$bad" "$err" "$cpu" "$rss" >>"$RESULTS"
		log "$t #$rep: $rps req/s, p50 $p50 ms, p99 $p99 ms, $cpu µs CPU/req, non-2xx $bad, socket errors $err"
	done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# The page of a person in a household, alone on an idle server: its family box lists the
# household through the generic person list. Median of 5 sequential requests.
FAMILY_MS=$(for i in 1 2 3 4 5; do
	curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: komek_session=$SESSION" \
		"$K/persons/$FAMILY_ID"
done | sort -g | awk '{ v[NR] = $1 } END { printf "%.0f", v[3] * 1000 }')
log "household page (person $FAMILY_ID): $FAMILY_MS ms"
cp "$RESULTS" "$OUT/results.tsv"
tail -n 1000 "$T/komek.log" >"$OUT/komek.log.tail" 2>/dev/null || true

# --- Report -----------------------------------------------------------------------------------
median() { # target column
	awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A RPS P50 P99 CPU RSS BAD
for t in "${TARGETS[@]}"; do
	RPS[$t]=$(median "$t" 3)
	P50[$t]=$(median "$t" 4)
	P99[$t]=$(median "$t" 5)
	CPU[$t]=$(median "$t" 9)
	RSS[$t]=$(median "$t" 10)
	BAD[$t]=$(awk -F'\t' -v t="$t" '$1 == t { s += $7 + $8 } END { print s + 0 }' "$RESULTS")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
verdict() { awk -v r="$1" -v aim="$2" 'BEGIN { print ((r + 0 >= aim + 0) ? "**met**" : "**not met**") }'; }
R_JN=$(ratio "${RPS[komek-json]}" "${RPS[nginx]}")
R_JD=$(ratio "${RPS[komek-json]}" "${RPS[node]}")
R_HN=$(ratio "${RPS[komek-html]}" "${RPS[nginx]}")
[[ $DIRTY == 0 ]] && TREE="commit $COMMIT" || TREE="commit $COMMIT with $DIRTY uncommitted change(s) under src/"
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)

SUMMARY=$OUT/summary.md
{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($CPU_MODEL), $MEM of memory,"
	echo "Linux $(uname -r); load average before/after: $LOAD_BEFORE / $LOAD_AFTER (other work on the"
	echo "machine shares the two cores with the servers and wrk). Komek $TREE, Release build,"
	echo "\`--threads 2\`; nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), Node $(node -v), SQLite"
	echo "$(sqlite3 -version | cut -d' ' -f1), wrk 4.1.0."
	echo
	echo "Command: \`${BENCH_REF:+BENCH_REF=$BENCH_REF }$CMDLINE\` (BENCH_PEOPLE=$PEOPLE, BENCH_DURATION=$DUR,"
	echo "BENCH_REPS=$REPS). Data: the demo's $DEMO_MAX people, then gen_people $GEN_LINE"
	echo "($NVISIBLE of the generated people visible to the worker the benchmark logs in as)."
	echo "Requests go to random ids among those $NVISIBLE. A person's JSON is"
	echo "$JSON_BYTES bytes (nginx serves that file), the HTML page $HTML_BYTES bytes."
	echo
	echo "| target | what | wrk | requests/s | p50 ms | p99 ms | server CPU µs/request | server RSS MiB |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
	for t in "${TARGETS[@]}"; do
		case $t in
		nginx) what="static file, same size as a person's JSON" ;;
		node) what="Node 20 + better-sqlite3, bare primary-key lookup" ;;
		komek-json) what="GET /api/v1/persons/{id}: token, access rule, audit row" ;;
		komek-html) what="GET /persons/{id}: cookie, access rule, audit row, page" ;;
		komek-search) what="GET /api/v1/persons?q=NAME (${#SEARCH_NAMES[@]} names)" ;;
		esac
		conns=$WRK_CONNS
		[[ $t == komek-search ]] && conns=$SEARCH_CONNS
		awk -v t="$t" -v w="$what" -v c="-t$WRK_THREADS -c$conns" -v r="${RPS[$t]}" \
			-v a="${P50[$t]}" -v b="${P99[$t]}" -v u="${CPU[$t]}" -v m="${RSS[$t]}" \
			'BEGIN { printf "| %s | %s | %s | %." (r < 100 ? 1 : 0) "f | %.2f | %.2f | %.0f | %.1f |\n", t, w, c, r, a, b, u, m / 1024 }'
	done
	echo
	echo "Medians of $REPS runs of ${DUR} s each. Non-2xx answers and socket errors over all runs:"
	for t in "${TARGETS[@]}"; do printf '%s %s; ' "$t" "${BAD[$t]}"; done | sed 's/; $/./'
	echo
	echo
	echo "The page of a person in a household (demo person $FAMILY_ID, left out of the random ids"
	echo "above), requested alone on the idle server: $FAMILY_MS ms (median of 5)."
	echo
	echo "| ratio of requests/s | measured | aim | |"
	echo "| --- | ---: | ---: | --- |"
	echo "| komek JSON / nginx | $R_JN | ≥ 0.6 | $(verdict "$R_JN" 0.6) |"
	echo "| komek JSON / Node | $R_JD | ≥ 2.5 | $(verdict "$R_JD" 2.5) |"
	echo "| komek HTML / nginx | $R_HN | ≥ 0.4 | $(verdict "$R_HN" 0.4) |"
	echo
	echo "Ratios of the medians above; within each repetition (the same minute of the machine):"
	awk -F'\t' 'NR > 1 { r[$1, $2] = $3; if ($2 > n) n = $2 }
		END {
			for (i = 1; i <= n; i++) {
				a = a sprintf("%s%.2f", i > 1 ? ", " : "", r["komek-json", i] / r["nginx", i])
				b = b sprintf("%s%.2f", i > 1 ? ", " : "", r["komek-json", i] / r["node", i])
				c = c sprintf("%s%.2f", i > 1 ? ", " : "", r["komek-html", i] / r["nginx", i])
			}
			printf "JSON/nginx %s; JSON/Node %s; HTML/nginx %s.\n", a, b, c
		}' "$RESULTS"
} >"$SUMMARY"
cat "$SUMMARY"

if ((UPDATE)); then
	B=$ROOT/BENCHMARKS.md
	BEGIN='<!-- bench/run.sh: person views: begin -->'
	END='<!-- bench/run.sh: person views: end -->'
	if [[ -f $B ]] && grep -qF "$BEGIN" "$B"; then
		awk -v b="$BEGIN" -v e="$END" -v f="$SUMMARY" '
			$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$B" >"$T/bench.md"
		cp "$T/bench.md" "$B"
	else
		{ [[ -f $B ]] && cat "$B" && echo; echo "## Person views (bench/run.sh)"; echo; echo "$BEGIN"; cat "$SUMMARY"; echo "$END"; } >"$T/bench.md"
		cp "$T/bench.md" "$B"
	fi
	log "BENCHMARKS.md updated"
fi
log "done"
