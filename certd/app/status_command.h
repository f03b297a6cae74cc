#pragma once

// `certd status [--json]`: the readiness check and compose healthcheck (docs/certd.md
// "Health check"). Loads every configured certificate from the certs directory, judges it
// (certificate_health.h) and prints one line per certificate, or a JSON document:
//   {"ok":false,"checked_at":"2026-...Z","certificates":[{"name":"a.example",
//    "domains":["a.example"],"ok":false,"state":"expired","reason":"expired at ...",
//    "not_after":"...","renewal_time":"...","serial":"0A1B","generation":3,
//    "consecutive_failures":2,"last_error":"...","next_attempt":"..."}]}
// (times and serial/generation are null when the pair did not load; the last three come
// from the attempt history in the state directory and are null when it cannot be read,
// and next_attempt also when no back-off runs). Read-only: it never
// takes a lock or writes a file, so it may run beside `certd run` at any time.

#include <ostream>
#include <vector>

#include "certd/app/certificate_health.h"
#include "certd/app/config.h"
#include "shared/clock.h"

namespace certd::app {

struct StatusReport {
  shared::Clock::TimePoint checked_at;
  std::vector<CertificateHealth> certificates;

  // Every certificate is ok (and there is at least one).
  bool ok() const;
};

// Judges every configured certificate at clock.now().
StatusReport checkStatus(const CertdConfig& config, const shared::Clock& clock);

// "a.example not_after=2026-04-01T00:00:00Z renewal_time=2026-03-02T00:00:00Z ok", and
// for a failure the state followed by reason="...". After failed attempts the line ends
// with failures=N last_error="...". One line per certificate.
std::string formatStatusText(const StatusReport& report);

// The JSON document above, newline-terminated.
std::string formatStatusJson(const StatusReport& report);

// Prints the report to `out`; returns 0 when report.ok(), else 1.
int runStatusCommand(const CertdConfig& config, bool json, std::ostream& out,
                     const shared::Clock& clock = shared::SystemClock::instance());

}  // namespace certd::app
