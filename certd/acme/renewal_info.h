#pragma once

// The wire half of ACME Renewal Information (ARI, RFC 9773): GET {renewalInfo}/{certID}.
// What the body means (the suggested window) and how a certificate's certID is computed are
// the renewal policy's business (certd/renewal/renewal_info.h, ari_cert_id.h); this file
// only speaks HTTP. One thread: it uses the (single-threaded) client.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "certd/acme/client.h"

namespace certd::acme {

struct RenewalInfoResponse {
  std::string body;                                      // JSON, unparsed
  std::optional<std::chrono::milliseconds> retry_after;  // when to ask again (§4.3)
};

// GETs {renewalInfo}/{cert_id} (RFC 9773 §4.2: no JWS). kNotFound when the directory has no
// renewalInfo; the CA's problem for an error status.
shared::Result<RenewalInfoResponse> fetchRenewalInfo(AcmeClient& client, std::string_view cert_id);

}  // namespace certd::acme
