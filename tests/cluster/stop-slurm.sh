#!/usr/bin/env bash
# Stop the localhost SLURM test cluster started by start-slurm.sh.
# Only the daemons named in their pid files are signalled.  Safe to run when
# nothing is running.  Set STOP_MUNGE=0 to leave munged running.
set -euo pipefail

log() { printf '[stop-slurm] %s\n' "$*"; }

# shellcheck source=tests/cluster/proc.sh
source "$(dirname "${BASH_SOURCE[0]}")/proc.sh"
stop_pidfile() {
    if ! pid_alive "$1" "$2"; then
        log "$2 not running"
        return 0
    fi
    local pid; pid=$(<"$1")
    log "stopping $2 (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 75); do
        # wait on the pid itself: the daemons delete their pid file before exiting
        proc_alive "$pid" "$2" || { rm -f "$1"; return 0; }
        sleep 0.2
    done
    log "$2 (pid $pid) ignored SIGTERM for 15 s, sending SIGKILL"
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$1"
}

stop_pidfile /run/slurm/slurmd.pid slurmd
stop_pidfile /run/slurm/slurmctld.pid slurmctld
if [[ ${STOP_MUNGE:-1} == 1 ]]; then
    stop_pidfile /run/munge/munged.pid munged
fi
log "done"
