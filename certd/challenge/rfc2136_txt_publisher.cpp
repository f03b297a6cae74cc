#include "certd/challenge/rfc2136_txt_publisher.h"

#include "certd/dns/query.h"
#include "certd/dns/tsig.h"
#include "certd/dns/update.h"
#include "certd/dns/update_client.h"

namespace certd::challenge {
namespace {

std::uint64_t nowSeconds() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace

Rfc2136TxtPublisher::Rfc2136TxtPublisher(Rfc2136Options options) : options_(std::move(options)) {}

shared::Result<std::string> Rfc2136TxtPublisher::zoneFor(const std::string& record_name) const {
  if (!options_.zone.empty()) return options_.zone;
  return dns::findZone(options_.propagation.resolvers, record_name,
                       std::chrono::steady_clock::now() + options_.update_timeout);
}

shared::Status Rfc2136TxtPublisher::update(bool add, const std::string& zone,
                                           const std::string& name,
                                           const std::string& value) const {
  auto key =
      dns::makeTsigKey(options_.tsig_key_name, options_.tsig_algorithm, options_.tsig_secret);
  if (!key) return key.status();
  const dns::Message message =
      add ? dns::addTxtUpdate(zone, name, value, options_.ttl, dns::randomId())
          : dns::deleteTxtUpdate(zone, name, value, dns::randomId());
  return dns::sendUpdate(options_.server, *key, message, nowSeconds(),
                         std::chrono::steady_clock::now() + options_.update_timeout);
}

shared::Result<std::size_t> Rfc2136TxtPublisher::awaitServed(const std::string& zone,
                                                             const std::string& name,
                                                             const std::string& value) const {
  auto servers = authoritativeServers(zone, options_.propagation);
  if (!servers) return servers.status();
  if (auto status = waitForTxt(name, value, *servers, options_.propagation); !status) {
    return status;
  }
  return servers->size();
}

}  // namespace certd::challenge
