#include "mcpd/corpus/corpus.h"

#include <catch2/catch.hpp>

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;

namespace {
Document doc(std::string id, std::string title) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  return d;
}
}  // namespace

TEST_CASE("a corpus lists its documents sorted by id and finds them by id", "[corpus]") {
  const Corpus corpus({doc("b", "B"), doc("a", "A"), doc("c/d", "CD")}, "test");
  REQUIRE(corpus.size() == 3);
  CHECK(corpus.documents()[0].id == "a");
  CHECK(corpus.documents()[1].id == "b");
  CHECK(corpus.documents()[2].id == "c/d");
  CHECK(corpus.find("c/d")->title == "CD");
  CHECK(corpus.find("c") == nullptr);
  CHECK(corpus.find("") == nullptr);
  CHECK(corpus.source() == "test");
}

TEST_CASE("colliding ids are disambiguated in source order", "[corpus]") {
  const Corpus corpus(
      {doc("x", "first"), doc("x", "second"), doc("x-2", "taken"), doc("x", "third"), doc("", "e")},
      "test");
  CHECK(corpus.find("x")->title == "first");
  CHECK(corpus.find("x-2")->title == "taken");
  CHECK(corpus.find("x-3")->title == "second");
  CHECK(corpus.find("x-4")->title == "third");
  CHECK(corpus.find("index")->title == "e");
}
