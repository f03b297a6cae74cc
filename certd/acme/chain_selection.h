#pragma once

// Choosing among the chains a CA offers for one certificate (RFC 8555 §7.4.2: the default
// plus `Link: rel="alternate"` ones), as certbot's and lego's `preferred_chain` do: the first
// chain whose topmost certificate's issuer common name equals the preferred name, else the
// default (index 0). Pure; thread-safe.

#include <string_view>
#include <vector>

#include "shared/pki/certificate_chain.h"

namespace certd::acme {

// Index into `chains` (never empty) of the chosen one; 0 when `preferred` is "" or no chain
// matches.
std::size_t selectChain(const std::vector<shared::pki::CertificateChain>& chains,
                        std::string_view preferred);

// Whether `chain`'s topmost certificate is issued by a CA named `common_name`.
bool topmostIssuerIs(const shared::pki::CertificateChain& chain, std::string_view common_name);

}  // namespace certd::acme
