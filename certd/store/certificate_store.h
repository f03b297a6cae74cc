#pragma once

// CertificateStore: writes and reads the certs directory (docs/certd.md, "The certs directory");
// the paths are in paths.h. Design: each install writes a complete generation directory
// .{name}.gen/NNNNNN/{cert.pem,key.pem,pem,json}, fsyncs it, renames it into place, then
// switches the pair by renaming ONE relative symlink, .{name}.live, in the top-level
// directory. The public names {name}.cert.pem, .key.pem, .pem, .json are stable relative
// links into .{name}.live/, so:
//   - the switch of all four files is one rename(2): a crash (SIGKILL, power cut) at any
//     instant leaves the old complete generation live or the new one, never a mix;
//   - an inotify watcher on the certs directory sees IN_MOVED_TO for .{name}.live
//     (subdirectories need no watch);
//   - a reader that opens {name}.cert.pem and {name}.key.pem while a switch happens may get
//     one of each generation; checking the key matches and retrying converges at once.
//     {name}.pem is one file and therefore always consistent.
// The newest `keep_generations` generations stay on disk for rollback.
//
// Threading: const methods may run anywhere; install() and rollback() for one name must be
// serialized by the caller (certd holds the certificate's lock, certd/state/).

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certd/store/metadata.h"
#include "certd/store/paths.h"
#include "shared/clock.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::store {

struct StoreOptions {
  int keep_generations = 3;        // generations kept on disk, the live one included
  std::optional<gid_t> key_group;  // set: key files 0640 owned by this group; else 0600
};

// What the caller knows beyond the chain itself.
struct InstallRequest {
  std::vector<std::string> domains;       // the configured names the chain must cover
  shared::Clock::TimePoint renewal_time;  // from certd/renewal/, recorded in the metadata
};

struct InstalledCertificate {
  shared::pki::CertificateChain chain;
  shared::pki::PrivateKey key;
  // Absent only for plain files left by an older version without {name}.json.
  std::optional<CertificateMetadata> metadata;
};

class CertificateStore {
 public:
  CertificateStore(std::filesystem::path certs_dir, StoreOptions options,
                   const shared::Clock& clock = shared::SystemClock::instance());

  const CertsLayout& layout() const { return layout_; }

  // Validates, then makes `chain` and `key` the live pair of `name` and returns the
  // metadata written. Refused (kInvalidArgument, nothing live changes) when the name is
  // bad, the key does not match the leaf, or the leaf does not cover every domain.
  // I/O errors (kIoError, kPermissionDenied) before the switch leave the previous pair
  // live; after it (creating the public links on a first install) the new pair is live and
  // the next install repairs the links. Plain files left by an older version are first
  // imported as a generation of their own.
  shared::Result<CertificateMetadata> install(std::string_view name,
                                              const shared::pki::PrivateKey& key,
                                              const shared::pki::CertificateChain& chain,
                                              const InstallRequest& request);

  // Loads and checks the live pair of `name` as readers see it: kNotFound when nothing is
  // installed or a public name is missing; kInvalidArgument when a public name is not the
  // link into the live generation (replaced by a file, or pointed elsewhere), a file does
  // not parse, the key does not match the leaf, or {name}.pem is not a matching key and
  // chain for that same leaf. Reads one generation, so the parts always belong together.
  shared::Result<InstalledCertificate> current(std::string_view name) const;

  // Proves, before anything is ordered, that install() of `name` could write: the certs
  // directory accepts a new entry and its generations directory (created when missing)
  // takes a trial file of `bytes` (see expectedInstallBytes), written, fsynced and
  // removed. Errors (kPermissionDenied, kIoError) name the path and the cause: "store:
  // a.test cannot be saved: write /certs/.a.test.gen/.room-check: No space left on device".
  shared::Status checkRoom(std::string_view name, std::uint64_t bytes) const;

  // The bytes one generation of `name` needs: the live generation's size when that is
  // larger than a generous estimate (an RSA 4096 key and a chain of four certificates).
  std::uint64_t expectedInstallBytes(std::string_view name) const;

  // The generations on disk, ascending, and the live one (nullopt when none).
  std::vector<std::uint64_t> generations(std::string_view name) const;
  std::optional<std::uint64_t> liveGeneration(std::string_view name) const;

  // Makes an existing generation live again (operator rollback); kNotFound if it is gone,
  // kInvalidArgument if its pair no longer checks out.
  shared::Status rollback(std::string_view name, std::uint64_t generation);

 private:
  shared::Status writeGeneration(std::string_view name, std::uint64_t generation,
                                 const shared::pki::PrivateKey& key,
                                 const shared::pki::CertificateChain& chain,
                                 const CertificateMetadata& metadata);
  shared::Status switchTo(std::string_view name, std::uint64_t generation);
  shared::Status importLegacyFiles(std::string_view name);
  std::uint64_t nextGeneration(std::string_view name) const;

  CertsLayout layout_;
  StoreOptions options_;
  const shared::Clock& clock_;
};

}  // namespace certd::store
