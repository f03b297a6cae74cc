#include "certd/challenge/solver_choice.h"

namespace certd::challenge {

std::string_view solverKindName(SolverKind kind) {
  switch (kind) {
    case SolverKind::kStandalone:
      return "standalone";
    case SolverKind::kWebroot:
      return "webroot";
    case SolverKind::kDns01:
      return "dns-01";
    case SolverKind::kTlsAlpn01:
      return "tls-alpn-01";
    case SolverKind::kDnsPersist01:
      return "dns-persist-01";
  }
  return "standalone";
}

std::optional<SolverKind> parseSolverKind(std::string_view name) {
  for (SolverKind kind : {SolverKind::kStandalone, SolverKind::kWebroot, SolverKind::kDns01,
                          SolverKind::kTlsAlpn01, SolverKind::kDnsPersist01}) {
    if (solverKindName(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string SolverChoice::sharingKey() const {
  if (kind == SolverKind::kWebroot) return "webroot:" + webroot;
  return std::string(solverKindName(kind));
}

}  // namespace certd::challenge
