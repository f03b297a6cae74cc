#pragma once

// RenewalSettings: everything one renewal pass needs, built once from the loaded
// configuration by the app layer (at start and on each reload): the certificates, where
// their pairs and certd's state live, how many orders may run at once, the CA account, and
// the shared solver settings. Every address is parsed already; nothing below looks up a
// config key. A plain value; thread-safe to copy and read.

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

#include "certd/challenge/solver_factory.h"
#include "certd/renewal/acme_session_settings.h"
#include "certd/renewal/managed_certificate.h"

namespace certd::renewal {

struct RenewalSettings {
  std::vector<ManagedCertificate> certificates;
  std::string certs_dir;              // the public pairs (CertificateStore)
  int keep_generations = 3;           // generations kept, the live one included
  std::optional<gid_t> key_group;     // may read the keys (0640); absent: 0600
  int max_concurrent_orders = 4;      // certificates ordered at once in one pass
  AcmeSessionSettings session;        // the CA and the account (its state_dir too)
  challenge::SolverSettings solvers;  // shared by every certificate's solver
};

}  // namespace certd::renewal
