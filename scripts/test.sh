#!/usr/bin/env bash
# Quick start #2: installs what is missing, builds, and runs every test (CTest labels: unit, swarm, cli,
# interop, gui, rpc). Extra args go to ctest, e.g. `scripts/test.sh -L unit`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build=${SHOAL_BUILD_DIR:-$root/build}
cd "$build"
ctest --output-on-failure -j"${SHOAL_TEST_JOBS:-2}" "$@"
