#pragma once

// parseJsonTree: JSON text into the Poco values the protocol layer reads
// (Poco::Dynamic::Var holding Poco::JSON::Object::Ptr, Array::Ptr, std::string, Int64,
// UInt64, double, bool, or empty for null), built on the project's own JSON scanner
// (shared/json_scanner.h) at a fraction of Poco::JSON::Parser's cost: Poco reads a byte at
// a time through function pointers and copies every value on its way into the tree, which
// made parsing the largest part of a cached search request.
//
// The tree is the one Poco::JSON::Parser builds from the same text, value for value:
// integers without fraction or exponent are Int64 when they fit, else UInt64; other
// numbers are double; objects keep the last of duplicate keys, in Poco's sorted order;
// strings are decoded as Poco decodes them (\u escapes with surrogate pairs as UTF-8,
// \u0000 kept in values, a member name cut at it) and must be valid UTF-8, as Poco requires. Where
// Poco 1.11 is wrong this is exact: a negative integer below -2^53 is not rounded through a double,
// and an integer past 2^64-1 is an error instead of wrapping around. A top-level scalar, which Poco
// refuses, is returned like any value.
//
// The scan runs under the caller's JsonLimits and stops at the first value past them, so
// the tree never grows past what the limits admit (jsonrpc::parse refuses the body then).
// Pure; any thread.

#include <Poco/Dynamic/Var.h>

#include <list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/json_syntax.h"

namespace mcpd::jsonrpc {

// The value `text` holds, or the scan's error: a syntax error, a crossed limit, or what
// only decoding finds, each with where ("invalid UTF-8 in a string", line 1, column 12).
struct JsonTree {
  Poco::Dynamic::Var value;  // empty when scan.error is set
  shared::JsonScan scan;     // the error, if any, and the text's shape
};
// Members of a JSON-RPC message's params._meta whose values are kept as their JSON text
// (a jsonrpc::RawJson, json_writer.h) instead of a tree: what the caller never reads (the
// 2026-07-28 clientInfo every request carries) need not cost a tree. The text is checked
// as strictly as any other value.
struct JsonTreeOptions {
  std::vector<std::string_view> opaque_meta_members;
  bool opaque_meta = false;  // params._meta itself kept as text (read with jsonMembers)
};

JsonTree parseJsonTree(std::string_view text, const shared::JsonLimits& limits = {},
                       const JsonTreeOptions& options = {});

// The members of the JSON object `text`, each value as its JSON text, in order, with names
// decoded as parseJsonTree decodes them; nullopt when `text` is not one valid object. For
// reading a few members of an object without a tree. Views into `text` (and into
// decoded_names, for names written with escapes): valid while both live.
struct JsonMemberTexts {
  std::vector<std::pair<std::string_view, std::string_view>> members;
  std::list<std::string> decoded_names;
};
std::optional<JsonMemberTexts> jsonMembers(std::string_view text);

}  // namespace mcpd::jsonrpc
