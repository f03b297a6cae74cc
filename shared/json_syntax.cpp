#include "shared/json_syntax.h"

#include <cctype>

namespace shared {
namespace {

// A recursive-descent recognizer for the RFC 8259 grammar that stops at the first error.
class Scanner {
 public:
  Scanner(std::string_view text, const JsonLimits& limits) : text_(text), limits_(limits) {}

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
    switch (peek()) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
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
    ++pos_;  // '{'
    skipSpace();
    if (peek() == '}') {
      ++pos_;
      return true;
    }
    while (true) {
      if (peek() != '"') return failExpected("a string key");
      if (!string()) return false;
      skipSpace();
      if (peek() != ':') return failExpected("':'");
      ++pos_;
      skipSpace();
      if (!value(depth)) return false;
      skipSpace();
      if (peek() == '}') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return failExpected("',' or '}'");
      ++pos_;
      skipSpace();
    }
  }

  bool array(std::size_t depth) {
    if (!enter(depth)) return false;
    ++pos_;  // '['
    skipSpace();
    if (peek() == ']') {
      ++pos_;
      return true;
    }
    while (true) {
      if (depth == 1) ++shape_.array_size;
      if (!value(depth)) return false;
      skipSpace();
      if (peek() == ']') {
        ++pos_;
        return true;
      }
      if (peek() != ',') return failExpected("',' or ']'");
      ++pos_;
      skipSpace();
    }
  }

  bool string() {
    ++pos_;  // '"'
    while (!atEnd()) {
      const unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c < 0x20) return fail("control character in a string");
      if (c == '\\') {
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
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      ++pos_;
      if (!digits()) return false;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!digits()) return false;
    }
    return true;
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return failExpected("a value");
    pos_ += word.size();
    return true;
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
  std::size_t pos_ = 0;
  std::string reason_;
  bool limit_ = false;
  JsonShape shape_;
};

}  // namespace

JsonScan scanJson(std::string_view text, const JsonLimits& limits) {
  return Scanner(text, limits).run();
}

std::optional<JsonSyntaxError> findJsonSyntaxError(std::string_view text) {
  return scanJson(text, JsonLimits{}).error;
}

}  // namespace shared
