#pragma once

// The certificates the configuration asks for, as {name, domains}. Today one certificate
// named after domains[0]; a `certificates:` list in the config will extend this (issue 5).

#include <string>
#include <vector>

#include "certd/app/config.h"

namespace certd::app {

struct ConfiguredCertificate {
  std::string name;                  // names its files in the certs directory
  std::vector<std::string> domains;  // every name the certificate must cover
};

// One entry per configured certificate, in config order; empty when no domain is set.
std::vector<ConfiguredCertificate> configuredCertificates(const CertdConfig& config);

}  // namespace certd::app
