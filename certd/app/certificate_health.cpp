#include "certd/app/certificate_health.h"

#include "certd/renewal/renewal_time.h"
#include "certd/store/time_text.h"

namespace certd::app {

std::string_view stateName(HealthState state) {
  switch (state) {
    case HealthState::kOk:
      return "ok";
    case HealthState::kMissing:
      return "missing";
    case HealthState::kInvalid:
      return "invalid";
    case HealthState::kNotYetValid:
      return "not_yet_valid";
    case HealthState::kExpired:
      return "expired";
    case HealthState::kDomainMissing:
      return "domain_missing";
    case HealthState::kOverdue:
      return "overdue";
  }
  return "unknown";
}

CertificateHealth assessCertificate(const CertificateConfig& certificate,
                                    const shared::Result<store::InstalledCertificate>& loaded,
                                    shared::Clock::TimePoint now) {
  CertificateHealth health{.certificate = certificate};
  auto fail = [&](HealthState state, std::string reason) {
    health.state = state;
    health.reason = std::move(reason);
    return health;
  };
  if (!loaded) {
    const bool missing = loaded.status().code() == shared::Status::Code::kNotFound;
    return fail(missing ? HealthState::kMissing : HealthState::kInvalid, loaded.status().message());
  }
  const shared::pki::Certificate& leaf = loaded->chain.leaf();
  health.not_after = leaf.notAfter();
  health.serial = leaf.serialHex();
  health.renewal_time = loaded->metadata
                            ? loaded->metadata->renewal_time
                            : renewal::defaultRenewalTime(leaf.notBefore(), leaf.notAfter());
  if (loaded->metadata) health.generation = loaded->metadata->generation;

  if (now < leaf.notBefore()) {
    return fail(HealthState::kNotYetValid,
                "not valid before " + store::formatRfc3339(leaf.notBefore()));
  }
  if (now > leaf.notAfter()) {
    return fail(HealthState::kExpired, "expired at " + store::formatRfc3339(leaf.notAfter()));
  }
  for (const std::string& domain : certificate.domains) {
    if (!leaf.covers(domain)) return fail(HealthState::kDomainMissing, "does not cover " + domain);
  }
  const auto grace = renewal::defaultGrace(*health.renewal_time, leaf.notAfter());
  if (renewal::isOverdue(*health.renewal_time, now, grace)) {
    return fail(HealthState::kOverdue, "renewal was due at " +
                                           store::formatRfc3339(*health.renewal_time) +
                                           " and has not happened");
  }
  return health;
}

}  // namespace certd::app
