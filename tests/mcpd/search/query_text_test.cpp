#include "mcpd/search/query_text.h"

#include <xapian.h>

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

TEST_CASE("plain words are what Xapian's parser reads as an OR of their stems", "[search][query]") {
  using mcpd::search::plainWords;
  CHECK(plainWords("session transport timeout") ==
        std::vector<std::string_view>{"session", "transport", "timeout"});
  CHECK(plainWords("  one ") == std::vector<std::string_view>{"one"});
  for (const char* other : {"", " ", "a AND b", "\"a b\"", "a-b", "a*", "+a", "-a", "title:a",
                            "http2", "a_b", "grüße", "a\tb", "(a)"}) {
    INFO(other);
    CHECK_FALSE(plainWords(other));
  }
  // The parser as the index sets it up, for the plain words it is spared.
  const Xapian::Stem stemmer("english");
  Xapian::QueryParser parser;
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.add_prefix("title", "S");
  const unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                         Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                         Xapian::QueryParser::FLAG_CJK_NGRAM;
  for (const char* text :
       {"installing", "session transport timeout", "the of and a", "servers servers client",
        "and or not xor near adj", "certificates  renewal   policies"}) {
    const auto words = plainWords(text);
    REQUIRE(words);
    std::vector<Xapian::Query> leaves;
    Xapian::termpos position = 0;
    for (std::string_view word : *words) {
      leaves.emplace_back("Z" + stemmer(std::string(word)), 1, ++position);
    }
    const Xapian::Query expected =
        leaves.size() == 1 ? leaves.front()
                           : Xapian::Query(Xapian::Query::OP_OR, leaves.begin(), leaves.end());
    CHECK(parser.parse_query(text, flags).get_description() == expected.get_description());
  }
}
