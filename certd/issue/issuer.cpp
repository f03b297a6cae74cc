#include "certd/issue/issuer.h"

#include <algorithm>

#include "certd/acme/chain_download.h"
#include "certd/acme/csr.h"
#include "certd/acme/jwk.h"
#include "certd/acme/operations.h"
#include "certd/acme/polling.h"
#include "certd/challenge/dns_persist_record.h"
#include "certd/issue/challenge_selection.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::issue {
namespace {

using challenge::ChallengeSpec;

// Cleans up every presented challenge, by the solver that presented it, when the flow
// leaves, whichever way it leaves.
class PresentedChallenges {
 public:
  PresentedChallenges() = default;
  PresentedChallenges(const PresentedChallenges&) = delete;
  PresentedChallenges& operator=(const PresentedChallenges&) = delete;
  ~PresentedChallenges() {
    for (const auto& [solver, spec] : specs_) {
      if (shared::Status status = solver->cleanUp(spec); !status) {
        shared::log::warn(shared::log::get("certd.issue"), "challenge clean-up failed",
                          {{"error", status.message()}});
      }
    }
  }
  shared::Status present(challenge::Solver& solver, ChallengeSpec spec) {
    // Recorded before present(): a half-done present is cleaned up too.
    specs_.emplace_back(&solver, std::move(spec));
    return solver.present(specs_.back().second);
  }

 private:
  std::vector<std::pair<challenge::Solver*, ChallengeSpec>> specs_;
};

// Whether the order also names "*.<id>" (the authorization of a name and of its wildcard
// share one identifier; a dns-persist-01 record then needs policy=wildcard).
bool coversWildcardOf(const std::vector<std::string>& domains, const std::string& id) {
  return std::find(domains.begin(), domains.end(), "*." + id) != domains.end();
}

// "acme: order for a.test: <cause>" without repeating "acme: " from the cause; keeps the code.
shared::Status inOrder(const shared::Status& status, const std::string& name) {
  std::string message = status.message();
  if (message.starts_with("acme: ")) message.erase(0, 6);
  message = "acme: order for " + name + ": " + message;
  switch (status.code()) {
    case shared::Status::Code::kUnavailable:
      return shared::Status::unavailable(message);
    case shared::Status::Code::kPermissionDenied:
      return shared::Status::permissionDenied(message);
    case shared::Status::Code::kIoError:
      return shared::Status::ioError(message);
    case shared::Status::Code::kInternal:
      return shared::Status::internal(message);
    default:
      return shared::Status::invalidArgument(message);
  }
}

std::string problemText(const acme::Authorization& authz) {
  if (const acme::Problem* problem = authz.firstError()) return problem->describe();
  return "no error given";
}

}  // namespace

