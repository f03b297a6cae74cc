#include "mcpd/docs/corpus_version.h"

#include <algorithm>
#include <catch2/catch.hpp>

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;
using mcpd::docs::corpusVersion;

namespace {

std::vector<Document> twoPages() {
  return {{.id = "a", .title = "A", .url = "/a", .text = "alpha"},
          {.id = "b", .title = "B", .url = "/b", .text = "beta", .language = "de"}};
}

}  // namespace

TEST_CASE("corpus version is a sha256 that ignores source name and load order", "[mcpd][docs]") {
  auto pages = twoPages();
  const std::string version = corpusVersion(Corpus(pages, "markdown folder /srv/docs"));
  CHECK(version.starts_with("sha256:"));
  CHECK(version.size() == 7 + 64);
  std::reverse(pages.begin(), pages.end());
  CHECK(corpusVersion(Corpus(pages, "index.json https://example.com/index.json")) == version);
}

TEST_CASE("corpus version changes with any field of any document", "[mcpd][docs]") {
  const std::string version = corpusVersion(Corpus(twoPages(), "s"));
  auto changed = [&](auto edit) {
    auto pages = twoPages();
    edit(pages[1]);
    return corpusVersion(Corpus(pages, "s")) != version;
  };
  CHECK(changed([](Document& d) { d.title = "B2"; }));
  CHECK(changed([](Document& d) { d.url = "/b2"; }));
  CHECK(changed([](Document& d) { d.text = "beta!"; }));
  CHECK(changed([](Document& d) { d.language = "fr"; }));
  CHECK(changed([](Document& d) { d.metadata.emplace_back("weight", "1"); }));
  // Moving bytes from one field into the next is a change too.
  CHECK(changed([](Document& d) {
    d.title = "B/b";  // "B" + "/b" and "B/b" + "" are the same bytes without length prefixes
    d.url = "";
  }));
}
