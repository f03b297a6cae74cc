#include "mcpd/protocol/request_context.h"

#include <array>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/outcome.h"

namespace mcpd::protocol {
namespace {

constexpr std::array<std::string_view, 8> kLevelNames = {"debug", "info",     "notice", "warning",
                                                         "error", "critical", "alert",  "emergency"};

}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view name) {
  for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
    if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
  }
  return std::nullopt;
}

std::string_view logLevelName(LogLevel level) { return kLevelNames[static_cast<std::size_t>(level)]; }

void RequestContext::notify(const std::string& method, const Poco::JSON::Object::Ptr& params) {
  if (!sink_open_) return;
  sink_open_ = sink_.send(jsonrpc::serializeNotification(method, params));
}

void RequestContext::progress(double progress, std::optional<double> total, const std::string& message) {
  if (progress_token_.isEmpty()) return;
  auto params = newObject();
  params->set("progressToken", progress_token_);
  params->set("progress", progress);
  if (total) params->set("total", *total);
  if (!message.empty() && protocol_version_ >= "2025-03-26") params->set("message", message);
  notify("notifications/progress", params);
}

void RequestContext::log(LogLevel level, const std::string& logger, const Poco::Dynamic::Var& data) {
  if (!client_log_level_ || level < *client_log_level_) return;
  auto params = newObject();
  params->set("level", std::string(logLevelName(level)));
  params->set("logger", logger);
  params->set("data", data);
  notify("notifications/message", params);
}

}  // namespace mcpd::protocol
