#pragma once

// JsonScanner: the one recursive-descent reader of the RFC 8259 grammar in the project.
// It checks the syntax, counts the text's shape under JsonLimits (json_syntax.h), and
// reports each token to an Events object as it passes, so that the syntax check
// (json_syntax.cpp: events that do nothing, compiled away) and a tree builder (mcpd's
// jsonrpc/json_tree.cpp) read JSON by the same rules and report errors at the same places.
// Header-only because the events are a template parameter: a virtual call per token would
// cost more than the token. One scanner per text, on one thread.
//
// Events, each returning false to stop the scan (then failure() says why, and the error is
// placed at the token's first byte):
//   beginObject() endObject() beginArray() endArray()
//   key(raw, escaped) string(raw, escaped)   raw: the bytes between the quotes, escapes
//                                             undecoded; escaped: raw holds a backslash
//   number(text, integral)                   integral: no fraction and no exponent
//   literal(word)                            "true", "false" or "null"
//   rawNext() -> bool                        asked after key(): true to be given the
//   raw(text)                                member's value whole, as text, after its
//                                            tokens (which the events may just check)
//   failure() -> std::string

#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>

#include "shared/json_syntax.h"

namespace shared {

// Events that record nothing: validation and counting only.
struct JsonNoEvents {
  bool beginObject() { return true; }
  bool endObject() { return true; }
  bool beginArray() { return true; }
  bool endArray() { return true; }
  bool key(std::string_view, bool) { return true; }
  bool string(std::string_view, bool) { return true; }
  bool number(std::string_view, bool) { return true; }
  bool literal(std::string_view) { return true; }
  bool rawNext() { return false; }
  bool raw(std::string_view) { return true; }
  std::string failure() const { return {}; }
};

template <class Events>
class JsonScanner {
 public:
  JsonScanner(std::string_view text, const JsonLimits& limits, Events& events)
      : text_(text), limits_(limits), events_(events) {}

  JsonScan run() {
    JsonScan scan;
    skipSpace();
    shape_.array = peek() == '[';
    if (!value(0)) {
      scan.error = error();
    } else {
      skipSpace();
      if (pos_ != text_.size()) {
        reason_ = "unexpected text after the JSON value";
        scan.error = error();
      }
    }
    scan.shape = shape_;
    return scan;
  }

 private:
  bool atEnd() const { return pos_ >= text_.size(); }
  char peek() const { return atEnd() ? '\0' : text_[pos_]; }

  bool fail(std::string reason) {
    reason_ = std::move(reason);
    return false;
  }
  // An event refused the token that starts at `start`.
  bool refused(std::size_t start) {
    pos_ = start;
    return fail(events_.failure());
  }
  // "unexpected 'x'" or "unexpected end of text", after `expected`.
  bool failExpected(std::string_view expected) {
    if (atEnd()) return fail("expected " + std::string(expected) + ", got the end of the text");
    const unsigned char c = static_cast<unsigned char>(peek());
    std::string got = std::isprint(c) ? std::string("'") + static_cast<char>(c) + "'"
                                      : "byte " + std::to_string(static_cast<unsigned>(c));
    return fail("expected " + std::string(expected) + ", got " + got);
  }

  void skipSpace() {
    while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) {
      ++pos_;
    }
  }

  bool limitCrossed(std::string reason) {
    limit_ = true;
    return fail(std::move(reason));
  }

  bool value(std::size_t depth) {
    if (++shape_.values > limits_.max_values) {
      return limitCrossed("more than " + std::to_string(limits_.max_values) + " values");
    }
    const std::size_t start = pos_;
    switch (peek()) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"': {
        std::string_view raw;
        bool escaped = false;
        if (!string(raw, escaped)) return false;
        return events_.string(raw, escaped) || refused(start);
      }
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        if (peek() == '-' || std::isdigit(static_cast<unsigned char>(peek()))) return number();
        return failExpected("a value");
    }
  }

  bool enter(std::size_t depth) {
    if (depth > limits_.max_depth) {
      return limitCrossed("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    if (depth > shape_.depth) shape_.depth = depth;
    return true;
  }

  bool object(std::size_t depth) {
    if (!enter(depth)) return false;
    if (!events_.beginObject()) return refused(pos_);
    ++pos_;  // '{'
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return events_.endObject();
    }
    while (true) {
      if (peek() != '"') return failExpected("a string key");
      const std::size_t start = pos_;
      std::string_view raw;
      bool escaped = false;
      if (!string(raw, escaped)) return false;
      if (!events_.key(raw, escaped)) return refused(start);
      skipSpace();
      if (peek() != ':') return failExpected("':'");
      ++pos_;
      skipSpace();
      const std::size_t value_start = pos_;
      const bool raw_value = events_.rawNext();
      if (!value(depth)) return false;
      if (raw_value && !events_.raw(text_.substr(value_start, pos_ - value_start)))
        return refused(value_start);
      skipSpace();
      if (peek() == '}') {
        ++pos_;
        return events_.endObject();
      }
      if (peek() != ',') return failExpected("',' or '}'");
      ++pos_;
      skipSpace();
    }
  }

  bool array(std::size_t depth) {
    if (!enter(depth)) return false;
    if (!events_.beginArray()) return refused(pos_);
    ++pos_;  // '['
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return events_.endArray();
    }
    while (true) {
      if (depth == 1) ++shape_.array_size;
      if (!value(depth)) return false;
      skipSpace();
      if (peek() == ']') {
        ++pos_;
        return events_.endArray();
      }
      if (peek() != ',') return failExpected("',' or ']'");
      ++pos_;
      skipSpace();
    }
  }

  // A string literal at pos_: `raw` gets the bytes between the quotes.
  bool string(std::string_view& raw, bool& escaped) {
    const std::size_t start = ++pos_;  // after '"'
    while (!atEnd()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        raw = text_.substr(start, pos_ - start);
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
        escaped = true;
        ++pos_;
        const char e = peek();
        if (e == 'u') {
          for (int k = 0; k < 4; ++k) {
            ++pos_;
            if (!std::isxdigit(static_cast<unsigned char>(peek()))) {
              return fail("expected four hex digits after \\u");
            }
          }
        } else if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' &&
                   e != 'r' && e != 't') {
          return atEnd() ? fail("unterminated string") : fail("invalid escape in a string");
        }
      }
      ++pos_;
    }
    return fail("unterminated string");
  }

  bool digits() {
    if (!std::isdigit(static_cast<unsigned char>(peek()))) return failExpected("a digit");
    while (std::isdigit(static_cast<unsigned char>(peek()))) ++pos_;
    return true;
  }

  bool number() {
    const std::size_t start = pos_;
    bool integral = true;
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      integral = false;
      ++pos_;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return false;
    }
    return events_.number(text_.substr(start, pos_ - start), integral) || refused(start);
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return failExpected("a value");
    const std::size_t start = pos_;
    pos_ += word.size();
    return events_.literal(word) || refused(start);
  }

  JsonSyntaxError error() const {
    JsonSyntaxError e;
    e.offset = pos_ < text_.size() ? pos_ : text_.size();
    for (std::size_t k = 0; k < e.offset; ++k) {
      if (text_[k] == '\n') {
        ++e.line;
        e.column = 1;
      } else {
        ++e.column;
      }
    }
    e.reason = reason_;
    e.limit = limit_;
    return e;
  }

  std::string_view text_;
  const JsonLimits& limits_;
  Events& events_;
  std::size_t pos_ = 0;
  std::string reason_;
  bool limit_ = false;
  JsonShape shape_;
};

}  // namespace shared
