#pragma once

// JwsSigner: signs ACME request bodies with the account key as flattened JWS JSON
// (RFC 7515 §7.2.2, RFC 8555 §6.2). ES256 (P-256) and ES384 (P-384) signatures are the
// raw r||s concatenation (RFC 7518 §3.4), not DER; RSA keys sign RS256. The protected
// header carries alg, nonce, url and either the `jwk` (newAccount, revocation by
// certificate key) or the account URL as `kid`. Immutable after create(); thread-safe.

#include <string>
#include <string_view>

#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::acme {

class JwsSigner {
 public:
  // Fails (kInvalidArgument) for keys other than ECDSA P-256/P-384 and RSA >= 2048.
  static shared::Result<JwsSigner> create(shared::pki::PrivateKey key);

  // The flattened JWS of `payload` (raw JSON text; "" for POST-as-GET, RFC 8555 §6.3).
  // With an empty `kid` the header embeds the JWK instead.
  shared::Result<std::string> sign(std::string_view payload, std::string_view url,
                                   std::string_view nonce, std::string_view kid) const;

  // A JWS with `jwk` and `url` but no nonce: the inner JWS of a key change (RFC 8555
  // §7.3.5), which is a credential carried inside a request rather than a request.
  shared::Result<std::string> signWithoutNonce(std::string_view payload,
                                               std::string_view url) const;

  // The JWS signature of `signing_input` ("header.payload" text) as raw bytes.
  shared::Result<std::string> signatureOf(std::string_view signing_input) const;

  const std::string& algorithm() const { return alg_; }  // "ES256", "ES384" or "RS256"
  const std::string& jwk() const { return jwk_; }        // canonical JWK JSON
  const std::string& thumbprint() const { return thumbprint_; }
  const shared::pki::PrivateKey& key() const { return key_; }

 private:
  JwsSigner(shared::pki::PrivateKey key, std::string alg, std::string jwk)
      : key_(std::move(key)), alg_(std::move(alg)), jwk_(std::move(jwk)) {}

  // The flattened JWS of `payload` under the protected header JSON `header`.
  shared::Result<std::string> signedWithHeader(const std::string& header,
                                               std::string_view payload) const;

  shared::pki::PrivateKey key_;
  std::string alg_;
  std::string jwk_;
  std::string thumbprint_;
};

// Assembles {"protected":..,"payload":..,"signature":..} from the encoded parts.
std::string flattenedJws(std::string_view protected_b64, std::string_view payload_b64,
                         std::string_view signature_b64);

}  // namespace certd::acme
