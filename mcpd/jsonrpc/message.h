#pragma once

// JSON-RPC 2.0 messages as MCP uses them: parsing one HTTP body (a message, or a batch
// array where the protocol revision allows one) and serializing replies. Knows nothing of
// MCP methods or of HTTP. All functions are pure and thread-safe.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mcpd::jsonrpc {

// A request id as the client sent it: a string or a number. Empty means null/absent,
// which only error replies to unparseable input carry.
class Id {
 public:
  Id() = default;
  explicit Id(Poco::Dynamic::Var value) : value_(std::move(value)) {}

  bool isNull() const { return value_.isEmpty(); }
  const Poco::Dynamic::Var& value() const { return value_; }
  // A stable text form for maps: "n:42" or "s:abc".
  std::string key() const;

 private:
  Poco::Dynamic::Var value_;
};

struct Error {
  int code = 0;
  std::string message;
  Poco::Dynamic::Var data;  // empty when absent
};

struct Message {
  enum class Kind { kRequest, kNotification, kResponse };
  Kind kind = Kind::kRequest;
  Id id;                           // requests and responses
  std::string method;              // requests and notifications
  Poco::JSON::Object::Ptr params;  // null when absent
  Poco::Dynamic::Var result;       // responses
  std::optional<Error> error;      // error responses
};

// One element of a parsed body: a valid message, or the error reply it earns.
struct Invalid {
  Id id;  // the message's id when it had a usable one
  Error error;
};
using Item = std::variant<Message, Invalid>;

struct Parsed {
  bool batch = false;      // the body was a JSON array
  bool too_large = false;  // the body crossed its limits: one -32600 item answers it whole
  std::vector<Item> items;
};

struct BodyLimits;
struct JsonTreeOptions;

// Parses one body. Never fails: invalid JSON becomes a single Invalid item with -32700;
// a non-object, an empty batch or a malformed member becomes -32600 (with the id when
// one can be read); params that are not an object become -32602 (MCP uses named params).
// A body past `limits` (body_limits.h) becomes one -32600 item, however many messages it
// holds, and its tree is never built past the limits; the one-argument form applies
// kBodyCeiling. The tree is Poco's (json_tree.h).
Parsed parse(std::string_view body);
Parsed parse(std::string_view body, const BodyLimits& limits);
// The same, with members of params._meta left as text (json_tree.h).
Parsed parse(std::string_view body, const BodyLimits& limits, const JsonTreeOptions& options);

// Serializers for single messages, compact JSON.
std::string serializeResult(const Id& id, const Poco::Dynamic::Var& result);
// A result object with `members` (name, JSON text) written in place of its own members of
// those names, after the others: what a protocol revision adds to every result, without
// copying or changing a result object that may be shared.
using JsonMembers = std::vector<std::pair<std::string_view, std::string_view>>;
std::string serializeResult(const Id& id, const Poco::JSON::Object::Ptr& result,
                            const JsonMembers& members);
std::string serializeError(const Id& id, const Error& error);
std::string serializeNotification(const std::string& method, const Poco::JSON::Object::Ptr& params);
std::string serializeRequest(const Id& id, const std::string& method,
                             const Poco::JSON::Object::Ptr& params);

// Joins serialized messages into a batch array "[a,b]".
std::string joinBatch(const std::vector<std::string>& messages);

// Parses a JSON object literal known to be valid (schemas compiled into the binary);
// throws Poco::Exception when it is not, which is a programming error.
Poco::JSON::Object::Ptr parseObjectLiteral(std::string_view json);

// Compact JSON text of any value.
std::string toJson(const Poco::Dynamic::Var& value);

}  // namespace mcpd::jsonrpc
