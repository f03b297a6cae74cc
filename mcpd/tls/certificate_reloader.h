#pragma once

// CertificateReloader: holds the TlsMaterial that new handshakes serve for one certificate
// name, and replaces it when the files on disk change (watch -> build -> validate -> swap). Invalid
// or half-written material is logged once and ignored: the old material keeps being served. Files
// whose bytes did not change are not even parsed.
//
// reload() may be called from any thread (directory watcher, periodic check, SIGHUP);
// reloads are serialized. current() is called on every TLS handshake from any thread and
// takes no lock that a reload holds.

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "mcpd/tls/tls_material.h"
#include "shared/clock.h"

namespace mcpd::tls {

struct ReloadStats {
  std::uint64_t reloads = 0;   // material swapped in (the first load included)
  std::uint64_t refusals = 0;  // distinct new file contents refused
  std::string last_error;      // why the latest refused contents were refused; "" after a load
  shared::Clock::TimePoint last_reload{};
};

class CertificateReloader {
 public:
  enum class Outcome { kLoaded, kUnchanged, kRefused };

  CertificateReloader(CertificatePaths paths, std::string domain, const shared::Clock& clock);

  // Reads the files; swaps new valid material in. `reason` ("inotify", "timer", "SIGHUP",
  // "start") goes into the log line.
  Outcome reload(std::string_view reason);

  // The material to serve, or null before the first valid load.
  std::shared_ptr<const TlsMaterial> current() const { return current_.load(); }

  // Blocks until material is present or `timeout` passes; true when present.
  bool waitUntilLoaded(std::chrono::milliseconds timeout);

  ReloadStats stats() const;
  const CertificatePaths& paths() const { return paths_; }
  const std::string& domain() const { return domain_; }

 private:
  const CertificatePaths paths_;
  const std::string domain_;
  const shared::Clock& clock_;
  std::atomic<std::shared_ptr<const TlsMaterial>> current_;

  std::mutex reload_mu_;  // serializes reload(); never held by current()
  mutable std::mutex stats_mu_;
  std::condition_variable loaded_;
  ReloadStats stats_;           // guarded by stats_mu_
  std::string refused_digest_;  // guarded by reload_mu_: the contents refused last
};

}  // namespace mcpd::tls
