#include "certd/store/time_text.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using certd::store::formatRfc3339;
using certd::store::parseRfc3339;
using testing::utc;

TEST_CASE("times are written as UTC RFC 3339 with whole seconds", "[certd][store]") {
  CHECK(formatRfc3339(utc(2026, 11, 22, 3, 45, 41) + std::chrono::milliseconds(900)) ==
        "2026-11-22T03:45:41Z");
}

TEST_CASE("RFC 3339 times with fractions and offsets parse to the same instant", "[certd][store]") {
  CHECK(parseRfc3339("2026-11-22T03:45:41Z").value() == utc(2026, 11, 22, 3, 45, 41));
  CHECK(parseRfc3339("2026-11-22T05:45:41+02:00").value() == utc(2026, 11, 22, 3, 45, 41));
  CHECK(parseRfc3339("2025-01-02T04:00:00.5Z").value() ==
        utc(2025, 1, 2, 4) + std::chrono::milliseconds(500));
}

TEST_CASE("text that is not an RFC 3339 time is refused", "[certd][store]") {
  CHECK_FALSE(parseRfc3339(""));
  CHECK_FALSE(parseRfc3339("2026-11-22"));
  CHECK_FALSE(parseRfc3339("2026-11-22T03:45:41"));
  CHECK_FALSE(parseRfc3339("yesterday"));
}
