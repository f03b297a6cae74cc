#pragma once

// DnsPersist01: the dns-persist-01 solver (draft-ietf-acme-dns-persist). The proof is a
// TXT record at `_validation-persist.<domain>` published once, before any order, naming the
// CA's issuer domain and the ACME account (dns_persist_record.h; `certd account
// dns-persist-record DOMAIN [--publish]` prints or publishes it). Renewal never writes DNS
// for it: present() only checks, read-only, that every authoritative server of the zone
// serves a record the CA will accept (when `dns.resolvers` or `dns.authoritative_servers`
// are configured; otherwise it trusts the record is there), so a missing record fails
// before the CA is asked and no failed validation counts against the account. cleanUp()
// removes nothing: the record persists by design. One thread at a time (SerializedSolver).

#include <string>

#include "certd/challenge/dns01_propagation.h"
#include "certd/challenge/solver.h"

namespace certd::challenge {

struct DnsPersist01Options {
  std::string issuer;              // dns_persist.issuer; the CA's list wins (draft §3.1)
  std::string zone;                // dns.zone; "" = found by SOA through the resolvers
  PropagationOptions propagation;  // dns.resolvers, dns.authoritative_servers; empty = no check
};

class DnsPersist01 final : public Solver {
 public:
  explicit DnsPersist01(DnsPersist01Options options);

  std::string_view challengeType() const override { return "dns-persist-01"; }

  // Errors: "dns-persist-01: present a.test: _validation-persist.a.test at 127.0.0.1:53
  // serves no record for this account and issuer ca.test; publish it with `certd account
  // dns-persist-record a.test --publish` or add to the zone: <zone-file line>" (kUnavailable),
  // a malformed issuer list from the CA, or a DNS error of the check.
  shared::Status present(const ChallengeSpec& spec) override;

  // Nothing to withdraw.
  shared::Status cleanUp(const ChallengeSpec& spec) override;

 private:
  DnsPersist01Options options_;
};

}  // namespace certd::challenge
