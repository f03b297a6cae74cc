#include "certd/renewal/acme_session.h"

#include <Poco/Exception.h>

#include <cctype>

#include "certd/issue/account_key_rollover.h"
#include "certd/issue/account_setup.h"
#include "shared/fs/atomic_file.h"
#include "shared/log/fields.h"
#include "shared/log/logging.h"

namespace certd::renewal {
namespace {

// The EAB credentials from the settings; the key from eab_hmac_key or its file.
shared::Result<acme::EabCredentials> eabOf(const AcmeSessionSettings& settings) {
  acme::EabCredentials eab{settings.eab_kid, settings.eab_hmac_key};
  if (eab.kid.empty() || !eab.hmac_key_b64url.empty()) return eab;
  auto text = shared::fs::readFile(settings.eab_hmac_key_file);
  if (!text) return text.status().withContext("eab_hmac_key_file");
  std::string key = std::move(text).value();
  while (!key.empty() && std::isspace(static_cast<unsigned char>(key.back()))) key.pop_back();
  eab.hmac_key_b64url = std::move(key);
  return eab;
}

shared::Result<state::CertificateLock> lockAccount(const state::AccountStore& store) {
  return state::CertificateLock::acquireFile(store.layout().lockFile(), "account lock");
}

// Settles an interrupted key change (account_key_rollover.h) under the account lock; while
// another process holds it (a rollover in progress there) the pending key is its business.
shared::Status settleUnderLock(AcmeSession& session) {
  if (session.account_lock) return issue::settlePendingKey(*session.client, session.store);
  if (!std::filesystem::exists(session.store.pendingKeyPath())) return shared::Status::ok();
  auto lock = lockAccount(session.store);
  if (!lock) {
    if (lock.status().code() != shared::Status::Code::kUnavailable) return lock.status();
    shared::log::get("certd.acme")
        ->info("a key change is in progress in another process, using the current key ({})",
               lock.status().message());
    return shared::Status::ok();
  }
  return issue::settlePendingKey(*session.client, session.store);
}

// Replacing the key of an existing account needs a key rollover (RFC 8555 §7.3.5), not a
// new key: a changed account_key_type is reported and the stored key stays in use.
void warnOnKeyTypeMismatch(const shared::pki::PrivateKey& key, shared::pki::KeyType configured,
                           bool fresh_key) {
  if (fresh_key) return;
  const auto stored = key.keyType();
  if (stored == configured) return;
  static const auto log = shared::log::get("certd.acme");
  shared::log::warn(
      log, "stored account key differs from account_key_type, keeping the stored key",
      {{"stored", stored ? std::string(shared::pki::keyTypeName(*stored)) : key.description()},
       {"configured", shared::pki::keyTypeName(configured)}});
}

// A client for the configured CA with the directory loaded.
shared::Result<std::unique_ptr<acme::AcmeClient>> makeClient(const AcmeSessionSettings& settings,
                                                             acme::JwsSigner signer) {
  std::unique_ptr<acme::AcmeClient> client;
  try {
    acme::ClientOptions options;
    options.directory_url = settings.directory_url;
    options.http.ca_bundle = settings.ca_bundle;
    client = std::make_unique<acme::AcmeClient>(options, std::move(signer));
  } catch (const Poco::Exception& e) {
    return shared::Status::invalidArgument("acme: TLS setup (ca_bundle " + settings.ca_bundle +
                                           "): " + e.displayText());
  }
  if (shared::Status status = client->loadDirectory(); !status) return status;
  return client;
}

issue::AccountSettings accountSettings(const AcmeSessionSettings& settings,
                                       acme::EabCredentials eab, bool allow_register = true) {
  std::vector<std::string> emails;
  if (!settings.email.empty()) emails.push_back(settings.email);
  return {emails, std::move(eab), allow_register};
}

}  // namespace

AcmeSession::AcmeSession(const AcmeSessionSettings& settings)
    : store(settings.state_dir, settings.directory_url) {}

shared::Result<std::unique_ptr<AcmeSession>> openAcmeSession(const AcmeSessionSettings& settings,
                                                             SessionOptions session_options) {
  auto session = std::make_unique<AcmeSession>(settings);
  if (session_options.hold_account_lock) {
    auto lock = lockAccount(session->store);
    if (!lock) return lock.status();
    session->account_lock.emplace(std::move(lock).value());
  }
  bool fresh_key = false;
  auto key = session->store.loadOrCreateKey(settings.account_key_type, fresh_key);
  if (!key) return key.status();
  warnOnKeyTypeMismatch(*key, settings.account_key_type, fresh_key);
  auto signer = acme::JwsSigner::create(std::move(key).value());
  if (!signer) return signer.status();
  auto eab = eabOf(settings);
  if (!eab) return eab.status();
  auto client = makeClient(settings, std::move(signer).value());
  if (!client) return client.status();
  session->client = std::move(client).value();
  if (shared::Status status = settleUnderLock(*session); !status) return status;
  if (shared::Status status = issue::ensureAccount(
          *session->client, session->store,
          accountSettings(settings, std::move(eab).value(), session_options.allow_register),
          fresh_key);
      !status) {
    return status;
  }
  return session;
}

shared::Result<std::unique_ptr<acme::AcmeClient>> openExtraClient(
    const AcmeSessionSettings& settings, AcmeSession& session) {
  auto eab = eabOf(settings);
  if (!eab) return eab.status();
  auto client = makeClient(settings, session.client->signer());
  if (!client) return client.status();
  // The stored URL is there (the session saved it), so this only installs the hook.
  if (shared::Status status = issue::ensureAccount(
          **client, session.store, accountSettings(settings, std::move(eab).value()), false);
      !status) {
    return status;
  }
  return client;
}

}  // namespace certd::renewal
