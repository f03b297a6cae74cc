#pragma once

// Term weights measured within one language. BM25 weighs a word by how rare it is in the
// whole database, but in a corpus of several languages every language is rare: "der" or
// "une" occurs in every German or French page yet in few pages overall, so it weighed like
// a topical word and a page full of articles outranked the page a reader wanted. A reading
// of the query in one language (index.h) only ever matches that language's pages, so its
// words are weighed partly by their rarity among those pages. Two more things a reader
// expects: a page holding a word as typed ranks above one holding only its stem
// ("computador" against "computação"), and a compound that no page of the language holds
// is looked up by its known parts ("Produktionsumgebungen" finds "Umgebungen").
// Pure function of its arguments; the caller's own Query, Stem and Database (any thread).

#include <xapian.h>

#include <cstdint>
#include <string>
#include <vector>

#include "mcpd/search/language_vocabulary.h"

namespace mcpd::search {

// A stemmed term ("Z" + stem, as QueryParser makes it) and a word of the query as typed
// that has that stem.
struct TypedForm {
  std::string stemmed;
  std::string word;
};

// `query` (parsed with `stemmer`, the stemmer of language `slot`) with each term that is
// not inside a phrase, NEAR, synonym or wildcard
//  - scaled towards idf(term among the pages of language `slot`) from idf(term in
//    `database`) (Xapian's BM25 idf both), so that a word in every page of the language
//    counts little;
//  - joined by the query's words as typed (`typed`) at half weight;
//  - joined, when no page of the language holds it, by its longest tail and its head that
//    pages of the language do hold (compounds).
// Operators and structure are kept. A corpus of one language gets `query` unchanged.
Xapian::Query weighInLanguage(const Xapian::Query& query, const LanguageVocabulary& vocabulary,
                              std::uint8_t slot, const Xapian::Database& database,
                              const std::vector<TypedForm>& typed, const Xapian::Stem& stemmer);

}  // namespace mcpd::search
