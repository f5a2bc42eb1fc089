#!/usr/bin/python3
"""A small Transmission RPC client for the benches (Debian's python3, stdlib only): the same code drives
shoal daemon and transmission-daemon. Used as a module, and as a command by the bench scripts:

  trpc.py wait-rpc   (--url URL | --log FILE) TIMEOUT            -> prints the RPC URL once it answers
  trpc.py add-dir    URL TORRENT_DIR DOWNLOAD_DIR [--paused] [--slice K/M]
                                                  -> adds every *.torrent (or the K-th of M slices of them,
                                                     by name, K from 0) one by one; JSON line
  trpc.py wait-list  (--url URL | --log FILE) N T0 TIMEOUT        -> time from T0 (epoch s) until N are listed
  trpc.py get        URL FIELDS                                   -> torrent-get of every torrent, JSON
  trpc.py call       URL METHOD ARGUMENTS_JSON                    -> the answer's arguments, JSON

Every call is bounded (socket timeout); every wait has a deadline.
"""
import base64
import http.client
import json
import os
import sys
import time
import urllib.parse


class Rpc:
    """One keep-alive HTTP connection; the X-Transmission-Session-Id dance (409) handled here."""

    def __init__(self, url, timeout=60.0):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.path = u.hostname, u.port, u.path or "/transmission/rpc"
        self.timeout = timeout
        self.session_id = ""
        self.conn = None

    def _connect(self):
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def call(self, method, arguments=None):
        body = json.dumps({"method": method, "arguments": arguments or {}}).encode()
        for attempt in range(4):
            conn = self._connect()
            try:
                conn.request("POST", self.path, body,
                             {"Content-Type": "application/json", "X-Transmission-Session-Id": self.session_id})
                resp = conn.getresponse()
                data = resp.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                # The server closed the kept-alive connection (or is not up yet): one new connection.
                self.close()
                if attempt == 3:
                    raise
                continue
            if resp.getheader("Connection", "").lower() == "close":
                self.close()
            if resp.status == 409:
                self.session_id = resp.getheader("X-Transmission-Session-Id", "")
                continue
            if resp.status != 200:
                raise RuntimeError(f"{method}: HTTP {resp.status}: {data[:200]!r}")
            doc = json.loads(data)
            if doc.get("result") != "success":
                raise RuntimeError(f"{method}: {doc.get('result')}")
            return doc.get("arguments", {})
        raise RuntimeError(f"{method}: no answer after retries")


def url_from_log(log):
    """The RPC URL from shoal daemon's --json `rpc_listening` event, or None if it is not there yet."""
    try:
        with open(log, encoding="utf-8", errors="replace") as f:
            for line in f:
                if '"rpc_listening"' in line:
                    port = json.loads(line).get("port", 0)
                    if port:
                        return f"http://127.0.0.1:{port}/transmission/rpc"
    except (OSError, ValueError):
        pass
    return None


def wait_url(url, log, deadline):
    """Polls (every 20 ms) until the RPC answers session-get; returns the URL, or None at the deadline."""
    while time.time() < deadline:
        u = url or url_from_log(log)
        if u:
            rpc = Rpc(u, timeout=5)
            try:
                rpc.call("session-get", {"fields": ["version"]})
                return u
            except (RuntimeError, OSError, http.client.HTTPException, ValueError):
                pass
            finally:
                rpc.close()
        time.sleep(0.02)
    return None


