#pragma once

// CertificateBuilder: makes X.509 v3 certificates: test CAs and leaves, and the self-signed
// TLS-ALPN-01 challenge certificate (RFC 8737 §3, with its critical acmeIdentifier
// extension). Collects settings, then signs on selfSign()/signWith(); a builder can sign
// several times. Not thread-safe; use one per thread. The keys passed in are only borrowed.
//
// What it emits: version 3, the given serial (default: 16 random bytes, positive), subject
// CN if set (issuer = the issuer's subject), subjectAltName (critical when the subject is
// empty), basicConstraints (critical), keyUsage (critical: digitalSignature for a leaf,
// keyCertSign + cRLSign for a CA), extKeyUsage serverAuth for a leaf, subjectKeyIdentifier,
// authorityKeyIdentifier, then the extra extensions. Signed with SHA-256 (SHA-384 by a
// P-384 issuer key; no digest for Ed25519/Ed448).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/clock.h"
#include "shared/pki/certificate.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace shared::pki {

class CertificateBuilder {
 public:
  // Default validity: from one hour before `clock.now()` to 90 days after it.
  explicit CertificateBuilder(const Clock& clock = SystemClock::instance());

  // Subject commonName (UTF-8, at most 64 characters or signing fails).
  CertificateBuilder& commonName(std::string name);
  // Appends a subjectAltName dNSName; an empty name or one holding NUL fails at signing.
  CertificateBuilder& addDnsName(std::string name);
  // Appends a subjectAltName iPAddress from IPv4/IPv6 text; a bad literal fails at signing.
  CertificateBuilder& addIpAddress(std::string_view address);
  // notBefore/notAfter, truncated to whole seconds; not_before > not_after fails at signing.
  CertificateBuilder& validity(Clock::TimePoint not_before, Clock::TimePoint not_after);
  // A fixed serial number; 0 fails at signing (RFC 5280 §4.1.2.2 wants it positive).
  CertificateBuilder& serial(std::uint64_t serial);
  // A CA certificate (basicConstraints CA:TRUE, keyCertSign) or a leaf (the default).
  CertificateBuilder& ca(bool is_ca);
  // Appends an extension whose extnValue is `der_value` (complete DER, e.g. 04 20 <32 bytes>
  // for acmeIdentifier). `oid` is dotted ("1.3.6.1.5.5.7.1.31") or an OpenSSL short/long
  // name. An unknown name, or an OID the builder or an earlier call already set, fails at
  // signing.
  CertificateBuilder& addExtension(std::string_view oid, std::string der_value, bool critical);
  CertificateBuilder& addExtension(int nid, std::string der_value, bool critical);

  // A certificate for `key`, signed by itself. Fails (kInvalidArgument) for a bad setting
  // above, or (kInternal) when OpenSSL fails.
  Result<Certificate> selfSign(const PrivateKey& key) const;

  // A certificate for `subject_key`, issued by `issuer` and signed with `issuer_key`. Fails
  // like selfSign(), and (kInvalidArgument) when `issuer_key` does not match `issuer`.
  Result<Certificate> signWith(const PrivateKey& subject_key, const Certificate& issuer,
                               const PrivateKey& issuer_key) const;

 private:
  struct Extension {
    std::string oid;  // text as given; empty when nid is set
    int nid = 0;
    std::string der_value;
    bool critical = false;
  };

  // Shared by selfSign and signWith; `issuer` is null for a self-signed certificate.
  Result<Certificate> build(const PrivateKey& subject_key, const Certificate* issuer,
                            const PrivateKey& issuer_key) const;

  std::optional<std::string> common_name_;
  std::vector<std::string> dns_names_;
  std::vector<std::string> ip_addresses_;  // 4 or 16 raw bytes each
  Clock::TimePoint not_before_;
  Clock::TimePoint not_after_;
  std::optional<std::uint64_t> serial_;
  bool ca_ = false;
  std::vector<Extension> extensions_;
  std::optional<std::string> error_;  // first bad setting, reported at signing
};

}  // namespace shared::pki
