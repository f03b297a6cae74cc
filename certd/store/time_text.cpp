#include "certd/store/time_text.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <time.h>

#include <regex>

namespace certd::store {

std::string formatRfc3339(shared::Clock::TimePoint time) {
  const std::time_t seconds =
      std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

shared::Result<shared::Clock::TimePoint> parseRfc3339(std::string_view text) {
  // Poco's parser is lenient (it skips unknown characters), so check the shape first:
  // RFC 3339 §5.6 date-time.
  static const std::regex kShape(
      R"(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))");
  const std::string input(text);
  auto bad = [&] {
    return shared::Status::invalidArgument("\"" + input.substr(0, 64) +
                                           "\" is not an RFC 3339 time");
  };
  if (!std::regex_match(input, kShape)) return bad();
  Poco::DateTime parsed;
  int tzd = 0;
  if (!Poco::DateTimeParser::tryParse(Poco::DateTimeFormat::ISO8601_FRAC_FORMAT, input, parsed,
                                      tzd)) {
    return bad();
  }
  parsed.makeUTC(tzd);
  // system_clock counts nanoseconds and spans 1678-2262: a time outside 1970-2200 is
  // nonsense in a certificate file or from a CA, and converting it would overflow.
  constexpr long long kYear2200Micros = 7258118400LL * 1000000;
  const long long micros = parsed.timestamp().epochMicroseconds();
  if (micros < 0 || micros > kYear2200Micros) return bad();
  return shared::Clock::TimePoint(std::chrono::microseconds(micros));
}

}  // namespace certd::store
