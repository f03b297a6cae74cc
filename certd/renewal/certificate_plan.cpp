#include "certd/renewal/certificate_plan.h"

#include "certd/renewal/ari_cert_id.h"

namespace certd::renewal {

std::optional<LiveCertificate> liveCertificateOf(
    const shared::Result<store::InstalledCertificate>& loaded,
    const std::vector<std::string>& domains) {
  if (!loaded) return std::nullopt;
  const shared::pki::Certificate& leaf = loaded->chain.leaf();
  LiveCertificate live{
      .not_before = leaf.notBefore(),
      .not_after = leaf.notAfter(),
      .renewal_time = loaded->metadata ? loaded->metadata->renewal_time
                                       : defaultRenewalTime(leaf.notBefore(), leaf.notAfter()),
  };
  for (const std::string& domain : domains) {
    if (!leaf.covers(domain)) live.covers_domains = false;
  }
  return live;
}

shared::Result<CertificatePlan> planCertificate(const store::CertificateStore& store,
                                                const state::AttemptStore& attempts,
                                                const ManagedCertificate& certificate,
                                                shared::Clock::TimePoint now, bool force) {
  auto history = attempts.load(certificate.name);
  if (!history) return history.status();
  const auto live = liveCertificateOf(store.current(certificate.name), certificate.domains);
  return CertificatePlan{decide(live, *history, now, force), std::move(*history)};
}

std::string replacesFor(bool ca_offers_ari,
                        const shared::Result<store::InstalledCertificate>& loaded) {
  if (!ca_offers_ari || !loaded) return {};
  auto id = ariCertId(loaded->chain.leaf());
  return id ? *id : std::string();
}

}  // namespace certd::renewal
