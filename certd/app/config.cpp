#include "certd/app/config.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "certd/app/certificate_list.h"
#include "certd/challenge/dns_persist_record.h"
#include "shared/net/host_port.h"

namespace certd::app {
namespace {

using shared::config::Problem;

bool isIpAddress(const std::string& name) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, name.c_str(), buffer) == 1 ||
         inet_pton(AF_INET6, name.c_str(), buffer) == 1;
}

// RFC 1035 section 2.3.1 host names, lower-case letters, digits and hyphens, with an
// optional leading "*." label; returns what is wrong, or "" when the name is fine.
std::string dnsNameProblem(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name.size() > 253) return "is longer than 253 characters";
  std::string_view rest = name;
  if (rest.starts_with("*.")) rest.remove_prefix(2);
  if (rest.find('.') == std::string_view::npos)
    return "needs at least two labels, as in example.com";
  while (true) {
    const auto dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    if (label.empty() || label.size() > 63) return "has an empty or over-long label";
    if (label.front() == '-' || label.back() == '-')
      return "has a label that starts or ends with '-'";
    for (const char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') {
        return std::string("has the character '") + c + "', which a host name cannot hold";
      }
    }
    if (dot == std::string_view::npos) break;
    rest.remove_prefix(dot + 1);
  }
  return "";
}

}  // namespace

std::string CertdConfig::directoryUrl() const {
  if (directory == "letsencrypt") return kLetsEncrypt;
  if (directory == "letsencrypt-staging") return kLetsEncryptStaging;
  return directory;
}

std::string CertdConfig::stateDir() const {
  return state_dir.empty() ? certs_dir + "/.certd" : state_dir;
}

namespace {

void addKeyType(shared::config::Schema& schema, const std::string& key, shared::pki::KeyType& field,
                const std::string& help) {
  schema.addCustom<shared::pki::KeyType>(
      key, field, "TYPE", help,
      [](const shared::config::RawValue& raw) -> shared::Result<shared::pki::KeyType> {
        auto text = raw.scalar();
        if (!text) return text.status();
        return shared::pki::parseKeyType(*text);
      },
      [](const shared::pki::KeyType& type) { return std::string(shared::pki::keyTypeName(type)); });
}

}  // namespace

