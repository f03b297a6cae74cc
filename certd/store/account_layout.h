#pragma once

// AccountLayout: every file name of certd's ACME accounts, in one place beside the certs
// and state layouts of paths.h. One folder per CA, below the state directory:
//   {state}/accounts/{ca}/account.key.pem          the account key, PKCS#8, 0600
//   {state}/accounts/{ca}/account.json             {"url": ..., "directory": ...}
//   {state}/accounts/{ca}/account.next-key.pem     a key change in flight
//   {state}/accounts/{ca}/account.lock             flock()ed while the key may change
//   {state}/accounts/{ca}/deactivated/{stamp}/     a deactivated account's key and json
// {ca} is the directory URL's host ("{host}_{port}" for a port other than 443).
// Pure functions of their arguments; thread-safe.

#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace certd::store {

class AccountLayout {
 public:
  AccountLayout(const std::filesystem::path& state_dir, const std::string& directory_url);

  // {state}/accounts/{ca}: the folder of this CA's account.
  const std::filesystem::path& folder() const { return folder_; }
  std::filesystem::path keyFile() const { return folder_ / kKeyFileName; }
  std::filesystem::path accountFile() const { return folder_ / kAccountFileName; }
  std::filesystem::path pendingKeyFile() const { return folder_ / "account.next-key.pem"; }
  std::filesystem::path lockFile() const { return folder_ / "account.lock"; }
  // {folder}/deactivated/{stamp}: where retire() moves a deactivated account's files.
  std::filesystem::path deactivatedDir(std::string_view stamp) const;

  // The files that make an account, moved together when it is retired: the key first.
  static constexpr std::string_view kKeyFileName = "account.key.pem";
  static constexpr std::string_view kAccountFileName = "account.json";
  static constexpr std::array<std::string_view, 2> kAccountFileNames = {kKeyFileName,
                                                                        kAccountFileName};

  // "acme-v02.api.letsencrypt.org", or "localhost_14000" for a non-default port; "default"
  // for a URL without a usable host.
  static std::string directoryFolderName(const std::string& directory_url);

 private:
  std::filesystem::path folder_;
};

}  // namespace certd::store
