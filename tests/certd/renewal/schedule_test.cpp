#include "certd/renewal/schedule.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace certd::renewal;
using namespace std::chrono_literals;
using testing::utc;

namespace {

const TimePoint kNow = utc(2026, 3, 1, 12);

Decision waitUntil(TimePoint at) {
  return {Action::kWait, at, "valid"};
}
Decision backOffUntil(TimePoint at) {
  return {Action::kBackOff, at, "backing off"};
}

}  // namespace

TEST_CASE("the loop wakes at the earliest renewal time across certificates", "[certd][renewal]") {
  CHECK(nextWake({waitUntil(kNow + 40min), waitUntil(kNow + 10min), waitUntil(kNow + 50min)},
                 kNow) == kNow + 10min);
}

TEST_CASE("the end of a back-off wakes the loop when it comes before any renewal time",
          "[certd][renewal]") {
  CHECK(nextWake({waitUntil(kNow + 40min), backOffUntil(kNow + 7min)}, kNow) == kNow + 7min);
  CHECK(nextWake({waitUntil(kNow + 5min), backOffUntil(kNow + 7min)}, kNow) == kNow + 5min);
}

TEST_CASE("the loop re-checks at least once per cap, also with nothing configured",
          "[certd][renewal]") {
  CHECK(nextWake({waitUntil(kNow + 24h * 60)}, kNow) == kNow + 1h);
  CHECK(nextWake({backOffUntil(kNow + 6h)}, kNow, 30min) == kNow + 30min);
  CHECK(nextWake({}, kNow) == kNow + kDefaultWakeCap);
}

TEST_CASE("a certificate that is still due, or a time already past, never makes the loop spin",
          "[certd][renewal]") {
  CHECK(nextWake({{Action::kRenew, kNow, "forced"}, waitUntil(kNow + 1h)}, kNow) == kNow + 1s);
  CHECK(nextWake({{Action::kObtain, kNow, "missing"}}, kNow, 1h, 10s) == kNow + 10s);
  CHECK(nextWake({waitUntil(kNow - 5min)}, kNow) == kNow + 1s);
}
