#pragma once

// OutboundChannel: a session's way to reach its client with messages that answer no
// request, such as notifications/resources/updated. A transport attaches the stream it
// holds open for that purpose (Streamable HTTP: the standalone GET stream) and detaches
// it when the stream ends; with none attached such messages are dropped, as MCP allows.
// Held by shared_ptr so that resource subscriptions reach it without keeping the session
// alive. Thread-safe. The attached sink is called from any thread, without the channel's
// lock held; it should not block, since the thread that changed a resource sends.

#include <memory>
#include <mutex>
#include <string>

#include "mcpd/protocol/message_sink.h"

namespace mcpd::protocol {

class OutboundChannel {
 public:
  // Attaches `sink` unless another one is attached; false then (one stream per session).
  bool attach(std::shared_ptr<MessageSink> sink);

  // Detaches `sink` if it is the attached one; another stream's sink stays.
  void detach(const MessageSink* sink);

  // Sends through the attached sink; false when none is attached or it failed. A sink
  // that fails is detached, so its stream's owner sees it gone.
  bool send(const std::string& message);

  // Detaches for good: later attach() calls fail. For the end of the session.
  void close();

  bool attached() const;

 private:
  mutable std::mutex mu_;
  std::shared_ptr<MessageSink> sink_;  // guarded by mu_
  bool closed_ = false;                // guarded by mu_
};

}  // namespace mcpd::protocol
