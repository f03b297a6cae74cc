#include "certd/state/account_store.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "tests/support/temp_dir.h"
#include "tests/support/test_pki.h"

using namespace certd::state;
using certd::store::AccountLayout;

namespace {
unsigned accountFileMode(const std::filesystem::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 0777;
}
}  // namespace

TEST_CASE("the account key is created once with mode 0600 in a 0700 folder per CA",
          "[certd][state]") {
  testing::TempDir dir;
  AccountStore store(dir / "state", "https://127.0.0.1:14000/dir");
  CHECK(store.folder() == dir / "state/accounts/127.0.0.1_14000");
  bool created = false;
  auto key = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK(created);
  CHECK(accountFileMode(store.folder() / "account.key.pem") == 0600);
  CHECK(accountFileMode(store.folder()) == 0700);
  CHECK(accountFileMode(dir / "state") == 0700);
  auto again = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK_FALSE(created);
  CHECK(EVP_PKEY_eq(key.get(), again.get()) == 1);

  CHECK_FALSE(store.loadUrl().has_value());
  REQUIRE(store.saveUrl("https://ca/acct/1").isOk());
  CHECK(store.loadUrl() == "https://ca/acct/1");
  CHECK(AccountLayout::directoryFolderName("https://acme-v02.api.letsencrypt.org/directory") ==
        "acme-v02.api.letsencrypt.org");
}

TEST_CASE("a pending account key is promoted over the key or discarded", "[certd][state]") {
  testing::TempDir dir;
  AccountStore store(dir / "state", "https://127.0.0.1:14000/dir");
  bool created = false;
  auto old_key = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK_FALSE(testing::unwrap(store.loadPendingKey()).has_value());

  auto next = testing::unwrap(shared::pki::PrivateKey::generate(shared::pki::KeyType::kEcP384));
  REQUIRE(store.savePendingKey(next).isOk());
  CHECK(accountFileMode(store.pendingKeyPath()) == 0600);
  auto pending = testing::unwrap(store.loadPendingKey());
  REQUIRE(pending.has_value());
  CHECK(EVP_PKEY_eq(pending->get(), next.get()) == 1);
  REQUIRE(store.discardPendingKey().isOk());
  CHECK_FALSE(std::filesystem::exists(store.pendingKeyPath()));
  auto kept = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK(EVP_PKEY_eq(kept.get(), old_key.get()) == 1);

  REQUIRE(store.savePendingKey(next).isOk());
  REQUIRE(store.promotePendingKey().isOk());
  CHECK_FALSE(std::filesystem::exists(store.pendingKeyPath()));
  auto promoted = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK_FALSE(created);
  CHECK(EVP_PKEY_eq(promoted.get(), next.get()) == 1);
  CHECK(accountFileMode(store.keyPath()) == 0600);
}

TEST_CASE("a retired account moves aside and the next key starts a new account", "[certd][state]") {
  testing::TempDir dir;
  AccountStore store(dir / "state", "https://127.0.0.1:14000/dir");
  bool created = false;
  auto old_key = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  REQUIRE(store.saveUrl("https://ca/acct/1").isOk());

  const auto moved = testing::unwrap(store.retire("2026-11-22T07-00-00Z"));
  CHECK(moved == store.folder() / "deactivated/2026-11-22T07-00-00Z");
  CHECK(accountFileMode(moved) == 0700);
  CHECK(std::filesystem::exists(moved / "account.key.pem"));
  CHECK(std::filesystem::exists(moved / "account.json"));
  CHECK_FALSE(store.hasKey());
  CHECK_FALSE(store.loadUrl().has_value());

  auto fresh = testing::unwrap(store.loadOrCreateKey(shared::pki::KeyType::kEcP256, created));
  CHECK(created);
  CHECK(EVP_PKEY_eq(fresh.get(), old_key.get()) != 1);
}
