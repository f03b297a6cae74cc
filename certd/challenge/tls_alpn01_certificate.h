#pragma once

// The TLS-ALPN-01 challenge certificate (RFC 8737 §3): self-signed, one subjectAltName
// (the DNS name, or for an IP identifier the address, RFC 8738 §6) and the critical
// acmeIdentifier extension (id-pe-acmeIdentifier, 1.3.6.1.5.5.7.1.31) whose value is an
// OCTET STRING holding SHA-256 of the key authorization. Pure; thread-safe.

#include <string>
#include <string_view>

#include "shared/pki/certificate.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::challenge {

inline constexpr std::string_view kAcmeIdentifierOid = "1.3.6.1.5.5.7.1.31";
inline constexpr std::string_view kAcmeTlsAlpn = "acme-tls/1";

// Whether `identifier` is an IPv4 or IPv6 literal.
bool isIpIdentifier(std::string_view identifier);

// The SNI the CA sends for `identifier`: the name itself (lowercased, no trailing dot), or
// for an IP the reverse-mapping name ("1.0.0.127.in-addr.arpa", RFC 8738 §6; nibbles +
// ".ip6.arpa" for IPv6).
std::string tlsAlpn01ServerName(std::string_view identifier);

// The DER extnValue of acmeIdentifier: 04 20 <SHA-256(key_authorization)>.
std::string acmeIdentifierDer(std::string_view key_authorization);

struct ChallengeCertificate {
  shared::pki::Certificate certificate;
  shared::pki::PrivateKey key;
};

// A fresh P-256 key and its challenge certificate for `identifier`. kInvalidArgument for an
// empty identifier; kInternal when OpenSSL fails.
shared::Result<ChallengeCertificate> makeTlsAlpn01Certificate(std::string_view identifier,
                                                              std::string_view key_authorization);

}  // namespace certd::challenge
