#pragma once

// MessageSink: where a session sends JSON-RPC messages that are not the direct reply to
// the message being handled: progress and log notifications, and requests to the client.
// A transport implements it; Streamable HTTP turns its POST reply into an SSE stream on
// the first send, legacy SSE writes to the session's stream. send() is called on the
// thread that handles the message, except on a sink attached as a session's outbound
// channel (OutboundChannel), which any thread may use: such sinks must be thread-safe.

#include <string>

namespace mcpd::protocol {

class MessageSink {
 public:
  virtual ~MessageSink() = default;
  // Delivers one serialized JSON-RPC message. Returns false when it could not be delivered
  // (the client went away); the session then stops sending more.
  virtual bool send(const std::string& message) = 0;
};

// A sink that drops everything; for messages that have no stream to travel on.
class NullSink final : public MessageSink {
 public:
  bool send(const std::string&) override { return false; }
};

}  // namespace mcpd::protocol
