#pragma once

// renderMetrics: certd's /metrics page in the Prometheus text format (0.0.4):
//   certd_certificate_not_after_seconds{name="a.test"} 1767225600
//   certd_certificate_next_renewal_seconds{name="a.test"} 1764547200
//   certd_last_success_seconds{name="a.test"} 1764540000
//   certd_last_failure_seconds{name="a.test"} 1764530000
//   certd_acme_requests_total 42
//   certd_acme_errors_total{type="badNonce"} 3
// A sample whose value is unknown (no certificate yet, never failed) is left out. Pure.

#include <optional>
#include <string>
#include <vector>

#include "certd/acme/request_metrics.h"
#include "shared/clock.h"

namespace certd::app {

struct CertificateSample {
  std::string name;
  std::optional<shared::Clock::TimePoint> not_after;
  std::optional<shared::Clock::TimePoint> next_renewal;
  std::optional<shared::Clock::TimePoint> last_success;
  std::optional<shared::Clock::TimePoint> last_failure;
};

std::string renderMetrics(const std::vector<CertificateSample>& certificates,
                          const acme::RequestCounts& acme);

}  // namespace certd::app
