#pragma once

// resolveForwarded: who a request really comes from when it arrives through trusted
// proxies. Only when the TCP peer is in `trusted` are its headers believed:
//   - `Forwarded` (RFC 7239): elements "for=...;proto=...;host=..." separated by commas
//     (over all its header lines, in order); values are tokens or quoted strings; a node is
//     an IPv4 address, a quoted "[IPv6]", either with ":port", or "unknown" / an obfuscated
//     "_name";
//   - else `X-Forwarded-For` (addresses, optionally with ports), with `X-Forwarded-Proto`
//     and `X-Forwarded-Host` (one value each, or one per X-Forwarded-For hop).
// The hops are walked from the right, skipping every hop that is itself a trusted proxy
// (nginx's real_ip_recursive); the first untrusted one is the client, and the scheme and
// host are the ones recorded for it. A hop that names no address (unknown, obfuscated) ends
// the walk at the proxy that wrote it. A header that does not parse is ignored as a whole
// (`problem` says why); the request is never refused for it.
// Pure; any thread.

#include <string>
#include <string_view>
#include <vector>

#include "shared/net/address_set.h"

namespace shared::http {

// Which headers a trusted proxy names the client with. Most proxies (nginx, HAProxy 2.6,
// cloud balancers) append X-Forwarded-For and pass a client's own Forwarded header through
// untouched, so with kEither such a proxy must remove Forwarded, or a client could name
// itself; a single source closes that door.
enum class ForwardingSource {
  kEither,      // Forwarded when present, else X-Forwarded-*
  kForwarded,   // Forwarded only
  kXForwarded,  // X-Forwarded-For/-Proto/-Host only
};

// "auto", "forwarded", "x-forwarded-for" (the configuration's words).
inline const std::vector<std::string> kForwardingSourceNames = {"auto", "forwarded",
                                                                "x-forwarded-for"};
ForwardingSource forwardingSourceNamed(const std::string& name);

// The values of the headers that may name the client, each header's lines in order.
struct ForwardingHeaders {
  std::vector<std::string> forwarded;
  std::vector<std::string> x_forwarded_for;
  std::vector<std::string> x_forwarded_proto;
  std::vector<std::string> x_forwarded_host;
};

// Who a request comes from, as far as this server can tell.
struct RequestOrigin {
  std::string client;  // an IP address: "192.0.2.7", "2001:db8::1"
  std::string scheme;  // "http" or "https"
  std::string host;    // the Host the client asked for ("docs.example.com:8443"); may be empty
};

struct Forwarding {
  RequestOrigin origin;
  bool forwarded = false;  // taken from a proxy's headers
  std::string problem;     // non-empty: a header was ignored, and why
};

// More hops than this in one header make it malformed: no real chain is this long.
constexpr std::size_t kMaxForwardedHops = 32;

// `direct` is what the connection itself says (peer address, scheme, Host header).
Forwarding resolveForwarded(const RequestOrigin& direct, const ForwardingHeaders& headers,
                            const net::AddressSet& trusted);

}  // namespace shared::http
