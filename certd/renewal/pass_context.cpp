#include "certd/renewal/pass_context.h"

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::renewal {

shared::Result<acme::AcmeClient*> PassContext::client(std::size_t worker) {
  std::lock_guard lock(mu_);
  if (!session_) {
    auto session = openAcmeSession(settings_.session);
    if (!session) return session.status();
    session_ = std::move(*session);
  }
  if (worker == 0) return session_->client.get();
  auto& extra = extra_clients_[worker];
  if (!extra) {
    auto client = openExtraClient(settings_.session, *session_);
    if (!client) return client.status();
    extra = std::move(client).value();
  }
  return extra.get();
}

challenge::Solver& PassContext::solver(const challenge::SolverChoice& choice) {
  std::lock_guard lock(mu_);
  auto& solver = solvers_[choice.sharingKey()];
  // One listener (or DNS updater) for the whole pass; a listener starts at its first present().
  if (!solver)
    solver = std::make_unique<challenge::SerializedSolver>(
        challenge::makeSolver(choice, settings_.solvers));
  return *solver;
}

void PassContext::logTraffic() {
  std::lock_guard lock(mu_);
  if (!session_) return;
  std::uint64_t requests = session_->client->sender().requestCount();
  std::uint64_t connections = session_->client->sender().connectionCount();
  for (const auto& [worker, client] : extra_clients_) {
    requests += client->sender().requestCount();
    connections += client->sender().connectionCount();
  }
  shared::log::info(shared::log::get("certd"), "acme traffic",
                    {{"requests", requests}, {"connections", connections}});
}

}  // namespace certd::renewal
