#!/usr/bin/env python3
"""Checks swarm/scenario.schema.json: it is a valid draft 2020-12 schema, every example scenario
conforms, and documents with an unknown key, a bad choice or a negative count are refused. Given the
shoal binary (--shoal), it also holds the schema to the parser: the same keys in every object, and the
same verdict on each sample document (`shoal swarm validate --json`).

Usage: check_scenario_schema.py SWARM_DIR [--shoal PATH]. Exit 0 ok, 1 a check failed, 77 skipped
(python3-jsonschema is missing: scripts/install-deps.sh installs it).
"""
import argparse
import copy
import json
import os
import pathlib
import subprocess
import sys
import tempfile

try:
    import jsonschema
except ImportError:
    print("skipped: python3-jsonschema is not installed (scripts/install-deps.sh installs it)")
    sys.exit(77)

BASE = {"name": "sample", "groups": [{"role": "seeder"}, {"role": "leecher", "count": 2}]}


def with_changes(change):
    doc = copy.deepcopy(BASE)
    change(doc)
    return doc


def setter(path, value):
    """A change that sets doc[path...] = value, creating objects on the way."""
    def change(doc):
        node = doc
        for key in path[:-1]:
            node = node.setdefault(key, {}) if isinstance(key, str) else node[key]
        node[path[-1]] = value
    return change


# Documents both the schema and the parser accept: one per kind of key, new keys included.
VALID = {
    "minimal": BASE,
    "every top-level key": {
        "$schema": "../scenario.schema.json", "name": "all", "description": "d", "seed": 7,
        "payload": {"size": "8 MiB", "files": 2, "seed": 3, "kind": "hybrid", "piece_size": "64KiB"},
        "discovery": "tracker",
        "transport": {"utp": True, "encryption": "require", "pex": True},
        "network": {"base": "127.99.0.0", "netns": False},
        "groups": [
            {"name": "s", "role": "seeder", "count": 1, "client": "shoal", "upload_limit": "1MiB"},
            {"name": "l", "role": "leecher", "count": 3, "join": 1, "join_spread": 2, "leave": 30,
             "churn": {"fraction": 0.5, "interval": 2, "downtime": 1}, "download_limit": 1048576,
             "connections_limit": 20, "fault": {"type": "stall", "after": 3, "upload_rate": "2k"},
             "link": {"rate": "10MiB", "delay_ms": 20, "loss_percent": 0.5}},
        ],
        "stop": {"when": "deadline", "deadline": 60},
        "expect": {"all_complete_by": 50, "no_corrupt_data": True, "corrupt_banned": False,
                   "max_hash_failures": 0},
        "report": {"sample_interval": 0.5, "verify": True},
    },
    "transmission-cli leechers": with_changes(setter(["groups", 1, "client"], "transmission-cli")),
    "corrupt seeder": with_changes(lambda d: d["groups"].append(
        {"role": "seeder", "fault": {"type": "corrupt", "pieces": 4}})),
    "link rate as a number": with_changes(setter(["groups", 0, "link"], {"rate": 1024})),
    "existing torrent": with_changes(setter(["payload"], {"torrent": "x.torrent", "data": "."})),
}

# Documents both refuse, for a reason the schema can see.
INVALID = {
    "unknown top-level key": with_changes(setter(["nmae"], "typo")),
    "unknown group key": with_changes(setter(["groups", 0, "rol"], "seeder")),
    "unknown link key": with_changes(setter(["groups", 0, "link"], {"latency": 5})),
    "unknown network key": with_changes(setter(["network", "namespaces"], True)),
    "bad client": with_changes(setter(["groups", 1, "client"], "qbittorrent")),
    "bad discovery": with_changes(setter(["discovery"], "lsd")),
    "bad encryption": with_changes(setter(["transport", "encryption"], "always")),
    "negative count": with_changes(setter(["groups", 1, "count"], -1)),
    "count not a whole number": with_changes(setter(["groups", 1, "count"], 1.5)),
    "size with an unknown unit": with_changes(setter(["payload", "size"], "16 MeB")),
    "netns not a boolean": with_changes(setter(["network", "netns"], "yes")),
    "loss over 100 percent": with_changes(setter(["groups", 0, "link"], {"loss_percent": 101})),
    "delay over 10 s": with_changes(setter(["groups", 0, "link"], {"delay_ms": 10001})),
    "link rate under 1 KiB/s": with_changes(setter(["groups", 0, "link"], {"rate": 1000})),
    "no role": with_changes(lambda d: d["groups"][1].pop("role")),
    "no groups": {"name": "x"},
    "empty groups": {"name": "x", "groups": []},
    "corrupt fault without pieces": with_changes(setter(["groups", 0, "fault"], {"type": "corrupt"})),
    "stall fault with pieces": with_changes(setter(["groups", 0, "fault"], {"type": "stall", "pieces": 2})),
    "torrent without data": with_changes(setter(["payload"], {"torrent": "x.torrent"})),
    "piece size not a multiple of 16 KiB": with_changes(setter(["payload", "piece_size"], 20000)),
    "base outside loopback": with_changes(setter(["network", "base"], "10.0.0.1")),
}

