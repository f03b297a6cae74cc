#include "shared/clock.h"

#include <catch2/catch.hpp>

using namespace std::chrono_literals;

TEST_CASE("a manual clock moves only when told to", "[clock]") {
  const auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  shared::ManualClock clock(start);
  CHECK(clock.now() == start);
  clock.advance(90s);
  CHECK(clock.now() == start + 90s);
  clock.set(start);
  CHECK(clock.now() == start);
}

TEST_CASE("the system clock follows wall time", "[clock]") {
  const auto before = std::chrono::system_clock::now();
  const auto now = shared::SystemClock::instance().now();
  CHECK(now >= before);
  CHECK(now - before < 5s);
}
