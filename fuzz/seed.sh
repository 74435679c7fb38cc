#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets (gitignored):
#   fuzz/corpus/compile/       .proto inputs for the `compile` target
#   fuzz/corpus/image_decode/  binary and JSON images for `image_decode`
# from the repo's own .proto files (testdata/**, and the message-literal
# option fixtures in src/compile/aggregate.rs's tests) plus a few multi-file
# inputs written below (imports, cycles, public imports, custom options).
#
# `compile` inputs hold up to three files joined by a separator byte (\0: the
# next file is a target, \1: only importable); the files are a.proto,
# b.proto, c.proto in that order (see fuzz_targets/compile.rs). Imports
# between files of one testdata directory are rewritten to those names.
#
# Image seeds are made with the protogate CLI: $PROTOGATE if set, else one
# built here into fuzz/target/seed-cli (dev profile). If that build fails,
# only two handwritten image seeds are written.
#
# Usage: fuzz/seed.sh   (from anywhere; safe to re-run, it only adds files)
set -euo pipefail

FUZZ=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$FUZZ")
C=$FUZZ/corpus/compile
I=$FUZZ/corpus/image_decode
mkdir -p "$C" "$I"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

NAMES=(a.proto b.proto c.proto)
# Directories (one module, no config) to build images from.
IMAGE_DIRS=()

