#!/usr/bin/env bash
# Issue 17's hostile inputs against the ASan+UBSan `shoal` of build-fuzz (the build scripts/fuzz.sh makes):
#  1. a `shoal daemon` on 127.0.0.1 (port picked free, no DHT/LSD/UPnP) sent deep JSON (depth 10^5 and
#     10^6 in tag, params, arguments, shoal-settings), invalid UTF-8 (torrent-add of a magnet with dn=%ff,
#     torrent-get in both wire formats, a restart with --json) and a speed limit past 2^31 bytes/s: it
#     must stay up and answer;
#  2. 2,000+ malformed torrents (mutated from valid v1, v2 and hybrid ones made by `shoal create`) and
#     400+ malformed magnets and hashes, each through `shoal info` and `shoal info --json`: exit 0 or 3,
#     one line on stderr, valid UTF-8 JSON, no sanitizer report (tests/fuzz/hostile/ makes and runs them).
# Prints a summary; exits 1 if any check failed. Failing inputs are kept in BUILD/probe-findings/.
#   SHOAL_FUZZ_BUILD_DIR  build dir (default build-fuzz)   PROBE_JOBS=2  parallel CLI runs
#   PROBE_TORRENTS=2100   PROBE_MAGNETS=420
#   SHOAL_BIN             another shoal to probe (a release build: the sanitizer checks then see nothing)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHOAL_FUZZ_BUILD_DIR:-$root/build-fuzz}
shoal=${SHOAL_BIN:-$build/cli/shoal}
hostile="$root/tests/fuzz/hostile"

if [[ ! -x $shoal ]]; then
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  # OSS-Fuzz's optimisation flags: -O1 with line tables is what sanitizer stacks need, compiles faster
  # than -O2 -g on a busy machine, and leaves assert() on (no NDEBUG).
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
    -DSHOAL_BUILD_GUI=OFF -DSHOAL_SANITIZE=address,undefined -DSHOAL_FUZZ=ON "${launcher[@]}" >/dev/null
  cmake --build "$build" -j"${SHOAL_FUZZ_JOBS:-2}" --target shoal
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-probe.XXXXXX")
daemon_pid=""
cleanup() {
  if [[ -n $daemon_pid ]] && kill -0 "$daemon_pid" 2>/dev/null; then
    kill -KILL "$daemon_pid" 2>/dev/null || true
    wait "$daemon_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
findings="$build/probe-findings"
rm -rf "$findings"
mkdir -p "$findings" "$work/home" "$work/data"
export HOME="$work/home"  # nothing the probe runs writes into the real home
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}

failed=0
checks=0
note() { echo "  $*"; }
pass() { checks=$((checks + 1)); note "ok: $*"; }
fail() { checks=$((checks + 1)); failed=$((failed + 1)); note "FAILED: $*"; }

# --- 1. seeds: valid torrents of every kind, made by shoal itself ---
echo "== seeds (shoal create)"
python3 "$hostile/make_payload.py" "$work/payload"
seeds="$work/seeds"
mkdir -p "$seeds"
create() {
  local out=$1
  shift
  "$shoal" create "$@" -o "$seeds/$out" --piece-size 16384 -q
}
create v1-single.torrent "$work/payload/single.bin" --v1 --tracker http://127.0.0.1:1/announce \
  --comment "a comment" --web-seed http://127.0.0.1:1/seed/
create v1-multi.torrent "$work/payload/multi" --v1 --tracker http://127.0.0.1:1/a,udp://127.0.0.1:1 \
  --tracker http://127.0.0.1:2/b
create v2-multi.torrent "$work/payload/multi" --v2 --web-seed http://127.0.0.1:1/ws/ --comment "v2 only"
create hybrid-multi.torrent "$work/payload/multi" --hybrid --private --source probe \
  --tracker udp://127.0.0.1:3/announce --tracker http://127.0.0.1:4/announce
