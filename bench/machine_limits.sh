#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# The machine's own limits, for reading the benchmarks: hashing on one core, one loopback TCP stream,
# writing fresh pages to tmpfs. Prints one small table (MB = 10^6 bytes).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/bench/lib/common.sh"
for tool in openssl iperf3 dd python3; do
    command -v "$tool" >/dev/null || { echo "machine_limits.sh: $tool is missing" >&2; exit 1; }
done
trap 'stop_all_pids; rm -f "${ddfile:-}"' EXIT
trap 'exit 130' INT TERM
rows=()

# openssl speed prints "sha1  ...  <rate for 16384-byte blocks>k" (1000s of bytes per second).
for alg in sha1 sha256; do
    mbs=$(timeout 60 openssl speed -seconds 2 -evp "$alg" 2>/dev/null |
        awk -v a="$alg" '$1 == a {sub(/k$/, "", $NF); printf "%.0f", $NF / 1000}')
    rows+=("$alg, one core (openssl speed -evp, 16 KiB blocks)|$mbs MB/s")
done

port=$(free_port)
iperf3 -s -B 127.0.0.1 -p "$port" -1 >/dev/null 2>&1 &
track_pid $!
# Ready once listening; a probe connection would use up the one client that -1 serves.
wait_for 10 bash -c "ss -ltnH 'sport = :$port' | grep -q ." || { echo "machine_limits.sh: iperf3 -s did not start" >&2; exit 1; }
mbs=$(timeout 20 iperf3 -c 127.0.0.1 -p "$port" -t 3 -J |
    python3 -c 'import json, sys; print(round(json.load(sys.stdin)["end"]["sum_received"]["bits_per_second"] / 8e6))')
rows+=("loopback TCP, one stream (iperf3 -t 3)|$mbs MB/s")
stop_all_pids

# Fresh pages: a new file each time, so the kernel allocates and zeroes every page (as a download does).
ddfile=$(mktemp /dev/shm/shoal-dd.XXXXXX)
rm -f "$ddfile"
mbs=$(timeout 60 dd if=/dev/zero of="$ddfile" bs=1M count=1024 2>&1 |
    awk '/copied/ {for (i = 1; i <= NF; i++) if ($i == "s,") {printf "%.0f", $1 / $(i - 1) / 1e6}}')
rm -f "$ddfile"
rows+=("writing fresh pages to tmpfs (dd, 1 GiB)|$mbs MB/s")

printf '%-54s %10s\n' "what" "figure"
for r in "${rows[@]}"; do printf '%-54s %10s\n' "${r%%|*}" "${r#*|}"; done
