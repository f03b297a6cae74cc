#include "certd/acme/chain_selection.h"

namespace certd::acme {

bool topmostIssuerIs(const shared::pki::CertificateChain& chain, std::string_view common_name) {
  if (chain.certificates.empty()) return false;
  return chain.certificates.back().issuerCommonName() == common_name;
}

std::size_t selectChain(const std::vector<shared::pki::CertificateChain>& chains,
                        std::string_view preferred) {
  if (preferred.empty()) return 0;
  for (std::size_t i = 0; i < chains.size(); ++i) {
    if (topmostIssuerIs(chains[i], preferred)) return i;
  }
  return 0;
}

}  // namespace certd::acme
