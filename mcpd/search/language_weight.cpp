#include "mcpd/search/language_weight.h"

#include <algorithm>
#include <cmath>

namespace mcpd::search {
namespace {

// How far a term's weight moves from its rarity in the whole corpus towards its rarity in
// its language's pages (0: not at all, 1: fully). All the way over-corrects: in Chinese
// and Japanese, whose n-grams recur in most pages of the language, the topical characters
// then counted for little. Chosen on the judged set (tests/mcpd/search/judged), where
// 0.2-0.3 gave the same results and 0.4 or more lost pages.
constexpr double kLanguageShare = 0.25;
// What a word as typed adds to its stem's weight (0.4-0.7 gave the same results there).
constexpr double kTypedWeight = 0.5;
// The shortest part of a compound that is looked up alone: shorter tails ("ung") say
// nothing of the meaning.
constexpr std::size_t kMinCompoundPart = 4;

// Xapian's BM25 inverse document frequency without relevance information
// (BM25Weight::init): log((N - n + 0.5) / (n + 0.5)), with small ratios mapped into [1, 2)
// so that a word in most documents keeps a small positive weight.
double bm25Idf(double documents, double holding) {
  double ratio = (documents - holding + 0.5) / (holding + 0.5);
  if (ratio < 2) ratio = ratio * 0.5 + 1;
  return std::log(ratio);
}

class Reweigher {
 public:
  Reweigher(const LanguageVocabulary& vocabulary, std::uint8_t slot,
            const Xapian::Database& database, const std::vector<TypedForm>& typed,
            const Xapian::Stem& stemmer)
      : vocabulary_(vocabulary),
        slot_(slot),
        database_(database),
        typed_(typed),
        stemmer_(stemmer),
        language_documents_(vocabulary.documents(slot)),
        all_documents_(database.get_doccount()),
        unique_ratio_(bm25Idf(all_documents_, 1) / bm25Idf(language_documents_, 1)) {}

  Xapian::Query operator()(const Xapian::Query& query) const {
    switch (query.get_type()) {
      case Xapian::Query::LEAF_TERM:
        return term(query);
      case Xapian::Query::OP_OR:
      case Xapian::Query::OP_AND:
      case Xapian::Query::OP_AND_MAYBE:
      case Xapian::Query::OP_XOR:
        return rebuilt(query, query.get_num_subqueries());
      case Xapian::Query::OP_AND_NOT:
      case Xapian::Query::OP_FILTER:
        // Only the first subquery weighs; the others select.
        return rebuilt(query, 1);
      default:
        // Phrases and NEAR take terms only; synonyms and wildcards weigh their terms together.
        return query;
    }
  }

 private:
  Xapian::Query term(const Xapian::Query& query) const {
    const auto it = query.get_terms_begin();
    if (it == query.get_terms_end()) return query;
    const std::string name = *it;
    std::vector<Xapian::Query> parts{scaled(query, name)};
    for (const TypedForm& form : typed_) {
      if (form.stemmed != name) continue;
      parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                         scaled(Xapian::Query(form.word), form.word), kTypedWeight);
    }
    if (name.starts_with('Z') && vocabulary_.frequency(name, slot_) == 0)
      addCompoundParts(name, parts);
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  // For a stemmed term no page of the language holds, the longest tail of its stem that
  // one does hold (a stem's tail is the stem of the compound's last word) and the head
  // before it, with or without a linking letter ("Produktion-s-umgebung").
  void addCompoundParts(const std::string& name, std::vector<Xapian::Query>& parts) const {
    const std::string_view stem = std::string_view(name).substr(1);
    for (std::size_t i = kMinCompoundPart; i + kMinCompoundPart <= stem.size(); ++i) {
      const std::string tail = "Z" + std::string(stem.substr(i));
      if (vocabulary_.frequency(tail, slot_) == 0) continue;
      parts.push_back(scaled(Xapian::Query(tail), tail));
      const std::string head(stem.substr(0, i));
      for (const std::string& candidate : {head, head.substr(0, head.size() - 1)}) {
        const std::string term = "Z" + stemmer_(candidate);
        if (candidate.size() >= kMinCompoundPart && vocabulary_.frequency(term, slot_) > 0) {
          parts.push_back(scaled(Xapian::Query(term), term));
          return;
        }
      }
      return;
    }
  }

  Xapian::Query scaled(const Xapian::Query& query, const std::string& name) const {
    const double in_corpus = database_.get_termfreq(name);
    if (in_corpus == 0) return query;  // matches nothing: nothing to weigh
    const double corpus_idf = bm25Idf(all_documents_, in_corpus);
    if (corpus_idf <= 0) return query;
    const double language_idf = bm25Idf(language_documents_, vocabulary_.frequency(name, slot_));
    const double in_language = unique_ratio_ * language_idf / corpus_idf;
    const double factor = kLanguageShare * in_language + (1 - kLanguageShare);
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, std::max(0.0, factor));
  }

  Xapian::Query rebuilt(const Xapian::Query& query, std::size_t weighed) const {
    std::vector<Xapian::Query> parts;
    const std::size_t count = query.get_num_subqueries();
    parts.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      const Xapian::Query part = query.get_subquery(i);
      parts.push_back(i < weighed ? (*this)(part) : part);
    }
    return Xapian::Query(query.get_type(), parts.begin(), parts.end());
  }

  const LanguageVocabulary& vocabulary_;
  const std::uint8_t slot_;
  const Xapian::Database& database_;
  const std::vector<TypedForm>& typed_;
  const Xapian::Stem& stemmer_;
  const double language_documents_;
  const double all_documents_;
  // Scales the language's idf so that a word of one page weighs as in the whole corpus and
  // only more common words lose weight: scores stay comparable with the whole-title term
  // and with other languages' readings.
  const double unique_ratio_;
};

}  // namespace

Xapian::Query weighInLanguage(const Xapian::Query& query, const LanguageVocabulary& vocabulary,
                              std::uint8_t slot, const Xapian::Database& database,
                              const std::vector<TypedForm>& typed, const Xapian::Stem& stemmer) {
  if (vocabulary.languages().size() < 2 || slot >= vocabulary.languages().size()) return query;
  return Reweigher(vocabulary, slot, database, typed, stemmer)(query);
}

}  // namespace mcpd::search
