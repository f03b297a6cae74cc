// CertificateReloader swaps in new valid material, ignores unchanged files and keeps serving
// the old certificate when the new files are bad.
#include "mcpd/tls/certificate_reloader.h"

#include <catch2/catch.hpp>

#include "shared/fs/atomic_file.h"
#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

namespace {

using mcpd::tls::CertificatePaths;
using Outcome = mcpd::tls::CertificateReloader::Outcome;

struct ReloaderFixture {
  testing::TempDir dir;
  shared::ManualClock clock{testing::utc(2030, 6, 1)};
  CertificatePaths paths = CertificatePaths::of(dir.path(), "leaf.example.com");
  mcpd::tls::CertificateReloader reloader{paths, "leaf.example.com", clock};

  void write(const shared::pki::CertificateChain& chain, const shared::pki::PrivateKey& key) {
    REQUIRE(shared::fs::writeFileAtomically(paths.chain, shared::pki::toPem(chain)));
    REQUIRE(shared::fs::writeFileAtomically(paths.key, testing::unwrap(key.toPkcs8Pem())));
  }
};

}  // namespace

TEST_CASE("the reloader serves nothing until valid files appear, then serves them") {
  ReloaderFixture f;
  CHECK(f.reloader.reload("start") == Outcome::kRefused);
  CHECK(f.reloader.current() == nullptr);
  CHECK_FALSE(f.reloader.waitUntilLoaded(std::chrono::milliseconds(1)));
  CHECK(f.reloader.stats().refusals == 0);  // missing files are waiting, not refused

  const auto pki = testing::makeTestPki();
  f.write(pki.chain(), pki.leaf_key);
  CHECK(f.reloader.reload("inotify") == Outcome::kLoaded);
  REQUIRE(f.reloader.current() != nullptr);
  CHECK(f.reloader.current()->leaf().serialHex() == pki.leaf.serialHex());
  CHECK(f.reloader.waitUntilLoaded(std::chrono::milliseconds(1)));
  CHECK(f.reloader.stats().reloads == 1);
}

TEST_CASE("an event that changed no byte leaves the served material untouched") {
  ReloaderFixture f;
  const auto pki = testing::makeTestPki();
  f.write(pki.chain(), pki.leaf_key);
  REQUIRE(f.reloader.reload("start") == Outcome::kLoaded);
  const auto before = f.reloader.current();
  f.write(pki.chain(), pki.leaf_key);  // rewritten, same bytes
  CHECK(f.reloader.reload("inotify") == Outcome::kUnchanged);
  CHECK(f.reloader.current() == before);
  CHECK(f.reloader.stats().reloads == 1);
}

TEST_CASE("bad new files are refused once and the old certificate keeps being served") {
  ReloaderFixture f;
  const auto pki = testing::makeTestPki();
  f.write(pki.chain(), pki.leaf_key);
  REQUIRE(f.reloader.reload("start") == Outcome::kLoaded);
  const auto serial = pki.leaf.serialHex();

  const auto other = testing::makeTestPki();
  f.write(pki.chain(), other.leaf_key);  // mismatched pair
  CHECK(f.reloader.reload("inotify") == Outcome::kRefused);
  CHECK(f.reloader.reload("timer") == Outcome::kRefused);  // same bad bytes: counted once
  CHECK(f.reloader.current()->leaf().serialHex() == serial);
  auto stats = f.reloader.stats();
  CHECK(stats.refusals == 1);
  CHECK_THAT(stats.last_error, Catch::Contains("does not match"));

  f.clock.set(testing::utc(2045, 1, 1));  // the new pair would be expired
  f.write(other.chain(), other.leaf_key);
  CHECK(f.reloader.reload("inotify") == Outcome::kRefused);
  CHECK(f.reloader.current()->leaf().serialHex() == serial);
  CHECK(f.reloader.stats().refusals == 2);

  f.clock.set(testing::utc(2030, 6, 1));  // same bytes, valid now: the next look loads them
  CHECK(f.reloader.reload("timer") == Outcome::kLoaded);
  CHECK(f.reloader.current()->leaf().serialHex() == other.leaf.serialHex());
  stats = f.reloader.stats();
  CHECK(stats.reloads == 2);
  CHECK(stats.last_error.empty());
}
