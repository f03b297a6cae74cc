#include "mcpd/corpus/document_id.h"

#include <catch2/catch.hpp>

using mcpd::corpus::documentIdFromPath;

TEST_CASE("a relative file path becomes an id without its extension", "[corpus][id]") {
  CHECK(documentIdFromPath("guides/install.md") == "guides/install");
  CHECK(documentIdFromPath("README.md") == "readme");
  CHECK(documentIdFromPath("notes.markdown") == "notes");
  CHECK(documentIdFromPath("v1.2/release.notes.md") == "v1.2/release.notes");
}

TEST_CASE("a permalink becomes an id from its path", "[corpus][id]") {
  CHECK(documentIdFromPath("https://docs.example.com/guides/install/") == "guides/install");
  CHECK(documentIdFromPath("https://docs.example.com/de/setup.html?x=1#top") == "de/setup");
  CHECK(documentIdFromPath("/posts/hello-world/") == "posts/hello-world");
  CHECK(documentIdFromPath("https://docs.example.com/") == "index");
  CHECK(documentIdFromPath("https://docs.example.com") == "index");
  CHECK(documentIdFromPath("") == "index");
}

TEST_CASE("ids hold only URL-safe characters", "[corpus][id]") {
  CHECK(documentIdFromPath("My Guide/Über uns!.md") == "my-guide/-ber-uns-");
  CHECK(documentIdFromPath("a//./b/../c") == "a/b/c");
  CHECK(documentIdFromPath("a b  c") == "a-b-c");
}
