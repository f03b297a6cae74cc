#include "mcpd/search/languages.h"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <sstream>

#include "mcpd/corpus/language_tag.h"

using mcpd::search::stemmedLanguages;
using mcpd::search::stemmerFor;

TEST_CASE("stemmer names follow ISO 639-1 codes", "[search][languages]") {
  CHECK(stemmerFor("en") == "english");
  CHECK(stemmerFor("de") == "german");
  CHECK(stemmerFor("FR") == "french");
  CHECK(stemmerFor("nb") == "norwegian");
  CHECK(stemmerFor("no") == "norwegian");
  CHECK_FALSE(stemmerFor("ja").has_value());
  CHECK_FALSE(stemmerFor("english").has_value());
  CHECK_FALSE(stemmerFor("").has_value());
}

TEST_CASE("every stemmer named exists in this xapian", "[search][languages]") {
  for (std::string_view code : stemmedLanguages()) {
    INFO(code);
    CHECK(mcpd::corpus::isLanguageCode(code));
    CHECK_NOTHROW(Xapian::Stem(std::string(*stemmerFor(code))));
  }
}

TEST_CASE("every stemmer this xapian has is used for some language", "[search][languages]") {
  // English variants (porter, lovins, earlyenglish), german2 and kraaij_pohlmann (Dutch)
  // are alternatives to a stemmer already chosen.
  const std::vector<std::string> alternatives = {"earlyenglish", "german2", "kraaij_pohlmann",
                                                 "lovins", "porter"};
  std::istringstream available(Xapian::Stem::get_available_languages());
  std::string name;
  while (available >> name) {
    if (std::find(alternatives.begin(), alternatives.end(), name) != alternatives.end()) continue;
    bool used = false;
    for (std::string_view code : stemmedLanguages()) used = used || stemmerFor(code) == name;
    INFO(name);
    CHECK(used);
  }
}
