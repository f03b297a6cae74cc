#include "shared/log/json_formatter.h"

#include <spdlog/common.h>

#include <string>

#include "shared/json_string.h"
#include "shared/log/fields.h"
#include "shared/log/text_formatter.h"

namespace shared::log {

void JsonFormatter::format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) {
  std::string line = "{\"time\":\"";
  line += formatLogTime(msg);
  line += "\",\"level\":";
  const auto level = spdlog::level::to_string_view(msg.level);
  shared::appendJsonString(line, std::string_view(level.data(), level.size()));
  line += ",\"logger\":";
  shared::appendJsonString(line, std::string_view(msg.logger_name.data(), msg.logger_name.size()));
  line += ",\"msg\":";
  shared::appendJsonString(line, std::string_view(msg.payload.data(), msg.payload.size()));
  for (const Field& field : currentFields()) {
    if (field.name == "time" || field.name == "level" || field.name == "logger" ||
        field.name == "msg") {
      continue;
    }
    line += ',';
    shared::appendJsonString(line, field.name);
    line += ':';
    shared::appendJsonString(line, field.value);
  }
  line += "}\n";
  dest.append(line.data(), line.data() + line.size());
}

std::unique_ptr<spdlog::formatter> JsonFormatter::clone() const {
  return std::make_unique<JsonFormatter>();
}

}  // namespace shared::log
