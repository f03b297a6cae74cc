#include "shared/result.h"

#include <catch2/catch.hpp>
#include <memory>
#include <string>

using shared::Result;
using shared::Status;

namespace {
Result<int> half(int n) {
  if (n % 2 != 0) return Status::invalidArgument(std::to_string(n) + " is odd");
  return n / 2;
}
}  // namespace

TEST_CASE("a result holds the value on success", "[result]") {
  auto r = half(8);
  REQUIRE(r.isOk());
  CHECK(*r == 4);
  CHECK(r.status().isOk());
}

TEST_CASE("a result holds the error status on failure", "[result]") {
  auto r = half(3);
  REQUIRE_FALSE(r.isOk());
  CHECK(r.status().message() == "3 is odd");
  CHECK(r.valueOr(-1) == -1);
}

TEST_CASE("a result can hold a move-only value and give it away", "[result]") {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  std::unique_ptr<int> taken = std::move(r).value();
  CHECK(*taken == 7);
}
