#!/usr/bin/env bash
# bench/run-pg.sh: the person-view benchmark on PostgreSQL (not a test), with one Komek instance
# and with two instances on the same database behind nginx. Measures, in one run on 127.0.0.1:
#   nginx        a static file the size of a person's JSON (the reference, as in bench/run.sh)
#   sqlite-json  GET /api/v1/persons/{id} on Komek over SQLite (the same people), for the ratio
#   pg1-json     GET /api/v1/persons/{id} on one Komek over PostgreSQL, direct
#   pg1-html     GET /persons/{id} (session cookie) on the same instance, direct
#   pg1t4-json   pg1-json on a third instance with twice the threads (4), direct
#   lb1-json     pg1-json through the nginx load balancer with only that instance upstream
#                (what the proxy hop costs by itself)
#   pg2-json     GET /api/v1/persons/{id} through nginx, round robin over two Komek instances
#   pg2-html     GET /persons/{id} the same way
#   sqlite-search, pg1-search   GET /api/v1/persons?q=NAME with 4 connections
# Each with wrk (-t2 -c64 -d10s; the searches -c4), REPS times, reporting medians of
# requests/s, p50 and p99 latency, and per request the CPU of the Komek processes (summed over
# both for pg2-*), of the PostgreSQL cluster's processes (postmaster, backends, background
# workers, read from /proc), of the nginx load balancer, and of wrk itself; Komek's RSS; the
# non-2xx answers and socket errors. After the measures, a 5 s profile of the statements of
# pg1-json (pg_stat_statements, loaded from the start but tracking only then) and the cost of
# a bare round trip to the cluster (pgbench, a prepared SELECT 1).
#
#   bench/run-pg.sh [--update-benchmarks]
#
# --update-benchmarks rewrites this script's generated block of BENCHMARKS.md.
# Environment: BENCH_PEOPLE (100000), BENCH_DURATION (10 s), BENCH_REPS (3), BENCH_BUILD
# (build-benchpg), BENCH_REF (a commit to export and measure instead of the work tree, such
# as HEAD), BENCH_SEARCH=0 leaves the name searches out, BENCH_KEEP=1 keeps the temporary
# directory. Raw output goes to bench/out/pg/. Takes about 10 minutes on 2 cores.
# Installs what is missing (Debian): wrk, nginx-light, postgresql, sqlite3, curl. The
# PostgreSQL cluster is a throwaway one (scripts/pg-cluster.sh) in the temporary directory,
# stopped and removed on exit; every server listens on 127.0.0.1 only and is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PEOPLE=${BENCH_PEOPLE:-100000}
DUR=${BENCH_DURATION:-10}
REPS=${BENCH_REPS:-3}
BUILD=${BENCH_BUILD:-$ROOT/build-benchpg}
SEARCH=${BENCH_SEARCH:-1}
THREADS=2 # komek --threads, per instance
WRK_THREADS=2
WRK_CONNS=64
SEARCH_CONNS=4 # a search takes a large part of a second: 64 connections would measure the queue
SEARCH_NAMES=("Ахметов" "karimova" "Нұрсұлтан" "Wang" "Иванова" "zhanar")
PASSWORD=komek-demo-2026
UPDATE=0
CMDLINE="bench/run-pg.sh${1:+ $1}"
case "${1:-}" in
--update-benchmarks) UPDATE=1 ;;
"") ;;
*) echo "usage: bench/run-pg.sh [--update-benchmarks]" >&2; exit 2 ;;
esac

OUT=$ROOT/bench/out/pg
RAW=$OUT/raw
T=$(mktemp -d /tmp/komek-benchpg.XXXXXX)
chmod 755 "$T" # nginx's workers run as nobody; the cluster's folder belongs to postgres
PGDIR=$T/pg
PG_STARTED=0
PIDS=()
START=$SECONDS

log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

