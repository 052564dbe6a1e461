#!/usr/bin/env python3
"""List the entities one `paperkg extract --format jsonl` output adds and removes against another.

Usage: entity_diff.py BEFORE.jsonl AFTER.jsonl [AFTER-EXPLAIN.jsonl]

Prints added/removed counts per entity type, then one tab-separated line per change:
sign, paper id, type, name and (with an --explain output of AFTER) the rule that found it.
A type change shows as one removal and one addition. For auditing rule changes on text
without gold (issue 13).
"""
import collections
import json
import sys


def load(path):
    papers = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            papers[r["id"]] = {(e["type"], e["name"].lower()): e for e in r["entities"]}
    return papers


def found_by(path):
    rules = {}
    if path:
        with open(path, encoding="utf-8") as f:
            for line in f:
                r = json.loads(line)
                for e in r["entities"]:
                    rules[(r["id"], e["type"], e["name"].lower())] = e.get("found_by", "")
    return rules


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    before, after = load(sys.argv[1]), load(sys.argv[2])
    rules = found_by(sys.argv[3] if len(sys.argv) == 4 else None)
    added, removed, rows = collections.Counter(), collections.Counter(), []
    for pid, now in after.items():
        was = before.get(pid, {})
        for key in now.keys() - was.keys():
            added[key[0]] += 1
            rows.append(("+", pid, key[0], now[key]["name"], rules.get((pid,) + key, "")))
        for key in was.keys() - now.keys():
            removed[key[0]] += 1
            rows.append(("-", pid, key[0], was[key]["name"], ""))
    for t in sorted(set(added) | set(removed)):
        print(f"{t:8} +{added[t]:4} -{removed[t]:4}")
    print(f"total    +{sum(added.values()):4} -{sum(removed.values()):4}")
    for row in sorted(rows, key=lambda r: (r[2], r[0], r[4], r[1])):
        print("\t".join(row))


if __name__ == "__main__":
    main()
