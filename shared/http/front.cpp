#include "shared/http/front.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SecureStreamSocketImpl.h>
#include <Poco/Net/StreamSocketImpl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "shared/http/proxy_protocol.h"
#include "shared/http/quick_answer.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace shared::http {
namespace {

constexpr auto kSweep = std::chrono::milliseconds(100);
constexpr int kAcceptBurst = 256;
constexpr int kExpireBurst = 256;
constexpr int kQuickBurst = 32;  // pipelined quick answers per connection and wake-up
constexpr auto kLinger = std::chrono::seconds(2);  // reading and dropping after an error

using Phase = ClientConnection::Phase;
using Poco::Net::SecureStreamSocket;

}  // namespace

std::string errorResponse(const ServeOptions& options, int status, const std::string& message) {
  const ErrorBody body =
      options.error_body ? options.error_body(status, message) : ErrorBody{.text = message + "\n"};
  const std::string reason = Poco::Net::HTTPResponse::getReasonForStatus(
      static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: " + body.content_type +
         "\r\nContent-Length: " + std::to_string(body.text.size()) +
         "\r\nConnection: close\r\n\r\n" + body.text;
}

Front::Front(Poco::Net::ServerSocket listener, const ServeOptions& options, ClientLimit& limit,
             WorkerPool& pool)
    : listener_(std::move(listener)), options_(options), limit_(limit), pool_(pool) {}

Front::~Front() {
  stop();
}

void Front::start() {
  listen_fd_ = static_cast<int>(listener_.impl()->sockfd());
  listener_.setBlocking(false);
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) throw Poco::SystemException("front: epoll or eventfd");
  for (int fd : {listen_fd_, wake_fd_}) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
  }
  thread_ = std::thread([this] { loop(); });
}

void Front::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  {
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  const std::uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
  thread_.join();
  connections_.clear();
  {
    std::lock_guard lock(mu_);
    parked_.clear();
  }
  ::close(epoll_fd_);
  ::close(wake_fd_);
  epoll_fd_ = wake_fd_ = -1;
}

void Front::park(std::unique_ptr<ClientConnection> connection) {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;  // closes it
    parked_.push_back(std::move(connection));
  }
  const std::uint64_t one = 1;
  (void)!::write(wake_fd_, &one, sizeof one);
}

Front::Stats Front::stats() const {
  return {held_.load(), refused_.load(), timed_out_.load(), overloaded_.load(), quick_.load()};
}

void Front::loop() {
  auto next_sweep = Clock::now() + kSweep;
  epoll_event events[256];
  while (!stopping_) {
    const int n = ::epoll_wait(epoll_fd_, events, 256, static_cast<int>(kSweep.count()));
    const auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      const int fd = events[i].data.fd;
      if (fd == listen_fd_) {
        acceptAll(now);
      } else if (fd == wake_fd_) {
        std::uint64_t count;
        (void)!::read(wake_fd_, &count, sizeof count);
        adoptParked(now);
      } else if (auto it = connections_.find(fd); it != connections_.end()) {
        progress(it, now);
      }
    }
    if (now >= next_sweep) {
      expire(now);
      next_sweep = now + kSweep;
    }
    held_ = connections_.size();
  }
}

void Front::acceptAll(Clock::time_point now) {
  for (int i = 0; i < kAcceptBurst; ++i) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    const int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length,
                             SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        // Out of descriptors: stop listening until the next sweep instead of spinning.
        shared::log::get(options_.logger)->warn("cannot accept connections: {}", strerror(errno));
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, listen_fd_, nullptr);
        accept_paused_ = true;
      }
      return;
    }
    const auto* peer = reinterpret_cast<sockaddr*>(&address);
    const bool trusted = options_.trusted_proxies.contains(peer);
    if (options_.proxy_protocol && !trusted) {
      ++refused_;   // counted before the client can see the close
      ::close(fd);  // only a trusted proxy may say who the client is
      continue;
    }
    // A trusted proxy carries many clients: its own connections are not capped (with the
    // PROXY protocol, the client it names is, once its header arrives).
    ClientLimit::Slot slot;
    if (!trusted) {
      bool refused = false;
      slot = limit_.acquire(clientKey(peer), &refused);
      if (refused) {
        ::close(fd);
        ++refused_;
        continue;
      }
    }
    const int on = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    auto connection = std::make_unique<ClientConnection>();
    connection->fd = fd;
    connection->peer = Poco::Net::SocketAddress(peer, length);
    connection->slot = std::move(slot);
    connection->deadline = now + options_.header_timeout;
    Poco::Net::StreamSocket tcp(new Poco::Net::StreamSocketImpl(fd));
    connection->socket = tcp;
    if (options_.proxy_protocol) {
      // The header is peeked, then taken exactly (TLS must find its first byte next): wait
      // for new bytes edge-triggered, or a partial header would wake the loop forever.
      connection->phase = Phase::kProxyHeader;
      epoll_event event{};
      event.events = EPOLLIN | EPOLLET;
      event.data.fd = fd;
      ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
      connections_.emplace(fd, std::move(connection));
      continue;
    }
    if (!beginSession(*connection)) continue;  // the socket closes the descriptor
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    connections_.emplace(fd, std::move(connection));
  }
}

