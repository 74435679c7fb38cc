#!/usr/bin/env bash
# protogate lint vs buf lint, side by side in one hyperfine run, on
# googleapis (google-proto-files@6.0.1, 7,207 files, no buf.yaml: v1
# defaults = STANDARD) and on a small module (google/pubsub/v1 with its
# imports). Prints wall-time ratios, peak RSS and the finding counts.
# Both exit 100 (findings), hence `-i`.
#
#   bash bench/lint.sh            # RUNS=5 by default for googleapis
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
cargo build --release --quiet
RUNS="${RUNS:-5}"
. bench/common.sh

count() { (cd "$1" && shift && "$@" --error-format json 2>/dev/null | wc -l); }

for target in googleapis-6.0.1 pubsub; do
  dir="bench/.data/$target"
  if [ "$target" = pubsub ]; then runs=30; warm=3; shell=(-N); else runs=$RUNS; warm=1; shell=(); fi
  echo "== lint $target ($(find "$dir" -name '*.proto' | wc -l) files)"
  (cd "$dir" &&
    hyperfine --style basic "${shell[@]}" -i --warmup "$warm" --runs "$runs" \
      --export-json "$OUT/lint-$target.json" \
      -n "buf lint" "buf lint" \
      -n "protogate lint" "$PG lint")
  buf_rss=$(cd "$dir" && peak_rss_mb buf lint)
  pg_rss=$(cd "$dir" && peak_rss_mb "$PG" lint)
  report "lint $target" "$OUT/lint-$target.json" "$buf_rss" "$pg_rss" | tee -a "$OUT/lint-summary.txt"
  echo "lint $target: findings buf $(count "$dir" buf lint), protogate $(count "$dir" "$PG" lint)" | tee -a "$OUT/lint-summary.txt"
done
