#include "mcpd/search/result_cache.h"

#include <catch2/catch.hpp>

#include "mcpd/search/index.h"

using mcpd::search::Hit;
using mcpd::search::ResultCache;
using mcpd::search::SearchResult;

namespace {
SearchResult hitsWith(const std::string& snippet) {
  return SearchResult{{Hit{nullptr, 1.0, snippet}}, "en"};
}
}  // namespace

TEST_CASE("the result cache returns what was stored under a key", "[search][cache]") {
  ResultCache cache(2);
  CHECK_FALSE(cache.find("a"));
  cache.insert("a", hitsWith("alpha"));
  auto found = cache.find("a");
  REQUIRE(found);
  CHECK(found->hits.front().snippet == "alpha");
}

TEST_CASE("the result cache evicts the least recently used entry", "[search][cache]") {
  ResultCache cache(2);
  cache.insert("a", hitsWith("alpha"));
  cache.insert("b", hitsWith("beta"));
  CHECK(cache.find("a"));  // a is now the most recent
  cache.insert("c", hitsWith("gamma"));
  CHECK(cache.find("a"));
  CHECK_FALSE(cache.find("b"));
  CHECK(cache.find("c"));
}

TEST_CASE("a result cache of capacity zero stores nothing", "[search][cache]") {
  ResultCache cache(0);
  cache.insert("a", hitsWith("alpha"));
  CHECK_FALSE(cache.find("a"));
}
