#!/usr/bin/env python3
"""Compares two JSON images (as `buf build <image> -o x.json` prints them)
file by file: descriptors field by field, source info as a sequence of
locations. Prints a summary; exits 1 if any file differs.

    compare_images.py OURS.json BUF.json
"""
import json
import sys


def main() -> int:
    ours = {f["name"]: f for f in json.load(open(sys.argv[1]))["file"]}
    buf = {f["name"]: f for f in json.load(open(sys.argv[2]))["file"]}
    print(f"files: protogate {len(ours)}, buf {len(buf)}")
    only_ours, only_buf = sorted(set(ours) - set(buf)), sorted(set(buf) - set(ours))
    if only_ours or only_buf:
        print(f"  only in protogate: {only_ours[:5]}  only in buf: {only_buf[:5]}")
    equal, diffs = 0, {}
    for name in sorted(buf):
        if name not in ours:
            continue
        a, b = dict(ours[name]), dict(buf[name])
        sa, sb = a.pop("sourceCodeInfo", {}), b.pop("sourceCodeInfo", {})
        same = True
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                diffs.setdefault(f"descriptor field {k}", []).append(name)
                same = False
        la, lb = sa.get("location", []), sb.get("location", [])
        if la != lb:
            key = lambda l: json.dumps(l, sort_keys=True)
            kind = "source info (order only)" if sorted(map(key, la)) == sorted(map(key, lb)) else "source info"
            diffs.setdefault(kind, []).append(name)
            same = False
        equal += same
    print(f"identical files (descriptor and source info): {equal} of {len(buf)}")
    for k, v in sorted(diffs.items()):
        print(f"  {k}: {len(v)} files, e.g. {v[:3]}")
    return 0 if equal == len(buf) == len(ours) else 1


if __name__ == "__main__":
    sys.exit(main())
