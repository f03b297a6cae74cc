#pragma once

// CertdConfig: every setting of certd as typed fields with their defaults, and the Schema
// that binds them to YAML keys, CERTD_* variables and flags (shared/config/schema.h).
// The one-certificate case needs only CERTD_DOMAIN and CERTD_EMAIL.

#include <optional>
#include <string>
#include <vector>

#include "shared/config/schema.h"
#include "shared/log/logging.h"
#include "shared/pki/key_type.h"

namespace certd::app {

inline constexpr const char* kLetsEncrypt = "https://acme-v02.api.letsencrypt.org/directory";
inline constexpr const char* kLetsEncryptStaging =
    "https://acme-staging-v02.api.letsencrypt.org/directory";

struct CertdConfig {
  std::vector<std::string> domains;  // the first names the certificate
  std::string email;
  std::string directory = "letsencrypt";  // letsencrypt, letsencrypt-staging or an https URL
  int acme_port = 80;
  std::string certs_dir = "./certs";
  std::string state_dir;  // empty: {certs_dir}/.certd
  shared::pki::KeyType key_type = shared::pki::KeyType::kEcP256;
  std::string ca_bundle;  // extra CA certificates to trust for the ACME server (Pebble)
  shared::log::Options log;

  // The ACME directory URL, with the names resolved.
  std::string directoryUrl() const;
  // state_dir, or its default under certs_dir.
  std::string stateDir() const;
};

// The schema of `config`; keep `config` alive while the schema is used.
shared::config::Schema buildSchema(CertdConfig& config);

// Cross-key checks, one small function each (STYLE.md 6).
std::optional<shared::config::Problem> checkDomains(const CertdConfig& config);
std::optional<shared::config::Problem> checkEmail(const CertdConfig& config);
std::optional<shared::config::Problem> checkDirectory(const CertdConfig& config);

}  // namespace certd::app
