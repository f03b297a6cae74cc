#include "mcpd/corpus/builtin.h"

#include <catch2/catch.hpp>

#include "mcpd/corpus/embedded_docs.h"

using mcpd::corpus::builtinCorpus;

TEST_CASE("the built-in corpus holds the README and the docs folder", "[corpus][builtin]") {
  const auto corpus = builtinCorpus();
  CHECK(corpus.size() >= 4);
  CHECK(corpus.source() == "built-in documentation");
  const auto* readme = corpus.find("readme");
  REQUIRE(readme != nullptr);
  CHECK_THAT(readme->title, Catch::Contains("mcpd"));
  CHECK(readme->url == "README.md");
  CHECK_THAT(readme->text, Catch::Contains("mcpd"));

  const auto* connect = corpus.find("docs/connect-clients");
  REQUIRE(connect != nullptr);
  CHECK_THAT(connect->text, Catch::Contains("/mcp"));
  CHECK_THAT(connect->text, Catch::Contains("/sse"));
  for (const auto& document : corpus.documents()) {
    INFO(document.id);
    // docs/translations/ holds "What mcpd is" in other languages, named in front matter.
    if (!document.id.starts_with("docs/translations/")) CHECK(document.language == "en");
    CHECK_FALSE(document.title.empty());
    CHECK_FALSE(document.text.empty());
  }
}

TEST_CASE("the built-in translations carry their languages", "[corpus][builtin]") {
  const auto corpus = builtinCorpus();
  for (const std::string language : {"es", "de", "fr", "pt", "ja", "zh"}) {
    const auto* page = corpus.find("docs/translations/" + language);
    REQUIRE(page != nullptr);
    CHECK(page->language == language);
  }
}

TEST_CASE("embedded docs keep every byte of their files", "[corpus][builtin]") {
  for (const auto& file : mcpd::corpus::embeddedDocs()) {
    INFO(file.path);
    CHECK(file.contents.find('\0') == std::string_view::npos);
    CHECK(file.contents.ends_with('\n'));
  }
}
