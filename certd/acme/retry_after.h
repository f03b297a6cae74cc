#pragma once

// Retry-After (RFC 9110 §10.2.3; RFC 8555 §6.6, §7.4) and the back-off used when a server
// gives none. Pure functions of their inputs (the clock and the random draw are passed
// in), so tests need no waiting. Thread-safe.

#include <chrono>
#include <optional>
#include <string_view>

#include "shared/clock.h"

namespace certd::acme {

// The delay a Retry-After value asks for: delta-seconds ("120") or an HTTP-date ("Wed, 21
// Oct 2015 07:28:00 GMT") relative to `now`. A date in the past gives zero; garbage,
// negative numbers or an empty value give nullopt. Waits are clamped to one year.
std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         shared::Clock::TimePoint now);

// Capped exponential back-off with "equal jitter": attempt n (0-based) waits a delay in
// [d/2, d] where d = min(cap, initial * 2^n). `unit_random` is a draw from [0, 1).
struct Backoff {
  std::chrono::milliseconds initial{50};
  std::chrono::milliseconds cap{5000};

  std::chrono::milliseconds delay(int attempt, double unit_random) const;
  // The same with a draw from a thread-local generator.
  std::chrono::milliseconds delay(int attempt) const;
};

}  // namespace certd::acme
