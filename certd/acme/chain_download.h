#pragma once

// Downloading an issued certificate (RFC 8555 §7.4.2): POST-as-GET the certificate URL as
// application/pem-certificate-chain, and, when a preferred chain is named and the default
// does not match it, the `Link: rel="alternate"` URLs until one does. Not thread-safe.

#include <string>
#include <string_view>

#include "certd/acme/client.h"
#include "shared/pki/certificate_chain.h"

namespace certd::acme {

// The chosen chain (see chain_selection.h); the default when no alternate matches.
// Errors name the URL: "acme: certificate URL: certificate 2: truncated PEM block".
shared::Result<shared::pki::CertificateChain> downloadChain(AcmeClient& client,
                                                            const std::string& url,
                                                            std::string_view preferred_chain);

}  // namespace certd::acme
