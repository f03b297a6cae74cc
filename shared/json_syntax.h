#pragma once

// JSON syntax check: finds where a JSON text (RFC 8259) first goes wrong, so that an
// error can say "line 3, column 14" (Poco's parser says only what, not where), and
// measures the text's shape under limits (nesting depth, number of values) so that a
// caller can refuse an untrusted text before a parser builds a tree from it: a tree costs
// far more memory than its text (Poco spends about 1 KiB on an empty object).
// Validates and counts only; builds nothing and allocates nothing for valid input (the
// grammar itself lives in json_scanner.h, which tree builders share).
// Pure; any thread.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace shared {

struct JsonSyntaxError {
  std::size_t offset = 0;  // byte offset of the offending byte (size() for a truncated text)
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, in bytes
  std::string reason;      // "expected ',' or ']'", "unterminated string", ...
  bool limit = false;      // a JsonLimits bound was crossed; the text may still be valid JSON
};

struct JsonLimits {
  std::size_t max_depth = 512;  // nested objects and arrays
  // Values of any kind, object members' values and array elements included; the scan
  // stops at the first value past the limit, so its cost is bounded too.
  std::size_t max_values = std::numeric_limits<std::size_t>::max();
};

// What a valid text holds.
struct JsonShape {
  std::size_t values = 0;      // every value, the outermost one included
  std::size_t depth = 0;       // deepest nesting of objects and arrays (a scalar: 0)
  bool array = false;          // the outermost value is an array
  std::size_t array_size = 0;  // its element count when it is
};

struct JsonScan {
  std::optional<JsonSyntaxError> error;  // the first syntax error or crossed limit
  JsonShape shape;                       // counted up to where the scan stopped
};

// Scans `text` under `limits`.
JsonScan scanJson(std::string_view text, const JsonLimits& limits);

// The first syntax error in `text`, or nullopt when it is one valid JSON value with only
// whitespace around it. Nesting deeper than 512 levels counts as an error.
std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text);

}  // namespace shared
