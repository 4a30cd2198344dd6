#!/usr/bin/env bash
# scripts/long-checks.sh: the long security and load checks, in turn, and their results in
# SECURITY.md:
#   1. scripts/fuzz.sh    every libFuzzer harness for FUZZ_SECONDS each
#   2. scripts/attack.sh  sqlmap against every input of every route
#   3. scripts/load.sh    a mixed read/write load for LOAD_DURATION seconds
# Each runs even if an earlier one failed; the script fails (exit 1) if any did. It then
# rewrites the generated block of SECURITY.md (between its marker comments) with the date,
# the machine, the commit, and each check's result and figures.
#
#   scripts/long-checks.sh [--no-update]
#
# --no-update leaves SECURITY.md alone.
# Environment: FUZZ_SECONDS (300 per harness); LONG_CHECKS (the checks to run, default
# "fuzz attack load"); LONG_REF (a commit, such as HEAD, to check instead of the work tree:
# fuzz.sh runs in an export of it, attack.sh and load.sh get ATTACK_REF and LOAD_REF); and
# each script's own settings (ATTACK_LEVEL, ATTACK_RISK, ATTACK_ONLY, LOAD_DURATION, …; see the
# top of each). With LONG_REF unset the work tree is checked and fuzz.sh builds in build-fuzz/.
# A run with shorter settings than the defaults is marked "short mode" in the block.
# Logs: build-attack/long/*.log (in ATTACK_BUILD, beside the results in attack/ and load/).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ_SECONDS=${FUZZ_SECONDS:-300}
CHECKS=${LONG_CHECKS:-fuzz attack load}
UPDATE=1
case "${1:-}" in
--no-update) UPDATE=0 ;;
"") ;;
*) echo "usage: scripts/long-checks.sh [--no-update]" >&2; exit 2 ;;
esac
ABUILD=${ATTACK_BUILD:-$ROOT/build-attack}
case $ABUILD in /*) ;; *) ABUILD=$ROOT/$ABUILD ;; esac
LBUILD=${LOAD_BUILD:-$ROOT/build-attack}
case $LBUILD in /*) ;; *) LBUILD=$ROOT/$LBUILD ;; esac
LOGS=$ABUILD/long
mkdir -p "$LOGS"

T=$(mktemp -d /tmp/komek-long.XXXXXX)
START=$SECONDS
log() { printf '[%5ds] %s\n' $((SECONDS - START)) "$*" >&2; }
cleanup() { rm -rf "$T"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ -n ${LONG_REF:-} ]]; then
	# The commit now, for all three (a branch may move while they run).
	REF=$(git -C "$ROOT" rev-parse --verify "$LONG_REF^{commit}")
	COMMIT=$(git -C "$ROOT" rev-parse --short "$REF")
	TREE="commit $COMMIT (LONG_REF=$LONG_REF, an export: uncommitted changes not included)"
	export ATTACK_REF=$REF LOAD_REF=$REF
else
	COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
	DIRTY=$(git -C "$ROOT" status --porcelain --untracked-files=no -- src CMakeLists.txt tests 2>/dev/null | wc -l)
	TREE="commit $COMMIT"
	((DIRTY)) && TREE+=" with $DIRTY uncommitted change(s) under src/, tests/ (the work tree)"
fi

declare -A RC SECS
run_check() { # name command...
	local name=$1 t0=$SECONDS
	shift
	log "$name: $*"
	set +e
	"$@" >"$LOGS/$name.log" 2>&1
	RC[$name]=$?
	set -e
	SECS[$name]=$((SECONDS - t0))
	log "$name: $( ((RC[$name] == 0)) && echo passed || echo "FAILED (exit ${RC[$name]})") in ${SECS[$name]} s; log in $LOGS/$name.log"
}

for c in $CHECKS; do
	case $c in
	fuzz)
		rm -f "$LOGS"/fuzz-*
		# fuzz.sh installs nothing: clang and libFuzzer's runtime (what install-deps.sh --test
		# adds for it, without the browser and PostgreSQL).
		"$ROOT/scripts/install-deps.sh" >&2
		if ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q 'ok installed'; then
			apt-get update -qq
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libclang-rt-14-dev >/dev/null
		fi
		if [[ -n ${LONG_REF:-} ]]; then
			mkdir -p "$T/src"
			git -C "$ROOT" archive "$REF" | tar -x -C "$T/src"
			run_check fuzz "$T/src/scripts/fuzz.sh" "$FUZZ_SECONDS"
			FUZZ_DIR=$T/src/build-fuzz
		else
			run_check fuzz "$ROOT/scripts/fuzz.sh" "$FUZZ_SECONDS"
			FUZZ_DIR=$ROOT/build-fuzz
		fi
		# Keep what a finding leaves (crashing inputs) with the logs.
		for f in "$FUZZ_DIR"/*-crash-* "$FUZZ_DIR"/*-leak-* "$FUZZ_DIR"/*-timeout-* "$FUZZ_DIR"/*-oom-*; do
			[[ -e $f ]] && cp "$f" "$LOGS/fuzz-$(basename "$f")"
		done
		;;
	attack)
		rm -f "$ABUILD/attack/summary.md" "$ABUILD/attack/figures.txt"
		run_check attack "$ROOT/scripts/attack.sh"
		;;
	load)
		rm -f "$LBUILD/load/summary.md" "$LBUILD/load/figures.txt"
		run_check load "$ROOT/scripts/load.sh"
		;;
	*) echo "long-checks: unknown check $c" >&2; exit 2 ;;
	esac
done

# --- The block ----------------------------------------------------------------------------------
fig() { # file key
	[[ -f $1 ]] && awk -F= -v k="$2" '$1 == k { sub(/^[^=]*=/, ""); print; exit }' "$1"
}
result() { # name
	if [[ -z ${RC[$1]+x} ]]; then echo "not run"
	elif ((RC[$1] == 0)); then echo "**passed**"
	else echo "**FAILED** (exit ${RC[$1]})"; fi
}
mins() { awk -v s="$1" 'BEGIN { if (s < 90) printf "%d s", s; else printf "%.0f min", s / 60 }'; }

SHORT=()
((FUZZ_SECONDS < 300)) && [[ " $CHECKS " == *" fuzz "* ]] && SHORT+=("fuzz ${FUZZ_SECONDS} s per harness (default 300)")
if [[ " $CHECKS " == *" attack "* ]]; then
	[[ -n ${ATTACK_ONLY:-} ]] && SHORT+=("sqlmap on a subset of the inputs (ATTACK_ONLY='$ATTACK_ONLY')")
	((${ATTACK_LEVEL:-3} < 3 || ${ATTACK_RISK:-2} < 2)) && SHORT+=("sqlmap at level ${ATTACK_LEVEL:-3}, risk ${ATTACK_RISK:-2} (default 3, 2)")
fi
if [[ " $CHECKS " == *" load "* ]]; then
	((${LOAD_DURATION:-600} < 600)) && SHORT+=("load for ${LOAD_DURATION} s (default 600)")
	((${LOAD_PEOPLE:-100000} < 100000)) && SHORT+=("load on ${LOAD_PEOPLE} people (default 100000)")
fi
for c in fuzz attack load; do [[ " $CHECKS " == *" $c "* ]] || SHORT+=("$c not run"); done

BLOCK=$T/block.md
AF=$ABUILD/attack/figures.txt
LF=$LBUILD/load/figures.txt
{
	echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') by \`$(
		env | grep -E '^(FUZZ_SECONDS|LONG_[A-Z_]+|ATTACK_[A-Z_]+|LOAD_[A-Z_]+)=' |
			grep -vE '^(ATTACK_REF|LOAD_REF)=' | sort | tr '\n' ' '
	)scripts/long-checks.sh\`"
	echo "on $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(
		awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) of memory, Linux $(uname -r),"
	echo "shared with other work. Komek $TREE."
	echo
	if ((${#SHORT[@]})); then
		echo "**Short mode**: $(printf '%s; ' "${SHORT[@]}" | sed 's/; $//'). The defaults run the full checks."
		echo
	fi
	echo "| check | result | time | figures |"
	echo "| --- | --- | ---: | --- |"
	if [[ -n ${RC[fuzz]+x} ]]; then
		runs=$(grep -oE 'fuzz: [a-z_]+ (ok|FAILED)[^;]*' "$LOGS/fuzz.log" | sed -E 's/^fuzz: //; s/\(Done ([0-9]+) runs\)/\1 runs/; s/ ok / /' | paste -sd, - | sed 's/,/, /g')
		echo "| fuzz.sh ($FUZZ_SECONDS s per harness) | $(result fuzz) | $(mins "${SECS[fuzz]}") | ${runs:-see the log} |"
	fi
	if [[ -n ${RC[attack]+x} ]]; then
		if [[ -f $AF ]]; then
			f="$(fig "$AF" injectable) injectable of $(fig "$AF" inputs) inputs on $(fig "$AF" routes) routes, $(fig "$AF" errors) not tested; $(fig "$AF" requests) requests, $(fig "$AF" status_5xx) answers 5xx"
			[[ -n $(fig "$AF" failed_checks) ]] && f+="; **$(fig "$AF" failed_checks)**"
		else f="no figures; see the log"; fi
		echo "| attack.sh (sqlmap, level $(fig "$AF" level), risk $(fig "$AF" risk)) | $(result attack) | $(mins "${SECS[attack]}") | $f |"
	fi
	if [[ -n ${RC[load]+x} ]]; then
		if [[ -f $LF ]]; then
			f="$(fig "$LF" rps) requests/s, p50 $(fig "$LF" p50_ms) ms, p99 $(fig "$LF" p99_ms) ms; $(fig "$LF" failed) failed, 409 to $(fig "$LF" conflicts) of $(fig "$LF" edits) edits, $(fig "$LF" socket_errors) socket errors; memory $(fig "$LF" memory)"
			[[ -n $(fig "$LF" failed_checks) ]] && f+="; **$(fig "$LF" failed_checks)**"
		else f="no figures; see the log"; fi
		echo "| load.sh ($(fig "$LF" duration) s, $(fig "$LF" connections) connections) | $(result load) | $(mins "${SECS[load]}") | $f |"
	fi
	if [[ -f $ABUILD/attack/summary.md && -n ${RC[attack]+x} ]]; then
		echo
		echo "**sqlmap.** $(cat "$ABUILD/attack/summary.md")"
		echo
		echo "<details><summary>Every route and the inputs attacked</summary>"
		echo
		echo "| route | as | inputs | result |"
		echo "| --- | --- | --- | --- |"
		# One row per route: its inputs, and "not injectable" only if every one was.
		awk -F'\t' 'NR > 1 {
			if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1; as[$1] = $3 }
			in_[$1] = in_[$1] (in_[$1] == "" ? "" : ", ") "`" $2 "`"
			if ($4 != "not injectable" && $4 != "requested") bad[$1] = bad[$1] (bad[$1] == "" ? "" : ", ") $2 ": " $4
		}
		END {
			for (i = 1; i <= n; i++) {
				r = order[i]
				if (in_[r] == "`-`") { res = "no input; requested"; ins = "—" }
				else { res = (r in bad) ? "**" bad[r] "**" : "not injectable"; ins = in_[r] }
				printf "| `%s` | %s | %s | %s |\n", r, as[r], ins, res
			}
		}' "$ABUILD/attack/summary.tsv"
		echo
		echo "</details>"
	fi
	if [[ -f $LBUILD/load/summary.md && -n ${RC[load]+x} ]]; then
		echo
		echo "**Load.** $(cat "$LBUILD/load/summary.md")"
	fi
} >"$BLOCK"
cat "$BLOCK"

if ((UPDATE)); then
	S=$ROOT/SECURITY.md
	BEGIN='<!-- scripts/long-checks.sh: last results: begin -->'
	END='<!-- scripts/long-checks.sh: last results: end -->'
	if [[ -f $S ]] && grep -qF "$BEGIN" "$S"; then
		awk -v b="$BEGIN" -v e="$END" -v f="$BLOCK" '
			$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
			$0 == e { skip = 0 }
			!skip' "$S" >"$T/security.md"
	else
		{ [[ -f $S ]] && cat "$S" && echo; echo "## Last results"; echo; echo "$BEGIN"; cat "$BLOCK"; echo "$END"; } >"$T/security.md"
	fi
	cp "$T/security.md" "$S"
	log "SECURITY.md updated"
fi
for c in $CHECKS; do ((RC[$c] == 0)) || { log "FAILED: $c"; exit 1; }; done
log "all passed"
