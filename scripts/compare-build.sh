#!/usr/bin/env bash
# Builds DIR with protogate and with buf 1.75 and compares the two images
# descriptor for descriptor (buf converts both to JSON, so the comparison
# does not depend on protogate's own decoder).
#
#   bash scripts/compare-build.sh testdata/chat
#   bash scripts/compare-build.sh bench/.data/googleapis-6.0.1   # after bench/setup.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: compare-build.sh DIR}"
command -v buf >/dev/null || pip install -q buf-bin==1.75.0
[ -x "$root/target/release/protogate" ] || (cd "$root" && cargo build --release --quiet)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$dir"
"$root/target/release/protogate" build -o "$tmp/protogate.binpb"
buf build "$tmp/protogate.binpb" -o "$tmp/protogate.json"
buf build -o "$tmp/buf.json"
python3 "$root/scripts/compare_images.py" "$tmp/protogate.json" "$tmp/buf.json"
