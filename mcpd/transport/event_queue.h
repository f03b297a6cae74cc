#pragma once

// EventQueue: messages waiting to be written to one open SSE stream. Producers (the
// threads handling POSTs for the session) push; the one thread that owns the stream pops
// and writes. close() wakes the writer so it can end the stream. Thread-safe.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "mcpd/protocol/message_sink.h"
#include "mcpd/transport/server_stream.h"

namespace mcpd::transport {

class EventQueue final : public ServerStream {
 public:
  explicit EventQueue(std::size_t max_pending = 1024) : max_pending_(max_pending) {}

  // Queues a message; false when the stream is closed or hopelessly behind.
  bool send(const std::string& message) override;

  // The next message, waiting up to `timeout`. nullopt on timeout; a closed queue with
  // nothing left returns nullopt at once (check closed()).
  std::optional<std::string> pop(std::chrono::milliseconds timeout);

  void close() override;
  bool closed() const override;

 private:
  const std::size_t max_pending_;
  mutable std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::string> pending_;  // guarded by mu_
  bool closed_ = false;              // guarded by mu_
};

// The sink of a stream that outlives the request which opened it (a standalone GET stream,
// a listen subscription): a queue the stream's thread drains. A client that stops reading
// fills it; the queue then closes, which ends the stream.
class QueueSink final : public protocol::MessageSink {
 public:
  bool send(const std::string& message) override {
    if (queue_.send(message)) return true;
    queue_.close();
    return false;
  }
  EventQueue& queue() { return queue_; }

 private:
  EventQueue queue_;
};

}  // namespace mcpd::transport
