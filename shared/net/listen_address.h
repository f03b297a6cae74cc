#pragma once

// ListenAddress: where a server socket binds for a HostPort the user wrote, and the bind.
// A wildcard host ("" or "::", both meaning "every address") becomes dual-stack [::] with
// IPV6_V6ONLY off where the kernel gives out IPv6 sockets, else 0.0.0.0 (a kernel booted with
// ipv6.disable=1, a sandbox refusing AF_INET6), with one log line saying which. Inside Docker's
// default network IPv6 is disabled, yet an IPv6 wildcard socket still accepts IPv4 there; what
// failed was resolving "::" through getaddrinfo (glibc's AI_ADDRCONFIG answers EAI_ADDRFAMILY,
// -9, when an interface has IPv4 and none has IPv6), so IP literals never go through DNS here.
// "0.0.0.0" stays IPv4 only; a host name is resolved (first address). Stateless; any thread.

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include <functional>
#include <string>
#include <string_view>

#include "shared/net/host_port.h"
#include "shared/result.h"
#include "shared/status.h"

namespace shared::net {

struct ListenAddress {
  Poco::Net::SocketAddress address;
  bool wildcard = false;    // the user asked for every address
  bool dual_stack = false;  // [::] with IPV6_V6ONLY off: IPv4 and IPv6 on one socket
  std::string ipv6_error;   // why a wildcard fell back to 0.0.0.0; empty otherwise
};

// Whether this kernel lets a server open an IPv6 socket, turn IPV6_V6ONLY off and bind [::]
// (port 0, closed at once). Ok, or the failing step with its errno text.
Status probeDualStack();

// The address to bind for `where`; `probe` is asked only for a wildcard (tests pass a failing
// one). Fails only when a host name does not resolve.
Result<ListenAddress> chooseListenAddress(const HostPort& where,
                                          const std::function<Status()>& probe = probeDualStack);

// Logs the choice for a wildcard on `component`'s logger: info "dual-stack" or a warning
// "ipv4 only" with the IPv6 error. Says nothing for an address the user spelled out.
void logListenAddress(const ListenAddress& chosen, std::string_view component);

// Binds `socket` (a ServerSocket or SecureServerSocket handle, not yet bound) to
// chooseListenAddress(where) with SO_REUSEADDR, IPV6_V6ONLY off for dual-stack, and logs the
// choice. Throws Poco::Exception as ServerSocket::bind does, and for a name that does not resolve.
void bindListener(Poco::Net::ServerSocket& socket, const HostPort& where,
                  std::string_view component);

// The address a local client (a healthcheck, a wake-up knock) connects to for a listener
// bound to `host`: 127.0.0.1 for any wildcard (reachable on a dual-stack and an IPv4-only
// socket alike), else `host`.
std::string localConnectHost(const std::string& host);

}  // namespace shared::net
