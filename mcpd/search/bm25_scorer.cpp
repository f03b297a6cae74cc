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
  double length_factor = database.get_avlength();
  if (length_factor != 0) length_factor = 1 / length_factor;
  length_terms_.assign(static_cast<std::size_t>(database.get_lastdocid()) + 1, 0);
  // The posting list of the empty term holds every document.
  for (auto it = database.postlist_begin(std::string()); it != database.postlist_end(std::string());
       ++it) {
    // BM25Weight::get_sumpart's denominator without the wdf, as it computes it.
    const double normalized = std::max(it.get_doclength() * length_factor, kMinNormalizedLength);
    length_terms_[*it] = kK1 * (normalized * kB + (1 - kB));
  }
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
  // A term no page holds is not kept: every new query brings one (its whole-title term),
  // and reading it again costs one lookup.
  if (postings->frequency == 0) return postings;
  const std::size_t bytes =
      postings->postings.size() * sizeof(Posting) + term.size() + kEntryOverheadBytes;
  std::unique_lock lock(mu_);
  if (cached_bytes_ + bytes > kMaxCachedBytes) return postings;
  const auto [it, inserted] = cache_.emplace(term, postings);
  if (inserted) cached_bytes_ += bytes;
  return it->second;
}

Bm25Scorer::ScratchLease::ScratchLease(const Bm25Scorer& scorer) : scorer_(scorer) {
  {
    std::lock_guard lock(scorer.scratch_mu_);
    if (!scorer.idle_scratch_.empty()) {
      scratch_ = std::move(scorer.idle_scratch_.back());
      scorer.idle_scratch_.pop_back();
      return;
    }
  }
  scratch_ = std::make_unique<Scratch>();
  scratch_->weights.resize(scorer.length_terms_.size());
  scratch_->touched_by.resize(scorer.length_terms_.size());
}

Bm25Scorer::ScratchLease::~ScratchLease() {
  std::lock_guard lock(scorer_.scratch_mu_);
  scorer_.idle_scratch_.push_back(std::move(scratch_));
}

std::vector<ScoredDocument> Bm25Scorer::top(Xapian::Database& database,
                                            const std::vector<WeightedTerm>& terms,
                                            std::size_t limit) const {
  // Reused from search to search: a document's weight so far, and the search that last
  // touched it (so nothing needs clearing between searches).
  const ScratchLease lease(*this);
  std::vector<double>& weights = lease->weights;
  std::vector<std::uint32_t>& touched_by = lease->touched_by;
  std::vector<Xapian::docid>& candidates = lease->candidates;  // the documents touched, in order
  candidates.clear();
  if (++lease->search == 0) {  // wrapped around: forget every earlier search
    std::fill(touched_by.begin(), touched_by.end(), 0);
    lease->search = 1;
  }
  const std::uint32_t search = lease->search;
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
      if (docid >= length_terms_.size()) continue;  // cannot happen: the database is unchanged
      const double wdf = posting.wdf;
      const double weight = term_weight * (wdf / (length_terms_[docid] + wdf));
      if (touched_by[docid] == search) {
        weights[docid] += weight;
      } else {
        touched_by[docid] = search;
        weights[docid] = weight;
        candidates.push_back(docid);
      }
    }
  }
  // The best `limit`, kept sorted: most candidates lose to the worst of them at once.
  std::vector<ScoredDocument> best;
  if (limit == 0) return best;
  best.reserve(limit + 1);
  for (Xapian::docid docid : candidates) {
    const ScoredDocument candidate{docid, weights[docid]};
    if (best.size() == limit && !better(candidate, best.back())) continue;
    best.insert(std::upper_bound(best.begin(), best.end(), candidate, better), candidate);
    if (best.size() > limit) best.pop_back();
  }
  return best;
}

}  // namespace mcpd::search
