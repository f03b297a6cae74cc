#pragma once

// Language tags: which language a document is written in, as authors and sites spell it
// ("de", "DE-at", "pt_BR", "pt-br", "zh-cn", "zh-Hant-TW", "sr-latn", "german"), reduced
// to the lower-case ISO 639-1 code the rest of mcpd uses ("de", "pt", "zh", "sr").
// Language identity belongs to documents: this file knows languages, not how they are
// searched (stemmers and tokenizers live in mcpd/search). A fixed table; every function
// is pure and may be called from any thread.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mcpd::corpus {

// The ISO 639-1 code for a language tag: a primary subtag this table knows ("de" or
// "DE"), optionally followed by subtags after "-" or "_" that are regions ("br", "419"),
// scripts ("latn", "hant") or variants (5-8 letters or digits); or an English language
// name ("german", "Portuguese"). Nullopt for anything else, which keeps folder names such
// as "go/", "api/" or "de-setup/" from passing for languages.
std::optional<std::string> languageOfTag(std::string_view tag);

// The language of the first path segment of a permalink or relative path:
// "/pt-br/docs/x/", "https://example.org/zh-cn/a/" (scheme and host skipped) and
// "de/setup.md" name one; "docs/x" and a path without a folder do not.
std::optional<std::string> languageOfPath(std::string_view path);

// Whether `code` is a code languageOfTag() can return ("ja": yes, "xx": no).
bool isLanguageCode(std::string_view code);

// Every code isLanguageCode() accepts, sorted.
std::vector<std::string_view> languageCodes();

}  // namespace mcpd::corpus
