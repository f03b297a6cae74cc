#include "certd/store/certificate_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

#include "certd/store/generations.h"
#include "certd/store/symlink.h"
#include "certd/store/time_text.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::store {
namespace {

using shared::Result;
using shared::Status;
namespace fs = std::filesystem;

struct PairPaths {
  fs::path cert;
  fs::path key;
  fs::path metadata;
  bool metadata_required = true;
};

// Reads {name}.json and checks that it describes `leaf`.
Result<CertificateMetadata> loadMetadata(const fs::path& path,
                                         const shared::pki::Certificate& leaf) {
  auto json = shared::fs::readFile(path);
  if (!json) return json.status();
  auto metadata = parseMetadata(*json);
  if (!metadata) return metadata.status().withContext(path.string());
  if (metadata->sha256 != leaf.sha256Fingerprint()) {
    return Status::invalidArgument(path.string() +
                                   ": describes another certificate (sha256 differs)");
  }
  return metadata;
}

// Reads and checks one pair; the error names the file at fault.
Result<InstalledCertificate> loadPair(const PairPaths& paths) {
  auto cert_pem = shared::fs::readFile(paths.cert);
  if (!cert_pem) return cert_pem.status();
  auto chain = shared::pki::parseChainPem(*cert_pem);
  if (!chain) return chain.status().withContext(paths.cert.string());
  auto key_pem = shared::fs::readFile(paths.key);
  if (!key_pem) return key_pem.status();
  auto key = shared::pki::PrivateKey::fromPem(*key_pem);
  if (!key) return key.status().withContext(paths.key.string());
  if (Status s = shared::pki::checkPair(*chain, *key); !s) return s;
  InstalledCertificate loaded{*chain, *key, std::nullopt};
  auto metadata = loadMetadata(paths.metadata, chain->leaf());
  if (metadata) {
    loaded.metadata = std::move(*metadata);
  } else if (paths.metadata_required) {
    return metadata.status();
  }
  // Plain files from an older version: metadata of another format, or none, is ignored.
  return loaded;
}

// {name}.pem as a reader (HAProxy) opens it: one private key block, then the full chain.
// It must hold a key matching its own leaf, and that leaf must be `leaf` (the one in
// cert.pem), so a junk or stale combined file is caught even when the pair is fine.
// Errors name `shown`, the public name a reader opens.
Status checkCombined(const fs::path& path, const fs::path& shown,
                     const shared::pki::Certificate& leaf) {
  auto pem = shared::fs::readFile(path);
  if (!pem) return pem.status().withContext(shown.string());
  const std::size_t chain_start = pem->find("-----BEGIN CERTIFICATE-----");
  if (chain_start == std::string::npos) {
    return Status::invalidArgument(shown.string() + ": holds no certificate");
  }
  auto key = shared::pki::PrivateKey::fromPem(std::string_view(*pem).substr(0, chain_start));
  if (!key) return key.status().withContext(shown.string());
  auto chain = shared::pki::parseChainPem(std::string_view(*pem).substr(chain_start));
  if (!chain) return chain.status().withContext(shown.string());
  if (Status s = shared::pki::checkPair(*chain, *key); !s) return s.withContext(shown.string());
  if (chain->leaf().sha256Fingerprint() != leaf.sha256Fingerprint()) {
    return Status::invalidArgument(shown.string() + ": holds another certificate than " +
                                   "the live generation");
  }
  return Status::ok();
}

PairPaths generationPaths(const fs::path& dir) {
  return {dir / std::string(CertsLayout::generationFileName(PublicFile::kCert)),
          dir / std::string(CertsLayout::generationFileName(PublicFile::kKey)),
          dir / std::string(CertsLayout::generationFileName(PublicFile::kMetadata))};
}

bool isRegularFile(const fs::path& path) {
  std::error_code error;
  return fs::symlink_status(path, error).type() == fs::file_type::regular;
}

}  // namespace

CertificateStore::CertificateStore(fs::path certs_dir, StoreOptions options,
                                   const shared::Clock& clock)
    : layout_(std::move(certs_dir)), options_(options), clock_(clock) {}

