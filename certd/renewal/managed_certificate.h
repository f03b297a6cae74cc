#pragma once

// ManagedCertificate: one certificate certd keeps issued, with every setting resolved (an
// item of the `certificates` list, or the one made of `domain`, its empty fields filled
// from the top level) and typed (the solver a SolverChoice, not a name). Built by the app
// layer from the loaded configuration; the renewal pass, the planner and the hooks read
// only this. A plain value; thread-safe to copy and read.

#include <string>
#include <vector>

#include "certd/challenge/solver_choice.h"
#include "shared/pki/key_type.h"

namespace certd::renewal {

struct ManagedCertificate {
  std::string name;                  // file name stem of its pair in the certs directory
  std::vector<std::string> domains;  // the names it must cover; the first one is its CN
  shared::pki::KeyType key_type = shared::pki::KeyType::kEcP256;
  challenge::SolverChoice solver;
  // dns_persist.prefer: answer dns-persist-01 wherever the CA offers it, `solver` elsewhere.
  bool prefer_dns_persist = false;
  std::string preferred_chain;  // issuer CN of the chain's topmost certificate; "" = CA's
  std::string profile;          // ACME profile sent on new orders; "" = none
  std::string deploy_hook;      // sh command after it changed; "" = none
  std::string failure_hook;     // sh command after a failed attempt; "" = none
};

}  // namespace certd::renewal
