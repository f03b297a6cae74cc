#include "certd/challenge/serialized_solver.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

using certd::challenge::ChallengeSpec;
using certd::challenge::SerializedSolver;

namespace {

// A dns-01-like solver: publish() is a quick record change, awaitVisible() a wait that only
// ends when `expected_waiters` orders wait at the same time (or fails after 5 s).
class RendezvousSolver final : public certd::challenge::Solver {
 public:
  explicit RendezvousSolver(int expected_waiters) : expected_(expected_waiters) {}

  std::string_view challengeType() const override { return "dns-01"; }
  shared::Status present(const ChallengeSpec& spec) override {
    if (shared::Status s = publish(spec); !s) return s;
    return awaitVisible(spec);
  }
  shared::Status publish(const ChallengeSpec&) override {
    if (in_change_.exchange(true)) overlapping_changes_ = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // widens a race to see
    in_change_ = false;
    return shared::Status::ok();
  }
  shared::Status awaitVisible(const ChallengeSpec& spec) override {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    const bool met =
        cv_.wait_for(lock, std::chrono::seconds(5), [&] { return waiting_ >= expected_; });
    return met ? shared::Status::ok()
               : shared::Status::unavailable("waited alone for " + spec.domain);
  }
  shared::Status cleanUp(const ChallengeSpec&) override {
    if (in_change_.exchange(true)) overlapping_changes_ = true;
    in_change_ = false;
    return shared::Status::ok();
  }

  std::atomic<bool> overlapping_changes_{false};

 private:
  const int expected_;
  std::atomic<bool> in_change_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  int waiting_ = 0;  // guarded by mu_
};

}  // namespace

TEST_CASE("two dns-01 orders sharing one solver wait for propagation at the same time",
          "[certd][challenge]") {
  auto inner = std::make_unique<RendezvousSolver>(2);
  RendezvousSolver& fake = *inner;
  SerializedSolver solver(std::move(inner));
  shared::Status first = shared::Status::internal("not run");
  shared::Status second = shared::Status::internal("not run");
  std::thread a([&] { first = solver.present({"a.test", "tok-a", "tok-a.thumb"}); });
  std::thread b([&] { second = solver.present({"b.test", "tok-b", "tok-b.thumb"}); });
  a.join();
  b.join();
  // With the propagation wait under the lock, the second order's publish would queue
  // behind the first order's wait, and both would fail after 5 s waiting alone.
  CHECK(first.message() == "");
  CHECK(second.message() == "");
  CHECK(solver.cleanUp({"a.test", "tok-a", "tok-a.thumb"}));
  CHECK_FALSE(fake.overlapping_changes_);
}