shared::Result<Issued> issueCertificate(acme::AcmeClient& client, challenge::Solver& solver,
                                        const IssueRequest& request, challenge::Solver* preferred) {
  static const auto log = shared::log::get("certd.issue");
  const std::string& name = request.domains.front();
  // draft-aaron-acme-profiles: a CA that lists profiles refuses others; say so before ordering.
  const auto& profiles = client.directory().meta.profiles;
  if (!request.profile.empty() && !profiles.empty() && profiles.count(request.profile) == 0) {
    std::string offered;
    for (const auto& [profile, description] : profiles) {
      offered += (offered.empty() ? "" : ", ") + profile;
    }
    return inOrder(shared::Status::invalidArgument("the CA offers no profile \"" + request.profile +
                                                   "\" (offered: " + offered + ")"),
                   name);
  }
  acme::NewOrderRequest order_request{.profile = request.profile, .replaces = request.replaces};
  for (const std::string& domain : request.domains) {
    order_request.identifiers.push_back(acme::identifierFor(domain));
  }
  auto order = acme::newOrder(client, order_request);
  if (!order) return inOrder(order.status(), name);
  shared::log::info(log, "order created",
                    {{"name", name}, {"url", order->url}, {"status", order->status}});

  PresentedChallenges presented;
  std::vector<std::pair<std::string, std::string>> to_poll;  // authz URL, identifier
  std::optional<std::chrono::milliseconds> first_wait;       // the longest Retry-After seen
  for (const std::string& url : order->authorizations) {
    auto authz = acme::fetchAuthorization(client, url);
    if (!authz) return inOrder(authz.status(), name);
    const std::string& id = authz->identifier.value;
    if (authz->status == "valid") continue;  // reused from an earlier order
    if (authz->status != "pending") {
      return inOrder(shared::Status::invalidArgument("authorization " + id + " " + authz->status +
                                                     ": " + problemText(*authz)),
                     name);
    }
    std::optional<std::string_view> preferred_type;
    if (preferred != nullptr) preferred_type = preferred->challengeType();
    const ChallengeSelection selection =
        selectChallenge(*authz, solver.challengeType(), preferred_type);
    if (!selection.passed_over.empty()) {
      shared::log::warn(log, "preferred challenge passed over",
                        {{"identifier", id},
                         {"type", *preferred_type},
                         {"reason", selection.passed_over},
                         {"instead", solver.challengeType()}});
    }
    const acme::Challenge* chosen = selection.challenge;
    if (chosen == nullptr) {
      return inOrder(
          shared::Status::invalidArgument("authorization " + id + ": the CA offers no " +
                                          std::string(solver.challengeType()) + " challenge"),
          name);
    }
    challenge::Solver& answering = selection.preferred ? *preferred : solver;
    ChallengeSpec spec{.domain = id, .token = chosen->token};
    if (!chosen->token.empty())
      spec.key_authorization = acme::keyAuthorization(chosen->token, client.signer().thumbprint());
    spec.issuer_domain_names = chosen->issuer_domain_names;
    spec.account_uri =
        challenge::dnsPersistAccountUri(client.directory().meta.account_hash_prefix, id,
                                        client.signer().thumbprint(), client.accountUrl());
    spec.wildcard = authz->wildcard || coversWildcardOf(request.domains, id);
    shared::log::debug(log, "challenge chosen", {{"identifier", id}, {"type", chosen->type}});
    if (shared::Status status = presented.present(answering, std::move(spec)); !status) {
      return inOrder(status, name);
    }
    auto responded = acme::respondToChallenge(client, chosen->url);
    if (!responded) return inOrder(responded.status(), name);
    if (responded->retry_after) {
      first_wait =
          std::max(first_wait.value_or(std::chrono::milliseconds(0)), *responded->retry_after);
    }
    to_poll.emplace_back(url, id);
  }
  for (const auto& [url, id] : to_poll) {
    auto authz = acme::pollAuthorization(client, url, first_wait);
    first_wait.reset();  // the wait was for all of them
    if (!authz) return inOrder(authz.status(), name);
    if (authz->status != "valid") {
      return inOrder(shared::Status::invalidArgument("authorization " + id + " " + authz->status +
                                                     ": " + problemText(*authz)),
                     name);
    }
    shared::log::debug(log, "authorization valid", {{"identifier", id}});
  }

  auto key = shared::pki::PrivateKey::generate(request.key_type);
  if (!key) return key.status();
  auto csr = acme::buildCsr(request.domains, *key);
  if (!csr) return inOrder(csr.status(), name);
  // All authorizations are valid, so the order is ready (§7.1.6) unless the server has not
  // caught up yet: then it answers orderNotReady and we wait for it once.
  auto finalized = acme::finalizeOrder(client, *order, *csr);
  if (!finalized && client.lastProblem() && client.lastProblem()->is(acme::error::kOrderNotReady)) {
    order = acme::pollOrder(client, order->url);
    if (!order) return inOrder(order.status(), name);
    finalized = acme::finalizeOrder(client, *order, *csr);
  }
  if (!finalized) return inOrder(finalized.status(), name);
  if (finalized->status != "valid") {
    finalized = acme::pollOrder(client, order->url, finalized->retry_after);
    if (!finalized) return inOrder(finalized.status(), name);
  }
  if (finalized->status != "valid" || finalized->certificate.empty()) {
    std::string cause = finalized->error ? finalized->error->describe() : "no certificate URL";
    return inOrder(shared::Status::invalidArgument("order " + finalized->status + ": " + cause),
                   name);
  }
  auto chain = acme::downloadChain(client, finalized->certificate, request.preferred_chain);
  if (!chain) return inOrder(chain.status(), name);
  if (shared::Status status = shared::pki::checkPair(*chain, *key); !status) {
    return inOrder(status, name);
  }
  shared::log::info(log, "certificate issued",
                    {{"name", name},
                     {"serial", chain->leaf().serialHex()},
                     {"not_after_unix", std::chrono::duration_cast<std::chrono::seconds>(
                                            chain->leaf().notAfter().time_since_epoch())
                                            .count()}});
  return Issued{std::move(key).value(), std::move(chain).value()};
}

}  // namespace certd::issue
