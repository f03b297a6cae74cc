#include "certd/challenge/dns01_rfc2136.h"

#include "certd/challenge/dns01_record.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::challenge {

Dns01Rfc2136::Dns01Rfc2136(Dns01Rfc2136Options options) : publisher_(std::move(options)) {}

shared::Status Dns01Rfc2136::present(const ChallengeSpec& spec) {
  if (shared::Status published = publish(spec); !published) return published;
  return awaitVisible(spec);
}

shared::Status Dns01Rfc2136::publish(const ChallengeSpec& spec) {
  auto log = shared::log::get("certd.challenge");
  const std::string name = dns01RecordName(spec.domain);
  const std::string value = dns01TxtValue(spec.key_authorization);
  const std::string context = "dns01: present " + spec.domain;
  auto zone = publisher_.zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  if (auto status = publisher_.update(true, *zone, name, value); !status) {
    return status.withContext(context);
  }
  shared::log::info(
      log, "dns01: txt record added",
      {{"name", name}, {"zone", *zone}, {"server", publisher_.options().server.toString()}});
  return shared::Status::ok();
}

shared::Status Dns01Rfc2136::awaitVisible(const ChallengeSpec& spec) {
  auto log = shared::log::get("certd.challenge");
  const std::string name = dns01RecordName(spec.domain);
  const std::string value = dns01TxtValue(spec.key_authorization);
  const std::string context = "dns01: present " + spec.domain;
  auto zone = publisher_.zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  const PropagationOptions& propagation = publisher_.options().propagation;
  auto servers = authoritativeServers(*zone, propagation);
  if (!servers) return servers.status().withContext(context);
  if (auto status = waitForTxt(name, value, *servers, propagation); !status) {
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
  auto zone = publisher_.zoneFor(name);
  if (!zone) return zone.status().withContext(context);
  if (auto status = publisher_.update(false, *zone, name, dns01TxtValue(spec.key_authorization));
      !status) {
    return status.withContext(context);
  }
  shared::log::info(shared::log::get("certd.challenge"), "dns01: txt record deleted",
                    {{"name", name}});
  return shared::Status::ok();
}

}  // namespace certd::challenge
