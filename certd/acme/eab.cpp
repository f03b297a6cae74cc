#include "certd/acme/eab.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "certd/acme/base64url.h"
#include "certd/acme/jws.h"
#include "shared/json_string.h"

namespace certd::acme {

shared::Result<std::string> externalAccountBinding(const EabCredentials& eab,
                                                   std::string_view account_jwk,
                                                   std::string_view new_account_url) {
  auto key = base64UrlDecode(eab.hmac_key_b64url);
  if (!key || key->empty()) {
    return shared::Status::invalidArgument("eab: the HMAC key of kid " + eab.kid +
                                           " is not base64url");
  }
  std::string header = R"({"alg":"HS256","kid":)";
  shared::appendJsonString(header, eab.kid);
  header += R"(,"url":)";
  shared::appendJsonString(header, new_account_url);
  header += '}';
  const std::string protected_b64 = base64UrlEncode(header);
  const std::string payload_b64 = base64UrlEncode(account_jwk);
  const std::string input = protected_b64 + "." + payload_b64;
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha256(), key->data(), static_cast<int>(key->size()),
           reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac,
           &mac_size) == nullptr) {
    return shared::Status::internal("eab: HMAC-SHA256 failed");
  }
  return flattenedJws(protected_b64, payload_b64,
                      base64UrlEncode(std::string_view(reinterpret_cast<char*>(mac), mac_size)));
}

}  // namespace certd::acme
