#pragma once

// CertificateChain: a leaf certificate followed by the intermediates that certify it, as an
// ACME server serves it (RFC 8555 §9.1, application/pem-certificate-chain) and as TLS sends
// it. Plus the checks that tie a chain to its private key. A plain value: copies share the
// immutable certificates; const use from many threads is safe.

#include <string>
#include <string_view>
#include <vector>

#include "shared/pki/certificate.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace shared::pki {

struct CertificateChain {
  std::vector<Certificate> certificates;  // leaf first; parseChainPem never returns it empty

  // The first certificate. Precondition: `certificates` is not empty (aborts otherwise).
  const Certificate& leaf() const;
};

// Parses one or more "CERTIFICATE" PEM blocks, leaf first, separated only by whitespace
// (RFC 7468 strict form, as RFC 8555 §9.1 requires). Errors (kInvalidArgument) name the
// 1-based certificate: "certificate 1: no PEM certificate found" for empty input,
// "certificate 2: truncated PEM block", "certificate 2: unexpected text after the END line".
// Never echoes the input, which might be a misplaced private key.
Result<CertificateChain> parseChainPem(std::string_view pem);

// The chain as concatenated PEM blocks, leaf first.
std::string toPem(const CertificateChain& chain);

// Whether `key` is the private half of `certificate`'s public key. False for different
// algorithms, curves or sizes, and for certificates whose key OpenSSL cannot decode.
bool keyMatches(const PrivateKey& key, const Certificate& certificate);

// Ok when the chain is non-empty and `key` matches its leaf. Otherwise kInvalidArgument:
// "private key does not match the certificate (key ECDSA P-256, certificate key RSA 2048)".
Status checkPair(const CertificateChain& chain, const PrivateKey& key);

}  // namespace shared::pki
