#!/usr/bin/env bash
# Builds the benchmark tools against the release core library: bench/gen_people (the
# synthetic-people loader), bench/search_bench (the name-search benchmark) and
# bench/import_bench (reading and validating a file of people, for bench/import.sh).
#   bench/build_gen.sh [BUILD_DIR=build-bench [SOURCE_ROOT=this repository]]
# Needs BUILD_DIR/libkomek_core.a (cmake --build BUILD_DIR), built from SOURCE_ROOT, whose
# src/ gives the headers. Not part of the product build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build-bench}
case $build in /*) ;; *) build=$root/$build ;; esac
src=${2:-$root}
gcc -std=c17 -O2 -Wall -Wextra -D_GNU_SOURCE -I"$src/src" \
	-o "$build/gen_people" "$root/bench/gen_people.c" "$build/libkomek_core.a" \
	$(pkg-config --cflags --libs libmicrohttpd sqlite3 libpq jansson libsodium icu-uc icu-i18n xlsxwriter libzip expat) \
	-lcsv -lpthread
# The search benchmark needs the matcher (issue 6): a tree from before it gets gen_people only
# (scripts/load.sh builds an older commit's tools with this script).
[[ -f $src/src/domain/match.h ]] || exit 0
gcc -std=c17 -O2 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wcast-qual \
	-Wstrict-prototypes -Wformat=2 -Wvla -Wno-format-nonliteral -D_GNU_SOURCE -I"$src/src" \
	-o "$build/search_bench" "$root/bench/search_bench.c" "$build/libkomek_core.a" \
	$(pkg-config --cflags --libs libmicrohttpd sqlite3 libpq jansson libsodium icu-uc icu-i18n xlsxwriter libzip expat) \
	-lcsv -lpthread -lm
# The import benchmark needs the import (issue 6): a tree from before it stops here.
[[ -f $src/src/domain/import.h ]] || exit 0
gcc -std=c17 -O2 -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes -Wcast-qual \
	-Wstrict-prototypes -Wformat=2 -Wvla -Wno-format-nonliteral -D_GNU_SOURCE -I"$src/src" \
	-o "$build/import_bench" "$root/bench/import_bench.c" "$build/libkomek_core.a" \
	$(pkg-config --cflags --libs libmicrohttpd sqlite3 libpq jansson libsodium icu-uc icu-i18n xlsxwriter libzip expat) \
	-lcsv -lpthread -lm
