#include "certd/state/account_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "certd/acme/json_fields.h"
#include "shared/fs/atomic_file.h"
#include "shared/json_string.h"

namespace certd::state {

using acme::parseJsonObject;
using acme::stringField;

namespace {

shared::Result<shared::pki::PrivateKey> readKey(const std::filesystem::path& path) {
  auto pem = shared::fs::readFile(path);
  if (!pem) return pem.status().withContext("account key");
  auto key = shared::pki::PrivateKey::fromPem(*pem);
  if (!key) return key.status().withContext("account key " + path.string());
  return key;
}

shared::Status renameSynced(const std::filesystem::path& from, const std::filesystem::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    return shared::Status::fromErrno("account: rename " + from.string() + " to " + to.string(),
                                     errno);
  }
  if (shared::Status status = shared::fs::syncDirectory(to.parent_path()); !status) return status;
  return shared::fs::syncDirectory(from.parent_path());
}

}  // namespace

AccountStore::AccountStore(std::filesystem::path state_dir, std::string directory_url)
    : layout_(state_dir, directory_url), directory_url_(std::move(directory_url)) {}

shared::Status AccountStore::ensureFolder() {
  const std::filesystem::path& folder = layout_.folder();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return shared::Status::fromErrno("account: create " + folder.string(), error.value());
  }
  // Private state: the state dir, accounts/ and the CA folder are
  // owner-only.
  for (const auto& dir : {folder, folder.parent_path(), folder.parent_path().parent_path()}) {
    ::chmod(dir.c_str(), 0700);
  }
  return shared::Status::ok();
}

shared::Result<shared::pki::PrivateKey> AccountStore::loadOrCreateKey(shared::pki::KeyType type,
                                                                      bool& created) {
  const auto path = keyPath();
  created = false;
  if (std::filesystem::exists(path)) return readKey(path);
  if (shared::Status status = ensureFolder(); !status) return status;
  auto key = shared::pki::PrivateKey::generate(type);
  if (!key) return key.status();
  auto pem = key->toPkcs8Pem();
  if (!pem) return pem.status();
  if (shared::Status status = shared::fs::writeFileAtomically(path, *pem, {.mode = 0600});
      !status) {
    return status.withContext("account key");
  }
  created = true;
  return key;
}

std::optional<std::string> AccountStore::loadUrl() const {
  auto text = shared::fs::readFile(layout_.accountFile());
  if (!text) return std::nullopt;
  auto json = parseJsonObject(*text, store::AccountLayout::kAccountFileName);
  if (!json) return std::nullopt;
  std::string url = stringField(**json, "url");
  if (url.empty()) return std::nullopt;
  return url;
}

shared::Status AccountStore::saveUrl(const std::string& url) {
  if (shared::Status status = ensureFolder(); !status) return status;
  std::string json = R"({"url":)";
  shared::appendJsonString(json, url);
  json += R"(,"directory":)";
  shared::appendJsonString(json, directory_url_);
  json += "}\n";
  return shared::fs::writeFileAtomically(layout_.accountFile(), json, {.mode = 0600})
      .withContext("account");
}

shared::Status AccountStore::savePendingKey(const shared::pki::PrivateKey& key) {
  if (shared::Status status = ensureFolder(); !status) return status;
  auto pem = key.toPkcs8Pem();
  if (!pem) return pem.status();
  return shared::fs::writeFileAtomically(pendingKeyPath(), *pem, {.mode = 0600})
      .withContext("account key");
}

shared::Result<std::optional<shared::pki::PrivateKey>> AccountStore::loadPendingKey() const {
  if (!std::filesystem::exists(pendingKeyPath())) return std::optional<shared::pki::PrivateKey>();
  auto key = readKey(pendingKeyPath());
  if (!key) return key.status();
  return std::optional<shared::pki::PrivateKey>(std::move(key).value());
}

shared::Status AccountStore::promotePendingKey() {
  return renameSynced(pendingKeyPath(), keyPath());
}

shared::Status AccountStore::discardPendingKey() {
  if (::unlink(pendingKeyPath().c_str()) != 0 && errno != ENOENT) {
    return shared::Status::fromErrno("account: remove " + pendingKeyPath().string(), errno);
  }
  return shared::fs::syncDirectory(layout_.folder());
}

bool AccountStore::hasKey() const {
  return std::filesystem::exists(keyPath());
}

shared::Result<std::filesystem::path> AccountStore::retire(const std::string& stamp) {
  const auto target = layout_.deactivatedDir(stamp);
  std::error_code error;
  std::filesystem::create_directories(target, error);
  if (error) return shared::Status::fromErrno("account: create " + target.string(), error.value());
  ::chmod(target.parent_path().c_str(), 0700);
  ::chmod(target.c_str(), 0700);
  // The key first: a crash in between leaves a URL without a key, and the next start makes
  // a new key, which never uses a stored URL (issue/account_setup.h) and registers.
  for (const std::string_view name : store::AccountLayout::kAccountFileNames) {
    const auto from = layout_.folder() / name;
    if (!std::filesystem::exists(from)) continue;
    if (shared::Status status = renameSynced(from, target / name); !status) return status;
  }
  return target;
}

}  // namespace certd::state
