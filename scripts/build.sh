#!/usr/bin/env bash
# Configures and builds Shoal into build/ (Ninja, RelWithDebInfo unless SHOAL_BUILD_TYPE says otherwise).
# Arguments are targets to build (default: everything, tests included), e.g. `scripts/build.sh shoal`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHOAL_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${SHOAL_BUILD_TYPE:-RelWithDebInfo}" >/dev/null
targets=()
for t in "$@"; do targets+=(--target "$t"); done
cmake --build "$build" -j"$(nproc)" "${targets[@]}"
