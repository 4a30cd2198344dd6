#!/usr/bin/env bash
# scripts/attack.sh: sqlmap against every input of every route of a live Komek (not a test of
# make test; one of the long checks, see SECURITY.md). In one run on 127.0.0.1:
#   - builds komek (Release) in build-attack/, makes a fresh database with `komek demo`, and
#     serves it on a free loopback port;
#   - logs in once per role it needs (a web session cookie with its CSRF token, an API bearer
#     token) and reuses those sessions for the whole run;
#   - checks that the tooling finds an injection at all: sqlmap must report a deliberately
#     vulnerable loopback server (a few lines of Python over SQLite) as injectable;
#   - runs sqlmap once per input of the ROUTES table below (query parameters, path ids, form
#     fields with the session's _csrf, JSON members, cookies and headers), JOBS at a time;
#   - then checks the server's stderr log (no sanitizer report, crash, error line or 5xx
#     answer; every line well-formed, so that no request forged one, and free of control
#     characters), that the server still answers, stops cleanly on SIGTERM, and `komek check`.
# Fails (exit 1) if the ROUTES table and src/http/routes.c name different routes, if sqlmap
# reports any injectable input, if any run could not test its input, or if a check after the
# run fails. Prints a table: route, input, result.
#
#   scripts/attack.sh [--list]
#
# --list prints the runs (route, input, role) without running anything.
# Environment:
#   ATTACK_LEVEL (3), ATTACK_RISK (2)   sqlmap's --level and --risk
#   ATTACK_DBMS (SQLite)                sqlmap's --dbms: the generic payloads and those for
#                                       SQLite, Komek's database. Set empty for the payloads of
#                                       every DBMS sqlmap knows (about five times as many
#                                       requests), or PostgreSQL against such a deployment.
#   ATTACK_JOBS (2)                     sqlmap processes at once (each is one CPU-bound Python)
#   ATTACK_ONLY ("")                    an extended regex on "METHOD PATH INPUT": run a subset
#   ATTACK_BUILD (build-attack)         the build directory (results go under it too)
#   ATTACK_BUILD_TYPE (Release)         CMAKE_BUILD_TYPE of the server attacked
#   ATTACK_SANITIZE (0)                 1: attack a build with ASan+UBSan (clang, Debug),
#                                       made in ATTACK_BUILD/asan
#   ATTACK_REF ("")                     a commit (such as HEAD) to export and build in the
#                                       temporary directory instead of the work tree, so that
#                                       edits in progress are not what is attacked
#   ATTACK_KEEP (0)                     1: keep the temporary directory (database, fixtures)
# Results go to ATTACK_BUILD/attack/: summary.tsv, summary.md, figures.txt, the server's log
# (komek.log.gz) and one sqlmap log per run (sqlmap/).
# Installs what is missing (Debian 12): sqlmap, curl, jq, sqlite3, cmake and the build deps
# through scripts/install-deps.sh. Everything it starts listens on 127.0.0.1 and is stopped
# on exit.
#
# Two things sqlmap could not get past on its own, handled here:
#   - Login throttling: after 20 failed logins from 127.0.0.1 every login answers 429, so sqlmap
#     would test the throttle rather than the login. While sqlmap runs, the script empties the
#     login_failures table five times a second (the throttle itself is tested in
#     tests/http/test_auth.c). The login routes are attacked with the demo lawyer's account,
#     which no other run uses.
#   - One-time values: an edit carries the version it read, a new user needs a new login, and
#     an erased person cannot be erased again. For those runs sqlmap's --eval fetches the
#     person's current version, makes a new login, or registers a new person and puts its id
#     in the path, before every request (not when that value itself is the input under
#     test), so that every payload reaches the write and not just the check that refuses it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
LEVEL=${ATTACK_LEVEL:-3}
RISK=${ATTACK_RISK:-2}
DBMS=${ATTACK_DBMS-SQLite}
JOBS=${ATTACK_JOBS:-2}
ONLY=${ATTACK_ONLY:-}
SANITIZE=${ATTACK_SANITIZE:-0}
BUILD=${ATTACK_BUILD:-$ROOT/build-attack}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
BUILD_TYPE=${ATTACK_BUILD_TYPE:-Release}
OUT=$BUILD/attack
PASSWORD=komek-demo-2026
LIST=0
case "${1:-}" in
--list) LIST=1 ;;
"") ;;
*) echo "usage: scripts/attack.sh [--list]" >&2; exit 2 ;;
esac

# --- What is attacked -------------------------------------------------------------------------
# Bodies shared by several routes. Every member the server reads is present, with a valid
# value, so that the base request succeeds and each payload reaches the code behind the check.
PERSON_FORM='family_name=Karimov&given_name=Aziz&patronymic=Rustamovich&name_original=Karimov+Aziz&sex=male&birth_date=1988-04-12&citizenship=UZ&country_of_origin=UZ&legal_status=labour_immigrant&region=KZ-75&locality=Almaty&arrival_date=2023-09-01&phone=87011234567&lang_kk=basic&lang_ru=fluent&languages=uz&child_status=none&disability=1&categories=labour_migrant&documents[0].type=passport&documents[0].number=FA1234567&documents[0].country=UZ&documents[0].issued_on=2019-02-01&documents[0].expires_on=2029-02-01'
PERSON_JSON='"family_name":"Қасымова","given_name":"Айгүл","patronymic":"Серікқызы","name_original":"Касымова Айгуль","sex":"female","birth_date":"1991-06-30","citizenship":"CN","country_of_origin":"CN","categories":["kandas_candidate"],"legal_status":"kandas_applicant","region":"KZ-19","locality":"Қонаев","arrival_date":"2024-05-20","phone":"+7 701 555 12 34","lang_kk":"fluent","lang_ru":"basic","languages":["zh"],"child_status":"none","disability":false,"documents":[{"type":"passport","number":"E12345678","country":"CN","issued_on":"2018-03-01","expires_on":"2028-03-01"}]'

