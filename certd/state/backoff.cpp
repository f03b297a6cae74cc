#include "certd/state/backoff.h"

#include <algorithm>

namespace certd::state {

std::chrono::seconds backoffDelay(int failures, double jitter) {
  const std::size_t index =
      std::min(static_cast<std::size_t>(std::max(failures, 1)) - 1, kBackoffTable.size() - 1);
  const double base = static_cast<double>(kBackoffTable[index].count());
  const double shortened = base * (1.0 - kJitterFraction * std::clamp(jitter, 0.0, 1.0));
  return std::chrono::seconds(static_cast<std::chrono::seconds::rep>(shortened));
}

shared::Clock::TimePoint nextAttemptAfter(int failures, shared::Clock::TimePoint now,
                                          std::optional<shared::Clock::TimePoint> retry_after,
                                          double jitter) {
  const shared::Clock::TimePoint scheduled = now + backoffDelay(failures, jitter);
  // The CA knows best when it is willing to talk again; never go earlier than it asked.
  if (retry_after && *retry_after > scheduled) return *retry_after;
  return scheduled;
}

}  // namespace certd::state
