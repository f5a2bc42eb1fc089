#!/usr/bin/env python3
"""Malformed torrents and magnets for scripts/probe-hostile.sh, mutated from valid ones.

make_cases.py SEED_DIR OUT_DIR [--torrents N] [--magnets M] [--seed S]
SEED_DIR holds valid .torrent files (from `shoal create`) and magnets.txt (one valid magnet a line, from
`shoal info --json`). Writes OUT_DIR/torrents/NNNNN-KIND.torrent and OUT_DIR/magnets/NNNNN-KIND.txt (the
exact argv bytes, no NUL). Deterministic for a given --seed, so a failing case can be made again.
"""
import argparse
import random
import re
from pathlib import Path

import bencode_tree as bt

HUGE_INTS = [b"99999999999999999999", b"-99999999999999999999", b"9223372036854775807", b"9223372036854775808",
             b"-9223372036854775809", b"2147483648", b"4294967296", b"-1", b"-0", b"00", b""]
HUGE_LENGTHS = [b"4294967296", b"2147483647", b"2147483648", b"99999999999999999999", b"-1", b"18446744073709551615"]


# --- byte-level mutations of a whole file ---

def flip(rng, data, _):
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(1, 256)
    return bytes(out)


def truncate(rng, data, _):
    return data[:rng.randrange(len(data))]


def splice(rng, data, others):
    other = rng.choice(others)
    return data[:rng.randrange(len(data))] + other[rng.randrange(len(other)):]


def duplicate_span(rng, data, _):
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 256))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] * rng.randint(1, 4) + data[at:]


def delete_span(rng, data, _):
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 256):]


def huge_length_prefix(rng, data, _):
    prefixes = list(re.finditer(rb"(\d+):", data))
    m = rng.choice(prefixes)
    return data[:m.start(1)] + rng.choice(HUGE_LENGTHS) + data[m.end(1):]


def huge_integer(rng, data, _):
    ints = list(re.finditer(rb"i(-?\d+)e", data))
    if not ints:
        return flip(rng, data, _)
    m = rng.choice(ints)
    return data[:m.start(1)] + rng.choice(HUGE_INTS) + data[m.end(1):]


def deep_inside(rng, data, _):
    # Replaces one string's bytes (its length prefix kept right) with deep nesting.
    prefixes = list(re.finditer(rb"(\d+):", data))
    m = rng.choice(prefixes)
    n = int(m.group(1))
    depth = rng.choice([64, 1000, 10000, 100000])
    kind = rng.choice([b"l", b"d1:a"])
    nested = kind * depth + (b"e" * depth if rng.random() < 0.7 else b"")
    return data[:m.start(1)] + nested + data[m.end(0) + n:]


def bad_utf8(rng, data, _):
    # Invalid UTF-8 in a string value: the length stays right, only the bytes change.
    prefixes = [m for m in re.finditer(rb"(\d+):", data)
                if 0 < int(m.group(1)) < 200 and m.end(0) + int(m.group(1)) <= len(data)]
    m = rng.choice(prefixes)
    start = m.end(0)
    n = int(m.group(1))
    out = bytearray(data)
    for _ in range(rng.randint(1, 3)):
        out[start + rng.randrange(n)] = rng.choice([0xff, 0xfe, 0xc0, 0x80, 0xed])
    return bytes(out)


BYTE_MUTATIONS = [flip, truncate, splice, duplicate_span, delete_span, huge_length_prefix, huge_integer,
                  deep_inside, bad_utf8]


# --- mutations of the decoded tree, encoded again ---