std::vector<std::uint64_t> CertificateStore::generations(std::string_view name) const {
  return listGenerations(layout_, name);
}

std::optional<std::uint64_t> CertificateStore::liveGeneration(std::string_view name) const {
  return store::liveGeneration(layout_, name);
}

std::uint64_t CertificateStore::nextGeneration(std::string_view name) const {
  std::uint64_t next = 1;
  for (std::uint64_t g : listGenerations(layout_, name)) next = std::max(next, g + 1);
  if (auto live = liveGeneration(name)) next = std::max(next, *live + 1);
  return next;
}

Result<CertificateMetadata> CertificateStore::install(std::string_view name,
                                                      const shared::pki::PrivateKey& key,
                                                      const shared::pki::CertificateChain& chain,
                                                      const InstallRequest& request) {
  const std::string context = "store: install " + std::string(name);
  if (Status s = checkCertificateName(name); !s) return s.withContext(context);
  if (chain.certificates.empty()) return Status::invalidArgument(context + ": empty chain");
  if (Status s = shared::pki::checkPair(chain, key); !s) return s.withContext(context);
  for (const std::string& domain : request.domains) {
    if (!chain.leaf().covers(domain)) {
      return Status::invalidArgument(context + ": the certificate does not cover " + domain);
    }
  }
  std::error_code error;
  fs::create_directories(layout_.generationsDir(name), error);
  if (error) {
    return Status::ioError(context + ": create " + layout_.generationsDir(name).string() + ": " +
                           error.message());
  }
  if (Status s = importLegacyFiles(name); !s) return s.withContext(context);

  const std::uint64_t generation = nextGeneration(name);
  CertificateMetadata metadata =
      describeChain(name, request.domains, chain, request.renewal_time, generation, clock_.now());
  if (Status s = writeGeneration(name, generation, key, chain, metadata); !s) {
    return s.withContext(context);
  }
  if (Status s = switchTo(name, generation); !s) return s.withContext(context);
  // The new pair is live; failing to prune only costs disk space.
  if (Status s = pruneGenerations(layout_, name, options_.keep_generations, generation); !s) {
    shared::log::warn(shared::log::get("certd.store"), "prune failed",
                      {{"name", name}, {"error", s.message()}});
  }
  shared::log::info(shared::log::get("certd.store"), "installed",
                    {{"name", name},
                     {"generation", generation},
                     {"serial", metadata.serial},
                     {"not_after", formatRfc3339(metadata.not_after)}});
  return metadata;
}

Status CertificateStore::writeGeneration(std::string_view name, std::uint64_t generation,
                                         const shared::pki::PrivateKey& key,
                                         const shared::pki::CertificateChain& chain,
                                         const CertificateMetadata& metadata) {
  auto key_pem = key.toPkcs8Pem();
  if (!key_pem) return key_pem.status();
  const std::string chain_pem = shared::pki::toPem(chain);
  const fs::path parent = layout_.generationsDir(name);
  const fs::path temp = parent / (".tmp-" + CertsLayout::generationDirName(generation));
  std::error_code error;
  fs::remove_all(temp, error);
  if (::mkdir(temp.c_str(), 0755) != 0) return Status::fromErrno("create " + temp.string(), errno);

  const shared::fs::WriteOptions public_mode{.mode = 0644};
  const shared::fs::WriteOptions key_mode{
      .mode = static_cast<mode_t>(options_.key_group ? 0640 : 0600), .group = options_.key_group};
  auto write = [&](PublicFile file, std::string_view contents, const shared::fs::WriteOptions& o) {
    return shared::fs::writeFileAtomically(
        temp / std::string(CertsLayout::generationFileName(file)), contents, o);
  };
  Status s = write(PublicFile::kCert, chain_pem, public_mode);
  if (s) s = write(PublicFile::kKey, *key_pem, key_mode);
  if (s) s = write(PublicFile::kCombined, *key_pem + chain_pem, key_mode);
  if (s) s = write(PublicFile::kMetadata, toJson(metadata), public_mode);
  // Read back what the disk holds before anyone can see it: never switch to a bad pair.
  if (s) s = loadPair(generationPaths(temp)).status();
  if (s) {
    const fs::path final_dir = layout_.generationDir(name, generation);
    if (::rename(temp.c_str(), final_dir.c_str()) != 0) {
      s = Status::fromErrno("rename " + temp.string() + " to " + final_dir.string(), errno);
    }
  }
  if (s) s = shared::fs::syncDirectory(parent);
  if (!s) fs::remove_all(temp, error);
  return s;
}

