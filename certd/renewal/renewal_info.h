#pragma once

// RenewalInfo: the body of an ARI renewalInfo response (RFC 9773 §4.2):
//   {"suggestedWindow":{"start":"2025-01-02T04:00:00Z","end":"2025-01-03T04:00:00Z"},
//    "explanationURL":"https://acme.example.com/docs/ari"}
// The Retry-After header that comes with it is the HTTP layer's business. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

#include "certd/renewal/renewal_time.h"
#include "shared/result.h"

namespace certd::renewal {

struct RenewalInfo {
  AriWindow suggested_window;
  std::optional<std::string> explanation_url;
};

// Parses the body. Fails (kInvalidArgument, "ari: ...") on bad JSON, a missing or
// non-RFC-3339 start/end, or end not after start (§4.2: the client must treat such a
// window as invalid). Unknown members are ignored.
shared::Result<RenewalInfo> parseRenewalInfo(std::string_view json);

}  // namespace certd::renewal
