#pragma once

// AttemptHistory: what certd remembers about its attempts to obtain one certificate, and
// the pure transitions between attempts. An attempt is recorded as a failure *when it
// starts* (startAttempt) and corrected when it ends, so a certd killed mid-order (crash
// loop, OOM) still backs off on its next start instead of ordering again at once.
// Persisted as {state}/attempts/{name}.json by AttemptStore. A plain value.

#include <optional>
#include <string>
#include <string_view>

#include "shared/clock.h"
#include "shared/result.h"

namespace certd::state {

// The error recorded while an attempt runs; seen on disk only after a crash.
inline constexpr std::string_view kInterruptedError =
    "the attempt did not finish (certd stopped or crashed during it)";

struct AttemptHistory {
  std::optional<shared::Clock::TimePoint> last_attempt;  // start of the latest attempt
  std::optional<shared::Clock::TimePoint> last_success;  // end of the latest success
  int consecutive_failures = 0;                          // 0 after a success
  std::string last_error;                                // "" after a success
  std::optional<shared::Clock::TimePoint> not_before;    // no attempt before this instant
  bool in_progress = false;                              // startAttempt without finish*

  friend bool operator==(const AttemptHistory&, const AttemptHistory&) = default;
};

// Whether an attempt may start at `now`: no back-off pending.
bool mayAttempt(const AttemptHistory& history, shared::Clock::TimePoint now);

// Before contacting the CA: counts a failure in advance and schedules the back-off.
// `jitter` is a uniform draw in [0, 1).
AttemptHistory startAttempt(AttemptHistory history, shared::Clock::TimePoint now, double jitter);

// After a failure: records `error`; the back-off follows the failure count (not counted
// twice after startAttempt) and `retry_after` when the CA sent a later one.
AttemptHistory finishWithFailure(AttemptHistory history, shared::Clock::TimePoint now,
                                 std::string error,
                                 std::optional<shared::Clock::TimePoint> retry_after,
                                 double jitter);

// After a success: clears failures, error and back-off.
AttemptHistory finishWithSuccess(AttemptHistory history, shared::Clock::TimePoint now);

// One-line JSON: {"last_attempt":"...","last_success":null,"consecutive_failures":2,
// "last_error":"...","not_before":"...","in_progress":false}
std::string toJson(const AttemptHistory& history);
// Parses toJson's output; bad JSON or a mistyped key fails with kInvalidArgument.
shared::Result<AttemptHistory> parseAttemptHistory(std::string_view json);

}  // namespace certd::state
