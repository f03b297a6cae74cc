#pragma once

// The renewal decision: pure functions of the certificate's
// validity, the CA's ARI window (RFC 9773) when known, "now", and a random draw, so tests
// pass fixed values (lego ShouldRenewAt, certmagic currentlyInRenewalWindow).
//
// Without ARI a certificate renews when a third of its lifetime remains (at not_before +
// 2/3 of the lifetime), or half for a certificate living under 10 days (short-lived
// certificates need the larger margin). With an ARI window the time is a uniform random
// instant in [start, end); a window already over, or a drawn instant already past, means
// now (RFC 9773 §4.2). The caller draws once per window and keeps the result (metadata),
// so the decision does not wander between evaluations.

#include <chrono>
#include <optional>

#include "shared/clock.h"

namespace certd::renewal {

using TimePoint = shared::Clock::TimePoint;

inline constexpr std::chrono::hours kShortLivedLifetime{24 * 10};

// RFC 9773 §4.2 suggestedWindow: renew in [start, end).
struct AriWindow {
  TimePoint start;
  TimePoint end;
  friend bool operator==(const AriWindow&, const AriWindow&) = default;
};

// not_before + 2/3 of the lifetime, or + 1/2 when the lifetime is under 10 days.
// Precondition: not_before <= not_after.
TimePoint defaultRenewalTime(TimePoint not_before, TimePoint not_after);

// start + random_unit * (end - start), never before `now` (renew at once when the window
// is over or the draw lies in the past). `random_unit` is a uniform draw in [0, 1), clamped.
// An empty or inverted window (end <= start) behaves like a window that starts and ends
// at `start`.
TimePoint ariRenewalTime(const AriWindow& window, TimePoint now, double random_unit);

// The renewal time: ariRenewalTime when a window is known, else defaultRenewalTime.
TimePoint renewalTime(TimePoint not_before, TimePoint not_after,
                      const std::optional<AriWindow>& ari_window, TimePoint now,
                      double random_unit);

// Whether renewal is due at `now`.
inline bool isDue(TimePoint renewal_time, TimePoint now) {
  return now >= renewal_time;
}

// How long past its renewal time a certificate may be before `certd status` calls it
// overdue: a day, or half of the time left between renewal time and expiry when that is
// shorter (short-lived certificates). Never negative.
std::chrono::seconds defaultGrace(TimePoint renewal_time, TimePoint not_after);

// Past the renewal time by more than `grace`: renewal is failing, an operator should look.
inline bool isOverdue(TimePoint renewal_time, TimePoint now, std::chrono::seconds grace) {
  return now > renewal_time + grace;
}

}  // namespace certd::renewal
