#pragma once

// Session: one MCP session's protocol state (negotiated version, client's log level,
// requests in flight) and the method handlers that use it. A transport owns one Session
// per MCP session and feeds it the JSON-RPC text it receives; the session never sees HTTP.
//
// handle() may be called from several threads at once for one session (Streamable HTTP
// allows concurrent POSTs); state is guarded by mu_.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/request_context.h"

namespace mcpd::protocol {

class Server;

class Session {
 public:
  explicit Session(const Server& server);

  // Handles one body: a JSON-RPC message, or a batch where the negotiated revision allows
  // it. Messages produced while handling (progress, logs) go to `sink` before this
  // returns. Returns the reply text, or nullopt when the body held no request (only
  // notifications or responses), which Streamable HTTP answers with 202.
  std::optional<std::string> handle(std::string_view body, MessageSink& sink);

  // The negotiated revision; empty before initialize.
  std::string protocolVersion() const;
  bool initialized() const;

 private:
  // The reply to one parsed item, or nullopt for notifications and responses.
  std::optional<std::string> handleItem(const jsonrpc::Item& item, MessageSink& sink);
  Outcome dispatch(const jsonrpc::Message& request, RequestContext& context);
  void onNotification(const jsonrpc::Message& notification);

  Outcome initialize(const jsonrpc::Message& request);
  Outcome listTools(const jsonrpc::Message& request, const RequestContext& context);
  Outcome callTool(const jsonrpc::Message& request, RequestContext& context);
  Outcome listResources(const jsonrpc::Message& request);
  Outcome readResource(const jsonrpc::Message& request);
  Outcome listResourceTemplates(const jsonrpc::Message& request);
  Outcome setLogLevel(const jsonrpc::Message& request);

  const Server& server_;
  mutable std::mutex mu_;
  std::string version_;                // guarded by mu_; empty before initialize
  bool initialized_ = false;           // guarded by mu_; notifications/initialized seen
  std::optional<LogLevel> log_level_;  // guarded by mu_
  // Requests being handled, by id key, with the flag notifications/cancelled sets.
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> in_flight_;  // guarded by mu_
};

}  // namespace mcpd::protocol
