#pragma once

// PassContext: the ACME clients and challenge solvers one renewal pass shares among its
// worker threads, created on first use, so a pass with nothing due never contacts the CA
// and never opens a listener. Each worker has its own ACME client (a client is
// single-threaded; all share the one account), and certificates whose SolverChoice shares a
// key share one solver through a SerializedSolver. Owned by runRenewalPass for one pass;
// thread-safe.

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "certd/acme/client.h"
#include "certd/challenge/serialized_solver.h"
#include "certd/challenge/solver_factory.h"
#include "certd/renewal/acme_session.h"
#include "certd/renewal/renewal_settings.h"
#include "shared/result.h"

namespace certd::renewal {

class PassContext {
 public:
  // `settings` must outlive the context.
  explicit PassContext(const RenewalSettings& settings) : settings_(settings) {}

  // The client of worker `worker` (0 = the session's own); the account is set up once, by
  // whichever worker comes first. Errors: those of openAcmeSession / openExtraClient.
  shared::Result<acme::AcmeClient*> client(std::size_t worker);

  // The shared solver for `choice`, built by challenge::makeSolver on first use.
  challenge::Solver& solver(const challenge::SolverChoice& choice);

  // Logs the pass's ACME requests and connections over every client; nothing when no
  // session was opened.
  void logTraffic();

 private:
  const RenewalSettings& settings_;
  std::mutex mu_;
  std::unique_ptr<AcmeSession> session_;                                         // guarded by mu_
  std::map<std::size_t, std::unique_ptr<acme::AcmeClient>> extra_clients_;       // guarded by mu_
  std::map<std::string, std::unique_ptr<challenge::SerializedSolver>> solvers_;  // guarded by mu_
};

}  // namespace certd::renewal