def tree_mutations(tree):
    """(kind, mutate(rng, tree)) pairs; each gets a deep copy of a valid torrent's tree."""
    def info(t):
        return t[b"info"]

    def set_name(value):
        return lambda rng, t: info(t).__setitem__(b"name", value)

    def set_info(key, value):
        return lambda rng, t: info(t).__setitem__(key, value)

    def first_file_path(value):
        def mutate(rng, t):
            files = info(t).get(b"files")
            if isinstance(files, list) and files:
                files[0][b"path"] = value
            else:
                info(t)[b"name"] = b"/".join(value) if isinstance(value, list) else value
        return mutate

    def many_files(count):
        def mutate(rng, t):
            info(t).pop(b"file tree", None)
            info(t)[b"files"] = [{b"length": 1, b"path": [b"f%d" % i]} for i in range(count)]
        return mutate

    def set_top(key, value):
        return lambda rng, t: t.__setitem__(key, value)

    def drop_info(key):
        return lambda rng, t: info(t).pop(key, None)

    return [
        ("name-ff", set_name(b"\xff\xfe name")),
        ("name-empty", set_name(b"")),
        ("name-dotdot", set_name(b"../../escape")),
        ("name-absolute", set_name(b"/etc/passwd")),
        ("name-long", set_name(b"n" * 70000)),
        ("path-dotdot", first_file_path([b"..", b"..", b"x"])),
        ("path-empty", first_file_path([])),
        ("path-ff", first_file_path([b"\xff", b"\xc3\x28"])),
        ("path-slash", first_file_path([b"a/b", b"/"])),
        ("piece-length-0", set_info(b"piece length", 0)),
        ("piece-length-neg", set_info(b"piece length", -16384)),
        ("piece-length-3", set_info(b"piece length", 3)),
        ("piece-length-huge", set_info(b"piece length", 2 ** 62)),
        ("pieces-short", set_info(b"pieces", b"\x00" * 19)),
        ("pieces-zero", set_info(b"pieces", b"\x00" * 20)),
        ("pieces-int", set_info(b"pieces", 5)),
        ("length-neg", set_info(b"length", -1)),
        ("length-huge", set_info(b"length", 2 ** 63 - 1)),
        ("no-pieces", drop_info(b"pieces")),
        ("no-name", drop_info(b"name")),
        ("private-str", set_info(b"private", b"yes")),
        ("meta-version-9", set_info(b"meta version", 9)),
        ("file-tree-int", set_info(b"file tree", 1)),
        ("files-10k", many_files(10000)),
        ("files-100k", many_files(100000)),
        ("comment-ff", set_top(b"comment", b"caf\xe9 \xff")),
        ("creator-ff", set_top(b"created by", b"\xff\xfe\xfd")),
        ("date-huge", set_top(b"creation date", 2 ** 63 - 1)),
        ("date-neg", set_top(b"creation date", -2 ** 63)),
        ("announce-ff", set_top(b"announce", b"http://127.0.0.1:1/\xff\xfe/announce")),
        ("announce-list-bad", set_top(b"announce-list", [[b"\xffudp://"], 5, [[b"x"]]])),
        ("announce-list-many", set_top(b"announce-list", [[b"http://127.0.0.1:%d/a" % i] for i in range(20000)])),
        ("url-list-ff", set_top(b"url-list", [b"http://127.0.0.1:1/\xff", b""])),
        ("url-list-int", set_top(b"url-list", 7)),
        ("info-not-dict", set_top(b"info", [b"x"])),
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("seeds", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--torrents", type=int, default=2100)
    parser.add_argument("--magnets", type=int, default=420)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    seeds = sorted(args.seeds.glob("*.torrent"))
    datas = [p.read_bytes() for p in seeds]
    trees = [bt.decode(d) for d in datas]
    (args.out / "torrents").mkdir(parents=True, exist_ok=True)
    (args.out / "magnets").mkdir(parents=True, exist_ok=True)

    count = 0

    def write_torrent(kind, data):
        nonlocal count
        (args.out / "torrents" / f"{count:05d}-{kind}.torrent").write_bytes(data)
        count += 1

    # Structural cases, each on every seed.
    for i, tree in enumerate(trees):
        for kind, mutate in tree_mutations(tree):
            t = bt.copy(tree)
            mutate(rng, t)
            write_torrent(f"{kind}-s{i}", bt.encode(t))
    # Whole-file nesting and integer cases that need no seed.
    for depth in (100, 10000, 100000, 1000000):
        write_torrent(f"nest-l-{depth}", b"l" * depth + b"e" * depth)
        write_torrent(f"nest-d-{depth}", b"d1:a" * depth + b"e" * depth)
        write_torrent(f"nest-open-{depth}", b"l" * depth)
    for value in HUGE_INTS:
        write_torrent("int-" + (value.decode() or "empty"), b"i" + value + b"e")
    # A 10^6-file torrent (issue 17, item 12: info and download must agree on it).
    million = bt.copy(trees[0])
    for key in (b"length", b"file tree"):
        million[b"info"].pop(key, None)
    million[b"info"][b"files"] = [{b"length": 1, b"path": [b"f%d" % i]} for i in range(1000000)]
    write_torrent("files-1m-s0", bt.encode(million))
    # Byte-level mutations, round robin over the kinds, until --torrents.
    while count < args.torrents:
        mutation = BYTE_MUTATIONS[count % len(BYTE_MUTATIONS)]
        s = rng.randrange(len(datas))
        write_torrent(f"{mutation.__name__}-s{s}", mutation(rng, datas[s], datas))

    import magnet_cases
    valid = [line.strip() for line in (args.seeds / "magnets.txt").read_text().splitlines() if line.strip()]
    for n, (kind, text) in enumerate(magnet_cases.cases(rng, valid, args.magnets)):
        # argv: no NUL, and one argument stays under the kernel's 128 KiB (MAX_ARG_STRLEN).
        text = text.replace(b"\x00", b"%00")[:120000]
        (args.out / "magnets" / f"{n:05d}-{kind}.txt").write_bytes(text)
    print(f"{count} torrents, {n + 1} magnets in {args.out}")


if __name__ == "__main__":
    main()
