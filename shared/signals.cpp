#include "shared/signals.h"

#include <pthread.h>

#include <cerrno>

namespace shared {

SignalWaiter::SignalWaiter() {
  sigemptyset(&set_);
  for (const int s : {SIGINT, SIGTERM, SIGQUIT, SIGHUP}) sigaddset(&set_, s);
  pthread_sigmask(SIG_BLOCK, &set_, &previous_);
}

SignalWaiter::~SignalWaiter() {
  pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

int SignalWaiter::wait() {
  int signal = 0;
  while (sigwait(&set_, &signal) != 0) {
  }
  return signal;
}

std::optional<int> SignalWaiter::waitFor(std::chrono::milliseconds timeout) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
  timespec ts{static_cast<time_t>(seconds.count()),
              static_cast<long>((timeout - seconds).count() * 1000000)};
  while (true) {
    const int signal = sigtimedwait(&set_, nullptr, &ts);
    if (signal > 0) return signal;
    if (errno != EINTR) return std::nullopt;
  }
}

}  // namespace shared
