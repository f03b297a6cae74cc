#include "mcpd/tls/certificate_reloader.h"

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::tls {

CertificateReloader::CertificateReloader(CertificatePaths paths, std::string domain,
                                         const shared::Clock& clock)
    : paths_(std::move(paths)), domain_(std::move(domain)), clock_(clock) {}

CertificateReloader::Outcome CertificateReloader::reload(std::string_view reason) {
  const auto log = shared::log::get("mcpd.tls");
  std::lock_guard reloading(reload_mu_);
  const auto serving = current_.load();

  // Cheap first: events that changed nothing (same bytes) do nothing. Refused bytes are
  // validated again (a certificate not yet valid becomes valid), but logged only once.
  shared::Result<std::string> digest = digestFiles(paths_);
  shared::Result<std::shared_ptr<const TlsMaterial>> material =
      shared::Status::notFound("not read");
  for (int attempt = 1;; ++attempt) {
    if (digest && serving && *digest == serving->source_digest) {
      shared::log::debug(log, "certificate unchanged", {{"reason", reason}});
      return Outcome::kUnchanged;
    }
    material = loadTlsMaterial(paths_, domain_, clock_.now());
    if (material || attempt == 3) break;
    // Reading the chain and then the key can straddle a writer's switch (certd renames one
    // link for the pair): if the bytes changed while we read them, read again.
    auto after = digestFiles(paths_);
    if (!after || !digest || *after == *digest) break;
    digest = std::move(after);
  }
  if (!material) {
    // Missing files are the normal state before certd's first issuance: not a refusal.
    const std::string error = material.status().message();
    const std::string seen = digest ? *digest : "missing:" + error;
    if (seen == refused_digest_) return Outcome::kRefused;
    refused_digest_ = seen;
    if (serving) {
      shared::log::warn(
          log, "new certificate refused, still serving",
          {{"serial", serving->leaf().serialHex()}, {"reason", reason}, {"error", error}});
    } else {
      shared::log::info(log, "no usable certificate yet", {{"reason", reason}, {"error", error}});
    }
    std::lock_guard lock(stats_mu_);
    if (digest) ++stats_.refusals;
    stats_.last_error = error;
    return Outcome::kRefused;
  }

  current_.store(*material);
  refused_digest_.clear();
  const auto& leaf = (*material)->leaf();
  shared::log::info(log, "certificate loaded",
                    {{"domain", domain_},
                     {"serial", leaf.serialHex()},
                     {"not_after", std::chrono::duration_cast<std::chrono::seconds>(
                                       leaf.notAfter().time_since_epoch())
                                       .count()},
                     {"sha256", leaf.sha256Fingerprint()},
                     {"reason", reason}});
  {
    std::lock_guard lock(stats_mu_);
    ++stats_.reloads;
    stats_.last_error.clear();
    stats_.last_reload = clock_.now();
  }
  loaded_.notify_all();
  return Outcome::kLoaded;
}

bool CertificateReloader::waitUntilLoaded(std::chrono::milliseconds timeout) {
  std::unique_lock lock(stats_mu_);
  return loaded_.wait_for(lock, timeout, [this] { return current_.load() != nullptr; });
}

ReloadStats CertificateReloader::stats() const {
  std::lock_guard lock(stats_mu_);
  return stats_;
}

}  // namespace mcpd::tls
