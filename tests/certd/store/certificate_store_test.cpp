#include "certd/store/certificate_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "certd/store/symlink.h"
#include "shared/fs/atomic_file.h"
#include "tests/certd/store/store_test_support.h"
#include "tests/support/temp_dir.h"

using certd::store::CertificateStore;
using certd::store::InstallRequest;
using certd::store::PublicFile;
using testing::unwrap;
using testing::utc;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kStoreNames = {"a.example", "www.a.example"};

mode_t storeFileMode(const fs::path& path) {
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

InstallRequest request() {
  return {kStoreNames, utc(2033, 5, 1)};
}

}  // namespace

TEST_CASE("the store publishes four relative links that resolve into one generation",
          "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  auto metadata = unwrap(store.install("a.example", issued.key, issued.chain, request()));
  CHECK(metadata.generation == 1);

  for (auto file : certd::store::kPublicFiles) {
    const fs::path path = store.layout().publicPath("a.example", file);
    REQUIRE(fs::is_symlink(path));
    const std::string target = unwrap(certd::store::readSymlink(path));
    CHECK(fs::path(target).is_relative());
    CHECK(fs::canonical(path) ==
          fs::canonical(store.layout().generationFile("a.example", 1, file)));
  }
  CHECK(unwrap(certd::store::readSymlink(store.layout().liveLink("a.example"))) ==
        ".a.example.gen/000001");
  CHECK(unwrap(shared::fs::readFile(dir / "a.example.cert.pem")) ==
        shared::pki::toPem(issued.chain));
}

TEST_CASE("the store writes keys 0600 and public files 0644", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  CHECK(storeFileMode(dir / "a.example.key.pem") == 0600);
  CHECK(storeFileMode(dir / "a.example.pem") == 0600);
  CHECK(storeFileMode(dir / "a.example.cert.pem") == 0644);
  CHECK(storeFileMode(dir / "a.example.json") == 0644);
}

TEST_CASE("with a key group the store writes keys 0640 owned by that group", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {.key_group = ::getgid()});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  for (const char* file : {"a.example.key.pem", "a.example.pem"}) {
    CHECK(storeFileMode(dir / file) == 0640);
    struct stat st {};
    REQUIRE(::stat((dir / file).c_str(), &st) == 0);
    CHECK(st.st_gid == ::getgid());
  }
}

TEST_CASE("the combined file is the key followed by the full chain", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  CHECK(unwrap(shared::fs::readFile(dir / "a.example.pem")) ==
        unwrap(issued.key.toPkcs8Pem()) + shared::pki::toPem(issued.chain));
}

TEST_CASE("the metadata describes the leaf, the domains and the renewal time", "[certd][store]") {
  testing::TempDir dir;
  shared::ManualClock clock(utc(2030, 2, 3, 4, 5, 6));
  CertificateStore store(dir.path(), {}, clock);
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  auto m =
      unwrap(certd::store::parseMetadata(unwrap(shared::fs::readFile(dir / "a.example.json"))));
  const auto& leaf = issued.chain.leaf();
  CHECK(m.name == "a.example");
  CHECK(m.domains == kStoreNames);
  CHECK(m.serial == leaf.serialHex());
  CHECK(m.not_before == utc(2020, 1, 1));
  CHECK(m.not_after == utc(2040, 1, 1));
  CHECK(m.issuer == "CN=Test Intermediate CA");
  CHECK(m.sha256 == leaf.sha256Fingerprint());
  CHECK(m.renewal_time == utc(2033, 5, 1));
  CHECK(m.generation == 1);
  CHECK(m.installed_at == utc(2030, 2, 3, 4, 5, 6));
}

