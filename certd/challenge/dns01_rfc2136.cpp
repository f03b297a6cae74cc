#include "certd/challenge/dns01_rfc2136.h"

#include <chrono>

#include "certd/challenge/dns01_record.h"
#include "certd/dns/query.h"
#include "certd/dns/tsig.h"
#include "certd/dns/update.h"
#include "certd/dns/update_client.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::challenge {

namespace {

std::uint64_t nowSeconds() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count());
}

}  // namespace

Dns01Rfc2136::Dns01Rfc2136(Dns01Rfc2136Options options) : options_(std::move(options)) {}

shared::Result<std::string> Dns01Rfc2136::zoneFor(const std::string& record_name) const {
  if (!options_.zone.empty()) return options_.zone;
  return dns::findZone(options_.propagation.resolvers, record_name,
                       std::chrono::steady_clock::now() + options_.update_timeout);
}

shared::Status Dns01Rfc2136::update(bool add, const std::string& zone, const std::string& name,
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

shared::Status Dns01Rfc2136::present(const ChallengeSpec& spec) {
  if (shared::Status published = publish(spec); !published) return published;
  return awaitVisible(spec);
}

shared::Status Dns01Rfc2136::publish(const ChallengeSpec& spec) {
  auto log = shared::log::get("certd.challenge");
  const std::string name = dns01RecordName(spec.domain);
  const std::string value = dns01TxtValue(spec.key_authorization);
  const std::string context = "dns01: present " + spec.domain;
  auto zone = zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  if (auto status = update(true, *zone, name, value); !status) {
    return status.withContext(context);
  }
  shared::log::info(log, "dns01: txt record added",
                    {{"name", name}, {"zone", *zone}, {"server", options_.server.toString()}});
  return shared::Status::ok();
}

shared::Status Dns01Rfc2136::awaitVisible(const ChallengeSpec& spec) {
  auto log = shared::log::get("certd.challenge");
  const std::string name = dns01RecordName(spec.domain);
  const std::string value = dns01TxtValue(spec.key_authorization);
  const std::string context = "dns01: present " + spec.domain;
  auto zone = zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  auto servers = authoritativeServers(*zone, options_.propagation);
  if (!servers) return servers.status().withContext(context);
  if (auto status = waitForTxt(name, value, *servers, options_.propagation); !status) {
    log->warn("{}", status.message());
    return status;
  }
  shared::log::info(log, "dns01: txt record served",
                    {{"name", name}, {"servers", servers->size()}});
  return shared::Status::ok();
}

shared::Status Dns01Rfc2136::cleanUp(const ChallengeSpec& spec) {
  const std::string name = dns01RecordName(spec.domain);
  const std::string context = "dns01: clean up " + spec.domain;
  auto zone = zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  if (auto status = update(false, *zone, name, dns01TxtValue(spec.key_authorization)); !status) {
    return status.withContext(context);
  }
  shared::log::info(shared::log::get("certd.challenge"), "dns01: txt record deleted",
                    {{"name", name}});
  return shared::Status::ok();
}

}  // namespace certd::challenge
