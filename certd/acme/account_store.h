#pragma once

// AccountStore: where an ACME account's key and URL live between runs, one folder per CA:
//   {state_dir}/accounts/{directory-host}/account.key.pem   PKCS#8, mode 0600
//   {state_dir}/accounts/{directory-host}/account.json      {"url": ..., "directory": ...}
// Folders are created with mode 0700. Files are written atomically (shared/fs). The key
// is created once and reused forever; the URL may be lost and recovered (onlyReturnExisting).
// Not synchronised across processes (the state lock is another component's job).

#include <filesystem>
#include <optional>
#include <string>

#include "shared/pki/key_type.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::acme {

class AccountStore {
 public:
  AccountStore(std::filesystem::path state_dir, std::string directory_url);

  // The folder for this CA: {state_dir}/accounts/{host} ("{host}_{port}" for a port other
  // than 443).
  const std::filesystem::path& folder() const { return folder_; }

  // The stored key, or a fresh key of `type` written first. `created` says which.
  // Errors name the file ("account key /s/accounts/ca/account.key.pem: ...").
  shared::Result<shared::pki::PrivateKey> loadOrCreateKey(shared::pki::KeyType type, bool& created);

  // The stored account URL; nullopt when there is none or account.json is unreadable.
  std::optional<std::string> loadUrl() const;
  shared::Status saveUrl(const std::string& url);

 private:
  shared::Status ensureFolder();

  std::filesystem::path folder_;
  std::string directory_url_;
};

// "acme-v02.api.letsencrypt.org", or "localhost_14000" for a non-default port.
std::string directoryFolderName(const std::string& directory_url);

}  // namespace certd::acme
