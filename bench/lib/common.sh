# shellcheck shell=bash
# Helpers shared by the bench scripts (sourced). Everything is bounded: waits have deadlines, and every
# process a script starts is registered with track_pid and stopped by its PID on exit.

bench_pids=()
track_pid() { bench_pids+=("$1"); }

# stop_pid PID: TERM, wait up to 10 s, then KILL; forget it.
stop_pid() {
    local pid=$1 kept=() p
    kill -TERM "$pid" 2>/dev/null || true
    timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    for p in "${bench_pids[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
    bench_pids=("${kept[@]}")
}

stop_all_pids() {
    local p
    for p in "${bench_pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    for p in "${bench_pids[@]}"; do
        timeout 10 tail --pid="$p" -f /dev/null 2>/dev/null || kill -KILL "$p" 2>/dev/null || true
    done
    bench_pids=()
}

# free_port [ADDR]: a TCP port nobody listens on right now (the caller binds it soon after).
free_port() {
    local port
    for _ in $(seq 200); do
        port=$((20000 + RANDOM % 40000))
        ss -ltnuH "sport = :$port" | grep -q . || { echo "$port"; return 0; }
    done
    return 1
}

# wait_for SECONDS COMMAND...: poll a condition every 50 ms until it holds or the deadline passes.
wait_for() {
    local deadline=$(($(date +%s%N) + $1 * 1000000000)); shift
    until "$@"; do
        (($(date +%s%N) < deadline)) || return 1
        sleep 0.05
    done
}

# cpu_seconds PID: user+system CPU seconds of a live process (all its threads), from /proc.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

now() { date +%s.%N; }
load1() { cut -d' ' -f1 /proc/loadavg; }
