#pragma once

// parseProxyHeader: the PROXY protocol header (HAProxy's "proxy-protocol.txt", versions 1
// and 2) that a load balancer sends first on a connection to say which client it carries:
//   v1: "PROXY TCP4 192.0.2.7 198.51.100.1 51234 443\r\n" (TCP6, or UNKNOWN), at most
//       107 bytes;
//   v2: a 12-byte signature, version/command, family, a 16-bit length, the addresses, then
//       TLVs; LOCAL (the balancer's own health checks) carries no client.
// Given the bytes received so far it says: more are needed, they are no PROXY header, or
// the header is complete (its length, and the client's address when it names one). v2
// headers longer than kMaxProxyHeaderBytes are refused: nothing legitimate sends one. A v2
// PP2_TYPE_SSL TLV that says the client spoke TLS to the balancer sets `client_tls`.
// Pure; any thread.

#include <Poco/Net/SocketAddress.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace shared::http {

constexpr std::size_t kMaxProxyHeaderBytes = 1024;

struct ProxyHeader {
  enum class State { kNeedMore, kInvalid, kDone };
  State state = State::kNeedMore;
  std::size_t length = 0;                          // kDone: the header's bytes
  std::optional<Poco::Net::SocketAddress> source;  // kDone: the client; none for LOCAL/UNKNOWN
  bool client_tls = false;                         // kDone: v2 says the client used TLS
  std::string problem;                             // kInvalid: why
};

ProxyHeader parseProxyHeader(std::string_view bytes);

}  // namespace shared::http
