#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "certd/app/due_check.h"
#include "certd/app/save_issued.h"
#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using certd::app::checkDue;
using testing::utc;

TEST_CASE("saveIssued writes the full chain leaf first and a 0600 PKCS#8 key", "[certd][app]") {
  testing::TempDir dir;
  const auto pki = testing::makeTestPki();
  const shared::pki::CertificateChain chain{{pki.leaf, pki.intermediate}};
  REQUIRE(certd::app::saveIssued(dir / "certs", "shop", pki.leaf_key, chain).isOk());
  const auto text = testing::unwrap(shared::fs::readFile(dir / "certs/shop.cert.pem"));
  const auto parsed = testing::unwrap(shared::pki::parseChainPem(text));
  REQUIRE(parsed.certificates.size() == 2);
  CHECK(parsed.leaf().sha256Fingerprint() == pki.leaf.sha256Fingerprint());
  const auto key = testing::unwrap(shared::fs::readFile(dir / "certs/shop.key.pem"));
  CHECK(key.starts_with("-----BEGIN PRIVATE KEY-----"));
  struct stat info {};
  REQUIRE(::stat((dir / "certs/shop.key.pem").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("a certificate is due when missing, not covering, or in the last third of its life",
          "[certd][app]") {
  testing::TempDir dir;
  const std::vector<std::string> domains = {"leaf.example.com", "www.example.com"};
  CHECK(checkDue(dir.path(), "shop", domains, utc(2030, 1, 1)).due);  // nothing on disk

  const auto pki = testing::makeTestPki();  // valid 2020-01-01 .. 2040-01-01
  REQUIRE(certd::app::saveIssued(dir.path(), "shop", pki.leaf_key, pki.chain()).isOk());
  const auto fresh = checkDue(dir.path(), "shop", domains, utc(2030, 1, 1));
  CHECK_FALSE(fresh.due);
  CHECK(checkDue(dir.path(), "shop", domains, utc(2033, 6, 1)).due);  // < 1/3 left
  CHECK(checkDue(dir.path(), "shop", domains, utc(2041, 1, 1)).due);  // expired
  CHECK(checkDue(dir.path(), "shop", {"leaf.example.com", "new.example.com"}, utc(2030, 1, 1))
            .reason == "the certificate does not cover new.example.com");

  // A key that does not belong to the certificate makes it due.
  const auto other = testing::makeTestPki();
  REQUIRE(certd::app::saveIssued(dir.path(), "shop", other.leaf_key, pki.chain()).isOk());
  CHECK(checkDue(dir.path(), "shop", domains, utc(2030, 1, 1)).reason == "the key does not match");
}
