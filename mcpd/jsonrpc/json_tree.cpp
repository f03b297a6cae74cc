#include "mcpd/jsonrpc/json_tree.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <locale.h>

#include <algorithm>
#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "mcpd/jsonrpc/json_writer.h"
#include "shared/json_scanner.h"

namespace mcpd::jsonrpc {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;  // the scanner let only hex digits through
}

unsigned codeUnitAt(std::string_view raw, std::size_t at) {
  unsigned unit = 0;
  for (std::size_t k = 0; k < 4; ++k) unit = unit * 16 + hexValue(raw[at + k]);
  return unit;
}

void appendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool isContinuation(unsigned char c, unsigned char low = 0x80, unsigned char high = 0xBF) {
  return c >= low && c <= high;
}

// The length of the well-formed UTF-8 sequence at raw[at] (Unicode 15, table 3-7: no
// overlong forms, no surrogates, nothing past U+10FFFF), or 0 when it is not one. Poco's
// parser refuses the same sequences.
std::size_t utf8SequenceAt(std::string_view raw, std::size_t at) {
  const auto byte = [&](std::size_t k) -> unsigned char {
    return at + k < raw.size() ? static_cast<unsigned char>(raw[at + k]) : 0;
  };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return isContinuation(byte(1)) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return isContinuation(byte(1), low, high) && isContinuation(byte(2)) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return isContinuation(byte(1), low, high) && isContinuation(byte(2)) && isContinuation(byte(3))
               ? 4
               : 0;
  }
  return 0;
}

// Builds the tree as the scanner reports tokens. Containers are linked into their parent
// when they open and filled through the pointers kept on the stack. A member the options
// name opaque is checked token by token like any other, then kept as its text.
class TreeEvents {
 public:
  TreeEvents() : options_(kNoOptions) {}
  explicit TreeEvents(const JsonTreeOptions& options) : options_(options) {}

  bool beginObject() {
    if (opaque_ > 0) {
      ++opaque_;
      return true;
    }
    const Role role = roleOfNewObject();
    Object::Ptr object = new Object;
    Object* raw = object.get();
    if (!attach(Var(std::move(object)))) return false;
    stack_.push_back({raw, nullptr, role});
    return true;
  }
  bool endObject() {
    if (opaque_ > 0) {
      --opaque_;
      return true;
    }
    stack_.pop_back();
    return true;
  }
  bool beginArray() {
    if (opaque_ > 0) {
      ++opaque_;
      return true;
    }
    Array::Ptr array = new Array;
    Array* raw = array.get();
    if (!attach(Var(std::move(array)))) return false;
    stack_.push_back({nullptr, raw, Role::kOther});
    return true;
  }
  bool endArray() { return endObject(); }
  bool key(std::string_view raw, bool escaped) {
    if (opaque_ > 0) return check(raw, escaped);
    std::string& name = key_;
    if (!decode(raw, escaped, name)) return false;
    // Poco's parser takes a member name as a C string: it ends at an escaped \u0000.
    if (escaped) name.resize(std::min(name.size(), name.find('\0')));
    return true;
  }
  bool string(std::string_view raw, bool escaped) {
    if (opaque_ > 0) return check(raw, escaped);
    std::string text;
    if (!decode(raw, escaped, text)) return false;
    return attach(Var(std::move(text)));
  }
  bool number(std::string_view text, bool integral) {
    if (integral) {
      Poco::Int64 signed_value = 0;
      const char* end = text.data() + text.size();
      if (std::from_chars(text.data(), end, signed_value).ec == std::errc())
        return opaque_ > 0 || attach(Var(signed_value));
      Poco::UInt64 unsigned_value = 0;
      if (text.front() != '-' &&
          std::from_chars(text.data(), end, unsigned_value).ec == std::errc())
        return opaque_ > 0 || attach(Var(unsigned_value));
      failure_ = "integer out of range";
      return false;
    }
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
      // Too large (Poco refuses an infinity) or too small (it rounds to zero or a
      // subnormal, as Poco's strtod-like conversion does).
      value = cStrtod(std::string(text));
    }
    if (!std::isfinite(value)) {
      failure_ = "number out of range";
      return false;
    }
    return opaque_ > 0 || attach(Var(value));
  }
  bool literal(std::string_view word) {
    if (opaque_ > 0) return true;
    if (word == "null") return attach(Var());
    return attach(Var(word == "true"));
  }
  bool rawNext() {
    if (opaque_ > 0 || stack_.empty()) return false;
    if (options_.opaque_meta && stack_.back().role == Role::kParams && key_ == "_meta") {
      opaque_ = 1;
      return true;
    }
    if (options_.opaque_meta_members.empty() || stack_.back().role != Role::kMeta) return false;
    for (std::string_view member : options_.opaque_meta_members) {
      if (member == key_) {
        opaque_ = 1;
        return true;
      }
    }
    return false;
  }
  bool raw(std::string_view text) {
    opaque_ = 0;
    return attach(Var(RawJson{std::make_shared<const std::string>(text)}));
  }
  std::string failure() const { return failure_; }

  Var& root() { return root_; }

 private:
  // Where an object stands in a JSON-RPC body: a message (the body, or an element of a
  // batch), its params, params._meta, or anything else.
  enum class Role : std::uint8_t { kOther, kMessage, kParams, kMeta };
  struct Open {
    Object* object;  // exactly one of the two is set
    Array* array;
    Role role;
  };

  Role roleOfNewObject() const {
    if (stack_.empty()) return Role::kMessage;
    const Open& parent = stack_.back();
    if (parent.array != nullptr) return stack_.size() == 1 ? Role::kMessage : Role::kOther;
    if (parent.role == Role::kMessage && key_ == "params") return Role::kParams;
    if (parent.role == Role::kParams && key_ == "_meta") return Role::kMeta;
    return Role::kOther;
  }

  static double cStrtod(const std::string& text) {
    // The C locale's decimal point, whatever the process's locale is.
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
    return strtod_l(text.c_str(), nullptr, c_locale);
  }

  bool attach(const Var& value) {
    if (stack_.empty()) {
      root_ = value;
    } else if (Object* object = stack_.back().object) {
      object->set(key_, value);
    } else {
      stack_.back().array->add(value);
    }
    return true;
  }

  static inline const JsonTreeOptions kNoOptions{};

 protected:
  bool decode(std::string_view raw, bool escaped, std::string& out) {
    out.clear();
    if (!escaped) {
      if (!validUtf8(raw)) return false;
      out.assign(raw);
      return true;
    }
    out.reserve(raw.size());
    std::size_t i = 0;
    while (i < raw.size()) {
      const std::size_t backslash = raw.find('\\', i);
      const std::string_view run =
          raw.substr(i, (backslash == std::string_view::npos ? raw.size() : backslash) - i);
      if (!validUtf8(run)) return false;
      out += run;
      if (backslash == std::string_view::npos) break;
      i = backslash + 1;
      const char e = raw[i++];
      switch (e) {
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = codeUnitAt(raw, i);
          i += 4;
          if (cp >= 0xDC00 && cp <= 0xDFFF) {
            failure_ = "unpaired low surrogate in a string";
            return false;
          }
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            // RFC 8259 section 7: a character past the BMP is a pair of escaped surrogates.
            if (i + 6 > raw.size() || raw[i] != '\\' || raw[i + 1] != 'u') {
              failure_ = "unpaired high surrogate in a string";
              return false;
            }
            const unsigned low = codeUnitAt(raw, i + 2);
            if (low < 0xDC00 || low > 0xDFFF) {
              failure_ = "unpaired high surrogate in a string";
              return false;
            }
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          appendUtf8(out, cp);
          break;
        }
        default:  // '"', '\\' and '/' stand for themselves
          out += e;
      }
    }
    return true;
  }

  // What decode() refuses, without keeping the text (an opaque value's strings).
  bool check(std::string_view raw, bool escaped) {
    return escaped ? decode(raw, escaped, scratch_) : validUtf8(raw);
  }

  bool validUtf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
      if (i + 8 <= text.size()) {  // eight ASCII bytes at a time
        std::uint64_t word;
        std::memcpy(&word, text.data() + i, sizeof word);
        if ((word & 0x8080808080808080ULL) == 0) {
          i += 8;
          continue;
        }
      }
      if (static_cast<unsigned char>(text[i]) < 0x80) {
        ++i;
        continue;
      }
      const std::size_t length = utf8SequenceAt(text, i);
      if (length == 0) {
        failure_ = "invalid UTF-8 in a string";
        return false;
      }
      i += length;
    }
    return true;
  }

  const JsonTreeOptions& options_;
  std::vector<Open> stack_;
  std::string key_;      // the member name awaiting its value
  std::string scratch_;  // decoded strings of an opaque value, checked and dropped
  int opaque_ = 0;       // inside an opaque value: 1 + the containers open in it
  Var root_;
  std::string failure_;
};

