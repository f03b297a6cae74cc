#include "certd/acme/retry_after.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace std::chrono_literals;
using certd::acme::Backoff;
using certd::acme::parseRetryAfter;

TEST_CASE("Retry-After in delta-seconds is honoured as given", "[certd][acme]") {
  const auto now = testing::utc(2026, 11, 22, 4, 0, 0);
  CHECK(parseRetryAfter("120", now) == std::chrono::milliseconds(120s));
  CHECK(parseRetryAfter(" 0 ", now) == std::chrono::milliseconds(0));
  CHECK_FALSE(parseRetryAfter("", now).has_value());
  CHECK_FALSE(parseRetryAfter("-5", now).has_value());
  CHECK_FALSE(parseRetryAfter("soon", now).has_value());
}

TEST_CASE("Retry-After as an HTTP-date counts from now, and a past date means at once",
          "[certd][acme]") {
  const auto now = testing::utc(2026, 11, 22, 4, 0, 0);
  CHECK(parseRetryAfter("Sun, 22 Nov 2026 04:01:30 GMT", now) == std::chrono::milliseconds(90s));
  CHECK(parseRetryAfter("Sun, 22 Nov 2026 03:00:00 GMT", now) == std::chrono::milliseconds(0));
  // Far-away dates neither overflow nor wrap (a fuzzer finding).
  CHECK(parseRetryAfter("Mon, 01 Jan 0001 00:00:00 GMT", now) == std::chrono::milliseconds(0));
  CHECK(parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT", now) ==
        std::chrono::milliseconds(std::chrono::hours(24 * 365)));
  CHECK(parseRetryAfter("99999999999999999999", now) ==
        std::chrono::milliseconds(std::chrono::hours(24 * 365)));
}

TEST_CASE("back-off doubles from its initial delay, stays in [d/2, d] and is capped",
          "[certd][acme]") {
  const Backoff backoff{.initial = 100ms, .cap = 1000ms};
  CHECK(backoff.delay(0, 0.0) == 50ms);
  CHECK(backoff.delay(0, 0.999999) <= 100ms);
  CHECK(backoff.delay(1, 0.0) == 100ms);
  CHECK(backoff.delay(2, 0.0) == 200ms);
  CHECK(backoff.delay(3, 1.0) == 800ms);
  CHECK(backoff.delay(4, 1.0) == 1000ms);
  CHECK(backoff.delay(60, 0.0) == 500ms);  // no overflow at large attempts
  for (int attempt = 0; attempt < 20; ++attempt) {
    const auto delay = backoff.delay(attempt);
    CHECK(delay >= 50ms);
    CHECK(delay <= 1000ms);
  }
}