Status CertificateStore::switchTo(std::string_view name, std::uint64_t generation) {
  // The one rename that switches all four files at once.
  Status s = replaceSymlink(layout_.liveLink(name), CertsLayout::liveLinkTarget(name, generation));
  if (!s) return s;
  // The public names are stable; they change only on the first install or after an import.
  bool changed = false;
  for (PublicFile file : kPublicFiles) {
    const fs::path path = layout_.publicPath(name, file);
    const std::string target = CertsLayout::publicLinkTarget(name, file);
    auto existing = readSymlink(path);
    if (existing && *existing == target) continue;
    if (Status r = replaceSymlink(path, target, /*sync=*/false); !r) return r;
    changed = true;
  }
  return changed ? shared::fs::syncDirectory(layout_.dir()) : Status::ok();
}

Status CertificateStore::importLegacyFiles(std::string_view name) {
  if (readSymlink(layout_.liveLink(name)).status().code() != Status::Code::kNotFound) {
    return Status::ok();
  }
  const PairPaths legacy{layout_.publicPath(name, PublicFile::kCert),
                         layout_.publicPath(name, PublicFile::kKey),
                         layout_.publicPath(name, PublicFile::kMetadata), false};
  if (!isRegularFile(legacy.cert) || !isRegularFile(legacy.key)) return Status::ok();
  auto loaded = loadPair(legacy);
  if (!loaded) return Status::ok();  // a broken old pair is simply replaced
  // Import the old pair as a generation first, so replacing the plain files by links
  // never shows a reader a new certificate next to the old key.
  const std::uint64_t generation = nextGeneration(name);
  CertificateMetadata metadata = loaded->metadata.value_or(
      describeChain(name, loaded->chain.leaf().dnsNames(), loaded->chain,
                    loaded->chain.leaf().notAfter(), generation, clock_.now()));
  metadata.generation = generation;
  if (Status s = writeGeneration(name, generation, loaded->key, loaded->chain, metadata); !s) {
    return s.withContext("import plain files");
  }
  shared::log::info(shared::log::get("certd.store"), "imported plain files",
                    {{"name", name}, {"generation", generation}});
  return switchTo(name, generation).withContext("import plain files");
}

Result<InstalledCertificate> CertificateStore::current(std::string_view name) const {
  const std::string context = "store: " + std::string(name);
  if (Status s = checkCertificateName(name); !s) return s.withContext(context);
  auto target = readSymlink(layout_.liveLink(name));
  if (!target && target.status().code() == Status::Code::kNotFound) {
    const PairPaths legacy{layout_.publicPath(name, PublicFile::kCert),
                           layout_.publicPath(name, PublicFile::kKey),
                           layout_.publicPath(name, PublicFile::kMetadata), false};
    if (!isRegularFile(legacy.cert)) return Status::notFound(context + ": not installed");
    auto loaded = loadPair(legacy);
    return loaded ? loaded : Result<InstalledCertificate>(loaded.status().withContext(context));
  }
  if (!target) return target.status().withContext(context);
  // What a reader opens: each public name must be the stable link into .{name}.live (a
  // file moved over it by hand, or a link retargeted elsewhere, is not the live pair),
  // and every file behind it must check out, {name}.pem included.
  for (PublicFile file : kPublicFiles) {
    const fs::path path = layout_.publicPath(name, file);
    const std::string expected = CertsLayout::publicLinkTarget(name, file);
    auto link = readSymlink(path);
    if (!link && link.status().code() == Status::Code::kNotFound) {
      return Status::notFound(context + ": " + path.string() + " is missing");
    }
    if (!link) {
      return Status::invalidArgument(context + ": " + path.string() +
                                     " is not a link into the live generation");
    }
    if (*link != expected) {
      return Status::invalidArgument(context + ": " + path.string() + " points to " + *link +
                                     ", not into the live generation (" + expected + ")");
    }
  }
  const fs::path generation_dir = layout_.dir() / *target;
  std::error_code error;
  if (!fs::is_directory(generation_dir, error)) {
    return Status::notFound(context + ": " + layout_.liveLink(name).string() + " is dangling");
  }
  auto loaded = loadPair(generationPaths(generation_dir));
  if (loaded) {
    const fs::path combined =
        generation_dir / std::string(CertsLayout::generationFileName(PublicFile::kCombined));
    if (Status s = checkCombined(combined, layout_.publicPath(name, PublicFile::kCombined),
                                 loaded->chain.leaf());
        !s)
      return s.withContext(context);
  }
  if (!loaded) return loaded.status().withContext(context);
  return loaded;
}

