#!/usr/bin/env bash
# protogate format -d vs buf format -d, side by side in one hyperfine run, on
# googleapis (google-proto-files@6.0.1, 7,207 files, no buf.yaml) and on a
# small module (google/pubsub/v1 with its imports). Prints wall-time ratios,
# peak RSS, and how many diff lines each tool printed (they must agree:
# the outputs differ only in the diff headers' timestamps).
#
#   bash bench/format.sh            # RUNS=10 by default for googleapis
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
cargo build --release --quiet
RUNS="${RUNS:-10}"
. bench/common.sh

for target in googleapis-6.0.1 pubsub; do
  dir="bench/.data/$target"
  if [ "$target" = pubsub ]; then runs=30; warm=3; shell=(-N); else runs=$RUNS; warm=2; shell=(); fi
  echo "== format -d $target ($(find "$dir" -name '*.proto' | wc -l) files)"
  (cd "$dir" &&
    hyperfine --style basic "${shell[@]}" --warmup "$warm" --runs "$runs" \
      --export-json "$OUT/format-$target.json" \
      -n "buf format -d" "buf format -d" \
      -n "protogate format -d" "$PG format -d")
  buf_rss=$(cd "$dir" && peak_rss_mb buf format -d)
  pg_rss=$(cd "$dir" && peak_rss_mb "$PG" format -d)
  report "format -d $target" "$OUT/format-$target.json" "$buf_rss" "$pg_rss" | tee -a "$OUT/format-summary.txt"
  lines() { (cd "$dir" && "$@" format -d | grep -v '^\(---\|+++\) ' | md5sum | cut -c1-12); }
  echo "format -d $target: diff digest (timestamps aside) buf $(lines buf), protogate $(lines "$PG")" | tee -a "$OUT/format-summary.txt"
done
