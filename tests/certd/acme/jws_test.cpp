#include "certd/acme/jws.h"

#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>

#include <catch2/catch.hpp>

#include "certd/acme/base64url.h"
#include "certd/acme/eab.h"
#include "certd/acme/json_fields.h"
#include "certd/acme/jwk.h"
#include "tests/support/test_pki.h"

using namespace certd::acme;
using shared::pki::KeyType;
using shared::pki::PrivateKey;

namespace {

struct Parts {
  std::string protected_b64, payload_b64, signature_b64;
  Poco::JSON::Object::Ptr header;
};

Parts split(const std::string& jws) {
  auto object = testing::unwrap(parseJsonObject(jws, "jws"));
  Parts parts{stringField(*object, "protected"), stringField(*object, "payload"),
              stringField(*object, "signature"), nullptr};
  parts.header =
      testing::unwrap(parseJsonObject(testing::unwrap(base64UrlDecode(parts.protected_b64)), "h"));
  return parts;
}

// Verifies with OpenSSL; a raw r||s ECDSA signature is turned back into DER first.
bool verify(const PrivateKey& key, const Parts& parts, const EVP_MD* md) {
  std::string signature = testing::unwrap(base64UrlDecode(parts.signature_b64));
  if (EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC) {
    const int width = static_cast<int>(signature.size() / 2);
    ECDSA_SIG* sig = ECDSA_SIG_new();
    auto* raw = reinterpret_cast<const unsigned char*>(signature.data());
    ECDSA_SIG_set0(sig, BN_bin2bn(raw, width, nullptr), BN_bin2bn(raw + width, width, nullptr));
    unsigned char* der = nullptr;
    const int size = i2d_ECDSA_SIG(sig, &der);
    signature.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(size));
    OPENSSL_free(der);
    ECDSA_SIG_free(sig);
  }
  const std::string input = parts.protected_b64 + "." + parts.payload_b64;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok =
      EVP_DigestVerifyInit(ctx, nullptr, md, nullptr, key.get()) == 1 &&
      EVP_DigestVerify(ctx, reinterpret_cast<const unsigned char*>(signature.data()),
                       signature.size(), reinterpret_cast<const unsigned char*>(input.data()),
                       input.size()) == 1;
  EVP_MD_CTX_free(ctx);
  return ok;
}

}  // namespace

TEST_CASE("an ES256 JWS carries a 64-byte r||s signature that OpenSSL verifies", "[certd][acme]") {
  auto key = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  auto signer = testing::unwrap(JwsSigner::create(key));
  CHECK(signer.algorithm() == "ES256");
  const auto parts = split(testing::unwrap(
      signer.sign(R"({"termsOfServiceAgreed":true})", "https://ca/new-acct", "n0nce", "")));
  CHECK(testing::unwrap(base64UrlDecode(parts.signature_b64)).size() == 64);
  CHECK(stringField(*parts.header, "alg") == "ES256");
  CHECK(stringField(*parts.header, "nonce") == "n0nce");
  CHECK(stringField(*parts.header, "url") == "https://ca/new-acct");
  CHECK_FALSE(parts.header->getObject("jwk").isNull());
  CHECK_FALSE(parts.header->has("kid"));
  CHECK(testing::unwrap(base64UrlDecode(parts.payload_b64)) == R"({"termsOfServiceAgreed":true})");
  CHECK(verify(key, parts, EVP_sha256()));
}

TEST_CASE("an RS256 JWS with a kid verifies with OpenSSL and has no jwk", "[certd][acme]") {
  auto key = testing::unwrap(PrivateKey::generate(KeyType::kRsa2048));
  auto signer = testing::unwrap(JwsSigner::create(key));
  CHECK(signer.algorithm() == "RS256");
  const auto parts =
      split(testing::unwrap(signer.sign("", "https://ca/order/1", "n1", "https://ca/acct/7")));
  CHECK(stringField(*parts.header, "kid") == "https://ca/acct/7");
  CHECK_FALSE(parts.header->has("jwk"));
  CHECK(parts.payload_b64.empty());  // POST-as-GET
  CHECK(verify(key, parts, EVP_sha256()));
}

TEST_CASE("an ES384 account key signs with a 96-byte signature", "[certd][acme]") {
  auto key = testing::unwrap(PrivateKey::generate(KeyType::kEcP384));
  auto signer = testing::unwrap(JwsSigner::create(key));
  const auto parts = split(testing::unwrap(signer.sign("{}", "https://ca/x", "n", "k")));
  CHECK(stringField(*parts.header, "alg") == "ES384");
  CHECK(testing::unwrap(base64UrlDecode(parts.signature_b64)).size() == 96);
  CHECK(verify(key, parts, EVP_sha384()));
}

TEST_CASE("the JWK thumbprint matches RFC 7638's example", "[certd][acme]") {
  const std::string n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_"
      "BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-"
      "65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-"
      "bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
  const std::string n_bytes = testing::unwrap(base64UrlDecode(n));
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  BIGNUM* bn_n = BN_bin2bn(reinterpret_cast<const unsigned char*>(n_bytes.data()),
                           static_cast<int>(n_bytes.size()), nullptr);
  BIGNUM* bn_e = BN_new();
  BN_set_word(bn_e, 65537);
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_N, bn_n);
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_RSA_E, bn_e);
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr);
  EVP_PKEY* pkey = nullptr;
  REQUIRE(EVP_PKEY_fromdata_init(ctx) == 1);
  REQUIRE(EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) == 1);
  CHECK(testing::unwrap(jwkJson(pkey)) == R"({"e":"AQAB","kty":"RSA","n":")" + n + R"("})");
  CHECK(testing::unwrap(jwkThumbprint(pkey)) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
  CHECK(keyAuthorization("tok", "NzbL") == "tok.NzbL");
  EVP_PKEY_free(pkey);
  EVP_PKEY_CTX_free(ctx);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  BN_free(bn_n);
  BN_free(bn_e);
}

TEST_CASE("an EAB binding is an HS256 JWS over the account JWK for the newAccount URL",
          "[certd][acme]") {
  auto key = testing::unwrap(PrivateKey::generate(KeyType::kEcP256));
  auto signer = testing::unwrap(JwsSigner::create(key));
  const std::string hmac_key = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W";
  const auto parts = split(testing::unwrap(
      externalAccountBinding({"kid-1", hmac_key}, signer.jwk(), "https://ca/sign-me-up")));
  CHECK(stringField(*parts.header, "alg") == "HS256");
  CHECK(stringField(*parts.header, "kid") == "kid-1");
  CHECK(stringField(*parts.header, "url") == "https://ca/sign-me-up");
  CHECK_FALSE(parts.header->has("nonce"));  // RFC 8555 §7.3.4: no nonce
  CHECK(testing::unwrap(base64UrlDecode(parts.payload_b64)) == signer.jwk());
  const std::string raw_key = testing::unwrap(base64UrlDecode(hmac_key));
  const std::string input = parts.protected_b64 + "." + parts.payload_b64;
  unsigned char mac[32];
  unsigned int size = 0;
  HMAC(EVP_sha256(), raw_key.data(), static_cast<int>(raw_key.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &size);
  CHECK(parts.signature_b64 ==
        base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), size)));
  CHECK_FALSE(externalAccountBinding({"kid-1", "not base64!"}, signer.jwk(), "u").isOk());
}
