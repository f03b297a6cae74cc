#pragma once

// planCertificate: what certd should do now about one configured certificate. It reads the
// live pair (CertificateStore::current) and the persisted attempt history (AttemptStore)
// and asks the pure decide() (wait / obtain / renew / back off). `certd renew`
// and `certd run` both plan through here, before taking the lock and again under it.
// Reads files only; safe from any thread.

#include <optional>
#include <string>
#include <vector>

#include "certd/renewal/managed_certificate.h"
#include "certd/renewal/renewal_decision.h"
#include "certd/state/attempt_store.h"
#include "certd/store/certificate_store.h"
#include "shared/clock.h"
#include "shared/result.h"

namespace certd::renewal {

struct CertificatePlan {
  Decision decision;
  state::AttemptHistory history;  // as loaded; the base of the next recorded attempt
};

// What decide() needs from a loaded pair: nullopt when nothing usable is installed. The
// renewal time is the metadata's, or the default rule for files without metadata.
std::optional<LiveCertificate> liveCertificateOf(
    const shared::Result<store::InstalledCertificate>& loaded,
    const std::vector<std::string>& domains);

// The ARI CertID (RFC 9773 §5) to send as `replaces` on the order that renews `loaded`:
// only when the CA's directory offers renewalInfo (a CA without ARI may refuse the field)
// and a certificate is installed; "" otherwise.
std::string replacesFor(bool ca_offers_ari,
                        const shared::Result<store::InstalledCertificate>& loaded);

// Fails only when the attempt history exists but cannot be read: then nothing may be
// ordered, since its back-off is unknown (kInvalidArgument/kIoError naming the file).
shared::Result<CertificatePlan> planCertificate(const store::CertificateStore& store,
                                                const state::AttemptStore& attempts,
                                                const ManagedCertificate& certificate,
                                                shared::Clock::TimePoint now, bool force);

}  // namespace certd::renewal
