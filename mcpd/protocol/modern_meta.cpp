#include "mcpd/protocol/modern_meta.h"

#include <variant>

#include "mcpd/jsonrpc/body_limits.h"
#include "mcpd/jsonrpc/json_writer.h"

namespace mcpd::protocol {
namespace {

using Poco::JSON::Object;

// Poco looks members up by std::string: the keys are made once, not on every request.
const std::string kMetaKey = "_meta";
const std::string kProtocolVersionKey(kMetaProtocolVersion);
const std::string kClientCapabilitiesKey(kMetaClientCapabilities);
const std::string kLogLevelKey(kMetaLogLevel);
const std::string kProgressTokenKey = "progressToken";

Object::Ptr metaOf(const jsonrpc::Message& message) {
  if (!message.params) return nullptr;
  return message.params->getObject(kMetaKey);
}

// params._meta when parseStatelessBody() kept it as text; null otherwise.
const std::string* metaTextOf(const jsonrpc::Message& message) {
  if (!message.params) return nullptr;
  const Poco::Dynamic::Var meta = message.params->get(kMetaKey);
  if (meta.type() != typeid(jsonrpc::RawJson)) return nullptr;
  return meta.extract<jsonrpc::RawJson>().text.get();  // kept alive by message.params
}

// The last member named `name` (as Poco keeps the last of duplicate keys).
const std::string_view* memberText(const jsonrpc::JsonMemberTexts& texts, std::string_view name) {
  for (auto it = texts.members.rbegin(); it != texts.members.rend(); ++it) {
    if (it->first == name) return &it->second;
  }
  return nullptr;
}

Poco::Dynamic::Var valueOf(std::string_view text) {
  // A string without escapes, the usual revision or level, needs no parser.
  if (text.size() >= 2 && text.front() == '"' && text.find('\\') == std::string_view::npos)
    return std::string(text.substr(1, text.size() - 2));
  return jsonrpc::parseJsonTree(text).value;  // valid: the body's parse checked it
}

// readModernMeta() over _meta as text: the fields are read from their own texts and no
// tree is built for _meta (an empty clientCapabilities, the usual one, shares one object).
shared::Result<ModernMeta> readMetaText(const std::string& text) {
  const auto members = jsonrpc::jsonMembers(text);
  if (!members) return shared::Status::invalidArgument("params._meta is required");
  ModernMeta out;
  const std::string_view* version = memberText(*members, kMetaProtocolVersion);
  const Poco::Dynamic::Var version_value = version ? valueOf(*version) : Poco::Dynamic::Var();
  if (!version_value.isString()) {
    return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaProtocolVersion) +
                                           "\"] must be a string");
  }
  out.protocol_version = version_value.extract<std::string>();
  const std::string_view* capabilities = memberText(*members, kMetaClientCapabilities);
  if (capabilities && *capabilities == "{}") {
    static const Object::Ptr kNone = new Object;  // read-only: clientSupports() only reads
    out.client_capabilities = kNone;
  } else if (capabilities) {
    const Poco::Dynamic::Var value = valueOf(*capabilities);
    if (value.type() == typeid(Object::Ptr)) out.client_capabilities = value.extract<Object::Ptr>();
  }
  if (!out.client_capabilities) {
    return shared::Status::invalidArgument(
        "params._meta[\"" + std::string(kMetaClientCapabilities) + "\"] must be an object");
  }
  if (const std::string_view* level = memberText(*members, kMetaLogLevel)) {
    const Poco::Dynamic::Var value = valueOf(*level);
    out.log_level = value.isString() ? parseLogLevel(value.extract<std::string>()) : std::nullopt;
    if (!out.log_level) {
      return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaLogLevel) +
                                             "\"] must be a logging level");
    }
  }
  if (const std::string_view* token = memberText(*members, kProgressTokenKey)) {
    out.progress_token = valueOf(*token);
  }
  return out;
}

}  // namespace

shared::Result<ModernMeta> readModernMeta(const jsonrpc::Message& request) {
  if (const std::string* text = metaTextOf(request)) return readMetaText(*text);
  const Object::Ptr meta = metaOf(request);
  if (!meta) return shared::Status::invalidArgument("params._meta is required");
  ModernMeta out;
  const Poco::Dynamic::Var version = meta->get(kProtocolVersionKey);
  if (!version.isString()) {
    return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaProtocolVersion) +
                                           "\"] must be a string");
  }
  out.protocol_version = version.extract<std::string>();
  out.client_capabilities = meta->getObject(kClientCapabilitiesKey);
  if (!out.client_capabilities) {
    return shared::Status::invalidArgument(
        "params._meta[\"" + std::string(kMetaClientCapabilities) + "\"] must be an object");
  }
  const Poco::Dynamic::Var level = meta->get(kLogLevelKey);
  if (!level.isEmpty()) {
    out.log_level = level.isString() ? parseLogLevel(level.extract<std::string>()) : std::nullopt;
    if (!out.log_level) {
      return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaLogLevel) +
                                             "\"] must be a logging level");
    }
  }
  out.progress_token = meta->get(kProgressTokenKey);
  return out;
}

const jsonrpc::JsonTreeOptions& parseOptions() {
  static const jsonrpc::JsonTreeOptions options{.opaque_meta_members = {kMetaClientInfo}};
  return options;
}

jsonrpc::Parsed parseBody(std::string_view body) {
  return jsonrpc::parse(body, jsonrpc::kBodyCeiling, parseOptions());
}

jsonrpc::Parsed parseStatelessBody(std::string_view body, const jsonrpc::BodyLimits& limits) {
  static const jsonrpc::JsonTreeOptions options{.opaque_meta = true};
  return jsonrpc::parse(body, limits, options);
}

bool bodyNamesModernRevision(std::string_view body) {
  const jsonrpc::Parsed parsed = parseBody(body);
  if (parsed.batch || parsed.items.size() != 1) return false;
  const auto* message = std::get_if<jsonrpc::Message>(&parsed.items.front());
  if (message == nullptr) return false;
  const Object::Ptr meta = metaOf(*message);
  return meta && meta->has(kProtocolVersionKey);
}

}  // namespace mcpd::protocol