def add_dir(url, torrent_dir, download_dir, paused, part=None):
    files = sorted(f for f in os.listdir(torrent_dir) if f.endswith(".torrent"))
    if part:  # (k, m): the k-th of m equal slices, 0-based
        k, m = part
        files = files[k * len(files) // m:(k + 1) * len(files) // m]
    payloads = []
    for f in files:  # read and encode before the clock starts: only the RPC is timed
        with open(os.path.join(torrent_dir, f), "rb") as fh:
            payloads.append(base64.b64encode(fh.read()).decode())
    rpc = Rpc(url)
    added = duplicates = 0
    slowest = 0.0
    ends = []
    t0 = time.time()
    for p in payloads:
        t = time.time()
        args = rpc.call("torrent-add", {"metainfo": p, "paused": paused, "download-dir": download_dir})
        ends.append(time.time())
        slowest = max(slowest, ends[-1] - t)
        if "torrent-added" in args:
            added += 1
        elif "torrent-duplicate" in args:
            duplicates += 1
    seconds = time.time() - t0
    rpc.close()
    # Rate over the first and the last tenth of the adds: does adding slow down as the library grows?
    tenth = max(1, len(ends) // 10)
    first = tenth / max(ends[tenth - 1] - t0, 1e-9) if ends else None
    last = tenth / max(ends[-1] - ends[-tenth - 1], 1e-9) if len(ends) > tenth else None
    return {"files": len(files), "added": added, "duplicates": duplicates, "seconds": round(seconds, 3),
            "rate": round(added / seconds, 1) if seconds > 0 else None, "slowest_call": round(slowest, 3),
            "first_tenth_rate": round(first, 1) if first else None,
            "last_tenth_rate": round(last, 1) if last else None}


LIST_FIELDS = ["id", "name", "status", "percentDone", "totalSize"]


def wait_list(url, log, n, t0, timeout):
    """From T0 (the daemon's exec): until torrent-get lists N torrents. Polls every 20 ms."""
    deadline = t0 + timeout
    u = wait_url(url, log, deadline)
    if not u:
        return {"listed": 0, "seconds": None, "error": "the RPC did not answer in time"}
    rpc_up = time.time() - t0
    rpc = Rpc(u, timeout=max(5.0, deadline - time.time()))
    polls = 0
    listed = 0
    while time.time() < deadline:
        polls += 1
        try:
            listed = len(rpc.call("torrent-get", {"fields": LIST_FIELDS}).get("torrents", []))
        except (RuntimeError, OSError, http.client.HTTPException, ValueError):
            listed = 0
        if listed >= n:
            seconds = time.time() - t0
            # One more listing, now that it is complete: what a remote's refresh costs.
            t = time.time()
            rpc.call("torrent-get", {"fields": LIST_FIELDS})
            call = time.time() - t
            rpc.close()
            return {"listed": listed, "seconds": round(seconds, 3), "rpc_up": round(rpc_up, 3),
                    "polls": polls, "one_call": round(call, 3), "url": u}
        time.sleep(0.02)
    rpc.close()
    return {"listed": listed, "seconds": None, "rpc_up": round(rpc_up, 3), "polls": polls,
            "error": f"only {listed} of {n} listed after {timeout} s"}


def main(argv):
    def src(args):
        if args[0] == "--url":
            return args[1], None, args[2:]
        if args[0] == "--log":
            return None, args[1], args[2:]
        raise SystemExit("need --url URL or --log FILE")

    cmd, rest = argv[1], argv[2:]
    if cmd == "wait-rpc":
        url, log, rest = src(rest)
        u = wait_url(url, log, time.time() + float(rest[0]))
        if not u:
            return 1
        print(u)
    elif cmd == "add-dir":
        part = None
        if "--slice" in rest:
            k, m = rest[rest.index("--slice") + 1].split("/")
            part = (int(k), int(m))
        print(json.dumps(add_dir(rest[0], rest[1], rest[2], "--paused" in rest[3:], part)))
    elif cmd == "wait-list":
        url, log, rest = src(rest)
        r = wait_list(url, log, int(rest[0]), float(rest[1]), float(rest[2]))
        print(json.dumps(r))
        return 0 if r.get("seconds") is not None else 1
    elif cmd == "get":
        fields = rest[1].split(",")
        rpc = Rpc(rest[0], timeout=30)
        print(json.dumps(rpc.call("torrent-get", {"fields": fields}).get("torrents", [])))
        rpc.close()
    elif cmd == "call":
        rpc = Rpc(rest[0], timeout=30)
        print(json.dumps(rpc.call(rest[1], json.loads(rest[2]))))
        rpc.close()
    else:
        raise SystemExit(f"unknown command {cmd}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
