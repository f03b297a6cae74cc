#pragma once

// External Account Binding (RFC 8555 §7.3.4): a JWS over the account's JWK, MAC'd with
// HS256 under the key the CA handed out with `kid`. Goes into newAccount's payload as
// "externalAccountBinding". The HMAC key is a secret: never log it or this object's input.

#include <string>
#include <string_view>

#include "shared/result.h"

namespace certd::acme {

struct EabCredentials {
  std::string kid;
  std::string hmac_key_b64url;  // as the CA prints it (base64url, padding optional)
  bool empty() const { return kid.empty(); }
};

// The flattened JWS {"protected":..,"payload":..,"signature":..} whose protected header is
// {"alg":"HS256","kid":kid,"url":new_account_url} and whose payload is `account_jwk`.
// kInvalidArgument when the HMAC key is not base64url or is empty.
shared::Result<std::string> externalAccountBinding(const EabCredentials& eab,
                                                   std::string_view account_jwk,
                                                   std::string_view new_account_url);

}  // namespace certd::acme
