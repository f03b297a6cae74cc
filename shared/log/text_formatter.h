#pragma once

// TextFormatter: renders one spdlog record as one line for people:
//   2026-11-22T01:02:03.456Z info  mcpd.http: listening address=127.0.0.1:8080
// The message follows the logger's name with its control characters escaped (a CR, ESC or
// line break from outside text cannot fake or hide a line); the fields passed to
// shared::log::write (fields.h) follow as ` name=value`, quoted when needed.

#include <spdlog/formatter.h>

#include <memory>

namespace shared::log {

class TextFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

// "2026-11-22T01:02:03.456Z": the record's time in UTC with milliseconds.
std::string formatLogTime(const spdlog::details::log_msg& msg);

}  // namespace shared::log