# join_dir DIR OUT [SEP]: the first three .proto files directly in DIR, in
# name order, imports of each other renamed to a/b/c.proto, joined by SEP
# (0 or 1; default 0).
join_dir() {
  local dir=$1 out=$2 sep=${3:-0}
  local files=() f k base
  while IFS= read -r f; do files+=("$f"); done < <(find "$dir" -maxdepth 1 -name '*.proto' -type f | LC_ALL=C sort | head -n 3)
  [ ${#files[@]} -gt 0 ] || return 0
  : > "$out"
  for k in "${!files[@]}"; do
    [ "$k" -eq 0 ] || printf "\\$sep" >> "$out"
    local text
    text=$(cat "${files[$k]}"; printf x)
    text=${text%x}
    # Rename imports of the directory's files: placeholders first, so that a
    # rename cannot be renamed again.
    local j
    for j in "${!files[@]}"; do
      base=$(basename "${files[$j]}" | sed 's/[.]/[.]/g')
      text=$(printf '%s' "$text" | sed -E "s#(import[[:space:]]+((public|weak)[[:space:]]+)?\")([^\"]*/)?${base}\"#\\1@@${j}@@\"#g"; printf x)
      text=${text%x}
    done
    printf '%s' "$text" | sed -e "s/@@0@@/${NAMES[0]}/g" -e "s/@@1@@/${NAMES[1]}/g" -e "s/@@2@@/${NAMES[2]}/g" >> "$out"
  done
}

# 1. Every testdata .proto on its own.
n=0
while IFS= read -r -d '' f; do
  rel=${f#"$ROOT"/}
  cp "$f" "$C/single-$(printf '%s' "$rel" | tr '/' '_')"
  n=$((n + 1))
done < <(find "$ROOT/testdata" -name '*.proto' -type f -print0)
echo "compile: $n single-file seeds from testdata"

# 2. Every testdata directory with two or more .proto files: one input.
n=0
while IFS= read -r d; do
  count=$(find "$d" -maxdepth 1 -name '*.proto' -type f | wc -l)
  [ "$count" -ge 2 ] || continue
  rel=${d#"$ROOT"/}
  join_dir "$d" "$C/dir-$(printf '%s' "$rel" | tr '/' '_')"
  join_dir "$d" "$C/dir-imports-$(printf '%s' "$rel" | tr '/' '_')" 1
  n=$((n + 2))
done < <(find "$ROOT/testdata" -type d | LC_ALL=C sort)
echo "compile: $n multi-file seeds from testdata directories"
for d in "$ROOT"/testdata/chat "$ROOT"/testdata/compile/* "$ROOT"/testdata/workspace/*; do
  [ -d "$d" ] && IMAGE_DIRS+=("$d")
done

# 3. The message-literal option fixtures of src/compile/aggregate.rs
#    (`const FIXTURE...: &str = r#"..."#;`), if they are still there.
n=0
if [ -f "$ROOT/src/compile/aggregate.rs" ]; then
  awk -v dir="$WORK/fixtures" '
    /const FIXTURE[A-Z_]*: &str = r#"/ {
      name = $0; sub(/.*const /, "", name); sub(/:.*/, "", name)
      file = dir "/" name "/a.proto"; system("mkdir -p " dir "/" name)
      line = $0; sub(/.*r#"/, "", line); printf "%s\n", line > file
      inside = 1; next
    }
    inside && /^"#;/ { inside = 0; close(file); next }
    inside { print > file }
  ' "$ROOT/src/compile/aggregate.rs"
  for d in "$WORK"/fixtures/*/; do
    [ -f "$d/a.proto" ] || continue
    cp "$d/a.proto" "$C/fixture-$(basename "$d")"
    IMAGE_DIRS+=("${d%/}")
    n=$((n + 1))
  done
fi
echo "compile: $n option fixtures from src/compile/aggregate.rs"

# 4. Hand-written multi-file inputs.
crafted() { mkdir -p "$WORK/crafted/$1"; cat > "$WORK/crafted/$1/$2"; }

crafted imports a.proto <<'EOF'
syntax = "proto3";
package fz.v1;
import "b.proto";
import public "c.proto";
import "google/protobuf/timestamp.proto";
message A { B b = 1; C c = 2; google.protobuf.Timestamp t = 3; map<string, B> m = 4; oneof o { string s = 5; int32 i = 6; } }
service S { rpc Get(A) returns (B) {} rpc Stream(stream A) returns (stream B); }
EOF
crafted imports b.proto <<'EOF'
syntax = "proto3";
package fz.v1;
import "c.proto";
message B { C c = 1; enum E { E_UNSPECIFIED = 0; E_ONE = 1; } E e = 2; reserved 3, 5 to 7; reserved "x"; }
EOF
crafted imports c.proto <<'EOF'
syntax = "proto3";
package fz.v1;
message C { repeated int64 v = 1 [packed = true]; optional string s = 2 [json_name = "S"]; }
EOF

crafted cycle3 a.proto <<'EOF'
syntax = "proto3";
import "b.proto";
message A {}
EOF
crafted cycle3 b.proto <<'EOF'
syntax = "proto3";
import "c.proto";
message B {}
EOF
crafted cycle3 c.proto <<'EOF'
syntax = "proto3";
import "a.proto";
message C {}
EOF

crafted options a.proto <<'EOF'
syntax = "proto2";
package fz.opt;
import "b.proto";
option java_package = "com.example.fz";
option optimize_for = SPEED;
option (file_opt) = { s: "f" r: [1, 2] child { s: "c" } };
message M {
  option (msg_opt).s = "m";
  option (msg_opt).child.r = 3;
  optional int32 x = 1 [(field_opt) = 5, deprecated = true, default = 7];
  repeated Inner in = 2 [(field_msg) = { s: "q" kids: [{ s: "k" }] }];
  extensions 100 to max;
}
extend M { optional string ext = 100; }
enum E { option allow_alias = true; A = 0; B = 0 [(ev_opt) = 1]; }
service Svc { rpc Do(M) returns (M) { option (m_opt) = { s: "/v1/{x}" }; option idempotency_level = NO_SIDE_EFFECTS; } }
EOF
crafted options b.proto <<'EOF'
syntax = "proto2";
package fz.opt;
import "google/protobuf/descriptor.proto";
message Inner { optional string s = 1; repeated int32 r = 2; optional Inner child = 3; repeated Inner kids = 4; }
extend google.protobuf.FileOptions { optional Inner file_opt = 50000; }
extend google.protobuf.MessageOptions { optional Inner msg_opt = 50000; }
extend google.protobuf.FieldOptions { optional int32 field_opt = 50000; optional Inner field_msg = 50001; }
extend google.protobuf.EnumValueOptions { optional int32 ev_opt = 50000; }
extend google.protobuf.MethodOptions { optional Inner m_opt = 50000; }
EOF

crafted proto2_groups a.proto <<'EOF'
syntax = "proto2";
package fz.p2;
message G {
  optional group Grp = 1 { required int32 a = 2; }
  repeated group Rep = 3 { optional string b = 4 [default = "x\n\001"]; }
  optional float f = 5 [default = inf];
  optional double d = 6 [default = -nan];
  optional bytes by = 7 [default = "\xff\000"];
  optional E e = 8 [default = Y];
  enum E { X = 1; Y = 2; }
}
EOF

crafted errors a.proto <<'EOF'
syntax = "proto3";
package fz.err;
import "b.proto";
import "b.proto";
import "nowhere.proto";
message A { B b = 1; Missing m = 2; int32 dup = 2; int32 dup = 3; }
EOF
crafted errors b.proto <<'EOF'
syntax = "proto3";
package fz.err;
message B { string	tabbed = 1; string 中文 = 2; }
message A {}
EOF

crafted unused a.proto <<'EOF'
// leading comment
/* block */ syntax = "proto3";

package fz.unused;

import "b.proto";
import weak "c.proto";

// Detached.

// Leading.
message A {} // Trailing.
EOF
crafted unused b.proto <<'EOF'
syntax = "proto3";
package fz.unused;
message B {}
EOF
crafted unused c.proto <<'EOF'
syntax = "proto3";
package fz.unused;
EOF

n=0
for d in "$WORK"/crafted/*/; do
  join_dir "$d" "$C/crafted-$(basename "$d")"
  join_dir "$d" "$C/crafted-imports-$(basename "$d")" 1
  IMAGE_DIRS+=("${d%/}")
  n=$((n + 2))
done
echo "compile: $n hand-written multi-file seeds"

# 5. Images.
# A binary image by hand: one file a.proto (package p) with buf's extension
# (is_import, unused_dependency 0), and the same as JSON.
printf '\x0a\x14\x0a\x07a.proto\x12\x01p\xd2\xf6\x03\x04\x08\x01\x20\x00' > "$I/hand.binpb"
printf '%s' '{"file":[{"name":"a.proto","package":"p","dependency":["b.proto"],"messageType":[{"name":"M","field":[{"name":"f","number":1,"label":"LABEL_OPTIONAL","type":"TYPE_STRING","jsonName":"f"}]}],"bufExtension":{"isImport":true,"isSyntaxUnspecified":true,"unusedDependency":[0]}}]}' > "$I/hand.json"

PG=${PROTOGATE:-}
if [ -z "$PG" ]; then
  echo "building the protogate CLI for image seeds (fuzz/target/seed-cli)..."
  if cargo build --quiet --bin protogate --manifest-path "$ROOT/Cargo.toml" --target-dir "$FUZZ/target/seed-cli"; then
    PG=$FUZZ/target/seed-cli/debug/protogate
  else
    echo "warning: could not build the protogate CLI; only hand-written image seeds" >&2
  fi
fi
n=0
if [ -n "$PG" ]; then
  for d in "${IMAGE_DIRS[@]}"; do
    tag=$(printf '%s' "${d#"$ROOT"/}" | tr '/' '_')
    tag=${tag##*crafted_}; tag=${tag##*fixtures_}
    for variant in "binpb:" "json:" "fds.binpb:--as-file-descriptor-set" "nosci.binpb:--exclude-source-info --exclude-imports"; do
      ext=${variant%%:*}; flags=${variant#*:}
      # shellcheck disable=SC2086
      if (cd "$(dirname "$d")" && "$PG" build "$(basename "$d")" -o "$I/$tag.$ext" $flags) >/dev/null 2>&1; then
        n=$((n + 1))
      else
        rm -f "$I/$tag.$ext"
      fi
    done
  done
fi
echo "image_decode: $n images built, 2 hand-written"
echo "corpus: $(ls "$C" | wc -l) files in $C, $(ls "$I" | wc -l) in $I"
