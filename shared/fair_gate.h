#pragma once

// FairGate: lets at most N threads at a time through a CPU-bound section and admits the
// others in arrival order. With one thread per connection (Poco), 64 busy connections on
// two cores otherwise leave the scheduler to pick who runs next, and the unlucky requests
// wait a hundred times longer than the median; behind the gate they queue first come,
// first served, and fewer threads fight over locks and malloc arenas.
//
// A holder that is about to block (writing to a slow client, waiting for the client's
// answer) must not keep its place: code that may block opens a BlockingSection, which
// gives the place up for its duration and queues again afterwards. The section does
// nothing on a thread that holds no permit, so protocol code can use it without knowing
// whether a gate exists. Thread-safe.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>

namespace shared {

class FairGate {
 public:
  // `capacity` threads may hold a permit at once; 0 means no limit (the gate is open).
  explicit FairGate(std::size_t capacity) : capacity_(capacity) {}

  // Holds a place in the gate for the life of the object; blocks until admitted.
  class Permit {
   public:
    explicit Permit(FairGate& gate);
    ~Permit();
    Permit(const Permit&) = delete;
    Permit& operator=(const Permit&) = delete;

   private:
    friend class FairGate;
    FairGate& gate_;
    Permit* outer_;  // the permit this thread held before, restored on destruction
    bool held_ = false;
  };

  // Gives up the current thread's place while it blocks, then queues for it again.
  class BlockingSection {
   public:
    BlockingSection();
    ~BlockingSection();
    BlockingSection(const BlockingSection&) = delete;
    BlockingSection& operator=(const BlockingSection&) = delete;

   private:
    Permit* permit_;
  };

  std::size_t capacity() const { return capacity_; }
  // Threads queued for a place now (for metrics and tests).
  std::size_t waiting() const;

 private:
  void enter();  // blocks until admitted
  void leave();

  struct Waiter {
    std::condition_variable ready;
    bool admitted = false;
  };

  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::size_t inside_ = 0;       // guarded by mu_
  std::deque<Waiter*> waiting_;  // guarded by mu_; oldest first
};

}  // namespace shared
