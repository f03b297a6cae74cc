#pragma once

// appendJsonString: a string as a JSON string literal, for every JSON the project writes
// (log lines, MCP messages). It appends whole runs of plain bytes rather than one character
// at a time, escapes quotes, backslashes and control characters, and replaces invalid UTF-8
// with U+FFFD so the output is always valid JSON. Pure; thread-safe.

#include <string>
#include <string_view>

namespace shared {

// Appends `text` as a JSON string literal, quotes included.
void appendJsonString(std::string& out, std::string_view text);

// Appends the name of an object member, `"key":`, preceded by a comma unless `out` holds
// only the object's opening brace. For hand-written JSON objects built left to right.
void appendJsonMemberName(std::string& out, std::string_view key);

}  // namespace shared
