#pragma once

// JsonWriter: compact JSON text from Poco's JSON values, written straight into a
// std::string. Poco's own Stringifier writes strings one character at a time through an
// ostream, which cost more than a third of the CPU of a search request; this writer
// appends whole runs instead. Keys come out in Poco's map order (sorted). Invalid UTF-8 in
// strings becomes U+FFFD so that the output is always valid JSON. Pure; thread-safe.

#include <Poco/Dynamic/Var.h>

#include <string>
#include <string_view>

namespace mcpd::jsonrpc {

// Appends the JSON text of `value` to `out`.
void appendJson(std::string& out, const Poco::Dynamic::Var& value);

// Appends `text` as a JSON string literal, quotes included.
void appendJsonString(std::string& out, std::string_view text);

}  // namespace mcpd::jsonrpc
