#include "mcpd/app/tls_front.h"

#include "mcpd/tls/server_context.h"
#include "shared/log/logging.h"

namespace mcpd::app {

TlsFront::TlsFront(const McpdConfig& config)
    : reloader_(tls::CertificatePaths::of(config.certs_dir, config.domain), config.domain,
                shared::SystemClock::instance()),
      tickets_(shared::SystemClock::instance()),
      context_(tls::makeServerContext(reloader_, tickets_)),
      watcher_(config.certs_dir, [this] { reloader_.reload("inotify"); }),
      recheck_("mcpd.tls", config.tls_check, [this] { reloader_.reload("timer"); }) {}

TlsFront::~TlsFront() {
  stop();
}

void TlsFront::start() {
  reloader_.reload("start");
  watcher_.start();
  recheck_.start();
}

void TlsFront::stop() {
  recheck_.stop();
  watcher_.stop();
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
      log->info(
          "waiting for a certificate cert={} key={} waited_s={} deadline_s={} last_error=\"{}\"",
          reloader_.paths().chain.string(), reloader_.paths().key.string(),
          std::chrono::duration_cast<std::chrono::seconds>(now - started).count(), deadline.count(),
          stats.last_error);
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
