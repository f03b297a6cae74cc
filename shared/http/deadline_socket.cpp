#include "shared/http/deadline_socket.h"

#include <Poco/Exception.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace shared::http {

DeadlineSocketImpl::DeadlineSocketImpl(Poco::Net::StreamSocket inner, std::string unread,
                                       Poco::Net::SocketAddress peer,
                                       std::chrono::milliseconds send_timeout)
    : StreamSocketImpl(inner.impl()->sockfd()),
      inner_(std::move(inner)),
      fd_(static_cast<int>(inner_.impl()->sockfd())),
      tls_(inner_.secure()),
      peer_(std::move(peer)),
      send_timeout_(send_timeout),
      unread_(std::move(unread)) {}

DeadlineSocketImpl::~DeadlineSocketImpl() {
  reset();  // the descriptor belongs to inner_, which closes it when the last holder goes
}

void DeadlineSocketImpl::setReadDeadline(Clock::time_point deadline) {
  fixed_deadline_ = deadline;
  min_rate_ = 0;
}

void DeadlineSocketImpl::setReadRate(std::chrono::milliseconds grace, std::uint64_t min_rate) {
  rate_start_ = Clock::now();
  rate_grace_ = grace;
  min_rate_ = std::max<std::uint64_t>(min_rate, 1);
  rate_received_ = 0;
}

DeadlineSocketImpl::Clock::time_point DeadlineSocketImpl::readDeadline() const {
  if (min_rate_ == 0) return fixed_deadline_;
  return rate_start_ + rate_grace_ + std::chrono::milliseconds(rate_received_ * 1000 / min_rate_);
}

std::string DeadlineSocketImpl::takeUnread() {
  std::string rest = unread_.substr(unread_pos_);
  unread_.clear();
  unread_pos_ = 0;
  return rest;
}

void DeadlineSocketImpl::setUnread(std::string bytes) {
  unread_ = std::move(bytes);
  unread_pos_ = 0;
}

void DeadlineSocketImpl::waitFor(short events, Clock::time_point deadline) {
  while (true) {
    const auto now = Clock::now();
    if (now >= deadline) throw Poco::TimeoutException("client too slow");
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    pollfd p{fd_, events, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count() + 1, 60000)));
    if (rc > 0) return;  // ready, or an error the next call reports
    if (rc < 0 && errno != EINTR) Poco::Net::SocketImpl::error(errno);
  }
}

int DeadlineSocketImpl::receiveNow(void* buffer, int length) {
  if (tls_) {
    errno = 0;  // Poco retries SSL_ERROR_SYSCALL while errno says EAGAIN: no stale value
    return inner_.impl()->receiveBytes(buffer, length);  // throws on a TLS error
  }
  while (true) {
    const ssize_t n = ::recv(fd_, buffer, static_cast<std::size_t>(length), 0);
    if (n >= 0) return static_cast<int>(n);
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return -1;
    Poco::Net::SocketImpl::error(errno);
  }
}

int DeadlineSocketImpl::receiveBytes(void* buffer, int length, int) {
  flush();  // a client may wait for what we hold (100 Continue) before it sends more
  if (unread_pos_ < unread_.size()) {
    const std::size_t n = std::min(unread_.size() - unread_pos_, static_cast<std::size_t>(length));
    std::memcpy(buffer, unread_.data() + unread_pos_, n);
    unread_pos_ += n;
    if (unread_pos_ == unread_.size()) {
      unread_.clear();
      unread_pos_ = 0;
    }
    rate_received_ += n;
    return static_cast<int>(n);
  }
  while (true) {
    const int n = receiveNow(buffer, length);
    if (n >= 0) {
      rate_received_ += static_cast<std::uint64_t>(n);
      return n;
    }
    waitFor(n == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_WRITE ? POLLOUT : POLLIN,
            readDeadline());
  }
}

