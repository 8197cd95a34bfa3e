#!/bin/sh
# stop.sh: stops the private nginx and every FastCGI worker started by serve.sh.
RUNDIR=${RUNDIR:-$(cd "$(dirname "$0")/.." && pwd)/run}
STOP_WAIT=${STOP_WAIT:-5} # seconds a program has to finish its requests before it is killed
stopped=0
for name in nginx dashboard upload export; do
	pidfile="$RUNDIR/$name.pid"
	[ -f "$pidfile" ] || continue
	pid=$(cat "$pidfile" 2>/dev/null)
	if [ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; then
		stopped=1
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt $((STOP_WAIT * 10)) ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$pidfile" "$RUNDIR/$name.sock"
done
[ "${1:-}" = quiet ] || { [ $stopped = 1 ] && echo "stop: stopped" || echo "stop: nothing was running"; }
exit 0
