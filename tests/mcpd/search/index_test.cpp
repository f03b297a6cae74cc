#include "mcpd/search/index.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <random>
#include <thread>

#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using mcpd::corpus::Corpus;
using mcpd::corpus::Document;
using mcpd::search::Hit;
using mcpd::search::Index;
using mcpd::search::IndexOptions;
using mcpd::search::Query;
using testing::unwrap;

namespace {

Document indexDoc(std::string id, std::string title, std::string text,
                  std::string language = "en") {
  Document d;
  d.id = std::move(id);
  d.title = std::move(title);
  d.url = "https://docs.example.com/" + d.id + "/";
  d.text = std::move(text);
  d.language = std::move(language);
  return d;
}

struct IndexFixture {
  testing::TempDir dir;
  std::shared_ptr<const Index> index;

  explicit IndexFixture(std::vector<Document> documents) {
    auto corpus = std::make_shared<const Corpus>(std::move(documents), "test");
    index = unwrap(Index::build(corpus, IndexOptions{.temp_parent = dir.path()}));
  }

  std::vector<Hit> search(std::string text, std::size_t limit = 10, std::string language = "") {
    return unwrap(index->search(Query{std::move(text), limit, std::move(language)})).hits;
  }
  std::vector<std::string> ids(std::string text, std::size_t limit = 10,
                               std::string language = "") {
    std::vector<std::string> out;
    for (const Hit& hit : search(std::move(text), limit, std::move(language))) {
      out.push_back(hit.document->id);
    }
    return out;
  }
};

std::vector<Document> sampleDocuments() {
  return {
      indexDoc("install", "Installing mcpd",
               "Install the Debian packages, build with CMake, then start the server. The install "
               "script is idempotent."),
      indexDoc("certs", "Certificates",
               "certd renews every certificate early. Certificate renewal happens at one third of "
               "the remaining lifetime."),
      indexDoc("renewal", "Renewal schedule",
               "The renewal of the certificate is planned by the scheduler; the lifetime matters."),
      indexDoc("clients", "Connecting clients",
               "Clients connect over Streamable HTTP at /mcp or legacy SSE at /sse. Claude and "
               "ChatGPT are clients too."),
      indexDoc("search", "Search syntax",
               "Phrases, boolean operators and wildcards work in queries. Use AND, OR and NOT."),
      indexDoc(
          "de/zertifikate", "Zertifikate",
          "certd erneuert alle Zertifikate rechtzeitig. Die Häuser brauchen keine Zertifikaten.",
          "de"),
      indexDoc("fr/certificats", "Certificats",
               "certd renouvelle les certificats. Le serveur installe tout.", "fr"),
  };
}

}  // namespace

TEST_CASE("the most relevant document ranks first", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("streamable http clients").front() == "clients");
  CHECK(f.ids("scheduler").front() == "renewal");
}

TEST_CASE("a title match beats a body match", "[search]") {
  IndexFixture f({
      indexDoc("body", "Something else",
               "This page talks about configuration in passing, among other things."),
      indexDoc("title", "Configuration", "Settings come from flags, variables and files."),
  });
  const auto hits = f.search("configuration");
  REQUIRE(hits.size() == 2);
  CHECK(hits[0].document->id == "title");
  CHECK(hits[0].score > hits[1].score);
}

TEST_CASE("stemming lets installing find install", "[search]") {
  IndexFixture f(
      {indexDoc("a", "Setup", "How to install the server."), indexDoc("b", "Other", "Unrelated.")});
  CHECK(f.ids("installing") == std::vector<std::string>{"a"});
  CHECK(f.ids("installs") == std::vector<std::string>{"a"});
  CHECK(f.ids("Installing") == std::vector<std::string>{"a"});
}

