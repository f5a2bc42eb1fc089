#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A large library: shoal daemon against Debian's transmission-daemon 3.00, both driven over the same
# Transmission RPC by the same client code (bench/lib/trpc.py, Debian's python3, stdlib only). For each
# daemon, in the same run: add N distinct small v1 torrents one by one (`torrent-add`, `metainfo`,
# `paused`), restart it, time until `torrent-get` lists all N, and read its VmRSS once it settles. Then
# libtorrent alone (python3-libtorrent) holding the same N paused: what libtorrent itself needs.
# Everything lives in /dev/shm; every process is stopped by its PID on exit; every wait is bounded.
#   LIBRARY_N=10000 bench/library.sh
#   SHOAL=path/to/shoal DAEMONS="transmission shoal" LIMIT=900 bench/library.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib/common.sh"
shoal=${SHOAL:-$root/build/cli/shoal}
[[ $shoal == /* ]] || shoal=$PWD/$shoal
n=${LIBRARY_N:-10000}
limit=${LIMIT:-900}         # seconds any one phase (adding, listing, stopping) may take
settle=${RSS_SETTLE:-60}    # seconds to wait for VmRSS to settle
slices=${SLICES:-10}        # the adds go in this many slices per daemon, in turn (see add_slice)
read -ra daemons <<<"${DAEMONS:-shoal transmission}"
# Debian's python3 and its python3-libtorrent: `python3` on PATH may be another interpreter (pyenv).
py=/usr/bin/python3
lib=$root/bench/lib
for tool in "$shoal" transmission-daemon "$py"; do
    command -v "$tool" >/dev/null || { echo "library.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
"$py" -c 'import libtorrent' 2>/dev/null || { echo "library.sh: python3-libtorrent is missing" >&2; exit 1; }

work=$(mktemp -d /dev/shm/shoal-bench-library.XXXXXX)
trap 'stop_all_pids; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/results" "$work/bin"
# A copy of the binary, so that a rebuild in the tree during the run cannot swap it between the two starts.
echo "== $("$shoal" --version) (binary of $(date -r "$shoal" '+%F %T'), tree at $(git -C "$root" rev-parse --short HEAD 2>/dev/null)), $(transmission-daemon --version 2>&1 | head -1), load $(load1)"
cp -p "$shoal" "$work/bin/shoal" && shoal=$work/bin/shoal

echo "== $n distinct v1 torrents (4 x 16 KiB pieces each, no payload) in $work/torrents"
"$py" "$lib/gen_torrents.py" "$n" "$work/torrents"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null; }
# CPU time (user + system, all threads) a process has used, in clock ticks: the add rate of a daemon
# with several threads moves with how the host schedules them; the CPU it spends per add much less.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null; }

# settle_rss PID SECONDS: VmRSS (kB) once four samples 0.5 s apart stay within 1 %; "KB settled|moving".
settle_rss() {
    local pid=$1 deadline=$((SECONDS + $2)) samples=() v lo hi
    while :; do
        v=$(rss_kb "$pid")
        [[ -n $v ]] || { echo "0 gone"; return; }
        samples+=("$v")
        if ((${#samples[@]} >= 4)); then
            lo=$(printf '%s\n' "${samples[@]: -4}" | sort -n | head -1)
            hi=$(printf '%s\n' "${samples[@]: -4}" | sort -n | tail -1)
            ((hi - lo <= hi / 100)) && { echo "$v settled"; return; }
        fi
        ((SECONDS < deadline)) || { echo "$v moving"; return; }
        sleep 0.5
    done
}

# Each daemon: start_D DIR (sets pid and url_args for trpc.py), and its own profile or config in DIR.
start_shoal() {
    local dir=$1
    # --json: the `rpc_listening` event carries the port the kernel picked (trpc.py reads it from the log).
    HOME="$dir/home" "$shoal" daemon --foreground --rpc-bind 127.0.0.1:0 --listen 127.0.0.1:0 --no-dht --no-lsd \
        --no-upnp --no-utp --profile "$dir/profile" --json >"$dir/out.log" 2>>"$dir/err.log" &
    pid=$!
    track_pid "$pid"
    url_args=(--log "$dir/out.log")
}

start_transmission() {
    local dir=$1
    if [[ ! -f $dir/config/settings.json ]]; then
        # Loopback only, no DHT/LPD/PEX/uTP/port mapping, no auth; its ports stay for the restart.
        mkdir -p "$dir/config"
        cat >"$dir/config/settings.json" <<JSON
{
  "rpc-enabled": true, "rpc-bind-address": "127.0.0.1", "rpc-port": $(free_port),
  "rpc-authentication-required": false, "rpc-whitelist-enabled": true, "rpc-whitelist": "127.0.0.1,::1",
  "rpc-host-whitelist-enabled": false,
  "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1", "peer-port": $(free_port),
  "peer-port-random-on-start": false, "port-forwarding-enabled": false,
  "dht-enabled": false, "lpd-enabled": false, "pex-enabled": false, "utp-enabled": false,
  "blocklist-enabled": false, "watch-dir-enabled": false, "incomplete-dir-enabled": false,
  "download-dir": "$dir/data", "message-level": 1
}
JSON
    fi
    HOME="$dir/home" transmission-daemon --foreground --config-dir "$dir/config" >"$dir/out.log" 2>>"$dir/err.log" &
    pid=$!
    track_pid "$pid"
    url_args=(--url "http://127.0.0.1:$(sed -nE 's/.*"rpc-port": *([0-9]+).*/\1/p' "$dir/config/settings.json")/transmission/rpc")
}

# stop_daemon PID: SIGTERM, wait up to LIMIT s (a daemon saves its library on the way out); sets
# stop_seconds and stop_code ("killed" if it had to be killed). Not in a subshell: it reaps its child.
stop_daemon() {
    local pid=$1 t0
    t0=$(now)
    kill -TERM "$pid" 2>/dev/null || true
    if timeout "$limit" tail -s 0.05 --pid="$pid" -f /dev/null 2>/dev/null; then
        stop_code=0
        wait "$pid" 2>/dev/null || stop_code=$?
    else
        kill -KILL "$pid" 2>/dev/null || true
        stop_code=killed
    fi
    stop_pid "$pid"  # forget it (already gone)
    stop_seconds=$(echo "$(now) - $t0" | bc -l)
}

# Both daemons run at once and are driven in turn, SLICES slices of N/SLICES adds each, in the order
# A B, B A, A B, ...: on a shared VM the host's speed drifts by up to 2x within a minute, and one daemon's
# whole add phase after the other's measured the drift as much as the daemons. Each slice is one trpc.py
# process (its start is not timed), its CPU is read from the driven daemon's /proc/PID/stat around it.
declare -A pids urls
start_and_wait() {
    local name=$1 dir="$work/$1" url
    mkdir -p "$dir/home" "$dir/data"
    "start_$name" "$dir"
    pids[$name]=$pid
    url=$("$py" "$lib/trpc.py" wait-rpc "${url_args[@]}" 60) ||
        { echo "library.sh: $name's RPC did not come up" >&2; tail -5 "$dir/err.log" >&2; exit 1; }
    urls[$name]=$url
}

add_slice() {
    local name=$1 k=$2 dir="$work/$1" cpu0 add cpu
    cpu0=$(cpu_ticks "${pids[$name]}")
    add=$(timeout "$limit" "$py" "$lib/trpc.py" add-dir "${urls[$name]}" "$work/torrents" "$dir/data" --paused \
        --slice "$k/$slices") ||
        { echo "library.sh: adding to $name failed or took over $limit s" >&2; tail -5 "$dir/err.log" >&2; exit 1; }
    cpu=$(echo "($(cpu_ticks "${pids[$name]}") - $cpu0) / $(getconf CLK_TCK)" | bc -l)
    printf '{"slice": %s, "add": %s, "cpu_seconds": %.3f, "load": %s}\n' "$k" "$add" "$cpu" "$(load1)" \
        >>"$work/results/$name.slices.jsonl"
}

relist() {
    local name=$1 dir="$work/$1" out="$work/results/$1.json" pid=${pids[$1]} t0 list rss state hwm stopped load_list
    stop_daemon "$pid"
    stopped=$stop_seconds
    echo "== $name: stopped in $(printf '%.2f' "$stopped") s (exit $stop_code); restarting (load $(load1))"
    load_list=$(load1)
    t0=$(now)
    "start_$name" "$dir"
    list=$("$py" "$lib/trpc.py" wait-list "${url_args[@]}" "$n" "$t0" "$limit") ||
        { echo "library.sh: $name did not list $n torrents: $list" >&2; tail -5 "$dir/err.log" >&2; exit 1; }
    echo "   $list"
    read -r rss state <<<"$(settle_rss "$pid" "$settle")"
    hwm=$(hwm_kb "$pid")
    echo "   VmRSS $((rss / 1024)) MB ($state), VmHWM $((hwm / 1024)) MB"
    stop_daemon "$pid"
    echo "   stopped in $(printf '%.2f' "$stop_seconds") s (exit $stop_code)"
    printf '{"daemon": "%s", "add": %s, "list": %s, "rss_kb": %s, "rss_state": "%s", "hwm_kb": %s, "stop_seconds": %.3f, "stop_after_list_seconds": %.3f, "load_list": %s}\n' \
        "$name" "$("$py" "$lib/library_report.py" --slices "$work/results/$name.slices.jsonl")" "$list" "$rss" \
        "$state" "${hwm:-0}" "$stopped" "$stop_seconds" "$load_list" >"$out"
    rm -rf "$dir"
}

echo "== start ${daemons[*]}; add $n paused over RPC to each, $slices slices in turn (load $(load1))"
for d in "${daemons[@]}"; do start_and_wait "$d"; done
order=("${daemons[@]}")
for ((k = 0; k < slices; k++)); do
    for d in "${order[@]}"; do add_slice "$d" "$k"; done
    line="   slice $((k + 1))/$slices:"
    for d in "${daemons[@]}"; do line+=" $d $(tail -1 "$work/results/$d.slices.jsonl" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["add"]["rate"])')/s"; done
    echo "$line (load $(load1))"
    # Reversed each slice: A B, B A, ...
    for ((i = 0, j = ${#order[@]} - 1; i < j; i++, j--)); do tmp=${order[i]}; order[i]=${order[j]}; order[j]=$tmp; done
done
for d in "${daemons[@]}"; do relist "$d"; done

echo "== libtorrent alone (python3-libtorrent $("$py" -c 'import libtorrent; print(libtorrent.__version__)')): the same $n paused (load $(load1))"
mkdir -p "$work/lt-save"
timeout "$limit" "$py" "$lib/lt_hold.py" "$work/torrents" "$work/lt-save" "$settle" >"$work/results/libtorrent.json" ||
    { echo "library.sh: the libtorrent reference failed" >&2; exit 1; }
cat "$work/results/libtorrent.json"

echo
"$py" "$lib/library_report.py" "$n" "$work/results"
