#pragma once

// SseHub: holds legacy SSE streams after their HTTP worker thread has returned. The
// handler writes the response head, detaches the socket from Poco's connection
// (HTTPServerRequestImpl::detachSocket) and adopts it here, so an idle stream costs a few
// hundred bytes and a descriptor instead of a thread (Poco serves one connection per
// thread). One hub thread watches every stream with epoll for the
// client going away and for writes that had to wait, and sends keep-alive comments.
//
// Messages are written by whichever thread sends them (the thread handling the POST),
// without blocking: what the socket cannot take now waits in the stream's buffer until
// epoll says it can, up to a cap past which the stream is closed as stuck.
// Plain TCP sockets only: TLS streams need the TLS layer to write (a later issue).

#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "mcpd/transport/server_stream.h"
#include "shared/status.h"

namespace mcpd::transport {

class SseHub;

// One adopted stream. Sends are framed as SSE `message` events inside HTTP/1.1 chunks.
class SseStream final : public ServerStream {
 public:
  SseStream(SseHub& hub, Poco::Net::StreamSocket socket, std::function<void()> on_close);
  ~SseStream() override;

  bool send(const std::string& message) override;  // as a `message` event
  bool sendEvent(std::string_view event, std::string_view data);
  void close() override;
  bool closed() const override { return closed_.load(); }

  // For the hub: writes an SSE comment; flushes what waits; the descriptor.
  bool sendComment(std::string_view text);
  void flushPending();
  int fd() const { return fd_; }

 private:
  // Writes one chunk now or queues it; false when the stream is (now) closed.
  bool writeChunk(std::string_view payload);
  bool writeRaw(std::string_view bytes);  // guarded by mu_

  SseHub& hub_;
  Poco::Net::StreamSocket socket_;
  const int fd_;
  std::function<void()> on_close_;
  std::mutex mu_;
  std::string pending_;                // guarded by mu_: bytes the socket has not taken yet
  std::atomic<bool> closed_{false};    // no more writes: closed by us or the peer is gone
  std::atomic<bool> finished_{false};  // close() has run
};

class SseHub {
 public:
  struct Options {
    std::chrono::milliseconds keepalive{15000};
    std::size_t max_pending_bytes = 1 << 20;  // per stream; more and the client is stuck
  };

  explicit SseHub(Options options);
  ~SseHub();
  SseHub(const SseHub&) = delete;
  SseHub& operator=(const SseHub&) = delete;

  // Creates the epoll set and its wake-up descriptor and starts the hub thread; an error
  // (descriptors exhausted) leaves the hub stopped, and streams must keep their workers.
  [[nodiscard]] shared::Status start();
  // Closes every stream and joins the hub thread.
  void stop();

  // Takes a connected socket whose HTTP response head (chunked) is already written.
  // `on_close` runs once when the stream ends, from either side, on any thread; it must
  // not hold locks that a sender might hold. Null when epoll refuses the socket: the
  // stream is then closed and `on_close` has run.
  std::shared_ptr<SseStream> adopt(Poco::Net::StreamSocket socket, std::function<void()> on_close);

  std::size_t size() const;
  const Options& options() const { return options_; }

 private:
  friend class SseStream;
  bool watchWrites(int fd, bool on);  // asks epoll to report writability of fd; false: refused
  void forget(int fd);                // removes a closed stream
  void loop();
  void sendKeepalives();

  Options options_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::map<int, std::weak_ptr<SseStream>> streams_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace mcpd::transport
