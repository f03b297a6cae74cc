#pragma once

// Front: the one thread that holds every connection that is not being served. It accepts
// (capping connections per client), runs TLS handshakes without blocking, reads each
// request until its head (and a small body) is complete, and only then hands the
// connection to the worker pool, so a client that sends slowly or not at all holds a
// descriptor and a few bytes, never a thread. Kept-alive connections come back here
// between requests (park()). Deadlines, checked every 100 ms:
//   - a new connection: TLS handshake and first request head within header_timeout;
//   - a kept-alive one: its next request's first byte within idle_timeout, then the
//     head within header_timeout; a small body at body_min_rate after that.
// With the PROXY protocol, a connection first sends its header (from a trusted proxy only),
// within header_timeout too, and counts as the client it names.
// A client past a deadline mid-request gets 408; one whose head is too long gets 431;
// one arriving when every worker is busy and the queue is full gets 503. nginx and Envoy
// work this way (an event loop owns idle connections).
// A request with a quick answer (ServeOptions::quick_answers: health probes) is answered
// here, without a worker; its connection stays here for its next request.
//
// start()/stop() from the owner's thread; park() from workers; the rest on its thread.

#include <Poco/Net/ServerSocket.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "shared/http/client_connection.h"
#include "shared/http/client_limit.h"
#include "shared/http/serve_options.h"
#include "shared/http/worker_pool.h"

namespace shared::http {

class Front {
 public:
  using Clock = std::chrono::steady_clock;

  // `listener` is bound and listening; `options`, `limit` and `pool` outlive the front.
  Front(Poco::Net::ServerSocket listener, const ServeOptions& options, ClientLimit& limit,
        WorkerPool& pool);
  ~Front();
  Front(const Front&) = delete;
  Front& operator=(const Front&) = delete;

  void start();
  // Stops accepting, closes every connection it holds and joins its thread.
  void stop();

  // Takes back a kept-alive connection after a response (with any bytes already read).
  void park(std::unique_ptr<ClientConnection> connection);

  struct Stats {
    std::size_t held = 0;          // connections waiting here now
    std::uint64_t refused = 0;     // closed at accept: over the per-client cap, or no or a bad
                                   // PROXY header where one is required
    std::uint64_t timed_out = 0;   // closed at a deadline
    std::uint64_t overloaded = 0;  // answered 503: no worker and a full queue
    std::uint64_t quick = 0;       // requests answered here (ServeOptions::quick_answers)
  };
  Stats stats() const;

 private:
  using Map = std::unordered_map<int, std::unique_ptr<ClientConnection>>;

  void loop();
  void acceptAll(Clock::time_point now);
  void adoptParked(Clock::time_point now);
  void progress(Map::iterator it, Clock::time_point now);
  // Sets up TLS (or not) on a new connection; false when that failed.
  bool beginSession(ClientConnection& connection);
  // Reads the PROXY protocol header; the connection then begins as any other.
  void readProxyHeader(Map::iterator it, Clock::time_point now);
  // Reads what the connection has; false when it closed or failed.
  bool readSome(ClientConnection& connection, Clock::time_point now);
  // What answerQuickly() did with the request at the head of `unread`.
  enum class Quick {
    kNotQuick,  // a worker serves it
    kAnswered,  // answered here; another request follows in `unread`
    kDone,      // answered here (or the connection closed): nothing more to do now
  };
  Quick answerQuickly(Map::iterator it, std::size_t head_bytes, Clock::time_point now);
  // Sends `bytes` without waiting; false when not all of them went out.
  bool sendNow(ClientConnection& connection, const std::string& bytes);
  void expire(Clock::time_point now);
  void watch(ClientConnection& connection, int op);
  // Answers `status` and lingers (shutAndLinger()).
  void refuse(Map::iterator it, int status, const std::string& message);
  // After a last answer: shut for writing, input dropped until the client closes or 2 s pass.
  void shutAndLinger(Map::iterator it);
  void drain(Map::iterator it);
  void close(Map::iterator it);

  Poco::Net::ServerSocket listener_;
  const ServeOptions& options_;
  ClientLimit& limit_;
  WorkerPool& pool_;
  int epoll_fd_ = -1;
  int wake_fd_ = -1;
  int listen_fd_ = -1;
  bool accept_paused_ = false;  // out of descriptors: retry at the next sweep
  Map connections_;             // the front thread's only
  std::mutex mu_;
  std::vector<std::unique_ptr<ClientConnection>> parked_;  // guarded by mu_
  bool stopped_ = false;                                   // guarded by mu_
  std::atomic<bool> stopping_{false};
  std::atomic<std::size_t> held_{0};
  std::atomic<std::uint64_t> refused_{0};
  std::atomic<std::uint64_t> timed_out_{0};
  std::atomic<std::uint64_t> overloaded_{0};
  std::atomic<std::uint64_t> quick_{0};
  std::thread thread_;
};

// The bytes of a complete "Connection: close" response with `status` and the options' error
// body; the front and the worker loop both answer with it.
std::string errorResponse(const ServeOptions& options, int status, const std::string& message);

}  // namespace shared::http
