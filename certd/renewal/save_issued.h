#pragma once

// saveIssued: THE one place a freshly issued certificate leaves the ACME flow for disk. It
// installs the pair through the CertificateStore (a new generation
// directory, one symlink switch, {name}.json last) with the configured domains and the
// renewal time of certd/renewal/. The caller holds the certificate's lock.

#include <string>
#include <vector>

#include "certd/renewal/renewal_time.h"
#include "certd/store/certificate_store.h"
#include "shared/clock.h"
#include "shared/pki/certificate_chain.h"
#include "shared/pki/private_key.h"
#include "shared/result.h"

namespace certd::renewal {

// Returns the metadata written. The renewal time is drawn from `ari_window` (the CA's
// suggested window, RFC 9773) with `random_unit` in [0, 1) when one is known, else the
// default rule. Errors read "save a.test: ..." (the store's reason).
shared::Result<store::CertificateMetadata> saveIssued(
    store::CertificateStore& store, const std::string& name,
    const std::vector<std::string>& domains, const shared::pki::PrivateKey& key,
    const shared::pki::CertificateChain& chain, shared::Clock::TimePoint now,
    const std::optional<AriWindow>& ari_window = std::nullopt, double random_unit = 0.5);

}  // namespace certd::renewal
