#include "mcpd/jsonrpc/message.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>

#include "mcpd/jsonrpc/body_limits.h"
#include "mcpd/jsonrpc/error_codes.h"
#include "mcpd/jsonrpc/json_tree.h"
#include "mcpd/jsonrpc/json_writer.h"
#include "shared/json_string.h"

namespace mcpd::jsonrpc {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

bool isObject(const Var& v) {
  return v.type() == typeid(Object::Ptr);
}
bool isArray(const Var& v) {
  return v.type() == typeid(Array::Ptr);
}

// JSON-RPC 2.0 section 4: an id is a string, a number or null. MCP forbids null in
// requests, so only strings and numbers are usable here.
bool isUsableId(const Var& v) {
  return v.isString() || (v.isNumeric() && !v.isBoolean());
}

Item parseOne(const Var& value) {
  if (!isObject(value))
    return Invalid{{}, {kInvalidRequest, "Invalid Request: expected a JSON object", {}}};
  const Object::Ptr object = value.extract<Object::Ptr>();

  Id id;
  const bool has_id = object->has("id");
  if (has_id) {
    const Var raw = object->get("id");
    if (!isUsableId(raw)) {
      return Invalid{{}, {kInvalidRequest, "Invalid Request: id must be a string or a number", {}}};
    }
    id = Id(raw);
  }
  auto invalid = [&](std::string message) {
    return Invalid{id, {kInvalidRequest, "Invalid Request: " + std::move(message), {}}};
  };

  const Var version = object->get("jsonrpc");
  if (!version.isString() || version.extract<std::string>() != "2.0") {
    return invalid("\"jsonrpc\" must be \"2.0\"");
  }

  Message message;
  message.id = id;
  if (object->has("method")) {
    const Var method = object->get("method");
    if (!method.isString()) return invalid("\"method\" must be a string");
    message.method = method.extract<std::string>();
    message.kind = has_id ? Message::Kind::kRequest : Message::Kind::kNotification;
    if (object->has("params")) {
      const Var params = object->get("params");
      if (!isObject(params)) {
        return Invalid{id, {kInvalidParams, "Invalid params: \"params\" must be an object", {}}};
      }
      message.params = params.extract<Object::Ptr>();
    }
    return message;
  }

  // A response to a request the server sent (sampling, elicitation, roots).
  if (!has_id) return invalid("a message needs \"method\" or \"id\"");
  message.kind = Message::Kind::kResponse;
  if (object->has("result")) {
    message.result = object->get("result");
    return message;
  }
  const Var error = object->get("error");
  if (!isObject(error)) return invalid("a response needs \"result\" or \"error\"");
  const Object::Ptr e = error.extract<Object::Ptr>();
  Error parsed;
  try {
    parsed.code = e->getValue<int>("code");
    parsed.message = e->optValue<std::string>("message", "");
  } catch (const Poco::Exception&) {
    return invalid("\"error.code\" must be an integer");
  }
  parsed.data = e->get("data");
  message.error = std::move(parsed);
  return message;
}

// {"jsonrpc":"2.0", written by hand so that the envelope keeps its conventional order.
// `extra` more bytes than a small message needs are reserved at once: a reply that grows
// by doubling copies itself several times over (a search reply is kilobytes).
std::string envelope(std::size_t extra = 0) {
  std::string out;
  out.reserve(256 + extra);
  out += R"({"jsonrpc":"2.0")";
  return out;
}

// The bytes of the pre-rendered JSON (RawJson) among a result's members: most of a tool
// result's reply, known before it is written.
std::size_t rawJsonBytes(const Var& result) {
  if (result.type() != typeid(Object::Ptr)) return 0;
  const Object::Ptr& object = result.extract<Object::Ptr>();
  std::size_t bytes = 0;
  if (!object) return bytes;
  for (const auto& [key, value] : *object) {
    if (value.type() == typeid(RawJson))
      bytes += key.size() + value.extract<RawJson>().text->size();
  }
  return bytes;
}

void appendId(std::string& out, const Id& id) {
  out += R"(,"id":)";
  appendJson(out, id.value());  // an empty id prints as null
}

}  // namespace

std::string Id::key() const {
  if (value_.isEmpty()) return "null";
  if (value_.isString()) return "s:" + value_.extract<std::string>();
  return "n:" + value_.convert<std::string>();
}

