#pragma once

// clientKey: the name under which per-client session caps count a peer address. An IPv4
// address counts alone; an IPv6 address counts with its whole /64, since one host or
// customer routinely holds a /64 and can pick any address inside it; an IPv4-mapped IPv6
// address counts as the IPv4 address it carries. Text that is no IP address is its own
// key. Pure; any thread.

#include <string>
#include <string_view>

namespace mcpd::transport {

// "192.0.2.7" -> "192.0.2.7"; "2001:db8:1:2:a:b:c:d" -> "2001:db8:1:2::/64";
// "::ffff:192.0.2.7" -> "192.0.2.7".
std::string clientKey(std::string_view address);

}  // namespace mcpd::transport