cleanup() {
	local p
	for p in "${PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in "${PIDS[@]}"; do
		wait "$p" 2>/dev/null || true
	done
	if ((PG_STARTED)); then
		"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR" || true
	fi
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
command -v psql >/dev/null && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 ||
	apt_missing+=(postgresql)
pkg-config --exists libpq 2>/dev/null || apt_missing+=(libpq-dev)
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi

# --- Build ------------------------------------------------------------------------------------
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
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
log "building komek (Release) from $SRC in $BUILD"
BUILD_NOTE=
build() { # extra C flags
	cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=$1" >"$T/build.log" 2>&1 &&
		cmake --build "$BUILD" -j2 --target komek -- -k >>"$T/build.log" 2>&1
}
if ! build ""; then
	# Some of GCC's warnings (-Wformat-truncation, -Wmaybe-uninitialized) only fire in
	# optimised builds: with -Werror a Release build can fail where the Debug build of
	# make test passes. Warnings change no code, so build again with those warnings not
	# made errors, and name them in the report. Any other error fails the second build too.
	WERR=$(grep -o '^[^ ]*\.c:[0-9]*:[0-9]*: error: .*\[-Werror=[a-z-]*' "$T/build.log" |
		sed 's/^\(.*\.c\):.*-Werror=\([a-z-]*\).*/\2 in \1/; s|^\(.* in \).*/src/|\1src/|' | sort -u |
		paste -sd, - | sed 's/,/, /g')
	[[ -n $WERR ]] || { tail -30 "$T/build.log" >&2; exit 1; }
	NOERR=$(grep -o '\[-Werror=[a-z-]*' "$T/build.log" | sed 's/\[-Werror=/-Wno-error=/' | sort -u |
		paste -sd' ' -)
	log "the Release build fails on warnings ($WERR); building again with $NOERR"
	BUILD_NOTE=" with \`$NOERR\` (this commit's Release build stops on $WERR)"
	build "$NOERR" || { tail -30 "$T/build.log" >&2; exit 1; }
fi
"$ROOT/bench/build_gen.sh" "$BUILD" "$SRC"
KOMEK=$BUILD/komek

# --- Ports and the cluster --------------------------------------------------------------------
. "$ROOT/scripts/ports.sh"
PG_PORT=$(pick_port $(seq 55532 55560))
log "starting a PostgreSQL cluster on 127.0.0.1:$PG_PORT"
PG_STARTED=1
PGURL=$("$ROOT/scripts/pg-cluster.sh" start "$PGDIR" "$PG_PORT")
# pg_stat_statements loaded but not tracking while anything is measured; it is switched on
# at the end for a short profile of the statements of a view.
"$ROOT/scripts/pg-cluster.sh" stop "$PGDIR"
printf '%s\n' "shared_preload_libraries = 'pg_stat_statements'" "pg_stat_statements.track = none" \
	>>"$PGDIR/data/postgresql.conf"
"$ROOT/scripts/pg-cluster.sh" start "$PGDIR" "$PG_PORT" >/dev/null
PG_MASTER=$(head -1 "$PGDIR/data/postmaster.pid")
pg() { psql "$PGURL" -qAtX -v ON_ERROR_STOP=1 "$@"; }
pg -c 'CREATE EXTENSION pg_stat_statements'
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_VERSION=$(pg -c 'SHOW server_version' | cut -d' ' -f1)

# --- Data: the same generator, the same seed, into both databases ----------------------------
SQLITE_DB=$T/komek.db
KEY=$T/pg.key # komek makes it at the first command
"$KOMEK" --db "$SQLITE_DB" demo >"$T/demo-sqlite.log" 2>&1 || { cat "$T/demo-sqlite.log" >&2; exit 1; }
"$KOMEK" --db "$PGURL" --key-file "$KEY" demo >"$T/demo-pg.log" 2>&1 || { cat "$T/demo-pg.log" >&2; exit 1; }
DEMO_MAX_SQLITE=$(sqlite3 "$SQLITE_DB" "SELECT max(id) FROM persons")
DEMO_MAX_PG=$(pg -c "SELECT max(id) FROM persons")
log "loading $PEOPLE people into SQLite"
"$BUILD/gen_people" "$SQLITE_DB" "$PEOPLE" | tee "$T/gen-sqlite.log" >&2
log "loading $PEOPLE people into PostgreSQL"
"$BUILD/gen_people" "$PGURL" "$PEOPLE" | tee "$T/gen-pg.log" >&2
GEN_SQLITE=$(tail -1 "$T/gen-sqlite.log" | sed 's/^gen_people: //')
GEN_PG=$(tail -1 "$T/gen-pg.log" | sed 's/^gen_people: //')
# Fresh statistics and no autovacuum or checkpoint of the load left to run during the measures.
pg -c 'VACUUM ANALYZE' -c 'CHECKPOINT'
PG_SIZE=$(pg -c "SELECT pg_size_pretty(pg_database_size('komek'))")

# The ids of the generated people the demo worker may see (restricted people of other workers
# answer 404), from each database; the demo's own people are left out, as in bench/run.sh.
ids_sql() { # first id of the generated people
	echo "SELECT p.id FROM persons p, users u WHERE u.login = 'worker'
	AND p.org_id = u.org_id AND p.id > $1 AND (p.restricted = 0 OR EXISTS (SELECT 1
	FROM person_workers w WHERE w.person_id = p.id AND w.user_id = u.id)) ORDER BY p.id"
}
sqlite3 "$SQLITE_DB" "$(ids_sql "$DEMO_MAX_SQLITE")" >"$T/ids-sqlite.txt"
pg -c "$(ids_sql "$DEMO_MAX_PG")" >"$T/ids-pg.txt"
to_lua() { awk 'BEGIN { printf "return {" } { printf "%s%s", (NR > 1 ? "," : ""), $1 } END { print "}" }' "$1"; }
to_lua "$T/ids-sqlite.txt" >"$T/ids-sqlite.lua"
to_lua "$T/ids-pg.txt" >"$T/ids-pg.lua"
NVIS_SQLITE=$(wc -l <"$T/ids-sqlite.txt")
NVIS_PG=$(wc -l <"$T/ids-pg.txt")
if cmp -s "$T/ids-sqlite.txt" "$T/ids-pg.txt"; then SAME_IDS=1; else SAME_IDS=0; fi
log "visible to the worker: $NVIS_PG people on PostgreSQL, $NVIS_SQLITE on SQLite (same ids: $SAME_IDS)"

# --- Servers ----------------------------------------------------------------------------------
SQLITE_PORT=$(pick_port 18280 28280 38280)
PG_A_PORT=$(pick_port 18281 28281 38281)
PG_B_PORT=$(pick_port 18282 28282 38282)
PG_C_PORT=$(pick_port 18286 28286 38286)
STATIC_PORT=$(pick_port 18283 28283 38283)
LB1_PORT=$(pick_port 18284 28284 38284)
LB2_PORT=$(pick_port 18285 28285 38285)

start_komek() { # name db port threads [--key-file FILE] -> sets LAST_PID
	local name=$1 db=$2 port=$3 threads=$4
	shift 4
	"$KOMEK" --db "$db" "$@" serve --listen "127.0.0.1:$port" --threads "$threads" \
		>"$T/komek-$name.log" 2>&1 &
	LAST_PID=$!
	PIDS+=("$LAST_PID")
	wait_port "$port" "$LAST_PID" || { cat "$T/komek-$name.log" >&2; exit 1; }
}
start_komek sqlite "$SQLITE_DB" "$SQLITE_PORT" $THREADS
SQLITE_PID=$LAST_PID
start_komek pg-a "$PGURL" "$PG_A_PORT" $THREADS --key-file "$KEY"
PG_A_PID=$LAST_PID
start_komek pg-b "$PGURL" "$PG_B_PORT" $THREADS --key-file "$KEY"
PG_B_PID=$LAST_PID
# A third instance with twice the threads: does one instance with more threads do what two do?
start_komek pg-c "$PGURL" "$PG_C_PORT" $((2 * THREADS)) --key-file "$KEY"
PG_C_PID=$LAST_PID
KS=http://127.0.0.1:$SQLITE_PORT
KA=http://127.0.0.1:$PG_A_PORT
KB=http://127.0.0.1:$PG_B_PORT
KC=http://127.0.0.1:$PG_C_PORT

api_login() { # base-url -> token
	curl -sf -X POST -H 'Content-Type: application/json' \
		-d "{\"login\":\"worker\",\"password\":\"$PASSWORD\"}" "$1/api/v1/session" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
web_login() { # base-url jar -> session cookie value
	local jar=$2 csrf
	curl -sf -c "$jar" -b "$jar" "$1/login" -o "$T/login.html"
	csrf=$(grep -o 'name="_csrf" value="[^"]*"' "$T/login.html" | head -1 | sed 's/.*value="//; s/"$//')
	curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
		--data-urlencode login=worker --data-urlencode password="$PASSWORD" "$1/login"
	awk '$6 == "komek_session" { print $7 }' "$jar"
}
# One login per database: the session made through instance A serves on B as well.
TOKEN_SQLITE=$(api_login "$KS")
SESSION_SQLITE=$(web_login "$KS" "$T/jar-sqlite")
TOKEN_PG=$(api_login "$KA")
SESSION_PG=$(web_login "$KA" "$T/jar-pg")
[[ -n $TOKEN_SQLITE && -n $TOKEN_PG ]] || { echo "bench: API login failed" >&2; exit 1; }
[[ -n $SESSION_SQLITE && -n $SESSION_PG ]] || { echo "bench: web login failed" >&2; exit 1; }

# The static file for nginx: the JSON of a person from the middle of the list, from PostgreSQL.
SAMPLE_ID=$(sed -n "$((NVIS_PG / 2))p" "$T/ids-pg.txt")
mkdir -p "$T/www"
curl -sf -H "Authorization: Bearer $TOKEN_PG" "$KA/api/v1/persons/$SAMPLE_ID" -o "$T/www/person.json"
chmod 644 "$T/www/person.json"
JSON_BYTES=$(wc -c <"$T/www/person.json")
JSON_BYTES_SQLITE=$(curl -sf -H "Authorization: Bearer $TOKEN_SQLITE" "$KS/api/v1/persons/$SAMPLE_ID" | wc -c)
HTML_BYTES=$(curl -sf -H "Cookie: komek_session=$SESSION_PG" "$KA/persons/$SAMPLE_ID" | wc -c)

nginx_conf() { # name -> the common head of a config, up to "http {"
	mkdir -p "$T/nginx-$1"
	cat <<EOF
daemon off;
worker_processes 2;
pid $T/nginx-$1/nginx.pid;
error_log $T/nginx-$1/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $T/nginx-$1/body;
	proxy_temp_path $T/nginx-$1/proxy;
	fastcgi_temp_path $T/nginx-$1/fastcgi;
	uwsgi_temp_path $T/nginx-$1/uwsgi;
	scgi_temp_path $T/nginx-$1/scgi;
	keepalive_requests 1000000;
EOF
}
{
	nginx_conf static
	cat <<EOF
	server {
		listen 127.0.0.1:$STATIC_PORT;
		root $T/www;
		default_type application/json;
		location /persons/ { try_files /person.json =404; }
	}
}
EOF
} >"$T/nginx-static.conf"
# The load balancer: round robin (nginx's default) with kept-alive upstream connections,
# closed by nginx before Komek's 30 s idle timeout would close them.
{
	nginx_conf lb
	for u in 1 2; do
		echo "	upstream komek$u {"
		echo "		server 127.0.0.1:$PG_A_PORT;"
		[[ $u == 2 ]] && echo "		server 127.0.0.1:$PG_B_PORT;"
		echo "		keepalive 64;"
		echo "		keepalive_requests 1000000;"
		echo "		keepalive_timeout 20s;"
		echo "	}"
	done
	for u in 1 2; do
		port=$LB1_PORT
		[[ $u == 2 ]] && port=$LB2_PORT
		cat <<EOF
	server {
		listen 127.0.0.1:$port;
		location / {
			proxy_pass http://komek$u;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
			proxy_set_header X-Forwarded-Proto \$scheme;
		}
	}
EOF
	done
	echo "}"
} >"$T/nginx-lb.conf"
start_nginx() { # name port -> sets LAST_PID
	nginx -e "$T/nginx-$1/error.log" -p "$T/nginx-$1" -c "$T/nginx-$1.conf" &
	LAST_PID=$!
	PIDS+=("$LAST_PID")
	wait_port "$2" "$LAST_PID" || { cat "$T/nginx-$1/error.log" >&2; exit 1; }
}
start_nginx static "$STATIC_PORT"
STATIC_PID=$LAST_PID
start_nginx lb "$LB1_PORT"
LB_PID=$LAST_PID
wait_port "$LB2_PORT" "$LB_PID" || { cat "$T/nginx-lb/error.log" >&2; exit 1; }

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

# Every target answers 200 before anything is measured; through the balancer, both instances.
check() { # name curl-args...
	local name=$1 code
	shift
	code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
	[[ $code == 200 ]] || { echo "bench: $name answered $code" >&2; exit 1; }
}
check nginx "http://127.0.0.1:$STATIC_PORT/persons/$SAMPLE_ID"
check sqlite-json -H "Authorization: Bearer $TOKEN_SQLITE" "$KS/api/v1/persons/$SAMPLE_ID"
check sqlite-search -H "Authorization: Bearer $TOKEN_SQLITE" "$KS/api/v1/persons?q=${QUERIES%% *}"
check pg1-json -H "Authorization: Bearer $TOKEN_PG" "$KA/api/v1/persons/$SAMPLE_ID"
check pg1-html -H "Cookie: komek_session=$SESSION_PG" "$KA/persons/$SAMPLE_ID"
check pg1-search -H "Authorization: Bearer $TOKEN_PG" "$KA/api/v1/persons?q=${QUERIES%% *}"
check "instance B with A's token" -H "Authorization: Bearer $TOKEN_PG" "$KB/api/v1/persons/$SAMPLE_ID"
check "instance B with A's cookie" -H "Cookie: komek_session=$SESSION_PG" "$KB/persons/$SAMPLE_ID"
check pg1t4-json -H "Authorization: Bearer $TOKEN_PG" "$KC/api/v1/persons/$SAMPLE_ID"
for i in 1 2 3 4; do
	check lb1-json -H "Authorization: Bearer $TOKEN_PG" "http://127.0.0.1:$LB1_PORT/api/v1/persons/$SAMPLE_ID"
	check pg2-json -H "Authorization: Bearer $TOKEN_PG" "http://127.0.0.1:$LB2_PORT/api/v1/persons/$SAMPLE_ID"
	check pg2-html -H "Cookie: komek_session=$SESSION_PG" "http://127.0.0.1:$LB2_PORT/persons/$SAMPLE_ID"
done

# --- Measuring --------------------------------------------------------------------------------
TCK=$(getconf CLK_TCK)
komek_pids() { # target
	case $1 in
	sqlite-*) echo "$SQLITE_PID" ;;
	pg1-* | lb1-*) echo "$PG_A_PID" ;;
	pg1t4-*) echo "$PG_C_PID" ;;
	pg2-*) echo "$PG_A_PID $PG_B_PID" ;;
	esac
}
uses_lb() { [[ $1 == lb1-* || $1 == pg2-* ]]; }
. "$ROOT/bench/cpu.sh"
nginx_ticks() { # master pid
	cpu_ticks "$1" $(ps -o pid= --ppid "$1")
}
static_ticks() { nginx_ticks "$STATIC_PID"; }
rss_kb() {
	local p sum=0 v
	for p in "$@"; do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status")
		sum=$((sum + v))
	done
	echo "$sum"
}
pg_pss_kb() { # proportional set size of the cluster's processes (shared buffers counted once)
	local p sum=0 v
	for p in "$PG_MASTER" $(ps -o pid= --ppid "$PG_MASTER"); do
		v=$(awk '/^Pss:/ { print $2 }' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
		sum=$((sum + ${v:-0}))
	done
	echo "$sum"
}
run_wrk() { # target duration -> wrk's output on stdout
	local target=$1 d=$2 url ids auth cookie
	case $target in
	nginx) url=http://127.0.0.1:$STATIC_PORT ;;
	sqlite-*) url=$KS ;;
	pg1-*) url=$KA ;;
	pg1t4-*) url=$KC ;;
	lb1-*) url=http://127.0.0.1:$LB1_PORT ;;
	pg2-*) url=http://127.0.0.1:$LB2_PORT ;;
	esac
	case $target in
	sqlite-*) ids=$T/ids-sqlite.lua auth="Bearer $TOKEN_SQLITE" cookie="komek_session=$SESSION_SQLITE" ;;
	*) ids=$T/ids-pg.lua auth="Bearer $TOKEN_PG" cookie="komek_session=$SESSION_PG" ;;
	esac
	case $target in
	nginx) BENCH_IDS=$ids BENCH_PREFIX=/persons/ \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "$url" ;;
	*-json) BENCH_IDS=$ids BENCH_PREFIX=/api/v1/persons/ BENCH_AUTH=$auth \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "$url" ;;
	*-html) BENCH_IDS=$ids BENCH_PREFIX=/persons/ BENCH_COOKIE=$cookie \
		wrk -t$WRK_THREADS -c$WRK_CONNS -d${d}s --latency \
		-s "$ROOT/bench/wrk/random_ids.lua" "$url" ;;
	*-search) BENCH_QUERIES=$QUERIES BENCH_AUTH=$auth \
		wrk -t$WRK_THREADS -c$SEARCH_CONNS -d${d}s --timeout 30s --latency \
		-s "$ROOT/bench/wrk/search.lua" "$url" ;;
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
per_req() { # ticks requests -> µs per request
	awk -v d="$1" -v t="$TCK" -v n="$2" 'BEGIN { printf "%.1f", n ? d / t * 1e6 / n : 0 }'
}

