#!/usr/bin/env bash
# Generates Rust for a real schema and compiles it: google/pubsub/v1 (with
# google/api and the other files it imports) from googleapis
# (npm google-proto-files@6.0.1), once as a whole crate (`generate -o`) and
# once through a buf.gen.yaml with the built-in prost and tonic steps; each
# result must pass `cargo check`. Run by .ci/run; needs npm and the release
# binary. GOOGLEAPIS=DIR reuses an unpacked copy (e.g. bench/.data/googleapis-6.0.1).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/target/release/protogate"
[ -x "$bin" ] || (cd "$root" && cargo build --release --quiet)
export CARGO_TARGET_DIR="$root/target/generated-crates"
gapi="${GOOGLEAPIS:-$root/target/googleapis-6.0.1}"
if [ ! -d "$gapi/google/pubsub/v1" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack -s google-proto-files@6.0.1 >/dev/null && tar xzf google-proto-files-6.0.1.tgz)
  mkdir -p "$gapi"
  cp -r "$tmp/package/google" "$gapi/"
  rm -rf "$gapi/google/protobuf" "$tmp"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== generate -o: google/pubsub/v1 as a crate"
(cd "$gapi" && "$bin" generate . --path google/pubsub/v1 -o "$work/pubsub-api")
(cd "$work/pubsub-api" && cargo check --quiet)
echo "crate: $(find "$work/pubsub-api/src" -name '*.rs' | wc -l) module files, cargo check ok"

echo "== generate with buf.gen.yaml (built-in prost + tonic)"
(cd "$gapi" && "$bin" generate . --path google/pubsub/v1 -o "$work/plugins" --template '
version: v2
plugins:
  - remote: buf.build/community/neoeinstein-prost
    out: src
  - remote: buf.build/community/neoeinstein-tonic
    out: src
')
ls "$work/plugins/src"
# A crate around the per-package files, nested as the packages are.
python3 - "$work/plugins" <<'PY'
import os, sys
out = sys.argv[1]
tree = {}
for f in sorted(os.listdir(os.path.join(out, "src"))):
    if f.endswith(".rs") and not f.endswith(".tonic.rs"):
        node = tree
        for part in f[:-3].split("."):
            node = node.setdefault(part, {})
        node["__file__"] = f
def emit(node, depth):
    pad = "    " * depth
    s = ""
    if "__file__" in node:
        s += '%sinclude!("%s");\n' % (pad, node["__file__"])
    for k, v in node.items():
        if k != "__file__":
            s += "%spub mod %s {\n%s%s}\n" % (pad, k, emit(v, depth + 1), pad)
    return s
open(os.path.join(out, "src", "lib.rs"), "w").write(emit(tree, 0))
open(os.path.join(out, "Cargo.toml"), "w").write(
    '[package]\nname = "pubsub-plugins"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n'
    '[dependencies]\nprost = "0.14"\nprost-types = "0.14"\n'
    'tonic = { version = "0.14", default-features = false, features = ["codegen", "transport"] }\n'
    'tonic-prost = "0.14"\n\n[workspace]\n')
PY
(cd "$work/plugins" && cargo check --quiet)
echo "plugins: cargo check ok"
