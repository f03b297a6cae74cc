#include "certd/challenge/dns01_record.h"

#include <openssl/sha.h>

#include "certd/acme/base64url.h"

namespace certd::challenge {

std::string dns01RecordName(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  // RFC 8555 §8.4: the wildcard prefix is removed before the label is prepended.
  if (domain.substr(0, 2) == "*.") domain.remove_prefix(2);
  return "_acme-challenge." + std::string(domain);
}

std::string dns01TxtValue(std::string_view key_authorization) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key_authorization.data()), key_authorization.size(),
         digest);
  return acme::base64UrlEncode(
      std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

}  // namespace certd::challenge
