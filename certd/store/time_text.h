#pragma once

// RFC 3339 time stamps as certd writes and reads them in JSON: metadata, attempt history,
// ACME renewalInfo. Pure functions; thread-safe.

#include <string>
#include <string_view>

#include "shared/clock.h"
#include "shared/result.h"

namespace certd::store {

// "2026-11-22T03:45:41Z": UTC, whole seconds (the fraction is truncated).
std::string formatRfc3339(shared::Clock::TimePoint time);

// Parses "2026-11-22T03:45:41Z", with an optional fraction and a "Z" or "+hh:mm" offset.
// Anything else fails with kInvalidArgument quoting the text.
shared::Result<shared::Clock::TimePoint> parseRfc3339(std::string_view text);

}  // namespace certd::store
