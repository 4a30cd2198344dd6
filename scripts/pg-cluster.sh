#!/bin/sh
# pg-cluster.sh: a throwaway PostgreSQL cluster on 127.0.0.1 for the tests.
#
#   scripts/pg-cluster.sh start DIR [PORT]   prints the URL to use with komek --db
#   scripts/pg-cluster.sh stop DIR
#
# The cluster lives in DIR (made if need be) and listens on 127.0.0.1:PORT (default 55432)
# and on a socket in DIR, with trust authentication for the user komek, who owns the
# database komek. initdb refuses to run as root, so as root the cluster belongs to the
# postgres user (Debian's postgresql package makes it). Nothing outside DIR is touched.
set -eu
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
cmd=${1:-}
dir=${2:-}
port=${3:-55432}
[ -n "$dir" ] || { echo "usage: pg-cluster.sh start|stop DIR [PORT]" >&2; exit 2; }
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case $cmd in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	if [ ! -e "$dir/data/PG_VERSION" ]; then
		as_owner "$bin/initdb" -D "$dir/data" -A trust -U komek -E UTF8 --locale=C.UTF-8 \
			>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	fi
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bin/psql" -h "$dir" -p "$port" -U komek -d postgres -qAt \
		-c "SELECT 1 FROM pg_database WHERE datname = 'komek'" | grep -q 1 ||
		as_owner "$bin/createdb" -h "$dir" -p "$port" -U komek komek
	echo "postgresql://komek@127.0.0.1:$port/komek"
	;;
stop)
	[ -e "$dir/data/PG_VERSION" ] || exit 0
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
*)
	echo "usage: pg-cluster.sh start|stop DIR [PORT]" >&2
	exit 2
	;;
esac
