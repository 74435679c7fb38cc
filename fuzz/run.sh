#!/usr/bin/env bash
# Runs one fuzz target on stable Rust for a fixed time, on one core.
#   fuzz/run.sh compile 900        # 15 minutes
#   fuzz/run.sh image_decode 300   # 5 minutes
# Extra arguments go to libFuzzer (e.g. -seed=1). Seeds the corpus first if
# it is empty (fuzz/seed.sh). Crashes land in fuzz/artifacts/<target>/.
#
# Default: `-jobs=1 -workers=1`, one worker process that stops at the first
# crash; libFuzzer's log is fuzz/fuzz-0.log (gitignored).
# FUZZ_CONTINUE=1: `-fork=1 -ignore_crashes=1` instead, one worker at a time
# that goes on after a crash (use it while a known crash is not fixed yet);
# the log is this script's output.
#
# `-s none`: no sanitizer, because sanitizers need `-Zsanitizer` (nightly, or
# RUSTC_BOOTSTRAP=1 on stable; see fuzz/README.md). protogate has no
# `unsafe`, so a panic (overflow checks included: cargo fuzz builds with
# debug assertions by default) is the bug oracle, and throughput is ~5x
# that of an ASan build.
set -euo pipefail
FUZZ=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
target=${1:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer args...]}
secs=${2:?usage: fuzz/run.sh TARGET SECONDS [libFuzzer args...]}
shift 2
case $target in
  compile) dict=proto.dict; max_len=16384 ;;
  image_decode) dict=image.dict; max_len=32768 ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
if [ "${FUZZ_CONTINUE:-0}" = 1 ]; then
  mode=(-fork=1 -ignore_crashes=1)
else
  mode=(-jobs=1 -workers=1)
fi
cd "$FUZZ"
if [ -z "$(ls -A "corpus/$target" 2>/dev/null)" ]; then
  ./seed.sh
fi
exec timeout $((secs + 120)) cargo fuzz run -s none "$target" "corpus/$target" -- \
  "${mode[@]}" -max_total_time="$secs" -max_len="$max_len" -timeout=10 \
  -rss_limit_mb=4096 -dict="dict/$dict" -print_final_stats=1 "$@"