bool Front::beginSession(ClientConnection& connection) {
  try {
    if (options_.tls) {
      connection.socket.setBlocking(false);  // OpenSSL must say "want read" instead of waiting
      connection.socket = SecureStreamSocket::attach(connection.socket, options_.tls);
      connection.phase = Phase::kHandshake;
    } else {
      connection.phase = Phase::kIdle;
    }
  } catch (const Poco::Exception& e) {
    shared::log::get(options_.logger)->warn("cannot set up a connection: {}", e.displayText());
    return false;
  }
  return true;
}

void Front::readProxyHeader(Map::iterator it, Clock::time_point now) {
  ClientConnection& connection = *it->second;
  char buffer[kMaxProxyHeaderBytes];
  ssize_t got;
  do {
    got = ::recv(connection.fd, buffer, sizeof buffer, MSG_PEEK);
  } while (got < 0 && errno == EINTR);
  if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
  if (got <= 0) return close(it);
  const ProxyHeader header = parseProxyHeader({buffer, static_cast<std::size_t>(got)});
  if (header.state == ProxyHeader::State::kNeedMore) return;  // the next bytes wake us
  if (header.state == ProxyHeader::State::kInvalid) {
    shared::log::debug(shared::log::get(options_.logger), "proxy protocol header refused",
                       {{"peer", connection.peer.toString()}, {"reason", header.problem}});
    ++refused_;
    return close(it);
  }
  // Take exactly the header: what follows is the client's (a TLS ClientHello, a request).
  ssize_t taken;
  do {
    taken = ::recv(connection.fd, buffer, header.length, 0);
  } while (taken < 0 && errno == EINTR);
  if (taken != static_cast<ssize_t>(header.length)) return close(it);
  if (header.source) {
    connection.peer = *header.source;
    connection.proxied_tls = header.client_tls;
    if (!options_.trusted_proxies.contains(header.source->addr())) {
      bool refused = false;
      connection.slot = limit_.acquire(clientKey(header.source->addr()), &refused);
      if (refused) {
        ++refused_;
        return close(it);
      }
    }
  }
  if (!beginSession(connection)) return close(it);
  epoll_event event{};
  event.events = EPOLLIN;  // level-triggered from here on, like every other connection
  event.data.fd = connection.fd;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, connection.fd, &event);
  progress(it, now);  // the client's first bytes may have come with the header
}

void Front::adoptParked(Clock::time_point now) {
  std::vector<std::unique_ptr<ClientConnection>> parked;
  {
    std::lock_guard lock(mu_);
    parked.swap(parked_);
  }
  for (auto& connection : parked) {
    connection->phase = connection->unread.empty() ? Phase::kIdle : Phase::kHead;
    connection->deadline =
        now + (connection->unread.empty() ? options_.idle_timeout : options_.header_timeout);
    connection->waits_for_write = false;
    connection->body_since = {};
    const int fd = connection->fd;
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = fd;
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &event);
    auto [it, inserted] = connections_.emplace(fd, std::move(connection));
    // Bytes that arrived with the last response may already make a request; with TLS,
    // OpenSSL may hold some that epoll cannot see.
    if (inserted && (options_.tls || !it->second->unread.empty())) progress(it, now);
  }
}

