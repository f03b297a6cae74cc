#include "certd/acme/retry_after.h"

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <string>

namespace certd::acme {
namespace {

constexpr long long kMaxRetryAfterSeconds = 365LL * 24 * 3600;  // longer waits are clamped

}  // namespace

std::optional<std::chrono::milliseconds> parseRetryAfter(std::string_view value,
                                                         shared::Clock::TimePoint now) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return std::chrono::seconds(kMaxRetryAfterSeconds);  // clamp, no overflow
    return std::chrono::seconds(std::min(std::stoll(std::string(value)), kMaxRetryAfterSeconds));
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
    // In whole seconds: a date in year 1 or 9999 must neither overflow nor wrap (found by
    // the fuzzer), and an HTTP-date has no sub-second part anyway.
    const long long at = static_cast<long long>(date.timestamp().epochTime()) - tzd;
    const long long now_s =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    if (at <= now_s) return std::chrono::milliseconds(0);
    const long long wait_s = std::min(at - now_s, kMaxRetryAfterSeconds);
    return std::chrono::milliseconds(wait_s * 1000);
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
