#pragma once

// ACME Renewal Information (ARI, RFC 9773): the certificate identifier the CA knows a
// certificate by, and the renewal window it suggests for it. The decision of when to renew
// belongs to the renewal policy; this file only speaks the protocol. Thread-safe except
// fetchRenewalInfo(), which uses the (single-threaded) client.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "certd/acme/client.h"
#include "shared/clock.h"
#include "shared/pki/certificate.h"

namespace certd::acme {

// RFC 9773 §4.1: base64url(AKI keyIdentifier) "." base64url(DER serial number bytes).
std::string ariCertIdFromParts(std::string_view authority_key_id, std::string_view serial_der);

// The certID of `certificate`; kInvalidArgument when it has no authorityKeyIdentifier
// keyIdentifier.
shared::Result<std::string> ariCertId(const shared::pki::Certificate& certificate);

struct RenewalInfo {
  shared::Clock::TimePoint window_start;
  shared::Clock::TimePoint window_end;
  std::string explanation_url;                           // "" when absent
  std::optional<std::chrono::milliseconds> retry_after;  // when to ask again (§4.3)
};

// Parses a renewalInfo body; fails unless suggestedWindow has RFC 3339 start <= end.
shared::Result<RenewalInfo> parseRenewalInfo(std::string_view body);

// GETs {renewalInfo}/{certID} (RFC 9773 §4.2: no JWS). kNotFound when the directory has no
// renewalInfo; the CA's problem otherwise.
shared::Result<RenewalInfo> fetchRenewalInfo(AcmeClient& client,
                                             const shared::pki::Certificate& certificate);

}  // namespace certd::acme
