// Session ticket keys rotate on schedule and old tickets open only for a bounded time.
#include "mcpd/tls/ticket_keys.h"

#include <catch2/catch.hpp>

#include "tests/support/test_pki.h"

using namespace std::chrono_literals;

TEST_CASE("ticket keys rotate after the interval and older tickets are re-issued, then dropped") {
  shared::ManualClock clock(testing::utc(2030, 1, 1));
  mcpd::tls::TicketKeys keys(clock, 12h, 3);
  const auto first = keys.sealingKey();
  CHECK(keys.sealingKey().name == first.name);  // no rotation before the interval

  clock.advance(12h);
  const auto second = keys.sealingKey();
  CHECK(second.name != first.name);
  CHECK(second.cipher_key != first.cipher_key);
  mcpd::tls::TicketKeys::Key found;
  bool newest = true;
  REQUIRE(keys.findKey(first.name.data(), found, newest));
  CHECK_FALSE(newest);  // opened, and OpenSSL is told to issue a fresh ticket
  REQUIRE(keys.findKey(second.name.data(), found, newest));
  CHECK(newest);

  clock.advance(24h);  // the first key is now 36 h old: past 3 rotations
  CHECK_FALSE(keys.findKey(first.name.data(), found, newest));
  keys.sealingKey();
  clock.advance(12h);
  keys.sealingKey();
  CHECK(keys.size() == 3);
}