Parsed parse(std::string_view body) {
  return parse(body, kBodyCeiling);
}

Parsed parse(std::string_view body, const BodyLimits& limits) {
  return parse(body, limits, JsonTreeOptions{});
}

Parsed parse(std::string_view body, const BodyLimits& limits, const JsonTreeOptions& options) {
  Parsed parsed;
  // Counted as the tree is built, which stops at the first value past the limits: the
  // tree, and a batch's replies, stay bounded. The scan also refuses what only decoding
  // finds (invalid UTF-8, an unpaired surrogate, a number out of range), as Poco would.
  const JsonTree tree = parseJsonTree(body, scanLimits(limits), options);
  if (auto problem = problemOf(tree.scan, limits)) {
    parsed.too_large = problem->kind != BodyProblem::Kind::kMalformed;
    parsed.items.push_back(Invalid{{}, std::move(problem->error)});
    return parsed;
  }
  const Var& root = tree.value;
  if (isArray(root)) {
    parsed.batch = true;
    const Array::Ptr array = root.extract<Array::Ptr>();
    if (array->size() == 0) {
      parsed.batch = false;
      parsed.items.push_back(Invalid{{}, {kInvalidRequest, "Invalid Request: empty batch", {}}});
      return parsed;
    }
    for (std::size_t i = 0; i < array->size(); ++i) parsed.items.push_back(parseOne(array->get(i)));
    return parsed;
  }
  parsed.items.push_back(parseOne(root));
  return parsed;
}

std::string serializeResult(const Id& id, const Var& result) {
  std::string out = envelope(rawJsonBytes(result));
  appendId(out, id);
  out += R"(,"result":)";
  appendJson(out, result);
  out += '}';
  return out;
}

std::string serializeResult(const Id& id, const Object::Ptr& result, const JsonMembers& members) {
  std::size_t extra = rawJsonBytes(result);
  for (const auto& [name, value] : members) extra += name.size() + value.size() + 4;
  std::string out = envelope(extra);
  appendId(out, id);
  out += R"(,"result":{)";
  const auto replaced = [&](const std::string& key) {
    for (const auto& [name, value] : members) {
      if (name == key) return true;
    }
    return false;
  };
  bool first = true;
  const auto name = [&](std::string_view key) {
    if (!first) out += ',';
    first = false;
    shared::appendJsonString(out, key);
    out += ':';
  };
  if (result) {
    for (const auto& [key, value] : *result) {
      if (replaced(key)) continue;
      name(key);
      appendJson(out, value);
    }
  }
  for (const auto& [key, value] : members) {
    name(key);
    out += value;
  }
  out += "}}";
  return out;
}

std::string serializeError(const Id& id, const Error& error) {
  std::string out = envelope();
  appendId(out, id);
  out += R"(,"error":{"code":)";
  out += std::to_string(error.code);
  out += R"(,"message":)";
  shared::appendJsonString(out, error.message);
  if (!error.data.isEmpty()) {
    out += R"(,"data":)";
    appendJson(out, error.data);
  }
  out += "}}";
  return out;
}

namespace {

// The tail shared by requests and notifications: ,"method":...[,"params":...]}
void appendCall(std::string& out, const std::string& method, const Object::Ptr& params) {
  out += R"(,"method":)";
  shared::appendJsonString(out, method);
  if (params) {
    out += R"(,"params":)";
    appendJson(out, params);
  }
  out += '}';
}

}  // namespace

std::string serializeNotification(const std::string& method, const Object::Ptr& params) {
  std::string out = envelope();
  appendCall(out, method, params);
  return out;
}

std::string serializeRequest(const Id& id, const std::string& method, const Object::Ptr& params) {
  std::string out = envelope();
  appendId(out, id);
  appendCall(out, method, params);
  return out;
}

std::string joinBatch(const std::vector<std::string>& messages) {
  std::string out = "[";
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (i > 0) out += ',';
    out += messages[i];
  }
  out += ']';
  return out;
}

Object::Ptr parseObjectLiteral(std::string_view json) {
  Poco::JSON::Parser parser;
  return parser.parse(std::string(json)).extract<Object::Ptr>();
}

std::string toJson(const Var& value) {
  std::string out;
  appendJson(out, value);
  return out;
}

}  // namespace mcpd::jsonrpc
