#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A kill storm: Shoal downloading from rate-limited `shoal seed` processes on loopback (behind Debian's
# opentracker) is SIGKILLed KILLS times at random moments (0.5-4 s apart, seeded RNG) and started again.
# After each kill: SQLite's PRAGMA integrity_check on its library (shoal.db), what the library would give
# the restart (pieces in its resume data), and, once restarted, whether every torrent is back. At the
# end: wait until complete (bounded), compare the data byte for byte, and divide what the seeders
# uploaded (their own counters: the last `seeding` event of each `shoal seed --json`) by the payload:
# the redundancy, the price of the kills (target <= 1.10).
#   MODE=daemon   (default) `shoal daemon` with TORRENTS (5) torrents of SIZE_MIB (120) in total, driven over RPC,
#                 all downloading at once (QUEUE=default keeps Shoal's queue of 3 active downloads)
#   MODE=download `shoal download` of one torrent of SIZE_MIB (128); counts restarts that began again from 0
#   KILLS=50 SEED=1234 RATE=bytes/s (all seeders together; default: the payload in KILLS x 2.8 s)
#   PIECE=262144 LIMIT=seconds for the final completion  SHOAL=path/to/shoal  KEEP_WORK=1 (keep the logs)
# Everything lives in /dev/shm; every process is stopped by its PID on exit; every wait is bounded.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib/common.sh"
shoal=${SHOAL:-$root/build/cli/shoal}
[[ $shoal == /* ]] || shoal=$PWD/$shoal
mode=${MODE:-daemon}
kills=${KILLS:-50}
seed=${SEED:-$(($(date +%s) % 1000000))}
piece=${PIECE:-262144}
case $mode in
    daemon) count=${TORRENTS:-5}; size_mib=${SIZE_MIB:-120} ;;
    download) count=1; size_mib=${SIZE_MIB:-128} ;;
    *) echo "killstorm.sh: MODE is daemon or download" >&2; exit 2 ;;
esac
queue=${QUEUE:-$count}  # daemon: downloads active at once (download-queue-size); "default" leaves Shoal's
[[ $mode == daemon ]] || queue=none
payload=$((size_mib * 1024 * 1024))
# Slow enough that the download outlasts the storm (a mean of 2.25 s up between kills, plus restarts).
rate=${RATE:-$((payload * 16 / (kills * 45)))}
limit=${LIMIT:-$((3 * payload / rate + 120))}
py=/usr/bin/python3  # Debian's, with python3-libtorrent (`python3` on PATH may be a pyenv shim)
export PYTHONDONTWRITEBYTECODE=1  # storm.py imports trpc.py: no __pycache__ in the tree
lib=$root/bench/lib
for tool in "$shoal" opentracker sqlite3 cmp "$py"; do
    command -v "$tool" >/dev/null || { echo "killstorm.sh: $tool is missing (scripts/install-deps.sh)" >&2; exit 1; }
done
"$py" -c 'import libtorrent' 2>/dev/null || { echo "killstorm.sh: python3-libtorrent is missing" >&2; exit 1; }

# The waits come first from the seeded RNG, so the same SEED gives the same storm.
RANDOM=$seed
waits=()
for ((k = 0; k < kills; k++)); do
    ms=$((500 + RANDOM % 3501))
    waits+=("$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))")
done

work=$(mktemp -d /dev/shm/shoal-bench-killstorm.XXXXXX)
# KEEP_WORK=1 keeps the logs and libraries (not the payload) for a look afterwards.
cleanup() {
    stop_all_pids
    if [[ ${KEEP_WORK:-0} == 1 ]]; then
        rm -rf "${work:?}/seed" "${work:?}/dl" "${work:?}/bin"
        echo "kept $work"
    else
        rm -rf "$work" 2>/dev/null || { sleep 1; rm -rf "$work"; }  # once more if a dying process still wrote
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# A copy of the binary: the storm starts it ~50 times, and a rebuild in the tree meanwhile ("Permission
# denied" while the linker writes it) would end the storm.
shoal_built=$shoal
mkdir -p "$work/bin" && cp -p "$shoal" "$work/bin/shoal" && shoal=$work/bin/shoal
load_start=$(load1)
echo "== kill storm: MODE=$mode KILLS=$kills SEED=$seed, $count torrent(s), $size_mib MiB, pieces $piece B,$([[ $mode == daemon ]] && echo " queue $queue,")"
echo "   seeders limited to $rate B/s in total, completion bounded to $limit s (load $load_start)"
echo "   $("$shoal" --version), binary of $(date -r "$shoal_built" '+%F %T'), tree at $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"

tracker_port=$(free_port)
tracker_url="http://127.0.0.2:$tracker_port/announce"
mkdir -p "$work/seed" "$work/torrents" "$work/dl"
mkdir -m 755 "$work/tracker"
per_size=$((payload / count))
for ((i = 1; i <= count; i++)); do
    mkdir -p "$work/seed/$i"
    head -c "$per_size" /dev/urandom >"$work/seed/$i/storm-$i.bin"
    "$shoal" create "$work/seed/$i/storm-$i.bin" -o "$work/torrents/storm-$i.torrent" --v1 --piece-size "$piece" \
        --tracker "$tracker_url" --quiet
    "$shoal" info "$work/torrents/storm-$i.torrent" --json |
        sed -nE 's/.*"info_hash_v1": *"([0-9a-f]{40})".*/\1/p' >>"$work/hashes.txt"
done
(($(grep -cE '^[0-9a-f]{40}$' "$work/hashes.txt") == count)) || { echo "killstorm.sh: no info-hashes from shoal info" >&2; exit 1; }

# opentracker chroots into its dir and drops to nobody: dir and whitelist must be world-readable.
cp "$work/hashes.txt" "$work/tracker/whitelist.txt" && chmod 644 "$work/tracker/whitelist.txt"
opentracker -i 127.0.0.2 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w whitelist.txt \
    >"$work/tracker.log" 2>&1 &
track_pid $!
wait_for 10 bash -c "exec 3<>/dev/tcp/127.0.0.2/$tracker_port" 2>/dev/null ||
    { echo "killstorm.sh: opentracker did not start" >&2; cat "$work/tracker.log" >&2; exit 1; }

# One `shoal seed` per torrent, each on its own 127.0.0.1N, each limited to its share of RATE; TCP only
# everywhere (a SIGKILLed peer that talked uTP was refused for over a minute when it came back:
# docs/libtorrent-notes.md).
for ((i = 1; i <= count; i++)); do
    "$shoal" seed "$work/torrents/storm-$i.torrent" --data "$work/seed/$i" --listen "127.0.0.$((10 + i)):0" \
        --no-dht --no-lsd --no-upnp --no-utp --up-limit "$((rate / count))" --profile "$work/seeder-$i" --json \
        >"$work/seeder-$i.log" 2>"$work/seeder-$i.err" &
    track_pid $!
done
for ((i = 1; i <= count; i++)); do
    wait_for 60 grep -q '"event":"seeding"' "$work/seeder-$i.log" ||
        { echo "killstorm.sh: seeder $i did not start seeding" >&2; cat "$work/seeder-$i.err" >&2; exit 1; }
done
echo "== $count seeder(s) on 127.0.0.11$( ((count > 1)) && echo "-$((10 + count))"), tracker on 127.0.0.2:$tracker_port"

profile=$work/profile
db=$profile/shoal.db
pid=""
run=0
# start_client: the daemon or the download, with its library in $profile, on 127.0.0.20; sets pid and log.
start_client() {
    run=$((run + 1))
    log=$work/run-$run.log
    if [[ $mode == daemon ]]; then
        HOME="$work/home" "$shoal" daemon --foreground --rpc-bind 127.0.0.1:0 --listen 127.0.0.20:0 --no-dht \
            --no-lsd --no-upnp --no-utp --profile "$profile" --json >"$log" 2>>"$work/client.err" &
    else
        HOME="$work/home" "$shoal" download "$work/torrents/storm-1.torrent" -o "$work/dl" --listen 127.0.0.20:0 \
            --no-dht --no-lsd --no-upnp --no-utp --profile "$profile" --json >"$log" 2>>"$work/client.err" &
    fi
    pid=$!
    track_pid "$pid"
}

# have_now FILE: what the client has now (verified bytes per torrent), before a kill.
have_now() {
    if [[ $mode == daemon ]]; then
        timeout 10 "$py" "$lib/storm.py" have --url "$url" >"$1" || echo '{"have": {}}' >"$1"
    else
        timeout 10 "$py" "$lib/storm.py" have --log "$log" "$(head -1 "$work/hashes.txt")" >"$1"
    fi
}

# wait_back T0 FILE: until the restarted client has every torrent back and out of checking (daemon: RPC
# torrent-get; download: its first progress report), at most 60 s from T0; what it restored goes to FILE.
wait_back() {
    if [[ $mode == daemon ]]; then
        timeout 70 "$py" "$lib/storm.py" back --rpclog "$log" "$1" 60 "$work/hashes.txt" >"$2" || true
        url=$(sed -nE 's/.*"url": *"([^"]+)".*/\1/p' "$2")
    else
        timeout 70 "$py" "$lib/storm.py" back --log "$log" "$(head -1 "$work/hashes.txt")" "$1" 60 >"$2" || true
    fi
}

# field KEY FILE: a number (or null/true/false) from a one-line JSON file.
field() { sed -nE "s/.*\"$1\": *(-?[0-9.]+|null|true|false).*/\\1/p" "$2" | head -1; }
mib() { echo "${1:-0} / 1048576" | bc -l; }

echo "== starting the $mode"
t0=$(now)
start_client
url=""
if [[ $mode == daemon ]]; then
    url=$("$py" "$lib/trpc.py" wait-rpc --log "$log" 60) ||
        { echo "killstorm.sh: the daemon's RPC did not come up" >&2; tail -5 "$work/client.err" >&2; exit 1; }
    # Shoal queues downloads (3 active by default; Transmission 5): let all of them download at once,
    # through Transmission's own key, kept in the library across the restarts. QUEUE=default keeps 3.
    if [[ $queue != default ]]; then
        "$py" "$lib/trpc.py" call "$url" session-set "{\"download-queue-size\": $queue}" >/dev/null
    fi
    "$py" "$lib/trpc.py" add-dir "$url" "$work/torrents" "$work/dl"
fi
wait_back "$t0" "$work/back.json"
[[ $(field back "$work/back.json") == "$count" ]] || { echo "killstorm.sh: not started: $(cat "$work/back.json")" >&2; exit 1; }

kills_done=0 integrity_ok=0 back_ok=0 saved_zero=0 restored_zero=0 killed_incomplete=0 lost=0 finished_early=0 client_failed=0
integrity_bad=()
for ((k = 1; k <= kills; k++)); do
    sleep "${waits[$((k - 1))]}"
    if ! kill -0 "$pid" 2>/dev/null; then
        code=0
        wait "$pid" 2>/dev/null || code=$?
        stop_pid "$pid"
        if [[ $mode == download ]] && grep -q '"event":"finished"' "$log"; then
            # The download exits once complete: the storm is over early.
            finished_early=1
            echo "kill $k: the download had completed and exited; the storm ends here"
        else
            client_failed=1
            echo "killstorm.sh: the $mode exited by itself (exit $code) before kill $k:" >&2
            tail -3 "$work/client.err" >&2
        fi
        break
    fi
    have_now "$work/before.json"
    disown "$pid"  # no "Killed" notice from bash
    if ! kill -KILL "$pid" 2>/dev/null; then
        # It exited on its own in the last instant (disowned: its exit code is gone; its log says why).
        stop_pid "$pid"
        if [[ $mode == download ]] && grep -q '"event":"finished"' "$log"; then
            finished_early=1
            echo "kill $k: the download had completed and exited; the storm ends here"
        else
            client_failed=1
            echo "killstorm.sh: the $mode exited by itself before kill $k:" >&2
            tail -3 "$work/client.err" >&2
        fi
        break
    fi
    timeout 10 tail -s 0.05 --pid="$pid" -f /dev/null 2>/dev/null || { echo "killstorm.sh: $pid survived SIGKILL" >&2; exit 1; }
    stop_pid "$pid"  # forget it
    kills_done=$k
    check=$(timeout 60 sqlite3 -readonly "$db" 'PRAGMA integrity_check' 2>&1 || true)
    if [[ $check == ok ]]; then integrity_ok=$((integrity_ok + 1)); else integrity_bad+=("kill $k: ${check//$'\n'/ | }"); fi
    timeout 60 "$py" "$lib/storm.py" saved "$db" >"$work/saved.json" 2>"$work/saved.err" || echo '{"bytes": {}}' >"$work/saved.json"
    t0=$(now)
    start_client
    wait_back "$t0" "$work/back.json"
    "$py" "$lib/storm.py" account "$work/before.json" "$work/saved.json" "$work/back.json" >"$work/account.json"
    had=$(field had "$work/account.json")
    ((had < payload)) && killed_incomplete=$((killed_incomplete + 1))
    lost=$((lost + $(field lost "$work/account.json")))
    saved_zero=$((saved_zero + $(field saved_zero "$work/account.json")))
    restored_zero=$((restored_zero + $(field restored_zero "$work/account.json")))
    [[ $(field back "$work/back.json") == "$count" ]] && back_ok=$((back_ok + 1))
    printf 'kill %2d/%d after %ss: had %6.1f MiB, shoal.db: integrity %s, saved %6.1f MiB (no resume data: %s, at 0: %s); back %s/%s in %ss, out of checking in %ss, with %.1f MiB\n' \
        "$k" "$kills" "${waits[$((k - 1))]}" "$(mib "$had")" "$check" "$(mib "$(field saved "$work/account.json")")" \
        "$(field without_resume "$work/saved.json")" "$(field at_zero "$work/saved.json")" \
        "$(field back "$work/back.json")" "$count" "$(field seconds "$work/back.json")" \
        "$(field checked_seconds "$work/back.json")" "$(mib "$(field restored "$work/account.json")")"
done

echo "== storm over: waiting for completion (at most $limit s)"
complete=false
t_done0=$(now)
if ((client_failed)); then
    :
elif [[ $mode == daemon ]]; then
    timeout "$((limit + 30))" "$py" "$lib/storm.py" complete "$url" "$limit" >"$work/complete.json" || true
    [[ $(field complete "$work/complete.json") == true ]] && complete=true
    stop_pid "$pid"
elif ((finished_early)); then
    grep -q '"verified":true' "$log" && complete=true
else
    if timeout "$limit" tail -s 0.2 --pid="$pid" -f /dev/null 2>/dev/null; then
        code=0
        wait "$pid" 2>/dev/null || code=$?
        [[ $code == 0 ]] && grep -q '"verified":true' "$log" && complete=true
    fi
    stop_pid "$pid"
fi
t_done=$(echo "$(now) - $t_done0" | bc -l)

same=0
for ((i = 1; i <= count; i++)); do
    cmp -s "$work/seed/$i/storm-$i.bin" "$work/dl/storm-$i.bin" && same=$((same + 1))
done

# The seeders' own counters: `shoal seed --json` reports its payload bytes uploaded every second.
sleep 2
uploaded=0
for ((i = 1; i <= count; i++)); do
    u=$("$py" "$lib/storm.py" last "$work/seeder-$i.log" seeding uploaded)
    uploaded=$((uploaded + u))
done
redundancy=$(echo "$uploaded / $payload" | bc -l)
load_end=$(load1)

echo
echo "kill storm, MODE=$mode, SEED=$seed: $count torrent(s), $size_mib MiB, seeders limited to $rate B/s in total$([[ $mode == daemon ]] && echo ", download queue $queue")"
printf '%-44s %s\n' "kills" "$kills_done of $kills$( ((finished_early)) && echo " (the download completed first)")" \
    "kills while incomplete" "$killed_incomplete" \
    "integrity_check ok" "$integrity_ok of $kills_done" \
    "every torrent back after the restart" "$back_ok of $kills_done" \
    "restarts from 0 after progress (client)" "$restored_zero (torrent-restarts: had verified data, came back with none)" \
    "restarts from 0 after progress (library)" "$saved_zero (torrent-restarts: had verified data, shoal.db saved none)" \
    "progress lost at the kills" "$(printf '%.1f MiB (verified before the kill - saved in shoal.db)' "$(mib "$lost")")" \
    "complete after the storm" "$complete, in $(printf '%.1f' "$t_done") s" \
    "byte-identical copies" "$same of $count" \
    "seeders uploaded (their own counters)" "$(printf '%.1f MiB' "$(echo "$uploaded / 1048576" | bc -l)")" \
    "redundancy (uploaded / payload)" "$(printf '%.2fx (target <= 1.10)' "$redundancy")" \
    "load average (start / end)" "$load_start / $load_end"
for line in "${integrity_bad[@]}"; do echo "integrity: $line"; done
printf '{"bench": "killstorm", "mode": "%s", "queue": "%s", "seed": %s, "torrents": %s, "payload_bytes": %s, "rate": %s, "kills": %s, "kills_incomplete": %s, "integrity_ok": %s, "back_ok": %s, "from_zero": %s, "from_zero_library": %s, "lost_bytes": %s, "complete": %s, "complete_seconds": %.1f, "identical": %s, "uploaded_bytes": %s, "redundancy": %.3f, "load_start": %s, "load_end": %s}\n' \
    "$mode" "$queue" "$seed" "$count" "$payload" "$rate" "$kills_done" "$killed_incomplete" "$integrity_ok" "$back_ok" \
    "$restored_zero" "$saved_zero" "$lost" "$complete" "$t_done" "$same" "$uploaded" "$redundancy" "$load_start" "$load_end"
[[ $complete == true && $same == "$count" && $integrity_ok == "$kills_done" ]]
