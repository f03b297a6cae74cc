#!/usr/bin/env bash
# Runs each libFuzzer target (built by scripts/build.sh --sanitize into build-asan/, with
# ASan + UBSan) for a bounded time from the seeds in fuzz/seeds/. Fails on any crash, leak
# or sanitizer report, keeping the input as build-asan/<target>-crash-*.
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 30)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}

bash scripts/deps.sh --sanitize
bash scripts/build.sh --sanitize >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
for target in jsonrpc http_request acme_response docs_loader dns_response; do
  seeds=fuzz/seeds/jsonrpc
  [[ $target == http_request ]] && seeds=fuzz/seeds/http
  [[ $target == acme_response ]] && seeds=fuzz/seeds/acme
  [[ $target == docs_loader ]] && seeds=fuzz/seeds/docs
  [[ $target == dns_response ]] && seeds=fuzz/seeds/dns
  work=$(mktemp -d)
  cp "$seeds"/* "$work"/
  log="build-asan/${target}_fuzzer.log"
  echo "fuzz: $target for ${seconds}s"
  if ! "build-asan/fuzz/${target}_fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
      -artifact_prefix="build-asan/${target}-" -print_final_stats=1 "$work" 2>"$log"; then
    tail -60 "$log" >&2
    echo "fuzz: $target FAILED (input saved as build-asan/${target}-*)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$log" | sed "s/^/fuzz: $target /"
  rm -rf "$work"
done
