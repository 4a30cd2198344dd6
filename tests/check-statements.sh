#!/bin/sh
# check-statements.sh: the store's distinct statements stay under half of the statement
# cache of each connection (DB_STMT_CACHE, src/store/db_driver.h), which refuses a statement
# when it is full: a query added past that would answer 500 once a long-running server had
# prepared every other. Counts the static SQL strings of src/store, the entries of the
# statement arrays made by macros (the link moves, the case wipes) and the reports'
# generated statements, a little more than exact.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cache=$(sed -n 's/^#define DB_STMT_CACHE \([0-9]*\).*/\1/p' "$root/src/store/db_driver.h")
named=$(cat "$root"/src/store/*.c | grep -c 'static const char SQL_[A-Z0-9_]*\[\]' || true)
# Each link move is two statements; each case wipe one (with ?1 bound differently per use).
moves=$(cat "$root"/src/store/*.c | grep -c '^	MOVED\(_BY\)*(' || true)
wipes=$(grep -c '" cases ")' "$root/src/store/store_util.h" || true)
# The reports' statements, written once at start (store_report.c): the derive statements
# (enum derive) and a scan for each scope and each pair of the axes' columns (enum columns).
derives=$(sed -n '/^enum derive {/,/^};/p' "$root/src/store/store_report.c" | grep -c '^	D_[A-Z_]*,$' || true)
cols=$(sed -n '/^enum columns {/,/^};/p' "$root/src/store/store_report.c" | grep -c '^	COLS_[A-Z_]*,$' || true)
total=$((named + 2 * moves + 2 * wipes + derives + 2 * cols * (cols + 1) / 2))
if [ "$total" -ge $((cache / 2)) ]; then
	echo "statements: about $total distinct statements, the cache holds $cache: raise DB_STMT_CACHE" >&2
	exit 1
fi
echo "statements: ok (about $total of $cache)"
