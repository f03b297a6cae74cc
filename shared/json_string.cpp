#include "shared/json_string.h"

#include <array>
#include <cstdint>
#include <cstring>

namespace shared {
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

// Bytes that end a run of plain ASCII: control characters, '"', '\\' and every non-ASCII
// byte (checked as UTF-8). One table lookup per byte keeps the common case tight.
constexpr std::array<bool, 256> kSpecial = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) table[c] = c < 0x20 || c == '"' || c == '\\' || c >= 0x80;
  return table;
}();

// Whether any of the 8 bytes at `p` is special (kSpecial), eight at a time: replies are
// mostly long runs of plain ASCII. "Some byte < n" is (w - n*0x01..) & ~w & 0x80..; it may
// point at the wrong byte, never at none.
bool anySpecial(const char* p) {
  constexpr std::uint64_t kOnes = 0x0101010101010101;
  constexpr std::uint64_t kHighs = 0x8080808080808080;
  std::uint64_t w;
  std::memcpy(&w, p, sizeof w);
  const auto below = [](std::uint64_t x, std::uint64_t n) { return (x - n * kOnes) & ~x & kHighs; };
  const std::uint64_t quote = w ^ ('"' * kOnes);
  const std::uint64_t backslash = w ^ ('\\' * kOnes);
  return ((w & kHighs) | below(w, 0x20) | below(quote, 1) | below(backslash, 1)) != 0;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  std::size_t run = 0;  // start of the pending run of bytes that need no escaping
  std::size_t i = 0;
  auto flush = [&] { out.append(text.data() + run, i - run); };
  while (i < text.size()) {
    while (i + 8 <= text.size() && !anySpecial(text.data() + i)) i += 8;
    if (i >= text.size()) break;
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

void appendJsonMemberName(std::string& out, std::string_view key) {
  if (out.size() > 1) out += ',';
  appendJsonString(out, key);
  out += ':';
}

}  // namespace shared
