# Process helpers shared by start-slurm.sh and stop-slurm.sh (sourced, not run).
# They read /proc directly, so no procps is needed.

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
