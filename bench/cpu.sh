# bench/cpu.sh: the CPU time of processes, from /proc, for the benchmark scripts (sourced,
# not run). In clock ticks (getconf CLK_TCK, 100 on Linux).
#   cpu_ticks PID...   utime + stime of the pids, all their threads (a pid gone meanwhile
#                      counts 0)
#   pg_ticks           the PostgreSQL cluster's whose postmaster is PG_MASTER: its own, the
#                      children it has reaped (cutime, cstime), and every live child
#                      (backends, checkpointer, WAL writer, autovacuum...)

cpu_ticks() {
	local p sum=0 f
	for p in "$@"; do
		f=$(sed 's/^.*) //' "/proc/$p/stat" 2>/dev/null) || continue
		set -- $f
		sum=$((sum + ${12} + ${13}))
	done
	echo "$sum"
}

pg_ticks() {
	local f sum
	f=$(sed 's/^.*) //' "/proc/$PG_MASTER/stat")
	set -- $f
	sum=$((${12} + ${13} + ${14} + ${15}))
	echo $((sum + $(cpu_ticks $(ps -o pid= --ppid "$PG_MASTER"))))
}
