#!/usr/bin/env bash
# Quick start #1: installs what is missing, builds, and runs the main job — a local swarm on loopback:
# generate a file, create a torrent, seed it from 127.0.0.2, download it on 127.0.0.3 with a progress
# bar, and verify the copy. Offline; everything happens in a temporary directory that is removed after.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" shoal
shoal=${SHOAL:-${SHOAL_BUILD_DIR:-$root/build}/cli/shoal}
size_mib=${SHOAL_DEMO_MIB:-256}

work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-demo.XXXXXX")
seeder_pid=""
cleanup() {
    if [[ -n $seeder_pid ]] && kill -0 "$seeder_pid" 2>/dev/null; then
        kill -TERM "$seeder_pid" 2>/dev/null || true
        timeout 15 tail --pid="$seeder_pid" -f /dev/null || kill -KILL "$seeder_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/source" "$work/downloads"

echo "== generating ${size_mib} MiB of random data"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$work/source/demo.bin"

echo "== creating demo.torrent"
"$shoal" create "$work/source/demo.bin" -o "$work/demo.torrent" --v1
"$shoal" info "$work/demo.torrent"

echo "== seeding from 127.0.0.2"
common=(--no-dht --no-lsd --no-upnp --no-utp)
"$shoal" seed "$work/demo.torrent" --data "$work/source" --listen 127.0.0.2:0 --profile "$work/seeder" \
    "${common[@]}" --json >"$work/seeder.log" 2>"$work/seeder.err" &
seeder_pid=$!
port=""
for _ in $(seq 1 300); do  # bounded: up to 30 s for the seeder to check its data and start seeding
    port=$(grep -m1 '"event":"listening"' "$work/seeder.log" 2>/dev/null | sed -E 's/.*"port":([0-9]+).*/\1/' || true)
    [[ -n $port ]] && grep -q '"event":"seeding"' "$work/seeder.log" && break
    port=""
    kill -0 "$seeder_pid" 2>/dev/null || { cat "$work/seeder.err" >&2; exit 1; }
    sleep 0.1
done
[[ -n $port ]] || { echo "demo: the seeder did not start seeding" >&2; cat "$work/seeder.err" >&2; exit 1; }
echo "   seeder listening on 127.0.0.2:$port (pid $seeder_pid)"

echo "== downloading on 127.0.0.3"
"$shoal" download "$work/demo.torrent" -o "$work/downloads" --listen 127.0.0.3:0 --peer "127.0.0.2:$port" \
    --profile "$work/leecher" "${common[@]}"

echo "== verifying"
want=$(sha256sum <"$work/source/demo.bin" | cut -d' ' -f1)
got=$(sha256sum <"$work/downloads/demo.bin" | cut -d' ' -f1)
if [[ $want == "$got" ]]; then
    echo "OK: the downloaded copy matches the source (sha256 $got)"
else
    echo "FAILED: sha256 differs ($want vs $got)" >&2
    exit 1
fi
