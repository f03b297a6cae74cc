#pragma once

// The retry schedule after failed attempts to obtain a certificate: pure functions of
// (failures, now, Retry-After, jitter), so tests pass fixed values. The
// schedule is persisted through AttemptHistory, so restarting certd never resets it and a
// crash loop cannot hammer the CA.

#include <array>
#include <chrono>
#include <optional>

#include "shared/clock.h"

namespace certd::state {

// Delay after the n-th consecutive failure (index n-1); the last entry repeats (the cap).
inline constexpr std::array<std::chrono::seconds, 5> kBackoffTable = {
    std::chrono::minutes(1), std::chrono::minutes(10), std::chrono::hours(1), std::chrono::hours(6),
    std::chrono::hours(24)};

// Jitter shortens a delay by up to this fraction, so many certd instances that failed
// together (a CA outage) spread out, and the cap is never exceeded.
inline constexpr double kJitterFraction = 0.1;

// The delay after `failures` consecutive failures (values below 1 count as 1), shortened
// by kJitterFraction * `jitter`; `jitter` is a uniform draw in [0, 1), clamped.
std::chrono::seconds backoffDelay(int failures, double jitter);

// The earliest next attempt: now + backoffDelay, or `retry_after` (the CA's Retry-After,
// RFC 8555 §6.6) when that is later.
shared::Clock::TimePoint nextAttemptAfter(int failures, shared::Clock::TimePoint now,
                                          std::optional<shared::Clock::TimePoint> retry_after,
                                          double jitter);

}  // namespace certd::state
