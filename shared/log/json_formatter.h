#pragma once

// JsonFormatter: renders one spdlog record as one JSON object on one line:
//   {"time":"2026-11-22T01:02:03.456Z","level":"info","logger":"mcpd.http",
//    "msg":"listening","address":"127.0.0.1:8080"}
// The message is kept whole; the fields are those passed to shared::log::write (fields.h),
// never parsed out of the message, so no text inside a message can become a field. A field
// named like a fixed member (time, level, logger, msg) is dropped.

#include <spdlog/formatter.h>

#include <memory>

namespace shared::log {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

}  // namespace shared::log
