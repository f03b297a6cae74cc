#include "shared/config/suggest.h"

#include <catch2/catch.hpp>

using namespace shared::config;

TEST_CASE("edit distance counts insertions, deletions and substitutions", "[config][suggest]") {
  CHECK(editDistance("level", "level") == 0);
  CHECK(editDistance("levle", "level") == 2);
  CHECK(editDistance("listen", "lisen") == 1);
  CHECK(editDistance("", "abc") == 3);
}

TEST_CASE("a near miss is suggested and a far one is not", "[config][suggest]") {
  const std::vector<std::string> keys{"log.level", "log.format", "listen"};
  CHECK(closestMatch("log.levle", keys) == "log.level");
  CHECK(closestMatch("lisen", keys) == "listen");
  CHECK_FALSE(closestMatch("database", keys).has_value());
}
