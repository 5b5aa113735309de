#!/usr/bin/env python3
"""Recompute a Dana RT bundle's hash chain without the app (Python 3, standard library only).

Usage: python3 verify_chain.py DIR      (DIR: an unzipped bundle, format dana-rt-bundle/2 or /3: the chain is the same in both)

For every row of chain.csv (id, prev_hash, hash, in_scope) it checks that ids run without a gap and
that prev_hash is the hash of the row before; for every in-scope row it takes the next line of
journal.jsonl, checks that the line is the canonical text of the entry it holds (rebuilt from the
parsed JSON by the serializer below, not by a JSON library), and recomputes

    hash = SHA-256( prev_hash + "\\n" + line )      (UTF-8, hex)

The last hash and id must be the head and count the MANIFEST states (which the signed end
checkpoint in checkpoints.jsonl carries too). Every file's SHA-256 is checked against MANIFEST.txt.
Prints OK and exits 0, or prints each problem and exits 1.
"""
import csv
import hashlib
import json
import os
import re
import sys

GENESIS = "0" * 64


def serialize(v):
    """The JSON text JavaScript's JSON.stringify writes for v (no spaces, keys in their order)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        out = ['"']
        for ch in v:
            c = ord(ch)
            if ch == '"':
                out.append('\\"')
            elif ch == "\\":
                out.append("\\\\")
            elif ch == "\b":
                out.append("\\b")
            elif ch == "\f":
                out.append("\\f")
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif c < 0x20 or 0xD800 <= c <= 0xDFFF:
                out.append("\\u%04x" % c)
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)
    if isinstance(v, list):
        return "[" + ",".join(serialize(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(serialize(k) + ":" + serialize(x) for k, x in v.items()) + "}"
    raise ValueError("unexpected value in an entry: %r" % (v,))


def main(root):
    problems = []
    manifest = open(os.path.join(root, "MANIFEST.txt"), encoding="utf-8").read()
    head = re.search(r"^# kepala rantai hash buku besar saat ekspor: (\S+)$", manifest, re.M)
    count = re.search(r"^# jumlah jurnal \(rantai\): (\d+)$", manifest, re.M)
    for m in re.finditer(r"^([0-9a-f]{64})  (.+)$", manifest, re.M):
        path = os.path.join(root, m.group(2))
        if not os.path.exists(path):
            problems.append("%s: listed in MANIFEST, missing" % m.group(2))
            continue
        with open(path, "rb") as f:
            if hashlib.sha256(f.read()).hexdigest() != m.group(1):
                problems.append("%s: SHA-256 differs from MANIFEST" % m.group(2))

    with open(os.path.join(root, "journal.jsonl"), "rb") as f:
        lines = f.read().decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        problems.append("journal.jsonl: last line not terminated")
    at = 0
    prev = None
    expected_id = None
    last_id = None
    checked = 0
    with open(os.path.join(root, "chain.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        if next(rows, None) != ["id", "prev_hash", "hash", "in_scope"]:
            problems.append("chain.csv: unexpected header")
        for row in rows:
            id_, prev_hash, hash_, in_scope = int(row[0]), row[1], row[2], row[3]
            if expected_id is None:
                expected_id = id_
                prev = GENESIS if id_ == 1 else prev_hash  # a later start rests on the start checkpoint's head
            if id_ != expected_id:
                problems.append("chain.csv: entry %d expected, %d found (gap or reorder)" % (expected_id, id_))
            if prev_hash != prev:
                problems.append("entry %d: prev_hash is not the hash of the entry before" % id_)
            if in_scope == "1":
                if at >= len(lines):
                    problems.append("entry %d: in scope but not in journal.jsonl" % id_)
                else:
                    line = lines[at]
                    at += 1
                    entry = json.loads(line)
                    if entry[1] != id_:
                        problems.append("journal.jsonl line %d holds entry %s, chain.csv expects %d" % (at, entry[1], id_))
                    if serialize(entry) != line:
                        problems.append("entry %d: journal.jsonl line is not canonical text" % id_)
                    recomputed = hashlib.sha256((prev_hash + "\n" + line).encode("utf-8")).hexdigest()
                    if recomputed != hash_:
                        problems.append("entry %d: recomputed hash %s differs from chain.csv %s" % (id_, recomputed[:16], hash_[:16]))
                    checked += 1
            prev = hash_
            expected_id = id_ + 1
            last_id = id_
    if at < len(lines):
        problems.append("journal.jsonl: %d lines not in chain.csv" % (len(lines) - at))
    if not head or prev != head.group(1):
        problems.append("last hash %s is not the MANIFEST head %s" % (prev, head.group(1) if head else None))
    if not count or last_id != int(count.group(1)):
        problems.append("last id %s is not the MANIFEST count %s" % (last_id, count.group(1) if count else None))
    if problems:
        for p in problems:
            print("PROBLEM: " + p)
        return 1
    print("OK: %d entries recomputed, chain to entry %d, head %s" % (checked, last_id, prev))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
