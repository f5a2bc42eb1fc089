"""Bencode <-> Python values (dict with bytes keys, list, int, bytes) for mutating valid torrents.

Only for the probe's generator: it decodes torrents that `shoal create` wrote, changes values, and
encodes them again (keys sorted, as the format asks; mutations that break the order do so on purpose).
"""
import copy as _copy


def decode(data):
    value, end = _decode(data, 0)
    if end != len(data):
        raise ValueError(f"trailing bytes at {end}")
    return value


def _decode(data, i):
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1:end]), end + 1
    if c == b"l":
        i += 1
        out = []
        while data[i:i + 1] != b"e":
            v, i = _decode(data, i)
            out.append(v)
        return out, i + 1
    if c == b"d":
        i += 1
        out = {}
        while data[i:i + 1] != b"e":
            k, i = _decode(data, i)
            v, i = _decode(data, i)
            out[k] = v
        return out, i + 1
    colon = data.index(b":", i)
    n = int(data[i:colon])
    return data[colon + 1:colon + 1 + n], colon + 1 + n


def encode(value):
    out = []
    _encode(value, out)
    return b"".join(out)


def _encode(value, out):
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int):
        out.append(b"i%de" % value)
    elif isinstance(value, (bytes, bytearray)):
        out.append(b"%d:" % len(value))
        out.append(bytes(value))
    elif isinstance(value, str):
        _encode(value.encode(), out)
    elif isinstance(value, list):
        out.append(b"l")
        for v in value:
            _encode(v, out)
        out.append(b"e")
    elif isinstance(value, dict):
        out.append(b"d")
        for k in sorted(value):
            _encode(k, out)
            _encode(value[k], out)
        out.append(b"e")
    else:
        raise TypeError(type(value))


def copy(value):
    return _copy.deepcopy(value)