void Front::watch(ClientConnection& connection, int op) {
  epoll_event event{};
  event.events = connection.waits_for_write ? EPOLLOUT : EPOLLIN;
  event.data.fd = connection.fd;
  if (::epoll_ctl(epoll_fd_, op, connection.fd, &event) != 0 && op == EPOLL_CTL_MOD)
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, connection.fd, &event);  // taken off for a worker
}

bool Front::readSome(ClientConnection& connection, Clock::time_point now) {
  char buffer[16384];
  const bool tls = options_.tls != nullptr;
  while (true) {
    int n;
    if (tls) {
      errno = 0;  // Poco retries SSL_ERROR_SYSCALL while errno says EAGAIN: no stale value
      n = connection.socket.impl()->receiveBytes(buffer, sizeof buffer);  // throws on errors
    } else {
      const ssize_t got = ::recv(connection.fd, buffer, sizeof buffer, 0);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
      n = got < 0 ? -1 : static_cast<int>(got);
    }
    if (n == 0) return false;  // the client closed
    const bool wants_write = n == SecureStreamSocket::ERR_SSL_WANT_WRITE;
    if (wants_write != connection.waits_for_write) {
      connection.waits_for_write = wants_write;
      watch(connection, EPOLL_CTL_MOD);
    }
    if (n < 0) return true;
    if (connection.phase == Phase::kIdle) {
      connection.phase = Phase::kHead;
      // A new connection keeps the deadline it got at accept; a kept-alive one starts one.
      if (connection.served > 0) connection.deadline = now + options_.header_timeout;
    }
    connection.unread.append(buffer, static_cast<std::size_t>(n));
    if (connection.unread.size() >
        options_.readiness.max_head_bytes + options_.readiness.buffer_body_bytes)
      return true;  // enough to judge; readiness says what follows
    // Plain: a short read took everything queued. TLS: read until OpenSSL wants more, since
    // with read-ahead it may hold whole records that neither epoll nor SSL_pending shows.
    if (!tls && n < static_cast<int>(sizeof buffer)) return true;
  }
}

void Front::progress(Map::iterator it, Clock::time_point now) {
  ClientConnection& connection = *it->second;
  if (connection.phase == Phase::kClosing) return drain(it);
  if (connection.phase == Phase::kProxyHeader) return readProxyHeader(it, now);
  try {
    if (connection.phase == Phase::kHandshake) {
      auto* secure = static_cast<Poco::Net::SecureStreamSocketImpl*>(connection.socket.impl());
      errno = 0;
      const int rc = secure->completeHandshake();
      if (rc == 0) return close(it);
      if (rc < 0) {
        const bool wants_write = rc == SecureStreamSocket::ERR_SSL_WANT_WRITE;
        if (wants_write != connection.waits_for_write) {
          connection.waits_for_write = wants_write;
          watch(connection, EPOLL_CTL_MOD);
        }
        return;
      }
      connection.phase = Phase::kIdle;  // the request may already be on its way
    }
    if (!readSome(connection, now)) return close(it);
  } catch (const Poco::Exception&) {
    return close(it);  // a failed handshake, a reset
  }
  // One pass per request: several when quick ones come pipelined. Past kQuickBurst of them
  // the rest go to a worker, so a client pipelining thousands cannot hold this thread.
  for (int quick_answered = 0;; ++quick_answered) {
    if (connection.unread.empty()) return;
    const Readiness readiness = requestReadiness(connection.unread, options_.readiness);
    switch (readiness.state) {
      case Readiness::State::kNeedMore:
        if (readiness.head_bytes > 0) {
          // The head is whole; the small body that follows runs on the body's clock.
          if (connection.body_since == Clock::time_point{}) connection.body_since = now;
          const auto body_bytes = connection.unread.size() - readiness.head_bytes;
          connection.deadline =
              connection.body_since + options_.header_timeout +
              std::chrono::milliseconds(body_bytes * 1000 /
                                        std::max<std::uint64_t>(options_.body_min_rate, 1));
        }
        return;
      case Readiness::State::kHeadTooLarge:
        return refuse(it, 431, "Request Header Fields Too Large");
      case Readiness::State::kReady:
        break;
    }
    if (quick_answered == kQuickBurst) break;
    const Quick quick = answerQuickly(it, readiness.head_bytes, now);
    if (quick == Quick::kNotQuick) break;
    if (quick == Quick::kDone) return;
  }
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, connection.fd, nullptr);
  connection.body_since = {};
  std::unique_ptr<ClientConnection> owned = std::move(it->second);
  connections_.erase(it);
  if (!pool_.submit(owned)) {
    ++overloaded_;
    auto [again, inserted] = connections_.emplace(owned->fd, std::move(owned));
    if (inserted) refuse(again, 503, "Service Unavailable: every worker is busy, try again");
  }
}

