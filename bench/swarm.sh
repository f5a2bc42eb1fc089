#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The swarm lab at scale: 1 seeder and 49 leechers (in-process shoal sessions, each on its own 127.x
# address), 256 MiB, no limits, in tmpfs. Prints the wall time, the ratio to a bound computed from this
# machine's measured limits (bench/machine_limits.sh), and the peak RSS per peer.
#   SHOAL=path/to/shoal  SIZE_MIB=256  LEECHERS=49  LIMIT=900 (seconds)  PROCESSES=1  bench/swarm.sh
# PROCESSES=1 runs each peer as its own process (`--processes`): the peak RSS per peer is then each
# process's own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib/common.sh"
shoal=${SHOAL:-$root/build/cli/shoal}
size_mib=${SIZE_MIB:-256}
leechers=${LEECHERS:-49}
limit=${LIMIT:-900}
mode_flag=()
[[ ${PROCESSES:-0} == 1 ]] && mode_flag=(--processes)
[[ -x $shoal ]] || { echo "swarm.sh: no shoal binary at $shoal (set SHOAL=)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "swarm.sh: python3 is missing" >&2; exit 1; }
work=$(mktemp -d /dev/shm/shoal-bench-swarm.XXXXXX)
trap 'stop_all_pids; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

echo "== machine limits"
limits=$("$root/bench/machine_limits.sh")
echo "$limits"
figure() { awk -v k="$1" 'index($0, k) == 1 {print $(NF-1)}' <<<"$limits"; }
sha1=$(figure "sha1")
loop=$(figure "loopback TCP")
tmpfs=$(figure "writing fresh pages")

python3 - "$work/scenario.json" "$size_mib" "$leechers" "$limit" <<'PY'
import json, sys
path, size, leechers, limit = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
json.dump({"name": "bench-swarm",
           "payload": {"size": f"{size}MiB", "seed": 50, "kind": "v1", "piece_size": "1MiB"},
           "discovery": "direct",
           "groups": [{"name": "seeder", "role": "seeder", "count": 1},
                      {"name": "leechers", "role": "leecher", "count": leechers}],
           "stop": {"when": "all_complete", "deadline": limit},
           "report": {"sample_interval": 0.5, "verify": True},
           "expect": {"all_complete_by": limit, "no_corrupt_data": True}}, open(path, "w"))
PY

echo "== shoal swarm run ${mode_flag[*]}: 1 seeder, $leechers leechers, $size_mib MiB (load $(load1))"
start=$(now)
set +e
/usr/bin/time -f "%e %M" -o "$work/time.txt" timeout "$((${limit%.*} + 120))" \
    "$shoal" swarm run "$work/scenario.json" --out "$work/out" --work "$work/lab" --json "${mode_flag[@]}" >"$work/events.ndjson" &
track_pid $!
wait $!
code=$?
set -e
end=$(now)
echo "exit code $code"
[[ -f $work/out/report.json ]] || { echo "swarm.sh: no report" >&2; tail -5 "$work/events.ndjson" >&2; exit 1; }
cp "$work/out/report.json" "${REPORT_COPY:-/dev/null}" 2>/dev/null || true

python3 - "$work/out/report.json" "$work/time.txt" "$sha1" "$loop" "$tmpfs" "$start" "$end" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
wall_total, rss_kb = open(sys.argv[2]).read().split()
sha1, loop, tmpfs = (float(x) * 1e6 for x in sys.argv[3:6])
sw, pl = report["swarm"], report["payload"]
moved = pl["bytes"] * sw["leechers"]
# Each byte a leecher gets is sent and received over loopback once, SHA-1 hashed once and written to
# tmpfs once; the two cores share that work. The bound is that CPU time spread over both cores.
bound = moved * (1 / loop + 1 / sha1 + 1 / tmpfs) / 2
lab = sw["time_to_all_complete"] or report["duration_seconds"]
print(f"completed              {sw['completed']}/{sw['leechers']} (verified {sw['verified_copies']})")
print(f"payload x leechers     {moved / 1e9:.2f} GB")
print(f"time to all complete   {lab:.2f} s (lab clock; first copy {sw['time_to_first_copy']} s)")
print(f"setup (payload+torrent) {report['setup_seconds']:.2f} s; whole command {float(wall_total):.2f} s")
print(f"swarm throughput       {moved / lab / 1e6:.0f} MB/s delivered to leechers")
print(f"bound                  {bound:.2f} s  (bytes x (1/loopback + 1/sha1 + 1/tmpfs) / 2 cores)")
print(f"ratio to the bound     {lab / bound:.2f}x")
if sw.get("peer_processes"):
    rss = sorted(p["peak_rss"] for p in report["peers"] if p["peak_rss"])
    anon = sorted(p["peak_rss_anon"] for p in report["peers"] if p["peak_rss_anon"])
    print(f"peak RSS               per peer process: median {rss[len(rss) // 2] / 2**20:.1f} MiB, max {rss[-1] / 2**20:.1f} MiB "
          f"(heap alone: median {anon[len(anon) // 2] / 2**20:.1f} MiB, max {anon[-1] / 2**20:.1f} MiB; the rest is the payload's mapped pages)")
else:
    peers = sw["leechers"] + 1
    print(f"peak RSS               {int(rss_kb) / 1024:.0f} MiB for the process, {int(rss_kb) / 1024 / peers:.1f} MiB per peer "
          f"(heap alone: {sw['process_peak_rss_anon'] / 2**20 / peers:.1f} MiB per peer; the rest is the payload's mapped pages)")
print(f"redundancy             {sw['redundancy']}  hash failures {sw['hash_failures']}")
PY
