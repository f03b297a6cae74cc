#pragma once

// ConnectionTable: the open connections of one Server and the epoll set that watches the
// idle ones. Each connection is either parked (armed in epoll with EPOLLONESHOT, no thread
// on it), busy (one worker serving it; not armed, so no other worker can get it), or gone.
// The state moves only by compare-and-swap, which is what lets a worker and the idle sweep
// race for a parked connection safely. Thread-safe.

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/StreamSocket.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace mcpd::http {

// Poco's server session, with the one question Poco keeps protected: are bytes of the next
// request already read into its buffer?
class BufferedSession final : public Poco::Net::HTTPServerSession {
 public:
  using HTTPServerSession::HTTPServerSession;
  bool hasBufferedInput() const { return buffered() > 0; }
};

struct Connection {
  enum class State { kParked, kBusy, kGone };
  using Clock = std::chrono::steady_clock;

  Connection(const Poco::Net::StreamSocket& s, Poco::Net::HTTPServerParams::Ptr params)
      : socket(s), session(s, std::move(params)), fd(s.impl()->sockfd()) {}

  Poco::Net::StreamSocket socket;
  BufferedSession session;  // owns the read buffer between requests
  const int fd;
  std::atomic<State> state{State::kBusy};
  std::atomic<Clock::rep> parked_at{0};  // steady time of the last parking
};

class ConnectionTable {
 public:
  // Event ids at or above this are connections; below are the server's own.
  static constexpr std::uint64_t kFirstConnectionId = 16;

  ConnectionTable();  // throws std::system_error without epoll
  ~ConnectionTable();

  int epollFd() const { return epoll_; }
  std::size_t size() const;

  // Registers a new connection, parked and armed, and returns its id.
  std::uint64_t add(std::shared_ptr<Connection> connection);
  // The connection for an event, moved from parked to busy; null when it is gone or taken.
  std::shared_ptr<Connection> claim(std::uint64_t id);
  // Busy -> parked, armed for the next readable event (or peer hang-up).
  void park(std::uint64_t id, Connection& connection);
  // Forgets a busy connection; `close` also shuts the socket (false when a handler took it).
  void remove(std::uint64_t id, bool close);
  // Closes parked connections parked before `cutoff`; returns how many.
  std::size_t closeParkedBefore(Connection::Clock::time_point cutoff);
  // Shuts every connection's socket so that blocked reads and writes return (stop()).
  void shutdownAll();

 private:
  const int epoll_;
  mutable std::mutex mu_;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> open_;  // guarded by mu_
  std::uint64_t next_id_ = kFirstConnectionId;                           // guarded by mu_
};

}  // namespace mcpd::http
