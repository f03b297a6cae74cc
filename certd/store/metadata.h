#pragma once

// CertificateMetadata: the {name}.json file of the certs directory (docs/certd.md, "The certs
// directory"), written last into each generation. What it holds is derived from the installed
// chain, except the domains and renewal time, which the caller supplies. A plain value.
//
// The JSON document (stable keys; readers must ignore keys they do not know):
//   {"name":"a.example","domains":["a.example"],"serial":"0A1B",
//    "not_before":"2026-01-01T00:00:00Z","not_after":"2026-04-01T00:00:00Z",
//    "issuer":"CN=R11,O=Let's Encrypt,C=US","sha256":"<64 hex of the leaf DER>",
//    "renewal_time":"2026-03-02T00:00:00Z","generation":7,"installed_at":"..."}

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/clock.h"
#include "shared/pki/certificate_chain.h"
#include "shared/result.h"

namespace certd::store {

struct CertificateMetadata {
  std::string name;
  std::vector<std::string> domains;  // as configured, in order
  std::string serial;                // uppercase hex of the leaf's serial
  shared::Clock::TimePoint not_before;
  shared::Clock::TimePoint not_after;
  std::string issuer;  // the leaf's issuer DN, RFC 2253
  std::string sha256;  // lowercase hex of SHA-256 over the leaf DER
  shared::Clock::TimePoint renewal_time;
  std::uint64_t generation = 0;
  shared::Clock::TimePoint installed_at;

  friend bool operator==(const CertificateMetadata&, const CertificateMetadata&) = default;
};

// Metadata for `chain`'s leaf with the caller's fields filled in. Precondition: `chain`
// came from parseChainPem (not empty).
CertificateMetadata describeChain(std::string_view name, std::vector<std::string> domains,
                                  const shared::pki::CertificateChain& chain,
                                  shared::Clock::TimePoint renewal_time, std::uint64_t generation,
                                  shared::Clock::TimePoint installed_at);

// The JSON document above, one line, newline-terminated. Times at second precision.
std::string toJson(const CertificateMetadata& metadata);

// Parses a document written by toJson. A missing or mistyped key, bad JSON or a bad time
// fails with kInvalidArgument naming the key.
shared::Result<CertificateMetadata> parseMetadata(std::string_view json);

}  // namespace certd::store
