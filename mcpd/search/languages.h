#pragma once

// Languages as the index analyses them: the Snowball stemmer Xapian 1.4 ships for an
// ISO 639-1 code ("de" -> "german"). Which language a document is in is the corpus's
// business (mcpd/corpus/language_tag.h); this is only how its words are searched. A
// language without a stemmer is indexed unstemmed. Chinese, Japanese and Korean text is
// split into character unigrams and bigrams (Xapian's FLAG_CJK_NGRAM), in every language,
// so a query in them matches. Thai, Lao, Khmer and Burmese, written without spaces, get
// nothing from Xapian 1.4: a run of their text is one word, found only whole.
// A fixed table: every function is pure and may be called from any thread.

#include <optional>
#include <string_view>
#include <vector>

namespace mcpd::search {

// The Xapian::Stem name for an ISO 639-1 code ("en" -> "english", "nb" -> "norwegian"), or
// nullopt when Xapian has no stemmer for it. Codes compare case-insensitively.
std::optional<std::string_view> stemmerFor(std::string_view code);

// Every code stemmerFor() knows, sorted.
std::vector<std::string_view> stemmedLanguages();

}  // namespace mcpd::search
