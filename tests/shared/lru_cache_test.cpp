#include "shared/lru_cache.h"

#include <catch2/catch.hpp>
#include <string>

using shared::LruCache;

TEST_CASE("the lru cache returns what was stored under a key", "[lru_cache]") {
  LruCache<std::string> cache(2);
  CHECK_FALSE(cache.find("a"));
  cache.insert("a", "alpha");
  auto found = cache.find("a");
  REQUIRE(found);
  CHECK(*found == "alpha");
}

TEST_CASE("the lru cache evicts the least recently used entry", "[lru_cache]") {
  LruCache<std::string> cache(2);
  cache.insert("a", "alpha");
  cache.insert("b", "beta");
  CHECK(cache.find("a"));  // a is now the most recent
  cache.insert("c", "gamma");
  CHECK(cache.find("a"));
  CHECK_FALSE(cache.find("b"));
  CHECK(cache.find("c"));
}

TEST_CASE("an lru cache of capacity zero stores nothing", "[lru_cache]") {
  LruCache<std::string> cache(0);
  cache.insert("a", "alpha");
  CHECK_FALSE(cache.find("a"));
}
