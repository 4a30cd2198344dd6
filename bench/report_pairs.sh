#!/usr/bin/env bash
# bench/report_pairs.sh: times two-axis reports beyond bench/reports.sh's six, over a
# database that script kept (BENCH_KEEP=1). Not a test, and not a reference run: the
# figures are Komek's alone, for finding the pairs that are slowest.
#
#   bench/report_pairs.sh KOMEK DB [--key-file FILE] [YEAR]
#
# KOMEK is a built binary, DB the database (a file, or a postgresql:// URL with the key file
# the run used: for the kept PostgreSQL cluster, start it first with
# `scripts/pg-cluster.sh start DIR/pg PORT`). Starts `komek serve --threads 2` on a free
# loopback port, logs in as the demo's supervisor and analyst, and asks for each report of
# PAIRS over the year (2025 by default) once to warm up and then three times, printing
# curl's time_total in ms. Stops the server on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
[[ $# -ge 2 ]] || { echo "usage: bench/report_pairs.sh KOMEK DB [--key-file FILE] [YEAR]" >&2; exit 2; }
KOMEK=$1
DB=$2
shift 2
KEY=()
if [[ ${1:-} == --key-file ]]; then
	KEY=(--key-file "$2")
	shift 2
fi
YEAR=${1:-2025}

# login|measure|rows|cols
PAIRS=(
	"analyst|persons|category|age_band"
	"analyst|services|programme|age_band"
	"analyst|services|organisation|age_band"
	"analyst|persons|organisation|category"
	"analyst|services|category|month"
	"analyst|persons|category|service_kind"
	"analyst|services|region|age_band"
	"analyst|persons|sex|month"
	"supervisor|persons|category|age_band"
	"supervisor|services|programme|age_band"
	"analyst|cases|organisation|age_band"
)

. "$ROOT/scripts/ports.sh"
. "$ROOT/bench/lib.sh"
PORT=$(pick_port $(seq 18380 18389))
LOG=$(mktemp)
"$KOMEK" --db "$DB" "${KEY[@]}" serve --listen "127.0.0.1:$PORT" --threads 2 >"$LOG" 2>&1 &
PID=$!
trap 'kill -TERM "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -f "$LOG"' EXIT
wait_port "$PORT" "$PID" 60 || { tail -20 "$LOG" >&2; exit 1; }
K=http://127.0.0.1:$PORT
declare -A TOKEN
for u in supervisor analyst; do
	TOKEN[$u]=$(bench_login "$K" "$u")
done
for p in "${PAIRS[@]}"; do
	IFS='|' read -r u m a b <<<"$p"
	line="$u: $m by $a and $b (ms):"
	for rep in 0 1 2 3; do
		out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' \
			-H "Authorization: Bearer ${TOKEN[$u]}" \
			"$K/api/v1/reports?measure=$m&rows=$a&cols=$b&from=$YEAR-01-01&to=$YEAR-12-31")
		read -r code wall <<<"$out"
		[[ $code == 200 ]] || { echo "bench: $p answered $code" >&2; exit 1; }
		((rep)) && line+=" $(awk -v w="$wall" 'BEGIN { printf "%.0f", w * 1000 }')"
	done
	echo "$line"
done
