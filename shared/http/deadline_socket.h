#pragma once

// DeadlineSocketImpl: the socket a worker thread serves one connection through. It wraps
// the connection's non-blocking socket (plain TCP, or TLS after its handshake) for Poco's
// HTTPServerSession and request/response streams, and adds what they lack:
//   - bytes the front thread already read (the request head) are returned first;
//   - every wait for the client has a deadline for the whole phase, not per recv: a fixed
//     one (the rest of a head), or a minimum rate (a body: a grace period plus one second
//     per `min_rate` bytes), so a client trickling a byte now and then cannot hold the
//     worker; a wait past it throws Poco::TimeoutException;
//   - holdWrites() keeps the next write back until another write, a read or flush(), so a
//     TLS response head and its body leave in one record and one send instead of two.
// It shares the descriptor with the wrapped socket and never closes it itself. Used by one
// thread at a time (the worker; after detachSocket(), whoever adopted it).

#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/StreamSocketImpl.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "shared/http/forwarded.h"

namespace shared::http {

class DeadlineSocketImpl final : public Poco::Net::StreamSocketImpl {
 public:
  using Clock = std::chrono::steady_clock;

  // `inner` must be connected and non-blocking; `peer` is its peer address.
  DeadlineSocketImpl(Poco::Net::StreamSocket inner, std::string unread,
                     Poco::Net::SocketAddress peer, std::chrono::milliseconds send_timeout);

  // Reads until `deadline`.
  void setReadDeadline(Clock::time_point deadline);
  // Reads at `min_rate` bytes per second on average after a `grace` period from now.
  void setReadRate(std::chrono::milliseconds grace, std::uint64_t min_rate);

  // TLS only: a plain socket detached for an SSE stream is written around this object.
  void holdWrites() { hold_next_ = tls_; }
  // Sends what holdWrites() kept back; throws like sendBytes().
  void flush();

  // Bytes read from the socket (or given at construction) that nobody consumed yet.
  std::string takeUnread();
  void setUnread(std::string bytes);

  // Who the current request comes from when a trusted proxy said so (request_origin.h);
  // nullopt: the connection itself tells.
  void setOrigin(std::optional<RequestOrigin> origin) { origin_ = std::move(origin); }
  const std::optional<RequestOrigin>& origin() const { return origin_; }

  enum class Arrival { kData, kNothing, kClosed };
  // Waits up to `wait` for the client to send more, then appends what is there without
  // waiting further. Never throws.
  Arrival readAvailable(std::string& into, std::chrono::milliseconds wait);

  // Poco::Net::SocketImpl
  int receiveBytes(void* buffer, int length, int flags = 0) override;
  int sendBytes(const void* buffer, int length, int flags = 0) override;
  int available() override;
  bool secure() const override;
  void close() override;
  void shutdown() override;
  void shutdownReceive() override;
  void shutdownSend() override;
  void setBlocking(bool) override {}  // stays non-blocking: the deadlines need it
  bool getBlocking() const override { return false; }
  void setReceiveTimeout(const Poco::Timespan&) override {}  // deadlines replace timeouts
  void setSendTimeout(const Poco::Timespan&) override {}
  Poco::Net::SocketAddress peerAddress() override { return peer_; }
  Poco::Net::SocketAddress address() override;

 protected:
  ~DeadlineSocketImpl() override;

 private:
  Clock::time_point readDeadline() const;
  // Waits for `events` on the descriptor until `deadline`; throws TimeoutException after it.
  void waitFor(short events, Clock::time_point deadline);
  // One receive without waiting: >0 bytes, 0 closed, -1 want read, -2 want write.
  int receiveNow(void* buffer, int length);
  void sendAll(const char* data, std::size_t size);

  Poco::Net::StreamSocket inner_;
  const int fd_;
  const bool tls_;
  const Poco::Net::SocketAddress peer_;
  Poco::Net::SocketAddress local_;
  bool local_known_ = false;
  const std::chrono::milliseconds send_timeout_;
  std::string unread_;
  std::size_t unread_pos_ = 0;
  Clock::time_point fixed_deadline_ = Clock::time_point::max();
  Clock::time_point rate_start_{};
  std::chrono::milliseconds rate_grace_{0};
  std::uint64_t min_rate_ = 0;  // 0: fixed_deadline_ applies
  std::uint64_t rate_received_ = 0;
  bool hold_next_ = false;
  bool holding_ = false;
  std::string held_;
  std::optional<RequestOrigin> origin_;
};

}  // namespace shared::http
