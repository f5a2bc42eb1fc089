#!/usr/bin/python3
"""The reference for the library bench: libtorrent alone (Debian's python3-libtorrent 2.0.8) holding the
same torrents paused in one lt.session, nothing else. Prints one JSON line: the time to add them, the
process's VmRSS before the session, once all are added and once it settles, and VmHWM.

  lt_hold.py TORRENT_DIR SAVE_DIR [SETTLE_TIMEOUT]
"""
import json
import os
import sys
import time

import libtorrent as lt


def status_kb(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def settle(timeout, step=0.5, still=4):
    """VmRSS once it moved less than 1 % over `still` samples `step` s apart (or at the timeout)."""
    deadline = time.time() + timeout
    history = [status_kb("VmRSS")]
    while time.time() < deadline:
        time.sleep(step)
        history.append(status_kb("VmRSS"))
        last = history[-still:]
        if len(last) == still and max(last) - min(last) <= 0.01 * max(last):
            return history[-1], True
    return history[-1], False


def main():
    torrent_dir, save_dir = sys.argv[1], sys.argv[2]
    settle_timeout = float(sys.argv[3]) if len(sys.argv) > 3 else 60
    files = sorted(os.path.join(torrent_dir, f) for f in os.listdir(torrent_dir) if f.endswith(".torrent"))
    base = status_kb("VmRSS")
    # Loopback only, nothing that reaches out: no DHT, LSD, UPnP, NAT-PMP.
    s = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                    "enable_upnp": False, "enable_natpmp": False,
                    "alert_mask": lt.alert_category.error})
    t0 = time.time()
    for path in files:
        p = lt.add_torrent_params()
        p.ti = lt.torrent_info(path)
        p.save_path = save_dir
        p.flags = (p.flags | lt.torrent_flags.paused) & ~lt.torrent_flags.auto_managed
        s.async_add_torrent(p)
    # async adds: wait until the session holds them all.
    deadline = time.time() + 600
    while len(s.get_torrents()) < len(files) and time.time() < deadline:
        time.sleep(0.05)
        s.pop_alerts()
    added_seconds = time.time() - t0
    held = len(s.get_torrents())
    after_add = status_kb("VmRSS")
    rss, settled = settle(settle_timeout)
    print(json.dumps({"torrents": held, "add_seconds": round(added_seconds, 3),
                      "rss_base_mb": round(base / 1024, 1), "rss_after_add_mb": round(after_add / 1024, 1),
                      "rss_mb": round(rss / 1024, 1), "hwm_mb": round(status_kb("VmHWM") / 1024, 1),
                      "settled": settled}))
    return 0 if held == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
