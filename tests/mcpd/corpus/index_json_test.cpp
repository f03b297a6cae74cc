#include "mcpd/corpus/index_json.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::Corpus;
using mcpd::corpus::loadIndexJsonFile;
using mcpd::corpus::parseIndexJson;
using testing::unwrap;

namespace {

std::string indexErrorOf(std::string_view json) {
  auto result = parseIndexJson(json, "index.json");
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().code() == shared::Status::Code::kInvalidArgument);
  return result.status().message();
}

}  // namespace

TEST_CASE("a hugo index.json becomes one document per item", "[corpus][index-json]") {
  const Corpus corpus = unwrap(parseIndexJson(R"([
    {"title": "Install", "permalink": "https://docs.example.com/guides/install/",
     "contents": "Run the installer.", "section": "guides", "tags": ["setup", "linux"],
     "date": "2024-05-01", "weight": 2, "draft": false, "params": {"x": 1}, "nothing": null},
    {"title": "Anleitung", "permalink": "https://docs.example.com/de/anleitung/",
     "contents": "Text.", "lang": "de"},
    {"title": "", "permalink": "/fr/guide.html", "contents": "Texte."}
  ])",
                                              "https://docs.example.com/index.json"));
  REQUIRE(corpus.size() == 3);
  CHECK(corpus.source() == "index.json https://docs.example.com/index.json");

  const auto* install = corpus.find("guides/install");
  REQUIRE(install != nullptr);
  CHECK(install->title == "Install");
  CHECK(install->url == "https://docs.example.com/guides/install/");
  CHECK(install->text == "Run the installer.");
  CHECK(install->language == "en");
  using Pair = std::pair<std::string, std::string>;
  CHECK(install->metadata == std::vector<Pair>{{"section", "guides"},
                                               {"tags", "setup, linux"},
                                               {"date", "2024-05-01"},
                                               {"weight", "2"},
                                               {"draft", "false"}});

  CHECK(corpus.find("de/anleitung")->language == "de");
  const auto* guide = corpus.find("fr/guide");
  REQUIRE(guide != nullptr);
  CHECK(guide->language == "fr");  // from the permalink's first segment
  CHECK(guide->title == "fr/guide");
}

TEST_CASE("language in an index.json item wins over the permalink folder", "[corpus][index-json]") {
  const Corpus corpus = unwrap(parseIndexJson(
      R"([{"title": "t", "permalink": "/de/x/", "contents": "c", "language": "english"}])", "i"));
  CHECK(corpus.find("de/x")->language == "en");
}

TEST_CASE("index.json items that name no language get the configured default",
          "[corpus][index-json]") {
  const Corpus corpus = unwrap(parseIndexJson(
      R"([{"title": "a", "permalink": "/x/", "contents": "c"},
          {"title": "b", "permalink": "/fr/y/", "contents": "c"}])",
      "i", "de"));
  CHECK(corpus.find("x")->language == "de");
  CHECK(corpus.find("fr/y")->language == "fr");
}

TEST_CASE("index.json items with the same permalink path get distinct ids",
          "[corpus][index-json]") {
  const Corpus corpus = unwrap(parseIndexJson(R"([
    {"title": "A", "permalink": "https://a.example/page/", "contents": ""},
    {"title": "B", "permalink": "https://b.example/page", "contents": ""}
  ])",
                                              "i"));
  CHECK(corpus.find("page")->title == "A");
  CHECK(corpus.find("page-2")->title == "B");
}

TEST_CASE("an empty index.json array is an empty corpus", "[corpus][index-json]") {
  CHECK(unwrap(parseIndexJson(" [ ] ", "i")).size() == 0);
}

TEST_CASE("index.json errors name the item index and the field", "[corpus][index-json]") {
  const std::string good = R"({"title": "t", "permalink": "/p/", "contents": "c"})";
  CHECK(indexErrorOf("[" + good + R"(, {"title": "t", "permalink": "/q/", "contents": 5}])") ==
        "index.json: item 1: \"contents\" must be a string, got a number");
  CHECK(indexErrorOf(R"([{"permalink": "/p/", "contents": "c"}])") ==
        "index.json: item 0: \"title\" must be a string, got nothing");
  CHECK(indexErrorOf(R"([{"title": null, "permalink": "/p/", "contents": "c"}])") ==
        "index.json: item 0: \"title\" must be a string, got null");
  CHECK(indexErrorOf(R"([{"title": "t", "permalink": ["/p/"], "contents": "c"}])") ==
        "index.json: item 0: \"permalink\" must be a string, got an array");
  CHECK(indexErrorOf(R"([{"title": "t", "permalink": "", "contents": "c"}])") ==
        "index.json: item 0: \"permalink\" must not be empty");
  CHECK(indexErrorOf("[" + good + "," + good + "," + good + R"(, "just a string"])") ==
        "index.json: item 3: must be an object, got a string");
}

TEST_CASE("an index.json whose top level is not an array is refused", "[corpus][index-json]") {
  CHECK(indexErrorOf(R"({"title": "t"})") ==
        "index.json: the top level must be an array, got an object");
  CHECK(indexErrorOf("42") == "index.json: the top level must be an array, got a number");
}

TEST_CASE("invalid JSON in index.json is reported with its line and column",
          "[corpus][index-json]") {
  CHECK(indexErrorOf("[\n  {\"title\": \"t\",}\n]") ==
        "index.json: invalid JSON at line 2, column 17: expected a string key, got '}'");
  CHECK(indexErrorOf("") ==
        "index.json: invalid JSON at line 1, column 1: expected a value, got the "
        "end of the text");
  CHECK(indexErrorOf("[1] x") ==
        "index.json: invalid JSON at line 1, column 5: unexpected text after the JSON value");
}

TEST_CASE("an index.json file is loaded from disk with its path as the source",
          "[corpus][index-json]") {
  testing::TempDir dir;
  std::ofstream(dir / "index.json") << R"([{"title": "t", "permalink": "/p/", "contents": "c"}])";
  const Corpus corpus = unwrap(loadIndexJsonFile(dir / "index.json"));
  CHECK(corpus.size() == 1);
  CHECK(corpus.source() == "index.json " + (dir / "index.json").string());

  auto missing = loadIndexJsonFile(dir / "missing.json");
  REQUIRE_FALSE(missing.isOk());
  CHECK(missing.status().message() ==
        "index.json: read " + (dir / "missing.json").string() + ": No such file or directory");
}

TEST_CASE("a permalink's region-tagged language segment names the language",
          "[corpus][index-json]") {
  const Corpus corpus = unwrap(parseIndexJson(
      R"([{"title": "a", "permalink": "https://k8s.example/pt-br/docs/a/", "contents": "c"},
          {"title": "b", "permalink": "/zh-cn/docs/b/", "contents": "c"},
          {"title": "c", "permalink": "/zh-tw/docs/c/", "contents": "c"},
          {"title": "d", "permalink": "/sr-latn/docs/d/", "contents": "c"},
          {"title": "e", "permalink": "/ja/docs/e/", "contents": "c"},
          {"title": "f", "permalink": "/docs/f/", "contents": "c", "lang": "ko-KR"},
          {"title": "g", "permalink": "/api/g/", "contents": "c"}])",
      "i"));
  std::vector<std::string> languages;
  for (const auto& document : corpus.documents()) languages.push_back(document.language);
  // Sorted by id: api/g, docs/f, ja/..., pt-br/..., sr-latn/..., zh-cn/..., zh-tw/...
  CHECK(languages == std::vector<std::string>{"en", "ko", "ja", "pt", "sr", "zh", "zh"});
}
