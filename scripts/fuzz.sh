#!/usr/bin/env bash
# Runs every libFuzzer target of tests/fuzz under ASan+UBSan for a bounded time: first each committed
# finding in tests/fuzz/regressions/<name>/ once, then fuzzing from a copy of tests/fuzz/corpus/<name>/
# (the repository is never written). One line per target, then "N passed, M failed"; exit 1 on any
# finding, with the path of the input that triggered it (kept under the build dir's fuzz-findings/).
#   FUZZ_SECONDS=60          fuzzing time per target
#   FUZZ_SEED=1              libFuzzer's seed: a fixed one makes a CI run repeat the same mutations (a
#                            slower machine runs a prefix of them); 0 = a new random seed each run
#   FUZZ_TARGETS="a b"       only these targets (names as in tests/fuzz/fuzz_<name>.cpp)
#   SHOAL_FUZZ_BUILD_DIR     build dir (default build-fuzz; clang, SHOAL_SANITIZE=address,undefined, SHOAL_FUZZ=ON)
#   SHOAL_FUZZ_JOBS=2        build jobs
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHOAL_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}
seed=${FUZZ_SEED:-1}
jobs=${SHOAL_FUZZ_JOBS:-2}

"$root/scripts/install-deps.sh"

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
# OSS-Fuzz's optimisation flags: -O1 with line tables is what sanitizer stacks need, compiles faster
# than -O2 -g on a busy machine, and leaves assert() on (no NDEBUG).
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only" \
  -DSHOAL_BUILD_GUI=OFF -DSHOAL_SANITIZE=address,undefined -DSHOAL_FUZZ=ON "${launcher[@]}" >/dev/null

names=()
if [[ -n ${FUZZ_TARGETS:-} ]]; then
  read -r -a names <<<"$FUZZ_TARGETS"
else
  for source in "$root"/tests/fuzz/fuzz_*.cpp; do
    name=$(basename "$source" .cpp)
    names+=("${name#fuzz_}")
  done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/shoal-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
findings="$build/fuzz-findings"
mkdir -p "$findings"

# Sanitizer reports end the process with a stack; UB is already fatal (-fno-sanitize-recover).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0
failed=0
for name in "${names[@]}"; do
  target="fuzz_$name"
  log="$findings/$name.log"
  # Built one by one: a target that does not build is reported, and the others still run.
  if ! cmake --build "$build" -j"$jobs" --target "$target" >"$log" 2>&1; then
    echo "$name: FAILED to build (log: $log)"
    failed=$((failed + 1))
    continue
  fi
  binary="$build/tests/fuzz/$target"
  mkdir -p "$findings/$name"
  # Each run's own temp folder, removed with $work even when a sanitizer ends the process.
  mkdir -p "$work/tmp-$name"

  regressions=()
  if [[ -d $root/tests/fuzz/regressions/$name ]]; then
    while IFS= read -r -d '' file; do regressions+=("$file"); done \
      < <(find "$root/tests/fuzz/regressions/$name" -type f ! -name '*.md' -print0 | sort -z)
  fi
  if ((${#regressions[@]} > 0)); then
    if ! TMPDIR="$work/tmp-$name" timeout 600 "$binary" -rss_limit_mb=2048 -timeout=60 \
        "${regressions[@]}" >"$log" 2>&1; then
      crash=$(grep -o 'Running: .*' "$log" | tail -1 | cut -d' ' -f2- || true)
      echo "$name: FAILED on a regression input (${crash:-see log}; log: $log)"
      failed=$((failed + 1))
      continue
    fi
  fi

  corpus="$work/corpus-$name"
  mkdir -p "$corpus"
  if [[ -d $root/tests/fuzz/corpus/$name ]]; then cp -R "$root/tests/fuzz/corpus/$name/." "$corpus/"; fi
  dict=()  # tokens the mutations would hardly find alone (JSON keys, HTTP headers)
  if [[ -f $root/tests/fuzz/dict/$name.dict ]]; then dict=(-dict="$root/tests/fuzz/dict/$name.dict"); fi
  # One process and one worker (no -jobs/-fork); wall time bounded even if the target hangs at exit.
  set +e
  TMPDIR="$work/tmp-$name" timeout $((seconds + 120)) "$binary" "$corpus" "${dict[@]}" \
    -max_total_time="$seconds" -seed="$seed" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
    -artifact_prefix="$findings/$name/" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -o 'corp: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  stats="${runs:-?} runs, ${speed:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  if ((rc == 0)); then
    echo "$name: passed ($stats)"
    passed=$((passed + 1))
  else
    artifact=$(grep -o 'Test unit written to .*' "$log" | tail -1 | sed 's/^Test unit written to //')
    # What failed and where, so that CI's output alone says it: the sanitizer's summary or the uncaught
    # exception, and the first frame in Shoal's own code.
    cause=$(grep -m1 -E "what\(\):|SUMMARY:" "$log" | sed 's/^ *//' | cut -c1-300 || true)
    frame=$(grep -m1 -E "#[0-9]+ 0x[0-9a-f]+ in (shoal::|LLVMFuzzerTestOneInput)" "$log" | sed 's/^ *//' | cut -c1-300 || true)
    echo "$name: ${cause:-no sanitizer summary}${frame:+ | $frame}"
    if [[ -n $artifact ]]; then
      echo "$name: FAILED, exit $rc ($stats); input: $artifact (keep it: tests/fuzz/regressions/$name/; log: $log)"
    else
      echo "$name: FAILED, exit $rc ($stats); no input saved (log: $log)"
    fi
    failed=$((failed + 1))
  fi
done

echo "$passed passed, $failed failed"
((failed == 0))
