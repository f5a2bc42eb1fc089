#!/usr/bin/python3
"""bench/killstorm.sh's probes (Debian's python3 and python3-libtorrent): what the client shows (the
daemon over RPC, `shoal download --json` in its log), what its library (shoal.db, read-only) would give a
restart, and the accounting of one kill. Every wait has a deadline; every answer is one JSON line.
"have" maps are {info-hash: verified bytes}.

  storm.py have     --url URL | --log LOG HASH              what the client has now (before a kill)
  storm.py saved    DB                                      per hash: pieces and bytes the resume data holds
  storm.py back     --rpclog LOG | --log LOG HASH  T0 TIMEOUT HASHES
                    until the restarted client has every hash in HASHES (one a line) back and out of
                    checking; what it restored
  storm.py account  BEFORE SAVED BACK                       one kill: lost bytes, torrents back at 0
  storm.py complete URL TIMEOUT                             until every torrent is at percentDone 1
  storm.py last     LOG EVENT KEY                           KEY of the last EVENT in an NDJSON log (0 if none)
"""
import json
import sqlite3
import sys
import time

import libtorrent as lt

from trpc import Rpc, wait_url

FIELDS = ["hashString", "percentDone", "haveValid", "sizeWhenDone", "status", "error", "errorString",
          "peersConnected", "rateDownload"]
CHECKING = (1, 2)  # Transmission's "check wait" and "check"


def torrents(url, timeout=10):
    rpc = Rpc(url, timeout=timeout)
    try:
        return rpc.call("torrent-get", {"fields": FIELDS}).get("torrents", [])
    finally:
        rpc.close()


def log_events(log):
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                try:
                    yield json.loads(line)
                except ValueError:
                    continue
    except OSError:
        return


def have_rpc(url):
    ts = torrents(url)
    return {"have": {t["hashString"]: t.get("haveValid", 0) for t in ts},
            "done": sum(1 for t in ts if t.get("percentDone") == 1)}


def have_log(log, h):
    """The last progress the download reported (its `progress`/`finished` events, once a second)."""
    value = 0
    for e in log_events(log):
        if e.get("event") == "progress":
            value = e.get("bytes_done", value)
        elif e.get("event") == "finished":
            value = e.get("bytes", value)
    return {"have": {h: value}}


def saved(db):
    """What a restart would load: per torrent, the pieces its resume data holds (-1: no resume data)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        rows = conn.execute("SELECT t.info_hash_v1, r.data, t.metainfo FROM torrents t "
                            "LEFT JOIN resume_data r ON r.torrent_id = t.id").fetchall()
    finally:
        conn.close()
    pieces, bytes_ = {}, {}
    for h, data, metainfo in rows:
        if data is None:
            pieces[h], bytes_[h] = -1, 0
            continue
        p = lt.read_resume_data(bytes(data))
        n = sum(1 for x in p.have_pieces if x)
        pieces[h] = n
        # Resume data is saved without the info dict: the piece size comes from the stored metainfo.
        ti = p.ti
        if ti is None and metainfo:
            ti = lt.torrent_info(lt.bdecode(bytes(metainfo)))
        bytes_[h] = min(n * ti.piece_length(), ti.total_size()) if ti is not None and n else 0
    return {"torrents": len(rows), "pieces": pieces, "bytes": bytes_, "total": sum(bytes_.values()),
            "without_resume": sum(1 for v in pieces.values() if v < 0),
            "at_zero": sum(1 for v in pieces.values() if v == 0)}


def back_rpc(log, t0, timeout, want):
    deadline = t0 + timeout
    url = wait_url(None, log, deadline)
    if not url:
        return {"back": 0, "seconds": None, "error": "the RPC did not answer"}
    listed, ts = None, []
    while time.time() < deadline:
        try:
            ts = torrents(url)
        except Exception:  # noqa: BLE001 - a daemon still starting: try again until the deadline
            ts = []
        seen = {t.get("hashString") for t in ts} & want
        if seen == want and listed is None:
            listed = time.time() - t0
        # What it restored shows once each torrent is out of checking.
        if seen == want and not any(t.get("status") in CHECKING for t in ts):
            break
        time.sleep(0.05)
    seen = {t.get("hashString") for t in ts} & want
    return {"back": len(seen), "url": url, "seconds": round(listed, 3) if listed is not None else None,
            "checked_seconds": round(time.time() - t0, 3),
            "have": {t["hashString"]: t.get("haveValid", 0) for t in ts if t.get("hashString") in want},
            "errors": [t.get("errorString") for t in ts if t.get("error")]}


def back_log(log, h, t0, timeout):
    """The download's first progress report after its add: what it restored (none while checking)."""
    deadline = t0 + timeout
    while time.time() < deadline:
        for e in log_events(log):
            if e.get("event") in ("progress", "finished"):
                value = e.get("bytes_done", e.get("bytes", 0))
                seconds = round(time.time() - t0, 3)
                return {"back": 1, "seconds": seconds, "checked_seconds": seconds, "have": {h: value}}
        time.sleep(0.05)
    return {"back": 0, "seconds": None, "have": {}}


