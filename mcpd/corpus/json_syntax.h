#pragma once

// JSON syntax check: finds where a JSON text (RFC 8259) first goes wrong, so that an
// index.json error can say "line 3, column 14" (Poco's parser says only what, not where).
// Validates syntax only and builds nothing. Pure; any thread.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mcpd::corpus {

struct JsonSyntaxError {
  std::size_t offset = 0;  // byte offset of the offending byte (size() for a truncated text)
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
  std::string reason;      // "expected ',' or ']'", "unterminated string", ...
};

// The first syntax error in `text`, or nullopt when it is one valid JSON value with only
// whitespace around it. Nesting deeper than 512 levels counts as an error.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

}  // namespace mcpd::corpus
