#include "mcpd/search/bm25_scorer.h"

#include <catch2/catch.hpp>
#include <random>

#include "tests/support/temp_dir.h"

using mcpd::search::Bm25Scorer;
using mcpd::search::flatTerms;
using mcpd::search::ScoredDocument;
using mcpd::search::WeightedTerm;

namespace {

constexpr const char* kWords[] = {"server", "client",  "request", "stream", "cache",
                                  "index",  "session", "token",   "queue",  "socket",
                                  "retry",  "schema",  "thread",  "memory", "rollback"};

// A database of `count` documents of random words (fixed seed) with titles weighted as the
// index weighs them, so that wdf, document length and term frequency all vary.
void writeDatabase(const std::string& path, int count) {
  Xapian::WritableDatabase database(path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("en"));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  std::mt19937 random(7);
  std::uniform_int_distribution<int> word(0, std::size(kWords) - 1);
  // Words early in the list are common, late ones rare.
  std::geometric_distribution<int> skewed(0.25);
  std::uniform_int_distribution<int> length(3, 120);
  for (int i = 0; i < count; ++i) {
    Xapian::Document document;
    generator.set_document(document);
    generator.index_text(std::string(kWords[word(random)]) + " guide", 5);
    std::string body;
    for (int n = length(random); n > 0; --n) {
      body += kWords[std::min<int>(skewed(random), std::size(kWords) - 1)];
      body += ' ';
    }
    generator.index_text(body);
    database.add_document(document);
  }
  database.commit();
}

// Enquire's answer to `query`, the reference the scorer must equal.
std::vector<ScoredDocument> enquire(Xapian::Database& database, const Xapian::Query& query,
                                    std::size_t limit) {
  Xapian::Enquire enquire(database);
  enquire.set_query(query);
  std::vector<ScoredDocument> out;
  const Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
  for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
  return out;
}

Xapian::Query parse(Xapian::Database& database, const std::string& text) {
  Xapian::QueryParser parser;
  parser.set_database(database);
  parser.set_stemmer(Xapian::Stem("en"));
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  return parser.parse_query(text);
}

void requireSame(const std::vector<ScoredDocument>& ours,
                 const std::vector<ScoredDocument>& theirs) {
  REQUIRE(ours.size() == theirs.size());
  for (std::size_t i = 0; i < ours.size(); ++i) {
    CHECK(ours[i].docid == theirs[i].docid);
    CHECK(ours[i].weight == Approx(theirs[i].weight).epsilon(1e-12));
  }
}

}  // namespace

TEST_CASE("plain words are scored as Enquire scores them", "[search][bm25]") {
  testing::TempDir dir;
  const std::string path = (dir / "db").string();
  writeDatabase(path, 400);
  Xapian::Database database(path);
  const Bm25Scorer scorer(database);
  std::mt19937 random(11);
  std::uniform_int_distribution<int> word(0, std::size(kWords) - 1);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    for (int n = 1 + round % 4; n > 0; --n) text += std::string(kWords[word(random)]) + ' ';
    const std::size_t limit = 1 + round % 30;
    const Xapian::Query query = parse(database, text + "missingword");
    const auto terms = flatTerms(query);
    INFO(text);
    REQUIRE(terms);
    requireSame(scorer.top(database, *terms, limit), enquire(database, query, limit));
  }
}

TEST_CASE("a scaled term is scored as OP_SCALE_WEIGHT scores it", "[search][bm25]") {
  testing::TempDir dir;
  const std::string path = (dir / "db").string();
  writeDatabase(path, 300);
  Xapian::Database database(path);
  const Bm25Scorer scorer(database);
  const Xapian::Query words = parse(database, "cache guide rollback");
  auto terms = flatTerms(words);
  REQUIRE(terms);
  terms->push_back(WeightedTerm{"Zsocket", 2.0});
  const Xapian::Query query(
      Xapian::Query::OP_OR, words,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("Zsocket"), 2.0));
  requireSame(scorer.top(database, *terms, 50), enquire(database, query, 50));
}

TEST_CASE("only plain ORs of terms are flat", "[search][bm25]") {
  testing::TempDir dir;
  const std::string path = (dir / "db").string();
  writeDatabase(path, 10);
  Xapian::Database database(path);
  CHECK(flatTerms(parse(database, "cache")));
  CHECK(flatTerms(parse(database, "cache stream")));
  CHECK(flatTerms(parse(database, "cache cache"))->size() == 2);  // weighs twice, as in Enquire
  CHECK_FALSE(flatTerms(parse(database, "\"cache stream\"")));
  CHECK_FALSE(flatTerms(parse(database, "cache AND stream")));
  CHECK_FALSE(flatTerms(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query("x"), 2.0)));
  CHECK_FALSE(flatTerms(Xapian::Query()));
}
