#include "certd/acme/jwk.h"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include "certd/acme/base64url.h"
#include "shared/pki/openssl_error.h"
#include "shared/pki/openssl_ptr.h"

namespace certd::acme {
namespace {

// A BIGNUM parameter as unsigned big-endian bytes of at least `width` bytes (RFC 7518
// §6.2.1.2: EC coordinates are padded to the field size; §6.3.1.1: RSA values are minimal).
shared::Result<std::string> bigEndian(const EVP_PKEY* key, const char* name, int width) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, name, &raw) != 1) {
    return shared::pki::openSslError(std::string("jwk: read ") + name);
  }
  shared::pki::BignumPtr number(raw);
  const int size = std::max(width, BN_num_bytes(number.get()));
  std::string bytes(static_cast<std::size_t>(size), '\0');
  if (BN_bn2binpad(number.get(), reinterpret_cast<unsigned char*>(bytes.data()), size) != size) {
    return shared::pki::openSslError(std::string("jwk: encode ") + name);
  }
  return bytes;
}

}  // namespace

shared::Result<std::string> jwkJson(const EVP_PKEY* key) {
  shared::pki::ErrorQueueGuard guard;
  if (key == nullptr) return shared::Status::invalidArgument("jwk: no key");
  const auto type = shared::pki::keyTypeOf(key);
  if (!type) {
    return shared::Status::invalidArgument("jwk: unsupported account key " +
                                           shared::pki::describeKey(key));
  }
  if (*type == shared::pki::KeyType::kEcP256 || *type == shared::pki::KeyType::kEcP384) {
    const bool p256 = *type == shared::pki::KeyType::kEcP256;
    const int width = p256 ? 32 : 48;
    auto x = bigEndian(key, OSSL_PKEY_PARAM_EC_PUB_X, width);
    if (!x) return x.status();
    auto y = bigEndian(key, OSSL_PKEY_PARAM_EC_PUB_Y, width);
    if (!y) return y.status();
    return std::string(R"({"crv":")") + (p256 ? "P-256" : "P-384") + R"(","kty":"EC","x":")" +
           base64UrlEncode(*x) + R"(","y":")" + base64UrlEncode(*y) + R"("})";
  }
  auto n = bigEndian(key, OSSL_PKEY_PARAM_RSA_N, 0);
  if (!n) return n.status();
  auto e = bigEndian(key, OSSL_PKEY_PARAM_RSA_E, 0);
  if (!e) return e.status();
  return R"({"e":")" + base64UrlEncode(*e) + R"(","kty":"RSA","n":")" + base64UrlEncode(*n) +
         R"("})";
}

std::string thumbprintOfJwkJson(std::string_view canonical_jwk) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(canonical_jwk.data()), canonical_jwk.size(),
         digest);
  return base64UrlEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

shared::Result<std::string> jwkThumbprint(const EVP_PKEY* key) {
  auto jwk = jwkJson(key);
  if (!jwk) return jwk.status();
  return thumbprintOfJwkJson(*jwk);
}

std::string keyAuthorization(std::string_view token, std::string_view thumbprint) {
  std::string text(token);
  text += '.';
  text += thumbprint;
  return text;
}

}  // namespace certd::acme
