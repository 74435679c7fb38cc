#!/usr/bin/env bash
# Runs `breaking --against AGAINST` in DIR with protogate and with buf 1.75
# (JSON output, same flags) and diffs the findings. Exit 0 when identical.
#
#   bash scripts/compare-breaking.sh bench/.data/googleapis-6.0.1 ../googleapis-4.2.0
#   bash scripts/compare-breaking.sh bench/.data/gapi-git '.git#branch=main'
#   bash scripts/compare-breaking.sh bench/.data/googleapis-6.0.1 ../googleapis-4.2.0 \
#        --config '{"version":"v1","breaking":{"use":["WIRE"]}}'
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:?usage: compare-breaking.sh DIR AGAINST [flags...]}"
against="${2:?usage: compare-breaking.sh DIR AGAINST [flags...]}"
shift 2
command -v buf >/dev/null || pip install -q buf-bin==1.75.0
[ -x "$root/target/release/protogate" ] || (cd "$root" && cargo build --release --quiet)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$dir"
buf breaking --against "$against" --error-format json "$@" > "$tmp/buf.json" || true
"$root/target/release/protogate" breaking --against "$against" --error-format json "$@" \
  > "$tmp/protogate.json" 2>"$tmp/stderr" || true
sed -n 1,5p "$tmp/stderr" >&2
python3 "$root/scripts/diff_findings.py" "$tmp/buf.json" "$tmp/protogate.json"
