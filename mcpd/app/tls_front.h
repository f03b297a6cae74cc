#pragma once

// TlsFront: everything mcpd needs to serve the certificate certd keeps for one domain:
// the reloader holding the current material, the directory watcher and the periodic
// re-read that feed it, the rotating session ticket keys, and the server SSL context whose
// certificate callback reads the reloader. Owned by the app; start() before the HTTPS
// server, stop() after it.

#include <Poco/Net/Context.h>

#include <memory>

#include "mcpd/app/config.h"
#include "mcpd/tls/certificate_reloader.h"
#include "mcpd/tls/directory_watcher.h"
#include "mcpd/tls/ticket_keys.h"
#include "shared/periodic_task.h"
#include "shared/signals.h"

namespace mcpd::app {

class TlsFront {
 public:
  explicit TlsFront(const McpdConfig& config);
  ~TlsFront();

  // Loads what is on disk now and starts watching. Throws std::system_error when inotify
  // is unavailable.
  void start();
  void stop();

  // Waits until a valid certificate is loaded, logging what it waits for every 10 s.
  // Returns 0 when loaded, the signal number when a termination signal came first, or -1
  // when `deadline` passed. SIGHUP while waiting re-reads the files.
  int waitForCertificate(shared::SignalWaiter& signals, std::chrono::seconds deadline);

  // SIGHUP: re-read the files now.
  void reload() { reloader_.reload("SIGHUP"); }

  const tls::CertificateReloader& reloader() const { return reloader_; }
  Poco::Net::Context::Ptr context() const { return context_; }

 private:
  tls::CertificateReloader reloader_;
  tls::TicketKeys tickets_;
  Poco::Net::Context::Ptr context_;
  tls::DirectoryWatcher watcher_;
  shared::PeriodicTask recheck_;
};

}  // namespace mcpd::app
