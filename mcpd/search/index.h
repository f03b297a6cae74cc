#pragma once

// Index: full-text search over one Corpus with Xapian: BM25 ranking, titles and headings
// weighted above bodies, Markdown read as the text a reader sees (markdown_text.h),
// Snowball stemming by document language, CJK n-grams, phrase/boolean/wildcard queries, and
// highlighted snippets. Backs the MCP `search` tool. Plain words in a corpus of one
// language are matched by Bm25Scorer (bm25_scorer.h), everything else by Xapian::Enquire,
// with the same ranking.
//
// Languages: a query that names no language is read in every language of the corpus its
// words occur in, each reading weighted by how well the words fit that language's pages
// (language_vocabulary.h), so the reader's language comes first and a page that exists
// only in another language is still found. A query that names a language is read in that
// language only and finds only its pages.
//
// Ownership: built once per corpus (off the serving path, e.g. by the reload loop), then
// shared as std::shared_ptr<const Index>; the index keeps its corpus alive. The Xapian
// database lives in a private temporary directory that the destructor removes.
// Threads: search() may be called concurrently from any number of threads. Xapian
// databases are not thread-safe, so each search leases a read-only handle from a
// mutex-guarded pool (opening a new one when all are busy) and nothing Xapian is shared.

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "mcpd/corpus/corpus.h"
#include "mcpd/search/bm25_scorer.h"
#include "mcpd/search/language_vocabulary.h"
#include "shared/result.h"

namespace Xapian {
class Database;
}  // namespace Xapian

namespace mcpd::search {

inline constexpr std::size_t kMaxResults = 50;
inline constexpr std::size_t kMaxQueryBytes = 1024;

struct IndexOptions {
  std::filesystem::path temp_parent;  // parent of the private database dir; empty: $TMPDIR
  std::size_t max_idle_handles = 16;  // read handles kept open between searches
  std::size_t snippet_bytes = 200;    // length of a snippet in bytes of text (snippet.h)
};

struct Query {
  std::string text;        // Xapian query syntax: words, "a phrase", AND/OR/NOT, +must, -not, pre*
  std::size_t limit = 10;  // clamped to [1, kMaxResults]
  std::string language;    // ISO 639-1 code: only documents in it, stemmed for it; empty: all
};

struct Hit {
  const corpus::Document* document;  // owned by the index's corpus; valid while the index is
  double score;                      // BM25 weight; higher is better
  std::string snippet;               // ~200 bytes of plain text, matches wrapped in "**"
};

struct SearchResult {
  std::vector<Hit> hits;
  // The language the query was read in first: Query::language when given, else the one its
  // words fit best; empty when no language's pages hold any of them.
  std::string language;
};

class Index {
 public:
  // Indexes every document of `corpus` into a new database under options.temp_parent.
  // Fails (kIoError) when the directory cannot be created, (kInternal) when Xapian fails;
  // nothing is left on disk then.
  static shared::Result<std::shared_ptr<const Index>> build(
      std::shared_ptr<const corpus::Corpus> corpus, const IndexOptions& options = {});

  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  // Up to query.limit hits, best first (ties by corpus order), identical for identical
  // queries. A query Xapian cannot parse is retried as plain words. Fails with
  // kInvalidArgument for an empty (or all-blank) query or one over kMaxQueryBytes, and
  // kInternal when Xapian fails. Thread-safe.
  shared::Result<SearchResult> search(const Query& query) const;

  const corpus::Corpus& corpus() const { return *corpus_; }

 private:
  class Lease;

  Index(std::shared_ptr<const corpus::Corpus> corpus, std::filesystem::path directory,
        IndexOptions options);

  // The query read in one language, and how much that reading counts.
  struct Reading {
    std::string language;
    double weight;
    bool fitted;  // chosen by the query's words, not by default
  };

  // Writes the database and fills texts_ and vocabulary_. Throws Xapian::Error.
  void writeDatabase();

  // search() past validation: runs the query on a leased handle.
  shared::Result<SearchResult> run(std::string_view text, std::size_t limit,
                                   const std::string& language) const;

  // The languages to read the query's `words` (as typed) in, best fit first, with their weights (1
  // for the best); every language unfitted, weight 1, when no page holds any of its words.
  std::vector<Reading> weighLanguages(const std::vector<std::string>& words) const;

  // An idle handle, or a newly opened one when none is idle. Throws Xapian::Error.
  std::unique_ptr<Xapian::Database> acquire() const;
  // Returns a handle to the pool, or closes it when the pool is full.
  void release(std::unique_ptr<Xapian::Database> database) const;

  std::shared_ptr<const corpus::Corpus> corpus_;  // document i has Xapian docid i + 1
  std::vector<std::string> texts_;            // document i's text as a reader sees it, for snippets
  LanguageVocabulary vocabulary_;             // written by build(), read-only after
  std::unique_ptr<const Bm25Scorer> scorer_;  // set by build(), read-only after
  std::filesystem::path directory_;           // the glass database; removed by ~Index
  IndexOptions options_;
  mutable std::mutex mu_;
  mutable std::vector<std::unique_ptr<Xapian::Database>> idle_;  // guarded by mu_
};

}  // namespace mcpd::search
