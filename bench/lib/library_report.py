#!/usr/bin/python3
"""bench/library.sh's report: a table and one JSON line from RESULTS_DIR/{shoal,transmission,libtorrent}.json.

  library_report.py N RESULTS_DIR
  library_report.py --slices FILE.jsonl    -> one daemon's add slices (trpc.py add-dir --slice) summed up
"""
import json
import os
import sys

NAMES = {"shoal": "shoal daemon", "transmission": "transmission-daemon"}


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def sum_slices(path):
    """The add figures of one daemon over its slices: totals, and each slice's rate in order."""
    with open(path) as f:
        rows = sorted((json.loads(line) for line in f if line.strip()), key=lambda r: r["slice"])
    adds = [r["add"] for r in rows]
    seconds = sum(a["seconds"] for a in adds)
    added = sum(a["added"] for a in adds)
    return {"files": sum(a["files"] for a in adds), "added": added,
            "duplicates": sum(a["duplicates"] for a in adds), "seconds": round(seconds, 3),
            "rate": round(added / seconds, 1) if seconds > 0 else None,
            "slowest_call": max(a["slowest_call"] for a in adds),
            "first_tenth_rate": adds[0]["rate"], "last_tenth_rate": adds[-1]["rate"],
            "slice_rates": [a["rate"] for a in adds],
            "cpu_seconds": round(sum(r["cpu_seconds"] for r in rows), 3),
            "loads": [r["load"] for r in rows]}


def main():
    if sys.argv[1] == "--slices":
        print(json.dumps(sum_slices(sys.argv[2])))
        return 0
    n, results = int(sys.argv[1]), sys.argv[2]
    rows = {d: load(os.path.join(results, d + ".json")) for d in NAMES}
    lt = load(os.path.join(results, "libtorrent.json"))
    with open("/proc/loadavg") as f:
        load_now = float(f.read().split()[0])

    print(f"{n} paused torrents; add: one torrent-add (metainfo) per torrent over one keep-alive connection,")
    print("both daemons running, driven in turn a slice at a time (A B, B A, ...);")
    print("list: from the restarted daemon's exec until torrent-get (id,name,status,percentDone,totalSize)")
    print("lists all of them; RSS: VmRSS once it settles after the listing; load: 1-min load average")
    print(f"{'daemon':<22} {'add s':>8} {'add/s':>8} {'list s':>8} {'RPC up s':>9} {'one get s':>9} "
          f"{'RSS MB':>7} {'stop s':>7} {'load':>10}")
    out = {"bench": "library", "n": n, "load_end": load_now}
    for d, r in rows.items():
        if not r:
            continue
        add, lst = r["add"], r["list"]
        rss = r["rss_kb"] / 1024
        print(f"{NAMES[d]:<22} {add['seconds']:>8.2f} {add['rate']:>8.1f} {lst['seconds']:>8.3f} "
              f"{lst['rpc_up']:>9.3f} {lst['one_call']:>9.3f} {rss:>7.1f} {r['stop_seconds']:>7.2f} "
              f"{max(add['loads']):>4.2f}/{r['load_list']:<5.2f}")
        out[d] = {"add_seconds": add["seconds"], "add_rate": add["rate"], "added": add["added"],
                  "slowest_add_call": add["slowest_call"],
                  "add_rate_first_tenth": add.get("first_tenth_rate"), "add_rate_last_tenth": add.get("last_tenth_rate"), "list_seconds": lst["seconds"],
                  "rpc_up_seconds": lst["rpc_up"], "one_get_seconds": lst["one_call"],
                  "rss_mb": round(rss, 1), "rss_state": r["rss_state"], "hwm_mb": round(r["hwm_kb"] / 1024, 1),
                  "add_cpu_ms_per_torrent": round(1000 * add["cpu_seconds"] / max(add["added"], 1), 3),
                  "add_slice_rates": add["slice_rates"],
                  "stop_seconds": round(r["stop_seconds"], 3), "load_add_max": max(add["loads"]),
                  "load_list": r["load_list"]}
    if lt:
        print(f"{'libtorrent alone':<22} {lt['add_seconds']:>8.2f} {lt['torrents'] / max(lt['add_seconds'], 1e-9):>8.1f} "
              f"{'-':>8} {'-':>9} {'-':>9} {lt['rss_mb']:>7.1f}   (python itself: {lt['rss_base_mb']} MB)")
        out["libtorrent"] = lt
    s, t = out.get("shoal"), out.get("transmission")
    if s and t:
        list_x = t["list_seconds"] / s["list_seconds"]
        add_x = s["add_rate"] / t["add_rate"]
        out["ratios"] = {"list_speedup_vs_transmission": round(list_x, 2),
                         "add_rate_vs_transmission": round(add_x, 2),
                         "rss_vs_transmission": round(s["rss_mb"] / t["rss_mb"], 2)}
        print()
        print(f"shoal list: {s['list_seconds']:.2f} s (target <= 1 s), {list_x:.2f}x transmission's speed (target >= 2)")
        per_slice = [round(a / b, 2) for a, b in zip(s["add_slice_rates"], t["add_slice_rates"]) if a and b]
        out["ratios"]["add_rate_per_slice"] = per_slice
        print(f"shoal add rate: {add_x:.2f}x transmission's (target >= 2); per second over the first / last slice: "
              f"shoal {s['add_rate_first_tenth']} / {s['add_rate_last_tenth']}, "
              f"transmission {t['add_rate_first_tenth']} / {t['add_rate_last_tenth']}")
        print(f"add rate ratio slice by slice (the library growing): {' '.join(f'{x:.2f}' for x in per_slice)}")
        print(f"daemon CPU per add (all threads): shoal {s['add_cpu_ms_per_torrent']:.3f} ms, "
              f"transmission {t['add_cpu_ms_per_torrent']:.3f} ms")
        print(f"shoal RSS: {s['rss_mb']:.1f} MB (target <= 100), transmission {t['rss_mb']:.1f} MB"
              + (f", libtorrent alone {lt['rss_mb']:.1f} MB" if lt else ""))
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
