#!/usr/bin/env bash
# Builds the asan-ubsan preset (CMakePresets.json: build-asan-ubsan/, clang, -O1 -g, no GUI) and runs the
# unit, rpc and cli tests under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer. Any report
# is fatal: the process that made it exits non-zero, and every process (the tests and the `shoal` they
# start) writes its reports under BUILD/sanitizer-reports/, which must stay empty. Prints one summary
# line; exits 1 on a failed build, a failed test or any report.
#   scripts/sanitize.sh --tsan     the tsan preset (build-tsan/) on the unit, swarm and rpc tests
#   SHOAL_SANITIZE_JOBS=2          build and test jobs
#   SHOAL_SANITIZE_LABELS=a|b      other CTest labels, '|'-separated (default unit|rpc|cli; --tsan:
#                                  unit|swarm|rpc); each label's test executable is built
# Extra arguments go to ctest, e.g. `scripts/sanitize.sh -R Store`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

preset=asan-ubsan
labels='unit|rpc|cli'
if [[ ${1:-} == --tsan ]]; then
  preset=tsan
  labels='unit|swarm|rpc'
  shift
fi
labels=${SHOAL_SANITIZE_LABELS:-$labels}
jobs=${SHOAL_SANITIZE_JOBS:-2}
build="$root/build-$preset"

"$root/scripts/install-deps.sh"

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cd "$root"
started=$SECONDS
log="$build/sanitize-build.log"
mkdir -p "$build"
# Only what the labels run: the CLI (tests start it) and one test executable per label.
targets=(--target shoal)
for label in ${labels//|/ }; do targets+=(--target "shoal_${label}_tests"); done
if ! { cmake --preset "$preset" -DSHOAL_BUILD_GUI=OFF "${launcher[@]}" &&
       cmake --build --preset "$preset" -j"$jobs" "${targets[@]}"; } >"$log" 2>&1; then
  tail -30 "$log"
  echo "sanitize ($preset): FAILED to build (log: $log)"
  exit 1
fi
built=$((SECONDS - started))

# Each process writes its reports to its own file (log_path.PID): a report in a child process counts even
# when the test that started it does not look at its exit status. The options that make reports fatal
# are the test presets' (CMakePresets.json, keep the two in step) with log_path added.
reports="$build/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
if [[ $preset == tsan ]]; then
  # scripts/tsan.supp: reports from inside libraries that are not instrumented (libtorrent, libspdlog),
  # each entry with why; never a race in Shoal's code.
  export TSAN_OPTIONS="halt_on_error=0:second_deadlock_stack=1:log_path=$reports/tsan"
  TSAN_OPTIONS+=":suppressions=$root/scripts/tsan.supp:print_suppressions=0"
else
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1:log_path=$reports/asan"
  export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
  if [[ -f $root/scripts/lsan.supp ]]; then
    export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
  fi
fi

started=$SECONDS
status=0
# Not `ctest --preset`: the environment above must win over the preset's.
ctest --test-dir "$build" --output-on-failure -j"$jobs" -L "$labels" \
  --output-junit "$build/sanitize-junit.xml" "$@" >"$build/sanitize-ctest.log" 2>&1 || status=$?
tested=$((SECONDS - started))

summary=$(grep -E '^[0-9]+% tests passed' "$build/sanitize-ctest.log" | tail -1 || true)
found=$(find "$reports" -type f | wc -l)
if ((status != 0)); then
  grep -E '^\s+[0-9]+ - .*\((Failed|Timeout|SEGFAULT|Subprocess aborted|Exception|Not Run)' \
    "$build/sanitize-ctest.log" || tail -20 "$build/sanitize-ctest.log"
fi
if ((found > 0)); then  # the first line of each process's first report, at most 10 processes
  find "$reports" -type f | sort | head -10 | while read -r file; do
    echo "$file: $(grep -m1 -E 'ERROR: [A-Za-z]+Sanitizer|WARNING: ThreadSanitizer|runtime error' "$file" ||
      head -1 "$file")"
  done
  if ((found > 10)); then echo "... and $((found - 10)) more in $reports"; fi
fi
timing="build $((built / 60))m$((built % 60))s, tests $((tested / 60))m$((tested % 60))s"
if ((status == 0 && found == 0)); then
  echo "sanitize ($preset, -L '$labels'): passed: ${summary:-no tests ran}; 0 sanitizer reports ($timing)"
else
  echo "sanitize ($preset, -L '$labels'): FAILED: ${summary:-ctest exit $status}; $found processes with" \
    "sanitizer reports in $reports ($timing; log: $build/sanitize-ctest.log)"
  exit 1
fi