shared::config::Schema buildSchema(CertdConfig& config) {
  shared::config::Schema schema("CERTD_");
  schema.addList("domain", config.domains, "NAME,...",
                 "domains on the certificate (comma-separated); the first names its files");
  schema.addString("email", config.email, "ADDRESS", "contact e-mail for the ACME account");
  schema.addString("directory", config.directory, "URL",
                   "ACME directory: letsencrypt, letsencrypt-staging or an https URL");
  schema.addInteger("acme_port", config.acme_port, 1, 65535, "PORT",
                    "port of the HTTP-01 challenge listener");
  schema.addString("certs_dir", config.certs_dir, "DIR", "where certificates are written");
  schema.addString("state_dir", config.state_dir, "DIR",
                   "private state: account, attempts, locks (default: CERTS_DIR/.certd)");
  schema.addCustom<std::optional<KeyGroup>>(
      "key_group", config.key_group, "GROUP",
      "group allowed to read the private keys (mode 0640 instead of 0600), by name or number",
      [](const shared::config::RawValue& raw) -> shared::Result<std::optional<KeyGroup>> {
        auto text = raw.scalar();
        if (!text) return text.status();
        return resolveKeyGroup(*text);
      },
      [](const std::optional<KeyGroup>& group) { return group ? group->name : std::string(); });
  addKeyType(schema, "key_type", config.key_type,
             "certificate key: ec256, ec384, rsa2048, rsa3072, rsa4096");
  addKeyType(schema, "account_key_type", config.account_key_type,
             "key of a new ACME account: ec256 (ES256, default), ec384 (ES384), rsa2048, rsa3072, "
             "rsa4096 (RS256); an existing account keeps its stored key");
  schema.addInteger("max_concurrent_orders", config.max_concurrent_orders, 1, 32, "N",
                    "certificates ordered at the same time in one pass, each over its own "
                    "connection to the CA");
  schema.addInteger("keep_generations", config.keep_generations, 1, 100, "N",
                    "generations of each certificate kept on disk for rollback, the live one "
                    "included");
  schema.addString("ca_bundle", config.ca_bundle, "FILE",
                   "extra CA certificates (PEM) to trust for the ACME server, as Pebble needs");
  schema.addString("acme_listen", config.acme_listen, "HOST",
                   "address of the HTTP-01 listener (default: every address)");
  schema.addChoice("solver", config.solver,
                   {"standalone", "webroot", "dns-01", "tls-alpn-01", "dns-persist-01"},
                   "challenge: standalone (http-01, own listener on acme_port), webroot "
                   "(http-01 files), dns-01 (RFC 2136 updates; wildcards), tls-alpn-01 or "
                   "dns-persist-01 (a persistent TXT record published beforehand; wildcards)");
  schema.addString("webroot", config.webroot, "DIR",
                   "webroot solver: folder served by another web server at http://DOMAIN/");
  schema.addString(
      "preferred_chain", config.preferred_chain, "NAME",
      "common name of the root CA the chain should end at, when the CA offers several");
  schema.addString("profile", config.profile, "NAME", "ACME certificate profile to request");
  schema.addString("eab_kid", config.eab_kid, "KID", "External Account Binding key id");
  schema
      .addString("eab_hmac_key", config.eab_hmac_key, "KEY",
                 "External Account Binding HMAC key (base64url)")
      .secretValue();
  schema.addString("eab_hmac_key_file", config.eab_hmac_key_file, "FILE",
                   "file holding the External Account Binding HMAC key");
  schema.addCustom<std::vector<CertificateConfig>>(
      "certificates", config.certificates, "LIST",
      "certificates to manage (YAML only): name, domains, key_type, solver, webroot, "
      "preferred_chain, profile, deploy_hook, failure_hook",
      parseCertificateList, describeCertificateList);
  schema.addString("deploy_hook", config.deploy_hook, "COMMAND",
                   "shell command run (/bin/sh -c) after a certificate changed");
  schema.addString("failure_hook", config.failure_hook, "COMMAND",
                   "shell command run (/bin/sh -c) after a failed attempt");
  schema.addDuration("hook_timeout", config.hook_timeout, {},
                     "how long a hook may run before its process group is killed");
  schema.addString("tls_alpn_listen", config.tls_alpn_listen, "HOST:PORT",
                   "tls-alpn-01: address of the challenge listener (the CA connects to 443)");
  schema.addString("dns.server", config.dns_server, "IP:PORT",
                   "dns-01: the primary name server that accepts RFC 2136 updates");
  schema.addString("dns.zone", config.dns_zone, "ZONE",
                   "dns-01: the zone to update (default: found through dns.resolvers)");
  schema.addString("dns.tsig_key", config.dns_tsig_key, "NAME", "dns-01: TSIG key name");
  schema.addChoice("dns.tsig_algorithm", config.dns_tsig_algorithm, {"hmac-sha256", "hmac-sha512"},
                   "dns-01: TSIG algorithm");
  schema.addString("dns.tsig_secret", config.dns_tsig_secret, "BASE64", "dns-01: TSIG secret")
      .secretValue();
  schema.addList("dns.resolvers", config.dns_resolvers, "IP:PORT,...",
                 "dns-01: resolvers for finding the zone's name servers (never the system's)");
  schema.addList("dns.authoritative_servers", config.dns_authoritative, "IP:PORT,...",
                 "dns-01: the servers that must serve the record (default: the zone's NS "
                 "records, looked up through dns.resolvers)");
  schema.addDuration("dns.propagation_timeout", config.dns_propagation_timeout, {},
                     "dns-01: how long every authoritative server may take to serve the record");
  schema.addString("dns_persist.issuer", config.dns_persist_issuer, "DOMAIN",
                   "dns-persist-01: the CA's issuer domain name for the record (Let's Encrypt: "
                   "letsencrypt.org); the name the CA lists in its directory or challenge wins");
  schema.addBool("dns_persist.prefer", config.dns_persist_prefer,
                 "answer dns-persist-01 wherever the CA offers it, the certificate's solver "
                 "elsewhere");
  schema.addString("admin_listen", config.admin_listen, "HOST:PORT",
                   "certd run: plain-HTTP /healthz, /readyz and /metrics (empty: off); "
                   "\":9180\" (no host) listens on every interface, 127.0.0.1:9180 on "
                   "loopback only");
  schema.addChoice("log.level", config.log.level, shared::log::kLevels, "log level");
  schema.addChoice("log.format", config.log.format, shared::log::kFormats,
                   "log format: text for people, json for one object per line");
  schema.addCheck([&config] { return checkDomains(config); });
  schema.addCheck([&config] { return checkEmail(config); });
  schema.addCheck([&config] { return checkDirectory(config); });
  schema.addCheck([&config] { return checkSolver(config); });
  schema.addCheck([&config] { return checkAdminListen(config); });
  schema.addCheck([&config] { return checkEab(config); });
  schema.addCheck([&config] { return checkCertificates(config); });
  schema.addCheck([&config] { return checkDns01(config); });
  schema.addCheck([&config] { return checkTlsAlpnListen(config); });
  schema.addCheck([&config] { return checkDnsPersist(config); });
  return schema;
}

