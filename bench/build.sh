#!/usr/bin/env bash
# protogate build vs buf build, side by side in one hyperfine run, on
# googleapis (google-proto-files@6.0.1, 7,207 files) and on a small module
# (google/pubsub/v1 with its imports). Prints wall-time ratios and peak RSS.
#
#   bash bench/build.sh            # RUNS=5 by default for googleapis
#   RUNS=10 bash bench/build.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
cargo build --release --quiet
RUNS="${RUNS:-5}"
. bench/common.sh

echo "== googleapis 6.0.1 ($(find bench/.data/googleapis-6.0.1 -name '*.proto' | wc -l) files)"
(cd bench/.data/googleapis-6.0.1 &&
  hyperfine --style basic --warmup 1 --runs "$RUNS" --export-json "$OUT/googleapis.json" \
    -n "buf build" "buf build -o /dev/null" \
    -n "protogate build" "$PG build -o /dev/null")
buf_rss=$(cd bench/.data/googleapis-6.0.1 && peak_rss_mb buf build -o /dev/null)
pg_rss=$(cd bench/.data/googleapis-6.0.1 && peak_rss_mb "$PG" build -o /dev/null)
report googleapis "$OUT/googleapis.json" "$buf_rss" "$pg_rss" | tee "$OUT/summary.txt"

echo "== small module: google/pubsub/v1 and its imports"
(cd bench/.data/pubsub &&
  hyperfine --style basic -N --warmup 3 --runs 30 --export-json "$OUT/pubsub.json" \
    -n "buf build" "buf build -o /dev/null" \
    -n "protogate build" "$PG build -o /dev/null")
buf_rss=$(cd bench/.data/pubsub && peak_rss_mb buf build -o /dev/null)
pg_rss=$(cd bench/.data/pubsub && peak_rss_mb "$PG" build -o /dev/null)
report pubsub "$OUT/pubsub.json" "$buf_rss" "$pg_rss" | tee -a "$OUT/summary.txt"
