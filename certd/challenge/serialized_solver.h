#pragma once

// SerializedSolver: lets several orders running in parallel threads share one solver (one
// HTTP-01 listener, one TLS-ALPN listener, one DNS updater) by running its record changes
// (publish() and cleanUp()) one at a time. The wait after a change (awaitVisible(): the
// dns-01 propagation wait, up to minutes) runs outside the lock, so concurrent dns-01 orders
// wait side by side instead of queueing. The wrapped solvers keep every presented token
// until it is cleaned up, so orders only wait for each other's changes, never for each
// other's validations. Thread-safe; owns the wrapped solver.

#include <memory>
#include <mutex>
#include <string_view>

#include "certd/challenge/solver.h"

namespace certd::challenge {

class SerializedSolver final : public Solver {
 public:
  explicit SerializedSolver(std::unique_ptr<Solver> inner) : inner_(std::move(inner)) {}

  std::string_view challengeType() const override { return inner_->challengeType(); }
  shared::Status present(const ChallengeSpec& spec) override {
    if (shared::Status published = publish(spec); !published) return published;
    return awaitVisible(spec);
  }
  shared::Status publish(const ChallengeSpec& spec) override {
    std::lock_guard lock(mu_);
    return inner_->publish(spec);
  }
  shared::Status awaitVisible(const ChallengeSpec& spec) override {
    return inner_->awaitVisible(spec);  // no lock: the wrapped solver allows this in parallel
  }
  shared::Status cleanUp(const ChallengeSpec& spec) override {
    std::lock_guard lock(mu_);
    return inner_->cleanUp(spec);
  }

 private:
  std::mutex mu_;
  std::unique_ptr<Solver> inner_;  // publish() and cleanUp() guarded by mu_
};

}  // namespace certd::challenge
