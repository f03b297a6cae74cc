#include "certd/app/renewal_settings_of.h"

#include "shared/net/host_port.h"

namespace certd::app {
namespace {

// A host:port the config's checks accepted (or that nothing uses: then `fallback`).
shared::net::HostPort checkedHostPort(const std::string& text, shared::net::HostPort fallback) {
  return shared::net::parseHostPort(text).valueOr(std::move(fallback));
}

std::vector<shared::net::HostPort> checkedHostPorts(const std::vector<std::string>& texts) {
  std::vector<shared::net::HostPort> out;
  for (const auto& text : texts) out.push_back(checkedHostPort(text, {}));
  return out;
}

}  // namespace

renewal::ManagedCertificate managedCertificateOf(const CertificateConfig& effective,
                                                 bool prefer_dns_persist) {
  return {
      .name = effective.name,
      .domains = effective.domains,
      .key_type = effective.key_type.value_or(shared::pki::KeyType::kEcP256),
      .solver = {.kind = challenge::parseSolverKind(effective.solver)
                             .value_or(challenge::SolverKind::kStandalone),
                 .webroot = effective.webroot},
      .prefer_dns_persist = prefer_dns_persist,
      .preferred_chain = effective.preferred_chain,
      .profile = effective.profile,
      .deploy_hook = effective.deploy_hook,
      .failure_hook = effective.failure_hook,
  };
}

std::vector<renewal::ManagedCertificate> managedCertificates(const CertdConfig& config) {
  std::vector<renewal::ManagedCertificate> list;
  for (const CertificateConfig& cert : effectiveCertificates(config))
    list.push_back(managedCertificateOf(cert, config.dns_persist_prefer));
  return list;
}

renewal::AcmeSessionSettings acmeSessionSettingsOf(const CertdConfig& config) {
  return {.directory_url = config.directoryUrl(),
          .ca_bundle = config.ca_bundle,
          .state_dir = config.stateDir(),
          .account_key_type = config.account_key_type,
          .email = config.email,
          .eab_kid = config.eab_kid,
          .eab_hmac_key = config.eab_hmac_key,
          .eab_hmac_key_file = config.eab_hmac_key_file};
}

challenge::SolverSettings solverSettingsOf(const CertdConfig& config) {
  challenge::SolverSettings settings;
  settings.http01_listen = {config.acme_listen, static_cast<std::uint16_t>(config.acme_port)};
  settings.tls_alpn01_listen = checkedHostPort(config.tls_alpn_listen, {"", 443});
  challenge::Dns01Rfc2136Options& dns01 = settings.dns01;
  dns01.server = checkedHostPort(config.dns_server, {});
  dns01.zone = config.dns_zone;
  dns01.tsig_key_name = config.dns_tsig_key;
  dns01.tsig_algorithm = config.dns_tsig_algorithm;
  dns01.tsig_secret = config.dns_tsig_secret;
  dns01.propagation.resolvers = checkedHostPorts(config.dns_resolvers);
  dns01.propagation.authoritative_servers = checkedHostPorts(config.dns_authoritative);
  dns01.propagation.timeout = config.dns_propagation_timeout;
  dns01.propagation.poll_interval = std::chrono::milliseconds(500);
  challenge::DnsPersist01Options& persist = settings.dns_persist01;
  persist.issuer = config.dns_persist_issuer;
  persist.zone = config.dns_zone;
  persist.propagation = dns01.propagation;
  return settings;
}

renewal::RenewalSettings renewalSettingsOf(const CertdConfig& config) {
  return {.certificates = managedCertificates(config),
          .certs_dir = config.certs_dir,
          .keep_generations = config.keep_generations,
          .key_group = keyGroupId(config.key_group),
          .max_concurrent_orders = config.max_concurrent_orders,
          .session = acmeSessionSettingsOf(config),
          .solvers = solverSettingsOf(config)};
}

}  // namespace certd::app
