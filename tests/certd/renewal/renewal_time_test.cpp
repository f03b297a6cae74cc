#include "certd/renewal/renewal_time.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace std::chrono_literals;
using namespace certd::renewal;
using testing::utc;

TEST_CASE("a 90-day certificate renews when a third of its lifetime remains", "[certd][renewal]") {
  CHECK(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 4, 1)) == utc(2026, 3, 2));
  const auto now_before = utc(2026, 3, 1, 23, 59, 59);
  CHECK_FALSE(isDue(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 4, 1)), now_before));
  CHECK(isDue(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 4, 1)), utc(2026, 3, 2)));
}

TEST_CASE("a certificate living under 10 days renews at half its lifetime", "[certd][renewal]") {
  CHECK(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 1, 7)) == utc(2026, 1, 4));
  // 160 hours, Let's Encrypt's short-lived profile.
  CHECK(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 1, 1) + 160h) == utc(2026, 1, 1) + 80h);
  // Exactly 10 days is not under 10 days: back to two thirds.
  CHECK(defaultRenewalTime(utc(2026, 1, 1), utc(2026, 1, 11)) == utc(2026, 1, 1) + 160h);
}

TEST_CASE("inside an ARI window the renewal time is the random draw across the window",
          "[certd][renewal]") {
  const AriWindow window{utc(2026, 3, 10), utc(2026, 3, 12)};
  const auto now = utc(2026, 3, 1);
  CHECK(ariRenewalTime(window, now, 0.0) == utc(2026, 3, 10));
  CHECK(ariRenewalTime(window, now, 0.5) == utc(2026, 3, 11));
  CHECK(ariRenewalTime(window, now, 0.25) == utc(2026, 3, 10, 12));
  CHECK(ariRenewalTime(window, now, 0.999999) < utc(2026, 3, 12));
  CHECK(ariRenewalTime(window, now, 0.999999) > utc(2026, 3, 11, 23, 59));
}

TEST_CASE("an ARI window already over or a draw in the past means renew now", "[certd][renewal]") {
  const AriWindow window{utc(2026, 3, 10), utc(2026, 3, 12)};
  CHECK(ariRenewalTime(window, utc(2026, 3, 20), 0.7) == utc(2026, 3, 20));
  CHECK(ariRenewalTime(window, utc(2026, 3, 11, 6), 0.1) == utc(2026, 3, 11, 6));
  CHECK(ariRenewalTime(window, utc(2026, 3, 11, 6), 0.9) == utc(2026, 3, 11, 19, 12));
}

TEST_CASE("a known ARI window overrides the lifetime rule", "[certd][renewal]") {
  const auto nb = utc(2026, 1, 1);
  const auto na = utc(2026, 4, 1);
  const auto now = utc(2026, 1, 15);
  CHECK(renewalTime(nb, na, std::nullopt, now, 0.5) == utc(2026, 3, 2));
  // A CA announcing a mass revocation pulls renewal forward to now.
  CHECK(renewalTime(nb, na, AriWindow{utc(2026, 1, 10), utc(2026, 1, 12)}, now, 0.5) == now);
  CHECK(renewalTime(nb, na, AriWindow{utc(2026, 2, 1), utc(2026, 2, 3)}, now, 0.5) ==
        utc(2026, 2, 2));
}

TEST_CASE("a certificate is overdue only past its renewal time plus the grace",
          "[certd][renewal]") {
  const auto renew = utc(2026, 3, 2);
  CHECK(defaultGrace(renew, utc(2026, 4, 1)) == 24h);
  CHECK(defaultGrace(utc(2026, 1, 4), utc(2026, 1, 5)) == 12h);  // short-lived: half the rest
  CHECK(defaultGrace(utc(2026, 1, 6), utc(2026, 1, 5)) == 0s);
  CHECK_FALSE(isOverdue(renew, renew + 24h, 24h));
  CHECK(isOverdue(renew, renew + 24h + 1s, 24h));
}
