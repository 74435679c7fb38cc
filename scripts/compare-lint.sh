#!/usr/bin/env bash
# Lints DIR with protogate and with buf 1.75 (JSON output, same flags) and
# diffs the findings. Exit 0 when they are identical.
#
#   bash scripts/compare-lint.sh testdata/chat
#   bash scripts/compare-lint.sh bench/.data/googleapis-6.0.1   # after bench/setup.sh
#   bash scripts/compare-lint.sh DIR --config '{"version":"v2","lint":{"use":["COMMENTS"]}}'
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: compare-lint.sh DIR [lint flags...]}"
shift
command -v buf >/dev/null || pip install -q buf-bin==1.75.0
[ -x "$root/target/release/protogate" ] || (cd "$root" && cargo build --release --quiet)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$dir"
buf lint --error-format json "$@" > "$tmp/buf.json" || true
"$root/target/release/protogate" lint --error-format json "$@" > "$tmp/protogate.json" 2>"$tmp/stderr" || true
sort "$tmp/buf.json" > "$tmp/buf.sorted"
sort "$tmp/protogate.json" > "$tmp/protogate.sorted"
echo "findings: buf $(wc -l < "$tmp/buf.json"), protogate $(wc -l < "$tmp/protogate.json")"
if diff -q "$tmp/buf.sorted" "$tmp/protogate.sorted" >/dev/null; then
  echo "identical"
else
  echo "differences (< buf, > protogate), by rule:"
  diff "$tmp/buf.sorted" "$tmp/protogate.sorted" | grep '^[<>]' |
    python3 -c '
import collections, json, sys
c = collections.Counter()
for line in sys.stdin:
    side, obj = line[0], json.loads(line[2:])
    c[(side, obj["type"])] += 1
for (side, rule), n in sorted(c.items(), key=lambda x: (x[0][1], x[0][0])):
    print(f"  {side} {rule}: {n}")'
  diff "$tmp/buf.sorted" "$tmp/protogate.sorted" | head -${SHOW:-20}
  exit 1
fi
