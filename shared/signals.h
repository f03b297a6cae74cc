#pragma once

// SignalWaiter: turns SIGINT, SIGTERM, SIGQUIT and SIGHUP into return values of wait().
// It blocks those signals in the constructing thread, and every thread started later
// inherits the mask, so construct it in a daemon's run command before starting any thread.
// (Poco's ServerApplication blocks them only inside waitForTerminationRequest(), after
// worker threads exist, and knows nothing of SIGHUP; hence this class.)

#include <signal.h>

#include <chrono>
#include <optional>

namespace shared {

class SignalWaiter {
 public:
  SignalWaiter();
  ~SignalWaiter();  // restores the previous mask of the constructing thread
  SignalWaiter(const SignalWaiter&) = delete;
  SignalWaiter& operator=(const SignalWaiter&) = delete;

  // Waits for the next of the signals and returns its number.
  int wait();

  // As wait(), but gives up after `timeout` and returns nullopt.
  std::optional<int> waitFor(std::chrono::milliseconds timeout);

  static bool isTermination(int signal) { return signal != SIGHUP; }

 private:
  sigset_t set_;
  sigset_t previous_;
};

}  // namespace shared