TEST_CASE("a key that does not match is refused and the old pair stays live", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto good = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", good.key, good.chain, request()));
  auto other = testing::issue(pki, kStoreNames);

  auto refused = store.install("a.example", other.key, good.chain, request());
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == shared::Status::Code::kInvalidArgument);
  CHECK_THAT(refused.status().message(), Catch::Contains("does not match"));
  CHECK(store.liveGeneration("a.example") == 1u);
  CHECK(store.generations("a.example") == std::vector<std::uint64_t>{1});
  auto live = unwrap(store.current("a.example"));
  CHECK(live.chain.leaf().sha256Fingerprint() == good.chain.leaf().sha256Fingerprint());
}

TEST_CASE("a certificate that misses a configured domain is refused", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, {"a.example"});
  auto refused = store.install("a.example", issued.key, issued.chain, request());
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.status().message(), Catch::Contains("does not cover www.a.example"));
  CHECK_FALSE(fs::exists(dir / "a.example.cert.pem"));
}

TEST_CASE("the store keeps the newest generations and prunes older ones", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {.keep_generations = 3});
  auto pki = testing::makeTestPki();
  std::string last_sha;
  for (int i = 0; i < 5; ++i) {
    auto issued = testing::issue(pki, kStoreNames);
    last_sha = unwrap(store.install("a.example", issued.key, issued.chain, request())).sha256;
  }
  CHECK(store.generations("a.example") == std::vector<std::uint64_t>{3, 4, 5});
  CHECK(store.liveGeneration("a.example") == 5u);
  CHECK(unwrap(store.current("a.example")).metadata->sha256 == last_sha);
}

TEST_CASE("rollback makes a kept generation live again", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto first = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", first.key, first.chain, request()));
  auto second = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", second.key, second.chain, request()));
  REQUIRE(store.rollback("a.example", 1));
  CHECK(unwrap(store.current("a.example")).chain.leaf().sha256Fingerprint() ==
        first.chain.leaf().sha256Fingerprint());
  CHECK(store.rollback("a.example", 9).code() == shared::Status::Code::kNotFound);
}

TEST_CASE("current reports a certificate that was never installed as not found", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  CHECK(store.current("a.example").status().code() == shared::Status::Code::kNotFound);
}

TEST_CASE("current refuses a live generation whose key was swapped", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  auto other = unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256));
  REQUIRE(shared::fs::writeFileAtomically(
      store.layout().generationFile("a.example", 1, PublicFile::kKey), unwrap(other.toPkcs8Pem()),
      {.mode = 0600}));
  auto loaded = store.current("a.example");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.status().code() == shared::Status::Code::kInvalidArgument);
}

TEST_CASE("current reports a deleted public name as not found", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  fs::remove(dir / "a.example.key.pem");
  CHECK(store.current("a.example").status().code() == shared::Status::Code::kNotFound);
}

TEST_CASE("a generation left half-written by a crash is ignored and pruned", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  fs::create_directories(dir / ".a.example.gen/.tmp-000002");
  REQUIRE(shared::fs::writeFileAtomically(dir / ".a.example.gen/.tmp-000002/cert.pem", "partial"));
  auto next = testing::issue(pki, kStoreNames);
  CHECK(unwrap(store.install("a.example", next.key, next.chain, request())).generation == 2);
  CHECK_FALSE(fs::exists(dir / ".a.example.gen/.tmp-000002"));
}

TEST_CASE("the certs directory still works after it moves, as a volume mounted elsewhere does",
          "[certd][store]") {
  testing::TempDir dir;
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  {
    CertificateStore store(dir / "here", {});
    unwrap(store.install("a.example", issued.key, issued.chain, request()));
  }
  fs::rename(dir / "here", dir / "there");
  CertificateStore moved(dir / "there", {});
  CHECK(unwrap(moved.current("a.example")).chain.leaf().sha256Fingerprint() ==
        issued.chain.leaf().sha256Fingerprint());
  CHECK(unwrap(shared::fs::readFile(dir / "there" / "a.example.key.pem")) ==
        unwrap(issued.key.toPkcs8Pem()));
}