TARGETS=(nginx sqlite-json pg1-json pg1-html pg1t4-json lb1-json pg2-json pg2-html)
((SEARCH)) && TARGETS+=(sqlite-search pg1-search)
RESULTS=$T/results.tsv
mkdir -p "$RAW"
rm -f "$RAW"/*.txt
printf 'target\trep\trps\tp50_ms\tp99_ms\trequests\tnon2xx\tsocket_errors\tkomek_cpu_us\tpg_cpu_us\tlb_cpu_us\twrk_cpu_us\tkomek_rss_kb\n' >"$RESULTS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "warming up"
for t in "${TARGETS[@]}"; do run_wrk "$t" 2 >/dev/null; done
TIMEFORMAT='%3U %3S'
for rep in $(seq "$REPS"); do
	for t in "${TARGETS[@]}"; do
		if [[ $t == nginx ]]; then kp=$STATIC_PID; else kp=$(komek_pids "$t"); fi
		if [[ $t == nginx ]]; then k0=$(static_ticks); else k0=$(cpu_ticks $kp); fi
		p0=$(pg_ticks)
		l0=$(nginx_ticks "$LB_PID")
		{ time run_wrk "$t" "$DUR" >"$RAW/$t.$rep.txt"; } 2>"$T/time.txt"
		if [[ $t == nginx ]]; then k1=$(static_ticks); else k1=$(cpu_ticks $kp); fi
		p1=$(pg_ticks)
		l1=$(nginx_ticks "$LB_PID")
		if [[ $t == nginx ]]; then
			rss=$(rss_kb "$STATIC_PID" $(ps -o pid= --ppid "$STATIC_PID"))
		else
			rss=$(rss_kb $kp)
		fi
		read -r rps p50 p99 n bad err < <(parse_wrk <"$RAW/$t.$rep.txt")
		kcpu=$(per_req $((k1 - k0)) "$n")
		pcpu=$(per_req $((p1 - p0)) "$n")
		lcpu=0
		uses_lb "$t" && lcpu=$(per_req $((l1 - l0)) "$n")
		wcpu=$(tail -1 "$T/time.txt" | awk -v n="$n" '{ printf "%.1f", n ? ($1 + $2) * 1e6 / n : 0 }')
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$t" "$rep" "$rps" "$p50" \
			"$p99" "$n" "$bad" "$err" "$kcpu" "$pcpu" "$lcpu" "$wcpu" "$rss" >>"$RESULTS"
		log "$t #$rep: $rps req/s, p50 $p50 ms, p99 $p99 ms; CPU µs/req: server $kcpu, postgres $pcpu, proxy $lcpu, wrk $wcpu; non-2xx $bad, socket errors $err"
	done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# Where a view's time goes in PostgreSQL: the statements of pg1-json for 5 s with
# pg_stat_statements tracking (switched off again afterwards), and the cost of a bare
# round trip on this machine: pgbench sending a prepared SELECT 1, 4 clients, 5 s.
log "profiling the statements of a JSON view"
pg -c "ALTER SYSTEM SET pg_stat_statements.track = 'top'" -c 'SELECT pg_reload_conf()' >/dev/null
sleep 1
pg -c 'SELECT pg_stat_statements_reset()' >/dev/null
p0=$(pg_ticks)
run_wrk pg1-json 5 >"$RAW/profile-pg1-json.txt"
sleep 1 # the audit writer's last batch
p1=$(pg_ticks)
read -r _ _ _ PROF_N _ _ < <(parse_wrk <"$RAW/profile-pg1-json.txt")
PROF_PG=$(per_req $((p1 - p0)) "$PROF_N")
pg -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 3), regexp_replace(query, '\s+', ' ', 'g')
	FROM pg_stat_statements WHERE calls > 0 AND query NOT LIKE '%pg_stat_statements%'
	AND query NOT LIKE '%pg_reload_conf%' AND query NOT LIKE 'ALTER SYSTEM%'
	ORDER BY calls DESC, total_exec_time DESC" >"$OUT/statements.tsv"
pg -c "ALTER SYSTEM SET pg_stat_statements.track = 'none'" -c 'SELECT pg_reload_conf()' >/dev/null
# statements per view, executor µs per view
read -r PROF_STMTS PROF_EXEC < <(awk -F'\t' -v n="$PROF_N" '{ c += $1; t += $2 }
	END { printf "%.2f %.0f\n", c / n, t * 1000 / n }' "$OUT/statements.tsv")
log "profile: $PROF_N views, $PROF_STMTS statements and $PROF_EXEC µs of executor time per view, $PROF_PG µs of cluster CPU"
echo 'SELECT 1;' >"$T/select1.sql"
p0=$(pg_ticks)
{ time "$PG_BIN/pgbench" -n -M prepared -f "$T/select1.sql" -c 4 -j 2 -T 5 "$PGURL" \
	>"$RAW/pgbench-select1.txt" 2>&1; } 2>"$T/time.txt"
sleep 0.5 # the postmaster reaps pgbench's backends
p1=$(pg_ticks)
RT_N=$(awk '/number of transactions actually processed/ { split($NF, a, "/"); print a[1] }' \
	"$RAW/pgbench-select1.txt")
RT_TPS=$(awk '/^tps/ { printf "%.0f", $3; exit }' "$RAW/pgbench-select1.txt")
RT_PG=$(per_req $((p1 - p0)) "$RT_N")
RT_CLIENT=$(tail -1 "$T/time.txt" | awk -v n="$RT_N" '{ printf "%.1f", n ? ($1 + $2) * 1e6 / n : 0 }')
log "a bare round trip: $RT_TPS/s, $RT_PG µs of cluster CPU, $RT_CLIENT µs of pgbench CPU"
PG_PSS=$(pg_pss_kb)
PG_BACKENDS=$(pg -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
cp "$RESULTS" "$OUT/results.tsv"
for n in sqlite pg-a pg-b; do
	tail -n 1000 "$T/komek-$n.log" >"$OUT/komek-$n.log.tail" 2>/dev/null || true
done
# Any 5xx in the servers' logs is worth knowing (the access log is the komek-*.log files).
ERRORS_5XX=$(cat "$T"/komek-*.log | grep -Ec ' 5[0-9]{2} [0-9]+ [0-9]+\.[0-9]{3}ms' || true)
ELAPSED=$((SECONDS - START))

# --- Report -----------------------------------------------------------------------------------
median() { # target column
	awk -F'\t' -v t="$1" -v c="$2" '$1 == t { print $c }' "$RESULTS" | sort -g |
		awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
declare -A RPS P50 P99 KCPU PCPU LCPU WCPU RSS BAD
for t in "${TARGETS[@]}"; do
	RPS[$t]=$(median "$t" 3)
	P50[$t]=$(median "$t" 4)
	P99[$t]=$(median "$t" 5)
	KCPU[$t]=$(median "$t" 9)
	PCPU[$t]=$(median "$t" 10)
	LCPU[$t]=$(median "$t" 11)
	WCPU[$t]=$(median "$t" 12)
	RSS[$t]=$(median "$t" 13)
	BAD[$t]=$(awk -F'\t' -v t="$t" '$1 == t { s += $7 + $8 } END { print s + 0 }' "$RESULTS")
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
[[ $DIRTY == 0 ]] && TREE="commit $COMMIT" || TREE="commit $COMMIT with $DIRTY uncommitted change(s) under src/"
CPU_MODEL=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
what() {
	case $1 in
	nginx) echo "nginx: static file, same size as a person's JSON" ;;
	sqlite-json) echo "one Komek on SQLite: GET /api/v1/persons/{id}" ;;
	pg1-json) echo "one Komek on PostgreSQL: GET /api/v1/persons/{id}" ;;
	pg1-html) echo "one Komek on PostgreSQL: GET /persons/{id} (page)" ;;
	pg1t4-json) echo "one Komek on PostgreSQL, \`--threads $((2 * THREADS))\`: JSON" ;;
	lb1-json) echo "nginx → one Komek on PostgreSQL: JSON" ;;
	pg2-json) echo "nginx → two Komek on PostgreSQL: JSON" ;;
	pg2-html) echo "nginx → two Komek on PostgreSQL: page" ;;
	sqlite-search) echo "one Komek on SQLite: GET /api/v1/persons?q=NAME" ;;
	pg1-search) echo "one Komek on PostgreSQL: GET /api/v1/persons?q=NAME" ;;
	esac
}
within() { # a b -> the ratio a/b within each repetition, "0.41, 0.44, 0.40"
	awk -F'\t' -v a="$1" -v b="$2" 'NR > 1 { r[$1, $2] = $3; if ($2 > n) n = $2 }
		END { for (i = 1; i <= n; i++) printf "%s%.2f", (i > 1 ? ", " : ""), (r[b, i] > 0 ? r[a, i] / r[b, i] : 0) }' "$RESULTS"
}

SUMMARY=$OUT/summary.md
{
	echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($CPU_MODEL), $MEM of memory,"
	echo "Linux $(uname -r); load average before/after: $LOAD_BEFORE / $LOAD_AFTER (other work on the"
	echo "machine shares the two cores with the servers, the database and wrk). Komek $TREE, Release"
	echo "build, \`--threads $THREADS\` per instance but for pg1t4; PostgreSQL $PG_VERSION (a throwaway cluster with"
	echo "the default settings but \`fsync=on\`, on the same machine, over TCP on loopback); nginx"
	echo "$(nginx -v 2>&1 | sed 's/.*nginx\///') (2 workers, for the static file and, separately, as the load balancer), SQLite"
	echo "$(sqlite3 -version | cut -d' ' -f1), wrk $(wrk -v 2>&1 | awk 'NR == 1 { sub("^debian/", "", $2); print $2 }')."
	[[ -z $BUILD_NOTE ]] || echo "Built$BUILD_NOTE."
	echo
	echo "Command: \`${BENCH_REF:+BENCH_REF=$BENCH_REF }$CMDLINE\` (BENCH_PEOPLE=$PEOPLE, BENCH_DURATION=$DUR,"
	echo "BENCH_REPS=$REPS); the whole run took $((ELAPSED / 60)) min $((ELAPSED % 60)) s. Data: the demo, then gen_people"
	echo "(the same seed, the same people) into each database. PostgreSQL: $GEN_PG;"
	echo "database $PG_SIZE after VACUUM ANALYZE. SQLite: $GEN_SQLITE."
	if ((SAME_IDS)); then
		echo "The worker the benchmark logs in as sees $NVIS_PG of the generated people, with the same ids in"
		echo "both databases; requests go to random ids among them."
	else
		echo "The worker the benchmark logs in as sees $NVIS_PG of the generated people on PostgreSQL and"
		echo "$NVIS_SQLITE on SQLite; requests go to random ids among them, per database."
	fi
	echo "A person's JSON is $JSON_BYTES bytes on PostgreSQL ($JSON_BYTES_SQLITE on SQLite; nginx serves the"
	echo "former), the HTML page $HTML_BYTES bytes."
	echo
	echo "| target | what | wrk | requests/s | p50 ms | p99 ms | Komek CPU µs/req | PostgreSQL CPU µs/req | balancer CPU µs/req | wrk CPU µs/req | Komek RSS MiB |"
	echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
	for t in "${TARGETS[@]}"; do
		conns=$WRK_CONNS
		[[ $t == *-search ]] && conns=$SEARCH_CONNS
		pc=${PCPU[$t]}
		[[ $t == nginx || $t == sqlite-* ]] && pc=-
		lc=${LCPU[$t]}
		uses_lb "$t" || lc=-
		awk -v t="$t" -v w="$(what "$t")" -v c="-t$WRK_THREADS -c$conns" -v r="${RPS[$t]}" \
			-v a="${P50[$t]}" -v b="${P99[$t]}" -v u="${KCPU[$t]}" -v p="$pc" -v l="$lc" \
			-v x="${WCPU[$t]}" -v m="${RSS[$t]}" '
			function f(v) { return v == "-" ? "–" : sprintf("%.0f", v) }
			BEGIN { printf "| %s | %s | %s | %." (r < 100 ? 1 : 0) "f | %.2f | %.2f | %s | %s | %s | %s | %.1f |\n",
				t, w, c, r, a, b, f(u), f(p), f(l), f(x), m / 1024 }'
	done
	echo
	echo "Medians of $REPS runs of ${DUR} s each. \"Komek CPU\" is utime + stime of the Komek process"
	echo "(both processes for pg2-*; nginx's master and workers on the nginx row) over the run divided"
	echo "by the requests; \"PostgreSQL CPU\" the same for every process of the cluster (the postmaster"
	echo "and what it has reaped, the backends, the WAL writer, the checkpointer); the balancer is the"
	echo "second nginx. Komek RSS is VmRSS after the run (summed over both instances for pg2-*); the"
	echo "cluster's proportional set size at the end was $(awk -v k="$PG_PSS" 'BEGIN { printf "%.0f", k / 1024 }') MiB with $PG_BACKENDS client connections"
	echo "(each instance opens threads + 3: a pool of threads + 2 and the audit writer's own; and psql's)."
	echo "Non-2xx answers and socket errors over all runs:"
	for t in "${TARGETS[@]}"; do printf '%s %s; ' "$t" "${BAD[$t]}"; done | sed 's/; $/./'
	echo " 5xx answers in the three Komek access logs: $ERRORS_5XX."
	echo
	echo
	echo "| ratio of requests/s | median | within each repetition |"
	echo "| --- | ---: | --- |"
	row() { echo "| $1 | $(ratio "${RPS[$2]}" "${RPS[$3]}") | $(within "$2" "$3") |"; }
	row "one instance on PostgreSQL / nginx (JSON)" pg1-json nginx
	row "two instances behind nginx / nginx (JSON)" pg2-json nginx
	row "one instance: PostgreSQL / SQLite (JSON)" pg1-json sqlite-json
	row "two instances behind nginx / one direct (JSON)" pg2-json pg1-json
	row "two instances behind nginx / one direct (page)" pg2-html pg1-html
	row "one instance, $((2 * THREADS)) threads / $THREADS threads (JSON)" pg1t4-json pg1-json
	row "one instance behind nginx / direct (JSON)" lb1-json pg1-json
	row "two instances / one, both behind nginx (JSON)" pg2-json lb1-json
	if ((SEARCH)); then
		row "search: PostgreSQL / SQLite" pg1-search sqlite-search
	fi
	echo
	tot() { awk -v a="${KCPU[$1]}" -v b="${PCPU[$1]}" -v c="${LCPU[$1]}" 'BEGIN { printf "%.0f", a + b + c }'; }
	echo "Server-side CPU per JSON view (Komek + PostgreSQL + balancer): SQLite $(tot sqlite-json) µs;"
	echo "PostgreSQL, one instance $(tot pg1-json) µs, through nginx $(tot lb1-json) µs, two instances through"
	echo "nginx $(tot pg2-json) µs; nginx's static file ${KCPU[nginx]%.*} µs."
	echo
	echo "The statements of a JSON view on PostgreSQL (after the measures: pg_stat_statements on for"
	echo "5 s of pg1-json, $PROF_N views): $PROF_STMTS statements per view, with $PROF_EXEC µs of executor time"
	echo "per view, of the ${PROF_PG%.*} µs of CPU the cluster spent per view meanwhile. A bare round trip"
	echo "(pgbench, a prepared \`SELECT 1\`, 4 clients, 5 s): $RT_TPS/s, $RT_PG µs of the cluster's CPU and"
	echo "$RT_CLIENT µs of pgbench's per statement."
	echo
	echo "| statement | per view | executor µs each |"
	echo "| --- | ---: | ---: |"
	awk -F'\t' -v n="$PROF_N" '$1 / n >= 0.01 {
		q = $3; if (length(q) > 70) q = substr(q, 1, 67) "..."
		gsub(/\|/, "\\|", q)
		printf "| `%s` | %.2f | %.1f |\n", q, $1 / n, $2 * 1000 / $1 }' "$OUT/statements.tsv"
} >"$SUMMARY"
cat "$SUMMARY"

if ((UPDATE)); then
	B=$ROOT/BENCHMARKS.md
	BEGIN='<!-- bench/run-pg.sh: person views on PostgreSQL: begin -->'
	END='<!-- bench/run-pg.sh: person views on PostgreSQL: end -->'
	if [[ -f $B ]] && grep -qF "$BEGIN" "$B"; then
		awk -v b="$BEGIN" -v e="$END" -v f="$SUMMARY" '
			$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$B" >"$T/bench.md"
		cp "$T/bench.md" "$B"
	else
		{
			[[ -f $B ]] && cat "$B" && echo
			echo "## Person views on PostgreSQL, one and two instances"
			echo
			echo "$BEGIN"
			cat "$SUMMARY"
			echo "$END"
		} >"$T/bench.md"
		cp "$T/bench.md" "$B"
	fi
	log "BENCHMARKS.md updated"
fi
log "done in $((SECONDS - START)) s"
