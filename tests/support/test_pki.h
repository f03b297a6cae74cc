#pragma once

// Test helpers for shared::pki: a three-level test PKI (root CA -> intermediate CA -> leaf)
// made with CertificateBuilder, calendar time points, and unwrapping Results inside a
// Catch2 test case. For tests only; each call builds fresh keys, nothing is shared.

#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>

#include "shared/clock.h"
#include "shared/pki/certificate.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/key_type.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace testing {

// The value of `result`, or fails the running Catch2 test with the status message.
template <class T>
T unwrap(shared::Result<T> result) {
  if (!result) FAIL(result.status().toString());
  return std::move(result).value();
}

// A UTC calendar time at second precision, e.g. utc(2051, 6, 1, 12, 34, 56).
shared::Clock::TimePoint utc(int year, unsigned month, unsigned day, int hour = 0, int minute = 0,
                             int second = 0);

struct TestPki {
  shared::pki::PrivateKey root_key;
  shared::pki::Certificate root;  // CN=Test Root CA, self-signed, CA
  shared::pki::PrivateKey intermediate_key;
  shared::pki::Certificate intermediate;  // CN=Test Intermediate CA, CA
  shared::pki::PrivateKey leaf_key;
  shared::pki::Certificate leaf;  // CN=leaf.example.com, SANs leaf.example.com, www.example.com

  // leaf, intermediate, root.
  shared::pki::CertificateChain chain() const { return {{leaf, intermediate, root}}; }
};

// A fresh test PKI valid from 2020-01-01 to 2040-01-01; the leaf key is of `leaf_key_type`,
// the CA keys are ECDSA P-256.
TestPki makeTestPki(shared::pki::KeyType leaf_key_type = shared::pki::KeyType::kEcP256);

// A self-signed leaf for `key` with the given DNS SANs.
shared::pki::Certificate selfSignedLeaf(const shared::pki::PrivateKey& key,
                                        std::initializer_list<std::string> dns_names);

}  // namespace testing
