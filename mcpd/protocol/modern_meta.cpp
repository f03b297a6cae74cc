#include "mcpd/protocol/modern_meta.h"

#include <variant>

#include "mcpd/jsonrpc/body_limits.h"

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

}  // namespace

shared::Result<ModernMeta> readModernMeta(const jsonrpc::Message& request) {
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

bool bodyNamesModernRevision(std::string_view body) {
  const jsonrpc::Parsed parsed = parseBody(body);
  if (parsed.batch || parsed.items.size() != 1) return false;
  const auto* message = std::get_if<jsonrpc::Message>(&parsed.items.front());
  if (message == nullptr) return false;
  const Object::Ptr meta = metaOf(*message);
  return meta && meta->has(kProtocolVersionKey);
}

}  // namespace mcpd::protocol
