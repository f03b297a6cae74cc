#include <catch2/catch.hpp>
#include <filesystem>

#include "certd/store/certificate_store.h"
#include "shared/fs/atomic_file.h"
#include "tests/certd/store/store_test_support.h"
#include "tests/support/temp_dir.h"

using certd::store::CertificateStore;
using testing::unwrap;
using testing::utc;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kImportNames = {"a.example", "www.a.example"};

// Writes {name}.cert.pem and {name}.key.pem as plain files, as older versions did.
void writePlainPair(const fs::path& dir, const testing::Issued& issued) {
  REQUIRE(shared::fs::writeFileAtomically(dir / "a.example.cert.pem",
                                          shared::pki::toPem(issued.chain)));
  REQUIRE(shared::fs::writeFileAtomically(dir / "a.example.key.pem",
                                          unwrap(issued.key.toPkcs8Pem()), {.mode = 0600}));
}

}  // namespace

TEST_CASE("plain files from an older version are imported before the first switch",
          "[certd][store]") {
  testing::TempDir dir;
  auto pki = testing::makeTestPki();
  auto old = testing::issue(pki, kImportNames);
  writePlainPair(dir.path(), old);
  CertificateStore store(dir.path(), {});
  auto before = unwrap(store.current("a.example"));
  CHECK(before.chain.leaf().sha256Fingerprint() == old.chain.leaf().sha256Fingerprint());
  CHECK_FALSE(before.metadata);

  auto next = testing::issue(pki, kImportNames);
  CHECK(unwrap(store.install("a.example", next.key, next.chain, {kImportNames, utc(2033, 1, 1)}))
            .generation == 2);
  CHECK(store.generations("a.example") == std::vector<std::uint64_t>{1, 2});
  CHECK(unwrap(store.current("a.example")).chain.leaf().sha256Fingerprint() ==
        next.chain.leaf().sha256Fingerprint());
  CHECK(fs::is_symlink(dir / "a.example.cert.pem"));
  CHECK(fs::is_symlink(dir / "a.example.key.pem"));
  // The imported generation holds the old pair, ready for rollback.
  REQUIRE(store.rollback("a.example", 1));
  CHECK(unwrap(store.current("a.example")).chain.leaf().sha256Fingerprint() ==
        old.chain.leaf().sha256Fingerprint());
}

TEST_CASE("an old metadata file in another format does not block the import", "[certd][store]") {
  testing::TempDir dir;
  auto pki = testing::makeTestPki();
  auto old = testing::issue(pki, kImportNames);
  writePlainPair(dir.path(), old);
  REQUIRE(shared::fs::writeFileAtomically(dir / "a.example.json", "{\"expires\": 12}"));
  CertificateStore store(dir.path(), {});
  CHECK(store.current("a.example"));
  auto next = testing::issue(pki, kImportNames);
  REQUIRE(store.install("a.example", next.key, next.chain, {kImportNames, utc(2033, 1, 1)}));
  CHECK(store.generations("a.example") == std::vector<std::uint64_t>{1, 2});
  CHECK(fs::is_symlink(dir / "a.example.json"));
}
