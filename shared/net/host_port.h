#pragma once

// HostPort: a listen or connect address as users write it: "127.0.0.1:8080",
// "[::]:8443", "localhost:80", or ":80" (all addresses). Port 0 means "pick a free port".

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace shared::net {

struct HostPort {
  std::string host;  // without brackets; empty means every address
  std::uint16_t port = 0;

  // Back to the written form, with brackets around IPv6 literals.
  std::string toString() const;
  friend bool operator==(const HostPort&, const HostPort&) = default;
};

// Parses "host:port", "[v6]:port" or ":port". Errors name what is wrong:
// `missing ":PORT" in "localhost"`, `port "99999" is not a number from 0 to 65535`.
Result<HostPort> parseHostPort(std::string_view text);

}  // namespace shared::net
