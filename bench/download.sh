#!/usr/bin/env bash
# Download benchmark: one `shoal seed` on loopback behind Debian's opentracker serves the same random v1
# torrent to `shoal download`, aria2c and qbittorrent-nox (uTP off, driven through its Web API), round by
# round, alternating. Everything lives in /dev/shm; every process is stopped by its PID on exit; every
# wait is bounded. Prints MB/s and CPU seconds per run and the ratios of the best times.
#   SHOAL=build/cli/shoal SIZE_MIB=512 ROUNDS=2 bench/download.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
shoal=${SHOAL:-$root/build/cli/shoal}
size_mib=${SIZE_MIB:-512}
rounds=${ROUNDS:-2}
limit=${LIMIT:-120}   # seconds any one download may take
for tool in "$shoal" aria2c qbittorrent-nox opentracker curl /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "download.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d /dev/shm/shoal-bench.XXXXXX)
pids=()
stop_all() {
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do timeout 10 tail --pid="$pid" -f /dev/null 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap stop_all EXIT

free_port() {  # a TCP port nobody listens on right now
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        ss -ltnH "sport = :$port" | grep -q . || { echo "$port"; return; }
    done
}
wait_for() {  # wait_for SECONDS COMMAND...: poll a condition, bounded
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}
cpu_seconds() {  # user+system seconds of a live process, from /proc
    awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

echo "== payload: ${size_mib} MiB of random data in $work"
mkdir -p "$work/seed"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/seed/payload.bin"

tracker_port=$(free_port)
tracker_url="http://127.0.0.2:$tracker_port/announce"
"$shoal" create "$work/seed/payload.bin" -o "$work/payload.torrent" --v1 --piece-size 1048576 \
    --tracker "$tracker_url" --quiet
hash=$("$shoal" info "$work/payload.torrent" --json | sed -nE 's/.*"info_hash_v1": "([0-9a-f]{40})".*/\1/p')

# opentracker chroots into its dir and drops to nobody: dir and whitelist must be world-readable.
mkdir -m 755 "$work/tracker" && echo "$hash" >"$work/tracker/whitelist.txt" && chmod 644 "$work/tracker/whitelist.txt"
opentracker -i 127.0.0.2 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w whitelist.txt \
    >"$work/tracker.log" 2>&1 &
pids+=($!)
wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.2/$tracker_port" 2>/dev/null

"$shoal" seed "$work/payload.torrent" --data "$work/seed" --listen 127.0.0.3:0 --no-dht --no-lsd --no-upnp \
    --no-utp --profile "$work/seeder" --json >"$work/seeder.log" 2>"$work/seeder.err" &
pids+=($!)
wait_for 60 grep -q '"event":"seeding"' "$work/seeder.log" || { cat "$work/seeder.err" >&2; exit 1; }
echo "== seeder ready on $(grep -m1 listening "$work/seeder.log"), tracker on 127.0.0.2:$tracker_port"

results=()  # "client seconds cpu"
verify() { cmp -s "$work/seed/payload.bin" "$1/payload.bin" || { echo "download.sh: $2 produced a wrong copy" >&2; exit 1; }; }

run_shoal() {
    local dir="$work/dl-shoal" t0 t1
    rm -rf "$dir" "$work/shoal-profile"
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/time.txt" timeout "$limit" "$shoal" download "$work/payload.torrent" \
        -o "$dir" --listen 127.0.0.4:0 --no-dht --no-lsd --no-upnp --no-utp --profile "$work/shoal-profile" --quiet
    t1=$(date +%s.%N)
    verify "$dir" shoal
    results+=("shoal $(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$work/time.txt")")
    rm -rf "$dir"
}

run_aria2c() {
    local dir="$work/dl-aria2c" t0 t1
    rm -rf "$dir"
    t0=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/time.txt" timeout "$limit" aria2c --no-conf --enable-dht=false \
        --enable-dht6=false --disable-ipv6=true --bt-enable-lpd=false --enable-peer-exchange=false \
        --file-allocation=none --interface=127.0.0.5 --listen-port="$(free_port)" --dir="$dir" --seed-time=0 \
        --summary-interval=0 --console-log-level=warn --auto-save-interval=0 --quiet=true "$work/payload.torrent"
    t1=$(date +%s.%N)
    verify "$dir" aria2c
    results+=("aria2c $(echo "$t1 - $t0" | bc -l) $(awk '{print $1 + $2}' "$work/time.txt")")
    rm -rf "$dir"
}

run_qbittorrent() {
    local dir="$work/dl-qbt" profile="$work/qbt-profile" webui bt pid t0 t1 cpu0 cpu1 progress
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
    pids+=("$pid")
    wait_for 30 curl -sf "http://127.0.0.1:$webui/api/v2/app/version" -o /dev/null
    cpu0=$(cpu_seconds "$pid")
    t0=$(date +%s.%N)
    curl -sf -F "torrents=@$work/payload.torrent" -F "savepath=$dir" "http://127.0.0.1:$webui/api/v2/torrents/add" >/dev/null
    qbt_done() {
        progress=$(curl -sf "http://127.0.0.1:$webui/api/v2/torrents/info?hashes=$hash" | sed -nE 's/.*"progress":([0-9.e+-]+).*/\1/p')
        [[ $progress == 1 ]]
    }
    wait_for "$limit" qbt_done || { echo "download.sh: qbittorrent-nox did not finish" >&2; exit 1; }
    t1=$(date +%s.%N)
    cpu1=$(cpu_seconds "$pid")
    kill -TERM "$pid"
    timeout 20 tail --pid="$pid" -f /dev/null || kill -KILL "$pid"
    verify "$dir" qbittorrent-nox
    results+=("qbittorrent-nox $(echo "$t1 - $t0" | bc -l) $(echo "$cpu1 - $cpu0" | bc -l)")
    rm -rf "$dir" "$profile"
}

clients=(shoal aria2c qbittorrent)
for ((round = 1; round <= rounds; round++)); do
    # Alternate the order every round so no client always runs on a warmer machine.
    if ((round % 2 == 0)); then order=(qbittorrent aria2c shoal); else order=("${clients[@]}"); fi
    for client in "${order[@]}"; do
        echo "== round $round: $client"
        "run_$client"
    done
done

echo
printf '%-16s %8s %10s %8s\n' client seconds "MB/s" "cpu s"
for r in "${results[@]}"; do
    read -r name secs cpu <<<"$r"
    printf '%-16s %8.2f %10.1f %8.2f\n' "$name" "$secs" "$(echo "$size_mib * 1.048576 / $secs" | bc -l)" "$cpu"
done
best() { printf '%s\n' "${results[@]}" | awk -v c="$1" '$1 == c {print $2}' | sort -n | head -1; }
s=$(best shoal); a=$(best aria2c); q=$(best qbittorrent-nox)
echo
printf 'best times: shoal %.2f s, aria2c %.2f s, qbittorrent-nox %.2f s\n' "$s" "$a" "$q"
printf 'shoal vs aria2c: %.2fx (target >= 1.5)   shoal vs qbittorrent-nox: %.2fx (target >= 1.2)\n' \
    "$(echo "$a / $s" | bc -l)" "$(echo "$q / $s" | bc -l)"
