#include "shared/log/json_formatter.h"

#include <spdlog/common.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "shared/json_string.h"

namespace shared::log {
namespace {

bool isKeyChar(char c) {
  return std::islower(static_cast<unsigned char>(c)) ||
         std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

// Parses `key=value` pairs separated by spaces from `s`; false when `s` is anything else.
bool parseFields(std::string_view s, std::vector<std::pair<std::string, std::string>>& fields) {
  while (!s.empty()) {
    const auto eq = s.find('=');
    if (eq == 0 || eq == std::string_view::npos) return false;
    const std::string_view key = s.substr(0, eq);
    for (const char c : key) {
      if (!isKeyChar(c)) return false;
    }
    s.remove_prefix(eq + 1);
    std::string value;
    if (!s.empty() && s.front() == '"') {
      s.remove_prefix(1);
      bool closed = false;
      while (!s.empty()) {
        const char c = s.front();
        s.remove_prefix(1);
        if (c == '\\' && !s.empty()) {
          value += s.front();
          s.remove_prefix(1);
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) return false;
    } else {
      const auto space = s.find(' ');
      value = std::string(s.substr(0, space));
      s.remove_prefix(space == std::string_view::npos ? s.size() : space);
    }
    fields.emplace_back(std::string(key), std::move(value));
    if (!s.empty()) {
      if (s.front() != ' ') return false;
      s.remove_prefix(1);
    }
  }
  return true;
}

}  // namespace

SplitMessage splitFields(std::string_view message) {
  // Try every word boundary from the left: the first position from which the rest parses as
  // fields splits text from fields.
  std::size_t pos = 0;
  while (true) {
    std::vector<std::pair<std::string, std::string>> fields;
    if (parseFields(message.substr(pos), fields) && !fields.empty()) {
      std::string_view text = message.substr(0, pos);
      while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
      return {std::string(text), std::move(fields)};
    }
    pos = message.find(' ', pos);
    if (pos == std::string_view::npos) return {std::string(message), {}};
    ++pos;
  }
}

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
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

  const SplitMessage split = splitFields(std::string_view(msg.payload.data(), msg.payload.size()));
  std::string line = "{\"time\":\"";
  line += stamp;
  line += "\",\"level\":";
  const auto level = spdlog::level::to_string_view(msg.level);
  shared::appendJsonString(line, std::string_view(level.data(), level.size()));
  line += ",\"logger\":";
  shared::appendJsonString(line, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  line += ",\"msg\":";
  shared::appendJsonString(line, split.text);
  for (const auto& [key, value] : split.fields) {
    if (key == "time" || key == "level" || key == "logger" || key == "msg") continue;
    line += ',';
    shared::appendJsonString(line, key);
    line += ':';
    shared::appendJsonString(line, value);
  }
  line += "}\n";
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>();
}

}  // namespace shared::log
