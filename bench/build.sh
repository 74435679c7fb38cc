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
PG="$PWD/target/release/protogate"
RUNS="${RUNS:-5}"
OUT="$PWD/bench/.data/results"
mkdir -p "$OUT"

peak_rss_mb() { # command... -> peak RSS in MiB (max over 3 runs)
  local best=0 kb
  for _ in 1 2 3; do
    /usr/bin/time -f '%M' -o "$OUT/rss.tmp" "$@" >/dev/null 2>&1 || true
    kb=$(tail -1 "$OUT/rss.tmp")
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo $((best / 1024))
}

report() { # name json buf_rss pg_rss
  python3 - "$@" <<'PY'
import json, sys
name, path, buf_rss, pg_rss = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
r = {x["command"]: x for x in json.load(open(path))["results"]}
b = next(v for k, v in r.items() if k.startswith("buf"))
p = next(v for k, v in r.items() if "protogate" in k)
ratio = b["mean"] / p["mean"]
print(f"{name}: buf {b['mean']*1000:.1f} ms ± {b['stddev']*1000:.1f} (min {b['min']*1000:.1f}), "
      f"protogate {p['mean']*1000:.1f} ms ± {p['stddev']*1000:.1f} (min {p['min']*1000:.1f}); "
      f"protogate is {ratio:.2f}x faster")
print(f"{name}: peak RSS buf {buf_rss} MiB, protogate {pg_rss} MiB; protogate uses {pg_rss/buf_rss:.2f} of buf's")
PY
}

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
