#!/usr/bin/env python3
"""Writes the fuzz seed corpora from what make_corpus.sh produced with Shoal's own tools.

write_corpus.py WORK SWARM_EXAMPLES CORPUS
WORK holds torrents/*.torrent (shoal create), magnets.txt (shoal info --json) and settings-*.json (a
daemon's session-get). Each corpus gets those inputs in its target's format, plus a few tricky variants
(the issue's reproductions); file names say what each is.
"""
import base64
import json
import shutil
import sys
from pathlib import Path

HASH40 = "0123456789abcdef0123456789abcdef01234567"


def reset(folder):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def http(body, path="/transmission/rpc", method="POST", extra=""):
    data = body.encode() if isinstance(body, str) else body
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:9091\r\n{extra}"
    if method == "POST":
        head += f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n"
    return head.encode() + b"\r\n" + data


def main():
    work, examples, corpus = (Path(a) for a in sys.argv[1:4])
    torrents = sorted((work / "torrents").glob("*.torrent"))
    magnets = [m for m in (work / "magnets.txt").read_text().splitlines() if m]

    # torrent_source: byte 0 even = .torrent bytes, odd = text.
    out = reset(corpus / "torrent_source")
    for t in torrents:
        (out / t.name).write_bytes(b"\x00" + t.read_bytes())
    for i, m in enumerate(magnets):
        (out / f"magnet-{i}").write_bytes(b"\x01" + m.encode())
    tricky = {
        "magnet-dn-ff": f"magnet:?xt=urn:btih:{HASH40}&dn=%ff",
        "magnet-tr-ff": f"magnet:?xt=urn:btih:{HASH40}&tr=http%3A%2F%2F127.0.0.1%3A1%2F%ff",
        "magnet-btmh": "magnet:?xt=urn:btmh:1220" + "ab" * 32 + "&dn=v2",
        "hash-v1": HASH40,
        "hash-v2": "ab" * 32,
        "hash-zero": "0" * 40,
        "hash-newline": HASH40 + "\n",
    }
    for name, text in tricky.items():
        (out / name).write_bytes(b"\x01" + text.encode())

    # watch_folder: the file's bytes as they are, torrents and not.
    out = reset(corpus / "watch_folder")
    for t in torrents:
        shutil.copy(t, out / t.name)
    (out / "not-a-torrent.txt").write_bytes(b"this is not bencode\n")

    # settings_json: what a daemon stored, and neighbours a hand-edited or older library might hold.
    out = reset(corpus / "settings_json")
    stored = []
    for answer in sorted(work.glob("settings-*.json")):
        settings = json.loads(answer.read_text())["arguments"]["shoal-settings"]
        stored.append(settings)
        (out / answer.name).write_text(json.dumps(settings))
        (out / ("pretty-" + answer.name)).write_text(json.dumps(settings, indent=2))
    base = stored[0]
    variants = {
        "empty-object.json": {},
        "wrong-type.json": dict(base, connections_limit="many"),
        "null-goals.json": dict(base, seed_ratio_goal=None, seed_time_goal_seconds=None),
        "past-int.json": dict(base, download_limit=3000000000),
        "fraction-int.json": dict(base, alt_speed_begin_minute=1.5),
        "bad-encryption.json": dict(base, encryption="maybe"),
        "listen-list.json": dict(base, listen_interfaces="127.0.0.1:0,[::1]:0"),
        "nodes-bad.json": dict(base, dht_bootstrap_nodes=["router:0", "[::1]:99999"]),
        "unknown-keys.json": dict(base, future_key={"nested": [1, 2, 3]}),
    }
    for name, value in variants.items():
        (out / name).write_text(json.dumps(value))

    # scenario: the examples users start from.
    out = reset(corpus / "scenario")
    for example in sorted(examples.glob("*.json")):
        shutil.copy(example, out / example.name)

    # rpc: byte 0 bit 0 = add the session id, bit 1 = from a non-whitelisted address.
    out = reset(corpus / "rpc")
    metainfo = base64.b64encode(torrents[0].read_bytes()).decode()
    bodies = {
        "session-get": {"method": "session-get", "tag": 1},
        "session-get-fields": {"method": "session-get", "arguments": {"fields": ["version", "download-dir"]}},
        "session-set": {"method": "session-set", "arguments": {"speed-limit-down": 100, "alt-speed-enabled": True}},
        "session-set-shoal": {"method": "session-set", "arguments": {"shoal-settings": stored[-1]}},
        "session-stats": {"method": "session-stats"},
        "free-space": {"method": "free-space", "arguments": {"path": "/tmp"}},
        "torrent-add-metainfo": {"method": "torrent-add", "arguments": {"metainfo": metainfo, "paused": True}},
        "torrent-add-magnet": {"method": "torrent-add", "arguments": {"filename": magnets[0], "paused": True}},
        "torrent-add-magnet-ff": {"method": "torrent-add", "arguments": {
            "filename": f"magnet:?xt=urn:btih:{HASH40}&dn=%ff", "paused": True}},
        "torrent-get": {"method": "torrent-get", "arguments": {
            "fields": ["id", "name", "hashString", "status", "files", "trackers", "peers"], "ids": "recently-active"}},
        "torrent-get-table": {"method": "torrent-get", "arguments": {"fields": ["id", "name"], "format": "table"}},
        "torrent-set": {"method": "torrent-set", "arguments": {"ids": [1], "downloadLimit": 10, "labels": ["x"]}},
        "torrent-remove": {"method": "torrent-remove", "arguments": {"ids": [1], "delete-local-data": False}},
        "torrent-start": {"method": "torrent-start", "arguments": {"ids": "all"}},
        "rename": {"method": "torrent-rename-path", "arguments": {"ids": [1], "path": "a", "name": "b"}},
        "shoal-rename": {"method": "shoal-rename-file", "arguments": {"ids": [1], "index": 0, "path": "c"}},
        "jsonrpc-torrent-get": {"jsonrpc": "2.0", "method": "torrent_get", "params": {"fields": ["id", "name"]}, "id": 1},
        "jsonrpc-notification": {"jsonrpc": "2.0", "method": "session_stats"},
        "jsonrpc-batch": [{"jsonrpc": "2.0", "method": "session_get", "id": "a"},
                          {"jsonrpc": "2.0", "method": "torrent_add", "params": {"filename": magnets[1]}, "id": 2}],
        "deep-tag": {"method": "session-get", "tag": [[[[[[[[[[1]]]]]]]]]]},
    }
    for name, body in bodies.items():
        (out / name).write_bytes(b"\x01" + http(json.dumps(body)))
    (out / "handshake-409").write_bytes(b"\x00" + http(json.dumps(bodies["session-get"])))
    (out / "not-whitelisted").write_bytes(b"\x03" + http(json.dumps(bodies["session-get"])))
    (out / "metrics").write_bytes(b"\x00" + http("", path="/metrics", method="GET"))
    (out / "basic-auth").write_bytes(b"\x01" + http(json.dumps(bodies["session-get"]),
                                                    extra="Authorization: Basic dXNlcjpwYXNz\r\n"))
    (out / "bad-host").write_bytes(b"\x01" + http(json.dumps(bodies["session-get"])).replace(
        b"Host: 127.0.0.1:9091", b"Host: evil.example"))
    (out / "not-json").write_bytes(b"\x01" + http("{\"method\":"))
    chunk = json.dumps(bodies["session-get"]).encode()
    (out / "chunked").write_bytes(b"\x01" + b"POST /transmission/rpc HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  b"Transfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (len(chunk), chunk))
    for folder in sorted(corpus.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")


if __name__ == "__main__":
    main()
