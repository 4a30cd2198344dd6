#!/bin/bash
# with-pg.sh CMD [ARGS...]: runs CMD with KOMEK_TEST_PG set to the URL of a throwaway
# PostgreSQL cluster (scripts/pg-cluster.sh) on a free loopback port, and removes the
# cluster afterwards, whatever CMD did. Exits with CMD's status.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d /tmp/komek-pg.XXXXXX)
chmod 755 "$dir"
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cleanup() {
	"$here/pg-cluster.sh" stop "$dir" || true
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
KOMEK_TEST_PG=$("$here/pg-cluster.sh" start "$dir" "$port")
export KOMEK_TEST_PG
set +e
"$@"
rc=$?
set -e
exit $rc