# One line per route of src/http/routes.c, in its order (and the API of static/openapi.json);
# a new route is one more line. Columns, separated by " | ":
#   METHOD | PATH | AS | BODY | INPUTS
#   PATH    the route's pattern with placeholders, and for a GET a query string with a valid
#           value for each query parameter the handler reads
#   AS      who sends it: anon (no session; the pre-login CSRF cookie), web:ROLE (that demo
#           user's session cookie), api:ROLE (their bearer token), web-own:ROLE / api-own:ROLE
#           (a session made for each run: the route ends it)
#   BODY    urlencoded form or JSON (sent as application/json), or -
#   INPUTS  one sqlmap run each: a query or body parameter, a path placeholder, cookie:NAME or
#           header:NAME; @ stands for every query and body parameter except _csrf; - means the
#           route reads no input (it is still requested once and must answer)
# Placeholders, filled for each run (made fresh for it where they name a record):
#   {csrf} the session's CSRF token; {person} a new person (registered through the API by the
#   worker), {version} its version; {household} a new household; {consent} a consent of
#   {person}; {assigned} the demo psychologist, assigned to {person}; {worker} the demo
#   psychologist's user id; {user} a new user; {fresh} a new login (a new one per request);
#   {victim} a new person for every request (the route leaves the record unusable); {list}
#   a reference list name.
ROUTES=$(
	cat <<EOF
GET    | /                                           | web:worker     | - | cookie:komek_session
GET    | /login                                      | anon           | - | cookie:komek_csrf cookie:lang header:Accept-Language
POST   | /login                                      | anon           | _csrf={csrf}&login=lawyer&password=$PASSWORD | @ _csrf cookie:komek_csrf
POST   | /logout                                     | web-own:worker | _csrf={csrf} | @ _csrf cookie:komek_session
POST   | /lang                                       | web:analyst    | _csrf={csrf}&to=en&back=/persons | @ _csrf
GET    | /static/app.css                             | anon           | - | -
GET    | /persons?q=karimov&category=labour_migrant&region=KZ-75&sex=male&age_min=18&age_max=60&page=1 | web:worker | - | @ cookie:komek_session
POST   | /persons                                    | web:worker     | _csrf={csrf}&$PERSON_FORM&household_relation=child&family_of={person} | @
GET    | /persons/new?family_of={person}             | web:worker     | - | @
GET    | /persons/{person}                           | web:worker     | - | {person}
POST   | /persons/{person}                           | web:worker     | _csrf={csrf}&version={version}&$PERSON_FORM | @ {person}
GET    | /persons/{person}/edit                      | web:worker     | - | {person}
GET    | /persons/{person}/history                   | web:worker     | - | {person}
GET    | /persons/{person}/disclosures               | web:supervisor | - | {person}
POST   | /persons/{person}/workers                   | web:supervisor | _csrf={csrf}&user_id={worker} | @ {person}
POST   | /persons/{person}/workers/{assigned}/remove | web:supervisor | _csrf={csrf} | {person} {assigned}
POST   | /persons/{person}/consents                  | web:worker     | _csrf={csrf}&purpose=service_provision&given_on=2025-01-15 | @ {person}
POST   | /persons/{person}/consents/{consent}/withdraw | web:worker   | _csrf={csrf} | {person} {consent}
POST   | /persons/{victim}/erase                     | web:supervisor | _csrf={csrf}&reason=person_request&confirm=1 | @ {victim}
GET    | /audit?action=login&login=admin&from=2025-01-01&to=2025-12-31&page=1 | web:admin | - | @
GET    | /users                                      | web:admin      | - | -
POST   | /users                                      | web:admin      | _csrf={csrf}&login={fresh}&full_name=Gulnara+Seitova&role=social_worker&password=correct-horse-42 | @
GET    | /users/{user}                               | web:admin      | - | {user}
POST   | /users/{user}                               | web:admin      | _csrf={csrf}&full_name=Gulnara+Seitova&role=lawyer&active=1&password=correct-horse-43 | @ {user}
POST   | /api/v1/session                             | anon           | {"login":"lawyer","password":"$PASSWORD"} | @
DELETE | /api/v1/session                             | api-own:worker | - | header:Authorization
GET    | /api/v1/persons?q=karimov&category=labour_migrant&region=KZ-75&sex=male&age_min=18&age_max=60&household_id={household}&limit=20&offset=0 | api:worker | - | @ header:Authorization header:Accept-Language
POST   | /api/v1/persons                             | api:worker     | {$PERSON_JSON,"household_id":{household},"household_relation":"spouse"} | @
GET    | /api/v1/persons/{person}                    | api:worker     | - | {person}
PATCH  | /api/v1/persons/{person}                    | api:worker     | {"version":{version},$PERSON_JSON,"household_id":{household},"household_relation":"head"} | @ {person}
POST   | /api/v1/households                          | api:worker     | - | -
GET    | /api/v1/households/{household}              | api:worker     | - | {household}
GET    | /api/v1/reference                           | api:worker     | - | header:Accept-Language
GET    | /api/v1/reference/{list}                    | api:worker     | - | {list}
GET    | /api/v1/openapi.json                        | anon           | - | -
EOF
)

trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; s=${s%"${s##*[![:space:]]}"}; printf '%s' "$s"; }
is_json() { [[ $1 == '{'* ]]; }

