#!/usr/bin/env bash
# protogate breaking vs buf breaking, side by side in one hyperfine run:
#   googleapis 6.0.1 against 4.2.0 as a directory, and as a git ref (4.2.0
#   committed on `main` of bench/.data/gapi-git, 6.0.1 in its work tree),
#   with the default FILE rules (no buf.yaml); and the pubsub module against
#   `.git#branch=main` (the pre-commit case). Prints wall-time ratios, peak
#   RSS and finding counts. Both tools exit 100 on findings, hence `-i`.
#
#   bash bench/breaking.sh            # RUNS=3 by default for googleapis
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
cargo build --release --quiet
RUNS="${RUNS:-3}"
RSS_RUNS="${RSS_RUNS:-1}"
. bench/common.sh
SUMMARY="$OUT/breaking-summary.txt"
: > "$SUMMARY"

bench_case() { # name dir runs warmup shell-flag against
  local name=$1 dir=$2 runs=$3 warm=$4 shell=$5 against=$6
  echo "== breaking $name"
  (cd "$dir" &&
    hyperfine --style basic $shell -i --warmup "$warm" --runs "$runs" \
      --export-json "$OUT/breaking-$name.json" \
      -n "buf breaking" "buf breaking --against '$against'" \
      -n "protogate breaking" "$PG breaking --against '$against'")
  local buf_rss pg_rss nb np
  buf_rss=$(cd "$dir" && peak_rss_mb buf breaking --against "$against")
  pg_rss=$(cd "$dir" && peak_rss_mb "$PG" breaking --against "$against")
  report "breaking $name" "$OUT/breaking-$name.json" "$buf_rss" "$pg_rss" | tee -a "$SUMMARY"
  nb=$(cd "$dir" && { buf breaking --against "$against" --error-format json 2>/dev/null || true; } | wc -l)
  np=$(cd "$dir" && { "$PG" breaking --against "$against" --error-format json 2>/dev/null || true; } | wc -l)
  echo "breaking $name: findings buf $nb, protogate $np" | tee -a "$SUMMARY"
}

bench_case googleapis-dir bench/.data/googleapis-6.0.1 "$RUNS" 0 "" ../googleapis-4.2.0
bench_case googleapis-git bench/.data/gapi-git "$RUNS" 0 "" '.git#branch=main'
bench_case pubsub-git bench/.data/pubsub-git 30 3 -N '.git#branch=main'
