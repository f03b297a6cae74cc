#pragma once

// Runs a certificate's deploy hook (after it changed) or failure hook (after a failed
// attempt), when one is configured: the command from the certificate's entry or the top
// level (effectiveCertificates), the environment of certd/hooks/hook_environment.h, and
// config.hook_timeout. Output and failures are logged on "certd.hooks"; nothing is fatal.
// Blocks for at most about hook_timeout. Thread-safe.

#include <string>

#include "certd/app/config.h"
#include "certd/renewal/managed_certificate.h"

namespace certd::app {

void runDeployHook(const CertdConfig& config, const renewal::ManagedCertificate& certificate);
void runFailureHook(const CertdConfig& config, const renewal::ManagedCertificate& certificate,
                    const std::string& error);

}  // namespace certd::app
