"""Malformed magnets and bare info-hashes for the probe, mostly derived from valid magnets."""
import urllib.parse

ZERO40 = "0" * 40
HASH40 = "0123456789abcdef0123456789abcdef01234567"
HASH64 = "0123456789abcdef" * 4


def fixed_cases():
    """Known-nasty inputs: issue 17's reproductions and their neighbours."""
    out = [
        ("dn-ff", f"magnet:?xt=urn:btih:{HASH40}&dn=%ff"),
        ("dn-fffe", f"magnet:?xt=urn:btih:{HASH40}&dn=%ff%fe%fd"),
        ("dn-raw-ff", f"magnet:?xt=urn:btih:{HASH40}&dn=\udcff"),
        ("dn-overlong", f"magnet:?xt=urn:btih:{HASH40}&dn=%c0%af"),
        ("dn-surrogate", f"magnet:?xt=urn:btih:{HASH40}&dn=%ed%a0%80"),
        ("tr-ff", f"magnet:?xt=urn:btih:{HASH40}&tr=http%3A%2F%2F127.0.0.1%3A1%2F%ff"),
        ("ws-ff", f"magnet:?xt=urn:btih:{HASH40}&ws=http%3A%2F%2F127.0.0.1%3A1%2F%fe"),
        ("zero-hash", f"magnet:?xt=urn:btih:{ZERO40}"),
        ("zero-hash-v2", f"magnet:?xt=urn:btmh:1220{'0' * 64}"),
        ("bare-zero", ZERO40),
        ("bare-zero-64", "0" * 64),
        ("bare-newline", HASH40 + "\n"),
        ("bare-crlf", HASH40 + "\r\n"),
        ("bare-space", " " + HASH40 + " "),
        ("bare-39", HASH40[:39]),
        ("bare-41", HASH40 + "0"),
        ("bare-63", HASH64[:63]),
        ("bare-65", HASH64 + "0"),
        ("bare-upper", HASH40.upper()),
        ("bare-nonhex", "g" * 40),
        ("bare-base32", "A" * 32),
        ("magnet-only", "magnet:"),
        ("magnet-q", "magnet:?"),
        ("magnet-upper", f"MAGNET:?XT=URN:BTIH:{HASH40}"),
        ("xt-empty", "magnet:?xt="),
        ("xt-btih-empty", "magnet:?xt=urn:btih:"),
        ("xt-btih-39", f"magnet:?xt=urn:btih:{HASH40[:39]}"),
        ("xt-btih-41", f"magnet:?xt=urn:btih:{HASH40}0"),
        ("xt-btih-base32", "magnet:?xt=urn:btih:" + "A" * 32),
        ("xt-btih-base32-bad", "magnet:?xt=urn:btih:" + "1" * 32),
        ("xt-btmh-short", "magnet:?xt=urn:btmh:1220" + "0" * 10),
        ("xt-btmh-wrong-code", "magnet:?xt=urn:btmh:1120" + HASH64),
        ("xt-btmh-wrong-len", "magnet:?xt=urn:btmh:1240" + HASH64),
        ("xt-twice", f"magnet:?xt=urn:btih:{HASH40}&xt=urn:btih:{ZERO40}"),
        ("pct-bad", f"magnet:?xt=urn:btih:{HASH40}&dn=%"),
        ("pct-bad2", f"magnet:?xt=urn:btih:{HASH40}&dn=%g1"),
        ("pct-nul", f"magnet:?xt=urn:btih:{HASH40}&dn=a%00b"),
        ("x-pe-bad", f"magnet:?xt=urn:btih:{HASH40}&x.pe=127.0.0.1:99999"),
        ("x-pe-v6", f"magnet:?xt=urn:btih:{HASH40}&x.pe=[::1"),
        ("so-huge", f"magnet:?xt=urn:btih:{HASH40}&so=0-99999999999999999999"),
        ("so-neg", f"magnet:?xt=urn:btih:{HASH40}&so=-5,3-1"),
        ("dn-long", f"magnet:?xt=urn:btih:{HASH40}&dn=" + "a" * 100000),
        ("tr-many", f"magnet:?xt=urn:btih:{HASH40}" + "".join(f"&tr=udp://127.0.0.1:{i}" for i in range(5000))),
        ("tr-tiered", f"magnet:?xt=urn:btih:{HASH40}&tr.99999999999=udp://127.0.0.1:1"),
        ("no-xt", "magnet:?dn=name&tr=udp://127.0.0.1:1"),
        ("amp-only", "magnet:?&&&&"),
        ("eq-only", "magnet:?===="),
    ]
    return [(kind, text.encode("utf-8", "surrogateescape")) for kind, text in out]


def mutate(rng, text):
    data = bytearray(text)
    choice = rng.randrange(6)
    if choice == 0:  # byte flips
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(1, 256)
        return "flip", bytes(data)
    if choice == 1:
        return "truncate", bytes(data[:rng.randrange(len(data))])
    if choice == 2:  # invalid UTF-8, percent-encoded or raw, in a random parameter
        bad = rng.choice([b"%ff", b"%fe%ff", b"%c3%28", b"\xff", b"%e2%82", b"%f4%90%80%80"])
        at = rng.randrange(len(data))
        return "utf8", bytes(data[:at]) + bad + bytes(data[at:])
    if choice == 3:  # a parameter repeated many times
        params = text.split(b"&")
        p = rng.choice(params[1:] or params)
        return "repeat", text + (b"&" + p) * rng.choice([10, 1000, 10000])
    if choice == 4:  # delete or duplicate a span
        a = rng.randrange(len(data))
        b = min(len(data), a + rng.randint(1, 40))
        if rng.random() < 0.5:
            return "delete", bytes(data[:a] + data[b:])
        return "duplicate", bytes(data[:b] + data[a:b] + data[b:])
    # swap the hash for a broken one
    return "hash", bytes(data).replace(HASH40.encode(), rng.choice([b"", b"0" * 39, b"z" * 40, b"0" * 41]))


def cases(rng, valid, total):
    """At least `total` cases: the fixed ones, then mutations of the valid magnets."""
    out = fixed_cases()
    sources = [v.encode() for v in valid] + [f"magnet:?xt=urn:btih:{HASH40}&dn=x&tr=udp%3A%2F%2F127.0.0.1%3A1".encode()]
    while len(out) < total:
        kind, text = mutate(rng, rng.choice(sources))
        out.append((kind, text))
    return out
