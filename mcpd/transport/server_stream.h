#pragma once

// ServerStream: an open stream from server to client (a legacy SSE stream) that a session
// sends its messages on. close() ends it from the server's side; closed() says whether it
// has ended, from either side. Implementations are thread-safe.

#include "mcpd/protocol/message_sink.h"

namespace mcpd::transport {

class ServerStream : public protocol::MessageSink {
 public:
  virtual void close() = 0;
  virtual bool closed() const = 0;
};

}  // namespace mcpd::transport
