#pragma once

// CertdConfig: every setting of certd as typed fields with their defaults, and the Schema
// that binds them to YAML keys, CERTD_* variables and flags (shared/config/schema.h).
// The one-certificate case needs only CERTD_DOMAIN and CERTD_EMAIL.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "certd/app/key_group.h"
#include "shared/config/schema.h"
#include "shared/log/logging.h"
#include "shared/pki/key_type.h"

namespace certd::app {

inline constexpr const char* kLetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";
inline constexpr const char* kLetsEncryptStaging =
    "https://acme-staging-v02.api.letsencrypt.org/directory";

// One entry of the YAML `certificates:` list; empty fields take the top-level value.
struct CertificateConfig {
  std::string name;  // file name stem; default: the first domain
  std::vector<std::string> domains;
  std::optional<shared::pki::KeyType> key_type;
  std::string solver;  // "standalone", "webroot", "dns-01", "tls-alpn-01", "dns-persist-01"
  std::string webroot;
  std::string preferred_chain;
  std::string profile;
  std::string deploy_hook;   // "" takes the top-level deploy_hook
  std::string failure_hook;  // "" takes the top-level failure_hook
};

struct CertdConfig {
  std::vector<std::string> domains;  // the first names the certificate
  std::string email;
  std::string directory = "letsencrypt";  // letsencrypt, letsencrypt-staging or an https URL
  int acme_port = 80;
  std::string certs_dir = "./certs";
  std::string state_dir;              // empty: {certs_dir}/.certd
  std::optional<KeyGroup> key_group;  // may read the keys (0640); absent: 0600
  shared::pki::KeyType key_type = shared::pki::KeyType::kEcP256;
  // The key of a new ACME account (ec256 signs ES256, rsa* RS256). A stored account key is
  // never replaced because this changed.
  shared::pki::KeyType account_key_type = shared::pki::KeyType::kEcP256;
  // Certificates ordered at the same time in one pass, each over its own connection.
  int max_concurrent_orders = 4;
  int keep_generations = 3;  // generations of each certificate kept, the live one included
  std::string ca_bundle;     // extra CA certificates to trust for the ACME server (Pebble)
  std::string acme_listen;   // host of the HTTP-01 listener; "" = every address
  // http-01 by its own listener or by files in `webroot`; dns-01 by RFC 2136 updates;
  // tls-alpn-01 by its own TLS listener on `tls_alpn_listen`.
  std::string solver = "standalone";
  std::string webroot;                          // folder served as http://DOMAIN/ by another server
  std::string preferred_chain;                  // issuer CN of the chain's topmost certificate
  std::string profile;                          // ACME profile name sent on new orders
  std::string eab_kid;                          // External Account Binding key id
  std::string eab_hmac_key;                     // its HMAC key (base64url); secret, never printed
  std::string eab_hmac_key_file;                // or a file holding it
  std::vector<CertificateConfig> certificates;  // many certificates; else one from `domain`
  std::string deploy_hook;                      // sh command after a certificate changed
  std::string failure_hook;                     // sh command after a failed attempt
  std::chrono::seconds hook_timeout{60};        // then the hook's process group is killed
  std::string admin_listen;                     // "host:port" of /healthz etc.; "" = off
  std::string tls_alpn_listen = ":443";         // tls-alpn-01 listener
  // dns-01 (RFC 2136 dynamic update signed with TSIG):
  std::string dns_server;    // primary taking updates, IP:port
  std::string dns_zone;      // "" = found by SOA queries through dns_resolvers
  std::string dns_tsig_key;  // TSIG key name
  std::string dns_tsig_algorithm = "hmac-sha256";
  std::string dns_tsig_secret;                 // base64; secret, never printed
  std::vector<std::string> dns_resolvers;      // IP:port; the only resolvers certd asks
  std::vector<std::string> dns_authoritative;  // IP:port to check; "" = NS lookup
  std::chrono::seconds dns_propagation_timeout{120};
  // dns-persist-01 (draft-ietf-acme-dns-persist):
  std::string dns_persist_issuer;   // the CA's issuer domain name until the CA names it
  bool dns_persist_prefer = false;  // use it wherever the CA offers it; `solver` elsewhere
  shared::log::Options log;
  // Not a key: set by commands that need no certificate (`certd account`), so an empty
  // domain list is no error for them.
  bool domains_optional = false;

  // The ACME directory URL, with the names resolved.
  std::string directoryUrl() const;
  // state_dir, or its default under certs_dir.
  std::string stateDir() const;
};

// The schema of `config`; keep `config` alive while the schema is used.
shared::config::Schema buildSchema(CertdConfig& config);

// Cross-key checks, one small function each.
std::optional<shared::config::Problem> checkDomains(const CertdConfig& config);
std::optional<shared::config::Problem> checkEmail(const CertdConfig& config);
std::optional<shared::config::Problem> checkDirectory(const CertdConfig& config);
std::optional<shared::config::Problem> checkSolver(const CertdConfig& config);
std::optional<shared::config::Problem> checkEab(const CertdConfig& config);
std::optional<shared::config::Problem> checkCertificates(const CertdConfig& config);
std::optional<shared::config::Problem> checkAdminListen(const CertdConfig& config);

// What is wrong with a list of certificate names, as a problem at `path` ("domain" or
// "certificates[1].domains"); nullopt when every name is fine.
// `solver` decides what the names may be: wildcards only with dns-01 or dns-persist-01, IP
// addresses never with either.
std::optional<shared::config::Problem> checkDomainList(const std::vector<std::string>& domains,
                                                       const std::string& path,
                                                       const std::string& solver);
// dns-01, when some certificate uses it: server, TSIG key, resolvers; every IP:port parses.
std::optional<shared::config::Problem> checkDns01(const CertdConfig& config);
// tls-alpn-01, when some certificate uses it: tls_alpn_listen parses as HOST:PORT.
std::optional<shared::config::Problem> checkTlsAlpnListen(const CertdConfig& config);
// dns_persist.issuer, when set: a lower-case domain name in A-labels without trailing dot.
std::optional<shared::config::Problem> checkDnsPersist(const CertdConfig& config);

// The certificates to manage, with every empty field filled from the top level: the
// `certificates` list, or one certificate made of `domain` and the top-level settings;
// empty when neither names a domain. The one list renew, run and status all work on.
std::vector<CertificateConfig> effectiveCertificates(const CertdConfig& config);

}  // namespace certd::app
