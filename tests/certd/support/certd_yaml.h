#pragma once

// Loads certd.yaml text into a CertdConfig as certd does, without an environment: the
// schema's YAML, then its cross-key checks. For the unit tests of what certd derives from
// its configuration.

#include <string>

#include "certd/app/config.h"
#include "shared/config/loader.h"
#include "shared/status.h"

namespace certd_testing {

inline shared::Status loadCertdYaml(certd::app::CertdConfig& config, const std::string& yaml) {
  auto schema = certd::app::buildSchema(config);
  if (auto status = shared::config::applyYamlText(schema, yaml, "certd.yaml"); !status) {
    return status;
  }
  return shared::config::runChecks(schema);
}

}  // namespace certd_testing
