#pragma once

// The certificate signing request sent to finalize (RFC 8555 §7.4, RFC 2986): every name
// as a subjectAltName (dNSName or iPAddress), the first host name as the subject CN when
// it fits in 64 characters, signed with the certificate key (SHA-256; SHA-384 for P-384).
// Pure; thread-safe.

#include <string>
#include <vector>

#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::acme {

// The DER bytes of the CSR. kInvalidArgument for an empty name list or a name OpenSSL
// refuses; kInternal when OpenSSL fails otherwise.
shared::Result<std::string> buildCsr(const std::vector<std::string>& names,
                                     const shared::pki::PrivateKey& key);

}  // namespace certd::acme
