#include "mcpd/search/snippet.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <unordered_map>

namespace mcpd::search {
namespace {

constexpr std::size_t kScanLimit = 64 * 1024;
constexpr std::size_t kLead = 80;  // bytes of context wanted before the first match
constexpr std::string_view kEllipsis = "…";

// Word bytes: ASCII letters, digits, '_' and every byte of a multi-byte UTF-8 character.
// A table rather than std::isalnum, which is a locale-aware call per byte.
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    table[c] = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
               (c >= 'A' && c <= 'Z') || c == '_';
  }
  return table;
}();

bool isWordByte(char c) {
  return kWordBytes[static_cast<unsigned char>(c)];
}

// The first `count` (at most 3) bytes of `text`, ASCII letters lower-cased, as one number
// to compare.
std::uint32_t headKey(std::string_view text, std::size_t count) {
  std::uint32_t key = 0;
  for (std::size_t i = 0; i < count; ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 'A' && byte <= 'Z') byte = static_cast<unsigned char>(byte - 'A' + 'a');
    key = key << 8 | byte;
  }
  return key;
}

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether `word` starts in the CJK blocks Xapian splits into n-grams (U+2E80 to U+D7FF:
// radicals, kana, ideographs, Hangul), whose UTF-8 lead bytes are 0xE2 (from U+2E80) to 0xED.
bool isCjk(std::string_view word) {
  if (word.size() < 3) return false;
  const auto lead = static_cast<unsigned char>(word[0]);
  const auto second = static_cast<unsigned char>(word[1]);
  return (lead == 0xE2 && second >= 0xBA) || (lead >= 0xE3 && lead <= 0xED);
}

struct Word {
  std::size_t begin;
  std::size_t end;
};

// Where the snippet starts: the sentence holding `match` when it begins at most kLead
// bytes earlier, else the first word boundary after match - kLead (cut: true).
std::pair<std::size_t, bool> windowStart(std::string_view text, std::size_t match) {
  if (match <= kLead) return {0, false};
  const std::size_t floor = match - kLead;
  for (std::size_t i = match; i > floor; --i) {
    const char before = text[i - 1];
    const bool blank_line = before == '\n' && i >= 2 && text[i - 2] == '\n';
    const bool sentence_end = isSpace(before) && i >= 2 &&
                              (text[i - 2] == '.' || text[i - 2] == '!' || text[i - 2] == '?');
    if (blank_line || sentence_end) return {i, false};
  }
  std::size_t start = floor;
  while (start < match && !isSpace(text[start])) ++start;
  return {start, true};
}

void collectTerms(const Xapian::Query& query, SnippetTerms& terms) {
  if (query.get_type() == Xapian::Query::LEAF_TERM) {
    auto it = query.get_terms_begin();
    if (it == query.get_terms_end()) return;
    std::string term = *it;
    const bool stemmed = term.starts_with('Z');
    if (stemmed) term.erase(0, 1);
    if (term.starts_with('S')) term.erase(0, 1);                                    // title: prefix
    if (term.empty() || std::isupper(static_cast<unsigned char>(term[0]))) return;  // boolean
    (stemmed ? terms.stems : terms.words).insert(std::move(term));
    return;
  }
  std::size_t count = query.get_num_subqueries();
  // "a NOT b", "a -b": b is what the document must not contain.
  if (query.get_type() == Xapian::Query::OP_AND_NOT) count = std::min<std::size_t>(count, 1);
  for (std::size_t i = 0; i < count; ++i) collectTerms(query.get_subquery(i), terms);
}

}  // namespace

