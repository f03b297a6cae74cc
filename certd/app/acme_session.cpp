#include "certd/app/acme_session.h"

#include <Poco/Exception.h>

#include <cctype>

#include "certd/issue/account_key_rollover.h"
#include "certd/issue/account_setup.h"
#include "shared/fs/atomic_file.h"

namespace certd::app {
namespace {

// The EAB credentials from the config; the key from eab_hmac_key or its file.
shared::Result<acme::EabCredentials> eabOf(const CertdConfig& config) {
  acme::EabCredentials eab{config.eab_kid, config.eab_hmac_key};
  if (eab.kid.empty() || !eab.hmac_key_b64url.empty()) return eab;
  auto text = shared::fs::readFile(config.eab_hmac_key_file);
  if (!text) return text.status().withContext("eab_hmac_key_file");
  std::string key = std::move(text).value();
  while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
  eab.hmac_key_b64url = std::move(key);
  return eab;
}

}  // namespace

AcmeSession::AcmeSession(const CertdConfig& config)
    : store(config.stateDir(), config.directoryUrl()) {}

shared::Result<std::unique_ptr<AcmeSession>> openAcmeSession(const CertdConfig& config,
                                                             SessionOptions session_options) {
  auto session = std::make_unique<AcmeSession>(config);
  bool fresh_key = false;
  auto key = session->store.loadOrCreateKey(shared::pki::KeyType::kEcP256, fresh_key);
  if (!key) return key.status();
  auto signer = acme::JwsSigner::create(std::move(key).value());
  if (!signer) return signer.status();
  auto eab = eabOf(config);
  if (!eab) return eab.status();
  try {
    acme::ClientOptions options;
    options.directory_url = config.directoryUrl();
    options.http.ca_bundle = config.ca_bundle;
    session->client = std::make_unique<acme::AcmeClient>(options, std::move(signer).value());
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument("acme: TLS setup (ca_bundle " + config.ca_bundle +
                                           "): " + e.displayText());
  }
  if (shared::Status status = session->client->loadDirectory(); !status) return status;
  if (shared::Status status = issue::settlePendingKey(*session->client, session->store); !status)
    return status;
  std::vector<std::string> emails;
  if (!config.email.empty()) emails.push_back(config.email);
  issue::AccountSettings settings{emails, std::move(eab).value(), session_options.allow_register};
  if (shared::Status status =
          issue::ensureAccount(*session->client, session->store, settings, fresh_key);
      !status) {
    return status;
  }
  return session;
}

}  // namespace certd::app
