#include "certd/app/renew_command.h"

#include "certd/app/hook_dispatch.h"
#include "certd/app/renewal_settings_of.h"

namespace certd::app {

int renewExitCode(const renewal::PassResult& result) {
  if (result.unknown_name || result.failed > 0 || result.locked > 0) return kRenewFailed;
  return result.issued > 0 ? kRenewIssued : kRenewNothingDue;
}

int runRenew(const CertdConfig& config, const RenewOptions& options) {
  renewal::PassObserver hooks{
      .issued = [&](const renewal::ManagedCertificate& cert,
                    const store::CertificateMetadata&) { runDeployHook(config, cert); },
      .failed = [&](const renewal::ManagedCertificate& cert,
                    const std::string& error) { runFailureHook(config, cert, error); }};
  return renewExitCode(renewal::runRenewalPass(renewalSettingsOf(config), options, hooks));
}

}  // namespace certd::app
