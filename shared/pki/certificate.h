#pragma once

// Certificate: one parsed X.509 certificate with the read-only questions certd and mcpd ask
// of it (names, validity, serial, fingerprint, does it cover a host name). Copies share the
// same immutable X509 (X509_up_ref); a Certificate is never empty: moving copies, too.
// Const methods may be called from any thread. Chains live in certificate_chain.h.

#include <openssl/x509.h>

#include <string>
#include <string_view>
#include <vector>

#include "shared/clock.h"
#include "shared/pki/openssl_ptr.h"
#include "shared/result.h"

namespace shared::pki {

class Certificate {
 public:
  // Parses PEM text holding exactly one "CERTIFICATE" block (surrounding whitespace allowed).
  // Zero or several certificates, garbage or a truncated block fail with kInvalidArgument.
  static Result<Certificate> fromPem(std::string_view pem);

  // Parses one DER certificate; empty input, bad DER or trailing bytes fail (kInvalidArgument).
  static Result<Certificate> fromDer(std::string_view der);

  // Takes ownership of `x509` (e.g. from a TLS handshake or a builder). Fails
  // (kInvalidArgument) when it is null or its validity times cannot be read.
  static Result<Certificate> adopt(X509Ptr x509);

  Certificate(const Certificate& other);
  Certificate& operator=(const Certificate& other);
  ~Certificate() = default;

  // One "-----BEGIN CERTIFICATE-----" block ending in a newline ("" only if OpenSSL
  // cannot allocate memory).
  std::string toPem() const;
  // The DER encoding as binary bytes ("" only if OpenSSL cannot allocate memory).
  std::string toDer() const;

  // subjectAltName dNSName entries, in certificate order; empty when there is no SAN.
  std::vector<std::string> dnsNames() const;
  // subjectAltName iPAddress entries as text: IPv4 dotted, IPv6 in RFC 5952 form ("2001:db8::1").
  std::vector<std::string> ipAddresses() const;
  // dnsNames() followed by ipAddresses().
  std::vector<std::string> subjectAltNames() const;

  // Validity bounds at second precision (RFC 5280 §4.1.2.5; both inclusive). Times past what
  // TimePoint can hold (year 2262) are clamped to TimePoint::max().
  Clock::TimePoint notBefore() const;
  Clock::TimePoint notAfter() const;
  // notBefore() <= at <= notAfter().
  bool isValidAt(Clock::TimePoint at) const;

  // Uppercase hex of the serial number without separators, exactly as
  // `openssl x509 -noout -serial` prints it after "serial=" (e.g. "0A1B").
  std::string serialHex() const;

  // Distinguished names in RFC 2253 one-line form: "CN=leaf.example,O=Example".
  std::string subject() const;
  std::string issuer() const;
  // The issuer's (last) commonName as UTF-8, or "" when it has none.
  std::string issuerCommonName() const;

  // Lowercase hex of SHA-256 over the DER encoding, no separators (64 characters).
  std::string sha256Fingerprint() const;

  // Whether the subjectAltName covers `name`, a DNS name or an IP literal. DNS names compare
  // case-insensitively; a SAN "*.example.com" covers exactly one more label ("a.example.com",
  // not "example.com" or "a.b.example.com"); a requested "*.example.com" is covered only by
  // the same wildcard SAN. IP literals compare as bytes. The subject CN is not consulted.
  bool covers(std::string_view name) const;

  // The OpenSSL certificate, owned by this object; valid as long as it (or a copy) lives.
  X509* get() const { return x509_.get(); }

 private:
  Certificate(X509Ptr x509, Clock::TimePoint not_before, Clock::TimePoint not_after)
      : x509_(std::move(x509)), not_before_(not_before), not_after_(not_after) {}

  X509Ptr x509_;  // never null
  Clock::TimePoint not_before_;
  Clock::TimePoint not_after_;
};

}  // namespace shared::pki