TEST_CASE("german documents are stemmed in german", "[search]") {
  IndexFixture f(sampleDocuments());
  // German Snowball: Zertifikaten, Zertifikate -> zertifikat; Häuser -> haus.
  CHECK(f.ids("Zertifikat", 10, "de") == std::vector<std::string>{"de/zertifikate"});
  CHECK(f.ids("Haus", 10, "de") == std::vector<std::string>{"de/zertifikate"});
  CHECK(f.ids("zertifikate", 10, "de") == std::vector<std::string>{"de/zertifikate"});
}

TEST_CASE("a phrase query matches the exact words in order", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("\"certificate renewal\"") == std::vector<std::string>{"certs"});
  const auto loose = f.ids("certificate renewal");
  CHECK(std::find(loose.begin(), loose.end(), "renewal") != loose.end());
}

TEST_CASE("boolean NOT excludes documents", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("certificate NOT scheduler") == std::vector<std::string>{"certs"});
  CHECK(f.ids("certificate AND lifetime").size() == 2);
  CHECK(f.ids("certificate -scheduler") == std::vector<std::string>{"certs"});
}

TEST_CASE("wildcards and title: searches work", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("streamab*") == std::vector<std::string>{"clients"});
  CHECK(f.ids("title:syntax") == std::vector<std::string>{"search"});
}

TEST_CASE("the language filter keeps only documents in that language", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("certd", 10, "fr") == std::vector<std::string>{"fr/certificats"});
  CHECK(f.ids("certd", 10, "de") == std::vector<std::string>{"de/zertifikate"});
  CHECK(f.ids("certd", 10, "DE") == std::vector<std::string>{"de/zertifikate"});
  CHECK(f.ids("certd", 10, "").size() == 3);
  CHECK(f.ids("certd", 10, "it").empty());
}

TEST_CASE("a snippet highlights the matched term in bold", "[search]") {
  IndexFixture f(sampleDocuments());
  const auto hits = f.search("scheduler");
  REQUIRE(hits.size() == 1);
  CHECK_THAT(hits[0].snippet, Catch::Contains("**scheduler**"));
  CHECK(hits[0].snippet.size() < 400);
}

TEST_CASE("a snippet is plain text, not escaped HTML", "[search]") {
  IndexFixture f({indexDoc("a", "Ops", "Use a && b when x < y needs scheduling & more.")});
  const auto hits = f.search("scheduling");
  REQUIRE(hits.size() == 1);
  CHECK_THAT(hits[0].snippet, Catch::Contains("a && b when x < y needs **scheduling** & more"));
}

TEST_CASE("a long snippet is about 200 bytes around the match", "[search]") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "filler words here. ";
  text += "The needle is here. ";
  for (int i = 0; i < 200; ++i) text += "more filler words. ";
  IndexFixture f({indexDoc("a", "Haystack", text)});
  const auto hits = f.search("needle");
  REQUIRE(hits.size() == 1);
  CHECK_THAT(hits[0].snippet, Catch::Contains("**needle**"));
  CHECK(hits[0].snippet.size() < 300);
}

TEST_CASE("the result limit is respected and clamped to 1..50", "[search]") {
  std::vector<Document> documents;
  for (int i = 0; i < 60; ++i) {
    documents.push_back(
        indexDoc("d" + std::to_string(i), "Page " + std::to_string(i), "common word"));
  }
  IndexFixture f(std::move(documents));
  CHECK(f.search("common", 5).size() == 5);
  CHECK(f.search("common", 0).size() == 1);
  CHECK(f.search("common", 1000).size() == 50);
  CHECK(f.search("common").size() == 10);
}

TEST_CASE("an empty query is an invalid argument", "[search]") {
  IndexFixture f(sampleDocuments());
  for (const char* text : {"", "   ", "\t\n"}) {
    auto result = f.index->search(Query{text});
    REQUIRE_FALSE(result.isOk());
    CHECK(result.status().code() == shared::Status::Code::kInvalidArgument);
    CHECK(result.status().message() == "search: the query is empty");
  }
  auto long_query = f.index->search(Query{std::string(2000, 'a')});
  REQUIRE_FALSE(long_query.isOk());
  CHECK(long_query.status().code() == shared::Status::Code::kInvalidArgument);
}

