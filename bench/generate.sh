#!/usr/bin/env bash
# Generation time of `protogate generate` for the chat.v1 crate and for all
# of googleapis 6.0.1 (1,000+ modules), with hyperfine, plus peak RSS.
# (No buf comparison yet: `buf generate` needs the Rust protoc plugins
# installed locally; the issue sets no target beyond that.)
#
#   bash bench/generate.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
cargo build --release --quiet
. bench/common.sh
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
hyperfine --style basic -N --warmup 2 --runs 20 --export-json "$OUT/generate-chat.json" \
  -n "protogate generate chat" "$PG generate testdata/chat -o $tmp/chat --crate-name chat-api"
hyperfine --style basic --warmup 0 --runs "${RUNS:-3}" --export-json "$OUT/generate-googleapis.json" \
  -n "protogate generate googleapis" "$PG generate bench/.data/googleapis-6.0.1 -o $tmp/gapi --crate-name googleapis"
echo "peak RSS: chat $(peak_rss_mb "$PG" generate testdata/chat -o "$tmp/c2") MiB, googleapis $(RSS_RUNS=1 peak_rss_mb "$PG" generate bench/.data/googleapis-6.0.1 -o "$tmp/g2") MiB"
