#pragma once

// Snippets: the ~200 bytes of a document's text around the first place a query matches,
// with the matching words in Markdown bold ("**renewal**"), for the `search` tool.
// Xapian's MSet::snippet() stems every word it reads and cost about 0.1-0.6 ms per hit on
// a 2.5 KB page; this one rejects most words by their first byte, stems only words that
// start as a query stem does (first three bytes), and stops after the window, so ten
// snippets stay a small part of a search.
// Pure functions over their arguments; any thread (the Stem is the caller's own).
// SnippetMaker serves one thread.

#include <xapian.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace mcpd::search {

// What counts as a match: the positive terms of a parsed query.
struct SnippetTerms {
  std::unordered_set<std::string> words;  // exact lower-case words (phrase words, title:x)
  std::unordered_set<std::string> stems;  // a word matches when stemmer(word) is one of these
  std::vector<std::string> prefixes;      // wildcard prefixes: "stream" for stream*
  bool empty() const { return words.empty() && stems.empty() && prefixes.empty(); }
};

// The terms of `query` (as QueryParser built it: "Z" stemmed, "S" title prefixes, both
// dropped) that a document may contain: the right side of AND_NOT is left out. Wildcard
// patterns are not visible in a Xapian::Query, so they are read from `query_text`
// (words ending in "*").
SnippetTerms snippetTermsOf(const Xapian::Query& query, std::string_view query_text);

// About `length` bytes of `text` (whitespace collapsed to single spaces) starting at the
// sentence, or else a few words, before the first match; matched words wrapped in "**";
// "…" marks text cut off before or after. Only the first 64 KB are searched for a match;
// without one, the start of the text is returned without highlights.
std::string makeSnippet(std::string_view text, const SnippetTerms& terms,
                        const Xapian::Stem& stemmer, std::size_t length);

// makeSnippet() for the hits of one search, which share their terms and stemmer (both must
// outlive it): what a word matches is worked out once, and a word is stemmed once. Not
// thread-safe: one search's thread.
class SnippetMaker {
 public:
  SnippetMaker(const SnippetTerms& terms, const Xapian::Stem& stemmer);
  ~SnippetMaker();
  SnippetMaker(const SnippetMaker&) = delete;
  SnippetMaker& operator=(const SnippetMaker&) = delete;

  // makeSnippet(text, terms, stemmer, length).
  std::string make(std::string_view text, std::size_t length) const;

 private:
  class Matcher;
  std::unique_ptr<Matcher> matcher_;
  bool empty_;
};

}  // namespace mcpd::search
