#include "certd/app/status_command.h"

#include <algorithm>

#include "certd/state/attempt_store.h"
#include "certd/store/time_text.h"
#include "shared/json_string.h"

namespace certd::app {
namespace {

using shared::Clock;

std::string timeOrDash(const std::optional<Clock::TimePoint>& time) {
  return time ? store::formatRfc3339(*time) : "-";
}

void appendTimeOrNull(std::string& out, const std::optional<Clock::TimePoint>& time) {
  if (time) {
    shared::appendJsonString(out, store::formatRfc3339(*time));
  } else {
    out += "null";
  }
}

}  // namespace

bool StatusReport::ok() const {
  return !certificates.empty() && std::all_of(certificates.begin(), certificates.end(),
                                              [](const CertificateHealth& h) { return h.ok(); });
}

StatusReport checkStatus(const CertdConfig& config, const Clock& clock) {
  StatusReport report{.checked_at = clock.now()};
  // Reading needs no store options: modes and retention matter to writers only.
  const store::CertificateStore store(config.certs_dir, {}, clock);
  const state::AttemptStore attempts(store::StateLayout(config.stateDir()));
  for (const CertificateConfig& certificate : effectiveCertificates(config)) {
    CertificateHealth health =
        assessCertificate(certificate, store.current(certificate.name), report.checked_at);
    // The state directory may be unreadable to a healthcheck running as another user.
    if (auto history = attempts.load(certificate.name)) health.attempts = std::move(*history);
    report.certificates.push_back(std::move(health));
  }
  return report;
}

std::string formatStatusText(const StatusReport& report) {
  std::string out;
  for (const CertificateHealth& h : report.certificates) {
    out += h.certificate.name;
    out += " not_after=" + timeOrDash(h.not_after);
    out += " renewal_time=" + timeOrDash(h.renewal_time);
    out += ' ';
    out += stateName(h.state);
    if (!h.ok()) {
      out += " reason=";
      shared::appendJsonString(out, h.reason);
    }
    if (h.attempts && h.attempts->consecutive_failures > 0) {
      out += " failures=" + std::to_string(h.attempts->consecutive_failures) + " last_error=";
      shared::appendJsonString(out, h.attempts->last_error);
    }
    out += '\n';
  }
  if (report.certificates.empty()) out += "no certificate is configured\n";
  return out;
}

std::string formatStatusJson(const StatusReport& report) {
  std::string out = "{\"ok\":";
  out += report.ok() ? "true" : "false";
  out += ",\"checked_at\":";
  shared::appendJsonString(out, store::formatRfc3339(report.checked_at));
  out += ",\"certificates\":[";
  for (std::size_t i = 0; i < report.certificates.size(); ++i) {
    const CertificateHealth& h = report.certificates[i];
    if (i > 0) out += ',';
    out += "{\"name\":";
    shared::appendJsonString(out, h.certificate.name);
    out += ",\"domains\":[";
    for (std::size_t d = 0; d < h.certificate.domains.size(); ++d) {
      if (d > 0) out += ',';
      shared::appendJsonString(out, h.certificate.domains[d]);
    }
    out += "],\"ok\":";
    out += h.ok() ? "true" : "false";
    out += ",\"state\":";
    shared::appendJsonString(out, stateName(h.state));
    out += ",\"reason\":";
    shared::appendJsonString(out, h.reason);
    out += ",\"not_after\":";
    appendTimeOrNull(out, h.not_after);
    out += ",\"renewal_time\":";
    appendTimeOrNull(out, h.renewal_time);
    out += ",\"serial\":";
    if (h.not_after) {
      shared::appendJsonString(out, h.serial);
    } else {
      out += "null";
    }
    out += ",\"generation\":";
    out += h.generation ? std::to_string(*h.generation) : "null";
    out += ",\"consecutive_failures\":";
    out += h.attempts ? std::to_string(h.attempts->consecutive_failures) : "null";
    out += ",\"last_error\":";
    if (h.attempts) {
      shared::appendJsonString(out, h.attempts->last_error);
    } else {
      out += "null";
    }
    out += ",\"next_attempt\":";
    appendTimeOrNull(out, h.attempts ? h.attempts->not_before : std::nullopt);
    out += '}';
  }
  out += "]}\n";
  return out;
}

int runStatusCommand(const CertdConfig& config, bool json, std::ostream& out, const Clock& clock) {
  const StatusReport report = checkStatus(config, clock);
  out << (json ? formatStatusJson(report) : formatStatusText(report));
  out.flush();
  return report.ok() ? 0 : 1;
}

}  // namespace certd::app
