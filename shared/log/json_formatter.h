#pragma once

// JsonFormatter: renders one spdlog record as one JSON object on one line:
//   {"time":"2026-11-22T01:02:03.456Z","level":"info","logger":"mcpd.http",
//    "msg":"listening","address":"127.0.0.1:8080"}
// Trailing `key=value` words of the message become fields; a value may be quoted with
// double quotes to hold spaces (`error="connection refused"`).

#include <spdlog/formatter.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shared::log {

class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override;
  std::unique_ptr<spdlog::formatter> clone() const override;
};

// Splits "listening address=1.2.3.4 threads=8" into the text before the first field and the
// fields. When the tail does not parse as fields, everything is text.
struct SplitMessage {
  std::string text;
  std::vector<std::pair<std::string, std::string>> fields;
};
SplitMessage splitFields(std::string_view message);

}  // namespace shared::log
