#pragma once

// The RFC 5280 §5.3.1 reason codes a subscriber may give when revoking (RFC 8555 §7.6),
// by name or number: unspecified (0), keyCompromise (1), affiliationChanged (3),
// superseded (4), cessationOfOperation (5). The CA-only codes (cACompromise,
// certificateHold, removeFromCRL, privilegeWithdrawn, aACompromise) and the unused 7 are
// refused, as Let's Encrypt refuses them. Pure; thread-safe.

#include <optional>
#include <string>
#include <string_view>

namespace certd::acme {

// The code for "keyCompromise", "keycompromise" or "1"; nullopt for anything else.
std::optional<int> parseRevocationReason(std::string_view text);

// "keyCompromise" for 1; "" for a code a subscriber cannot send.
std::string_view revocationReasonName(int code);

// "unspecified (0), keyCompromise (1), ..." for error and help texts.
std::string revocationReasonList();

}  // namespace certd::acme
