#pragma once

// Rfc2136TxtPublisher: adds and deletes TXT records with TSIG-signed RFC 2136 UPDATEs to
// the primary server of a zone, and waits until every authoritative server of the zone
// serves a value (dns01_propagation.h). What the dns-01 solver (a value per challenge, then
// deleted) and dns-persist-01 publishing (one value that stays) share. Built from the
// `dns.*` keys. Stateless apart from its options: calls may run on any thread, side by side.
// The TSIG secret is never logged.

#include <chrono>
#include <cstdint>
#include <string>

#include "certd/challenge/dns01_propagation.h"
#include "shared/net/host_port.h"
#include "shared/result.h"

namespace certd::challenge {

struct Rfc2136Options {
  shared::net::HostPort server;  // the primary taking updates; an IP literal
  std::string zone;              // "" = find it by SOA queries through `resolvers`
  std::string tsig_key_name;
  std::string tsig_algorithm = "hmac-sha256";  // or hmac-sha512
  std::string tsig_secret;                     // base64; never logged
  std::uint32_t ttl = 60;
  std::chrono::milliseconds update_timeout{std::chrono::seconds(10)};
  PropagationOptions propagation;  // resolvers, servers, timeout and poll interval
};

class Rfc2136TxtPublisher {
 public:
  explicit Rfc2136TxtPublisher(Rfc2136Options options);

  // The configured zone, or the one found by SOA for `record_name` through the resolvers.
  shared::Result<std::string> zoneFor(const std::string& record_name) const;

  // One UPDATE adding (`add`) or deleting exactly the TXT `value` at `name` in `zone`;
  // adding a value already there and deleting one that is not are no-ops on the server.
  // Errors: "dns: update _acme-challenge.a.test at 127.0.0.1:5353: NOTAUTH (TSIG error
  // BADSIG)".
  shared::Status update(bool add, const std::string& zone, const std::string& name,
                        const std::string& value) const;

  // Until every authoritative server of `zone` serves `value` at `name`, or the
  // propagation timeout (kUnavailable, naming the first server still lacking it).
  // Returns how many servers were checked.
  shared::Result<std::size_t> awaitServed(const std::string& zone, const std::string& name,
                                          const std::string& value) const;

  const Rfc2136Options& options() const { return options_; }

 private:
  Rfc2136Options options_;
};

}  // namespace certd::challenge