void Front::expire(Clock::time_point now) {
  if (accept_paused_) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = listen_fd_;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, listen_fd_, &event) == 0) accept_paused_ = false;
  }
  // At most kExpireBurst closes per sweep: thousands of attackers expiring together must not
  // stall the loop for the clients it serves meanwhile (the rest go at the next sweep).
  int closed = 0;
  for (auto it = connections_.begin(); it != connections_.end() && closed < kExpireBurst;) {
    auto current = it++;
    ClientConnection& connection = *current->second;
    if (now < connection.deadline) continue;
    ++closed;
    if (connection.phase == Phase::kClosing) {
      close(current);
      continue;
    }
    ++timed_out_;
    if (connection.phase == Phase::kHead) {
      refuse(current, 408, "Request Timeout: the request did not arrive in time");
    } else {
      close(current);  // a handshake or a silent connection: nobody to answer
    }
  }
}

Front::Quick Front::answerQuickly(Map::iterator it, std::size_t head_bytes, Clock::time_point now) {
  ClientConnection& connection = *it->second;
  auto response = quickResponse(std::string_view(connection.unread).substr(0, head_bytes),
                                options_.quick_answers);
  if (!response) return Quick::kNotQuick;
  connection.unread.erase(0, head_bytes);
  ++connection.served;
  ++quick_;
  if (!sendNow(connection, response->bytes)) {
    close(it);  // a client that does not read what it asked for loses the connection
    return Quick::kDone;
  }
  if (!response->keep_alive) {
    shutAndLinger(it);
    return Quick::kDone;
  }
  connection.body_since = {};
  connection.phase = connection.unread.empty() ? Phase::kIdle : Phase::kHead;
  connection.deadline =
      now + (connection.unread.empty() ? options_.idle_timeout : options_.header_timeout);
  return connection.unread.empty() ? Quick::kDone : Quick::kAnswered;
}

bool Front::sendNow(ClientConnection& connection, const std::string& bytes) {
  try {
    if (options_.tls) {
      return connection.socket.impl()->sendBytes(bytes.data(), static_cast<int>(bytes.size())) ==
             static_cast<int>(bytes.size());
    }
    ssize_t sent;
    do {
      sent = ::send(connection.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    } while (sent < 0 && errno == EINTR);
    return sent == static_cast<ssize_t>(bytes.size());
  } catch (const Poco::Exception&) {
    return false;
  }
}

void Front::refuse(Map::iterator it, int status, const std::string& message) {
  // Best effort and without waiting: a client that does not read gets nothing.
  (void)sendNow(*it->second, errorResponse(options_, status, message));
  shutAndLinger(it);
}

void Front::shutAndLinger(Map::iterator it) {
  ClientConnection& connection = *it->second;
  // Closing now, with the client's bytes still unread, would send a reset that can destroy
  // the answer before the client reads it: shut writing, drop input a little while (as
  // nginx's lingering close does), then close.
  ::shutdown(connection.fd, SHUT_WR);
  connection.phase = Phase::kClosing;
  connection.deadline = Clock::now() + kLinger;
  connection.waits_for_write = false;
  watch(connection, EPOLL_CTL_MOD);
  drain(it);
}

void Front::drain(Map::iterator it) {
  char buffer[4096];
  while (true) {
    const ssize_t n = ::recv(it->first, buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0) continue;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    return close(it);  // the client closed too, or reset
  }
}

void Front::close(Map::iterator it) {
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, it->first, nullptr);
  try {
    it->second->socket.close();
  } catch (const Poco::Exception&) {
  }
  connections_.erase(it);
}

}  // namespace shared::http
