#pragma once

// Base64URL without padding (RFC 7515 §2, RFC 4648 §5): the encoding of every JWS part,
// JWK member and key authorization in ACME. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::acme {

// `data` (any bytes) as unpadded base64url text.
std::string base64UrlEncode(std::string_view data);

// The bytes of unpadded (or padded) base64url `text`; kInvalidArgument for characters
// outside the URL-safe alphabet or an impossible length.
shared::Result<std::string> base64UrlDecode(std::string_view text);

}  // namespace certd::acme
