#pragma once

// makeSolver: THE one place a challenge solver is built from configuration. A certificate's
// SolverChoice picks the kind; SolverSettings holds what the kinds that listen or update DNS
// share (addresses already parsed when the configuration was loaded). The caller owns the
// solver; a listener starts at its first present(), not here. Any thread.

#include <memory>

#include "certd/challenge/dns01_rfc2136.h"
#include "certd/challenge/dns_persist01.h"
#include "certd/challenge/solver.h"
#include "certd/challenge/solver_choice.h"
#include "shared/net/host_port.h"

namespace certd::challenge {

struct SolverSettings {
  shared::net::HostPort http01_listen{"", 80};       // standalone: acme_listen and acme_port
  shared::net::HostPort tls_alpn01_listen{"", 443};  // tls-alpn-01: tls_alpn_listen
  Dns01Rfc2136Options dns01;                         // dns-01: the dns.* keys
  DnsPersist01Options dns_persist01;  // dns-persist-01: dns_persist.issuer, dns.* lookups
};

std::unique_ptr<Solver> makeSolver(const SolverChoice& choice, const SolverSettings& settings);

}  // namespace certd::challenge