std::optional<Problem> checkDomains(const CertdConfig& config) {
  if (config.domains.empty() && (!config.certificates.empty() || config.domains_optional)) {
    return std::nullopt;
  }
  return checkDomainList(config.domains, "domain", config.solver);
}

std::optional<Problem> checkDomainList(const std::vector<std::string>& domains,
                                       const std::string& list_path, const std::string& solver) {
  if (domains.empty()) return Problem{list_path, "at least one domain is required"};
  for (std::size_t i = 0; i < domains.size(); ++i) {
    const std::string& name = domains[i];
    const std::string path = list_path + "[" + std::to_string(i) + "]";
    if (isIpAddress(name)) {
      if (solver == "dns-01" || solver == "dns-persist-01")
        return Problem{path,
                       "\"" + name + "\" is an IP address, which " + solver + " cannot prove"};
      continue;
    }
    if (name.starts_with("*.")) {
      if (solver != "dns-01" && solver != "dns-persist-01") {
        return Problem{path, "\"" + name +
                                 "\" is a wildcard, which needs the dns-01 or dns-persist-01 "
                                 "challenge"};
      }
      if (std::string problem = dnsNameProblem(name.substr(2)); !problem.empty())
        return Problem{path, "\"" + name + "\" " + problem};
      continue;
    }
    if (std::string problem = dnsNameProblem(name); !problem.empty()) {
      return Problem{path, "\"" + name + "\" " + problem};
    }
    if (std::count(domains.begin(), domains.begin() + static_cast<long>(i), name) > 0) {
      return Problem{path, "\"" + name + "\" is listed twice"};
    }
  }
  return std::nullopt;
}

std::optional<Problem> checkEmail(const CertdConfig& config) {
  if (config.email.empty()) return std::nullopt;  // an account without contact is allowed
  const auto at = config.email.find('@');
  const bool well_formed = at != std::string::npos && at > 0 &&
                           config.email.find('@', at + 1) == std::string::npos &&
                           config.email.find('.', at) != std::string::npos &&
                           config.email.find_first_of(" ,;<>") == std::string::npos;
  if (!well_formed) return Problem{"email", "\"" + config.email + "\" is not an e-mail address"};
  return std::nullopt;
}

