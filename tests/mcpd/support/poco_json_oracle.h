#pragma once

// Poco::JSON::Parser as the oracle for mcpd::jsonrpc::parseJsonTree: what Poco makes of a
// text, and whether two trees are the same value for value (same types: Int64 is not
// UInt64 is not double). Shared by the unit tests and the jsonrpc fuzzer. Header-only.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <optional>
#include <string>
#include <string_view>

namespace json_oracle {

// Poco's tree for `text`, or nullopt when Poco refuses it. Poco 1.11 refuses a scalar at
// the top level, so the text is parsed as the only element of an array.
inline std::optional<Poco::Dynamic::Var> parseWithPoco(std::string_view text) {
  try {
    Poco::JSON::Parser parser;
    const Poco::Dynamic::Var wrapped = parser.parse("[" + std::string(text) + "]");
    return wrapped.extract<Poco::JSON::Array::Ptr>()->get(0);
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

// Where Poco 1.11 itself is wrong, parseJsonTree is exact: integers of 16 digits or more
// (Poco rounds negative ones through a double and wraps positive ones past 2^64-1) are
// left out of the comparison.
inline bool pocoIsExactFor(std::string_view text) {
  std::size_t run = 0;
  for (const char c : text) {
    run = (c >= '0' && c <= '9') ? run + 1 : 0;
    if (run >= 16) return false;
  }
  return true;
}

inline bool sameTree(const Poco::Dynamic::Var& a, const Poco::Dynamic::Var& b) {
  if (a.isEmpty() || b.isEmpty()) return a.isEmpty() && b.isEmpty();
  if (a.type() != b.type()) return false;
  if (a.type() == typeid(Poco::JSON::Object::Ptr)) {
    const auto& x = a.extract<Poco::JSON::Object::Ptr>();
    const auto& y = b.extract<Poco::JSON::Object::Ptr>();
    if (x->size() != y->size()) return false;
    for (const auto& [key, value] : *x) {
      if (!y->has(key) || !sameTree(value, y->get(key))) return false;
    }
    return true;
  }
  if (a.type() == typeid(Poco::JSON::Array::Ptr)) {
    const auto& x = a.extract<Poco::JSON::Array::Ptr>();
    const auto& y = b.extract<Poco::JSON::Array::Ptr>();
    if (x->size() != y->size()) return false;
    for (std::size_t i = 0; i < x->size(); ++i) {
      if (!sameTree(x->get(i), y->get(i))) return false;
    }
    return true;
  }
  if (a.type() == typeid(std::string)) return a.extract<std::string>() == b.extract<std::string>();
  if (a.type() == typeid(bool)) return a.extract<bool>() == b.extract<bool>();
  if (a.type() == typeid(Poco::Int64)) return a.extract<Poco::Int64>() == b.extract<Poco::Int64>();
  if (a.type() == typeid(Poco::UInt64))
    return a.extract<Poco::UInt64>() == b.extract<Poco::UInt64>();
  if (a.type() == typeid(double)) return a.extract<double>() == b.extract<double>();
  return false;  // a type Poco's parser never makes
}

}  // namespace json_oracle
