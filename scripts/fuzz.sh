#!/bin/bash
# fuzz.sh [SECONDS]: builds the libFuzzer harnesses and runs each for SECONDS (default 60)
# on a copy of its seed corpus. A finding fails the run, with the crashing input saved in
# build-fuzz/ (add it to tests/fuzz/corpus/ once fixed). CI runs a short pass; run longer
# by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DKOMEK_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-fuzz -j2 2>&1 | grep -v 'header field' >/dev/null || true
cmake --build build-fuzz -j2 >/dev/null 2>&1
failed=0
for f in tests/fuzz/fuzz_*.c; do
	name=$(basename "$f" .c)
	work=build-fuzz/corpus/$name
	mkdir -p "$work"
	cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null || true
	if (cd build-fuzz && ./tests/fuzz/"$name" -max_total_time="$secs" -max_len=65536 \
		-print_final_stats=0 -artifact_prefix="$name-" "corpus/$name" >"$name.log" 2>&1); then
		echo "fuzz: $name ok ($(grep -o 'Done [0-9]* runs' build-fuzz/"$name".log))"
	else
		echo "fuzz: $name FAILED; see build-fuzz/$name.log"
		tail -n 30 build-fuzz/"$name".log
		failed=1
	fi
done
exit $failed
