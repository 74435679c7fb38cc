#!/usr/bin/env python3
"""Compares two JSON-lines finding files (buf's, protogate's): prints the
counts, then the differences grouped by rule. Exit 0 when identical."""
import collections
import json
import sys

buf_path, pg_path = sys.argv[1], sys.argv[2]
buf = [l for l in open(buf_path) if l.strip()]
pg = [l for l in open(pg_path) if l.strip()]
print(f"findings: buf {len(buf)}, protogate {len(pg)}")
b, p = collections.Counter(buf), collections.Counter(pg)
missing, extra = b - p, p - b
if not missing and not extra:
    print("identical")
    sys.exit(0)
by_rule = collections.Counter()
for side, c in (("missing (buf only)", missing), ("extra (protogate only)", extra)):
    for line, n in c.items():
        by_rule[(json.loads(line).get("type"), side)] += n
for (rule, side), n in sorted(by_rule.items()):
    print(f"  {rule}: {n} {side}")
shown = 0
for side, c in (("<", missing), (">", extra)):
    for line in sorted(c):
        if shown < 20:
            print(side, line.rstrip())
            shown += 1
sys.exit(1)
