#include "certd/acme/jws.h"

#include <openssl/ecdsa.h>
#include <openssl/evp.h>

#include "certd/acme/base64url.h"
#include "certd/acme/jwk.h"
#include "shared/json_string.h"
#include "shared/pki/openssl_error.h"

namespace certd::acme {
namespace {

using shared::pki::KeyType;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// RFC 7518 §3.4: the JWS ECDSA signature is R || S, each left-padded to the field size.
shared::Result<std::string> derToRaw(const std::string& der, int width) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(der.data());
  ECDSA_SIG* parsed = d2i_ECDSA_SIG(nullptr, &bytes, static_cast<long>(der.size()));
  if (parsed == nullptr) return shared::pki::openSslError("jws: decode ECDSA signature");
  std::string raw(static_cast<std::size_t>(2 * width), '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  const bool ok = BN_bn2binpad(ECDSA_SIG_get0_r(parsed), out, width) == width &&
                  BN_bn2binpad(ECDSA_SIG_get0_s(parsed), out + width, width) == width;
  ECDSA_SIG_free(parsed);
  if (!ok) return shared::pki::openSslError("jws: encode ECDSA signature");
  return raw;
}

}  // namespace

shared::Result<JwsSigner> JwsSigner::create(shared::pki::PrivateKey key) {
  const auto type = key.keyType();
  if (!type) {
    return shared::Status::invalidArgument("jws: unsupported account key " + key.description());
  }
  std::string alg = *type == KeyType::kEcP256   ? "ES256"
                    : *type == KeyType::kEcP384 ? "ES384"
                                                : "RS256";
  auto jwk = jwkJson(key.get());
  if (!jwk) return jwk.status();
  JwsSigner signer(std::move(key), std::move(alg), std::move(jwk).value());
  signer.thumbprint_ = thumbprintOfJwkJson(signer.jwk_);
  return signer;
}

shared::Result<std::string> JwsSigner::signatureOf(std::string_view signing_input) const {
  shared::pki::ErrorQueueGuard guard;
  const EVP_MD* digest = alg_ == "ES384" ? EVP_sha384() : EVP_sha256();
  std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, digest, nullptr, key_.get()) != 1) {
    return shared::pki::openSslError("jws: start signature");
  }
  const auto* input = reinterpret_cast<const unsigned char*>(signing_input.data());
  std::size_t size = 0;
  if (EVP_DigestSign(ctx.get(), nullptr, &size, input, signing_input.size()) != 1) {
    return shared::pki::openSslError("jws: size signature");
  }
  std::string signature(size, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &size, input,
                     signing_input.size()) != 1) {
    return shared::pki::openSslError("jws: sign");
  }
  signature.resize(size);
  if (alg_ == "RS256") return signature;  // RFC 7518 §3.3: PKCS #1 v1.5 bytes as they are
  return derToRaw(signature, alg_ == "ES384" ? 48 : 32);
}

shared::Result<std::string> JwsSigner::sign(std::string_view payload, std::string_view url,
                                            std::string_view nonce, std::string_view kid) const {
  // RFC 8555 §6.2: alg, nonce, url, and exactly one of jwk and kid.
  std::string header = R"({"alg":")" + alg_ + '"';
  if (kid.empty()) {
    header += R"(,"jwk":)" + jwk_;
  } else {
    header += R"(,"kid":)";
    shared::appendJsonString(header, kid);
  }
  header += R"(,"nonce":)";
  shared::appendJsonString(header, nonce);
  header += R"(,"url":)";
  shared::appendJsonString(header, url);
  header += '}';
  return signedWithHeader(header, payload);
}

shared::Result<std::string> JwsSigner::signWithoutNonce(std::string_view payload,
                                                        std::string_view url) const {
  // RFC 8555 §7.3.5: the inner JWS has "jwk" and the outer "url", and omits "nonce".
  std::string header = R"({"alg":")" + alg_ + R"(","jwk":)" + jwk_ + R"(,"url":)";
  shared::appendJsonString(header, url);
  header += '}';
  return signedWithHeader(header, payload);
}

shared::Result<std::string> JwsSigner::signedWithHeader(const std::string& header,
                                                        std::string_view payload) const {
  const std::string protected_b64 = base64UrlEncode(header);
  const std::string payload_b64 = base64UrlEncode(payload);
  auto signature = signatureOf(protected_b64 + "." + payload_b64);
  if (!signature) return signature.status();
  return flattenedJws(protected_b64, payload_b64, base64UrlEncode(*signature));
}

std::string flattenedJws(std::string_view protected_b64, std::string_view payload_b64,
                         std::string_view signature_b64) {
  std::string body = R"({"protected":")";
  body += protected_b64;
  body += R"(","payload":")";
  body += payload_b64;
  body += R"(","signature":")";
  body += signature_b64;
  body += R"("})";
  return body;
}

}  // namespace certd::acme
