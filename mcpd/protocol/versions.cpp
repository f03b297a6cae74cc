#include "mcpd/protocol/versions.h"

#include <algorithm>

namespace mcpd::protocol {

bool isSupportedVersion(std::string_view version) {
  return std::find(kSupportedVersions.begin(), kSupportedVersions.end(), version) !=
         kSupportedVersions.end();
}

std::string negotiateVersion(std::string_view requested) {
  return std::string(isSupportedVersion(requested) ? requested : kLatestVersion);
}

bool allowsBatches(std::string_view version) {
  return version == "2025-03-26";
}

bool hasStructuredOutput(std::string_view version) {
  return version >= "2025-06-18";
}

bool hasToolAnnotations(std::string_view version) {
  return version >= "2025-03-26";
}

}  // namespace mcpd::protocol
