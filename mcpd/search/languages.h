#pragma once

// Languages: the ISO 639-1 codes mcpd understands and the Snowball stemmer Xapian uses for
// each ("de" -> "german"). Documents carry a code (Document::language); the index stems a
// document's words with the stemmer of its code, and no stemmer means unstemmed words.
// A fixed table: every function is pure and may be called from any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpd::search {

// The Xapian::Stem name for an ISO 639-1 code ("en" -> "english", "nb" -> "norwegian"), or
// nullopt when Xapian has no stemmer for it. Codes compare case-insensitively.
std::optional<std::string_view> stemmerFor(std::string_view code);

// Whether `code` is a two-letter code with a Xapian stemmer ("de": yes, "ja", "xx": no).
bool isKnownLanguage(std::string_view code);

// The lower-case ISO 639-1 code for a language tag as authors write it: "de", "DE",
// "de-AT", "pt_BR" -> the primary subtag; a stemmer name such as "german" -> "de"; any
// other two-letter tag is kept ("ja"). Anything else, empty included, gives "en".
std::string normalizeLanguage(std::string_view tag);

// Every code isKnownLanguage() accepts, sorted.
std::vector<std::string_view> knownLanguages();

}  // namespace mcpd::search
