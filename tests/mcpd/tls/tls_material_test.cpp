// What mcpd accepts as a servable certificate pair, and the reasons it gives for refusing.
#include "mcpd/tls/tls_material.h"

#include <catch2/catch.hpp>

#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

namespace {

using mcpd::tls::CertificatePaths;
using mcpd::tls::loadTlsMaterial;
using testing::utc;

const auto kMaterialNow = utc(2030, 6, 1);

void writePair(const CertificatePaths& paths, const shared::pki::CertificateChain& chain,
               const shared::pki::PrivateKey& key) {
  REQUIRE(shared::fs::writeFileAtomically(paths.chain, shared::pki::toPem(chain)));
  REQUIRE(shared::fs::writeFileAtomically(paths.key, testing::unwrap(key.toPkcs8Pem()), {0600}));
}

}  // namespace

TEST_CASE("a matching, current chain that covers the domain is loaded with its intermediates") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "leaf.example.com");
  CHECK(paths.chain == dir / "leaf.example.com.cert.pem");
  CHECK(paths.key == dir / "leaf.example.com.key.pem");
  writePair(paths, pki.chain(), pki.leaf_key);

  const auto material = testing::unwrap(loadTlsMaterial(paths, "www.example.com", kMaterialNow));
  CHECK(material->leaf().serialHex() == pki.leaf.serialHex());
  CHECK(sk_X509_num(material->intermediates.get()) == 2);
  CHECK(material->source_digest == testing::unwrap(mcpd::tls::digestFiles(paths)));
}

TEST_CASE("a key that does not match the certificate is refused naming both files") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "a");
  writePair(paths, pki.chain(), pki.intermediate_key);
  const auto result = loadTlsMaterial(paths, "leaf.example.com", kMaterialNow);
  REQUIRE_FALSE(result);
  CHECK_THAT(result.status().message(), Catch::Contains("a.cert.pem and") &&
                                            Catch::Contains("a.key.pem") &&
                                            Catch::Contains("does not match"));
}

TEST_CASE("a truncated certificate file is refused with the file's name") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "a");
  writePair(paths, pki.chain(), pki.leaf_key);
  const std::string pem = shared::pki::toPem(pki.chain());
  REQUIRE(shared::fs::writeFileAtomically(paths.chain, pem.substr(0, pem.size() / 3)));
  const auto result = loadTlsMaterial(paths, "leaf.example.com", kMaterialNow);
  REQUIRE_FALSE(result);
  CHECK_THAT(result.status().message(), Catch::StartsWith(paths.chain.string() + ": certificate"));
}

TEST_CASE("an expired or not yet valid certificate is refused with its date") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "a");
  writePair(paths, pki.chain(), pki.leaf_key);
  const auto expired = loadTlsMaterial(paths, "leaf.example.com", utc(2041, 1, 1));
  REQUIRE_FALSE(expired);
  CHECK_THAT(expired.status().message(), Catch::Contains("certificate expired at 2040-01-01"));
  const auto early = loadTlsMaterial(paths, "leaf.example.com", utc(2019, 1, 1));
  REQUIRE_FALSE(early);
  CHECK_THAT(early.status().message(), Catch::Contains("not valid before 2020-01-01"));
}

TEST_CASE("a certificate for another domain is refused listing the names it has") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "a");
  writePair(paths, pki.chain(), pki.leaf_key);
  const auto result = loadTlsMaterial(paths, "mcp.example.org", kMaterialNow);
  REQUIRE_FALSE(result);
  CHECK_THAT(result.status().message(),
             Catch::Contains("does not cover mcp.example.org (it names leaf.example.com, "
                             "www.example.com)"));
}

TEST_CASE("a missing key file is reported as missing") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const auto paths = CertificatePaths::of(dir.path(), "a");
  REQUIRE(shared::fs::writeFileAtomically(paths.chain, shared::pki::toPem(pki.chain())));
  const auto result = loadTlsMaterial(paths, "leaf.example.com", kMaterialNow);
  REQUIRE_FALSE(result);
  CHECK(result.status().code() == shared::Status::Code::kNotFound);
  CHECK_THAT(result.status().message(), Catch::Contains("a.key.pem"));
}
