#include "certd/app/dns_persist_command.h"

#include <iostream>

#include "certd/app/renewal_settings_of.h"
#include "certd/challenge/dns_persist_record.h"
#include "certd/challenge/rfc2136_txt_publisher.h"
#include "certd/renewal/acme_session.h"
#include "shared/cli/exit_codes.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"
#include "shared/net/host_port.h"

namespace certd::app {
namespace {

constexpr int kRecordFailed = 2;

// Adds the record over RFC 2136 and waits until the zone's servers serve it.
int publishRecord(const CertdConfig& config, const std::string& name, const std::string& value) {
  const auto log = shared::log::get("certd");
  challenge::Rfc2136TxtPublisher publisher(solverSettingsOf(config).dns01);
  auto zone = publisher.zoneFor(name);
  if (!zone) {
    shared::log::error(log, "dns-persist-record: publish", {{"error", zone.status().message()}});
    return kRecordFailed;
  }
  if (shared::Status status = publisher.update(true, *zone, name, value); !status) {
    shared::log::error(log, "dns-persist-record: publish", {{"error", status.message()}});
    return kRecordFailed;
  }
  shared::log::info(log, "dns-persist-01: record published",
                    {{"name", name}, {"zone", *zone}, {"server", config.dns_server}});
  if (config.dns_resolvers.empty() && config.dns_authoritative.empty()) return 0;
  auto served = publisher.awaitServed(*zone, name, value);
  if (!served) {
    shared::log::error(log, "dns-persist-record: publish", {{"error", served.status().message()}});
    return kRecordFailed;
  }
  shared::log::info(log, "dns-persist-01: record served", {{"name", name}, {"servers", *served}});
  return 0;
}

}  // namespace

int runDnsPersistRecord(const CertdConfig& config, const DnsPersistRecordOptions& options) {
  const auto log = shared::log::get("certd");
  if (auto problem = checkDomainList({options.domain}, "DOMAIN", "dns-persist-01")) {
    shared::log::error(log, "dns-persist-record: DOMAIN", {{"error", problem->message}});
    return shared::cli::kExitUsage;
  }
  if (options.publish && (config.dns_server.empty() || config.dns_tsig_key.empty() ||
                          config.dns_tsig_secret.empty())) {
    shared::log::error(log,
                       "dns-persist-record: --publish needs dns.server, dns.tsig_key and "
                       "dns.tsig_secret (the RFC 2136 settings dns-01 uses)");
    return shared::cli::kExitUsage;
  }
  if (options.publish) {
    // The config's own checks look at dns.* only when a certificate uses dns-01.
    std::vector<std::pair<std::string, std::string>> addresses{{"dns.server", config.dns_server}};
    for (std::size_t i = 0; i < config.dns_resolvers.size(); ++i)
      addresses.emplace_back("dns.resolvers[" + std::to_string(i) + "]", config.dns_resolvers[i]);
    for (std::size_t i = 0; i < config.dns_authoritative.size(); ++i)
      addresses.emplace_back("dns.authoritative_servers[" + std::to_string(i) + "]",
                             config.dns_authoritative[i]);
    for (const auto& [key, text] : addresses) {
      if (auto parsed = shared::net::parseHostPort(text); !parsed) {
        shared::log::error(log, "configuration error",
                           {{"key", key}, {"error", parsed.status().message()}});
        return shared::cli::kExitConfig;
      }
    }
  }
  auto session = renewal::openAcmeSession(acmeSessionSettingsOf(config));
  if (!session) {
    shared::log::error(log, "dns-persist-record", {{"error", session.status().message()}});
    return kRecordFailed;
  }
  const acme::AcmeClient& client = *(*session)->client;
  auto issuer = challenge::chooseIssuerDomainName(client.directory().meta.issuer_domain_names,
                                                  config.dns_persist_issuer);
  if (!issuer) {
    shared::log::error(log, "dns-persist-record", {{"error", issuer.status().message()}});
    return shared::cli::kExitUsage;
  }
  if (!config.dns_persist_issuer.empty() && *issuer != config.dns_persist_issuer) {
    shared::log::warn(log, "the CA names another issuer domain than dns_persist.issuer",
                      {{"configured", config.dns_persist_issuer}, {"used", *issuer}});
  }
  const std::string name = challenge::dnsPersistRecordName(options.domain);
  const std::string value = challenge::dnsPersistTxtValue(
      {.issuer = *issuer,
       .account_uri = challenge::dnsPersistAccountUri(client.directory().meta.account_hash_prefix,
                                                      options.domain, client.signer().thumbprint(),
                                                      client.accountUrl()),
       .wildcard = options.domain.starts_with("*."),
       .persist_until = options.persist_until});
  std::cout << challenge::dnsPersistZoneLine(name, value) << std::endl;
  if (!options.publish) return 0;
  return publishRecord(config, name, value);
}

}  // namespace certd::app
