#pragma once

// RequestContext: what a tool or resource handler may do besides returning its result:
// report progress (when the client sent a progress token), send log messages (at or
// above the level the client set with logging/setLevel), and see whether the client
// cancelled the request. One per request, used on the handling thread only.

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Object.h>

#include <atomic>
#include <optional>
#include <string>
#include <string_view>

#include "mcpd/protocol/message_sink.h"

namespace mcpd::protocol {

// MCP logging levels (RFC 5424 severities), least severe first.
enum class LogLevel { kDebug, kInfo, kNotice, kWarning, kError, kCritical, kAlert, kEmergency };
std::optional<LogLevel> parseLogLevel(std::string_view name);
std::string_view logLevelName(LogLevel level);

class RequestContext {
 public:
  RequestContext(std::string protocol_version, MessageSink& sink, Poco::Dynamic::Var progress_token,
                 std::optional<LogLevel> client_log_level, const std::atomic<bool>& cancelled)
      : protocol_version_(std::move(protocol_version)),
        sink_(sink),
        progress_token_(std::move(progress_token)),
        client_log_level_(client_log_level),
        cancelled_(cancelled) {}

  const std::string& protocolVersion() const { return protocol_version_; }

  // notifications/progress; a no-op unless the request carried _meta.progressToken.
  // `progress` must increase with every call (MCP progress utility).
  void progress(double progress, std::optional<double> total, const std::string& message);

  // notifications/message when `level` is at or above the client's chosen level; nothing
  // before the client has chosen one.
  void log(LogLevel level, const std::string& logger, const Poco::Dynamic::Var& data);

  // Any notification, sent before the reply.
  void notify(const std::string& method, const Poco::JSON::Object::Ptr& params);

  bool cancelled() const { return cancelled_.load(); }

 private:
  std::string protocol_version_;
  MessageSink& sink_;
  Poco::Dynamic::Var progress_token_;
  std::optional<LogLevel> client_log_level_;
  const std::atomic<bool>& cancelled_;
  bool sink_open_ = true;
};

}  // namespace mcpd::protocol
