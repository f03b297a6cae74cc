#include "certd/challenge/tls_alpn01_certificate.h"

#include <arpa/inet.h>
#include <openssl/sha.h>

#include <cctype>

#include "shared/pki/certificate_builder.h"

namespace certd::challenge {

namespace {

std::string normalized(std::string_view identifier) {
  if (!identifier.empty() && identifier.back() == '.') identifier.remove_suffix(1);
  std::string out(identifier);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool isIpIdentifier(std::string_view identifier) {
  const std::string text(identifier);
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

std::string tlsAlpn01ServerName(std::string_view identifier) {
  const std::string text(identifier);
  unsigned char bytes[16];
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    return std::to_string(bytes[3]) + "." + std::to_string(bytes[2]) + "." +
           std::to_string(bytes[1]) + "." + std::to_string(bytes[0]) + ".in-addr.arpa";
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string name;
    for (int i = 15; i >= 0; --i) {
      name.push_back(kHex[bytes[i] & 0xF]);
      name.push_back('.');
      name.push_back(kHex[bytes[i] >> 4]);
      name.push_back('.');
    }
    return name + "ip6.arpa";
  }
  return normalized(identifier);
}

std::string acmeIdentifierDer(std::string_view key_authorization) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(key_authorization.data()), key_authorization.size(),
         digest);
  // RFC 8737 §3: Authorization ::= OCTET STRING (SIZE (32)).
  std::string der = {'\x04', '\x20'};
  der.append(reinterpret_cast<const char*>(digest), sizeof digest);
  return der;
}

shared::Result<ChallengeCertificate> makeTlsAlpn01Certificate(std::string_view identifier,
                                                              std::string_view key_authorization) {
  if (identifier.empty()) {
    return shared::Status::invalidArgument("tlsalpn01: empty identifier");
  }
  auto key = shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256);
  if (!key) return key.status();
  shared::pki::CertificateBuilder builder;
  if (isIpIdentifier(identifier)) {
    builder.addIpAddress(identifier);
  } else {
    builder.addDnsName(normalized(identifier));
  }
  builder.addExtension(kAcmeIdentifierOid, acmeIdentifierDer(key_authorization), true);
  auto certificate = builder.selfSign(*key);
  if (!certificate) return certificate.status();
  return ChallengeCertificate{std::move(*certificate), std::move(*key)};
}

}  // namespace certd::challenge
