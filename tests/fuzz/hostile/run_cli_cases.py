#!/usr/bin/env python3
"""Runs each case of make_cases.py through `shoal info` and `shoal info --json` and checks the verdict.

run_cli_cases.py SHOAL CASES_DIR FINDINGS_DIR [--jobs N] [--timeout S]
A run passes when it exits 0 or 3 within the timeout, prints no sanitizer report, writes exactly one line
on stderr when it exits 3 (none when 0), and with --json writes valid UTF-8 JSON on stdout. Failing cases
are copied to FINDINGS_DIR/<class>/ with the run's stderr (the first 20 of each class). Prints one
summary line per kind of input; exits 1 if any run failed.
"""
import argparse
import collections
import concurrent.futures
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

SANITIZER_MARKS = (b"AddressSanitizer", b"LeakSanitizer", b"UndefinedBehaviorSanitizer", b"runtime error:")
KEEP_PER_CLASS = 20


def verdict(rc, out, err, as_json):
    """'' when the run is fine, else the class of its failure."""
    if rc == -1000:
        return "not-run"
    if any(mark in err for mark in SANITIZER_MARKS):
        return "sanitizer"
    if rc is None:
        return "timeout"
    if rc < 0 or rc > 128:
        return "crash"
    if rc not in (0, 3):
        return "exit-code"
    lines = err.splitlines()
    if len(lines) != (0 if rc == 0 else 1):
        return "stderr-lines"
    if as_json:
        try:
            text = out.decode("utf-8")
            for line in (text.splitlines() if rc == 3 else [text]):
                if line.strip():
                    json.loads(line)
        except (UnicodeDecodeError, ValueError):
            return "json"
    return ""


def run_one(shoal, argument, as_json, timeout):
    command = [shoal, "info"] + (["--json"] if as_json else []) + [argument]
    try:
        p = subprocess.run(command, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        return None, e.stdout or b"", e.stderr or b""
    except OSError as e:  # the case itself cannot be run (e.g. an argument too long)
        return -1000, b"", f"runner: {e}".encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("shoal")
    parser.add_argument("cases", type=Path)
    parser.add_argument("findings", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=10)
    args = parser.parse_args()

    jobs = []
    for path in sorted((args.cases / "torrents").iterdir()):
        jobs.append(("torrents", path, os.fsencode(path)))
    for path in sorted((args.cases / "magnets").iterdir()):
        jobs.append(("magnets", path, path.read_bytes()))

    runs = collections.Counter()
    failures = collections.defaultdict(collections.Counter)
    kept = collections.Counter()
    examples = collections.defaultdict(list)

    def work(job, as_json):
        group, path, argument = job
        rc, out, err = run_one(args.shoal, argument, as_json, args.timeout)
        return group, path, as_json, rc, err, verdict(rc, out, err, as_json)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(work, job, as_json) for job in jobs for as_json in (False, True)]
        for done, future in enumerate(concurrent.futures.as_completed(futures), 1):
            group, path, as_json, rc, err, failure = future.result()
            runs[group] += 1
            if done % 500 == 0:  # a long run shows it is moving, on stderr (stdout is the summary)
                failed_so_far = sum(sum(c.values()) for c in failures.values())
                print(f"  progress: {done} of {len(futures)} runs, {failed_so_far} failed", file=sys.stderr,
                      flush=True)
            if not failure:
                continue
            failures[group][failure] += 1
            if kept[failure] < KEEP_PER_CLASS:
                kept[failure] += 1
                folder = args.findings / failure
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, folder / path.name)
                mode = "json" if as_json else "text"
                (folder / f"{path.name}.{mode}.stderr").write_bytes(b"exit %s\n" % str(rc).encode() + err)
                if len(examples[failure]) < 3:
                    first = err.splitlines()[0].decode("utf-8", "replace")[:160] if err else ""
                    examples[failure].append(f"{path.name} ({mode}, exit {rc}): {first}")

    total_failed = 0
    for group in ("torrents", "magnets"):
        cases = sum(1 for j in jobs if j[0] == group)
        failed = sum(failures[group].values())
        total_failed += failed
        detail = ", ".join(f"{k} {v}" for k, v in sorted(failures[group].items())) or "none"
        print(f"{group}: {cases} cases, {runs[group]} runs (info and info --json): "
              f"{runs[group] - failed} ok, {failed} failed ({detail})")
    for failure, lines in sorted(examples.items()):
        for line in lines:
            print(f"  {failure}: {line}")
    if total_failed:
        print(f"  failing inputs and their stderr: {args.findings}/<class>/")
    return 1 if total_failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
