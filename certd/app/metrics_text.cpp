#include "certd/app/metrics_text.h"

#include <chrono>

namespace certd::app {
namespace {

// Label values escape backslash, quote and newline (exposition format 0.0.4).
std::string label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

void timeFamily(std::string& out, const char* name, const char* help,
                const std::vector<CertificateSample>& certificates,
                std::optional<shared::Clock::TimePoint> CertificateSample::*field) {
  family(out, name, "gauge", help);
  for (const CertificateSample& sample : certificates) {
    const auto& value = sample.*field;
    if (!value) continue;
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(value->time_since_epoch()).count();
    out += std::string(name) + "{name=\"" + label(sample.name) + "\"} " + std::to_string(seconds) +
           "\n";
  }
}

}  // namespace

std::string renderMetrics(const std::vector<CertificateSample>& certificates,
                          const acme::RequestCounts& acme) {
  std::string out;
  timeFamily(out, "certd_certificate_not_after_seconds",
             "expiry of the live certificate (unix time)", certificates,
             &CertificateSample::not_after);
  timeFamily(out, "certd_certificate_next_renewal_seconds",
             "renewal time of the live certificate (unix time)", certificates,
             &CertificateSample::next_renewal);
  timeFamily(out, "certd_last_success_seconds", "end of the last successful attempt (unix time)",
             certificates, &CertificateSample::last_success);
  timeFamily(out, "certd_last_failure_seconds", "end of the last failed attempt (unix time)",
             certificates, &CertificateSample::last_failure);
  family(out, "certd_acme_requests_total", "counter", "HTTP requests sent to the ACME server");
  out += "certd_acme_requests_total " + std::to_string(acme.requests) + "\n";
  family(out, "certd_acme_errors_total", "counter",
         "failed ACME requests by problem type (network: no response)");
  for (const auto& [type, count] : acme.errors) {
    out += "certd_acme_errors_total{type=\"" + label(type) + "\"} " + std::to_string(count) + "\n";
  }
  return out;
}

}  // namespace certd::app
