#pragma once

// AccountStore: where an ACME account's key and URL live between runs, one folder per CA,
// at the paths store::AccountLayout names (certd/store/account_layout.h): the key, its URL
// in account.json, a pending key while a key change is in flight, and the files of
// deactivated accounts. Folders are created with mode 0700. Files are written atomically
// (shared/fs). The key is created once and kept until a key change (RFC 8555 §7.3.5): the new key
// is written as the pending key before the CA is asked, and renamed over the key once the CA
// accepted it, so a crash at any instant leaves both keys or the new one on disk. The URL may be
// lost and recovered (onlyReturnExisting).
// Not synchronised across processes (the state lock is another component's job).

#include <filesystem>
#include <optional>
#include <string>

#include "certd/store/account_layout.h"
#include "shared/pki/key_type.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::state {

class AccountStore {
 public:
  AccountStore(std::filesystem::path state_dir, std::string directory_url);

  // Every file name of this CA's account.
  const store::AccountLayout& layout() const { return layout_; }
  // The folder for this CA: {state_dir}/accounts/{host} ("{host}_{port}" for a port other
  // than 443).
  const std::filesystem::path& folder() const { return layout_.folder(); }

  // The stored key, or a fresh key of `type` written first. `created` says which.
  // Errors name the file ("account key /s/accounts/ca/account.key.pem: ...").
  shared::Result<shared::pki::PrivateKey> loadOrCreateKey(shared::pki::KeyType type, bool& created);

  // The stored account URL; nullopt when there is none or account.json is unreadable.
  std::optional<std::string> loadUrl() const;
  shared::Status saveUrl(const std::string& url);

  // Key change (see above). savePendingKey() writes account.next-key.pem (0600, synced);
  // loadPendingKey() is nullopt when there is none; promotePendingKey() renames it over
  // account.key.pem (atomic, directory synced); discardPendingKey() removes it.
  shared::Status savePendingKey(const shared::pki::PrivateKey& key);
  shared::Result<std::optional<shared::pki::PrivateKey>> loadPendingKey() const;
  shared::Status promotePendingKey();
  shared::Status discardPendingKey();

  // True when account.key.pem exists (an account may have been registered with it).
  bool hasKey() const;

  // Moves the key and account.json of a deactivated account into deactivated/{stamp}/, so
  // the next loadOrCreateKey() starts a new account. Returns that folder.
  shared::Result<std::filesystem::path> retire(const std::string& stamp);

  std::filesystem::path keyPath() const { return layout_.keyFile(); }
  std::filesystem::path pendingKeyPath() const { return layout_.pendingKeyFile(); }

 private:
  shared::Status ensureFolder();

  store::AccountLayout layout_;
  std::string directory_url_;
};

}  // namespace certd::state
