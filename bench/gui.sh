#!/usr/bin/env bash
# GUI benchmarks of issue 5: (1) the per-tick update cost of the torrent list with 10,000 torrents and 500
# changed rows (bridge -> model -> sorted proxy -> repainted view), (2) launch -> painted window with
# 10,000 torrents in the library (shoal-gui --startup-report, offscreen, median of N runs).
# Usage: bench/gui.sh [TORRENTS=10000] [RUNS=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${SHOAL_BUILD_DIR:-$root/build}
count=${1:-10000}
runs=${2:-5}
bash "$root/scripts/build.sh" shoal-gui shoal_gui_tick_bench shoal_fill_library >/dev/null

export QT_QPA_PLATFORM=offscreen
work=$(mktemp -d /tmp/shoal-gui-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
export XDG_CONFIG_HOME=$work/config

echo "== per-tick update cost (Google Benchmark; ms per tick)"
"$build/bench/gui/shoal_gui_tick_bench" --benchmark_repetitions=3 --benchmark_report_aggregates_only=true

echo
echo "== start-up with $count torrents in the library"
t0=$(date +%s.%N)
"$build/bench/gui/shoal_fill_library" "$work/profile" "$count"
echo "filling the library took $(echo "$(date +%s.%N) - $t0" | bc -l | xargs printf '%.1f') s"
printf '%-4s %15s %16s %10s %16s %6s\n' run first_paint_ms session_open_ms listed_ms listed_paint_ms rows
paints=()
listed=()
for i in $(seq "$runs"); do
    line=$(timeout 180 "$build/gui/shoal-gui" --profile "$work/profile" --startup-report | tail -1)
    read -r fp so li lp rows < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["first_paint_ms"], d["session_open_ms"], d["listed_ms"], d["listed_paint_ms"], d["rows"])' "$line")
    printf '%-4s %15s %16s %10s %16s %6s\n' "$i" "$fp" "$so" "$li" "$lp" "$rows"
    paints+=("$fp")
    listed+=("$lp")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: first paint $(median "${paints[@]}") ms, all $count listed and painted $(median "${listed[@]}") ms"
