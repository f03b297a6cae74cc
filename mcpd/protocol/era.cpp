#include <string_view>

#include "mcpd/protocol/modern_meta.h"
#include "mcpd/protocol/request_metadata.h"
#include "mcpd/protocol/versions.h"

namespace mcpd::protocol {

Era eraOfBodyless(const RequestMetadata& metadata) {
  if (metadata.in_session || !metadata.protocol_version) return Era::kLegacy;
  return isSupportedVersion(*metadata.protocol_version) ? Era::kLegacy : Era::kModern;
}

Era eraOf(const RequestMetadata& metadata, std::string_view body) {
  if (metadata.in_session) return Era::kLegacy;
  if (metadata.protocol_version) return eraOfBodyless(metadata);
  // A cheap look before a parse: legacy bodies never carry the modern _meta key.
  if (body.find(kMetaProtocolVersion) == std::string_view::npos) return Era::kLegacy;
  return bodyNamesModernRevision(body) ? Era::kModern : Era::kLegacy;
}

}  // namespace mcpd::protocol
