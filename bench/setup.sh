#!/usr/bin/env bash
# Prepares the benchmark corpus and tools (idempotent):
#   bench/.data/googleapis-6.0.1   google-proto-files@6.0.1 without google/protobuf (7,207 files)
#   bench/.data/googleapis-4.2.0   the older baseline, same treatment
#   bench/.data/pubsub             google/pubsub/v1 and its imports only (a small module)
#   bench/.data/gapi-git           a git repo: 4.2.0 committed on `main`, 6.0.1 in the work tree
#   bench/.data/pubsub-git         a git repo: the pubsub module committed on `main`
# and installs buf 1.75.0 (PyPI buf-bin), hyperfine and GNU time (Debian) if missing.
set -euo pipefail
cd "$(dirname "$0")"
DATA=.data
mkdir -p "$DATA"
command -v buf >/dev/null && buf --version 2>/dev/null | grep -qx 1.75.0 || pip install -q buf-bin==1.75.0
if ! command -v hyperfine >/dev/null || [ ! -x /usr/bin/time ]; then
  apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
fi
for v in 6.0.1 4.2.0; do
  dir="$DATA/googleapis-$v"
  [ -d "$dir" ] && continue
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack -s "google-proto-files@$v" >/dev/null && tar xzf "google-proto-files-$v.tgz")
  mkdir -p "$dir"
  cp -r "$tmp/package/google" "$tmp/package/grafeas" "$dir/"
  rm -rf "$dir/google/protobuf" "$tmp"
done
if [ ! -d "$DATA/pubsub" ]; then
  # The pubsub package and the files it imports (well-known types are bundled by both tools).
  files=$(cd "$DATA/googleapis-6.0.1" && buf ls-files --path google/pubsub/v1 --include-imports --format import | grep -v '^google/protobuf/')
  for f in $files; do
    mkdir -p "$DATA/pubsub/$(dirname "$f")"
    cp "$DATA/googleapis-6.0.1/$f" "$DATA/pubsub/$f"
  done
fi
git_repo() { # dir committed-tree work-tree
  local dir=$1 old=$2 new=$3
  [ -d "$dir/.git" ] && return
  mkdir -p "$dir"
  cp -r "$old"/. "$dir/"
  (cd "$dir" && git init -q -b main && git add -A &&
    git -c user.name=bench -c user.email=bench@example.com commit -qm baseline)
  (cd "$dir" && find . -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +)
  cp -r "$new"/. "$dir/"
}
git_repo "$DATA/gapi-git" "$DATA/googleapis-4.2.0" "$DATA/googleapis-6.0.1"
git_repo "$DATA/pubsub-git" "$DATA/pubsub" "$DATA/pubsub"
echo "corpus: $(find "$DATA/googleapis-6.0.1" -name '*.proto' | wc -l) files (6.0.1), $(find "$DATA/googleapis-4.2.0" -name '*.proto' | wc -l) files (4.2.0), $(find "$DATA/pubsub" -name '*.proto' | wc -l) files (pubsub)"
