#pragma once

// The DNS-01 propagation check: before the CA is told to validate, every authoritative
// server of the zone must serve the TXT value. The servers come from config, or from an
// NS lookup of the zone then an A lookup of each NS name, both through the configured
// resolvers (never the system resolver). Blocking; call from the flow's thread.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/net/host_port.h"
#include "shared/result.h"

namespace certd::challenge {

struct PropagationOptions {
  std::vector<shared::net::HostPort> resolvers;              // for NS and A lookups
  std::vector<shared::net::HostPort> authoritative_servers;  // explicit; skips the lookups
  std::uint16_t nameserver_port = 53;                        // port of looked-up servers
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};
  std::chrono::milliseconds poll_interval{std::chrono::seconds(2)};
  std::chrono::milliseconds query_timeout{std::chrono::seconds(2)};  // one query
};

// The servers to check for `zone`: the explicit list, else NS + A through the resolvers
// (the first resolver that answers). Errors: "dns01: no authoritative servers for test:
// <cause>".
shared::Result<std::vector<shared::net::HostPort>> authoritativeServers(
    std::string_view zone, const PropagationOptions& options);

// Polls `servers` until each serves TXT `value` at `name`, at most `options.timeout`.
// Error (kUnavailable) on timeout, naming the first server still lacking it:
// "dns01: _acme-challenge.x.test TXT not served by 127.0.0.1:5353 after 30s".
shared::Status waitForTxt(std::string_view name, std::string_view value,
                          const std::vector<shared::net::HostPort>& servers,
                          const PropagationOptions& options);

}  // namespace certd::challenge
