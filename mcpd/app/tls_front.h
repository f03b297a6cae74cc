#pragma once

// TlsFront: everything mcpd needs to serve one certificate, either the one certd keeps for
// a domain in the certs directory or any two files named by tls.cert/tls.key: the reloader
// holding the current material, the watchers of the files' directories and the periodic
// re-read that feed it, the rotating session ticket keys, and the server SSL context whose
// certificate callback reads the reloader. Owned by the app; start() before the HTTPS
// server, stop() after it.
//
// Watching the directories, not the files, is what follows every way files get replaced:
// certd's rename of a new file over the old, certbot's live/ symlinks, and the kubelet's
// Secret update, which renames a "..data" symlink and leaves the file names untouched.

#include <Poco/Net/Context.h>

#include <memory>
#include <vector>

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
  std::vector<std::unique_ptr<tls::DirectoryWatcher>> watchers_;  // one per distinct directory
  shared::PeriodicTask recheck_;
};

}  // namespace mcpd::app
