#include "mcpd/search/languages.h"

#include <xapian.h>

#include <catch2/catch.hpp>

using mcpd::search::isKnownLanguage;
using mcpd::search::knownLanguages;
using mcpd::search::normalizeLanguage;
using mcpd::search::stemmerFor;

TEST_CASE("iso codes map to xapian stemmer names", "[search][languages]") {
  CHECK(stemmerFor("en") == "english");
  CHECK(stemmerFor("de") == "german");
  CHECK(stemmerFor("FR") == "french");
  CHECK(stemmerFor("nb") == "norwegian");
  CHECK(stemmerFor("no") == "norwegian");
  CHECK_FALSE(stemmerFor("ja").has_value());
  CHECK_FALSE(stemmerFor("english").has_value());
  CHECK_FALSE(stemmerFor("").has_value());
}

TEST_CASE("every known language has a stemmer in this xapian", "[search][languages]") {
  for (std::string_view code : knownLanguages()) {
    INFO(code);
    CHECK(isKnownLanguage(code));
    CHECK_NOTHROW(Xapian::Stem(std::string(*stemmerFor(code))));
  }
}

TEST_CASE("language tags normalise to lower-case iso codes", "[search][languages]") {
  CHECK(normalizeLanguage("de") == "de");
  CHECK(normalizeLanguage("DE-at") == "de");
  CHECK(normalizeLanguage("pt_BR") == "pt");
  CHECK(normalizeLanguage("german") == "de");
  CHECK(normalizeLanguage("ja") == "ja");
  CHECK(normalizeLanguage("") == "en");
  CHECK(normalizeLanguage("klingon") == "en");
}