class SnippetMaker::Matcher {
 public:
  Matcher(const SnippetTerms& terms, const Xapian::Stem& stemmer)
      : terms_(terms), stemmer_(stemmer) {
    for (const std::string& stem : terms.stems) {
      if (!stem.empty()) stem_heads_.push_back(stem.substr(0, kStemHead));
    }
    // The bytes a matching word can start with, upper and lower case; every non-ASCII byte,
    // which the checks below lower-case properly.
    for (int c = 0x80; c < 256; ++c) first_bytes_[c] = true;
    const auto allow = [&](const std::string& term) {
      if (term.empty()) return;
      const auto first = static_cast<unsigned char>(term[0]);
      first_bytes_[first] = true;
      if (first >= 'a' && first <= 'z') first_bytes_[first - 'a' + 'A'] = true;
    };
    for (const std::string& stem : terms.stems) allow(stem);
    for (const std::string& word : terms.words) allow(word);
    for (const std::string& prefix : terms.prefixes) allow(prefix);
    for (const std::string& word : terms.words) {
      if (isCjk(word)) cjk_.push_back(word);
    }
    // A CJK term matches inside a word that may start with Latin letters ("APIゲートウェイ").
    if (!cjk_.empty()) first_bytes_.fill(true);
    // A word whose head is ASCII matches only by starting as a term does (an exact word, a
    // prefix, or the head of a stem, below): its first bytes (as many as the shortest term
    // has, up to kStemHead), lower-cased, are those of some term. Exact while every term has
    // two bytes or more and none is CJK.
    if (cjk_.empty()) {
      key_bytes_ = kStemHead;
      const auto shortest = [&](const std::string& term) {
        key_bytes_ = std::min(key_bytes_, term.size());
      };
      for (const std::string& stem : terms.stems) shortest(stem);
      for (const std::string& word : terms.words) shortest(word);
      for (const std::string& prefix : terms.prefixes) shortest(prefix);
      if (key_bytes_ < 2) key_bytes_ = 0;
    }
    if (key_bytes_ != 0) {
      for (const auto* set : {&terms.stems, &terms.words}) {
        for (const std::string& term : *set) heads_.push_back(headKey(term, key_bytes_));
      }
      for (const std::string& prefix : terms.prefixes) {
        heads_.push_back(headKey(prefix, key_bytes_));
      }
    }
  }

  bool matches(std::string_view word) const {
    // Most words start with a byte no query term starts with: rejected before any copy,
    // here, inline in the caller's loop.
    if (word.empty() || !first_bytes_[static_cast<unsigned char>(word[0])]) return false;
    return matchesPastFirstByte(word);
  }

 private:
  [[gnu::noinline]] bool matchesPastFirstByte(std::string_view word) const {
    if (key_bytes_ != 0) {
      bool ascii_head = true;
      for (std::size_t i = 0; i < std::min(word.size(), kStemHead); ++i) {
        ascii_head = ascii_head && static_cast<unsigned char>(word[i]) < 0x80;
      }
      if (ascii_head &&
          (word.size() < key_bytes_ ||
           std::find(heads_.begin(), heads_.end(), headKey(word, key_bytes_)) == heads_.end())) {
        return false;
      }
    }
    // Most words are ASCII: lower-cased into a reused buffer, without a call per byte.
    std::string& lower = lower_;
    bool ascii = true;
    for (char c : word) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    if (ascii) {
      lower.assign(word);
      for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      }
    } else {
      lower = Xapian::Unicode::tolower(std::string(word));
    }
    if (terms_.words.count(lower) != 0) return true;
    // CJK text has no spaces: a run of it is one "word" here, and the query's unigrams and
    // bigrams (Xapian's CJK n-grams) match inside it.
    if (!ascii) {
      for (const std::string& cjk : cjk_) {
        if (lower.find(cjk) != std::string::npos) return true;
      }
    }
    for (const std::string& prefix : terms_.prefixes) {
      if (lower.starts_with(prefix)) return true;
    }
    // Snowball stemmers strip suffixes, so a stem starts as its word does (apart from a few
    // irregular words, and letters such as German umlauts that some stemmers fold): a word
    // of plain letters that starts as no stem does is not stemmed. Stemming was 40% of the
    // instructions of an uncached search.
    if (lower.empty()) return false;
    bool plain_head = true;
    for (std::size_t i = 0; i < std::min(lower.size(), kStemHead); ++i) {
      plain_head = plain_head && static_cast<unsigned char>(lower[i]) < 0x80;
    }
    if (plain_head &&
        std::none_of(stem_heads_.begin(), stem_heads_.end(),
                     [&](const std::string& head) { return lower.starts_with(head); })) {
      return false;
    }
    // The hits of one search repeat their words: each is stemmed once.
    if (const auto known = stemmed_.find(lower); known != stemmed_.end()) return known->second;
    const bool match = terms_.stems.count(stemmer_(lower)) != 0;
    stemmed_.emplace(lower, match);
    return match;
  }

  const SnippetTerms& terms_;
  const Xapian::Stem& stemmer_;
  // The first kStemHead bytes of each stem (fewer for a shorter stem).
  static constexpr std::size_t kStemHead = 3;
  std::vector<std::string> stem_heads_;
  std::array<bool, 256> first_bytes_{};
  std::vector<std::string> cjk_;      // query words in CJK scripts
  std::size_t key_bytes_ = 0;         // bytes of heads_'s keys, 2 or 3; 0: no keys
  std::vector<std::uint32_t> heads_;  // headKey() of every term
  mutable std::string lower_;         // scratch for matches(); a Matcher serves one thread
  // Whether a lower-cased word that reached the stemmer matched.
  mutable std::unordered_map<std::string, bool> stemmed_;
};