// Splits an object into its members, each value kept as text. The text was checked by the
// parse that kept it (only valid JSON is ever split), so values are not decoded again.
class MemberEvents final : public TreeEvents {
 public:
  bool beginObject() { return open(); }
  bool endObject() { return close(); }
  bool beginArray() { return open(); }
  bool endArray() { return close(); }
  bool key(std::string_view raw, bool escaped) {
    if (depth_ != 1) return true;
    if (!escaped) {
      name_ = raw;
      return true;
    }
    std::string& name = texts_.decoded_names.emplace_back();
    if (!decode(raw, escaped, name)) return false;
    name.resize(std::min(name.size(), name.find('\0')));  // as Poco
    name_ = name;
    return true;
  }
  bool string(std::string_view, bool) { return true; }
  bool number(std::string_view, bool) { return true; }
  bool literal(std::string_view) { return true; }
  bool rawNext() { return depth_ == 1; }
  bool raw(std::string_view text) {
    texts_.members.emplace_back(name_, text);
    return true;
  }
  JsonMemberTexts& texts() { return texts_; }

 private:
  bool open() {
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }
  int depth_ = 0;
  std::string_view name_;
  JsonMemberTexts texts_;
};

}  // namespace

std::optional<JsonMemberTexts> jsonMembers(std::string_view text) {
  MemberEvents events;
  const shared::JsonScan scan = shared::JsonScanner<MemberEvents>(text, {}, events).run();
  const auto first = text.find_first_not_of(" \t\r\n");
  if (scan.error || first == std::string_view::npos || text[first] != '{') return std::nullopt;
  return std::move(events.texts());
}

JsonTree parseJsonTree(std::string_view text, const shared::JsonLimits& limits,
                       const JsonTreeOptions& options) {
  TreeEvents events(options);
  JsonTree tree;
  tree.scan = shared::JsonScanner<TreeEvents>(text, limits, events).run();
  if (!tree.scan.error) tree.value = std::move(events.root());
  return tree;
}

}  // namespace mcpd::jsonrpc
