#!/usr/bin/env bash
# Creation benchmark: `shoal create` (v1, v2, hybrid) against `mktorrent -t 2` on one random file in
# /dev/shm, rounds alternating, median wall time and peak RSS of each. See bench/README.md, "Creation".
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHOAL=${SHOAL:-build/cli/shoal}
[[ $SHOAL = /* ]] || SHOAL=$here/$SHOAL
SIZE_MIB=${SIZE_MIB:-1024}    # payload size
ROUNDS=${ROUNDS:-3}           # timed rounds; the median is reported
THREADS=${THREADS:-2}         # hashing threads for both tools
PIECE=${PIECE:-1048576}       # piece size for both tools (mktorrent takes log2)
LIMIT=${LIMIT:-120}           # seconds any one command may take

die() { echo "bench/create.sh: $*" >&2; exit 1; }
[[ -x $SHOAL ]] || die "no shoal binary at $SHOAL (build it, or set SHOAL=path)"
command -v mktorrent >/dev/null || die "mktorrent is not installed (scripts install it)"
[[ -x /usr/bin/time ]] || die "/usr/bin/time is not installed (package: time)"
(( (PIECE & (PIECE - 1)) == 0 )) || die "PIECE must be a power of two"
log2() { local n=$1 l=0; while (( n > 1 )); do n=$((n / 2)); l=$((l + 1)); done; echo $l; }

free_mib=$(df -Pm /dev/shm | awk 'NR == 2 { print $4 }')
(( free_mib > SIZE_MIB + 64 )) || die "/dev/shm has ${free_mib} MiB free, needs $((SIZE_MIB + 64))"
work=$(mktemp -d /dev/shm/shoal-bench-create.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

payload=$work/payload.bin
echo "payload: ${SIZE_MIB} MiB of random data in $work" >&2
head -c $((SIZE_MIB * 1048576)) /dev/urandom >"$payload"

# Runs one command under /usr/bin/time; appends "seconds kilobytes" to $work/<name>.times.
measure() {
    local name=$1 out=$2
    shift 2
    rm -f "$out"
    if ! /usr/bin/time -f "%e %M" -o "$work/time.txt" timeout "$LIMIT" "$@" >/dev/null 2>"$work/stderr.txt"; then
        cat "$work/stderr.txt" >&2
        die "$name failed: $*"
    fi
    cat "$work/time.txt" >>"$work/$name.times"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The v1 info-hash of a .torrent, so the two tools can be compared on what they produced, not only time.
info_hash() {
    python3 - "$1" <<'PY'
import hashlib, sys
data = open(sys.argv[1], "rb").read()
def skip(i):
    c = data[i:i + 1]
    if c == b"i": return data.index(b"e", i) + 1
    if c in (b"l", b"d"):
        i += 1
        while data[i:i + 1] != b"e": i = skip(i)
        return i + 1
    colon = data.index(b":", i)
    return colon + 1 + int(data[i:colon])
i = 1
while data[i:i + 1] != b"e":
    key_end = skip(i)
    value_end = skip(key_end)
    if data[i:key_end] == b"4:info":
        print(hashlib.sha1(data[key_end:value_end]).hexdigest()); break
    i = value_end
PY
}

tools=(mktorrent shoal_v1 shoal_v2 shoal_hybrid)
for round in $(seq 1 "$ROUNDS"); do
    echo "round $round/$ROUNDS" >&2
    # Alternate which tool goes first, so neither always runs on a warmer machine.
    if (( round % 2 )); then order=("${tools[@]}"); else order=(shoal_hybrid shoal_v2 shoal_v1 mktorrent); fi
    for tool in "${order[@]}"; do
        case $tool in
            mktorrent) measure mktorrent "$work/mk.torrent" \
                           mktorrent -t "$THREADS" -l "$(log2 "$PIECE")" -o "$work/mk.torrent" "$payload" ;;
            shoal_*) version=${tool#shoal_}
                     measure "$tool" "$work/$version.torrent" "$SHOAL" create "$payload" -o "$work/$version.torrent" \
                         "--$version" --piece-size "$PIECE" --threads "$THREADS" ;;
        esac
    done
done

mb=$(awk -v m="$SIZE_MIB" 'BEGIN { print m * 1048576 / 1e6 }')
printf '\n%-34s %10s %9s %13s\n' "creation, ${SIZE_MIB} MiB, piece $PIECE" "wall s" "MB/s" "peak RSS MB"
declare -A wall
for tool in "${tools[@]}"; do
    wall[$tool]=$(cut -d' ' -f1 "$work/$tool.times" | median)
    rss=$(cut -d' ' -f2 "$work/$tool.times" | median)
    case $tool in
        mktorrent) label="mktorrent -t $THREADS (v1)" ;;
        *) label="shoal create --${tool#shoal_} --threads $THREADS" ;;
    esac
    awk -v l="$label" -v w="${wall[$tool]}" -v r="$rss" -v mb="$mb" \
        'BEGIN { printf "%-34s %10.2f %9.0f %13.1f\n", l, w, (w > 0 ? mb / w : 0), r / 1024 }'
done
awk -v m="${wall[mktorrent]}" -v s="${wall[shoal_v1]}" \
    'BEGIN { printf "\nratio mktorrent/shoal (v1): %.2f  (>= 1.00: shoal is at least as fast)\n", (s > 0 ? m / s : 0) }'
mk_hash=$(info_hash "$work/mk.torrent")
shoal_hash=$(info_hash "$work/v1.torrent")
if [[ $mk_hash == "$shoal_hash" ]]; then
    echo "v1 info-hash: same as mktorrent's ($shoal_hash)"
else
    echo "v1 info-hash: differs from mktorrent's ($shoal_hash vs $mk_hash; the info dicts hold different keys)"
fi
