#!/usr/bin/env bash
# Regenerates the seed corpora in tests/fuzz/corpus/ with Shoal's own tools: torrents from `shoal create`,
# magnets from `shoal info --json`, settings from a daemon's session-get, scenarios from swarm/examples.
# The HTTP requests wrap real RPC bodies. Run it when a format changes; the output is committed.
#   make_corpus.sh [SHOAL]   (default: build-fuzz/cli/shoal)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shoal=${1:-$root/build-fuzz/cli/shoal}
corpus="$here/corpus"
work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-corpus.XXXXXX")
daemon_pid=""
cleanup() {
  if [[ -n $daemon_pid ]]; then kill -TERM "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export HOME="$work/home"
mkdir -p "$HOME"

python3 "$here/hostile/make_payload.py" "$work/payload"
t="$work/torrents"
mkdir -p "$t"
"$shoal" create "$work/payload/single.bin" -o "$t/v1-one.torrent" --v1 --piece-size 16384 -q \
  --tracker http://127.0.0.1:1/announce --comment "v1, one file"
"$shoal" create "$work/payload/multi" -o "$t/v1-multi-tiers.torrent" --v1 --piece-size 16384 -q \
  --tracker http://127.0.0.1:1/a,udp://127.0.0.1:2 --tracker http://127.0.0.1:3/b --web-seed http://127.0.0.1:1/ws/
"$shoal" create "$work/payload/multi" -o "$t/v2-multi.torrent" --v2 --piece-size 16384 -q --comment $'v2 \u00e9'
"$shoal" create "$work/payload/single.bin" -o "$t/hybrid-one-private.torrent" --hybrid --piece-size 16384 -q \
  --private --source fuzz --web-seed http://127.0.0.1:1/x
"$shoal" create "$work/payload/multi" -o "$t/hybrid-multi.torrent" --hybrid --piece-size 32768 -q \
  --tracker udp://127.0.0.1:4/announce
for f in "$t"/*.torrent; do "$shoal" info --json "$f" | python3 -c 'import json,sys; print(json.load(sys.stdin)["magnet"])'; done >"$work/magnets.txt"

# Settings: what a daemon stores, before and after a session-set.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$shoal" daemon --foreground --profile "$work/profile" --rpc-bind "127.0.0.1:$port" --listen 127.0.0.1:0 \
  --no-dht --no-lsd --no-upnp --no-utp -q >/dev/null 2>"$work/daemon.err" &
daemon_pid=$!
url="http://127.0.0.1:$port/transmission/rpc"
sid=""
for _ in $(seq 120); do
  sid=$(curl -s -D - -o /dev/null --max-time 5 "$url" -d '{}' 2>/dev/null | grep -i '^X-Transmission-Session-Id:' | cut -d' ' -f2 | tr -d '\r' || true)
  [[ -n $sid ]] && break
  sleep 0.5
done
[[ -n $sid ]] || { echo "make_corpus: the daemon did not answer" >&2; cat "$work/daemon.err" >&2; exit 1; }
rpc() { curl -s --max-time 30 -H "X-Transmission-Session-Id: $sid" --data-binary "$1" "$url"; }
rpc '{"method":"session-get","arguments":{"fields":["shoal-settings"]}}' >"$work/settings-default.json"
rpc '{"method":"session-set","arguments":{"speed-limit-down":100,"speed-limit-down-enabled":true,"alt-speed-enabled":true,"seedRatioLimit":2.5,"seedRatioLimited":true,"download-dir":"/srv/downloads"}}' >/dev/null
rpc '{"method":"session-get","arguments":{"fields":["shoal-settings"]}}' >"$work/settings-changed.json"
kill -TERM "$daemon_pid"
wait "$daemon_pid" || true
daemon_pid=""

python3 "$here/hostile/write_corpus.py" "$work" "$root/swarm/examples" "$corpus"