# Every query and body parameter of a row (not _csrf), in order.
params_of() { # path body
	local path=$1 body=$2 q='' kv
	[[ $path == *\?* ]] && q=${path#*\?}
	if [[ -n $q ]]; then
		local IFS='&'
		for kv in $q; do echo "${kv%%=*}"; done
	fi
	if [[ $body == - ]]; then
		return
	elif is_json "$body"; then
		# The JSON members holding a value, by path (documents[0].number; an array of
		# strings by its name); placeholders such as {version} are not JSON: 1 to parse.
		sed 's/{[a-z]*}/1/g' <<<"$body" |
			jq -r 'paths(type != "object" and type != "array") |
				map(if type == "number" then "[\(.)]" else ".\(.)" end) | join("") |
				ltrimstr(".") | sub("\\[[0-9]+\\]$"; "")' |
			awk '!seen[$0]++'
	else
		local IFS='&'
		for kv in $body; do [[ ${kv%%=*} == _csrf ]] || echo "${kv%%=*}"; done
	fi
}

# The runs: "row-number<TAB>input" for each input of each row.
RUNS=()
ROWS=()
while IFS= read -r line; do
	[[ -z $(trim "$line") ]] && continue
	ROWS+=("$line")
done <<<"$ROUTES"
for i in "${!ROWS[@]}"; do
	IFS='|' read -r m p as body inputs <<<"${ROWS[$i]}"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body"); inputs=$(trim "$inputs")
	list=()
	for x in $inputs; do
		if [[ $x == @ ]]; then
			while IFS= read -r y; do [[ -n $y ]] && list+=("$y"); done < <(params_of "$p" "$body")
		elif [[ $x != - ]]; then
			list+=("$x")
		fi
	done
	((${#list[@]})) || list=(-)
	for x in "${list[@]}"; do
		if [[ -n $ONLY ]] && ! [[ "$m ${p%%\?*} $x" =~ $ONLY ]]; then continue; fi
		RUNS+=("$i"$'\t'"$x")
	done
done
if ((LIST)); then
	for r in "${RUNS[@]}"; do
		i=${r%%$'\t'*}
		IFS='|' read -r m p as _ <<<"${ROWS[$i]}"
		printf '%-7s %-48s %-26s %s\n' "$(trim "$m")" "$(trim "${p%%\?*}")" "${r#*$'\t'}" "$(trim "$as")"
	done
	echo "${#RUNS[@]} runs" >&2
	exit 0
fi
((${#RUNS[@]})) || { echo "attack: ATTACK_ONLY=$ONLY selects nothing" >&2; exit 2; }

# --- Setup ------------------------------------------------------------------------------------
T=$(mktemp -d /tmp/komek-attack.XXXXXX)
PIDS=()
START=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

kill_tree() { # pid: the process and its children (sqlmap runs in a subshell)
	local c
	for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do kill_tree "$c"; done
	kill -TERM "$1" 2>/dev/null || true
}
cleanup() {
	local p
	for p in $(jobs -p) "${PIDS[@]}"; do kill_tree "$p"; done
	for p in $(jobs -p) "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
	if [[ ${ATTACK_KEEP:-0} == 1 ]]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_missing=()
command -v sqlmap >/dev/null || apt_missing+=(sqlmap)
command -v curl >/dev/null || apt_missing+=(curl)
command -v jq >/dev/null || apt_missing+=(jq)
command -v sqlite3 >/dev/null || apt_missing+=(sqlite3)
command -v ps >/dev/null || apt_missing+=(procps)
if ((${#apt_missing[@]})); then
	log "installing ${apt_missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${apt_missing[@]}" >/dev/null
fi
"$ROOT/scripts/install-deps.sh" >&2 # the compilers and libraries (nothing if all are there)
SQLMAP_VERSION=$(sqlmap --version 2>/dev/null | head -1 | sed 's/#.*//')

# The work tree by default; with ATTACK_REF=COMMIT that commit, exported and built in the
# temporary directory.
SRC=$ROOT
KBUILD=$BUILD
((SANITIZE)) && KBUILD=$BUILD/asan
if [[ -n ${ATTACK_REF:-} ]]; then
	SRC=$T/src
	KBUILD=$T/build
	mkdir -p "$SRC"
	git -C "$ROOT" archive "$ATTACK_REF" | tar -x -C "$SRC"
	COMMIT=$(git -C "$ROOT" rev-parse --short "$ATTACK_REF")
	DIRTY=0
else
	COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src CMakeLists.txt 2>/dev/null | wc -l)
fi
if ((SANITIZE)); then
	BUILD_WHAT="ASan+UBSan build (clang, Debug)"
	log "building komek, $BUILD_WHAT, from $SRC in $KBUILD"
	cmake -S "$SRC" -B "$KBUILD" -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
		-DKOMEK_SANITIZE=ON >"$T/build.log" 2>&1 || { tail -30 "$T/build.log" >&2; exit 1; }
else
	BUILD_WHAT="$BUILD_TYPE build"
	log "building komek, $BUILD_WHAT, from $SRC in $KBUILD"
	cmake -S "$SRC" -B "$KBUILD" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" >"$T/build.log" 2>&1 ||
		{ tail -30 "$T/build.log" >&2; exit 1; }
fi
cmake --build "$KBUILD" -j2 --target komek >>"$T/build.log" 2>&1 || { tail -30 "$T/build.log" >&2; exit 1; }

# The table and routes.c must name the same routes (placeholders aside): a route added to
# routes.c and not here fails the run.
grep -oE '^[[:space:]]*\{ "[A-Z]+", "/[^"]*"' "$SRC/src/http/routes.c" |
	sed -E 's/^[[:space:]]*\{ "([A-Z]+)", "([^"]*)"/\1 \2/; s/\{[a-z]+\}/{}/g' | sort >"$T/routes.c.txt"
for r in "${ROWS[@]}"; do
	IFS='|' read -r m p _ <<<"$r"
	echo "$(trim "$m") $(trim "${p%%\?*}")"
done | sed -E 's/\{[a-z]+\}/{}/g' | sort >"$T/routes.table.txt"
if ! cmp -s "$T/routes.c.txt" "$T/routes.table.txt"; then
	echo "attack: the ROUTES table and src/http/routes.c differ (< routes.c only, > table only):" >&2
	diff "$T/routes.c.txt" "$T/routes.table.txt" | grep '^[<>]' >&2 || true
	exit 1
fi

DB=$T/komek.db
"$KBUILD/komek" --db "$DB" demo >"$T/demo.log" 2>&1 || { cat "$T/demo.log" >&2; exit 1; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick_port() {
	local p
	for p in "$@"; do
		if port_free "$p"; then echo "$p"; return; fi
	done
	echo "attack: no free port among $*" >&2
	exit 1
}
wait_port() { # port pid
	local i
	for i in $(seq 100); do
		if ! port_free "$1"; then return 0; fi
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
KOMEK_PORT=$(pick_port 18380 28380 38380 48380)
CONTROL_PORT=$(pick_port 18381 28381 38381 48381)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$KBUILD/komek" --db "$DB" serve --listen "127.0.0.1:$KOMEK_PORT" >"$T/komek.log" 2>&1 &
KOMEK_PID=$!
PIDS+=("$KOMEK_PID")
wait_port "$KOMEK_PORT" "$KOMEK_PID" || { cat "$T/komek.log" >&2; exit 1; }
K=http://127.0.0.1:$KOMEK_PORT

# --- Sessions (once per role; reused by every run) --------------------------------------------
hidden_csrf() { grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
web_login() { # role -> "SESSION CSRF"
	local jar=$T/jar.$1.$RANDOM csrf session
	curl -sf -c "$jar" -b "$jar" "$K/login" -o "$jar.html"
	csrf=$(hidden_csrf <"$jar.html")
	curl -sf -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
		--data-urlencode "login=$1" --data-urlencode "password=$PASSWORD" "$K/login"
	session=$(awk '$6 == "komek_session" { print $7 }' "$jar")
	[[ -n $session ]] || { echo "attack: web login as $1 failed" >&2; return 1; }
	# The session's own CSRF token, from the hidden field of any page's forms.
	csrf=$(curl -sfL -b "komek_session=$session" "$K/" | hidden_csrf)
	[[ -n $csrf ]] || { echo "attack: no CSRF token in $1's page" >&2; return 1; }
	echo "$session $csrf"
}
api_login() { # role -> token
	local tok
	tok=$(curl -sf -X POST -H 'Content-Type: application/json' \
		-d "{\"login\":\"$1\",\"password\":\"$PASSWORD\"}" "$K/api/v1/session" | jq -r .token)
	[[ -n $tok && $tok != null ]] || { echo "attack: API login as $1 failed" >&2; return 1; }
	echo "$tok"
}
declare -A SESSION CSRF TOKEN
for r in "${ROWS[@]}"; do
	IFS='|' read -r _ _ as _ <<<"$r"
	as=$(trim "$as")
	case $as in
	web:*) [[ -n ${SESSION[${as#web:}]:-} ]] || read -r "SESSION[${as#web:}]" "CSRF[${as#web:}]" < <(web_login "${as#web:}") ;;
	esac
done
for r in "${ROWS[@]}"; do
	IFS='|' read -r _ _ as _ <<<"$r"
	as=$(trim "$as")
	case $as in api:*) [[ -n ${TOKEN[${as#api:}]:-} ]] || TOKEN[${as#api:}]=$(api_login "${as#api:}") ;; esac
done
[[ -n ${TOKEN[worker]:-} ]] || TOKEN[worker]=$(api_login worker)
ANON_JAR=$T/jar.anon
curl -sf -c "$ANON_JAR" "$K/login" -o "$T/login.html"
ANON_CSRF=$(hidden_csrf <"$T/login.html")
[[ -n $ANON_CSRF ]] || { echo "attack: no pre-login CSRF token" >&2; exit 1; }
for r in "${!SESSION[@]}"; do [[ -n ${SESSION[$r]} ]] || { echo "attack: no session for $r" >&2; exit 1; }; done
uid() { sqlite3 "$DB" "SELECT id FROM users WHERE login = '$1'"; }
PSYCHOLOGIST_ID=$(uid psychologist)
log "server on $K; sessions for ${!SESSION[*]}, API token for worker"

# Helpers for the --eval of sqlmap (see the top of this file).
cat >"$T/komek_eval.py" <<EOF
import json, urllib.request, uuid
def version(pid):
    r = urllib.request.Request("$K/api/v1/persons/%d" % pid,
                               headers={"Authorization": "Bearer ${TOKEN[worker]}"})
    with urllib.request.urlopen(r, timeout=30) as f:
        return json.load(f)["version"]
def fresh():
    return "sq" + uuid.uuid4().hex[:16]
def fresh_person(uri, old):
    body = json.dumps({"family_name": "Жұмабаева", "given_name": "Ләззат", "sex": "female",
                       "birth_date": "1979-11-02", "citizenship": "CN", "region": "KZ-10"}).encode()
    r = urllib.request.Request("$K/api/v1/persons", data=body, method="POST",
                               headers={"Authorization": "Bearer ${TOKEN[worker]}",
                                        "Content-Type": "application/json"})
    with urllib.request.urlopen(r, timeout=30) as f:
        new = json.load(f)["id"]
    return uri.replace("/persons/%d/" % old, "/persons/%d/" % new, 1)
EOF

# --- Fixtures: fresh records for a run ----------------------------------------------------------
api() { # method path [json] -> body
	local a=(-sf -X "$1" -H "Authorization: Bearer ${TOKEN[worker]}")
	[[ -n ${3:-} ]] && a+=(-H 'Content-Type: application/json' -d "$3")
	curl "${a[@]}" "$K$2"
}
web_post() { # role path body
	local code
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=${SESSION[$1]}" \
		--data "_csrf=${CSRF[$1]}&$3" "$K$2")
	[[ $code == 303 ]] || { echo "attack: fixture POST $2 as $1 answered $code" >&2; return 1; }
}
new_person() {
	api POST /api/v1/persons '{"family_name":"Омаров","given_name":"Бекзат","sex":"male","birth_date":"1985-01-20","citizenship":"MN","categories":["kandas"],"region":"KZ-63"}' | jq -r .id
}
new_user() { # login -> id
	web_post admin /users "login=$1&full_name=Fixture+User&role=psychologist&password=fixture-password-1" &&
		uid "$1"
}
# Fills the placeholders of $1 with the values in the associative array V.
declare -A V
fill() {
	local s=$1 k
	for k in "${!V[@]}"; do s=${s//\{$k\}/${V[$k]}}; done
	printf '%s' "$s"
}
fixtures() { # text run-id: sets V for every placeholder the text names
	local s=$1
	V=([list]=countries [worker]=$PSYCHOLOGIST_ID [fresh]="sq$2x$RANDOM")
	if [[ $s =~ \{(person|version|consent|assigned)\} ]]; then
		V[person]=$(new_person)
		V[version]=1
	fi
	if [[ $s == *'{victim}'* ]]; then V[victim]=$(new_person); fi
	if [[ $s == *'{household}'* ]]; then V[household]=$(api POST /api/v1/households | jq -r .id); fi
	if [[ $s == *'{consent}'* ]]; then
		web_post worker "/persons/${V[person]}/consents" "purpose=service_provision&given_on=2025-02-01"
		V[consent]=$(sqlite3 "$DB" "SELECT max(id) FROM consents WHERE person_id = ${V[person]}")
	fi
	if [[ $s == *'{assigned}'* ]]; then
		web_post supervisor "/persons/${V[person]}/workers" "user_id=$PSYCHOLOGIST_ID"
		V[assigned]=$PSYCHOLOGIST_ID
	fi
	if [[ $s == *'{user}'* ]]; then V[user]=$(new_user "sqfix$2x$RANDOM"); fi
	local k
	for k in "${!V[@]}"; do
		[[ -n ${V[$k]} && ${V[$k]} != null ]] || { echo "attack: fixture {$k} failed" >&2; return 1; }
	done
}

# The credentials of AS: sets CRED_COOKIE, CRED_AUTH, V[csrf].
credentials() { # as
	local as=$1 s c
	CRED_COOKIE='' CRED_AUTH=''
	case $as in
	anon) CRED_COOKIE="komek_csrf=$ANON_CSRF; lang=en"; V[csrf]=$ANON_CSRF ;;
	web:*) CRED_COOKIE="komek_session=${SESSION[${as#web:}]}"; V[csrf]=${CSRF[${as#web:}]} ;;
	web-own:*) read -r s c < <(web_login "${as#web-own:}"); CRED_COOKIE="komek_session=$s"; V[csrf]=$c ;;
	api:*) CRED_AUTH="Bearer ${TOKEN[${as#api:}]}" ;;
	api-own:*) CRED_AUTH="Bearer $(api_login "${as#api-own:}")" ;;
	esac
	[[ -n $CRED_COOKIE || -n $CRED_AUTH ]]
}

# Appends the marker * to the value of parameter NAME in an a=1&b=2 string.
mark_kv() { # string name
	local IFS='&' kv out='' done=0
	for kv in $1; do
		if ((!done)) && [[ ${kv%%=*} == "$2" ]]; then kv+='*'; done=1; fi
		out+=${out:+&}$kv
	done
	((done)) && printf '%s' "$out"
}
# Appends the marker to the value of member NAME of a JSON text (in a string value, before its
# closing quote; in an array, to its first element).
mark_json() { # json name (a path such as documents[0].number names its last member)
	local name=${2##*.}
	NAME=${name%%\[*} perl -0pe '
		my $n = quotemeta $ENV{NAME};
		s/("$n"\s*:\s*"(?:[^"\\]|\\.)*)"/$1*"/ and $::ok = 1 or
		s/("$n"\s*:\s*(?:-?\d+(?:\.\d+)?|true|false|null|\{[a-z]+\}))/$1*/ and $::ok = 1 or
		s/("$n"\s*:\s*\[\s*"(?:[^"\\]|\\.)*)"/$1*"/ and $::ok = 1;
		END { exit($::ok ? 0 : 1) }' <<<"$1"
}

# --- The runs ---------------------------------------------------------------------------------
mkdir -p "$OUT/sqlmap" "$T/results"
rm -f "$OUT"/sqlmap/*.log
# --ignore-code 401: a wrong password or token is an answer to compare, not a reason to stop.
# --param-exclude: only the input marked with * is tested (sqlmap would otherwise also test
# every form field beside a marked path id or cookie); marked inputs are named "#1*".
SQLMAP=(sqlmap --batch --disable-coloring --flush-session --level "$LEVEL" --risk "$RISK"
	--drop-set-cookie --ignore-code 401 --param-exclude '^[^#]*$' --timeout 30 --retries 2)
[[ -n $DBMS ]] && SQLMAP+=(--dbms "$DBMS")

verdict() { # sqlmap log -> INJECTABLE | not injectable | ERROR
	if grep -qE "sqlmap identified the following injection point|parameter '.*' is vulnerable" "$1"; then
		echo INJECTABLE
	elif grep -qE "does not seem to be injectable|all tested parameters do not appear to be injectable" "$1"; then
		echo "not injectable"
	else
		echo ERROR
	fi
}

run_one() { # number row input
	local n=$1 row=${ROWS[$2]} input=$3 m p as body inputs t0=$SECONDS
	IFS='|' read -r m p as body inputs <<<"$row"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body")
	local route="$m ${p%%\?*}" name slog result note=
	if [[ $input == - ]]; then
		printf '%s\t-\t%s\trequested\t0\tanswered %s\n' "$route" "$as" "${BASE_CODE[$2]}" >"$T/results/$n"
		return
	fi
	name=$(printf '%03d-%s-%s' "$n" "$(tr -c 'a-zA-Z0-9' '_' <<<"${route#* }")" "$(tr -c 'a-zA-Z0-9' '_' <<<"$input")")
	name=${name%_}
	slog=$OUT/sqlmap/$name.log
	{
		fixtures "$p $body" "$n" && credentials "$as"
	} 2>"$slog" || { printf '%s\t%s\t%s\tERROR\t%s\tfixtures failed\n' "$route" "$input" "$as" $((SECONDS - t0)) >"$T/results/$n"; return; }
	local url=$p data=$body cookie=$CRED_COOKIE auth=$CRED_AUTH lang='' evals=() ok=1 q
	case $input in
	'{'*'}') url=${url//"$input"/"$input*"} ;;
	cookie:*) [[ $cookie == *"${input#cookie:}="* ]] || cookie+="; ${input#cookie:}=en"
		cookie=$(sed -E "s/(^|; )(${input#cookie:}=[^;]*)/\\1\\2*/" <<<"$cookie") ;;
	header:Authorization) auth+='*' ;;
	header:Accept-Language) lang='kk,ru;q=0.8,en;q=0.5*' ;;
	*)
		if [[ $url == *\?* ]] && q=$(mark_kv "${url#*\?}" "$input"); then
			url="${url%%\?*}?$q"
		elif is_json "$data"; then
			data=$(mark_json "$data" "$input") || ok=0
		else
			data=$(mark_kv "$data" "$input") || ok=0
		fi ;;
	esac
	if ((!ok)); then
		printf '%s\t%s\t%s\tERROR\t0\tno such parameter\n' "$route" "$input" "$as" >"$T/results/$n"
		return
	fi
	# One-time values refreshed before every request (not the input under test).
	if [[ $input != version && ($data == *'version={version}'* || $data == *'"version":{version}'*) ]]; then
		evals+=("version=komek_eval.version(${V[person]})")
	fi
	if [[ $input != login && $data == *'login={fresh}'* ]]; then evals+=("login=komek_eval.fresh()"); fi
	if [[ $input != '{victim}' && $url == *'{victim}'* ]]; then
		evals+=("uri=komek_eval.fresh_person(uri, ${V[victim]})")
	fi
	url=$(fill "$K$url")
	# A GET that redirects is followed; a write's redirect is its answer (the page it leads to
	# changes with every write, which only adds noise to sqlmap's comparisons).
	local follow=N
	[[ $m == GET ]] && follow=Y
	local args=("${SQLMAP[@]}" --answers "follow=$follow,resend=N" --output-dir "$T/sqlmap.$n"
		-u "$url" --method "$m")
	[[ $data != - ]] && args+=(--data "$(fill "$data")")
	is_json "$data" && args+=(-H "Content-Type: application/json")
	[[ -n $cookie ]] && args+=(--cookie "$cookie")
	[[ -n $auth ]] && args+=(-H "Authorization: $auth")
	[[ -n $lang ]] && args+=(-H "Accept-Language: $lang")
	((${#evals[@]})) && args+=(--eval "import komek_eval; $(IFS=';'; echo "${evals[*]}")")
	{
		printf '# %s, input %s, as %s\n# sqlmap' "$route" "$input" "$as"
		printf ' %q' "${args[@]}"
		printf '\n'
	} >>"$slog"
	PYTHONPATH=$T TERM=dumb "${args[@]}" </dev/null >>"$slog" 2>&1 || note="sqlmap exit $?"
	result=$(verdict "$slog")
	[[ $result == ERROR && -z $note ]] && note="no verdict; see $slog"
	[[ $result == INJECTABLE ]] && note=$(grep -m1 -E "^Parameter: |Type: " "$slog" | head -1)
	rm -rf "$T/sqlmap.$n"
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$route" "$input" "$as" "$result" $((SECONDS - t0)) "$note" >"$T/results/$n"
}

# The base request of every row, once, without sqlmap: it must succeed (2xx or 3xx), or the
# row is wrong (a role that may not, a missing field) and its runs would test an error page.
base_check() { # row
	local m p as body inputs code
	IFS='|' read -r m p as body inputs <<<"${ROWS[$1]}"
	m=$(trim "$m"); p=$(trim "$p"); as=$(trim "$as"); body=$(trim "$body")
	fixtures "$p $body" "b$1" && credentials "$as" || return 1
	local a=(-s -o "$T/base.$1" -w '%{http_code}' -X "$m")
	[[ $body != - ]] && a+=(--data "$(fill "$body")")
	is_json "$body" && a+=(-H "Content-Type: application/json")
	[[ -n $CRED_COOKIE ]] && a+=(-b "$CRED_COOKIE")
	[[ -n $CRED_AUTH ]] && a+=(-H "Authorization: $CRED_AUTH")
	code=$(curl "${a[@]}" "$(fill "$K$p")")
	BASE_CODE[$1]=$code
	[[ $code =~ ^[23] ]] || { echo "attack: $m $p as $as answered $code" >&2; head -c 300 "$T/base.$1" >&2; echo >&2; return 1; }
}
declare -A BASE_CODE
declare -A SEEN
for r in "${RUNS[@]}"; do
	i=${r%%$'\t'*}
	[[ -n ${SEEN[$i]:-} ]] && continue
	SEEN[$i]=1
	base_check "$i" || exit 1
done
log "every route answers its base request"
# Two requests whose paths carry an encoded line feed and an escape sequence: the log must
# not take them as two lines or as terminal control (checked after the run, with the rest).
curl -s -o /dev/null "$K/persons/1%0aGET%20/forged-by-attack-sh%20200%200%200.1ms" || true
curl -s -o /dev/null "$K/static/x%1b%5b31mred%1b%5b0m" || true

# The control: sqlmap must find the flaw of a deliberately vulnerable server.
cat >"$T/vulnerable.py" <<'EOF'
# A deliberately injectable server for the control run: GET /?name=... pastes name into SQL.
import http.server, sqlite3, sys, urllib.parse
db = sqlite3.connect(":memory:", check_same_thread=False)
db.execute("CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
db.executemany("INSERT INTO people (name) VALUES (?)", [("Aigul",), ("Bolat",), ("Chen",)])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        name = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query).get("name", [""])[0]
        try:
            rows = db.execute("SELECT id, name FROM people WHERE name = '%s'" % name).fetchall()
            code, body = 200, "".join("<li>%s %s</li>" % r for r in rows)
        except Exception:
            code, body = 500, "error"
        data = ("<html><body><ul>%s</ul></body></html>" % body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
EOF
/usr/bin/python3 "$T/vulnerable.py" "$CONTROL_PORT" &
CONTROL_PID=$!
PIDS+=("$CONTROL_PID")
wait_port "$CONTROL_PORT" "$CONTROL_PID" || { echo "attack: the control server did not start" >&2; exit 1; }
log "control: sqlmap against a deliberately injectable server"
TERM=dumb "${SQLMAP[@]}" --answers "follow=N" --output-dir "$T/sqlmap.control" -u "http://127.0.0.1:$CONTROL_PORT/?name=Bolat" \
	-p name --technique BEU </dev/null >"$OUT/sqlmap/000-control.log" 2>&1 || true
CONTROL=$(verdict "$OUT/sqlmap/000-control.log")
kill "$CONTROL_PID" 2>/dev/null || true
if [[ $CONTROL != INJECTABLE ]]; then
	echo "attack: sqlmap did not find the control server's injection ($CONTROL): the tooling is broken; see $OUT/sqlmap/000-control.log" >&2
	exit 1
fi
log "control: found, as it must be"

# The throttle would lock the login routes after 20 failures (see the top of this file).
(while :; do
	sqlite3 -cmd '.timeout 5000' "$DB" 'DELETE FROM login_failures' >/dev/null 2>&1 || true
	sleep 0.2
done) &

THROTTLE_PID=$!
PIDS+=("$THROTTLE_PID")

log "${#RUNS[@]} sqlmap runs, $JOBS at a time (level $LEVEL, risk $RISK${DBMS:+, dbms $DBMS})"
ATTACK_T0=$SECONDS
declare -A RUNNING
running() { # how many runs are still going
	local p c=0
	for p in $(jobs -rp); do [[ -n ${RUNNING[$p]:-} ]] && c=$((c + 1)); done
	echo "$c"
}
n=0
for r in "${RUNS[@]}"; do
	n=$((n + 1))
	while (($(running) >= JOBS)); do sleep 0.5; done
	run_one "$n" "${r%%$'\t'*}" "${r#*$'\t'}" &
	RUNNING[$!]=1
	if ((n % 10 == 0)); then log "started $n of ${#RUNS[@]}"; fi
done
for p in "${!RUNNING[@]}"; do wait "$p" || true; done
ATTACK_SECS=$((SECONDS - ATTACK_T0))
kill "$THROTTLE_PID" 2>/dev/null || true
log "sqlmap done in ${ATTACK_SECS} s"

# --- After the run: the server -------------------------------------------------------------------
CHECKS=()
fail_check() { CHECKS+=("FAILED: $*"); }
if kill -0 "$KOMEK_PID" 2>/dev/null; then
	person=$(new_person || true)
	c1=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN[worker]}" "$K/api/v1/persons/${person:-0}")
	c2=$(curl -s -o /dev/null -w '%{http_code}' -b "komek_session=${SESSION[worker]}" "$K/persons/${person:-0}")
	c3=$(curl -s -o /dev/null -w '%{http_code}' "$K/login")
	if [[ $c1 == 200 && $c2 == 200 && $c3 == 200 ]]; then
		CHECKS+=("server still answering: API 200, page 200, login 200")
	else
		fail_check "server answers API $c1, page $c2, login $c3 after the run"
	fi
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
# Access-log lines end with: STATUS BYTES TIME.
read -r NREQ N2 N3 N4 N5 < <(awk 'NF >= 4 && $(NF - 2) ~ /^[1-5][0-9][0-9]$/ {
	n++; c[substr($(NF - 2), 1, 1)]++ } END { print n + 0, c[2] + 0, c[3] + 0, c[4] + 0, c[5] + 0 }' "$LOGF")
((N5 == 0)) && CHECKS+=("no 5xx answer among $NREQ requests") || fail_check "$N5 answers 5xx (see komek.log.gz)"
NERR=$(grep -cE '^[0-9T:-]+Z (error|crit|fatal)' "$LOGF" || true)
((NERR == 0)) && CHECKS+=("no error line in the server's log") || fail_check "$NERR error lines in the server's log"
# Every line is an access-log line (METHOD PATH STATUS BYTES TIMEms), an operator line
# (TIMESTAMP LEVEL ...) or the start line; and none carries a control character.
NODD=$(grep -vcE '^[A-Z]+ /.* [1-5][0-9][0-9] [0-9]+ [0-9.]+ms$|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z [a-z]+ |^listening on ' "$LOGF" || true)
NCTL=$(LC_ALL=C grep -c $'[\x01-\x08\x0b-\x1f\x7f]' "$LOGF" || true)
if ((NODD + NCTL == 0)); then
	CHECKS+=("every log line well-formed, no control characters")
else
	fail_check "$NODD log lines not in the log's formats and $NCTL with control characters (a request can forge or colour log lines; first: $(
		LC_ALL=C grep -vE '^[A-Z]+ /.* [1-5][0-9][0-9] [0-9]+ [0-9.]+ms$|^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z [a-z]+ |^listening on ' "$LOGF" | head -1 | cat -v))"
fi
gzip -c "$LOGF" >"$OUT/komek.log.gz"

# --- Report -----------------------------------------------------------------------------------
TSV=$OUT/summary.tsv
printf 'route\tinput\tas\tresult\tseconds\tnote\n' >"$TSV"
for n in $(seq "${#RUNS[@]}"); do
	if [[ -f $T/results/$n ]]; then cat "$T/results/$n"; else
		r=${RUNS[$((n - 1))]}
		IFS='|' read -r m p as _ <<<"${ROWS[${r%%$'\t'*}]}"
		printf '%s %s\t%s\t%s\tERROR\t0\tdid not finish\n' "$(trim "$m")" "$(trim "${p%%\?*}")" "${r#*$'\t'}" "$(trim "$as")"
	fi
done >>"$TSV"
NRUN=${#RUNS[@]}
NINJ=$(awk -F'\t' 'NR > 1 && $4 == "INJECTABLE"' "$TSV" | wc -l)
NERRRUN=$(awk -F'\t' 'NR > 1 && $4 == "ERROR"' "$TSV" | wc -l)
NNOIN=$(awk -F'\t' 'NR > 1 && $2 == "-"' "$TSV" | wc -l)
NTESTED=$((NRUN - NNOIN))
NROUTES=$(cut -f1 "$TSV" | tail -n +2 | sort -u | wc -l)
TOTAL=$((SECONDS - START))
printf '\n%-52s %-26s %-15s %-16s %6s\n' route input as result time
awk -F'\t' 'NR > 1 { printf "%-52s %-26s %-15s %-16s %5ss %s\n", $1, $2, $3, $4, $5, $6 }' "$TSV"
echo
SUMMARY=$OUT/summary.md
{
	echo "sqlmap $SQLMAP_VERSION, \`--level $LEVEL --risk $RISK\`${DBMS:+ \`--dbms $DBMS\`}, $JOBS runs at a time;"
	echo "Komek commit $COMMIT$( ((DIRTY)) && echo " with $DIRTY uncommitted change(s) under src/"), $BUILD_WHAT."
	[[ -n $ONLY ]] && echo "**Subset only**: ATTACK_ONLY='$ONLY'."
	echo "$NROUTES routes, $NTESTED inputs attacked ($NNOIN of the routes read no input and were only requested):"
	echo "**$NINJ injectable**, $NERRRUN not tested (errors); $NREQ requests answered"
	echo "($N2 2xx, $N3 3xx, $N4 4xx, $N5 5xx) in $((ATTACK_SECS / 60)) min $((ATTACK_SECS % 60)) s of sqlmap, $((TOTAL / 60)) min in all."
	echo "Control (a deliberately injectable server): $CONTROL. After the run: $(printf '%s; ' "${CHECKS[@]}" | sed 's/; $/./')"
} >"$SUMMARY"
{
	echo "runs=$NRUN"
	echo "routes=$NROUTES"
	echo "inputs=$NTESTED"
	echo "injectable=$NINJ"
	echo "errors=$NERRRUN"
	echo "requests=$NREQ"
	echo "status_5xx=$N5"
	echo "seconds=$TOTAL"
	echo "sqlmap_seconds=$ATTACK_SECS"
	echo "level=$LEVEL"
	echo "risk=$RISK"
	echo "subset=$ONLY"
	echo "failed_checks=$(printf '%s\n' "${CHECKS[@]}" | sed -n 's/^FAILED: //p' | sed 's/ (.*//' | paste -sd';' - | sed 's/;/; /g')"
} >"$OUT/figures.txt"
cat "$SUMMARY"
awk -F'\t' 'NR > 1 && ($4 != "not injectable") && $2 != "-" { print "attack: " $4 ": " $1 " " $2 " (" $6 ")" }' "$TSV" >&2
FAILED=0
((NINJ + NERRRUN)) && FAILED=1
for c in "${CHECKS[@]}"; do [[ $c == FAILED:* ]] && { echo "attack: $c" >&2; FAILED=1; }; done
((FAILED)) && { log "FAILED (results in $OUT)"; exit 1; }
log "passed (results in $OUT)"