TEST_CASE("current refuses a public key name replaced by a plain file", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  // `mv other.key a.example.key.pem`: the link is gone, a reader opens another key.
  auto other = unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP256));
  fs::remove(dir / "a.example.key.pem");
  REQUIRE(shared::fs::writeFileAtomically(dir / "a.example.key.pem", unwrap(other.toPkcs8Pem()),
                                          {.mode = 0600}));
  auto loaded = store.current("a.example");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.status().code() == shared::Status::Code::kInvalidArgument);
  CHECK_THAT(loaded.status().message(),
             Catch::Contains("a.example.key.pem") && Catch::Contains("not a link into the live"));
}

TEST_CASE("current refuses a public name that points at an older generation", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto first = testing::issue(pki, kStoreNames);
  auto second = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", first.key, first.chain, request()));
  unwrap(store.install("a.example", second.key, second.chain, request()));
  // Both names still resolve to a matching pair, but not the live one.
  REQUIRE(
      certd::store::replaceSymlink(dir / "a.example.cert.pem", ".a.example.gen/000001/cert.pem"));
  REQUIRE(certd::store::replaceSymlink(dir / "a.example.key.pem", ".a.example.gen/000001/key.pem"));
  auto loaded = store.current("a.example");
  REQUIRE_FALSE(loaded);
  CHECK_THAT(loaded.status().message(), Catch::Contains("not into the live generation"));
}

TEST_CASE("current refuses a combined file holding junk or another pair", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  auto other = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  const fs::path combined = store.layout().generationFile("a.example", 1, PublicFile::kCombined);

  SECTION("junk") {
    REQUIRE(shared::fs::writeFileAtomically(combined, "junk\n", {.mode = 0600}));
    auto loaded = store.current("a.example");
    REQUIRE_FALSE(loaded);
    CHECK_THAT(loaded.status().message(), Catch::Contains("pem"));
  }
  SECTION("a key that does not match its chain") {
    REQUIRE(shared::fs::writeFileAtomically(
        combined, unwrap(other.key.toPkcs8Pem()) + shared::pki::toPem(issued.chain),
        {.mode = 0600}));
    CHECK_THAT(store.current("a.example").status().message(), Catch::Contains("does not match"));
  }
  SECTION("a matching pair for another certificate") {
    REQUIRE(shared::fs::writeFileAtomically(
        combined, unwrap(other.key.toPkcs8Pem()) + shared::pki::toPem(other.chain),
        {.mode = 0600}));
    CHECK_THAT(store.current("a.example").status().message(),
               Catch::Contains("another certificate"));
  }
}

TEST_CASE("the room check creates the directories and leaves no trial file behind",
          "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir / "certs", {});
  REQUIRE(store.checkRoom("a.example", store.expectedInstallBytes("a.example")));
  CHECK(fs::is_directory(store.layout().generationsDir("a.example")));
  CHECK(fs::is_empty(store.layout().generationsDir("a.example")));
}

TEST_CASE("the room check names the path it cannot write", "[certd][store]") {
  testing::TempDir dir;
  REQUIRE(shared::fs::writeFileAtomically(dir / "file", "not a directory"));
  CertificateStore store(dir / "file" / "certs", {});
  auto checked = store.checkRoom("a.example", 1024);
  REQUIRE_FALSE(checked);
  CHECK_THAT(checked.message(), Catch::Contains("a.example cannot be saved") &&
                                    Catch::Contains((dir / "file").string()));
}

TEST_CASE("the expected install size covers the live generation", "[certd][store]") {
  testing::TempDir dir;
  CertificateStore store(dir.path(), {});
  const std::uint64_t estimate = store.expectedInstallBytes("a.example");
  CHECK(estimate >= 16 * 1024);
  auto pki = testing::makeTestPki();
  auto issued = testing::issue(pki, kStoreNames);
  unwrap(store.install("a.example", issued.key, issued.chain, request()));
  std::uint64_t live = 0;
  for (auto file : certd::store::kPublicFiles) {
    live += fs::file_size(store.layout().generationFile("a.example", 1, file));
  }
  CHECK(store.expectedInstallBytes("a.example") >= live);
}
