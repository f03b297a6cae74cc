#include "certd/app/save_issued.h"

#include "certd/renewal/renewal_time.h"

namespace certd::app {

shared::Result<store::CertificateMetadata> saveIssued(store::CertificateStore& store,
                                                      const std::string& name,
                                                      const std::vector<std::string>& domains,
                                                      const shared::pki::PrivateKey& key,
                                                      const shared::pki::CertificateChain& chain,
                                                      shared::Clock::TimePoint now) {
  const shared::pki::Certificate& leaf = chain.leaf();
  // No ARI window is known here (Pebble 2.4.0 and most CAs offer none): the default rule.
  // The random draw only matters for an ARI window.
  const auto renewal_time =
      renewal::renewalTime(leaf.notBefore(), leaf.notAfter(), std::nullopt, now, 0.5);
  auto installed =
      store.install(name, key, chain, {.domains = domains, .renewal_time = renewal_time});
  if (!installed) return installed.status().withContext("save " + name);
  return installed;
}

}  // namespace certd::app
