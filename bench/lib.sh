# bench/lib.sh: what the benchmark scripts share (sourced, not run). Each script sets ROOT
# (the repository) and calls, in order:
#   bench_init NAME            a temporary directory $T (removed on exit unless BENCH_KEEP=1),
#                              START and log
#   bench_need_sqlite3         installs the sqlite3 shell from Debian if it is missing
#   bench_build                builds komek (Release) and the tools of bench/build_gen.sh from
#                              the work tree, or from BENCH_REF exported into $T; sets SRC,
#                              BUILD (BENCH_BUILD or build-bench), COMMIT, DIRTY and TREE
#   bench_login URL LOGIN      prints the API token of a demo login (password komek-demo-2026),
#                              or exits
#   bench_update BEGIN END SUMMARY HEADING_FILE
#                              puts SUMMARY between the markers BEGIN and END of
#                              BENCHMARKS.md, or, the first time, appends HEADING_FILE (the
#                              section's heading and text) and the markers around SUMMARY

bench_init() { # NAME
	T=$(mktemp -d "/tmp/komek-$1-bench.XXXXXX")
	START=$SECONDS
	trap bench_cleanup EXIT
	trap 'exit 130' INT TERM
}

log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

bench_cleanup() {
	if [[ ${BENCH_KEEP:-0} == 1 ]]; then
		echo "kept $T" >&2
	else
		rm -rf "$T"
	fi
}

bench_need_sqlite3() {
	command -v sqlite3 >/dev/null && return 0
	log "installing sqlite3"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlite3 \
		>/dev/null
}

# The work tree by default; with BENCH_REF=COMMIT (such as HEAD), that commit exported into
# the temporary directory and built there, so that edits in progress are not measured.
bench_build() {
	SRC=$ROOT
	BUILD=${BENCH_BUILD:-$ROOT/build-bench}
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
	[[ $DIRTY == 0 ]] && TREE="commit $COMMIT" ||
		TREE="commit $COMMIT with $DIRTY uncommitted change(s) under src/"
	log "building komek (Release) from $SRC in $BUILD"
	cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >"$T/build.log" 2>&1 &&
		cmake --build "$BUILD" -j2 --target komek >>"$T/build.log" 2>&1 ||
		{ tail -30 "$T/build.log" >&2; exit 1; }
	"$ROOT/bench/build_gen.sh" "$BUILD" "$SRC"
}

bench_login() { # URL LOGIN
	local token
	token=$(curl -sf -X POST -H 'Content-Type: application/json' \
		-d "{\"login\":\"$2\",\"password\":\"komek-demo-2026\"}" "$1/api/v1/session" |
		sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	[[ -n $token ]] || { echo "bench: login as $2 failed" >&2; exit 1; }
	echo "$token"
}

bench_update() { # BEGIN END SUMMARY HEADING_FILE
	local b=$ROOT/BENCHMARKS.md
	if [[ -f $b ]] && grep -qF "$1" "$b"; then
		awk -v b="$1" -v e="$2" -v f="$3" '
			$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$b" >"$T/bench.md"
	else
		{
			[[ -f $b ]] && cat "$b" && echo
			cat "$4"
			echo
			echo "$1"
			cat "$3"
			echo "$2"
		} >"$T/bench.md"
	fi
	cp "$T/bench.md" "$b"
	log "BENCHMARKS.md updated"
}