TEST_CASE("a malformed query still answers", "[search]") {
  IndexFixture f(sampleDocuments());
  CHECK(f.ids("\"certificate renewal").front() == "certs");
  for (const char* text : {"AND", "NOT", "certificate AND", "OR OR scheduler", "((scheduler", "\"",
                           "*", "-", "+", "title:", "scheduler NOT NOT"}) {
    INFO(text);
    CHECK(f.index->search(Query{text}).isOk());
  }
  // Unparsable as boolean, so read as the words "or", "or", "scheduler".
  CHECK(f.ids("OR OR scheduler").front() == "renewal");
}

TEST_CASE("hits point into the index's corpus", "[search]") {
  IndexFixture f(sampleDocuments());
  const auto hits = f.search("clients");
  REQUIRE_FALSE(hits.empty());
  CHECK(hits[0].document == f.index->corpus().find("clients"));
}

TEST_CASE("concurrent searches give the same results as sequential ones", "[search]") {
  std::vector<Document> documents = sampleDocuments();
  std::mt19937 random(42);
  const std::vector<std::string> words = {"certificate", "renewal", "install", "server",
                                          "client",      "search",  "query",   "stream",
                                          "lifetime",    "debian",  "cmake",   "wildcard"};
  for (int i = 0; i < 300; ++i) {
    std::string text;
    for (int w = 0; w < 40; ++w) text += words[random() % words.size()] + " ";
    documents.push_back(indexDoc("gen/" + std::to_string(i), words[random() % words.size()], text));
  }
  IndexFixture f(std::move(documents));
  const std::vector<std::string> queries = {"certificate renewal", "\"install server\"",
                                            "client NOT stream",   "wildc*",
                                            "lifetime OR debian",  "query AND search"};

  auto signature = [&](const std::string& query) {
    std::string out;
    for (const Hit& hit : f.search(query, 20)) {
      out += hit.document->id + "|" + std::to_string(hit.score) + "|" + hit.snippet + "\n";
    }
    return out;
  };
  std::vector<std::string> expected;
  for (const auto& q : queries) expected.push_back(signature(q));

  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::size_t q = static_cast<std::size_t>(t + i) % queries.size();
        auto hits = f.index->search(Query{queries[q], 20, ""});
        std::string out;
        if (hits) {
          for (const Hit& hit : hits->hits) {
            out += hit.document->id + "|" + std::to_string(hit.score) + "|" + hit.snippet + "\n";
          }
        }
        if (!hits || out != expected[q]) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(mismatches == std::vector<int>(kThreads, 0));
}

TEST_CASE("the index removes its database directory when destroyed", "[search]") {
  testing::TempDir dir;
  {
    auto corpus = std::make_shared<const Corpus>(sampleDocuments(), "test");
    auto index = unwrap(Index::build(corpus, IndexOptions{.temp_parent = dir.path()}));
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()),
                        std::filesystem::directory_iterator()) == 1);
  }
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("an index cannot be built in a missing directory", "[search]") {
  testing::TempDir dir;
  auto corpus = std::make_shared<const Corpus>(sampleDocuments(), "test");
  auto result = Index::build(corpus, IndexOptions{.temp_parent = dir / "missing"});
  REQUIRE_FALSE(result.isOk());
  CHECK_THAT(result.status().message(), Catch::Contains((dir / "missing").string()));
}

TEST_CASE("an empty corpus can be searched", "[search]") {
  IndexFixture f({});
  CHECK(f.search("anything").empty());
}

