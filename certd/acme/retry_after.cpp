#include "certd/acme/retry_after.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

namespace certd::acme {

std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         shared::Clock::TimePoint now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return std::chrono::hours(24 * 365);  // absurd: clamp, do not overflow
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  // An HTTP-date (RFC 9110 §5.6.7) starts with the day name and holds a time; Poco's parser
  // is lenient, so refuse anything else first.
  if (!std::isalpha(static_cast<unsigned char>(value.front())) ||
      value.find(':') == std::string_view::npos) {
    return std::nullopt;
  }
  try {
    int tzd = 0;
    const Poco::DateTime date =
        Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, std::string(value), tzd);
    const auto at = std::chrono::system_clock::time_point(
        std::chrono::microseconds(date.timestamp().epochMicroseconds() - tzd * 1000000LL));
    if (at <= now) return std::chrono::milliseconds(0);
    return std::chrono::duration_cast<std::chrono::milliseconds>(at - now);
  } catch (const Poco::Exception&) {
    return std::nullopt;
  }
}

std::chrono::milliseconds Backoff::delay(int attempt, double unit_random) const {
  long long full = initial.count();
  for (int i = 0; i < attempt && full < cap.count(); ++i) full *= 2;
  full = std::min(full, static_cast<long long>(cap.count()));
  const double draw = std::clamp(unit_random, 0.0, 1.0);
  return std::chrono::milliseconds(full / 2 + static_cast<long long>(draw * (full - full / 2)));
}

std::chrono::milliseconds Backoff::delay(int attempt) const {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return delay(attempt, std::uniform_real_distribution<double>(0.0, 1.0)(generator));
}

}  // namespace certd::acme
