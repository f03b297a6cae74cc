#include "certd/dns/transport.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace certd::dns {

namespace {

constexpr std::size_t kUdpLimit = 512;  // RFC 1035 §4.2.1, without EDNS

// Closes the descriptor on every path.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
};

// Numeric parsing only: a host name here would need a resolver, which we never use.
shared::Result<Address> toAddress(const shared::net::HostPort& server) {
  Address address;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address.storage);
  if (inet_pton(AF_INET, server.host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(server.port);
    address.length = sizeof(sockaddr_in);
    return address;
  }
  if (inet_pton(AF_INET6, server.host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(server.port);
    address.length = sizeof(sockaddr_in6);
    return address;
  }
  return shared::Status::invalidArgument("dns: server \"" + server.host +
                                         "\" is not an IP address");
}

// Rounded up, so poll() never wakes before the deadline and reports a premature timeout.
int millisecondsLeft(Deadline deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

std::string where(const shared::net::HostPort& server) {
  return "dns: " + server.toString();
}

// Waits until `fd` is ready for `events`; false when the deadline passed first.
bool waitFor(int fd, short events, Deadline deadline) {
  for (;;) {
    pollfd p{fd, events, 0};
    const int ready = ::poll(&p, 1, millisecondsLeft(deadline));
    if (ready > 0) return true;
    if (ready == 0) return false;
    if (errno != EINTR) return false;
  }
}

shared::Status timeout(const shared::net::HostPort& server, std::string_view step) {
  return shared::Status::unavailable(where(server) + ": no answer (" + std::string(step) +
                                     ") before the deadline");
}

// RFC 1035 §4.1.1: TC, bit 1 of the third byte.
bool truncated(std::string_view answer) {
  return answer.size() >= 3 && (static_cast<unsigned char>(answer[2]) & 0x02) != 0;
}

bool sameId(std::string_view a, std::string_view b) {
  return a.size() >= 2 && b.size() >= 2 && a[0] == b[0] && a[1] == b[1];
}

shared::Result<std::string> exchangeUdp(const shared::net::HostPort& server, const Address& to,
                                        std::string_view query, Deadline deadline,
                                        const AnswerFilter& accept) {
  Fd fd(::socket(to.storage.ss_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) return shared::Status::fromErrno(where(server) + ": socket", errno);
  // connect() makes the kernel drop datagrams from other sources and report ICMP errors.
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to.storage), to.length) != 0) {
    return shared::Status::fromErrno(where(server) + ": connect", errno);
  }
  if (::send(fd.get(), query.data(), query.size(), 0) < 0) {
    return shared::Status::fromErrno(where(server) + ": send", errno);
  }
  std::string buffer(65535, '\0');
  for (;;) {
    if (!waitFor(fd.get(), POLLIN, deadline)) return timeout(server, "udp");
    const ssize_t got = ::recv(fd.get(), buffer.data(), buffer.size(), 0);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      // ECONNREFUSED: nothing listens there (ICMP port unreachable).
      return shared::Status::fromErrno(where(server) + ": receive", errno);
    }
    std::string_view answer(buffer.data(), static_cast<std::size_t>(got));
    if (!sameId(answer, query)) continue;  // a stale or spoofed answer
    // The right ID guessed, the wrong answer. A truncated answer only sends us to TCP,
    // whose answer is checked, so it is not filtered (its records may be cut short).
    if (accept && !truncated(answer) && !accept(answer)) continue;
    return std::string(answer);
  }
}

shared::Status sendAll(int fd, std::string_view data, const shared::net::HostPort& server,
                       Deadline deadline) {
  while (!data.empty()) {
    if (!waitFor(fd, POLLOUT, deadline)) return timeout(server, "tcp send");
    const ssize_t sent = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return shared::Status::fromErrno(where(server) + ": send", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
  return shared::Status::ok();
}

shared::Status receiveExactly(int fd, std::string& out, std::size_t count,
                              const shared::net::HostPort& server, Deadline deadline) {
  out.assign(count, '\0');
  std::size_t have = 0;
  while (have < count) {
    if (!waitFor(fd, POLLIN, deadline)) return timeout(server, "tcp receive");
    const ssize_t got = ::recv(fd, out.data() + have, count - have, 0);
    if (got < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return shared::Status::fromErrno(where(server) + ": receive", errno);
    }
    if (got == 0) return shared::Status::ioError(where(server) + ": connection closed early");
    have += static_cast<std::size_t>(got);
  }
  return shared::Status::ok();
}

}  // namespace

shared::Result<std::string> exchangeTcp(const shared::net::HostPort& server, std::string_view query,
                                        Deadline deadline) {
  auto to = toAddress(server);
  if (!to) return to.status();
  if (query.size() > 0xFFFF) return shared::Status::invalidArgument("dns: message too big");
  Fd fd(::socket(to->storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (fd.get() < 0) return shared::Status::fromErrno(where(server) + ": socket", errno);
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to->storage), to->length) != 0) {
    if (errno != EINPROGRESS) return shared::Status::fromErrno(where(server) + ": connect", errno);
    if (!waitFor(fd.get(), POLLOUT, deadline)) return timeout(server, "tcp connect");
    int error = 0;
    socklen_t length = sizeof(error);
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0) return shared::Status::fromErrno(where(server) + ": connect", error);
  }
  std::string framed;
  framed.push_back(static_cast<char>(query.size() >> 8));
  framed.push_back(static_cast<char>(query.size() & 0xFF));
  framed.append(query);
  if (auto status = sendAll(fd.get(), framed, server, deadline); !status) return status;
  std::string prefix;
  if (auto status = receiveExactly(fd.get(), prefix, 2, server, deadline); !status) return status;
  const std::size_t length =
      (static_cast<unsigned char>(prefix[0]) << 8) | static_cast<unsigned char>(prefix[1]);
  std::string answer;
  if (auto status = receiveExactly(fd.get(), answer, length, server, deadline); !status) {
    return status;
  }
  if (!sameId(answer, query)) return shared::Status::ioError(where(server) + ": answer ID differs");
  return answer;
}

shared::Result<std::string> exchange(const shared::net::HostPort& server, std::string_view query,
                                     Deadline deadline, const AnswerFilter& accept) {
  auto to = toAddress(server);
  if (!to) return to.status();
  if (query.size() > kUdpLimit) return exchangeTcp(server, query, deadline);
  auto answer = exchangeUdp(server, *to, query, deadline, accept);
  if (!answer) return answer;
  // RFC 1035 §4.2.1 / RFC 7766: a truncated UDP answer means "ask again over TCP".
  if (truncated(*answer)) {
    return exchangeTcp(server, query, deadline);
  }
  return answer;
}

}  // namespace certd::dns
