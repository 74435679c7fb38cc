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
python3 "$root/scripts/diff_findings.py" "$tmp/buf.json" "$tmp/protogate.json"
