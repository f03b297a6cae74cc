#include "shared/fair_gate.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

using shared::FairGate;
using namespace std::chrono_literals;

namespace {

// Waits (with a deadline) until `predicate` holds; fails the test otherwise.
template <class Predicate>
void waitUntil(Predicate predicate) {
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!predicate()) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    std::this_thread::yield();
  }
}

}  // namespace

TEST_CASE("a gate admits at most its capacity at once", "[fair_gate]") {
  FairGate gate(2);
  std::atomic<int> inside{0};
  std::atomic<int> most{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      for (int n = 0; n < 200; ++n) {
        const FairGate::Permit permit(gate);
        const int now = ++inside;
        int seen = most.load();
        while (now > seen && !most.compare_exchange_weak(seen, now)) {
        }
        --inside;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(most.load() <= 2);
  CHECK(most.load() >= 1);
}

TEST_CASE("a gate admits waiting threads in arrival order", "[fair_gate]") {
  FairGate gate(1);
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  {
    const FairGate::Permit first(gate);  // holds the only place while the others line up
    for (int i = 0; i < 5; ++i) {
      // Start each thread only after the previous one is waiting, so arrival order is i.
      threads.emplace_back([&, i] {
        const FairGate::Permit permit(gate);
        std::lock_guard lock(mu);
        order.push_back(i);
      });
      waitUntil([&] { return gate.waiting() == static_cast<std::size_t>(i + 1); });
    }
  }
  for (auto& t : threads) t.join();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
}

TEST_CASE("a blocking section lets another thread through and queues again after", "[fair_gate]") {
  FairGate gate(1);
  std::atomic<bool> other_ran{false};
  const FairGate::Permit permit(gate);
  {
    const FairGate::BlockingSection blocking;
    std::thread other([&] {
      const FairGate::Permit inner(gate);
      other_ran = true;
    });
    other.join();  // would deadlock if the section kept the place
  }
  CHECK(other_ran.load());
}

TEST_CASE("a blocking section without a permit does nothing, and capacity zero never waits",
          "[fair_gate]") {
  { const FairGate::BlockingSection blocking; }
  FairGate open(0);
  const FairGate::Permit a(open);
  const FairGate::Permit b(open);
  CHECK(open.waiting() == 0);
}
