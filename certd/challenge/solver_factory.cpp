#include "certd/challenge/solver_factory.h"

#include "certd/challenge/http01_standalone.h"
#include "certd/challenge/http01_webroot.h"
#include "certd/challenge/tls_alpn01.h"

namespace certd::challenge {

std::unique_ptr<Solver> makeSolver(const SolverChoice& choice, const SolverSettings& settings) {
  switch (choice.kind) {
    case SolverKind::kDns01:
      return std::make_unique<Dns01Rfc2136>(settings.dns01);
    case SolverKind::kTlsAlpn01:
      return std::make_unique<TlsAlpn01>(settings.tls_alpn01_listen);
    case SolverKind::kDnsPersist01:
      return std::make_unique<DnsPersist01>(settings.dns_persist01);
    case SolverKind::kWebroot:
      return std::make_unique<Http01Webroot>(choice.webroot);
    case SolverKind::kStandalone:
      break;
  }
  return std::make_unique<Http01Standalone>(settings.http01_listen);
}

}  // namespace certd::challenge
