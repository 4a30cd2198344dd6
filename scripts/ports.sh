# scripts/ports.sh: loopback ports for the servers that the benchmarks and the long checks
# start (sourced, not run; bench/*.sh, scripts/attack.sh, scripts/load.sh).
#   port_free PORT            whether nothing listens on 127.0.0.1:PORT
#   pick_port PORT...         prints the first free one; exits 1 when none is
#   wait_port PORT PID [S]    waits up to S seconds (10) for PORT to listen while PID lives

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_port() {
	local p
	for p in "$@"; do
		if port_free "$p"; then echo "$p"; return; fi
	done
	echo "${0##*/}: no free port among $*" >&2
	exit 1
}

wait_port() { # port pid [seconds]
	local i
	for i in $(seq $((${3:-10} * 10))); do
		if ! port_free "$1"; then return 0; fi
		kill -0 "$2" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}
