#include "shared/net/address_set.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <charconv>
#include <cstring>

namespace shared::net {
namespace {

constexpr std::uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

IpBytes fromV6(const std::uint8_t* bytes) {
  IpBytes ip;
  if (std::memcmp(bytes, kMappedPrefix, sizeof kMappedPrefix) == 0) {
    ip.size = 4;
    std::memcpy(ip.bytes.data(), bytes + 12, 4);
  } else {
    ip.size = 16;
    std::memcpy(ip.bytes.data(), bytes, 16);
  }
  return ip;
}

bool samePrefix(const IpBytes& a, const IpBytes& b, int bits) {
  const int whole = bits / 8;
  if (std::memcmp(a.bytes.data(), b.bytes.data(), static_cast<std::size_t>(whole)) != 0)
    return false;
  const int rest = bits % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (a.bytes[whole] & mask) == (b.bytes[whole] & mask);
}

}  // namespace

std::optional<IpBytes> parseIp(std::string_view text) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  IpBytes ip;
  if (inet_pton(AF_INET, copy.c_str(), ip.bytes.data()) == 1) {
    ip.size = 4;
    return ip;
  }
  std::uint8_t v6[16];
  if (inet_pton(AF_INET6, copy.c_str(), v6) == 1) return fromV6(v6);
  return std::nullopt;
}

std::optional<IpBytes> ipOf(const sockaddr* address) {
  if (address->sa_family == AF_INET) {
    IpBytes ip;
    ip.size = 4;
    std::memcpy(ip.bytes.data(), &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, 4);
    return ip;
  }
  if (address->sa_family == AF_INET6)
    return fromV6(reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr.s6_addr);
  return std::nullopt;
}

std::string ipText(const IpBytes& ip) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(ip.size == 4 ? AF_INET : AF_INET6, ip.bytes.data(), text, sizeof text);
  return text;
}

Result<AddressSet> AddressSet::parse(const std::vector<std::string>& items) {
  AddressSet set;
  for (const std::string& item : items) {
    const std::string_view text(item);
    const auto slash = text.find('/');
    const auto ip = parseIp(text.substr(0, slash));
    if (!ip)
      return Status::invalidArgument("\"" + item + "\" is not an IP address or address/bits");
    const int max_bits = ip->size * 8;
    int bits = max_bits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = text.substr(slash + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
      if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 ||
          bits > max_bits) {
        return Status::invalidArgument("\"" + item + "\": prefix length must be 0-" +
                                       std::to_string(max_bits));
      }
    }
    set.networks_.push_back({*ip, bits});
  }
  return set;
}

bool AddressSet::contains(const IpBytes& ip) const {
  for (const Network& network : networks_) {
    if (network.base.size == ip.size && samePrefix(network.base, ip, network.bits)) return true;
  }
  return false;
}

bool AddressSet::contains(const sockaddr* address) const {
  const auto ip = ipOf(address);
  return ip && contains(*ip);
}

}  // namespace shared::net
