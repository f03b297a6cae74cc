#include "certd/issue/challenge_selection.h"

#include "certd/challenge/dns_persist_record.h"

namespace certd::issue {

ChallengeSelection selectChallenge(const acme::Authorization& authz, std::string_view fallback_type,
                                   std::optional<std::string_view> preferred_type) {
  ChallengeSelection selection;
  if (preferred_type) {
    if (const acme::Challenge* offered = authz.challengeOfType(*preferred_type)) {
      std::string problem;
      if (*preferred_type == "dns-persist-01")
        problem = challenge::issuerDomainNamesProblem(offered->issuer_domain_names);
      if (problem.empty()) return {offered, true, ""};
      selection.passed_over = problem;
    }
  }
  selection.challenge = authz.challengeOfType(fallback_type);
  return selection;
}

}  // namespace certd::issue
