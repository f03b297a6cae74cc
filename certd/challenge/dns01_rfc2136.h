#pragma once

// Dns01Rfc2136: the DNS-01 solver (RFC 8555 §8.4) for any authoritative server that takes
// RFC 2136 dynamic updates signed with TSIG (BIND, Knot, PowerDNS). present() adds the TXT
// record `_acme-challenge.<domain>` with a TSIG-signed UPDATE to the primary, then waits
// until every authoritative server of the zone serves it (dns01_propagation.h); when that
// deadline passes present() fails and the caller must not ask the CA to validate.
// cleanUp() deletes exactly that TXT value, so a name and its wildcard (same owner name,
// two values) never remove each other's record.
//
// present() is publish() (the UPDATE) then awaitVisible() (the propagation wait).
// awaitVisible() may run in parallel with any call; the others one at a time (the
// SerializedSolver sees to it). The TSIG secret is never logged.

#include <string>

#include "certd/challenge/rfc2136_txt_publisher.h"
#include "certd/challenge/solver.h"

namespace certd::challenge {

// The dns.* keys; the same options publish dns-persist-01 records.
using Dns01Rfc2136Options = Rfc2136Options;

class Dns01Rfc2136 final : public Solver {
 public:
  explicit Dns01Rfc2136(Dns01Rfc2136Options options);

  std::string_view challengeType() const override { return "dns-01"; }

  // Errors: "dns01: present a.test: dns: update _acme-challenge.a.test at 127.0.0.1:5353:
  // NOTAUTH (TSIG error BADSIG)", or the propagation timeout from waitForTxt().
  shared::Status present(const ChallengeSpec& spec) override;
  // The UPDATE that adds the TXT value of `spec`.
  shared::Status publish(const ChallengeSpec& spec) override;
  // Until every authoritative server of the zone serves it, or the propagation timeout.
  shared::Status awaitVisible(const ChallengeSpec& spec) override;

  // Deletes the TXT value of `spec` (a no-op on the server when it is not there).
  shared::Status cleanUp(const ChallengeSpec& spec) override;

 private:
  Rfc2136TxtPublisher publisher_;
};

}  // namespace certd::challenge
