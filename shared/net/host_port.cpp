#include "shared/net/host_port.h"

#include <charconv>

namespace shared::net {

std::string HostPort::toString() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<HostPort> parseHostPort(std::string_view text) {
  const std::string quoted = "\"" + std::string(text) + "\"";
  HostPort result;
  std::string_view port_text;
  if (text.starts_with('[')) {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      return Status::invalidArgument("missing \"]\" after the IPv6 address in " + quoted);
    }
    result.host = std::string(text.substr(1, close - 1));
    if (close + 1 >= text.size() || text[close + 1] != ':') {
      return Status::invalidArgument("missing \":PORT\" in " + quoted);
    }
    port_text = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      return Status::invalidArgument("missing \":PORT\" in " + quoted);
    }
    result.host = std::string(text.substr(0, colon));
    if (result.host.find(':') != std::string::npos) {
      return Status::invalidArgument("an IPv6 address needs brackets, as in \"[::1]:8080\", in " +
                                     quoted);
    }
    port_text = text.substr(colon + 1);
  }
  unsigned value = 0;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
  if (port_text.empty() || error != std::errc() || end != port_text.data() + port_text.size() ||
      value > 65535) {
    return Status::invalidArgument("port \"" + std::string(port_text) +
                                   "\" is not a number from 0 to 65535");
  }
  result.port = static_cast<std::uint16_t>(value);
  return result;
}

}  // namespace shared::net
