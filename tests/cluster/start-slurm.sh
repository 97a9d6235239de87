#!/usr/bin/env bash
# Start a real single-node SLURM cluster on localhost (Debian 12, run as root,
# no systemd).  Idempotent: a second call while the cluster is up only checks
# it and exits 0.  See tests/cluster/README.md for why each setting is there.
#
# Environment knobs (all optional):
#   SLURM_START_TIMEOUT  seconds to wait for the node to become idle (default 90)
#   SLURM_MEM_FRACTION   percent of `slurmd -C` RealMemory to declare (default 90)
#   SLURM_SKIP_APT=1     do not run apt-get even if packages are missing
set -euo pipefail

log() { printf '[start-slurm] %s\n' "$*"; }
die() { printf '[start-slurm] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (it installs packages and starts daemons)"

START_TIMEOUT=${SLURM_START_TIMEOUT:-90}
MEM_FRACTION=${SLURM_MEM_FRACTION:-90}
CLUSTER_NAME=lindbath-ci
PARTITION=debug
CONF_DIR=/etc/slurm
CONF=$CONF_DIR/slurm.conf
STATE_DIR=/var/spool/slurmctld
SPOOL_DIR=/var/spool/slurmd
LOG_DIR=/var/log/slurm
RUN_DIR=/run/slurm
MUNGE_RUN=/run/munge
MUNGE_KEY=/etc/munge/munge.key
CTLD_PID=$RUN_DIR/slurmctld.pid
SLURMD_PID=$RUN_DIR/slurmd.pid
HOST=$(hostname -s)
t0=$SECONDS

# --- 1. packages --------------------------------------------------------------
PKGS=(munge slurmctld slurmd slurm-client)
missing=()
for p in "${PKGS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    [[ ${SLURM_SKIP_APT:-0} == 1 ]] && die "missing packages: ${missing[*]} (SLURM_SKIP_APT=1)"
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    log "packages already installed: ${PKGS[*]}"
fi
log "versions: slurm $(dpkg-query -W -f='${Version}' slurmctld), munge $(dpkg-query -W -f='${Version}' munge)"

# --- helpers ------------------------------------------------------------------
# proc_alive PID NAME: true if PID is a live (non-zombie) process called NAME.
proc_alive() {
    local comm stat
    [[ $1 =~ ^[0-9]+$ ]] || return 1
    { read -r comm <"/proc/$1/comm" && read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 1
    stat=${stat##*) }
    [[ $comm == "$2" && ${stat:0:1} != Z ]]
}
# pid_alive PIDFILE NAME: true if PIDFILE names a live process called NAME.
pid_alive() { [[ -s $1 ]] && proc_alive "$(<"$1")" "$2"; }
# pids_named NAME: pids of live processes called NAME (no procps needed).
pids_named() {
    local d
    for d in /proc/[0-9]*; do proc_alive "${d#/proc/}" "$1" && printf '%s ' "${d#/proc/}"; done
    return 0
}
# stop_pidfile PIDFILE NAME: SIGTERM the daemon named in PIDFILE and wait.
stop_pidfile() {
    pid_alive "$1" "$2" || return 0
    local pid; pid=$(<"$1")
    log "stopping $2 (pid $pid)"
    kill "$pid" 2>/dev/null || true
    # wait on the pid itself: the daemons delete their pid file before exiting
    for _ in $(seq 75); do proc_alive "$pid" "$2" || return 0; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
}
munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

# --- 2. munge -----------------------------------------------------------------
if [[ ! -s $MUNGE_KEY ]]; then
    log "creating munge key $MUNGE_KEY"
    install -d -o munge -g munge -m 0700 /etc/munge
    if command -v mungekey >/dev/null; then
        mungekey --create --keyfile="$MUNGE_KEY"
    else
        dd if=/dev/urandom of="$MUNGE_KEY" bs=1 count=1024 status=none
    fi
fi
chown munge:munge "$MUNGE_KEY"; chmod 0400 "$MUNGE_KEY"
install -d -o munge -g munge -m 0755 "$MUNGE_RUN" /var/lib/munge /var/log/munge
if munge_ok; then
    log "munged already running"
else
    log "starting munged (as user munge)"
    runuser -u munge -- /usr/sbin/munged
    for _ in $(seq 50); do munge_ok && break; sleep 0.1; done
    munge_ok || die "munged did not come up (see /var/log/munge/munged.log)"
fi

# --- 3. slurm.conf ------------------------------------------------------------
# Hardware as slurmd sees it, e.g. "NodeName=vm CPUs=2 Boards=1 SocketsPerBoard=1
# CoresPerSocket=2 ThreadsPerCore=1 RealMemory=24032"; reuse its topology
# but declare only MEM_FRACTION % of the memory (slurmd drains a node that
# reports less memory than declared; the OS and the daemons need some too).
hw=$(slurmd -C); hw=${hw%%$'\n'*}
field() { sed -n "s/.*\b$1=\([0-9]*\).*/\1/p" <<<"$hw"; }
CPUS=$(field CPUs); SOCKETS=$(field SocketsPerBoard); CORES=$(field CoresPerSocket)
THREADS=$(field ThreadsPerCore); REALMEM=$(field RealMemory)
[[ -n $CPUS && -n $REALMEM ]] || die "could not parse 'slurmd -C' output: $hw"
MEM=$((REALMEM * MEM_FRACTION / 100))
DEFMEM=$((MEM / CPUS)); ((DEFMEM > 1024)) && DEFMEM=1024
TOPO="CPUs=$CPUS"
[[ -n $SOCKETS && -n $CORES && -n $THREADS ]] &&
    TOPO+=" Sockets=$SOCKETS CoresPerSocket=$CORES ThreadsPerCore=$THREADS"

install -d -m 0755 "$CONF_DIR" "$LOG_DIR" "$RUN_DIR" "$SPOOL_DIR"
install -d -m 0700 "$STATE_DIR"
new_conf=$(cat <<EOF
# Generated by tests/cluster/start-slurm.sh -- single-node localhost test cluster.
ClusterName=$CLUSTER_NAME
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
MpiDefault=none
# no cgroups in containers/CI: track processes via /proc, no task binding
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
# let several small jobs share the node, scheduling cores and memory
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=$DEFMEM
# no accounting daemon: snakemake must poll squeue, which needs finished
# jobs to stay visible for a while (seconds)
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MinJobAge=300
# a node that went down comes back by itself once slurmd registers again
ReturnToService=2
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdLogFile=$LOG_DIR/slurmd.log
StateSaveLocation=$STATE_DIR
SlurmdSpoolDir=$SPOOL_DIR
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
KillWait=10
NodeName=$HOST NodeAddr=127.0.0.1 $TOPO RealMemory=$MEM State=UNKNOWN
PartitionName=$PARTITION Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
)
conf_changed=0
if [[ ! -f $CONF ]] || [[ $(<"$CONF") != "$new_conf" ]]; then
    conf_changed=1
    printf '%s\n' "$new_conf" >"$CONF"
    chmod 0644 "$CONF"
    log "wrote $CONF (node $HOST: $CPUS CPUs, RealMemory=$MEM MB of $REALMEM, DefMemPerCPU=$DEFMEM)"
else
    log "$CONF unchanged"
fi

# --- 4. daemons ---------------------------------------------------------------
if ((conf_changed)); then
    # config changed under running daemons: restart them cleanly
    stop_pidfile "$SLURMD_PID" slurmd
    stop_pidfile "$CTLD_PID" slurmctld
fi
running=$(pids_named slurmctld)
if [[ -n $running ]]; then
    log "slurmctld already running (pid ${running% })"
else
    log "starting slurmctld"
    /usr/sbin/slurmctld -i
fi
ctld_up() { [[ $(scontrol ping 2>/dev/null || true) == *UP* ]]; }
for _ in $(seq 100); do ctld_up && break; sleep 0.2; done
ctld_up ||
    die "slurmctld not responding; tail of $LOG_DIR/slurmctld.log:
$(tail -n 20 "$LOG_DIR/slurmctld.log" 2>/dev/null)"
running=$(pids_named slurmd)
if [[ -n $running ]]; then
    log "slurmd already running (pid ${running% })"
else
    log "starting slurmd"
    /usr/sbin/slurmd
fi

# --- 5. wait for the node to be idle ------------------------------------------
deadline=$((SECONDS + START_TIMEOUT))
resumed=0
while :; do
    state=$(sinfo -h -N -n "$HOST" -o '%t' 2>/dev/null | head -n1 || true)
    case $state in
        idle|mix|alloc) break ;;
        *drain*|*down*|*fail*)
            if ((!resumed)); then
                log "node state '$state', asking slurmctld to resume it"
                scontrol update NodeName="$HOST" State=RESUME 2>/dev/null || true
                resumed=1
            fi ;;
    esac
    if ((SECONDS >= deadline)); then
        die "node $HOST not idle after ${START_TIMEOUT}s (state '${state:-none}').
$(scontrol show node "$HOST" 2>&1 | grep -E 'State|Reason' || true)
--- tail $LOG_DIR/slurmctld.log ---
$(tail -n 15 "$LOG_DIR/slurmctld.log" 2>/dev/null)
--- tail $LOG_DIR/slurmd.log ---
$(tail -n 15 "$LOG_DIR/slurmd.log" 2>/dev/null)"
    fi
    sleep 1
done

log "cluster $CLUSTER_NAME up in $((SECONDS - t0))s: node $HOST is '$state'"
sinfo
