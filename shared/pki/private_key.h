#pragma once

// PrivateKey: one asymmetric private key (an OpenSSL EVP_PKEY) for an ACME account or a
// certificate. Copies share the same immutable EVP_PKEY (EVP_PKEY_up_ref), and a PrivateKey
// is never empty: moving copies, too. Const methods may be called from any thread.
// Key material never appears in a log line or an error message produced here.

#include <openssl/evp.h>

#include <optional>
#include <string>
#include <string_view>

#include "shared/pki/key_type.h"
#include "shared/pki/openssl_ptr.h"
#include "shared/result.h"

namespace shared::pki {

class PrivateKey {
 public:
  // A fresh key of `type` from OpenSSL's default random generator.
  // Fails (kInternal) only when OpenSSL does.
  static Result<PrivateKey> generate(KeyType type);

  // Reads the first private key in `pem`: PKCS#8 "PRIVATE KEY" or traditional
  // "EC PRIVATE KEY" / "RSA PRIVATE KEY". Encrypted keys fail with "encrypted private keys
  // are not supported" and never prompt for a passphrase. Empty, garbage or truncated
  // input fails with kInvalidArgument.
  static Result<PrivateKey> fromPem(std::string_view pem);

  // Takes ownership of `key`. Fails (kInvalidArgument) when it is null or has no private part.
  static Result<PrivateKey> adopt(EvpPkeyPtr key);

  PrivateKey(const PrivateKey& other);
  PrivateKey& operator=(const PrivateKey& other);
  ~PrivateKey() = default;

  // Unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"). Fails only when OpenSSL does.
  Result<std::string> toPkcs8Pem() const;

  // The KeyType this key is, or nullopt for other algorithms and sizes (e.g. Ed25519, RSA 1024).
  std::optional<KeyType> keyType() const;

  // "ECDSA P-256", "RSA 3072", or OpenSSL's type name for other algorithms ("ED25519").
  std::string description() const;

  // The OpenSSL key, owned by this object; valid as long as it (or a copy) lives.
  EVP_PKEY* get() const { return key_.get(); }

 private:
  explicit PrivateKey(EvpPkeyPtr key) : key_(std::move(key)) {}

  EvpPkeyPtr key_;  // never null
};

// The KeyType of any key, private or public (e.g. a certificate's); nullopt when it is none
// of them or `key` is null.
std::optional<KeyType> keyTypeOf(const EVP_PKEY* key);

// The description of any key, private or public: "ECDSA P-256", "RSA 2048", "ECDSA
// secp521r1", "ED25519"; "no key" for null. Never contains key material.
std::string describeKey(const EVP_PKEY* key);

}  // namespace shared::pki
