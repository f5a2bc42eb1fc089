#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR disable=SC2317  # run_* and qbt_done are called indirectly
# Download benchmark: one `shoal seed` on loopback behind Debian's opentracker serves the same random v1
# torrent to `shoal download`, aria2c and qbittorrent-nox (uTP off, driven through its Web API), round by
# round, alternating. Everything lives in /dev/shm; every process is stopped by its PID on exit; every
# wait is bounded. Prints MB/s and CPU seconds per run and the ratios of the best times.
#   SHOAL=build/cli/shoal SIZE_MIB=512 ROUNDS=2 bench/download.sh
#   SHOAL_LEECH_FLAGS= bench/download.sh    # shoal's leecher with its default transports (uTP on)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib/common.sh"
shoal=${SHOAL:-$root/build/cli/shoal}
[[ $shoal == /* ]] || shoal=$PWD/$shoal
size_mib=${SIZE_MIB:-512}
rounds=${ROUNDS:-2}
limit=${LIMIT:-120}   # seconds any one download may take
read -ra clients <<<"${CLIENTS:-shoal aria2c qbittorrent}"
# The seeder is TCP-only like qbittorrent-nox here; shoal's leecher too unless told otherwise.
seed_flags=${SHOAL_SEED_FLAGS---no-utp}
leech_flags=${SHOAL_LEECH_FLAGS---no-utp}
for tool in "$shoal" aria2c qbittorrent-nox opentracker curl cmp bc /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "download.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d /dev/shm/shoal-bench.XXXXXX)
trap 'stop_all_pids; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== payload: ${size_mib} MiB of random data in $work"
mkdir -p "$work/seed"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/seed/payload.bin"

tracker_port=$(free_port)
tracker_url="http://127.0.0.2:$tracker_port/announce"
"$shoal" create "$work/seed/payload.bin" -o "$work/payload.torrent" --v1 --piece-size 1048576 \
    --tracker "$tracker_url" --quiet
hash=$("$shoal" info "$work/payload.torrent" --json | sed -nE 's/.*"info_hash_v1": *"([0-9a-f]{40})".*/\1/p')
[[ $hash =~ ^[0-9a-f]{40}$ ]] || { echo "download.sh: no v1 info-hash from shoal info" >&2; exit 1; }

# opentracker chroots into its dir and drops to nobody: dir and whitelist must be world-readable.
mkdir -m 755 "$work/tracker" && echo "$hash" >"$work/tracker/whitelist.txt" && chmod 644 "$work/tracker/whitelist.txt"
opentracker -i 127.0.0.2 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w whitelist.txt \
    >"$work/tracker.log" 2>&1 &
track_pid $!
wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.2/$tracker_port" 2>/dev/null ||
    { echo "download.sh: opentracker did not start" >&2; cat "$work/tracker.log" >&2; exit 1; }

# shellcheck disable=SC2086  # flags are words
"$shoal" seed "$work/payload.torrent" --data "$work/seed" --listen 127.0.0.3:0 --no-dht --no-lsd --no-upnp \
    $seed_flags --profile "$work/seeder" --json >"$work/seeder.log" 2>"$work/seeder.err" &
track_pid $!
wait_for 60 grep -q '"event":"seeding"' "$work/seeder.log" ||
    { echo "download.sh: the seeder did not start seeding" >&2; cat "$work/seeder.err" >&2; exit 1; }
seed_port=$(head -1 "$work/seeder.log" | sed -nE 's/.*"port": *([0-9]+).*/\1/p')
echo "== seeder on 127.0.0.3:$seed_port ($seed_flags), tracker on 127.0.0.2:$tracker_port, info-hash $hash"

results=()  # "client round seconds cpu load"
verify() { cmp -s "$work/seed/payload.bin" "$1/payload.bin" || { echo "download.sh: $2 produced a wrong copy" >&2; exit 1; }; }

run_shoal() {
    local dir="$work/dl-shoal" load t0 t1 added
    rm -rf "$dir" "$work/shoal-profile"
    load=$(load1)
    t0=$(now)
    # shellcheck disable=SC2086
    /usr/bin/time -f "%U %S" -o "$work/time.txt" timeout "$limit" "$shoal" download "$work/payload.torrent" \
        -o "$dir" --listen 127.0.0.4:0 --no-dht --no-lsd --no-upnp $leech_flags --profile "$work/shoal-profile" \
        --json >"$work/shoal.log" 2>"$work/shoal.err" ||
        { echo "download.sh: shoal download failed" >&2; cat "$work/shoal.err" >&2; exit 1; }
    t1=$(now)
    grep -q '"verified":true' "$work/shoal.log" || { echo "download.sh: shoal did not report verified" >&2; exit 1; }
    verify "$dir" shoal
    # The finished event's own seconds: from adding the torrent to complete, without start-up and shutdown.
    added=$(sed -nE 's/.*"event":"finished".*"seconds":([0-9.e+-]+).*/\1/p' "$work/shoal.log")
    results+=("shoal $1 $(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$work/time.txt") $load $added")
    rm -rf "$dir" "$work/shoal-profile"
}

run_aria2c() {
    local dir="$work/dl-aria2c" load t0 t1
    rm -rf "$dir"
    load=$(load1)
    t0=$(now)
    # A plain loopback leecher: no DHT, LPD or PEX, its own address and port, exits once complete.
    /usr/bin/time -f "%U %S" -o "$work/time.txt" timeout "$limit" aria2c --no-conf --enable-dht=false \
        --enable-dht6=false --disable-ipv6=true --bt-enable-lpd=false --enable-peer-exchange=false \
        --file-allocation=none --interface=127.0.0.5 --listen-port="$(free_port)" --dir="$dir" --seed-time=0 \
        --summary-interval=0 --console-log-level=warn --auto-save-interval=0 --quiet=true "$work/payload.torrent" ||
        { echo "download.sh: aria2c failed" >&2; exit 1; }
    t1=$(now)
    verify "$dir" aria2c
    results+=("aria2c $1 $(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$work/time.txt") $load")
    rm -rf "$dir"
}

run_qbittorrent() {
    local dir="$work/dl-qbt" profile="$work/qbt-profile" webui bt pid load t0 t1 cpu0 cpu1
    rm -rf "$dir" "$profile"
    webui=$(free_port)
    bt=$(free_port)
    mkdir -p "$profile/qBittorrent/config" "$dir"
    cat >"$profile/qBittorrent/config/qBittorrent.conf" <<CONF
[LegalNotice]
Accepted=true

[BitTorrent]
Session\\BTProtocol=TCP
Session\\DHTEnabled=false
Session\\LSDEnabled=false
Session\\PeXEnabled=false
Session\\Port=$bt
Session\\DefaultSavePath=$dir
Session\\QueueingSystemEnabled=false

[Preferences]
WebUI\\Port=$webui
WebUI\\Address=127.0.0.1
WebUI\\LocalHostAuth=false
Connection\\UPnP=false
CONF
    qbittorrent-nox --profile="$profile" >"$work/qbt.log" 2>&1 &
    pid=$!
    track_pid "$pid"
    wait_for 30 curl -sf "http://127.0.0.1:$webui/api/v2/app/version" -o /dev/null ||
        { echo "download.sh: qbittorrent-nox's Web API did not come up" >&2; exit 1; }
    qbt_done() {
        local progress
        progress=$(curl -sf "http://127.0.0.1:$webui/api/v2/torrents/info?hashes=$hash" |
            sed -nE 's/.*"progress":([0-9.e+-]+).*/\1/p')
        [[ $progress == 1 ]]
    }
    load=$(load1)
    cpu0=$(cpu_seconds "$pid")
    t0=$(now)
    curl -sf -F "torrents=@$work/payload.torrent" -F "savepath=$dir" \
        "http://127.0.0.1:$webui/api/v2/torrents/add" >/dev/null
    wait_for "$limit" qbt_done || { echo "download.sh: qbittorrent-nox did not finish" >&2; exit 1; }
    t1=$(now)
    cpu1=$(cpu_seconds "$pid")
    stop_pid "$pid"
    verify "$dir" qbittorrent-nox
    results+=("qbittorrent-nox $1 $(echo "$t1 - $t0" | bc -l) $(echo "$cpu1 - $cpu0" | bc -l) $load")
    rm -rf "$dir" "$profile"
}

for ((round = 1; round <= rounds; round++)); do
    # Rotate the order every round so no client always runs first (or right after another one).
    order=()
    for ((i = 0; i < ${#clients[@]}; i++)); do order+=("${clients[$(((i + round - 1) % ${#clients[@]}))]}"); done
    for client in "${order[@]}"; do
        echo "== round $round: $client"
        "run_$client" "$round"
    done
done

echo
echo "${size_mib} MiB; seconds: shoal and aria2c from process start to exit, qbittorrent-nox from the add call"
echo "to progress 1 (polled every 50 ms); cpu s: user+system of the leecher; load: 1-min load average at the start;"
echo "added->done: shoal's own finished event (from adding the torrent to complete, no start-up or shutdown)"
printf '%-16s %5s %8s %9s %7s %6s %9s\n' client round seconds "MB/s" "cpu s" load "added->done"
for r in "${results[@]}"; do
    read -r name round secs cpu load added <<<"$r"
    printf '%-16s %5s %8.2f %9.1f %7.2f %6s %9s\n' "$name" "$round" "$secs" \
        "$(echo "$size_mib * 1.048576 / $secs" | bc -l)" "$cpu" "$load" "${added:+$(printf '%.2f' "$added")}"
done
best() { printf '%s\n' "${results[@]}" | awk -v c="$1" '$1 == c {print $3}' | sort -n | head -1; }
echo
line="best times:"
declare -A bt
for c in shoal aria2c qbittorrent-nox; do
    bt[$c]=$(best "$c")
    [[ -n ${bt[$c]} ]] && line+=$(printf ' %s %.2f s,' "$c" "${bt[$c]}")
done
echo "${line%,}"
if [[ -n ${bt[shoal]} ]]; then
    [[ -n ${bt[aria2c]} ]] &&
        printf 'shoal vs aria2c:          %.2fx (target >= 1.5)\n' "$(echo "${bt[aria2c]} / ${bt[shoal]}" | bc -l)"
    [[ -n ${bt[qbittorrent-nox]} ]] &&
        printf 'shoal vs qbittorrent-nox: %.2fx (target >= 1.2)\n' "$(echo "${bt[qbittorrent-nox]} / ${bt[shoal]}" | bc -l)"
fi
exit 0
