#pragma once

// Query text: prepares what a user typed for Xapian::QueryParser. The parser leaves
// capitalised words unstemmed (it takes them for proper nouns), which would make every
// German noun and every sentence-initial word miss its other forms ("Zertifikate" would not
// find "Zertifikat"). So words are lower-cased first, except the boolean operators, which
// the parser only recognises in upper case. Runs of Chinese, Japanese or Korean text become
// their overlapping character pairs, so that pages rank by how many pairs they hold
// instead of needing every one. Pure; any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpd::search {

// `text` with every word lower-cased (Unicode-aware) except the operators AND, OR, NOT,
// XOR, NEAR and ADJ (also NEAR/n, ADJ/n) written in upper case. Quotes, brackets, + - *
// and field prefixes ("title:") are kept as they are. Outside quotes, a CJK run of two or
// more characters becomes its pairs separated by spaces ("多次执行" -> "多次 次执 执行").
std::string prepareQueryText(std::string_view text);

// The words of prepared query text that is nothing but words of lower-case ASCII letters
// (at most 64 each) between spaces, the way most readers search: Xapian::QueryParser reads
// such text as the OR of its words' stems, which the caller can make without a parser.
// nullopt for anything else (operators, quotes, digits, prefixes, other scripts).
std::optional<std::vector<std::string_view>> plainWords(std::string_view prepared);

}  // namespace mcpd::search