Status CertificateStore::checkRoom(std::string_view name, std::uint64_t bytes) const {
  const std::string context = "store: " + std::string(name) + " cannot be saved";
  if (Status s = checkCertificateName(name); !s) return s.withContext(context);
  std::error_code error;
  fs::create_directories(layout_.generationsDir(name), error);
  if (error) {
    return Status::ioError(context + ": create " + layout_.generationsDir(name).string() + ": " +
                           error.message());
  }
  // The links are renamed in the top-level directory. access() reports a read-only mount
  // (EROFS) even to root, for whom permission bits prove nothing.
  if (::access(layout_.dir().c_str(), W_OK) != 0) {
    return Status::fromErrno("write " + layout_.dir().string(), errno).withContext(context);
  }
  // A real write of the size a generation takes: a full filesystem (or a quota) fails here,
  // before the CA is asked for a certificate that could not be kept.
  const fs::path trial = layout_.generationsDir(name) / ".room-check";
  const int fd = ::open(trial.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::fromErrno("create " + trial.string(), errno).withContext(context);
  const std::string block(4096, '\0');
  Status s = Status::ok();
  for (std::uint64_t left = bytes; s && left > 0;) {
    const std::size_t chunk = static_cast<std::size_t>(std::min<std::uint64_t>(left, block.size()));
    const ssize_t n = ::write(fd, block.data(), chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      s = Status::fromErrno("write " + trial.string(), n < 0 ? errno : ENOSPC);
    } else {
      left -= static_cast<std::uint64_t>(n);
    }
  }
  // Delayed allocation (ext4, xfs) reports a full disk only at fsync.
  if (s && ::fsync(fd) != 0) s = Status::fromErrno("fsync " + trial.string(), errno);
  ::close(fd);
  fs::remove(trial, error);
  return s ? s : s.withContext(context);
}

std::uint64_t CertificateStore::expectedInstallBytes(std::string_view name) const {
  // A chain of four 2 KiB certificates and a 4 KiB key (RSA 4096 PEM is 3.3 KiB), each
  // twice (cert.pem and key.pem, then pem), and 4 KiB of metadata: above any Let's Encrypt
  // generation, tiny next to a real disk.
  constexpr std::uint64_t kChainBytes = 8 * 1024;
  constexpr std::uint64_t kKeyBytes = 4 * 1024;
  std::uint64_t bytes = 2 * (kChainBytes + kKeyBytes) + 4 * 1024;
  if (auto live = liveGeneration(name)) {
    std::uint64_t live_bytes = 0;
    std::error_code error;
    for (PublicFile file : kPublicFiles) {
      const auto size = fs::file_size(layout_.generationFile(name, *live, file), error);
      if (!error) live_bytes += size;
    }
    bytes = std::max(bytes, live_bytes);
  }
  return bytes;
}

Status CertificateStore::rollback(std::string_view name, std::uint64_t generation) {
  const std::string context = "store: rollback " + std::string(name);
  const fs::path dir = layout_.generationDir(name, generation);
  std::error_code error;
  if (!fs::is_directory(dir, error))
    return Status::notFound(context + ": " + dir.string() + " is gone");
  if (Status s = loadPair(generationPaths(dir)).status(); !s) return s.withContext(context);
  return switchTo(name, generation).withContext(context);
}

}  // namespace certd::store
