"""Bencode <-> Python values (dict with bytes keys, list, int, bytes) for mutating valid torrents.

Debian's python3-libtorrent does the encoding (keys sorted, as the format asks); this module only gives
the generator the three names it uses. Run with Debian's /usr/bin/python3, which has that module.
"""
import copy as _copy

import libtorrent as _lt


def decode(data):
    value = _lt.bdecode(bytes(data))  # raises RuntimeError on malformed input
    if value is None:
        raise ValueError("not bencoded data")
    return value


def encode(value):
    return _lt.bencode(value)


def copy(value):
    return _copy.deepcopy(value)
