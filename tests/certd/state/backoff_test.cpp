#include "certd/state/backoff.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace std::chrono_literals;
using certd::state::backoffDelay;
using certd::state::nextAttemptAfter;

TEST_CASE("back-off follows the table 1 min, 10 min, 1 h, 6 h, then 24 h", "[certd][state]") {
  struct Row {
    int failures;
    std::chrono::seconds delay;
  };
  const Row table[] = {{0, 1min}, {1, 1min}, {2, 10min}, {3, 1h}, {4, 6h}, {5, 24h}, {50, 24h}};
  for (const Row& row : table) {
    INFO("failures=" << row.failures);
    CHECK(backoffDelay(row.failures, 0.0) == row.delay);
  }
}

TEST_CASE("jitter shortens a delay by at most a tenth and never passes the cap", "[certd][state]") {
  CHECK(backoffDelay(3, 0.5) == 3420s);        // 1 h - 5 %
  CHECK(backoffDelay(5, 0.999999) >= 77760s);  // 24 h - 10 %
  CHECK(backoffDelay(5, 0.999999) <= 24h);
  CHECK(backoffDelay(9, 7.0) == 77760s);  // out-of-range draws are clamped
  CHECK(backoffDelay(1, -1.0) == 1min);
}

TEST_CASE("a later Retry-After from the CA wins over the back-off table", "[certd][state]") {
  const auto now = testing::utc(2026, 5, 1, 12);
  CHECK(nextAttemptAfter(1, now, now + 3h, 0.0) == now + 3h);
  CHECK(nextAttemptAfter(4, now, now + 3h, 0.0) == now + 6h);  // earlier Retry-After loses
  CHECK(nextAttemptAfter(2, now, std::nullopt, 0.0) == now + 10min);
}
