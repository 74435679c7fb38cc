# Shared by the bench scripts: peak RSS measurement and the hyperfine report.
# Source it after `cd` to the repository root; sets PG and OUT.
PG="$PWD/target/release/protogate"
OUT="$PWD/bench/.data/results"
mkdir -p "$OUT"

peak_rss_mb() { # command... -> peak RSS in MiB (max over RSS_RUNS runs, default 3)
  local best=0 kb
  for _ in $(seq "${RSS_RUNS:-3}"); do
    /usr/bin/time -f '%M' -o "$OUT/rss.tmp" "$@" >/dev/null 2>&1 || true
    kb=$(tail -1 "$OUT/rss.tmp")
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo $((best / 1024))
}

report() { # name hyperfine.json buf_rss_mib protogate_rss_mib
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
