#include "mcpd/corpus/corpus.h"

#include <catch2/catch.hpp>

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;

namespace {
Document corpusDoc(std::string id, std::string title) {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  return d;
}
}  // namespace

TEST_CASE("a corpus lists its documents sorted by id and finds them by id", "[corpus]") {
  const Corpus corpus({corpusDoc("b", "B"), corpusDoc("a", "A"), corpusDoc("c/d", "CD")}, "test");
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
  const Corpus corpus({corpusDoc("x", "first"), corpusDoc("x", "second"), corpusDoc("x-2", "taken"),
                       corpusDoc("x", "third"), corpusDoc("", "e")},
                      "test");
  CHECK(corpus.find("x")->title == "first");
  CHECK(corpus.find("x-2")->title == "taken");
  CHECK(corpus.find("x-3")->title == "second");
  CHECK(corpus.find("x-4")->title == "third");
  CHECK(corpus.find("index")->title == "e");
}
