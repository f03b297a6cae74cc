#include "certd/challenge/dns_persist01.h"

#include <chrono>

#include "certd/challenge/dns_persist_record.h"
#include "certd/dns/query.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::challenge {
namespace {

std::int64_t nowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

DnsPersist01::DnsPersist01(DnsPersist01Options options) : options_(std::move(options)) {}

shared::Status DnsPersist01::present(const ChallengeSpec& spec) {
  const auto log = shared::log::get("certd.challenge");
  const std::string context = "dns-persist-01: present " + spec.domain;
  // draft §3.1: the record must name one of the challenge's issuers; a malformed list
  // means the challenge is rejected.
  if (std::string problem = issuerDomainNamesProblem(spec.issuer_domain_names); !problem.empty())
    return shared::Status::invalidArgument(context + ": " + problem);
  auto issuer = chooseIssuerDomainName(spec.issuer_domain_names, options_.issuer);
  if (!issuer) return issuer.status().withContext(context);
  const std::string name = dnsPersistRecordName(spec.domain);
  const std::string value = dnsPersistTxtValue(
      {.issuer = *issuer, .account_uri = spec.account_uri, .wildcard = spec.wildcard});
  const PropagationOptions& propagation = options_.propagation;
  if (propagation.resolvers.empty() && propagation.authoritative_servers.empty()) {
    shared::log::info(log, "dns-persist-01: relying on the published record",
                      {{"name", name}, {"issuer", *issuer}});
    return shared::Status::ok();
  }
  std::string zone = options_.zone;
  if (zone.empty() && propagation.authoritative_servers.empty()) {
    auto found = dns::findZone(propagation.resolvers, name,
                               std::chrono::steady_clock::now() + propagation.query_timeout * 2);
    if (!found) return found.status().withContext(context);
    zone = *found;
  }
  auto servers = authoritativeServers(zone, propagation);
  if (!servers) return servers.status().withContext(context);
  for (const shared::net::HostPort& server : *servers) {
    auto values =
        dns::queryTxt(server, name, std::chrono::steady_clock::now() + propagation.query_timeout);
    if (!values) return values.status().withContext(context);
    bool found = false;
    for (const std::string& served : *values) {
      found = found || dnsPersistTxtSatisfies(served, spec.issuer_domain_names, spec.account_uri,
                                              spec.wildcard, nowUnix());
    }
    if (!found) {
      return shared::Status::unavailable(
          context + ": " + name + " at " + server.toString() +
          " serves no record for this account and issuer " + *issuer +
          "; publish it with `certd account dns-persist-record " +
          (spec.wildcard ? "'*." + spec.domain + "'" : spec.domain) +
          " --publish` or add to the zone: " + dnsPersistZoneLine(name, value));
    }
  }
  shared::log::info(log, "dns-persist-01: record served",
                    {{"name", name}, {"issuer", *issuer}, {"servers", servers->size()}});
  return shared::Status::ok();
}

shared::Status DnsPersist01::cleanUp(const ChallengeSpec& /*spec*/) {
  // The record persists by design (draft §4.5): later orders reuse it.
  return shared::Status::ok();
}

}  // namespace certd::challenge
