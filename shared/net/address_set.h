#pragma once

// AddressSet: a list of IP addresses and CIDR networks, IPv4 and IPv6 ("10.0.0.0/8",
// "fd00::/8", "192.0.2.7"), asked whether an address belongs to one of them. mcpd's
// http.trusted_proxies is one: only a peer in it may name the client (Forwarded,
// X-Forwarded-For, the PROXY protocol). An IPv4-mapped IPv6 address ("::ffff:10.1.2.3", how
// a dual-stack listener sees IPv4 peers) matches as the IPv4 address it carries.
// Immutable after parse(); any thread.

#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace shared::net {

// An IP address as bytes: 4 for IPv4 (mapped IPv6 included), 16 for other IPv6.
struct IpBytes {
  std::uint8_t size = 0;  // 4 or 16
  std::array<std::uint8_t, 16> bytes{};
};

// "192.0.2.7", "2001:db8::1", "::ffff:192.0.2.7" (as IPv4); nullopt for anything else
// (no brackets, ports, zones or prefixes).
std::optional<IpBytes> parseIp(std::string_view text);
// The address of an IPv4 or IPv6 socket address; nullopt for other families.
std::optional<IpBytes> ipOf(const sockaddr* address);
// The canonical text: "192.0.2.7", "2001:db8::1".
std::string ipText(const IpBytes& ip);

class AddressSet {
 public:
  AddressSet() = default;

  // Each item an address or address/bits. Fails naming the first bad item:
  // "\"10.0.0.0/40\": prefix length must be 0-32".
  static Result<AddressSet> parse(const std::vector<std::string>& items);

  bool empty() const { return networks_.empty(); }
  bool contains(const IpBytes& ip) const;
  bool contains(const sockaddr* address) const;

 private:
  struct Network {
    IpBytes base;
    int bits = 0;
  };
  std::vector<Network> networks_;
};

}  // namespace shared::net
