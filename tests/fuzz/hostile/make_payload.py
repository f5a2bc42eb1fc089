"""Writes the small payloads that seed torrents are made from: one file, and a folder with a subfolder
(its name has a space) and an empty file. Same seed, same bytes. Used by scripts/probe-hostile.sh and
tests/fuzz/make_corpus.sh. Usage: make_payload.py DIR [SEED]
"""
import random
import sys
from pathlib import Path

root = Path(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 17)
(root / "multi" / "sub dir").mkdir(parents=True)
(root / "single.bin").write_bytes(rng.randbytes(100_000))
(root / "multi" / "a.txt").write_bytes(rng.randbytes(40_000))
(root / "multi" / "sub dir" / "b.bin").write_bytes(rng.randbytes(70_000))
(root / "multi" / "empty").write_bytes(b"")
