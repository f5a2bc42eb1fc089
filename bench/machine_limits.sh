#!/usr/bin/env bash
# The machine's own limits, for reading the benchmarks: hashing per core, loopback TCP, tmpfs writes.
set -euo pipefail
for tool in openssl iperf3 dd; do command -v "$tool" >/dev/null || { echo "machine_limits.sh: $tool missing" >&2; exit 1; }; done
echo "== SHA-1 / SHA-256, one core (openssl speed, 16 KiB blocks)"
for alg in sha1 sha256; do
    openssl speed -seconds 2 -evp "$alg" 2>/dev/null | awk -v a="$alg" '/^(sha1|sha256)/ {printf "%-8s %8.0f MB/s\n", a, $NF / 1000}'
done

echo "== loopback TCP, one stream (iperf3, 3 s)"
port=$((20000 + RANDOM % 40000))
iperf3 -s -B 127.0.0.1 -p "$port" -1 >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
# Ready once listening; a probe connection would use up the one client `-1` serves.
for _ in $(seq 50); do ss -ltnH "sport = :$port" | grep -q . && break; sleep 0.1; done
iperf3 -c 127.0.0.1 -p "$port" -t 3 -f m 2>/dev/null | awk '/receiver/ {printf "loopback %8.0f MB/s\n", $(NF-2) / 8 * 1.048576}'

echo "== writing fresh pages to tmpfs (dd, 1 GiB)"
file=$(mktemp /dev/shm/shoal-dd.XXXXXX)
dd if=/dev/zero of="$file" bs=1M count=1024 conv=fdatasync 2>&1 | awk '/copied/ {print "tmpfs    " $(NF-1) " " $NF}'
rm -f "$file"