create hybrid-single.torrent "$work/payload/single.bin" --hybrid --web-seed http://127.0.0.1:1/x \
  --comment "hybrid, one file"
for t in "$seeds"/*.torrent; do
  "$shoal" info --json "$t" | python3 -c 'import json,sys; print(json.load(sys.stdin)["magnet"])'
done >"$seeds/magnets.txt"
note "$(ls "$seeds"/*.torrent | wc -l) torrents, $(wc -l <"$seeds/magnets.txt") magnets"

# --- 2. the daemon: deep JSON, invalid UTF-8, a speed limit past int ---
echo "== shoal daemon"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port/transmission/rpc"
run=0
sid=""

start_daemon() {  # extra daemon args; waits (bounded) for the RPC's first 409
  run=$((run + 1))
  "$shoal" daemon --foreground --profile "$work/profile" --rpc-bind "127.0.0.1:$port" \
    --listen 127.0.0.1:0 --no-dht --no-lsd --no-upnp --no-utp "$@" \
    >"$work/daemon.$run.out" 2>"$work/daemon.$run.err" &
  daemon_pid=$!
  local deadline=$((SECONDS + 90))
  while ((SECONDS < deadline)) && kill -0 "$daemon_pid" 2>/dev/null; do
    rm -f "$work/headers"
    curl -s -D "$work/headers" -o /dev/null --max-time 5 "$url" -d '{}' 2>/dev/null || true
    sid=$(grep -i '^X-Transmission-Session-Id:' "$work/headers" 2>/dev/null | cut -d' ' -f2 | tr -d '\r' || true)
    if [[ -n $sid ]]; then return 0; fi
    sleep 0.5
  done
  return 1
}

daemon_status=0
stop_daemon() {  # SIGTERM, then at most 70 s; sets daemon_status (not in a subshell: it must wait)
  daemon_status=0
  kill -TERM "$daemon_pid" 2>/dev/null || true
  local deadline=$((SECONDS + 70))
  while ((SECONDS < deadline)) && kill -0 "$daemon_pid" 2>/dev/null; do sleep 0.2; done
  kill -KILL "$daemon_pid" 2>/dev/null || true
  wait "$daemon_pid" 2>/dev/null || daemon_status=$?
  daemon_pid=""
}

rpc() {  # BODY-FILE -> the HTTP status (000: no answer); the body goes to $work/answer
  curl -s -o "$work/answer" -w '%{http_code}' --max-time 120 -H 'Expect:' -H 'Content-Type: application/json' \
    -H "X-Transmission-Session-Id: $sid" --data-binary @"$1" "$url" 2>/dev/null || true
}

body() {  # writes a JSON body given as text to $work/body and prints its path
  printf '%s' "$1" >"$work/body"
  echo "$work/body"
}

first_report() {  # the first sanitizer or fatal line of this run's stderr
  grep -m1 -E 'Sanitizer|runtime error|terminate|what\(\)|Segmentation|Aborted' "$work/daemon.$run.err" || tail -1 "$work/daemon.$run.err"
}

# After a request: the daemon must still run and answer a session-get; if it died, say how and start
# it again so that the next checks still run.
alive_after() {
  local label=$1 code=$2
  local check
  check=$(rpc "$(body '{"method":"session-get","arguments":{"fields":["version"]}}')")
  if kill -0 "$daemon_pid" 2>/dev/null && [[ $check == 200 ]]; then
    pass "$label: HTTP $code, daemon up"
    return 0
  fi
  stop_daemon
  cp "$work/daemon.$run.err" "$findings/daemon-$run.stderr" 2>/dev/null || true
  fail "$label: HTTP $code; daemon down (exit $daemon_status): $(first_report | cut -c1-200) (stderr: $findings/daemon-$run.stderr)"
  start_daemon || fail "daemon did not come back"
  return 1
}

valid_utf8_json() { python3 -c 'import json,sys; json.loads(open(sys.argv[1],"rb").read().decode("utf-8"))' "$1" 2>/dev/null; }

if ! start_daemon; then
  fail "daemon did not start: $(first_report)"
else
  note "daemon pid $daemon_pid on $url"
  for depth in 100000 1000000; do
    python3 - "$work" "$depth" <<'PY'
import sys
work, depth = sys.argv[1], int(sys.argv[2])
nest = "[" * depth + "]" * depth
bodies = {
    "tag": '{"method":"session-get","tag":%s}' % nest,
    "params": '{"jsonrpc":"2.0","method":"session_get","params":{"fields":%s},"id":1}' % nest,
    "arguments": '{"method":"session-get","arguments":{"fields":%s}}' % nest,
    "shoal-settings": '{"method":"session-set","arguments":{"shoal-settings":{"x":%s}}}' % nest,
}
for name, text in bodies.items():
    open(f"{work}/deep-{name}.json", "w").write(text)
PY
    for where in tag params arguments shoal-settings; do
      code=$(rpc "$work/deep-$where.json")
      alive_after "deep JSON in $where, depth $depth ($(stat -c %s "$work/deep-$where.json") bytes)" "$code" || true
    done
  done

  magnet_ff='magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=%ff'
  magnet_tr='magnet:?xt=urn:btih:89abcdef0123456789abcdef0123456789abcdef&tr=http%3A%2F%2F127.0.0.1%3A1%2F%ff'
  for m in "$magnet_ff" "$magnet_tr"; do
    code=$(rpc "$(body "{\"method\":\"torrent-add\",\"arguments\":{\"filename\":\"$m\",\"paused\":true,\"download-dir\":\"$work/data\"}}")")
    result=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1],"rb")).get("result"))' "$work/answer" 2>/dev/null || echo "?")
    if alive_after "torrent-add ${m:0:60}... -> $result" "$code" && [[ $result != success ]]; then
      fail "torrent-add of a magnet with invalid UTF-8 answered '$result' (expected success)"
    fi
  done

  get_checks() {  # both wire formats; answers must be 200 and valid UTF-8 JSON
    local label=$1 code
    code=$(rpc "$(body '{"method":"torrent-get","arguments":{"fields":["id","name","hashString","magnetLink","trackers","trackerStats","files","errorString"]}}')")
    if [[ $code == 200 ]] && valid_utf8_json "$work/answer"; then
      pass "$label legacy torrent-get: HTTP 200, valid UTF-8 JSON"
    else
      fail "$label legacy torrent-get: HTTP $code, $(head -c 200 "$work/answer" | tr -c '[:print:]' '?')"
    fi
    alive_after "$label legacy torrent-get" "$code" || true
    code=$(rpc "$(body '{"jsonrpc":"2.0","method":"torrent_get","params":{"fields":["id","name","hash_string","magnet_link","trackers","files","error_string"]},"id":7}')")
    if [[ $code == 200 ]] && valid_utf8_json "$work/answer"; then
      pass "$label JSON-RPC torrent_get: HTTP 200, valid UTF-8 JSON"
    else
      fail "$label JSON-RPC torrent_get: HTTP $code, $(head -c 200 "$work/answer" | tr -c '[:print:]' '?')"
    fi
    alive_after "$label JSON-RPC torrent_get" "$code" || true
  }
  get_checks "after the adds:"

  code=$(rpc "$(body '{"method":"session-set","arguments":{"speed-limit-down":3000000,"speed-limit-down-enabled":true,"alt-speed-down":2097152}}')")
  set_result=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1],"rb")).get("result"))' "$work/answer" 2>/dev/null || echo "?")
  alive_after "session-set speed-limit-down 3000000 KB/s (item 4) -> $set_result" "$code" || true
  code=$(rpc "$(body '{"method":"session-get","arguments":{"fields":["speed-limit-down","alt-speed-down"]}}')")
  got=$(python3 -c 'import json,sys; a=json.load(open(sys.argv[1],"rb"))["arguments"]; print(a.get("speed-limit-down"), a.get("alt-speed-down"))' "$work/answer" 2>/dev/null || echo "? ?")
  # Refused with a clear error, or kept exactly: never a silent change (unlimited or negative).
  if [[ $set_result != success || $got == "3000000 2097152" ]]; then
    pass "speed limits past 2^31 B/s: $set_result, read back: $got"
  else
    fail "speed limits past 2^31 B/s: session-set answered success, session-get reads back '$got' (expected 3000000 2097152)"
  fi

  # Item 2: a profile holding that torrent must not abort the daemon with --json at every restart.
  stop_daemon
  if [[ $daemon_status == 0 ]]; then
    pass "SIGTERM: daemon exited 0"
  else
    fail "SIGTERM: daemon exited $daemon_status: $(first_report | cut -c1-200)"
  fi
  if start_daemon --json; then
    sleep 3
    if kill -0 "$daemon_pid" 2>/dev/null; then
      pass "restart with --json on that profile: daemon up"
      get_checks "after the --json restart:"
    else
      stop_daemon
      fail "restart with --json on that profile: daemon died (exit $daemon_status): $(first_report | cut -c1-200)"
    fi
  else
    fail "restart with --json on that profile: no RPC: $(first_report | cut -c1-200)"
  fi
  if [[ -n $daemon_pid ]]; then
    stop_daemon
    if python3 -c 'import json,sys
for line in open(sys.argv[1],"rb").read().decode("utf-8").splitlines():
    json.loads(line)' "$work/daemon.$run.out" 2>/dev/null; then
      pass "--json stdout: valid UTF-8 NDJSON ($(wc -l <"$work/daemon.$run.out") lines)"
    else
      fail "--json stdout is not valid UTF-8 NDJSON (kept: $findings/daemon-json.out)"
      cp "$work/daemon.$run.out" "$findings/daemon-json.out"
    fi
    if [[ $daemon_status != 0 ]]; then
      fail "SIGTERM after the --json restart: exit $daemon_status: $(first_report | cut -c1-200)"
    fi
  fi
  reports=$(cat "$work"/daemon.*.err | grep -c -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' || true)
  if ((reports == 0)); then pass "no sanitizer report in $run daemon runs' stderr"; else fail "$reports sanitizer reports in the daemon's stderr"; fi
fi

# --- 3. malformed torrents and magnets through `shoal info` ---
echo "== shoal info on malformed input (timeout 10 s each)"
# Debian's interpreter: the generator bencodes with Debian's python3-libtorrent.
/usr/bin/python3 "$hostile/make_cases.py" "$seeds" "$work/cases" --torrents "${PROBE_TORRENTS:-2100}" \
  --magnets "${PROBE_MAGNETS:-420}" | sed 's/^/  /'
# Earlier findings stay in the run (tests/fuzz/regressions/cli_info/).
for kept in "$root"/tests/fuzz/regressions/cli_info/*.torrent; do
  if [[ -f $kept ]]; then cp "$kept" "$work/cases/torrents/regression-$(basename "$kept")"; fi
done
cli_status=0
python3 "$hostile/run_cli_cases.py" "$shoal" "$work/cases" "$findings/cli" --jobs "${PROBE_JOBS:-2}" \
  >"$work/cli-summary" || cli_status=$?
sed 's/^/  /' "$work/cli-summary"

echo "== summary"
grep -E '^(torrents|magnets):' "$work/cli-summary" | sed 's/^/shoal info, /' || echo "shoal info: no summary"
echo "daemon: $((checks - failed)) of $checks checks passed, $failed failed"
if ((cli_status == 0 && failed == 0)); then
  echo "probe-hostile: passed"
else
  echo "probe-hostile: FAILED (kept inputs and logs: $findings)"
  exit 1
fi
