#include "shared/log/text_formatter.h"

#include <spdlog/common.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

#include "shared/log/fields.h"

namespace shared::log {

std::string formatLogTime(const spdlog::details::log_msg& msg) {
  const auto since_epoch = msg.time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t t = seconds.count();
  std::tm utc{};
  gmtime_r(&t, &utc);
  char stamp[64];
  std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return stamp;
}

void TextFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string line = formatLogTime(msg);
  line += ' ';
  const auto level = spdlog::level::to_string_view(msg.level);
  line.append(level.data(), level.size());
  line.append(level.size() < 5 ? 5 - level.size() : 0, ' ');
  line += ' ';
  line.append(msg.logger_name.data(), msg.logger_name.size());
  line += ": ";
  appendEscapedText(line, std::string_view(msg.payload.data(), msg.payload.size()),
                    /*quote=*/false);
  for (const Field& field : currentFields()) appendTextField(line, field.name, field.value);
  line += '\n';
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> TextFormatter::clone() const {
  return std::make_unique<TextFormatter>();
}

}  // namespace shared::log
