#!/usr/bin/python3
"""Writes N distinct small v1 torrents (Debian's python3-libtorrent): torrent i holds one file
lib-<i>.bin of 4 pieces of 16 KiB, with piece hashes made up from i, so every info-hash differs.
No payload is written: the library bench adds them paused, and nothing ever reads their data.
v1 only, because transmission-daemon 3.00 refuses v2 and hybrid torrents.

  gen_torrents.py N OUT_DIR
"""
import hashlib
import os
import sys

import libtorrent as lt

PIECE = 16 * 1024
PIECES = 4


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        name = f"lib-{i:06d}.bin"
        fs = lt.file_storage()
        fs.add_file(name, PIECE * PIECES)
        ct = lt.create_torrent(fs, PIECE, lt.create_torrent.v1_only)
        for p in range(PIECES):
            ct.set_hash(p, hashlib.sha1(f"{i}:{p}".encode()).digest())
        ct.set_creator("shoal bench/library.sh")
        with open(os.path.join(out, f"{i:06d}.torrent"), "wb") as f:
            # generate_buf is broken in the 2.0.8 binding: bencode the generated dict instead.
            f.write(lt.bencode(ct.generate()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