SnippetTerms snippetTermsOf(const Xapian::Query& query, std::string_view query_text) {
  SnippetTerms terms;
  collectTerms(query, terms);
  std::size_t i = 0;
  while (i < query_text.size()) {
    while (i < query_text.size() && isSpace(query_text[i])) ++i;
    std::size_t end = i;
    while (end < query_text.size() && !isSpace(query_text[end])) ++end;
    std::string_view token = query_text.substr(i, end - i);
    i = end;
    if (token.size() < 2 || !token.ends_with('*') || token.starts_with('-')) continue;
    token.remove_suffix(1);
    if (const auto colon = token.find(':'); colon != std::string_view::npos) {
      token.remove_prefix(colon + 1);
    }
    while (!token.empty() && !isWordByte(token.front())) token.remove_prefix(1);
    if (!token.empty()) terms.prefixes.push_back(Xapian::Unicode::tolower(std::string(token)));
  }
  return terms;
}

SnippetMaker::SnippetMaker(const SnippetTerms& terms, const Xapian::Stem& stemmer)
    : matcher_(std::make_unique<Matcher>(terms, stemmer)), empty_(terms.empty()) {}

SnippetMaker::~SnippetMaker() = default;

std::string makeSnippet(std::string_view text, const SnippetTerms& terms,
                        const Xapian::Stem& stemmer, std::size_t length) {
  return SnippetMaker(terms, stemmer).make(text, length);
}

std::string SnippetMaker::make(std::string_view text, std::size_t length) const {
  const Matcher& matcher = *matcher_;
  Word first_match{0, 0};
  if (!empty_) {
    const std::size_t scan_end = std::min(text.size(), kScanLimit);
    std::size_t at = 0;
    while (true) {
      while (at < scan_end && !isWordByte(text[at])) ++at;
      if (at >= scan_end) break;
      std::size_t end = at + 1;
      while (end < text.size() && isWordByte(text[end])) ++end;
      if (matcher.matches(text.substr(at, end - at))) {
        first_match = Word{at, end};
        break;
      }
      at = end;
    }
  }
  auto [start, cut_before] = windowStart(text, first_match.begin);
  std::size_t end = std::min(text.size(), std::max(start + length, first_match.end));
  if (end < text.size()) {
    // End on a word boundary: back to the last space, unless that loses the first match.
    std::size_t space = end;
    while (space > first_match.end && !isSpace(text[space])) --space;
    if (space > first_match.end) end = space;
    while (end < text.size() && isWordByte(text[end])) ++end;  // never split a word
  }
  const bool cut_after = end < text.size();

  std::string out;
  out.reserve(end - start + 2 * kEllipsis.size() + 32);  // the window, a few "**" pairs
  if (cut_before) out += kEllipsis;
  std::size_t pos = start;
  bool pending_space = false;
  while (pos < end) {
    if (isSpace(text[pos])) {
      pending_space = !out.empty() && out != kEllipsis;
      ++pos;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    if (!isWordByte(text[pos])) {
      out += text[pos++];
      continue;
    }
    std::size_t word_end = pos;
    while (word_end < text.size() && isWordByte(text[word_end])) ++word_end;
    const std::string_view word = text.substr(pos, word_end - pos);
    if (matcher.matches(word)) {
      out += "**";
      out += word;
      out += "**";
    } else {
      out += word;
    }
    pos = word_end;
  }
  if (cut_after) out += kEllipsis;
  return out;
}

}  // namespace mcpd::search
