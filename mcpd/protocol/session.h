#pragma once

// Session: one MCP session's protocol state (negotiated version, what the client can do,
// its log level, requests in flight both ways, its outbound channel) and the dispatch of
// each message to its handler. A transport owns one Session per MCP session and feeds it
// the JSON-RPC text it receives; the session never sees HTTP.
//
// handle() may be called from several threads at once for one session (Streamable HTTP
// allows concurrent POSTs): a handler blocked on a request to the client is answered by
// another thread's handle(). State is guarded by mu_.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "mcpd/jsonrpc/message.h"
#include "mcpd/protocol/message_sink.h"
#include "mcpd/protocol/outbound_channel.h"
#include "mcpd/protocol/outcome.h"
#include "mcpd/protocol/pending_requests.h"
#include "mcpd/protocol/request_context.h"

namespace mcpd::protocol {

class Server;

class Session {
 public:
  explicit Session(const Server& server);
  ~Session();  // drops the session's resource subscriptions
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Handles one body: a JSON-RPC message, or a batch where the negotiated revision allows
  // it. Messages produced while handling (progress, logs, requests to the client) go to
  // `sink` before this returns. Responses to our requests wake the handlers waiting for
  // them. Returns the reply text, or nullopt when the body held no request (only
  // notifications or responses), which Streamable HTTP answers with 202.
  std::optional<std::string> handle(std::string_view body, MessageSink& sink);

  // The negotiated revision; empty before initialize.
  std::string protocolVersion() const;
  bool initialized() const;

  // Attaches the stream for messages that answer no request (resource updates); false
  // when one is already attached or the session is closed. Detach it when it ends.
  bool attachOutbound(std::shared_ptr<MessageSink> sink);
  void detachOutbound(const MessageSink* sink);

  // Ends the session (the client deleted it): handlers waiting for the client fail at
  // once, subscriptions end and the outbound stream is detached. Idempotent.
  void close();
  bool closed() const;

 private:
  // The reply to one parsed item, or nullopt for notifications and responses.
  std::optional<std::string> handleItem(const jsonrpc::Item& item, MessageSink& sink);
  Outcome dispatch(const jsonrpc::Message& request, RequestContext& context);
  void onNotification(const jsonrpc::Message& notification);
  void onResponse(const jsonrpc::Message& response);

  Outcome initialize(const jsonrpc::Message& request);
  Outcome setLogLevel(const jsonrpc::Message& request);

  const Server& server_;
  PendingRequests pending_;                          // thread-safe itself
  const std::shared_ptr<OutboundChannel> outbound_;  // thread-safe itself
  mutable std::mutex mu_;
  std::string version_;                          // guarded by mu_; empty before initialize
  bool initialized_ = false;                     // guarded by mu_; notifications/initialized seen
  Poco::JSON::Object::Ptr client_capabilities_;  // guarded by mu_; from initialize, read-only after
  std::optional<LogLevel> log_level_;            // guarded by mu_
  // Requests being handled, by id key, with the flag notifications/cancelled sets.
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> in_flight_;  // guarded by mu_
};

}  // namespace mcpd::protocol
