#pragma once

// The ARI certificate identifier (RFC 9773 §4.1): base64url(AKI keyIdentifier) "."
// base64url(serial number DER content octets), both without padding. It names the
// certificate in GET {renewalInfo}/{certID} and in a new order's "replaces" field (§5).
// The one implementation of the certID in certd (the ACME layer only fetches by it).
// Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "shared/pki/certificate.h"
#include "shared/result.h"

namespace certd::renewal {

// The identifier from raw bytes: the AKI keyIdentifier and the serial's DER INTEGER
// content octets (with the leading 0x00 a positive serial with its top bit set carries).
std::string ariCertId(std::string_view authority_key_id, std::string_view serial_der_content);

// The identifier of `certificate`; kInvalidArgument when it has no authorityKeyIdentifier
// with a keyIdentifier (ARI cannot name such a certificate).
shared::Result<std::string> ariCertId(const shared::pki::Certificate& certificate);

}  // namespace certd::renewal
