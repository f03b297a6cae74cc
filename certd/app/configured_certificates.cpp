#include "certd/app/configured_certificates.h"

namespace certd::app {

std::vector<ConfiguredCertificate> configuredCertificates(const CertdConfig& config) {
  if (config.domains.empty()) return {};
  return {{config.domains.front(), config.domains}};
}

}  // namespace certd::app
