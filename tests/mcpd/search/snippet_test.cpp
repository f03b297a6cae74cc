#include "mcpd/search/snippet.h"

#include <catch2/catch.hpp>

using mcpd::search::makeSnippet;
using mcpd::search::SnippetTerms;
using mcpd::search::snippetTermsOf;

namespace {

const Xapian::Stem kEnglish("english");

Xapian::Query parse(const std::string& text) {
  Xapian::QueryParser parser;
  parser.set_stemmer(kEnglish);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.add_prefix("title", "S");
  return parser.parse_query(text,
                            Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD);
}

std::string snippetFor(const std::string& text, const std::string& query,
                       std::size_t length = 200) {
  return makeSnippet(text, snippetTermsOf(parse(query), query), kEnglish, length);
}

}  // namespace

TEST_CASE("snippet terms are the positive words, stems and wildcard prefixes of a query",
          "[search][snippet]") {
  const SnippetTerms terms =
      snippetTermsOf(parse("installing \"exact words\" title:setup stream* -excluded NOT gone"),
                     "installing \"exact words\" title:setup stream* -excluded NOT gone");
  CHECK(terms.stems == std::unordered_set<std::string>{"instal", "setup"});
  CHECK(terms.words == std::unordered_set<std::string>{"exact", "words"});
  CHECK(terms.prefixes == std::vector<std::string>{"stream"});
}

TEST_CASE("a snippet bolds every form of a matched word", "[search][snippet]") {
  CHECK(snippetFor("How to install: installing mcpd installs it.", "installing") ==
        "How to **install**: **installing** mcpd **installs** it.");
}

TEST_CASE("a snippet starts at the sentence holding the first match", "[search][snippet]") {
  const std::string text = "First sentence here. Second one names the renewal window. Third.";
  CHECK(snippetFor(text, "renewal", 40) ==
        "First sentence here. Second one names the **renewal**…");
  std::string long_text(300, 'x');
  long_text +=
      " and then. The renewal happens early, long before expiry. More text follows "
      "here to be cut off at some point because it is long enough to matter.";
  CHECK(snippetFor(long_text, "renewal", 60) ==
        "The **renewal** happens early, long before expiry. More text…");
}

TEST_CASE("a snippet cut in mid-sentence starts with an ellipsis", "[search][snippet]") {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "word ";
  text += "needle ";
  for (int i = 0; i < 40; ++i) text += "tail ";
  const std::string snippet = snippetFor(text, "needle", 100);
  CHECK(snippet.starts_with("…word "));
  CHECK(snippet.ends_with("tail…"));
  CHECK_THAT(snippet, Catch::Contains("word **needle** tail"));
  CHECK(snippet.size() < 140);
}

TEST_CASE("a snippet collapses whitespace and keeps Markdown characters", "[search][snippet]") {
  CHECK(snippetFor("# Title\n\nUse `a && b`\n  when <tag> is set.", "tag") ==
        "# Title Use `a && b` when <**tag**> is set.");
}

TEST_CASE("a snippet without a match is the start of the text", "[search][snippet]") {
  CHECK(snippetFor("Nothing to see here.", "absent") == "Nothing to see here.");
  CHECK(snippetFor("", "absent") == "");
}

TEST_CASE("a snippet matches non-ASCII words case-insensitively", "[search][snippet]") {
  const Xapian::Stem german("german");
  Xapian::QueryParser parser;
  parser.set_stemmer(german);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  const SnippetTerms terms = snippetTermsOf(parser.parse_query("häuser"), "häuser");
  CHECK(makeSnippet("Zwei Häuser, ein Haus.", terms, german, 200) ==
        "Zwei **Häuser**, ein **Haus**.");
}

TEST_CASE("a snippet bolds a word in any case and no word that merely shares its first letter",
          "[search][snippet]") {
  CHECK(snippetFor("Policy, policies, POLICY; police and politics.", "policy") ==
        "**Policy**, **policies**, **POLICY**; police and politics.");
}

TEST_CASE("one snippet maker serves every hit of a search alike", "[search][snippet]") {
  const std::string query = "installing servers";
  const SnippetTerms terms = snippetTermsOf(parse(query), query);
  const mcpd::search::SnippetMaker maker(terms, kEnglish);
  // Words it has stemmed once ("installs", "servers") must match again in later texts.
  for (const std::string text :
       {"The server installs itself.", "Installs and servers: installing a server.",
        "Nothing here matches at all.", "SERVERS install quickly; installers are separate."}) {
    INFO(text);
    CHECK(maker.make(text, 200) == makeSnippet(text, terms, kEnglish, 200));
  }
  CHECK(maker.make("Two servers installs", 200) == "Two **servers** **installs**");
}

TEST_CASE("a snippet tells words apart by their first three letters and no fewer",
          "[search][snippet]") {
  // Words shorter than every term, or sharing only two letters with one, never match;
  // a shorter term (a prefix) brings the shorter words back.
  CHECK(snippetFor("se ser serf servers Server", "servers") ==
        "se ser serf **servers** **Server**");
  CHECK(snippetFor("se ser serf servers Server", "se*") ==
        "**se** **ser** **serf** **servers** **Server**");
}
