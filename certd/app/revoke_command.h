#pragma once

// `certd revoke [--reason REASON] NAME`: revokes the certificate saved for NAME (its leaf
// from {certs_dir}/{NAME}.cert.pem) with the configured account (RFC 8555 §7.6) and an
// RFC 5280 reason, by name or code (revocation_reason.h: keyCompromise or 1, ...). A
// keyCompromise revocation is signed by the certificate's own key ({NAME}.key.pem), which
// proves possession (RFC 8555 §7.6); when that key is unusable the account signs it.
// The files stay; the next `certd renew` orders a new certificate only when due.
// Exit codes: 0 revoked, 2 failed (no such certificate, CA refused), 64 bad reason.

#include <string>

#include "certd/app/config.h"

namespace certd::app {

int runRevoke(const CertdConfig& config, const std::string& name, const std::string& reason);

}  // namespace certd::app