# Every object of a scenario, as (JSON pointer, a document with an unknown key there, schema path).
PROBES = [
    ("", lambda d: d, []),
    ("/payload", lambda d: d.setdefault("payload", {}), ["properties", "payload"]),
    ("/transport", lambda d: d.setdefault("transport", {}), ["properties", "transport"]),
    ("/network", lambda d: d.setdefault("network", {}), ["properties", "network"]),
    ("/stop", lambda d: d.setdefault("stop", {}), ["properties", "stop"]),
    ("/expect", lambda d: d.setdefault("expect", {}), ["properties", "expect"]),
    ("/report", lambda d: d.setdefault("report", {}), ["properties", "report"]),
    ("/groups/0", lambda d: d["groups"][0], ["$defs", "group"]),
    ("/groups/0/churn", lambda d: d["groups"][0].setdefault("churn", {}),
     ["$defs", "group", "properties", "churn"]),
    ("/groups/0/fault", lambda d: d["groups"][0].setdefault("fault", {"type": "stall"}), ["$defs", "fault"]),
    ("/groups/0/link", lambda d: d["groups"][0].setdefault("link", {}),
     ["$defs", "group", "properties", "link"]),
]


def resolve(schema, path):
    """The subschema at `path`, following local $refs on the way."""
    node = schema
    for key in path:
        node = node[key]
        while isinstance(node, dict) and "$ref" in node:
            node = resolve(schema, node["$ref"].removeprefix("#/").split("/"))
    return node


class Parser:
    """`shoal swarm validate --json` on a document written to a temp file."""

    def __init__(self, binary):
        self.binary = binary
        self.dir = tempfile.TemporaryDirectory(prefix="shoal-schema-")

    def issues(self, doc):
        path = pathlib.Path(self.dir.name) / "scenario.json"
        path.write_text(json.dumps(doc))
        run = subprocess.run([self.binary, "swarm", "validate", str(path), "--json"],
                             capture_output=True, text=True, timeout=30)
        if run.returncode not in (0, 3):
            raise RuntimeError(f"shoal swarm validate exited with {run.returncode}: {run.stderr}")
        return json.loads(run.stdout.splitlines()[-1]).get("issues", [])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("swarm_dir", type=pathlib.Path)
    parser.add_argument("--shoal", help="the shoal binary, to hold the schema to the parser")
    args = parser.parse_args()
    failures = []

    schema = json.loads((args.swarm_dir / "scenario.schema.json").read_text())
    validator_class = jsonschema.Draft202012Validator
    try:
        validator_class.check_schema(schema)
    except jsonschema.SchemaError as e:
        print(f"FAIL the schema itself: {e.message} at {'/'.join(map(str, e.path))}")
        return 1
    validator = validator_class(schema)

    def schema_errors(doc):
        return sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.path)))

    examples = sorted((args.swarm_dir / "examples").glob("*.json"))
    if not examples:
        failures.append("no examples found in " + str(args.swarm_dir / "examples"))
    for example in examples:
        for e in schema_errors(json.loads(example.read_text())):
            failures.append(f"{example.name}: /{'/'.join(map(str, e.path))}: {e.message}")
    for name, doc in VALID.items():
        for e in schema_errors(doc):
            failures.append(f"valid sample '{name}' refused: /{'/'.join(map(str, e.path))}: {e.message}")
    for name, doc in INVALID.items():
        if not schema_errors(doc):
            failures.append(f"invalid sample '{name}' accepted by the schema")

    if args.shoal and not os.access(args.shoal, os.X_OK):
        print(f"note: {args.shoal} is not built: the schema was not compared with the parser")
    elif args.shoal:
        shoal = Parser(args.shoal)
        for example in examples:
            issues = shoal.issues(json.loads(example.read_text()))
            if issues:
                failures.append(f"{example.name}: the parser refuses an example: {issues[0]['message']}")
        for name, doc in VALID.items():
            issues = shoal.issues(doc)
            if issues:
                failures.append(f"valid sample '{name}' refused by the parser: {issues[0]['pointer']}: "
                                f"{issues[0]['message']}")
        for name, doc in INVALID.items():
            if not shoal.issues(doc):
                failures.append(f"invalid sample '{name}' accepted by the parser")
        # The same keys in every object: the parser lists the ones it knows when it meets an unknown one.
        for pointer, at, schema_path in PROBES:
            doc = copy.deepcopy(BASE)
            at(doc)["zz_probe"] = 1
            found = [i for i in shoal.issues(doc) if i["pointer"] == pointer + "/zz_probe"]
            if not found or "(known here: " not in found[0]["message"]:
                failures.append(f"{pointer or '/'}: the parser did not refuse an unknown key")
                continue
            known = set(found[0]["message"].split("(known here: ", 1)[1].rstrip(")").split(", "))
            described = set(resolve(schema, schema_path).get("properties", {}))
            if known != described:
                only_parser, only_schema = sorted(known - described), sorted(described - known)
                failures.append(f"{pointer or '/'}: keys differ: only in the parser {only_parser}, "
                                f"only in the schema {only_schema}")

    for failure in failures:
        print("FAIL " + failure)
    checked = f"{len(examples)} examples, {len(VALID)} valid and {len(INVALID)} invalid samples"
    print(("ok: " if not failures else f"{len(failures)} failures; ") + checked +
          (", compared with " + args.shoal if args.shoal and os.access(args.shoal, os.X_OK) else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
