#!/usr/bin/env bash
# Regenerates src/compile/wkt/wkt.binpb: the well-known types exactly as buf
# 1.75 bundles them (descriptors with source info), as a FileDescriptorSet.
# protogate embeds it, so imports of google/protobuf/*.proto resolve offline
# and an image built by protogate carries the same descriptors as buf's.
# Needs buf 1.75.0 (pip install buf-bin==1.75.0).
set -euo pipefail
cd "$(dirname "$0")/.."
buf --version | grep -qx 1.75.0 || { echo "needs buf 1.75.0" >&2; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
{
  echo 'syntax = "proto3";'
  echo 'package wktgen;'
  for f in any api compiler/plugin cpp_features descriptor duration empty field_mask \
           go_features java_features source_context struct timestamp type wrappers; do
    echo "import \"google/protobuf/$f.proto\";"
  done
} >"$tmp/x.proto"
(cd "$tmp" && buf build --as-file-descriptor-set -o wkt.binpb)
cp "$tmp/wkt.binpb" src/compile/wkt/wkt.binpb
echo "wrote src/compile/wkt/wkt.binpb"
