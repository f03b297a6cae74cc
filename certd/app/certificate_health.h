#pragma once

// CertificateHealth: the verdict `certd status` gives one configured certificate (an entry
// of effectiveCertificates(), the same list `certd renew` and `certd run` work on)
// (docs/certd.md, "Health check"): present, parses, key matches, valid now, covers its
// domains, not overdue for renewal. assessCertificate is a pure function of what the store
// loaded and "now"; thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "certd/app/config.h"
#include "certd/state/attempt_history.h"
#include "certd/store/certificate_store.h"
#include "shared/clock.h"
#include "shared/result.h"

namespace certd::app {

enum class HealthState {
  kOk,
  kMissing,        // nothing installed, or a public file is gone
  kInvalid,        // a file does not parse, or the key does not match the certificate
  kNotYetValid,    // now < not_before
  kExpired,        // now > not_after
  kDomainMissing,  // the certificate does not cover a configured domain
  kOverdue,        // past the renewal time by more than the grace: renewal is failing
};

// "ok", "missing", "invalid", "not_yet_valid", "expired", "domain_missing", "overdue".
std::string_view stateName(HealthState state);

struct CertificateHealth {
  CertificateConfig certificate;
  HealthState state = HealthState::kOk;
  std::string reason;  // empty when ok; else one sentence for the operator
  // Known whenever the pair loaded:
  std::optional<shared::Clock::TimePoint> not_after;
  std::optional<shared::Clock::TimePoint> renewal_time;  // metadata's, or the default rule
  std::string serial;
  std::optional<std::uint64_t> generation;
  // certd's attempt history when the state directory is readable (set by checkStatus);
  // informative only, it never changes the verdict.
  std::optional<state::AttemptHistory> attempts;

  bool ok() const { return state == HealthState::kOk; }
};

// Judges `loaded` (CertificateStore::current of certificate.name) at `now`; the checks run
// in the order of HealthState and the first failing one is reported.
CertificateHealth assessCertificate(const CertificateConfig& certificate,
                                    const shared::Result<store::InstalledCertificate>& loaded,
                                    shared::Clock::TimePoint now);

}  // namespace certd::app
