#include "mcpd/transport/client_key.h"

#include <arpa/inet.h>

#include <array>
#include <cstring>

namespace mcpd::transport {

std::string clientKey(std::string_view address) {
  const std::string text(address);
  std::array<unsigned char, 16> bytes{};
  if (inet_pton(AF_INET6, text.c_str(), bytes.data()) != 1) return text;
  static constexpr unsigned char kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  char out[INET6_ADDRSTRLEN] = {};
  if (std::memcmp(bytes.data(), kMappedPrefix, sizeof kMappedPrefix) == 0) {
    if (inet_ntop(AF_INET, bytes.data() + 12, out, sizeof out) == nullptr) return text;
    return out;
  }
  std::memset(bytes.data() + 8, 0, 8);  // keep the /64 prefix
  if (inet_ntop(AF_INET6, bytes.data(), out, sizeof out) == nullptr) return text;
  return std::string(out) + "/64";
}

}  // namespace mcpd::transport
