#include "certd/app/renew_command.h"

#include "certd/app/hook_dispatch.h"

namespace certd::app {

int renewExitCode(const PassResult& result) {
  if (result.unknown_name || result.failed > 0 || result.locked > 0) return kRenewFailed;
  return result.issued > 0 ? kRenewIssued : kRenewNothingDue;
}

int runRenew(const CertdConfig& config, const RenewOptions& options) {
  PassObserver hooks{
      .issued = [&](const CertificateConfig& cert,
                    const store::CertificateMetadata&) { runDeployHook(config, cert); },
      .failed = [&](const CertificateConfig& cert,
                    const std::string& error) { runFailureHook(config, cert, error); }};
  return renewExitCode(runRenewalPass(config, options, hooks));
}

}  // namespace certd::app
