#include "certd/renewal/renewal_decision.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace certd::renewal;
using namespace std::chrono_literals;
using certd::state::AttemptHistory;
using testing::utc;

namespace {

// 90 days from 2026-01-01; renewal at 2026-03-02.
LiveCertificate ninetyDays() {
  return {utc(2026, 1, 1), utc(2026, 4, 1), utc(2026, 3, 2), true};
}

AttemptHistory backingOffUntil(TimePoint until) {
  AttemptHistory history;
  history.consecutive_failures = 3;
  history.not_before = until;
  return history;
}

}  // namespace

TEST_CASE("a valid certificate before its renewal time means no order, even after a restart",
          "[certd][renewal]") {
  auto decision = decide(ninetyDays(), {}, utc(2026, 2, 1));
  CHECK(decision.action == Action::kWait);
  CHECK(decision.at == utc(2026, 3, 2));
  CHECK(decision.reason == "valid until 2026-04-01T00:00:00Z, renewal at 2026-03-02T00:00:00Z");
}

TEST_CASE("the renewal time reached means renew now", "[certd][renewal]") {
  auto decision = decide(ninetyDays(), {}, utc(2026, 3, 2));
  CHECK(decision.action == Action::kRenew);
  CHECK(decision.at == utc(2026, 3, 2));
}

TEST_CASE("a missing, expired or too narrow certificate means obtain one", "[certd][renewal]") {
  CHECK(decide(std::nullopt, {}, utc(2026, 2, 1)).action == Action::kObtain);
  CHECK(decide(ninetyDays(), {}, utc(2026, 4, 2)).action == Action::kObtain);
  auto narrow = ninetyDays();
  narrow.covers_domains = false;
  CHECK(decide(narrow, {}, utc(2026, 2, 1)).action == Action::kObtain);
}

TEST_CASE("back-off from earlier failures holds every order, forced or not", "[certd][renewal]") {
  const auto until = utc(2026, 3, 2, 6);
  auto decision = decide(std::nullopt, backingOffUntil(until), utc(2026, 3, 2));
  CHECK(decision.action == Action::kBackOff);
  CHECK(decision.at == until);
  CHECK(decision.reason ==
        "no usable certificate is installed; backing off after 3 failure(s) "
        "until 2026-03-02T06:00:00Z");
  CHECK(decide(ninetyDays(), backingOffUntil(until), utc(2026, 3, 2), true).action ==
        Action::kBackOff);
  CHECK(decide(ninetyDays(), backingOffUntil(until), until).action == Action::kRenew);
  // Nothing due: the back-off does not matter.
  CHECK(decide(ninetyDays(), backingOffUntil(until), utc(2026, 2, 1)).action == Action::kWait);
}

TEST_CASE("force renews a valid certificate before its renewal time", "[certd][renewal]") {
  auto decision = decide(ninetyDays(), {}, utc(2026, 2, 1), true);
  CHECK(decision.action == Action::kRenew);
  CHECK(decision.reason == "renewal forced");
}
