#!/usr/bin/env bash
# Configures and builds into build/ (or build-asan/ with --sanitize). Rebuilds only what
# changed. Usage: scripts/build.sh [--sanitize]
set -euo pipefail
cd "$(dirname "$0")/.."

dir=build
flags=()
if [[ "${1:-}" == "--sanitize" ]]; then
  dir=build-asan
  flags+=(-DCERTMCP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug)
fi
if [[ ! -f "$dir/build.ninja" ]]; then
  cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
fi
cmake --build "$dir" -- -j"$(nproc)"
