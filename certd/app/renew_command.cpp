#include "certd/app/renew_command.h"

namespace certd::app {

int renewExitCode(const PassResult& result) {
  if (result.unknown_name || result.failed > 0 || result.locked > 0) return kRenewFailed;
  return result.issued > 0 ? kRenewIssued : kRenewNothingDue;
}

int runRenew(const CertdConfig& config, const RenewOptions& options) {
  return renewExitCode(runRenewalPass(config, options));
}

}  // namespace certd::app
