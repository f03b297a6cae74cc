#pragma once

// JsonWriter: compact JSON text from Poco's JSON values, written straight into a
// std::string. Poco's own Stringifier writes strings one character at a time through an
// ostream, which cost more than a third of the CPU of a search request; this writer
// appends whole runs instead (shared/json_string.h). Keys come out in Poco's map order
// (sorted). Pure; thread-safe.

#include <Poco/Dynamic/Var.h>

#include <memory>
#include <string>
#include <string_view>

namespace mcpd::jsonrpc {

// JSON text written once and appended as it is wherever it appears inside a value, so a
// reply part rendered once (a cached tool result) is not walked again for every request.
struct RawJson {
  std::shared_ptr<const std::string> text;  // one complete JSON value
};

// Appends the JSON text of `value` to `out`.
void appendJson(std::string& out, const Poco::Dynamic::Var& value);

}  // namespace mcpd::jsonrpc
