#!/usr/bin/env bash
# Formats every .proto file of each DIR with buf 1.75 and with protogate and
# compares the outputs file by file; also checks that protogate's lossless
# tree prints every file back byte for byte. Exit 0 when every file matches.
#
#   bash scripts/compare-format.sh                 # buf's test data (../shared) + googleapis 6.0.1
#   bash scripts/compare-format.sh DIR [DIR...]
#
# The .proto files are copied (paths kept, buf.yaml and friends left out) so
# that each DIR is formatted as one plain module by both tools.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ $# -eq 0 ]; then
  [ -d "$root/bench/.data/googleapis-6.0.1" ] || bash "$root/bench/setup.sh"
  set -- "$root/../shared/conformance/buf-testdata" "$root/bench/.data/googleapis-6.0.1"
fi
command -v buf >/dev/null || pip install -q buf-bin==1.75.0
[ -x "$root/target/release/protogate" ] || (cd "$root" && cargo build --release --quiet)
pg="$root/target/release/protogate"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
status=0
for dir in "$@"; do
  name=$(basename "$dir")
  rm -rf "$tmp/src" "$tmp/buf" "$tmp/pg"
  mkdir -p "$tmp/src"
  (cd "$dir" && find . -name '*.proto' -type f -print0 | while IFS= read -r -d '' f; do
    mkdir -p "$tmp/src/$(dirname "$f")" && cp "$f" "$tmp/src/$f"
  done)
  total=$(find "$tmp/src" -name '*.proto' | wc -l)
  (cd "$tmp" && buf format src -o buf >/dev/null)
  (cd "$tmp" && "$pg" format src -o pg)
  differ=$(cd "$tmp" && diff -rq buf pg | wc -l || true)
  echo "format $name: $total files, $((total - differ)) identical to buf format, $differ differ"
  if [ "$differ" -ne 0 ]; then
    status=1
    (cd "$tmp" && diff -r buf pg | head -40) || true
  fi
  (cd "$tmp" && "$pg" format src --roundtrip-check | tail -1 | sed "s/^/format $name: /") || status=1
done
exit $status
