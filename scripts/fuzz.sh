#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and runs each for
# a bounded time from the seeds in fuzz/seeds/. Fails on any crash, leak or sanitizer report.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

bash scripts/deps.sh --fuzz
if [[ ! -f build-fuzz/build.ninja ]]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCERTMCP_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build build-fuzz --target jsonrpc_fuzzer http_request_fuzzer -- -j"$(nproc)"

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in jsonrpc http_request; do
  seeds=fuzz/seeds/${target%%_*}
  [[ $target == http_request ]] && seeds=fuzz/seeds/http
  work=$(mktemp -d)
  cp "$seeds"/* "$work"/
  echo "fuzz: $target for ${seconds}s"
  # -artifact_prefix keeps any crash input for the report.
  if ! "build-fuzz/fuzz/${target}_fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="build-fuzz/${target}-" -print_final_stats=1 "$work" 2>"build-fuzz/${target}.log"; then
    tail -60 "build-fuzz/${target}.log" >&2
    echo "fuzz: $target FAILED (input saved as build-fuzz/${target}-*)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/${target}.log" | sed "s/^/fuzz: $target /"
  rm -rf "$work"
done
