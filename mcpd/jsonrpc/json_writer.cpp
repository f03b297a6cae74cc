#include "mcpd/jsonrpc/json_writer.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <array>
#include <charconv>
#include <cmath>

namespace mcpd::jsonrpc {
namespace {

constexpr char kHex[] = "0123456789abcdef";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not one
// (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
std::size_t utf8Length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  auto continuation = [&](std::size_t k) { return k < s.size() && (byte(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) return continuation(i + 1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!continuation(i + 1) || !continuation(i + 2)) return 0;
    if (c == 0xE0 && byte(i + 1) < 0xA0) return 0;   // overlong
    if (c == 0xED && byte(i + 1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return 0;
    if (c == 0xF0 && byte(i + 1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && byte(i + 1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

void appendNumber(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";  // JSON has no NaN or infinity
    return;
  }
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  out.append(buffer, error == std::errc() ? end : buffer);
}

// Bytes that end a run of plain ASCII: control characters, '"', '\\' and every non-ASCII
// byte (checked as UTF-8). One table lookup per byte keeps the common case tight.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return table;
}();

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  std::size_t i = 0;
  auto flush = [&] { out.append(text.data() + run, i - run); };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (!kSpecial[c]) {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t n = utf8Length(text, i)) {
        i += n;
        continue;
      }
      flush();
      out += kReplacement;
      run = ++i;
      continue;
    }
    flush();
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 0x0f];
    }
    run = ++i;
  }
  flush();
  out += '"';
}

void appendJson(std::string& out, const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) {
    out += "null";
    return;
  }
  const std::type_info& type = value.type();
  if (type == typeid(Poco::JSON::Object::Ptr)) {
    const auto& object = value.extract<Poco::JSON::Object::Ptr>();
    if (!object) {
      out += "null";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& [key, item] : *object) {
      if (!first) out += ',';
      first = false;
      appendJsonString(out, key);
      out += ':';
      appendJson(out, item);
    }
    out += '}';
    return;
  }
  if (type == typeid(Poco::JSON::Array::Ptr)) {
    const auto& array = value.extract<Poco::JSON::Array::Ptr>();
    if (!array) {
      out += "null";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < array->size(); ++i) {
      if (i > 0) out += ',';
      appendJson(out, array->get(i));
    }
    out += ']';
    return;
  }
  if (type == typeid(std::string)) return appendJsonString(out, value.extract<std::string>());
  if (value.isBoolean()) {
    out += value.extract<bool>() ? "true" : "false";
    return;
  }
  if (value.isInteger()) {
    out += value.isSigned() ? std::to_string(value.convert<Poco::Int64>())
                            : std::to_string(value.convert<Poco::UInt64>());
    return;
  }
  if (value.isNumeric()) return appendNumber(out, value.convert<double>());
  if (type == typeid(const char*)) return appendJsonString(out, value.extract<const char*>());
  appendJsonString(out, value.convert<std::string>());
}

}  // namespace mcpd::jsonrpc
