#include "mcpd/protocol/header_validation.h"

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Object.h>
#include <Poco/String.h>

#include <cmath>
#include <sstream>
#include <vector>

#include "mcpd/protocol/server.h"

namespace mcpd::protocol {
namespace {

using Poco::JSON::Object;

constexpr std::string_view kPrefix = "=?base64?";
constexpr std::string_view kSuffix = "?=";

bool strictBase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  const std::size_t padding = text.ends_with("==") ? 2 : text.ends_with('=') ? 1 : 0;
  for (std::size_t i = 0; i < text.size() - padding; ++i) {
    const char c = text[i];
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '+' || c == '/';
    if (!ok) return false;
  }
  return true;
}

// The body value as the client must have mirrored it (transports spec, "Value Encoding").
std::optional<std::string> mirrorText(const Poco::Dynamic::Var& value) {
  if (value.isEmpty()) return std::nullopt;
  if (value.isString()) return value.extract<std::string>();
  if (value.isBoolean()) return value.convert<bool>() ? "true" : "false";
  if (value.isNumeric()) return value.convert<std::string>();
  return std::nullopt;
}

bool sameValue(const Poco::Dynamic::Var& body, const std::string& header) {
  if (body.isNumeric() && !body.isBoolean()) {
    // SEP-2243: integers compare numerically (42.0 equals 42).
    try {
      std::size_t used = 0;
      const double parsed = std::stod(header, &used);
      return used == header.size() && parsed == body.convert<double>();
    } catch (const std::exception&) {
      return false;
    }
  }
  const auto text = mirrorText(body);
  return text && *text == header;
}

void collectHeaderParams(const Object::Ptr& schema, std::vector<std::string>& path,
                         std::vector<HeaderParam>& out) {
  const Object::Ptr properties = schema ? schema->getObject("properties") : nullptr;
  if (!properties) return;
  for (const auto& [name, value] : *properties) {
    if (value.type() != typeid(Object::Ptr)) continue;
    const Object::Ptr property = value.extract<Object::Ptr>();
    path.push_back(name);
    const Poco::Dynamic::Var header = property->get("x-mcp-header");
    if (header.isString()) out.push_back({header.extract<std::string>(), path});
    collectHeaderParams(property, path, out);
    path.pop_back();
  }
}

Poco::Dynamic::Var valueAt(const Object::Ptr& arguments, const std::vector<std::string>& path) {
  Object::Ptr object = arguments;
  for (std::size_t i = 0; object && i + 1 < path.size(); ++i) object = object->getObject(path[i]);
  if (!object) return {};
  return object->get(path.back());
}

const std::string* findParam(const RequestMetadata& metadata, const std::string& name) {
  for (const auto& [key, value] : metadata.params) {
    if (Poco::icompare(key, name) == 0) return &value;
  }
  return nullptr;
}

}  // namespace

std::vector<HeaderParam> headerParamsOf(const Poco::JSON::Object::Ptr& input_schema) {
  std::vector<HeaderParam> params;
  std::vector<std::string> path;
  collectHeaderParams(input_schema, path, params);
  return params;
}

std::optional<std::string> decodeMirroredValue(std::string_view raw) {
  while (!raw.empty() && (raw.front() == ' ' || raw.front() == '\t')) raw.remove_prefix(1);
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t')) raw.remove_suffix(1);
  for (char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t') || byte > 0x7e) return std::nullopt;
  }
  if (!(raw.size() >= kPrefix.size() + kSuffix.size() && raw.starts_with(kPrefix) &&
        raw.ends_with(kSuffix))) {
    return std::string(raw);  // not the sentinel form: a literal
  }
  const std::string_view encoded =
      raw.substr(kPrefix.size(), raw.size() - kPrefix.size() - kSuffix.size());
  if (!strictBase64(encoded)) return std::nullopt;
  std::istringstream in{std::string(encoded)};
  Poco::Base64Decoder decoder(in);
  return std::string((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
}

std::optional<std::string> headerMismatch(const RequestMetadata& metadata,
                                          const jsonrpc::Message& request, const Server& server) {
  if (!metadata.method) return "Header mismatch: the Mcp-Method header is required";
  const auto method = decodeMirroredValue(*metadata.method);
  if (!method || *method != request.method) {
    return "Header mismatch: Mcp-Method header value '" + *metadata.method +
           "' does not match body method '" + request.method + "'";
  }
  const bool named = request.method == "tools/call" || request.method == "prompts/get" ||
                     request.method == "resources/read";
  if (!named || !request.params) return std::nullopt;
  const char* field = request.method == "resources/read" ? "uri" : "name";
  const Poco::Dynamic::Var body_name = request.params->get(field);
  if (body_name.isString()) {
    if (!metadata.name) return "Header mismatch: the Mcp-Name header is required";
    const auto name = decodeMirroredValue(*metadata.name);
    if (!name) return "Header mismatch: the Mcp-Name header value is not valid";
    if (*name != body_name.extract<std::string>()) {
      return "Header mismatch: Mcp-Name header value '" + *metadata.name +
             "' does not match body value '" + body_name.extract<std::string>() + "'";
    }
  }
  if (request.method != "tools/call" || !body_name.isString()) return std::nullopt;
  const std::vector<HeaderParam>* header_params =
      server.toolHeaderParams(body_name.extract<std::string>());
  // An unknown tool: tools/call reports it itself. Most tools mirror no argument.
  if (header_params == nullptr || header_params->empty()) return std::nullopt;
  const Object::Ptr arguments = request.params->getObject("arguments");
  for (const auto& [header, where] : *header_params) {
    const Poco::Dynamic::Var value = arguments ? valueAt(arguments, where) : Poco::Dynamic::Var();
    const std::string* raw = findParam(metadata, header);
    if (value.isEmpty()) {
      if (raw != nullptr) return "Header mismatch: Mcp-Param-" + header + " names no argument";
      continue;
    }
    if (raw == nullptr) return "Header mismatch: the Mcp-Param-" + header + " header is required";
    const auto decoded = decodeMirroredValue(*raw);
    if (!decoded) return "Header mismatch: the Mcp-Param-" + header + " value is not valid";
    if (!sameValue(value, *decoded)) {
      return "Header mismatch: Mcp-Param-" + header + " does not match the argument";
    }
  }
  return std::nullopt;
}

}  // namespace mcpd::protocol
