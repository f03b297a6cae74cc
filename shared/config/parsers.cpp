#include "shared/config/parsers.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "shared/text.h"

namespace shared::config {
namespace {

// A value as error messages show it: quoted, and cut short when it is long, so that a
// 50 MB scalar does not become a 50 MB log line.
constexpr std::size_t kShownBytes = 64;

std::string quote(const std::string& s) {
  if (s.size() <= kShownBytes) return "\"" + s + "\"";
  return "\"" + s.substr(0, kShownBytes) + "\"... (" + std::to_string(s.size()) + " bytes)";
}

}  // namespace

Result<std::string> parseString(const RawValue& value) {
  return value.scalar();
}

Result<bool> parseBool(const RawValue& value) {
  auto text = value.scalar();
  if (!text) return text.status();
  const std::string v = asciiLowered(*text);
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  return Status::invalidArgument("expected true or false, got " + quote(*text));
}

Result<std::int64_t> parseInteger(const RawValue& value, std::int64_t min, std::int64_t max) {
  auto text = value.scalar();
  if (!text) return text.status();
  std::int64_t n = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  const auto [stop, error] = std::from_chars(begin, end, n);
  if (text->empty() || error != std::errc() || stop != end) {
    return Status::invalidArgument("expected a whole number, got " + quote(*text));
  }
  if (n < min || n > max) {
    return Status::invalidArgument("expected a number from " + std::to_string(min) + " to " +
                                   std::to_string(max) + ", got " + *text);
  }
  return n;
}

Result<std::chrono::seconds> parseDuration(const RawValue& value) {
  auto text = value.scalar();
  if (!text) return text.status();
  const Status bad = Status::invalidArgument(
      "expected a duration such as 90s, 15m, 2h or 30d, got " + quote(*text));
  if (text->empty()) return bad;
  std::int64_t total = 0;
  std::string_view rest = *text;
  while (!rest.empty()) {
    std::int64_t n = 0;
    const auto [stop, error] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (error != std::errc() || stop == rest.data() || n < 0) return bad;
    rest.remove_prefix(stop - rest.data());
    std::int64_t unit = 1;
    if (!rest.empty()) {
      switch (rest.front()) {
        case 's':
          unit = 1;
          break;
        case 'm':
          unit = 60;
          break;
        case 'h':
          unit = 3600;
          break;
        case 'd':
          unit = 86400;
          break;
        default:
          return bad;
      }
      rest.remove_prefix(1);
    } else if (total != 0) {
      return bad;  // "1h30" is ambiguous
    }
    if (n > (INT64_MAX - total) / unit) {
      return Status::invalidArgument("duration " + quote(*text) + " is too large");
    }
    total += n * unit;
  }
  return std::chrono::seconds(total);
}

Result<std::chrono::seconds> parseDuration(const RawValue& value, DurationRange range) {
  auto parsed = parseDuration(value);
  if (!parsed) return parsed.status();
  if (*parsed < range.min || *parsed > range.max) {
    return Status::invalidArgument("expected a duration from " + formatDuration(range.min) +
                                   " to " + formatDuration(range.max) + ", got " +
                                   quote(*value.scalar()));
  }
  return parsed;
}

std::string formatDuration(std::chrono::seconds seconds) {
  std::int64_t s = seconds.count();
  if (s == 0) return "0s";
  std::string out;
  for (const auto& [unit, suffix] :
       {std::pair<std::int64_t, char>{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}) {
    if (s >= unit) {
      out += std::to_string(s / unit) + suffix;
      s %= unit;
    }
  }
  return out;
}

Result<std::uint64_t> parseByteSize(const RawValue& value) {
  auto text = value.scalar();
  if (!text) return text.status();
  const Status bad =
      Status::invalidArgument("expected a size such as 65536, 512KiB or 4MiB, got " + quote(*text));
  std::uint64_t n = 0;
  const char* begin = text->data();
  const char* end = begin + text->size();
  const auto [stop, error] = std::from_chars(begin, end, n);
  if (error != std::errc() || stop == begin) return bad;
  const std::string unit = asciiLowered(std::string(stop, end));
  std::uint64_t multiplier = 0;
  if (unit.empty() || unit == "b") multiplier = 1;
  if (unit == "k" || unit == "kb" || unit == "kib") multiplier = 1024;
  if (unit == "m" || unit == "mb" || unit == "mib") multiplier = 1024 * 1024;
  if (unit == "g" || unit == "gb" || unit == "gib") multiplier = 1024 * 1024 * 1024;
  if (multiplier == 0 || n > UINT64_MAX / multiplier) return bad;
  return n * multiplier;
}

std::string formatByteSize(std::uint64_t bytes) {
  constexpr std::uint64_t kKiB = 1024, kMiB = kKiB * 1024, kGiB = kMiB * 1024;
  if (bytes != 0 && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + "GiB";
  if (bytes != 0 && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + "MiB";
  if (bytes != 0 && bytes % kKiB == 0) return std::to_string(bytes / kKiB) + "KiB";
  return std::to_string(bytes);
}

Result<std::string> parseChoice(const RawValue& value, const std::vector<std::string>& choices) {
  auto text = value.scalar();
  if (!text) return text.status();
  for (const auto& choice : choices) {
    if (asciiLowered(choice) == asciiLowered(*text)) return choice;
  }
  std::string list;
  for (const auto& choice : choices) list += (list.empty() ? "" : ", ") + choice;
  return Status::invalidArgument("expected one of " + list + "; got " + quote(*text));
}

Result<std::vector<std::string>> parseStringList(const RawValue& value) {
  return value.list();
}

Result<net::HostPort> parseHostPortValue(const RawValue& value) {
  auto text = value.scalar();
  if (!text) return text.status();
  return net::parseHostPort(*text);
}

}  // namespace shared::config
