#pragma once

// Bm25Scorer: the best documents for a query that is a plain OR of terms ("session
// transport timeout", the way most readers search), scored as Xapian's matcher scores them
// with its default BM25Weight, but by adding up each term's postings in an array instead of
// Xapian's tree of posting lists. Xapian evaluated about 370 candidate documents per
// three-word query at some 760 instructions each (reading every candidate's length from
// its own posting list); here a document's length term is an array read and a posting a
// few instructions, so the match costs a small part of what it did. Any other query (phrases,
// AND, NOT, wildcards, filters, a language's weights) is left to Xapian::Enquire.
//
// Results equal Enquire's: the same weights up to the order in which a document's term
// weights are added (a last-bit difference that decides nothing unless two documents tie
// to the last bit, which tests/mcpd/search/bm25_scorer_test.cpp checks against Enquire),
// best first, ties by ascending docid.
// A term's postings are read from Xapian once and kept (docid and wdf, 8 bytes each, up to
// kMaxCachedBytes in all; past that a term is read from Xapian on every query).
// Ownership: built once per index from its database; read-only after apart from the
// posting cache, which a mutex guards; any thread. top() reads postings it has not cached
// through the caller's own Database handle, and sums in scratch arrays (12 bytes per
// document) that it leases from the scorer: as many exist as searches ever ran at once
// (one per core under mcpd's handler gate), not one per thread that ever searched.

#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace mcpd::search {

// A term and the factor its BM25 weight is multiplied by (Xapian's OP_SCALE_WEIGHT).
struct WeightedTerm {
  std::string term;
  double factor = 1.0;
};

struct ScoredDocument {
  Xapian::docid docid;
  double weight;
};

// The terms of `query` when it is one term or an OR of terms (Xapian::QueryParser's reading
// of plain words), each with factor 1; nullopt for anything else. A repeated word is
// listed twice and weighs twice, as in Enquire.
std::optional<std::vector<WeightedTerm>> flatTerms(const Xapian::Query& query);

class Bm25Scorer {
 public:
  // Reads every document's length from `database`, which the scorer must then be used with
  // (or with another handle on the same, unchanged database). Throws Xapian::Error.
  explicit Bm25Scorer(Xapian::Database& database);

  // Up to `limit` documents holding at least one of `terms`, by the sum of their terms'
  // BM25 weights, best first, ties by ascending docid. Throws Xapian::Error.
  std::vector<ScoredDocument> top(Xapian::Database& database,
                                  const std::vector<WeightedTerm>& terms, std::size_t limit) const;

 private:
  // Every posting of a 2,000-page corpus fits many times over.
  static constexpr std::size_t kMaxCachedBytes = std::size_t{32} << 20;
  // What an entry costs besides its postings and term: map node, control block, vector.
  static constexpr std::size_t kEntryOverheadBytes = 128;

  struct Posting {
    Xapian::docid docid;
    Xapian::termcount wdf;
  };
  struct TermPostings {
    Xapian::doccount frequency = 0;
    std::vector<Posting> postings;
  };

  // The postings of `term`, from the cache or read from `database` (and cached while the
  // cache has room).
  std::shared_ptr<const TermPostings> postingsOf(Xapian::Database& database,
                                                 const std::string& term) const;

  // Per docid (0 unused), k1 * (normalized length * b + (1 - b)): BM25's denominator
  // without the wdf.
  std::vector<double> length_terms_;
  Xapian::doccount documents_ = 0;
  // What top() sums in; leased for one search.
  struct Scratch {
    std::vector<double> weights;            // per docid: the weight so far
    std::vector<std::uint32_t> touched_by;  // per docid: the search that last touched it
    std::uint32_t search = 0;               // this scratch's searches, counted
    std::vector<Xapian::docid> candidates;  // the documents touched, in order
  };
  class ScratchLease {
   public:
    explicit ScratchLease(const Bm25Scorer& scorer);
    ~ScratchLease();
    ScratchLease(const ScratchLease&) = delete;
    ScratchLease& operator=(const ScratchLease&) = delete;
    Scratch* operator->() const { return scratch_.get(); }

   private:
    const Bm25Scorer& scorer_;
    std::unique_ptr<Scratch> scratch_;
  };

  mutable std::mutex scratch_mu_;
  mutable std::vector<std::unique_ptr<Scratch>> idle_scratch_;  // scratch_mu_
  mutable std::shared_mutex mu_;
  mutable std::unordered_map<std::string, std::shared_ptr<const TermPostings>> cache_;  // mu_
  mutable std::size_t cached_bytes_ = 0;                                                // mu_
};

}  // namespace mcpd::search
