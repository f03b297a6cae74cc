#pragma once

// Every path certd reads or writes, named in one place (leveldb db/filename.h): the public
// files of the certs directory (docs/certd.md, "The certs directory"), the generation directories
// behind them, and the private state directory. Nothing else in certd builds a file name.
//
// Layout of the certs directory for a certificate {name} (a reader's view):
//   {name}.cert.pem -> .{name}.live/cert.pem    full chain, leaf first
//   {name}.key.pem  -> .{name}.live/key.pem     PKCS#8 key, 0600 (0640 with a group)
//   {name}.pem      -> .{name}.live/pem         key then chain (HAProxy)
//   {name}.json     -> .{name}.live/json        metadata
//   .{name}.live    -> .{name}.gen/000007       the ONE link whose rename switches the pair
//   .{name}.gen/000007/{cert.pem,key.pem,pem,json}   one complete generation
// Every link is relative, so the directory works wherever it is mounted.
//
// State directory: {state}/attempts/{name}.json, {state}/locks/{name}.lock; the ACME
// accounts below {state}/accounts/ are named by AccountLayout (account_layout.h).
// Pure functions of their arguments; thread-safe.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "shared/status.h"

namespace certd::store {

// The four files of a generation, in the order they are written (metadata last).
enum class PublicFile { kCert, kKey, kCombined, kMetadata };
inline constexpr std::array<PublicFile, 4> kPublicFiles = {
    PublicFile::kCert, PublicFile::kKey, PublicFile::kCombined, PublicFile::kMetadata};

// Ok when `name` can name a certificate's files: 1-200 characters of letters, digits,
// '.', '-', '_' or '*', not starting with '.'. Otherwise kInvalidArgument naming it.
shared::Status checkCertificateName(std::string_view name);

class CertsLayout {
 public:
  explicit CertsLayout(std::filesystem::path certs_dir) : dir_(std::move(certs_dir)) {}

  const std::filesystem::path& dir() const { return dir_; }

  // The public name readers open: {dir}/{name}.cert.pem and so on.
  std::filesystem::path publicPath(std::string_view name, PublicFile file) const;
  // {dir}/.{name}.live, the symlink to the live generation.
  std::filesystem::path liveLink(std::string_view name) const;
  // {dir}/.{name}.gen, the parent of every generation directory.
  std::filesystem::path generationsDir(std::string_view name) const;
  // {dir}/.{name}.gen/000007.
  std::filesystem::path generationDir(std::string_view name, std::uint64_t generation) const;
  // {dir}/.{name}.gen/000007/cert.pem and so on.
  std::filesystem::path generationFile(std::string_view name, std::uint64_t generation,
                                       PublicFile file) const;

  // The public name's file name: "{name}.cert.pem", "{name}.key.pem", "{name}.pem", "{name}.json".
  static std::string publicFileName(std::string_view name, PublicFile file);
  // The file name inside a generation directory: "cert.pem", "key.pem", "pem", "json".
  static std::string_view generationFileName(PublicFile file);
  // "000007": zero-padded to six digits, longer when needed.
  static std::string generationDirName(std::uint64_t generation);
  // The generation a directory name stands for, or nullopt for anything else ("tmp-1", "07x").
  static std::optional<std::uint64_t> parseGenerationDirName(std::string_view dir_name);
  // Relative symlink targets: ".{name}.gen/000007" for the live link and
  // ".{name}.live/cert.pem" for a public name.
  static std::string liveLinkTarget(std::string_view name, std::uint64_t generation);
  static std::string publicLinkTarget(std::string_view name, PublicFile file);

 private:
  std::filesystem::path dir_;
};

class StateLayout {
 public:
  explicit StateLayout(std::filesystem::path state_dir) : dir_(std::move(state_dir)) {}

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path attemptsDir() const { return dir_ / "attempts"; }
  std::filesystem::path locksDir() const { return dir_ / "locks"; }
  // {state}/attempts/{name}.json: the attempt history of one certificate.
  std::filesystem::path attemptsFile(std::string_view name) const;
  // {state}/locks/{name}.lock: flock()ed while a process orders that certificate.
  std::filesystem::path lockFile(std::string_view name) const;

 private:
  std::filesystem::path dir_;
};

}  // namespace certd::store