// Not run by default: `mcpd_tests "[.bench]"` prints the time of one search on 2,000
// generated documents (1,000 queries after a warm-up, mean and 99th percentile).
TEST_CASE("search latency on 2,000 documents", "[.bench]") {
  std::mt19937 random(7);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 5000; ++i) {
    std::string word;
    for (int k = 0; k < 3 + static_cast<int>(random() % 7); ++k) word += char('a' + random() % 26);
    vocabulary.push_back(word);
  }
  std::vector<Document> documents;
  for (int i = 0; i < 2000; ++i) {
    std::string title, text;
    for (int w = 0; w < 6; ++w) title += vocabulary[random() % vocabulary.size()] + " ";
    for (int w = 0; w < 400; ++w) {  // ~2.5 KB of text per document
      text += vocabulary[random() % 500 + (w % 3 == 0 ? random() % 4500 : 0)];
      text += w % 15 == 14 ? ". " : " ";
    }
    documents.push_back(indexDoc("gen/" + std::to_string(i), title, text));
  }
  const auto build_start = std::chrono::steady_clock::now();
  IndexFixture f(std::move(documents));
  const auto build_time = std::chrono::steady_clock::now() - build_start;

  std::vector<std::string> queries;
  for (int i = 0; i < 1000; ++i) {
    queries.push_back(vocabulary[random() % 500] + " " + vocabulary[random() % 5000]);
  }
  for (int i = 0; i < 100; ++i) (void)f.index->search(Query{queries[static_cast<std::size_t>(i)]});
  std::vector<double> micros;
  std::size_t total_hits = 0;
  for (const auto& q : queries) {
    const auto start = std::chrono::steady_clock::now();
    auto hits = f.index->search(Query{q, 10, ""});
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
            .count());
    REQUIRE(hits.isOk());
    total_hits += hits->hits.size();
  }
  std::sort(micros.begin(), micros.end());
  double sum = 0;
  for (double m : micros) sum += m;
  using Millis = std::chrono::duration<double, std::milli>;
  const double build_ms = Millis(build_time).count();
  const double mean = sum / static_cast<double>(micros.size());
  const double mean_hits = static_cast<double>(total_hits) / static_cast<double>(micros.size());
  WARN("build 2000 docs: " << build_ms << " ms; search: mean " << mean << " us, median "
                           << micros[micros.size() / 2] << " us, p99 "
                           << micros[micros.size() * 99 / 100] << " us, mean hits " << mean_hits);
}

TEST_CASE("an index needs a corpus", "[search]") {
  auto result = Index::build(nullptr);
  REQUIRE_FALSE(result.isOk());
  CHECK(result.status().message() == "search index: no corpus");
}

TEST_CASE("markdown is searched and shown as the text a reader sees", "[search][markdown]") {
  IndexFixture f({indexDoc("md", "Tables",
                           "# Renewal table\n\nSee [the guide](https://hidden.example/target).\n\n"
                           "| key | value |\n|---|---|\n| **bold** cell | `certd renew` |\n")});
  const auto hits = f.search("cell");
  REQUIRE(hits.size() == 1);
  CHECK_THAT(hits[0].snippet, Catch::Contains("**cell**"));
  CHECK_THAT(hits[0].snippet, !Catch::Contains("|"));
  CHECK_THAT(hits[0].snippet, !Catch::Contains("# "));
  CHECK_THAT(hits[0].snippet, !Catch::Contains("**bold**"));  // the source's emphasis is gone
  CHECK(f.search("renew").size() == 1);                       // code is searchable
  CHECK(f.search("hidden").empty());                          // link targets are not
  CHECK(f.index->corpus().find("md")->text.starts_with("# Renewal table"));  // fetch: as written
}

TEST_CASE("heading words weigh more than body words", "[search][markdown]") {
  IndexFixture f(
      {indexDoc("body", "One", "Some text about rotation of keys and other things."),
       indexDoc("heading", "Two", "## Rotation\n\nSome text about keys and other things.")});
  CHECK(f.ids("rotation") == std::vector<std::string>{"heading", "body"});
}
