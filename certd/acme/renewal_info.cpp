#include "certd/acme/renewal_info.h"

#include "certd/acme/problem.h"
#include "certd/acme/retry_after.h"

namespace certd::acme {

shared::Result<RenewalInfoResponse> fetchRenewalInfo(AcmeClient& client, std::string_view cert_id) {
  const std::string& base = client.directory().renewal_info;
  if (base.empty()) return shared::Status::notFound("ari: the CA offers no renewalInfo");
  const std::string url = (base.ends_with("/") ? base : base + "/") + std::string(cert_id);
  auto response = client.sender().send("GET", url);
  if (!response) return response.status();
  if (response->status != 200) {
    auto problem = parseProblem(response->body);
    return problemStatus(problem ? *problem
                                 : Problem{"about:blank",
                                           "HTTP " + std::to_string(response->status),
                                           response->status,
                                           {}},
                         response->status, "renewal info " + url);
  }
  return RenewalInfoResponse{response->body, parseRetryAfter(response->header("Retry-After"),
                                                             client.options().clock->now())};
}

}  // namespace certd::acme
