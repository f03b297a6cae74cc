#pragma once

// nextWake: when the renewal loop of `certd run` should look again, across every
// certificate: the earliest instant any decision names (its renewal time, or the end of its
// back-off), never later than `now + cap` (the loop re-checks the disk at least that often,
// which also catches clock jumps and files changed behind its back) and never sooner than
// `now + floor` (a certificate that stays due, say because another process holds its lock,
// must not make the loop spin). A pure function; thread-safe.

#include <chrono>
#include <vector>

#include "certd/renewal/renewal_decision.h"

namespace certd::renewal {

inline constexpr std::chrono::seconds kDefaultWakeCap{std::chrono::hours(1)};
inline constexpr std::chrono::seconds kDefaultWakeFloor{1};

// kWait and kBackOff contribute their `at`; kObtain and kRenew mean "now" (clamped up to
// `now + floor`). No decisions: `now + cap`. Precondition: floor <= cap.
TimePoint nextWake(const std::vector<Decision>& decisions, TimePoint now,
                   std::chrono::seconds cap = kDefaultWakeCap,
                   std::chrono::seconds floor = kDefaultWakeFloor);

}  // namespace certd::renewal
