#include "shared/net/listen_address.h"

#include <Poco/Net/IPAddress.h>
#include <Poco/Net/NetException.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace shared::net {
namespace {

bool isWildcard(const std::string& host) {
  return host.empty() || host == "::";
}

}  // namespace

Status probeDualStack() {
  const int fd = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::fromErrno("ipv6 socket", errno);
  const int off = 0;
  sockaddr_in6 any{};
  any.sin6_family = AF_INET6;
  any.sin6_addr = in6addr_any;
  Status status;
  if (::setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) {
    status = Status::fromErrno("ipv6 socket: IPV6_V6ONLY off", errno);
  } else if (::bind(fd, reinterpret_cast<const sockaddr*>(&any), sizeof any) != 0) {
    status = Status::fromErrno("ipv6 socket: bind [::]", errno);
  }
  ::close(fd);
  return status;
}

Result<ListenAddress> chooseListenAddress(const HostPort& where,
                                          const std::function<Status()>& probe) {
  ListenAddress chosen;
  if (isWildcard(where.host)) {
    chosen.wildcard = true;
    const Status ipv6 = probe();
    chosen.dual_stack = ipv6.isOk();
    if (!chosen.dual_stack) chosen.ipv6_error = ipv6.message();
    chosen.address = Poco::Net::SocketAddress(
        Poco::Net::IPAddress(chosen.dual_stack ? Poco::Net::IPAddress::IPv6
                                               : Poco::Net::IPAddress::IPv4),
        where.port);
    return chosen;
  }
  // Poco's IPAddress::tryParse rejects the all-zero addresses, so parse literals ourselves
  // rather than let SocketAddress hand them to the resolver.
  in6_addr v6{};
  in_addr v4{};
  if (::inet_pton(AF_INET6, where.host.c_str(), &v6) == 1) {
    chosen.address = Poco::Net::SocketAddress(Poco::Net::IPAddress(&v6, sizeof v6), where.port);
    return chosen;
  }
  if (::inet_pton(AF_INET, where.host.c_str(), &v4) == 1) {
    chosen.address = Poco::Net::SocketAddress(Poco::Net::IPAddress(&v4, sizeof v4), where.port);
    return chosen;
  }
  try {
    chosen.address = Poco::Net::SocketAddress(where.host, where.port);
  } catch (const Poco::Exception& e) {
    return Status::unavailable("resolve \"" + where.host + "\": " + e.displayText());
  }
  return chosen;
}

void logListenAddress(const ListenAddress& chosen, std::string_view component) {
  if (!chosen.wildcard) return;
  const auto log = log::get(component);
  if (chosen.dual_stack) {
    shared::log::info(log, "every address, dual-stack", {{"address", chosen.address.toString()}});
  } else {
    shared::log::warn(log, "every address, ipv4 only",
                      {{"address", chosen.address.toString()}, {"ipv6_error", chosen.ipv6_error}});
  }
}

void bindListener(Poco::Net::ServerSocket& socket, const HostPort& where,
                  std::string_view component) {
  auto chosen = chooseListenAddress(where);
  if (!chosen) throw Poco::Net::HostNotFoundException(chosen.status().message());
  if (chosen->address.family() == Poco::Net::SocketAddress::IPv6) {
    socket.bind6(chosen->address, /*reuseAddress=*/true, /*reusePort=*/false, /*ipV6Only=*/false);
  } else {
    socket.bind(chosen->address, /*reuseAddress=*/true, /*reusePort=*/false);
  }
  logListenAddress(*chosen, component);
}

std::string localConnectHost(const std::string& host) {
  return isWildcard(host) || host == "0.0.0.0" ? "127.0.0.1" : host;
}

}  // namespace shared::net
