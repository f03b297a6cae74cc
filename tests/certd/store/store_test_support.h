#pragma once

// Helpers for the store tests: a fresh certificate + key for given names, issued by a test CA.

#include <string>
#include <vector>

#include "shared/pki/certificate_builder.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"
#include "tests/support/test_pki.h"

namespace testing {

struct Issued {
  shared::pki::PrivateKey key;
  shared::pki::CertificateChain chain;
};

// A new key and a chain (leaf, intermediate, root) whose leaf covers `names`, valid
// 2020-2040, issued by `pki`'s intermediate.
inline Issued issue(const TestPki& pki, const std::vector<std::string>& names) {
  auto key = unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256));
  shared::pki::CertificateBuilder builder;
  for (const auto& name : names) builder.addDnsName(name);
  builder.validity(utc(2020, 1, 1), utc(2040, 1, 1));
  auto leaf = unwrap(builder.signWith(key, pki.intermediate, pki.intermediate_key));
  return {key, {{leaf, pki.intermediate, pki.root}}};
}

}  // namespace testing
