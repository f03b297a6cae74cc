#include "mcpd/corpus/language_tag.h"

#include <catch2/catch.hpp>

using mcpd::corpus::isLanguageCode;
using mcpd::corpus::languageCodes;
using mcpd::corpus::languageOfPath;
using mcpd::corpus::languageOfTag;

TEST_CASE("language tags reduce to their ISO 639-1 code", "[corpus][languages]") {
  CHECK(languageOfTag("de") == "de");
  CHECK(languageOfTag("DE-at") == "de");
  CHECK(languageOfTag("pt_BR") == "pt");
  CHECK(languageOfTag("pt-br") == "pt");
  CHECK(languageOfTag("zh-cn") == "zh");
  CHECK(languageOfTag("zh-tw") == "zh");
  CHECK(languageOfTag("zh-Hant-TW") == "zh");
  CHECK(languageOfTag("sr-latn") == "sr");
  CHECK(languageOfTag("es-419") == "es");
  CHECK(languageOfTag("ja") == "ja");
  CHECK(languageOfTag("german") == "de");
  CHECK(languageOfTag("Portuguese") == "pt");
}

TEST_CASE("what is not a language tag names no language", "[corpus][languages]") {
  CHECK_FALSE(languageOfTag(""));
  CHECK_FALSE(languageOfTag("klingon"));
  CHECK_FALSE(languageOfTag("xx"));
  CHECK_FALSE(languageOfTag("de-setup-guide-x"));
  CHECK_FALSE(languageOfTag("de-"));
  CHECK_FALSE(languageOfTag("ts"));  // a TypeScript folder, not Tsonga
}

TEST_CASE("a path's first segment names its language", "[corpus][languages]") {
  CHECK(languageOfPath("/pt-br/docs/concepts/") == "pt");
  CHECK(languageOfPath("https://kubernetes.io/zh-cn/docs/home/") == "zh");
  CHECK(languageOfPath("sr-latn/uvod.md") == "sr");
  CHECK(languageOfPath("de/setup.md") == "de");
  CHECK_FALSE(languageOfPath("docs/setup.md"));
  CHECK_FALSE(languageOfPath("setup.md"));
  CHECK_FALSE(languageOfPath("https://example.org/"));
  CHECK_FALSE(languageOfPath("/german/history/"));  // a topic, not a language folder
  CHECK_FALSE(languageOfPath("/go/tutorial/"));
}

TEST_CASE("the language table is sorted and every code is accepted", "[corpus][languages]") {
  const auto codes = languageCodes();
  CHECK(std::is_sorted(codes.begin(), codes.end()));
  for (std::string_view code : codes) {
    INFO(code);
    CHECK(isLanguageCode(code));
    CHECK(languageOfTag(code) == std::string(code));
  }
}