def account(before, saved_, back):
    b, s, r = before.get("have", {}), saved_.get("bytes", {}), back.get("have", {})
    return {"had": sum(b.values()), "saved": sum(s.get(h, 0) for h in b), "restored": sum(r.values()),
            "lost": sum(max(0, v - s.get(h, 0)) for h, v in b.items()),
            # torrents that had verified data at the kill and came back with none
            "saved_zero": sum(1 for h, v in b.items() if v > 0 and s.get(h, 0) == 0),
            "restored_zero": sum(1 for h, v in b.items() if v > 0 and r.get(h, 0) == 0)}


def complete(url, timeout):
    t0 = time.time()
    deadline = t0 + timeout
    ts, next_trace = [], t0 + 10
    while time.time() < deadline:
        try:
            ts = torrents(url)
        except Exception:  # noqa: BLE001
            ts = []
        if ts and all(t.get("percentDone") == 1 for t in ts):
            return {"complete": True, "seconds": round(time.time() - t0, 3)}
        if time.time() >= next_trace:  # a trace on stderr, to see a stall as it happens
            next_trace += 10
            print(f"   {time.time() - t0:5.0f} s: " + ", ".join(
                f"{t.get('percentDone', 0) * 100:.0f}% {t.get('peersConnected', 0)}p "
                f"{t.get('rateDownload', 0) / 1024:.0f}k" for t in ts), file=sys.stderr)
        time.sleep(0.25)
    return {"complete": False, "seconds": None,
            "percent": [round(t.get("percentDone", 0), 4) for t in ts]}


def last(log, event, key):
    value = 0
    for e in log_events(log):
        if e.get("event") == event and key in e:
            value = e[key]
    return value


def read_json(path):
    with open(path) as f:
        return json.load(f)


def main(argv):
    cmd, rest = argv[1], argv[2:]
    if cmd == "have":
        r = have_rpc(rest[1]) if rest[0] == "--url" else have_log(rest[1], rest[2])
    elif cmd == "saved":
        r = saved(rest[0])
    elif cmd == "back":
        if rest[0] == "--rpclog":
            log, t0, timeout, hashes = rest[1], float(rest[2]), float(rest[3]), rest[4]
            with open(hashes) as f:
                want = {line.strip() for line in f if line.strip()}
            r = back_rpc(log, t0, timeout, want)
        else:
            r = back_log(rest[1], rest[2], float(rest[3]), float(rest[4]))
        print(json.dumps(r))
        return 0 if r["seconds"] is not None else 1
    elif cmd == "account":
        r = account(*(read_json(p) for p in rest[:3]))
    elif cmd == "complete":
        r = complete(rest[0], float(rest[1]))
        print(json.dumps(r))
        return 0 if r["complete"] else 1
    elif cmd == "last":
        r = last(rest[0], rest[1], rest[2])
    else:
        raise SystemExit(f"unknown command {cmd}")
    print(json.dumps(r))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
