#pragma once

// Small text helpers every layer needs and the standard library lacks: trimming a view
// ASCII lower-casing and HTTP token characters (protocol tokens, language tags and header names are
// ASCII; text in other scripts passes through unchanged). Pure; any thread.

#include <string>
#include <string_view>

namespace shared {

// `text` without leading and trailing characters from `blanks`.
std::string_view trimmed(std::string_view text, std::string_view blanks = " \t");

// `text` with A-Z lower-cased; every other byte as it was.
std::string asciiLowered(std::string_view text);

// True when `a` and `b` are equal once A-Z are lower-cased (no allocation).
bool asciiEqualsIgnoringCase(std::string_view a, std::string_view b);

// True for a character of an HTTP token (RFC 9110 §5.6.2 tchar): method and header
// names, and the names and bare values of header parameters.
bool isHttpTokenChar(char c);

}  // namespace shared
