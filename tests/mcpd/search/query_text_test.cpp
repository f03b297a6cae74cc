#include "mcpd/search/query_text.h"

#include <catch2/catch.hpp>

using mcpd::search::prepareQueryText;

TEST_CASE("query words are lower-cased so that they get stemmed", "[search][query]") {
  CHECK(prepareQueryText("Installing MCPD") == "installing mcpd");
  CHECK(prepareQueryText("Häuser ÜBER") == "häuser über");
}

TEST_CASE("upper-case boolean operators survive query preparation", "[search][query]") {
  CHECK(prepareQueryText("Certs AND (Renewal OR Expiry) NOT Staging") ==
        "certs AND (renewal OR expiry) NOT staging");
  CHECK(prepareQueryText("A NEAR/3 B ADJ C XOR D") == "a NEAR/3 b ADJ c XOR d");
  CHECK(prepareQueryText("and or not") == "and or not");
}

TEST_CASE("query syntax characters are kept while preparing", "[search][query]") {
  CHECK(prepareQueryText("\"Exact Phrase\" +Must -Not Pre* title:Setup") ==
        "\"exact phrase\" +must -not pre* title:setup");
}

TEST_CASE("a run of CJK text becomes its overlapping character pairs", "[search][query]") {
  CHECK(prepareQueryText("多次执行") == "多次 次执 执行");
  CHECK(prepareQueryText("API网关") == "api 网关");
  CHECK(prepareQueryText("失効") == "失効");
  CHECK(prepareQueryText("\"多次执行\"") == "\"多次执行\"");
  CHECK(prepareQueryText("証明書、失効") == "証明 明書 、 失効");
}
