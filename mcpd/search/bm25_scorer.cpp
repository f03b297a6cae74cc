#include "mcpd/search/bm25_scorer.h"

#include <algorithm>
#include <cmath>
#include <mutex>

namespace mcpd::search {
namespace {

// Xapian::BM25Weight's defaults (k1 = 1, k2 = 0, k3 = 1, b = 0.5, min_normlen = 0.5), which
// Enquire uses unless told otherwise. With k2 = 0 there is no per-document extra weight, and
// with k3 = 1 a term of query frequency 1 keeps its weight.
constexpr double kK1 = 1;
constexpr double kB = 0.5;
constexpr double kMinNormalizedLength = 0.5;

// Best first, then ascending docid: the order of Enquire's MSet.
bool better(const ScoredDocument& a, const ScoredDocument& b) {
  if (a.weight != b.weight) return a.weight > b.weight;
  return a.docid < b.docid;
}

}  // namespace

std::optional<std::vector<WeightedTerm>> flatTerms(const Xapian::Query& query) {
  std::vector<WeightedTerm> terms;
  const auto add = [&](const Xapian::Query& leaf) {
    if (leaf.get_type() != Xapian::Query::LEAF_TERM) return false;
    const auto it = leaf.get_terms_begin();
    if (it == leaf.get_terms_end()) return false;
    terms.push_back(WeightedTerm{*it, 1.0});
    return true;
  };
  if (query.get_type() == Xapian::Query::OP_OR) {
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
      if (!add(query.get_subquery(i))) return std::nullopt;
    }
  } else if (!add(query)) {
    return std::nullopt;
  }
  return terms;
}

Bm25Scorer::Bm25Scorer(Xapian::Database& database) : documents_(database.get_doccount()) {
  lengths_.assign(static_cast<std::size_t>(database.get_lastdocid()) + 1, 0);
  // The posting list of the empty term holds every document.
  for (auto it = database.postlist_begin(std::string()); it != database.postlist_end(std::string());
       ++it) {
    lengths_[*it] = it.get_doclength();
  }
  length_factor_ = database.get_avlength();
  if (length_factor_ != 0) length_factor_ = 1 / length_factor_;
}

std::shared_ptr<const Bm25Scorer::TermPostings> Bm25Scorer::postingsOf(
    Xapian::Database& database, const std::string& term) const {
  {
    std::shared_lock lock(mu_);
    if (const auto it = cache_.find(term); it != cache_.end()) return it->second;
  }
  // Read outside the lock; two threads may read the same term, and the first one's stays.
  auto read = std::make_shared<TermPostings>();
  read->frequency = database.get_termfreq(term);
  if (read->frequency != 0) {
    read->postings.reserve(read->frequency);
    for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
      read->postings.push_back(Posting{*it, it.get_wdf()});
    }
  }
  std::shared_ptr<const TermPostings> postings = std::move(read);
  std::unique_lock lock(mu_);
  if (cached_postings_ + postings->postings.size() + 1 > kMaxCachedPostings) return postings;
  const auto [it, inserted] = cache_.emplace(term, postings);
  if (inserted) cached_postings_ += postings->postings.size() + 1;
  return it->second;
}

std::vector<ScoredDocument> Bm25Scorer::top(Xapian::Database& database,
                                            const std::vector<WeightedTerm>& terms,
                                            std::size_t limit) const {
  std::vector<double> weights(lengths_.size(), 0.0);
  std::vector<bool> matched(lengths_.size(), false);
  std::vector<Xapian::docid> candidates;
  for (const WeightedTerm& term : terms) {
    const std::shared_ptr<const TermPostings> postings = postingsOf(database, term.term);
    const Xapian::doccount frequency = postings->frequency;
    if (frequency == 0) continue;
    // BM25Weight::init and get_sumpart, step for step, so that the weights are Enquire's.
    double ratio = (documents_ - frequency + 0.5) / (frequency + 0.5);
    if (ratio < 2) ratio = ratio * 0.5 + 1;
    double term_weight = std::log(ratio) * term.factor;
    term_weight *= (kK1 + 1);
    for (const Posting& posting : postings->postings) {
      const Xapian::docid docid = posting.docid;
      if (docid >= lengths_.size()) continue;  // cannot happen: the database is unchanged
      const double normalized = std::max(lengths_[docid] * length_factor_, kMinNormalizedLength);
      const double wdf = posting.wdf;
      const double denominator = kK1 * (normalized * kB + (1 - kB)) + wdf;
      weights[docid] += term_weight * (wdf / denominator);
      if (!matched[docid]) {
        matched[docid] = true;
        candidates.push_back(docid);
      }
    }
  }
  std::vector<ScoredDocument> scored;
  scored.reserve(candidates.size());
  for (Xapian::docid docid : candidates) scored.push_back(ScoredDocument{docid, weights[docid]});
  const std::size_t count = std::min(limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(count),
                    scored.end(), better);
  scored.resize(count);
  return scored;
}

}  // namespace mcpd::search
