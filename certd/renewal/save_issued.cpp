#include "certd/renewal/save_issued.h"

namespace certd::renewal {

shared::Result<store::CertificateMetadata> saveIssued(
    store::CertificateStore& store, const std::string& name,
    const std::vector<std::string>& domains, const shared::pki::PrivateKey& key,
    const shared::pki::CertificateChain& chain, shared::Clock::TimePoint now,
    const std::optional<AriWindow>& ari_window, double random_unit) {
  const shared::pki::Certificate& leaf = chain.leaf();
  const auto renewal_time =
      renewalTime(leaf.notBefore(), leaf.notAfter(), ari_window, now, random_unit);
  auto installed =
      store.install(name, key, chain, {.domains = domains, .renewal_time = renewal_time});
  if (!installed) return installed.status().withContext("save " + name);
  return installed;
}

}  // namespace certd::renewal
