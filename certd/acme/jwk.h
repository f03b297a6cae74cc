#pragma once

// JWK (RFC 7517) of an ACME account's public key, and its thumbprint (RFC 7638), which
// makes key authorizations (RFC 8555 §8.1). Supports ECDSA P-256/P-384 and RSA. The JSON
// is written with members in lexicographic order and no whitespace, so the same text is
// both the `jwk` header and the thumbprint input. Pure; thread-safe.

#include <string>
#include <string_view>

#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::acme {

// `{"crv":"P-256","kty":"EC","x":"...","y":"..."}` or `{"e":"AQAB","kty":"RSA","n":"..."}`.
// kInvalidArgument for other key algorithms.
shared::Result<std::string> jwkJson(const EVP_PKEY* key);

// base64url(SHA-256(jwkJson(key))).
shared::Result<std::string> jwkThumbprint(const EVP_PKEY* key);

// SHA-256 over the canonical JWK text, base64url: the thumbprint of a given JWK string.
std::string thumbprintOfJwkJson(std::string_view canonical_jwk);

// "token.thumbprint" (RFC 8555 §8.1). Secret-ish: never log it.
std::string keyAuthorization(std::string_view token, std::string_view thumbprint);

}  // namespace certd::acme