std::optional<Problem> checkDirectory(const CertdConfig& config) {
  const std::string url = config.directoryUrl();
  if (!url.starts_with("https://")) {
    return Problem{"directory",
                   "\"" + config.directory +
                       "\" is neither letsencrypt, letsencrypt-staging nor an https:// URL"};
  }
  return std::nullopt;
}

}  // namespace certd::app

namespace certd::app {

std::optional<shared::config::Problem> checkSolver(const CertdConfig& config) {
  if (config.solver == "webroot" && config.webroot.empty() && config.certificates.empty()) {
    return shared::config::Problem{"webroot", "the webroot solver needs a webroot folder"};
  }
  return std::nullopt;
}

std::optional<shared::config::Problem> checkEab(const CertdConfig& config) {
  const bool has_key = !config.eab_hmac_key.empty() || !config.eab_hmac_key_file.empty();
  if (!config.eab_kid.empty() && !has_key) {
    return shared::config::Problem{"eab_hmac_key",
                                   "eab_kid is set but neither eab_hmac_key nor "
                                   "eab_hmac_key_file is"};
  }
  if (config.eab_kid.empty() && has_key) {
    return shared::config::Problem{"eab_kid", "an EAB HMAC key is set but eab_kid is not"};
  }
  return std::nullopt;
}

std::optional<Problem> checkAdminListen(const CertdConfig& config) {
  if (config.admin_listen.empty()) return std::nullopt;
  auto parsed = shared::net::parseHostPort(config.admin_listen);
  if (!parsed) return Problem{"admin_listen", parsed.status().message()};
  return std::nullopt;
}

std::optional<Problem> checkDns01(const CertdConfig& config) {
  bool used = config.solver == "dns-01";
  for (const auto& cert : config.certificates) used = used || cert.solver == "dns-01";
  if (!used) return std::nullopt;
  if (config.dns_server.empty())
    return Problem{"dns.server", "the dns-01 solver needs the name server that takes updates"};
  if (auto parsed = shared::net::parseHostPort(config.dns_server); !parsed)
    return Problem{"dns.server", parsed.status().message()};
  if (config.dns_tsig_key.empty() || config.dns_tsig_secret.empty())
    return Problem{"dns.tsig_key", "the dns-01 solver needs a TSIG key name and secret"};
  if (config.dns_resolvers.empty())
    return Problem{"dns.resolvers",
                   "the dns-01 solver needs resolvers to find the zone's name servers "
                   "(certd never asks the system resolver)"};
  for (std::size_t i = 0; i < config.dns_resolvers.size(); ++i) {
    if (auto parsed = shared::net::parseHostPort(config.dns_resolvers[i]); !parsed)
      return Problem{"dns.resolvers[" + std::to_string(i) + "]", parsed.status().message()};
  }
  for (std::size_t i = 0; i < config.dns_authoritative.size(); ++i) {
    if (auto parsed = shared::net::parseHostPort(config.dns_authoritative[i]); !parsed)
      return Problem{"dns.authoritative_servers[" + std::to_string(i) + "]",
                     parsed.status().message()};
  }
  return std::nullopt;
}

std::optional<Problem> checkDnsPersist(const CertdConfig& config) {
  if (config.dns_persist_issuer.empty()) return std::nullopt;
  if (std::string problem = challenge::issuerDomainNameProblem(config.dns_persist_issuer);
      !problem.empty()) {
    return Problem{"dns_persist.issuer", "\"" + config.dns_persist_issuer + "\" " + problem};
  }
  return std::nullopt;
}

std::optional<Problem> checkTlsAlpnListen(const CertdConfig& config) {
  bool used = config.solver == "tls-alpn-01";
  for (const auto& cert : config.certificates) used = used || cert.solver == "tls-alpn-01";
  if (!used) return std::nullopt;
  if (auto parsed = shared::net::parseHostPort(config.tls_alpn_listen); !parsed)
    return Problem{"tls_alpn_listen", parsed.status().message()};
  return std::nullopt;
}

}  // namespace certd::app
