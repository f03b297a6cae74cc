#pragma once

// `certd renew [--force] [NAME]`: one renewal pass (certd/renewal/renewal_pass.h) over the
// configured certificates (or only NAME), then exit. A certificate is ordered when
// renewal::decide() says so: missing, not covering its domains, expired or past its renewal time;
// --force skips the renewal time but never the back-off after failures. Deploy and failure hooks
// run as in `certd run` (hook_dispatch.h).
// Exit codes: 0 when at least one certificate was issued and nothing failed; 1 when nothing
// was due (or every due certificate is backing off); 2 when an attempt failed, NAME is not
// configured, or another process holds a certificate's lock.

#include <string>

#include "certd/app/config.h"
#include "certd/renewal/renewal_pass.h"

namespace certd::app {

inline constexpr int kRenewIssued = 0;
inline constexpr int kRenewNothingDue = 1;
inline constexpr int kRenewFailed = 2;

using RenewOptions = renewal::PassOptions;

// The exit code for a finished pass.
int renewExitCode(const renewal::PassResult& result);

int runRenew(const CertdConfig& config, const RenewOptions& options);

}  // namespace certd::app
