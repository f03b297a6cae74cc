#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds, runs every unit and integration
# test through CTest and ends with CTest's summary.
#   scripts/test.sh              everything, in build/
#   scripts/test.sh --sanitize   the unit tests again under ASan + UBSan (clang, build-asan/),
#                                then each libFuzzer target for a bounded time
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--sanitize" ]]; then
  bash scripts/deps.sh --sanitize
  bash scripts/build.sh --sanitize
  # Any sanitizer report fails the test that printed it.
  export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:strict_string_checks=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
  (cd build-asan && ctest --output-on-failure -L unit -j"$(nproc)")
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
else
  bash scripts/deps.sh --test
  bash scripts/build.sh
  # CTEST_EXCLUDE: a regex of tests to leave out (.ci/run runs the container test last).
  cd build && ctest --output-on-failure -j"$(nproc)" ${CTEST_EXCLUDE:+-E "$CTEST_EXCLUDE"}
fi
