#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "certd/store/certificate_store.h"
#include "shared/fs/atomic_file.h"
#include "tests/certd/store/store_test_support.h"
#include "tests/support/temp_dir.h"

using testing::unwrap;
using testing::utc;

namespace {

const std::vector<std::string> kReaderNames = {"a.example"};

// Reads `cert` then `key` and reports whether they form a matching pair.
bool readMatchingPair(const std::filesystem::path& cert, const std::filesystem::path& key) {
  auto cert_pem = shared::fs::readFile(cert);
  auto key_pem = shared::fs::readFile(key);
  if (!cert_pem || !key_pem) return false;
  auto chain = shared::pki::parseChainPem(*cert_pem);
  auto private_key = shared::pki::PrivateKey::fromPem(*key_pem);
  return chain && private_key && shared::pki::checkPair(*chain, *private_key).isOk();
}

}  // namespace

TEST_CASE("readers racing renewals always find a consistent combined file and converge on a pair",
          "[certd][store]") {
  testing::TempDir dir;
  certd::store::CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  std::vector<testing::Issued> pairs;
  for (int i = 0; i < 20; ++i) pairs.push_back(testing::issue(pki, kReaderNames));
  unwrap(store.install("a.example", pairs[0].key, pairs[0].chain, {kReaderNames, utc(2033, 1, 1)}));

  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (std::size_t i = 1; i < pairs.size(); ++i) {
      if (!store.install("a.example", pairs[i].key, pairs[i].chain,
                         {kReaderNames, utc(2033, 1, 1)})) {
        break;
      }
    }
    done = true;
  });

  int reads = 0;
  int combined_inconsistent = 0;
  int max_retries = 0;
  const auto cert = dir / "a.example.cert.pem";
  const auto key = dir / "a.example.key.pem";
  while (!done || reads < 50) {
    ++reads;
    // {name}.pem is one file: its key and its chain always belong together.
    auto combined = unwrap(shared::fs::readFile(dir / "a.example.pem"));
    auto chain = shared::pki::parseChainPem(combined.substr(combined.find("-----BEGIN CERT")));
    auto combined_key = shared::pki::PrivateKey::fromPem(combined);
    if (!chain || !combined_key || !shared::pki::checkPair(*chain, *combined_key)) {
      ++combined_inconsistent;
    }
    // Two files read one after the other may straddle a switch; a retry converges.
    int retries = 0;
    while (!readMatchingPair(cert, key) && retries < 100) ++retries;
    max_retries = std::max(max_retries, retries);
  }
  writer.join();
  INFO("reads=" << reads << " max_retries=" << max_retries);
  CHECK(combined_inconsistent == 0);
  CHECK(max_retries < 100);
  CHECK(store.liveGeneration("a.example") == 20u);
}
