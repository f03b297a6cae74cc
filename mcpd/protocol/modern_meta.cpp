#include "mcpd/protocol/modern_meta.h"

#include <variant>

namespace mcpd::protocol {
namespace {

using Poco::JSON::Object;

Object::Ptr metaOf(const jsonrpc::Message& message) {
  if (!message.params) return nullptr;
  return message.params->getObject("_meta");
}

}  // namespace

shared::Result<ModernMeta> readModernMeta(const jsonrpc::Message& request) {
  const Object::Ptr meta = metaOf(request);
  if (!meta) return shared::Status::invalidArgument("params._meta is required");
  ModernMeta out;
  const Poco::Dynamic::Var version = meta->get(std::string(kMetaProtocolVersion));
  if (!version.isString()) {
    return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaProtocolVersion) +
                                           "\"] must be a string");
  }
  out.protocol_version = version.extract<std::string>();
  out.client_capabilities = meta->getObject(std::string(kMetaClientCapabilities));
  if (!out.client_capabilities) {
    return shared::Status::invalidArgument(
        "params._meta[\"" + std::string(kMetaClientCapabilities) + "\"] must be an object");
  }
  const Poco::Dynamic::Var level = meta->get(std::string(kMetaLogLevel));
  if (!level.isEmpty()) {
    out.log_level = level.isString() ? parseLogLevel(level.extract<std::string>()) : std::nullopt;
    if (!out.log_level) {
      return shared::Status::invalidArgument("params._meta[\"" + std::string(kMetaLogLevel) +
                                             "\"] must be a logging level");
    }
  }
  out.progress_token = meta->get("progressToken");
  return out;
}

bool bodyNamesModernRevision(std::string_view body) {
  const jsonrpc::Parsed parsed = jsonrpc::parse(body);
  if (parsed.batch || parsed.items.size() != 1) return false;
  const auto* message = std::get_if<jsonrpc::Message>(&parsed.items.front());
  if (message == nullptr) return false;
  const Object::Ptr meta = metaOf(*message);
  return meta && meta->has(std::string(kMetaProtocolVersion));
}

}  // namespace mcpd::protocol
