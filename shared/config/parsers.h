#pragma once

// Typed parsers for configuration values. Each takes a RawValue and returns the typed
// value or an error message that says what was expected and what was found; the
// loader adds the location and the key path.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "shared/config/raw_value.h"
#include "shared/net/host_port.h"
#include "shared/result.h"

namespace shared::config {

Result<std::string> parseString(const RawValue& value);

// true/false, yes/no, on/off, 1/0 (case-insensitive).
Result<bool> parseBool(const RawValue& value);

// A whole number in [min, max].
Result<std::int64_t> parseInteger(const RawValue& value, std::int64_t min, std::int64_t max);

// "90" (seconds), "90s", "15m", "2h", "30d", or combinations such as "1h30m". A total past
// what 64-bit seconds hold is an error, never a wrapped value.
Result<std::chrono::seconds> parseDuration(const RawValue& value);

// The durations a key accepts, both ends included. Most keys need a minimum of 1s: 0
// would disable a timeout or spin a loop.
struct DurationRange {
  std::chrono::seconds min{1};
  std::chrono::seconds max{std::chrono::hours(24)};
};
// A duration within `range`; outside it, an error that states the range.
Result<std::chrono::seconds> parseDuration(const RawValue& value, DurationRange range);
std::string formatDuration(std::chrono::seconds seconds);

// A size in bytes: "1048576", "512KiB", "4MiB", "1GiB" (also KB/MB/GB as powers of 1024).
Result<std::uint64_t> parseByteSize(const RawValue& value);
std::string formatByteSize(std::uint64_t bytes);

// One of `choices`, compared case-insensitively, returned as written in `choices`.
Result<std::string> parseChoice(const RawValue& value, const std::vector<std::string>& choices);

Result<std::vector<std::string>> parseStringList(const RawValue& value);

Result<net::HostPort> parseHostPortValue(const RawValue& value);

}  // namespace shared::config
