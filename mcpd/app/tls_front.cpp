#include "mcpd/app/tls_front.h"

#include <algorithm>
#include <filesystem>

#include "mcpd/tls/server_context.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace mcpd::app {
namespace {

tls::CertificatePaths pathsOf(const McpdConfig& config) {
  if (!config.tls_cert.empty()) return {config.tls_cert, config.tls_key};
  return tls::CertificatePaths::of(config.certs_dir, config.domain);
}

// The directories whose entries name the files; "." for a bare file name.
std::vector<std::filesystem::path> directoriesOf(const tls::CertificatePaths& paths) {
  std::vector<std::filesystem::path> directories;
  for (const auto& file : {paths.chain, paths.key}) {
    auto directory = file.parent_path();
    if (directory.empty()) directory = ".";
    if (std::find(directories.begin(), directories.end(), directory) == directories.end())
      directories.push_back(directory);
  }
  return directories;
}

}  // namespace

TlsFront::TlsFront(const McpdConfig& config)
    : reloader_(pathsOf(config), config.domain, shared::SystemClock::instance()),
      tickets_(shared::SystemClock::instance()),
      context_(tls::makeServerContext(reloader_, tickets_)),
      recheck_("mcpd.tls", config.tls_check, [this] { reloader_.reload("timer"); }) {
  for (const auto& directory : directoriesOf(reloader_.paths())) {
    watchers_.push_back(std::make_unique<tls::DirectoryWatcher>(
        directory, [this] { reloader_.reload("inotify"); }));
  }
}

TlsFront::~TlsFront() {
  stop();
}

void TlsFront::start() {
  reloader_.reload("start");
  for (auto& watcher : watchers_) watcher->start();
  recheck_.start();
}

void TlsFront::stop() {
  recheck_.stop();
  for (auto& watcher : watchers_) watcher->stop();
}

int TlsFront::waitForCertificate(shared::SignalWaiter& signals, std::chrono::seconds deadline) {
  const auto log = shared::log::get("mcpd.tls");
  const auto started = std::chrono::steady_clock::now();
  const auto give_up = started + deadline;
  constexpr auto kProgressEvery = std::chrono::seconds(10);
  auto next_progress = started + kProgressEvery;
  while (!reloader_.current()) {
    const auto now = std::chrono::steady_clock::now();
    if (now >= give_up) return -1;
    if (now >= next_progress) {
      const auto stats = reloader_.stats();
      shared::log::info(
          log, "waiting for a certificate",
          {{"cert", reloader_.paths().chain.string()},
           {"key", reloader_.paths().key.string()},
           {"waited_s", std::chrono::duration_cast<std::chrono::seconds>(now - started).count()},
           {"deadline_s", deadline.count()},
           {"last_error", stats.last_error}});
      next_progress += kProgressEvery;
    }
    // Short slices so that a loaded certificate ends the wait at once and signals are seen.
    if (reloader_.waitUntilLoaded(std::chrono::milliseconds(100))) break;
    if (const auto signal = signals.waitFor(std::chrono::milliseconds(0))) {
      if (shared::SignalWaiter::isTermination(*signal)) return *signal;
      reload();
    }
  }
  return 0;
}

}  // namespace mcpd::app