DeadlineSocketImpl::Arrival DeadlineSocketImpl::readAvailable(std::string& into,
                                                              std::chrono::milliseconds wait) {
  try {
    flush();
    // With TLS, OpenSSL's read-ahead may also hold records that neither poll nor
    // SSL_pending shows: a connection that gets nothing here goes back to the front, which
    // reads until OpenSSL wants more.
    if (!(tls_ && inner_.impl()->available() > 0)) {
      pollfd p{fd_, POLLIN, 0};
      int rc;
      do {
        rc = ::poll(&p, 1, static_cast<int>(wait.count()));
      } while (rc < 0 && errno == EINTR);
      if (rc <= 0) return Arrival::kNothing;
    }
    char buffer[16384];
    bool any = false;
    while (true) {
      const int n = receiveNow(buffer, sizeof buffer);
      if (n == 0) return Arrival::kClosed;
      if (n < 0) break;
      into.append(buffer, static_cast<std::size_t>(n));
      any = true;
      // Plain: a short read took everything queued. TLS: more may sit decrypted in OpenSSL.
      if (tls_ ? inner_.impl()->available() <= 0 : n < static_cast<int>(sizeof buffer)) break;
    }
    return any ? Arrival::kData : Arrival::kNothing;
  } catch (const Poco::Exception&) {
    return Arrival::kClosed;
  }
}

void DeadlineSocketImpl::sendAll(const char* data, std::size_t size) {
  while (size > 0) {
    const int chunk = static_cast<int>(std::min<std::size_t>(size, 1 << 30));
    int n;
    if (tls_) {
      errno = 0;
      n = inner_.impl()->sendBytes(data, chunk);
    } else {
      const ssize_t sent = ::send(fd_, data, static_cast<std::size_t>(chunk), MSG_NOSIGNAL);
      if (sent < 0 && errno == EINTR) continue;
      if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) Poco::Net::SocketImpl::error(errno);
      n = sent < 0 ? -2 : static_cast<int>(sent);
    }
    if (n > 0) {
      data += n;
      size -= static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) throw Poco::Net::ConnectionResetException("connection closed by peer");
    // A slow reader gets send_timeout_ per wait, as nginx's send_timeout.
    waitFor(n == Poco::Net::SecureStreamSocket::ERR_SSL_WANT_READ ? POLLIN : POLLOUT,
            Clock::now() + send_timeout_);
  }
}

int DeadlineSocketImpl::sendBytes(const void* buffer, int length, int) {
  const char* data = static_cast<const char*>(buffer);
  if (hold_next_) {
    hold_next_ = false;
    holding_ = true;
    held_.assign(data, static_cast<std::size_t>(length));
    return length;
  }
  if (holding_) {
    holding_ = false;
    held_.append(data, static_cast<std::size_t>(length));
    std::string out;
    out.swap(held_);
    sendAll(out.data(), out.size());
    return length;
  }
  sendAll(data, static_cast<std::size_t>(length));
  return length;
}

void DeadlineSocketImpl::flush() {
  hold_next_ = false;
  if (!holding_) return;
  holding_ = false;
  std::string out;
  out.swap(held_);
  sendAll(out.data(), out.size());
}

int DeadlineSocketImpl::available() {
  return static_cast<int>(unread_.size() - unread_pos_) + inner_.impl()->available();
}

bool DeadlineSocketImpl::secure() const {
  return tls_;
}

Poco::Net::SocketAddress DeadlineSocketImpl::address() {
  if (!local_known_) {
    local_ = inner_.address();
    local_known_ = true;
  }
  return local_;
}

void DeadlineSocketImpl::close() {
  try {
    flush();
  } catch (const Poco::Exception&) {
  }
  inner_.close();
  reset();
}

void DeadlineSocketImpl::shutdown() {
  inner_.shutdown();
}

void DeadlineSocketImpl::shutdownReceive() {
  inner_.shutdownReceive();
}

void DeadlineSocketImpl::shutdownSend() {
  inner_.shutdownSend();
}

}  // namespace shared::http
