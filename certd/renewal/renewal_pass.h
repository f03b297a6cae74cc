#pragma once

// runRenewalPass: one pass over the managed certificates of `settings`, shared by `certd renew`
// (one pass, then exit) and `certd run` (a pass per wake-up). For each certificate (or only
// `only_name`):
//   1. plan (certificate_plan.h): wait, back off (logged with its end), or order; an
//      attempt recorded as running while another process holds the lock is reported as
//      locked rather than as a back-off;
//   2. take the CertificateLock (another certd holding it: logged with its pid, skipped);
//   3. plan again under the lock (the other process may have just installed it);
//   4. check that the store can take the new pair (writable, room for a trial write of
//      its size); if not, record a failure and order nothing;
//   5. record the attempt as started (a failure in advance, with its back-off) in the state
//      directory BEFORE the CA is contacted, so a crash cannot cause a retry storm;
//   6. order over one ACME session for the whole pass, install through the store, and
//      record the success or the failure (its back-off no earlier than the CA's
//      Retry-After); then tell the observer (hooks, metrics).
// Up to settings.max_concurrent_orders certificates go through these steps at once, each on
// its own worker thread with its own ACME client (one kept-alive connection each, one
// shared account); with one certificate due, everything runs on the calling thread. The
// observer is called from the worker threads, one call at a time. Call from one thread;
// never throws; every error is logged and counted.

#include <functional>
#include <string>

#include "certd/renewal/managed_certificate.h"
#include "certd/renewal/renewal_settings.h"
#include "certd/store/metadata.h"
#include "shared/clock.h"

namespace certd::renewal {

struct PassOptions {
  bool force = false;     // skip the renewal time; the back-off still applies
  std::string only_name;  // "" for every certificate
  // Asked before each certificate; true ends the pass there (the daemon's SIGTERM). Orders
  // already running are finished first. Called from the worker threads, one call at a time.
  std::function<bool()> should_stop;
};

// Called after each finished attempt, outside the certificate lock.
struct PassObserver {
  std::function<void(const ManagedCertificate&, const store::CertificateMetadata&)> issued;
  std::function<void(const ManagedCertificate&, const std::string& error)> failed;
};

struct [[nodiscard]] PassResult {
  int issued = 0;
  int failed = 0;       // attempts that failed, and certificates that could not be planned
  int backing_off = 0;  // due, but the back-off from earlier failures runs
  int locked = 0;       // another process holds the certificate's lock
  // Failures whose back-off could not be saved (an unwritable state directory): the caller
  // must back off by itself, or the next pass would try again at once.
  int unrecorded = 0;
  bool unknown_name = false;  // only_name is not configured
};

PassResult runRenewalPass(const RenewalSettings& settings, const PassOptions& options,
                          const PassObserver& observer = {},
                          const shared::Clock& clock = shared::SystemClock::instance());

}  // namespace certd::renewal
