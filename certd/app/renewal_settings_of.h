#pragma once

// The typed renewal settings of a loaded CertdConfig: the managed certificates (the
// effective list, solver names turned into a SolverChoice), the CA session settings and
// the solver settings with every host:port parsed. The config's checks (config.h) have
// already refused any malformed address with its key and line, so these conversions cannot
// fail; commands call them once per loaded configuration (at start, and after a SIGHUP).

#include <vector>

#include "certd/app/config.h"
#include "certd/renewal/renewal_settings.h"

namespace certd::app {

// One entry of effectiveCertificates(), typed; `prefer_dns_persist` is dns_persist.prefer.
renewal::ManagedCertificate managedCertificateOf(const CertificateConfig& effective,
                                                 bool prefer_dns_persist = false);
std::vector<renewal::ManagedCertificate> managedCertificates(const CertdConfig& config);

renewal::AcmeSessionSettings acmeSessionSettingsOf(const CertdConfig& config);
challenge::SolverSettings solverSettingsOf(const CertdConfig& config);

renewal::RenewalSettings renewalSettingsOf(const CertdConfig& config);

}  // namespace certd::app
