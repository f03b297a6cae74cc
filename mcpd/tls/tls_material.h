#pragma once

// TlsMaterial: one validated certificate chain and its private key, as every new TLS
// handshake serves it, plus what /metrics and the logs say about it. Immutable once built;
// shared between threads through std::shared_ptr<const TlsMaterial>.
//
// loadTlsMaterial() reads the pair certd writes (docs/certd.md, "The certs directory") and applies
// the one definition of "valid" mcpd uses, at start-up and on every reload: the chain
// parses, the key matches the leaf, the leaf is inside its validity period now, and it
// covers the configured domain (when there is one). Anything else is refused with a reason
// naming the file.

#include <openssl/x509.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "shared/clock.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace mcpd::tls {

// Where certd puts the files for certificate `name` in `certs_dir`.
struct CertificatePaths {
  std::filesystem::path chain;  // {name}.cert.pem: full chain, leaf first
  std::filesystem::path key;    // {name}.key.pem

  static CertificatePaths of(const std::filesystem::path& certs_dir, std::string_view name);
};

struct TlsMaterial {
  shared::pki::CertificateChain chain;
  shared::pki::PrivateKey key;
  std::string source_digest;  // SHA-256 over both files' bytes: equal digests, same material
  // The chain minus its leaf, built once so that a handshake only takes references.
  std::shared_ptr<STACK_OF(X509)> intermediates;

  const shared::pki::Certificate& leaf() const { return chain.leaf(); }
};

// Reads and validates the pair at `paths` for `domain` ("" : any name) at time `now`. Errors name
// the file and the reason: "/certs/a.cert.pem: certificate 1: truncated PEM block", "certificate
// expired at 2026-01-01T00:00:00Z", "certificate does not cover mcp.example (it names
// other.example)". The key's bytes never appear in an error.
shared::Result<std::shared_ptr<const TlsMaterial>> loadTlsMaterial(const CertificatePaths& paths,
                                                                   std::string_view domain,
                                                                   shared::Clock::TimePoint now);

// SHA-256 over both files' bytes, to tell "nothing changed" without parsing.
shared::Result<std::string> digestFiles(const CertificatePaths& paths);

}  // namespace mcpd::tls
